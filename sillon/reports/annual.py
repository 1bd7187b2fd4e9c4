"""The sections of the annual report (docs/spec/reports.md), in order."""

from datetime import date

from django.utils.translation import gettext as _

from sillon.catalogue.indicators import BY_ID
from sillon.catalogue.periods import Period, year_period
from sillon.comparison.baselines import BASELINES
from sillon.comparison.compare import compare
from sillon.indicators import enterprises as enterprise_indicators
from sillon.indicators.followup import confirmed_sentence
from sillon.outcomes.choices import EMES_CRITERIA
from sillon.reports import charts, key_figures, mission
from sillon.reports.blocks import Cell, Row, Section, Table, Text
from sillon.reports.context import Context, values_of
from sillon.reports.definitions import COMPARABLE_STRUCTURES, STATBEL_BRUSSELS, STATBEL_SOURCE
from sillon.reports.followup import FOLLOWUP_RATE, followup_blocks

JOB_FIGURES = ["jobs.created", "jobs.created_fte", "jobs.active_end", "jobs.active_end_fte"]
JOB_BREAKDOWNS = ["worker_status", "contract_type", "working_time", "joint_committee", "gender"]


def agreement_period(ctx: Context) -> Period | None:
    """Since the start of the funding agreement: from the first year with targets
    (the agreement's figures) to the end of the report's year; None without targets."""
    from sillon.outcomes.models import Target

    years = [
        int(p)
        for p in Target.objects.filter(organisation=ctx.organisation)
        .values_list("period", flat=True)
        .distinct()
        if p.isdigit()
    ]
    first = min((y for y in years if y <= ctx.period.start.year), default=None)
    if first is None or first == ctx.period.start.year:
        return None
    start = date(first, 1, 1)
    return Period(f"{start}..{ctx.period.end}", start, ctx.period.end)


def sections(ctx: Context) -> list[Section]:
    year = ctx.period.start.year
    previous = values_of(ctx.organisation, year_period(year - 1))
    targets = ctx.targets(year)
    built = [
        summary(ctx, previous, targets),
        projects(ctx),
        employment(ctx),
        enterprises(ctx),
        cost(ctx),
        accreditation(ctx),
        impact(ctx),
        partners(ctx),
        mission.annual_section(ctx),
        followup(ctx),
        comparison(ctx),
    ]
    for number, section in enumerate(built, start=1):
        section.number = number
    return built


def _keep(blocks) -> list:
    return [block for block in blocks if block]


def summary(ctx, previous, targets) -> Section:
    table = key_figures.annual_table(ctx, previous, targets)
    table.chart = key_figures.gauge_chart(ctx, key_figures.reached(ctx, ctx.values, targets))
    blocks = [table]
    if not targets:
        blocks.append(Text([_("No target is recorded for this year.")], caveat=True))
    return Section(0, "summary", _("Summary"), blocks)


def projects(ctx) -> Section:
    blocks = [
        ctx.scalars(
            _("Projects and project holders"),
            [
                "projects.accompanied",
                "projects.new",
                "projects.stopped",
                "holders.count",
                "holders.women_share",
            ],
        ),
        ctx.breakdown("projects.accompanied", "programme"),
        ctx.breakdown("projects.accompanied", "project_type", chart=False),
        ctx.breakdown("projects.accompanied", "sector_type"),
        ctx.breakdown("projects.accompanied", "legal_form_family"),
        ctx.breakdown("projects.accompanied", "nace_section"),
        ctx.breakdown("holders.count", "gender"),
        ctx.breakdown("holders.count", "situation_at_intake", chart=False),
        ctx.scalars(
            _("Accompaniment delivered"),
            [
                "accompaniment.sessions",
                "accompaniment.hours",
                "community.events",
                "community.attendees",
                "coworking.desk_days",
            ],
        ),
        ctx.multi_breakdown(["accompaniment.sessions", "accompaniment.hours"], "kind"),
        ctx.multi_breakdown(["accompaniment.sessions", "accompaniment.hours"], "programme"),
    ]
    return Section(0, "projects", _("Projects accompanied"), _keep(blocks))


def employment(ctx) -> Section:
    blocks = [
        ctx.scalars(_("Jobs"), JOB_FIGURES),
        *(ctx.multi_breakdown(JOB_FIGURES, name) for name in JOB_BREAKDOWNS),
        ctx.breakdown("jobs.created", "contract_type"),
        ctx.breakdown("jobs.active_end", "worker_status"),
        ctx.scalars(
            _("Working conditions at the end of the year"),
            ["jobs.permanent_share", "jobs.full_time_share", "jobs.joint_committee_coverage"],
        ),
        ctx.scalars(
            _("Persistence of the jobs created"),
            ["jobs.persistence_rate_1y", "jobs.persistence_rate_2y", FOLLOWUP_RATE],
        ),
        persistence(ctx),
        confirmed(ctx),
        cohort_employment(ctx),
    ]
    return Section(0, "employment", _("Employment"), _keep(blocks))


