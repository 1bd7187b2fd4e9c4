"""The reports' part of the centre's whole mission (docs/spec/mission.md): outreach, hours
and cost per mission with the partners also covering them, stakes by enterprise and the
number of declarations of interest (never their text), and the definitions register's
versions in force at the period's end with their status."""

from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _

from sillon.catalogue.indicators import BY_ID
from sillon.mission.choices import DefinitionStatus, StakeKind
from sillon.mission.definitions import seed_definitions, versions_in_force
from sillon.mission.models import InterestDeclaration, Mission, Stake
from sillon.mission.synergies import partner_synergies
from sillon.reports.blocks import Cell, Row, Section, Table, Text

OUTREACH = ["outreach.activities", "outreach.hours", "outreach.audience"]
SHARES = ["missions.also_covered_hours_share", "missions.also_covered_cost_share"]
STAKES = ["stakes.active_end", "stakes.active_end_amount", "stakes.projects_with_declaration"]
# The definitions every report uses besides its indicators.
BASE_CODES = ["esd", "social_economy", "social_innovation", "emes"]


def outreach_blocks(ctx) -> list:
    return [
        ctx.scalars(_("Outreach"), OUTREACH),
        ctx.multi_breakdown(OUTREACH, "kind"),
    ]


def missions_table(ctx) -> Table:
    hours = ctx.use("missions.hours").breakdowns.get("mission", {})
    cost = ctx.use("missions.cost").breakdowns.get("mission", {})
    missions = Mission.objects.filter(organisation=ctx.organisation).prefetch_related(
        "also_covered_by"
    )
    rows = []
    for mission in missions:
        covering = ", ".join(partner.name for partner in mission.also_covered_by.all())
        rows.append(
            Row(
                f"{mission.title} ({mission.article})" if mission.article else mission.title,
                [
                    Cell(hours.get(mission.code, 0), "hours"),
                    Cell(cost.get(mission.code, 0), "EUR"),
                    Cell(covering or "—", "text"),
                ],
            )
        )
    if hours.get("none") or cost.get("none"):
        rows.append(
            Row(
                _("No mission"),
                [
                    Cell(hours.get("none", 0), "hours"),
                    Cell(cost.get("none", 0), "EUR"),
                    Cell("—", "text"),
                ],
            )
        )
    rows.append(
        Row(
            _("Total"),
            [ctx.cell("missions.hours"), ctx.cell("missions.cost"), Cell("", "text")],
            emphasis=True,
        )
    )
    head = [_("Mission"), _("Hours"), _("Cost"), _("Also covered by")]
    return Table(
        _("Hours and cost per mission of the funding agreement"),
        head,
        rows,
        note=_(
            "Hours are the activities' own hours; cost is the cost lines' share in the "
            "period plus the experts, as for the cost of the accompaniment."
        ),
    )


def stakes_table(ctx) -> Table:
    end = ctx.period.end
    stakes = (
        Stake.objects.filter(
            Q(ended_date__isnull=True) | Q(ended_date__gte=end),
            organisation=ctx.organisation,
            acquired_date__lte=end,
        )
        .select_related("enterprise")
        .order_by("enterprise__name", "acquired_date")
    )
    rows = [
        Row(
            stake.enterprise.name,
            [
                Cell(str(StakeKind(stake.kind).label), "text"),
                Cell(stake.amount_eur, "EUR"),
                Cell(stake.capital_share, "rate"),
            ],
        )
        for stake in stakes
    ]
    head = [_("Enterprise"), _("Kind"), _("Amount"), _("Share of capital")]
    return Table(_("Stakes held at the end of the period, by enterprise"), head, rows)


def synergies_table(ctx) -> Table:
    rows = [
        Row(
            partner.name,
            [
                Cell(partner.referrals_in, "count"),
                Cell(partner.referrals_out, "count"),
                Cell(partner.joint_actions, "count"),
                Cell(partner.transfers_in_period, "count"),
                Cell(
                    ", ".join(m.title for m in partner.missions_also_covered.all()) or "—",
                    "text",
                ),
            ],
        )
        for partner in partner_synergies(ctx.organisation, ctx.period)
    ]
    head = [
        _("Partner"),
        _("Referrals received"),
        _("Referrals sent"),
        _("Joint actions"),
        _("Transfers"),
        _("Missions also covered"),
    ]
    return Table(_("Synergies with the partners"), head, rows)


def annual_section(ctx) -> Section:
    declarations = InterestDeclaration.objects.filter(
        organisation=ctx.organisation, date__lte=ctx.period.end
    ).count()
    blocks = [
        *outreach_blocks(ctx),
        missions_table(ctx),
        ctx.scalars(_("Missions also covered by partners"), SHARES),
        ctx.scalars(_("Stakes and declarations of interest"), STAKES),
        stakes_table(ctx),
        Text(
            [
                _("Declarations of interest recorded by the end of the period: %(count)s.")
                % {"count": declarations}
            ]
        ),
    ]
    return Section(0, "mission", _("The centre's whole mission"), [b for b in blocks if b])


def used_versions(ctx) -> list:
    seed_definitions(ctx.organisation)
    codes = set(BASE_CODES) | set(ctx.used)
    return [v for v in versions_in_force(ctx.organisation, ctx.period.end) if v.code in codes]


def definition_label(code: str) -> str:
    names = {
        "esd": _("Social and democratic enterprise (ESD)"),
        "social_economy": _("Social economy"),
        "social_innovation": _("Social innovation"),
        "emes": _("EMES criteria"),
    }
    if code in BY_ID:
        return str(BY_ID[code].label)
    return str(names.get(code, code))


def not_agreed(ctx) -> bool:
    versions = used_versions(ctx)
    codes = {v.code for v in versions}
    missing = (set(BASE_CODES) | set(ctx.used)) - codes
    return bool(missing) or any(v.status != DefinitionStatus.AGREED for v in versions)


def definitions_table(ctx) -> Table:
    rows = []
    for version in used_versions(ctx):
        agreed = ""
        if version.status == DefinitionStatus.AGREED:
            agreed = _("%(body)s, %(date)s") % {
                "body": version.agreed_by,
                "date": formats.date_format(version.agreed_date, "DATE_FORMAT"),
            }
        rows.append(
            Row(
                definition_label(version.code),
                [
                    Cell(str(version.version), "text"),
                    Cell(str(DefinitionStatus(version.status).label), "text"),
                    Cell(formats.date_format(version.applies_from, "DATE_FORMAT"), "text"),
                    Cell(agreed or "—", "text"),
                ],
            )
        )
    head = [_("Definition"), _("Version"), _("Status"), _("Applies from"), _("Agreed")]
    return Table(_("Definitions register: versions in force at the end of the period"), head, rows)
