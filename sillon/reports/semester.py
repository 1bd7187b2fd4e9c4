"""The sections of the semester monitoring report (docs/spec/reports.md), in order."""

from datetime import date

from django.utils.translation import gettext as _

from sillon.catalogue.periods import year_to_date
from sillon.indicators.followup import confirmed_sentence
from sillon.reports import key_figures, mission
from sillon.reports.blocks import Cell, Row, Section, Table, Text
from sillon.reports.context import Context, values_of
from sillon.reports.followup import followup_blocks


def sections(ctx: Context, gaps: list) -> list[Section]:
    ytd_period = year_to_date(ctx.period)
    ytd = ctx.values if ytd_period == ctx.period else values_of(ctx.organisation, ytd_period)
    targets = ctx.targets(ctx.period.end.year)
    year_days = (date(ctx.period.end.year, 12, 31) - date(ctx.period.end.year, 1, 1)).days + 1
    elapsed = ytd_period.days / year_days

    table = key_figures.semester_table(ctx, ytd, targets)
    found = key_figures.reached(ctx, ytd, targets)
    table.chart = key_figures.gauge_chart(ctx, found)
    activity = [
        ctx.scalars(
            _("Activity"),
            [
                "projects.accompanied",
                "projects.new",
                "accompaniment.sessions",
                "accompaniment.hours",
                "community.events",
                "community.attendees",
                "coworking.desk_days",
            ],
        ),
        *(
            ctx.breakdown("projects.accompanied", name)
            for name in ("programme", "project_type", "sector_type")
        ),
        ctx.multi_breakdown(["accompaniment.sessions", "accompaniment.hours"], "kind"),
        *mission.outreach_blocks(ctx),
        # Follow-up questionnaires sent and answered in the semester, by wave.
        *followup_blocks(ctx),
    ]
    outcomes = [
        ctx.scalars(
            _("Outcomes of the semester"),
            [
                "enterprises.created",
                "jobs.created",
                "jobs.created_fte",
                "transfers.count",
                "accreditation.requested",
                "accreditation.obtained",
                "projects.stopped",
            ],
        ),
        ctx.breakdown("enterprises.created", "legal_form_family"),
        ctx.breakdown("jobs.created", "contract_type"),
        Text([confirmed_sentence(ctx.use("jobs.confirmed_share").value)]),
    ]
    late = key_figures.behind_pace(found, elapsed)
    alerts = [
        key_figures.pace_table(ctx, late, elapsed)
        if late
        else Text([_("No indicator with a target is behind its pace.")]),
        quality_table(gaps),
    ]
    if not targets:
        alerts.insert(0, Text([_("No target is recorded for this year.")], caveat=True))
    built = [
        Section(1, "key_figures", _("Key figures"), [table]),
        Section(2, "activity", _("Activity"), [b for b in activity if b]),
        Section(3, "outcomes", _("Outcomes of the semester"), [b for b in outcomes if b]),
        Section(4, "alerts", _("Alerts"), alerts),
    ]
    return built


def quality_table(gaps: list) -> Table:
    rows = [
        Row(
            str(line.gap.label),
            [Cell(line.count, "count"), Cell(str(line.gap.effect), "text")],
        )
        for line in gaps
    ]
    return Table(_("Data-quality gaps"), [_("Gap"), _("Records"), _("Effect on the figures")], rows)
