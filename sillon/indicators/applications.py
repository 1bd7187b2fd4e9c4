"""Applications (docs/spec/comparison.md §4): received in P, and the share accepted among
those decided. One aggregate query, grouped by programme and decision. And the
comparison group: the enterprises of rejected and withdrawn applicants, as the official
register's entries keep them (their survival is counted by enterprises.survival)."""

from django.db.models import Count, Exists, OuterRef

from sillon.indicators.values import IndicatorValue, Scope, breakdown, ratio
from sillon.kbo.models import RegisterEntry
from sillon.register.choices import ApplicationDecision
from sillon.register.models import Application, Enterprise

NOT_ACCOMPANIED = [ApplicationDecision.REJECTED, ApplicationDecision.WITHDRAWN]


def applications_in_period(scope: Scope):
    """The applications dated in P (`applications.received`)."""
    period = scope.period
    return Application.objects.filter(
        organisation=scope.organisation, date__range=(period.start, period.end)
    )


def acceptance_parts(scope: Scope):
    """(numerator, denominator) of `applications.acceptance_rate`: the applications of P
    with a decision other than `waiting`, and those of them accepted."""
    decided = applications_in_period(scope).exclude(decision=ApplicationDecision.WAITING)
    return decided.filter(decision=ApplicationDecision.ACCEPTED), decided


def applications(scope: Scope) -> dict[str, IndicatorValue]:
    groups = list(
        applications_in_period(scope)
        .order_by()
        .values_list("programme__code", "decision")
        .annotate(n=Count("pk"))
    )
    received = sum(n for _, _, n in groups)
    decided = [
        (code, decision, n)
        for code, decision, n in groups
        if decision != ApplicationDecision.WAITING
    ]
    accepted = [(c, d, n) for c, d, n in decided if d == ApplicationDecision.ACCEPTED]
    rate = ratio(sum(n for *_, n in accepted), sum(n for *_, n in decided))
    rate.id = "applications.acceptance_rate"
    by_programme = {}
    for code in {code for code, _, _ in decided}:
        part = ratio(
            sum(n for c, _, n in accepted if c == code), sum(n for c, _, n in decided if c == code)
        )
        by_programme[code] = part.value
    rate.breakdowns = {"programme": {k: v for k, v in by_programme.items() if v is not None}}
    return {
        "applications.received": IndicatorValue(
            id="applications.received",
            value=received,
            breakdowns={
                "programme": breakdown((code, n) for code, _, n in groups),
                "decision": breakdown((decision, n) for _, decision, n in groups),
            },
        ),
        "applications.acceptance_rate": rate,
    }


def not_accompanied_enterprises(scope: Scope):
    """The register entries of the enterprises of rejected or withdrawn applicants,
    created (the register's start date) on or after the application's date; an
    enterprise the organisation has itself in Sillon is not in the group. Their creation
    date is `start_date`, their cessation date `stopped_since` (kbo/models.py)."""
    applicants = Application.objects.filter(
        organisation=scope.organisation, decision__in=NOT_ACCOMPANIED
    ).exclude(enterprise_number="")
    applied_before = applicants.filter(
        enterprise_number=OuterRef("enterprise_number"), date__lte=OuterRef("start_date")
    )
    # Not blank, as in the unique index on numbers, so that the database can use it.
    ours = Enterprise.objects.filter(
        organisation=scope.organisation, enterprise_number=OuterRef("enterprise_number")
    ).exclude(enterprise_number="")
    # Entries are the whole installation's: start from the applicants' few numbers
    # (every entry tried against every enterprise took 13 minutes at 100,000 projects).
    return (
        RegisterEntry.objects.filter(enterprise_number__in=applicants.values("enterprise_number"))
        .filter(Exists(applied_before))
        .exclude(Exists(ours))
    )