def confirmed(ctx) -> Text:
    """How much of the employment figures rests on confirmed data, in plain words."""
    return Text([confirmed_sentence(ctx.use("jobs.confirmed_share").value)])


def persistence(ctx) -> Table:
    table = ctx.table(
        "jobs.persistence_by_cohort",
        [
            ("cohort", _("Start year"), "year"),
            ("n", _("Jobs"), "count"),
            ("rate_1y", _("After 1 year"), "rate"),
            ("rate_2y", _("After 2 years"), "rate"),
        ],
    )
    rows = ctx.values["jobs.persistence_by_cohort"].rows or []
    if rows:
        table.chart = charts.lines(
            [(str(row["cohort"]), [(1, row["rate_1y"]), (2, row["rate_2y"])]) for row in rows[-5:]],
            _("Years after the start of the job"),
            ctx.texts("rate"),
        )
    return table


def cohort_employment(ctx) -> Table:
    columns = [("cohort", _("Creation year N"), "year"), ("enterprises", _("Enterprises"), "count")]
    for suffix, year in (("n", "N"), ("n1", "N+1"), ("n2", "N+2")):
        columns.append(
            (f"headcount_{suffix}", _("Jobs on 31 Dec. %(year)s") % {"year": year}, "count")
        )
        columns.append((f"fte_{suffix}", _("FTE on 31 Dec. %(year)s") % {"year": year}, "FTE"))
    table = ctx.table("jobs.cohort_employment", columns)
    table.note = _("Empty cells: that 31 December is after the as-of date.")
    return table


def enterprises(ctx) -> Section:
    blocks = [
        ctx.scalars(
            _("Enterprises"),
            [
                "enterprises.created",
                "enterprises.active_end",
                "enterprises.survival_rate_1y",
                "enterprises.survival_rate_2y",
                "enterprises.survival_rate_3y",
                FOLLOWUP_RATE,
            ],
        ),
        ctx.breakdown("enterprises.created", "legal_form_family"),
        ctx.breakdown("enterprises.created", "legal_form", chart=False),
        ctx.breakdown("enterprises.created", "sector_type", chart=False),
        ctx.breakdown("enterprises.created", "nace_section"),
        ctx.breakdown("enterprises.active_end", "legal_form_family", chart=False),
        survival_by_cohort(ctx),
        survival_curve(ctx),
        Text(
            [
                _(
                    "The regional baseline (Statbel) is not strictly comparable: Statbel "
                    "counts the enterprises active on 31 December of each following year "
                    "and leaves out VAT-exempt activity, hence many non-profit associations. "
                    "It gives an order of magnitude, not a ranking."
                )
            ],
            caveat=True,
        ),
    ]
    return Section(0, "enterprises", _("Enterprises"), _keep(blocks))


def survival_by_cohort(ctx) -> Table:
    columns = [("cohort", _("Creation year"), "year"), ("n", _("Enterprises"), "count")]
    columns += [(f"rate_{k}y", _("%(years)s y") % {"years": k}, "rate") for k in range(1, 6)]
    table = ctx.table("enterprises.survival_by_cohort", columns)
    table.rows.append(
        Row(
            STATBEL_SOURCE,
            [Cell(None, "count"), *(Cell(STATBEL_BRUSSELS[k], "rate") for k in range(1, 6))],
            emphasis=True,
        )
    )
    table.note = _("Empty cells: no enterprise of the cohort has reached that anniversary yet.")
    return table


def survival_curve(ctx) -> Table:
    table = ctx.table(
        "enterprises.survival_km",
        [
            ("years", _("Years after creation"), "year"),
            ("survival", _("Estimated survival"), "rate"),
            ("at_risk", _("Enterprises observed that long"), "count"),
        ],
    )
    for row in table.rows:
        year = int(row.label)
        row.cells.append(Cell(STATBEL_BRUSSELS.get(year), "rate"))
    table.head.append(str(STATBEL_SOURCE))
    km = ctx.values["enterprises.survival_km"].rows or []
    table.chart = charts.lines(
        [(_("Enterprises created (Kaplan–Meier)"), [(r["years"], r["survival"]) for r in km])],
        _("Years after creation"),
        ctx.texts("rate"),
        baseline=(_("Brussels-Capital Region (Statbel)"), STATBEL_BRUSSELS),
    )
    return table


