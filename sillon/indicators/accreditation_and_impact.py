"""Accreditation, transfers, impact, actions and partners (docs/spec/indicators.md), in SQL."""

from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Q, Subquery, Sum, When
from django.db.models import Value as V

from sillon.indicators.enterprises import accompanied_enterprises
from sillon.indicators.values import IndicatorValue, Scope, breakdown, ratio
from sillon.outcomes.choices import (
    ACCREDITED_EVENTS,
    EMES_CRITERIA,
    AccreditationEventKind,
    ActionKind,
    Assessment,
    InteractionKind,
)
from sillon.outcomes.models import (
    AccreditationEvent,
    ImpactAssessment,
    InternalAction,
    NonAccreditationReason,
    PartnerInteraction,
    Transfer,
    latest_esd_event,
)
from sillon.register.models import Enterprise, Project

FLAG = BooleanField()


def _in_period(scope: Scope) -> dict:
    return {"date__range": (scope.period.start, scope.period.end)}


def esd_events(scope: Scope, kind: str):
    """The ESD events of one kind dated in P."""
    return AccreditationEvent.objects.filter(
        organisation=scope.organisation, event=kind, **_in_period(scope)
    )


def enterprises_with_event(scope: Scope, kind: str):
    """The enterprises counted in `accreditation.requested` or `accreditation.obtained`."""
    return Enterprise.objects.filter(pk__in=esd_events(scope, kind).values("enterprise"))


# An enterprise created, active on P.end and not accredited then (annotated as below).
UNACCREDITED_CANDIDATE = Q(candidate=True, accredited=False)


def enterprises_at_end(scope: Scope):
    """The accompanied enterprises with what the figures ask of them on P.end: whether
    they are accredited then (`accredited`); whether they were created and are active
    (`candidate`); the latest non-accreditation reason dated ≤ P.end (`reason`); whether
    their project has an impact assessment dated ≤ P.end (`assessed`)."""
    end = scope.period.end
    candidate = Q(created_during_accompaniment=True, creation_date__lte=end) & (
        Q(cessation_date__isnull=True) | Q(cessation_date__gte=end)
    )
    latest_reason = NonAccreditationReason.objects.filter(
        enterprise=OuterRef("pk"), date__lte=end
    ).order_by("-date", "-pk")
    assessed_before_end = ImpactAssessment.objects.filter(
        project=OuterRef("project"), date__lte=end
    )
    return (
        accompanied_enterprises(scope)
        .annotate(latest_esd=latest_esd_event(end))
        .annotate(
            accredited=Case(
                When(Q(latest_esd__in=ACCREDITED_EVENTS), then=V(True)),
                default=V(False),
                output_field=FLAG,
            ),
            candidate=Case(When(candidate, then=V(True)), default=V(False), output_field=FLAG),
            reason=Subquery(latest_reason.values("reason")[:1]),
            assessed=Exists(assessed_before_end),
        )
    )


def accredited_at_end(scope: Scope):
    """The enterprises counted in `accreditation.accredited_end`."""
    return enterprises_at_end(scope).filter(accredited=True)


def unaccredited_with_reason(scope: Scope):
    """The enterprises counted in `non_accreditation.reasons` (by their `reason`)."""
    return enterprises_at_end(scope).filter(UNACCREDITED_CANDIDATE, reason__isnull=False)


def unaccredited_assessed(scope: Scope):
    """(numerator, denominator) of `impact.non_accredited_assessed_share`."""
    among = enterprises_at_end(scope).filter(UNACCREDITED_CANDIDATE)
    return among.filter(assessed=True), among


def transfers_in_period(scope: Scope):
    return Transfer.objects.filter(organisation=scope.organisation, **_in_period(scope))


def assessments_in_period(scope: Scope):
    return ImpactAssessment.objects.filter(organisation=scope.organisation, **_in_period(scope))


def assessed_projects(scope: Scope):
    """The projects counted in `impact.assessed`."""
    return Project.objects.filter(pk__in=assessments_in_period(scope).values("project"))


def latest_assessments_in_period(scope: Scope):
    """The latest assessment in P of each project: `impact.beneficiaries` sums them."""
    latest = ImpactAssessment.objects.filter(
        project=OuterRef("project"), **_in_period(scope)
    ).order_by("-date", "-pk")
    return assessments_in_period(scope).filter(pk=Subquery(latest.values("pk")[:1]))


def profile_assessments(scope: Scope, accompanied_projects):
    """The latest assessment dated ≤ P.end of each accompanied project (`impact.emes_profile`)."""
    latest_before_end = ImpactAssessment.objects.filter(
        project=OuterRef("project"), date__lte=scope.period.end
    ).order_by("-date", "-pk")
    return ImpactAssessment.objects.filter(
        organisation=scope.organisation,
        project__in=accompanied_projects,
        pk=Subquery(latest_before_end.values("pk")[:1]),
    )


