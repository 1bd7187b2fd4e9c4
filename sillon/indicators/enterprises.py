"""Enterprise indicators (docs/spec/indicators.md, section Enterprises).

Counts and breakdowns are aggregate queries; survival rates compare each enterprise's
dates with its own anniversaries in SQL (`datekeys`), grouped by cohort. Kaplan–Meier
needs every duration: two dates per enterprise are read and lifelines runs on them.
"""

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from sillon.indicators.applications import not_accompanied_enterprises
from sillon.indicators.datekeys import anniversaries_by_cohort, cohort_rate, pooled_rate
from sillon.indicators.values import NONE, UNKNOWN, IndicatorValue, Scope, breakdown, ratio
from sillon.register.models import Enrolment, Enterprise

SURVIVAL_YEARS = (1, 2, 3)
COHORT_YEARS = (1, 2, 3, 4, 5)
KM_YEARS = (1, 2, 3, 4, 5)
DAYS_PER_YEAR = 365.25
# Below this many enterprises in either group, comparison.survival is shown by its
# sizes only (docs/spec/comparison.md §4).
COMPARISON_GROUP_MINIMUM = 5
COMPARISON_GROUPS = {
    "accompanied": _("Enterprises created during the accompaniment"),
    "not_accompanied": _("Enterprises of rejected or withdrawn applicants"),
}
COMPARISON_CAVEAT = _(
    "The groups are not randomised: applicants were selected, and the enterprises of "
    "those not accompanied are known only through the official register when they "
    "gave an enterprise number. The difference is not the effect of the accompaniment."
)


def accompanied_enterprises(scope: Scope):
    """Enterprises whose project has at least one enrolment (indicators.md, Conventions):
    a project never enrolled is not accompanied."""
    enrolled = Enrolment.objects.filter(project=OuterRef("project"))
    return Enterprise.objects.filter(organisation=scope.organisation).filter(Exists(enrolled))


def created_enterprises(scope: Scope):
    return accompanied_enterprises(scope).filter(created_during_accompaniment=True)


def created_in_period(scope: Scope):
    """The enterprises counted in `enterprises.created`."""
    period = scope.period
    return created_enterprises(scope).filter(creation_date__range=(period.start, period.end))


def active_at_end(scope: Scope):
    """The enterprises counted in `enterprises.active_end`."""
    end = scope.period.end
    return accompanied_enterprises(scope).filter(
        Q(creation_date__isnull=True) | Q(creation_date__lte=end),
        Q(cessation_date__isnull=True) | Q(cessation_date__gte=end),
    )


def survival_base(scope: Scope):
    """The enterprises created with a creation date on or before A: the cohorts of the
    survival rates and the lives of Kaplan–Meier."""
    return created_enterprises(scope).filter(
        creation_date__isnull=False, creation_date__lte=scope.as_of
    )


def _counts(queryset, field: str, missing: str = NONE) -> dict:
    rows = queryset.order_by().values_list(field).annotate(n=Count("pk", distinct=True))
    return breakdown((key if key not in (None, "") else missing, n) for key, n in rows)


def counts(scope: Scope) -> dict[str, IndicatorValue]:
    created = created_in_period(scope)
    # Programmes: every one with an enrolment of the project started on or before creation.
    by_programme = (
        created.filter(project__enrolments__start_date__lte=F("creation_date"))
        .order_by()
        .values_list("project__enrolments__programme__code")
        .annotate(n=Count("pk", distinct=True))
    )
    enrolled_before = Enrolment.objects.filter(
        project=OuterRef("project"), start_date__lte=OuterRef("creation_date")
    )
    without_programme = created.exclude(Exists(enrolled_before)).count()
    sections = (
        created.filter(project__nace_version="2008")
        .exclude(project__nace_section="")
        .order_by()
        .values_list("project__nace_section")
        .annotate(n=Count("pk"))
    )
    total = created.count()
    active_end = active_at_end(scope)
    return {
        "enterprises.created": IndicatorValue(
            "enterprises.created",
            total,
            breakdowns={
                "legal_form_family": _counts(created, "legal_form_family"),
                "legal_form": _counts(created, "legal_form", missing=UNKNOWN),
                "sector_type": _counts(created, "project__sector_type"),
                "nace_section": breakdown(
                    [*sections, (UNKNOWN, total - sum(n for _, n in sections))]
                ),
                "programme": breakdown([*by_programme, (NONE, without_programme)]),
            },
        ),
        "enterprises.active_end": IndicatorValue(
            "enterprises.active_end",
            active_end.count(),
            breakdowns={"legal_form_family": _counts(active_end, "legal_form_family")},
        ),
    }