def cost(ctx) -> Section:
    agreement = agreement_period(ctx)
    ratios = ["accompaniment.cost", *RATIO_IDS]
    if agreement:
        since = values_of(ctx.organisation, agreement)
        heading = _("Since %(start)s") % {"start": agreement.start.year}
        ratio_table = ctx.scalars(_("Cost and cost ratios"), ratios, [(heading, since)])
        ratio_table.head[1] = str(ctx.period.start.year)
        ratio_table.note = _(
            "“Since” covers the funding agreement, from the first year with targets."
        )
    else:
        ratio_table = ctx.scalars(_("Cost and cost ratios"), ratios)
    blocks = [
        ratio_table,
        ctx.breakdown("accompaniment.cost", "category"),
        ctx.breakdown("accompaniment.cost", "programme"),
        ctx.scalars(_("External experts"), ["experts.interventions", "experts.cost"]),
        ctx.multi_breakdown(["experts.interventions", "experts.cost"], "expert_type"),
    ]
    return Section(0, "cost", _("Cost of the accompaniment"), _keep(blocks))


RATIO_IDS = [
    "accompaniment.cost_per_project",
    "accompaniment.cost_per_enterprise_created",
    "accompaniment.cost_per_job_created",
]


def accreditation(ctx) -> Section:
    blocks = [
        ctx.scalars(
            _("Accreditation and transfers"),
            [
                "accreditation.requested",
                "accreditation.obtained",
                "accreditation.accredited_end",
                "transfers.count",
                "non_accreditation.reasons",
            ],
        ),
        ctx.breakdown("transfers.count", "partner", chart=False),
        ctx.breakdown("non_accreditation.reasons", "reason"),
    ]
    return Section(0, "accreditation", _("Accreditation and transfers"), _keep(blocks))


def impact(ctx) -> Section:
    blocks = [
        ctx.scalars(
            _("Societal impact"),
            [
                "impact.assessed",
                "impact.non_accredited_assessed_share",
                "impact.beneficiaries",
                "governance.projects_trained",
                "actions.diversity",
                "actions.environment",
            ],
        ),
        emes_profile(ctx),
        ctx.multi_breakdown(["actions.diversity", "actions.environment"], "scope"),
    ]
    return Section(0, "impact", _("Societal impact"), _keep(blocks))


def emes_profile(ctx) -> Table:
    ctx.use("impact.emes_profile")
    counts = {row["criterion"]: row for row in ctx.values["impact.emes_profile"].rows or []}
    rows = []
    for key, label, dimension in EMES_CRITERIA:
        row = counts.get(key, {})
        rows.append(
            Row(
                f"{label} ({dimension})",
                [
                    Cell(ctx.suppress_count(row.get(answer, 0)), "count")
                    for answer in ("yes", "partial", "no")
                ],
            )
        )
    head = [_("EMES criterion"), _("Yes"), _("Partly"), _("No")]
    return Table(ctx.label("impact.emes_profile"), head, rows)


def partners(ctx) -> Section:
    blocks = [
        ctx.scalars(_("Collaboration with partners"), ["partners.interactions"]),
        ctx.breakdown("partners.interactions", "partner"),
        ctx.breakdown("partners.interactions", "kind", chart=False),
        mission.synergies_table(ctx),
    ]
    return Section(0, "partners", _("Collaboration with partners"), _keep(blocks))


def followup(ctx) -> Section:
    """The follow-up after the accompaniment (docs/spec/followup.md)."""
    blocks = [*followup_blocks(ctx), confirmed(ctx)]
    return Section(0, "followup", _("Follow-up after the accompaniment"), _keep(blocks))