def internal_actions(scope: Scope, kind: str):
    """The internal actions of one kind dated in P (`actions.<kind>`)."""
    return InternalAction.objects.filter(
        organisation=scope.organisation, kind=kind, **_in_period(scope)
    )


def interactions_in_period(scope: Scope):
    return PartnerInteraction.objects.filter(organisation=scope.organisation, **_in_period(scope))


def accreditation_and_impact(scope: Scope, accompanied_projects) -> dict[str, IndicatorValue]:
    # One pass over the enterprises answers three questions: accredited on P.end; and,
    # among those created, active on P.end and not accredited then, the latest reason
    # given and whether their project has an impact assessment dated ≤ P.end.
    groups = list(
        enterprises_at_end(scope)
        .order_by()
        .values_list("accredited", "candidate", "reason", "assessed")
        .annotate(n=Count("pk"))
    )
    accredited_end = sum(n for accredited, _, _, _, n in groups if accredited)
    unaccredited = [
        (reason, assessed, n)
        for accredited, candidate, reason, assessed, n in groups
        if candidate and not accredited
    ]
    reasons = breakdown((reason, n) for reason, _, n in unaccredited if reason is not None)
    unaccredited_assessed = sum(n for _, assessed, n in unaccredited if assessed)

    transfers = transfers_in_period(scope)
    assessments = assessments_in_period(scope)
    beneficiaries = latest_assessments_in_period(scope).aggregate(total=Sum("beneficiaries"))[
        "total"
    ]
    profile = profile_assessments(scope, accompanied_projects).aggregate(
        **{
            f"{name}__{answer}": Count("pk", filter=Q(**{name: answer}))
            for name, _label, _dimension in EMES_CRITERIA
            for answer in Assessment.values
        }
    )
    interactions = interactions_in_period(scope)
    by_partner = breakdown(
        [
            *interactions.order_by().values_list("partner__code").annotate(n=Count("pk")),
            *transfers.order_by().values_list("partner__code").annotate(n=Count("pk")),
        ]
    )
    by_kind = breakdown(
        [
            *interactions.order_by().values_list("kind").annotate(n=Count("pk")),
            (InteractionKind.REFERRAL_OUT.value, transfers.count()),
        ]
    )
    share = ratio(unaccredited_assessed, sum(n for _, _, n in unaccredited))
    share.id = "impact.non_accredited_assessed_share"
    values = {
        "accreditation.requested": IndicatorValue(
            "accreditation.requested",
            esd_events(scope, AccreditationEventKind.ESD_REQUESTED)
            .values("enterprise")
            .distinct()
            .count(),
        ),
        "accreditation.obtained": IndicatorValue(
            "accreditation.obtained",
            esd_events(scope, AccreditationEventKind.ESD_OBTAINED)
            .values("enterprise")
            .distinct()
            .count(),
        ),
        "accreditation.accredited_end": IndicatorValue(
            "accreditation.accredited_end", accredited_end
        ),
        "transfers.count": IndicatorValue(
            "transfers.count",
            transfers.count(),
            breakdowns={
                "partner": breakdown(
                    transfers.order_by().values_list("partner__code").annotate(n=Count("pk"))
                )
            },
        ),
        "non_accreditation.reasons": IndicatorValue(
            "non_accreditation.reasons",
            sum(reasons.values()),
            breakdowns={"reason": reasons},
        ),
        "impact.assessed": IndicatorValue(
            "impact.assessed", assessments.values("project").distinct().count()
        ),
        "impact.non_accredited_assessed_share": share,
        "impact.beneficiaries": IndicatorValue("impact.beneficiaries", beneficiaries or 0),
        "impact.emes_profile": IndicatorValue(
            "impact.emes_profile",
            rows=[
                {"criterion": name, **{a: profile[f"{name}__{a}"] for a in Assessment.values}}
                for name, _label, _dimension in EMES_CRITERIA
            ],
        ),
        "partners.interactions": IndicatorValue(
            "partners.interactions",
            interactions.count() + transfers.count(),
            breakdowns={"partner": by_partner, "kind": by_kind},
        ),
    }
    for kind in ActionKind:
        of_kind = internal_actions(scope, kind)
        values[f"actions.{kind.value}"] = IndicatorValue(
            f"actions.{kind.value}",
            of_kind.count(),
            breakdowns={
                "scope": breakdown(of_kind.order_by().values_list("scope").annotate(n=Count("pk")))
            },
        )
    return values