def survival(scope: Scope) -> dict[str, IndicatorValue]:
    """Survival of the enterprises created: pooled rates, by cohort, and Kaplan–Meier."""
    as_of = scope.as_of
    created = survival_base(scope)
    cohorts = anniversaries_by_cohort(
        created, "creation_date", "cessation_date", max(COHORT_YEARS), as_of
    )
    values = {}
    for years in SURVIVAL_YEARS:
        rate = ratio(*pooled_rate(cohorts, years))
        rate.id = f"enterprises.survival_rate_{years}y"
        values[rate.id] = rate
    rows = [
        {"cohort": row["cohort"], "n": row["n"]}
        | {f"rate_{years}y": cohort_rate(row, years) for years in COHORT_YEARS}
        for row in cohorts
    ]
    values["enterprises.survival_by_cohort"] = IndicatorValue(
        "enterprises.survival_by_cohort", rows=rows
    )
    # The comparison group (docs/spec/comparison.md §4), on the same anniversaries.
    others = not_accompanied_enterprises(scope).filter(
        start_date__isnull=False, start_date__lte=as_of
    )
    groups = [
        ("accompanied", cohorts),
        (
            "not_accompanied",
            anniversaries_by_cohort(
                others, "start_date", "stopped_since", max(SURVIVAL_YEARS), as_of
            ),
        ),
    ]
    values["comparison.survival"] = IndicatorValue(
        "comparison.survival",
        rows=[
            {"group": group, "n": sum(row["n"] for row in rows)}
            | {f"rate_{years}y": ratio(*pooled_rate(rows, years)).value for years in SURVIVAL_YEARS}
            for group, rows in groups
        ],
    )
    values["enterprises.survival_km"] = IndicatorValue(
        "enterprises.survival_km",
        rows=kaplan_meier(created.order_by().values_list("creation_date", "cessation_date"), as_of),
    )
    return values


def comparison_table(rows: list[dict] | None) -> tuple[list[dict], bool]:
    """comparison.survival as shown (annual report, dashboard): each group with its
    label, size and 1/2/3-year rates, and whether both groups are large enough for the
    rates to be given."""
    groups = {row["group"]: row for row in rows or []}
    enough = all(
        groups.get(group, {}).get("n", 0) >= COMPARISON_GROUP_MINIMUM for group in COMPARISON_GROUPS
    )
    shown = [
        {
            "group": group,
            "label": label,
            "n": groups.get(group, {}).get("n", 0),
            "rates": [groups.get(group, {}).get(f"rate_{years}y") for years in SURVIVAL_YEARS],
        }
        for group, label in COMPARISON_GROUPS.items()
    ]
    return shown, enough


def lifetime(created, ceased, as_of) -> tuple[float, bool]:
    """(T in years, whether it is an event): an enterprise that ceased on or before A is
    an event at (cessation − creation), the others are censored at (A − creation)."""
    event = ceased is not None and ceased <= as_of
    return ((ceased if event else as_of) - created).days / DAYS_PER_YEAR, event


def at_risk(scope: Scope, years: int):
    """The enterprises still at risk at `years` in `enterprises.survival_km` (T ≥ years):
    their two dates are read, as for the estimate."""
    base = survival_base(scope)
    lives = base.order_by().values_list("pk", "creation_date", "cessation_date")
    kept = [
        pk for pk, created, ceased in lives if lifetime(created, ceased, scope.as_of)[0] >= years
    ]
    return base.filter(pk__in=kept)


def kaplan_meier(lives, as_of) -> list[dict]:
    """S(t) at 1..5 years (lifelines), with the number still at risk at each.

    An enterprise that ceased on or before A is an event at (cessation − creation);
    the others are censored at (A − creation). Times in years of 365.25 days.
    """
    from lifelines import KaplanMeierFitter  # heavy import, only when asked

    durations, events = [], []
    for created, ceased in lives:
        duration, event = lifetime(created, ceased, as_of)
        durations.append(duration)
        events.append(event)
    rows = []
    fitter = KaplanMeierFitter().fit(durations, events) if durations else None
    for years in KM_YEARS:
        at_risk = sum(1 for duration in durations if duration >= years)
        survival = float(fitter.survival_function_at_times(years).iloc[0]) if at_risk else None
        rows.append({"years": years, "survival": survival, "at_risk": at_risk})
    return rows