def comparison(ctx) -> Section:
    ours = ctx.scalars(
        _("Our figures for comparison"),
        [
            "enterprises.survival_rate_1y",
            "enterprises.survival_rate_3y",
            FOLLOWUP_RATE,
            "accompaniment.cost_per_job_created",
        ],
    )
    regional = Table(
        _("Regional baseline"),
        [_("Survival"), _("Enterprises created (Kaplan–Meier)"), str(STATBEL_SOURCE)],
        [
            Row(
                _("%(years)s y") % {"years": row["years"]},
                [Cell(row["survival"], "rate"), Cell(STATBEL_BRUSSELS[row["years"]], "rate")],
            )
            for row in ctx.values["enterprises.survival_km"].rows or []
        ],
    )
    applicants = ctx.scalars(
        _("Applications"), ["applications.received", "applications.acceptance_rate"]
    )
    blocks = [ours, regional, baselines_table(ctx), applicants, *comparison_group(ctx)]
    document = compare(ctx.organisation, ctx.period) if ctx.organisation.shares_with_peers else None
    if document and document["peers"]:
        blocks += peers_blocks(ctx, document)
        first = _(
            "The published figures below give an order of magnitude only: their "
            "definitions and periods differ from the catalogue's."
        )
    else:
        first = _(
            "No benchmark data of other support structures is loaded in Sillon. The "
            "published figures below give an order of magnitude only: their "
            "definitions and periods differ from the catalogue's."
        )
    blocks.append(Text([first, *(str(text) for text in COMPARABLE_STRUCTURES)], caveat=True))
    return Section(0, "comparison", _("Comparison with similar structures"), blocks)


def comparison_group(ctx) -> list:
    """Survival of the accompanied enterprises beside that of the enterprises of
    rejected and withdrawn applicants (comparison.survival), with its caveat."""
    ctx.use("comparison.survival")
    groups, enough = enterprise_indicators.comparison_table(ctx.values["comparison.survival"].rows)
    head = [_("Group"), _("Enterprises")]
    if enough:
        head += [
            _("%(years)s y") % {"years": years} for years in enterprise_indicators.SURVIVAL_YEARS
        ]
    rows = []
    for group in groups:
        cells = [Cell(group["n"], "count")]
        if enough:
            cells += [Cell(rate, "rate") for rate in group["rates"]]
        rows.append(Row(str(group["label"]), cells))
    table = Table(ctx.label("comparison.survival"), head, rows)
    if not enough:
        table.note = _(
            "Fewer than %(minimum)s enterprises in a group: only the sizes are given."
        ) % {"minimum": enterprise_indicators.COMPARISON_GROUP_MINIMUM}
    return [table, Text([str(enterprise_indicators.COMPARISON_CAVEAT)], caveat=True)]


def baselines_table(ctx) -> Table:
    """Each published baseline beside the matching indicator, with its source and caveat."""
    rows = []
    for indicator_id, baseline in BASELINES.items():
        ctx.use(indicator_id)
        unit = BY_ID[indicator_id].unit
        rows.append(
            Row(
                ctx.label(indicator_id),
                [
                    ctx.cell(indicator_id),
                    Cell(baseline.value, unit),
                    Cell(f"{baseline.source}. {baseline.caveat}", "text"),
                ],
            )
        )
    head = [_("Indicator"), _("Us"), _("Baseline"), _("Source")]
    return Table(_("Published baselines"), head, rows)


def peers_blocks(ctx, document: dict) -> list:
    """The peers' statistics of each comparable indicator (sillon.comparison.compare)."""
    rows = []
    for item in document["indicators"]:
        ctx.use(item["id"])
        unit = BY_ID[item["id"]].unit
        rank = f"{item['rank']} / {item['n'] + 1}" if item["rank"] else "—"
        rows.append(
            Row(
                ctx.label(item["id"]),
                [
                    Cell(item["value"], unit),
                    Cell(item["n"], "count"),
                    Cell(item["min"], unit),
                    Cell(item["q1"], unit),
                    Cell(item["median"], unit),
                    Cell(item["q3"], unit),
                    Cell(item["max"], unit),
                    Cell(rank, "text"),
                ],
            )
        )
    names = [
        peer["name"] + (f" ({peer['enterprise_number']})" if peer["enterprise_number"] else "")
        for peer in document["peers"]
    ]
    marked = [peer["name"] for peer in document["peers"] if peer["marked"]]
    notes = [
        _("Compared with %(count)s peers on the same definitions and period: %(names)s.")
        % {"count": len(names), "names": ", ".join(names)},
        _(
            "Rank 1 is the highest value (for a cost, lower is better). With fewer than 3 "
            "peer values an indicator shows no statistic, so that no single peer can be "
            "read off."
        ),
    ]
    if marked:
        notes.append(
            _(
                "Published under another version of the definitions, so their indicators "
                "changed since are left out: %(names)s."
            )
            % {"names": ", ".join(marked)}
        )
    table = Table(
        _("Peers"),
        [
            _("Indicator"),
            _("Us"),
            _("Peers"),
            _("Minimum"),
            _("First quartile"),
            _("Median"),
            _("Third quartile"),
            _("Maximum"),
            _("Rank"),
        ],
        rows,
    )
    return [table, Text(notes, caveat=True)]
