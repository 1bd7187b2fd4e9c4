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

FLAG = BooleanField()


def accreditation_and_impact(scope: Scope, accompanied_projects) -> dict[str, IndicatorValue]:
    period, organisation = scope.period, scope.organisation
    in_period = {"date__range": (period.start, period.end)}
    events = AccreditationEvent.objects.filter(organisation=organisation, **in_period)
    enterprises = accompanied_enterprises(scope).annotate(latest_esd=latest_esd_event(period.end))
    # One pass over the enterprises answers three questions: accredited on P.end; and,
    # among those created, active on P.end and not accredited then, the latest reason
    # given and whether their project has an impact assessment dated ≤ P.end.
    candidate = Q(created_during_accompaniment=True, creation_date__lte=period.end) & (
        Q(cessation_date__isnull=True) | Q(cessation_date__gte=period.end)
    )
    latest_reason = NonAccreditationReason.objects.filter(
        enterprise=OuterRef("pk"), date__lte=period.end
    ).order_by("-date", "-pk")
    assessed_before_end = ImpactAssessment.objects.filter(
        project=OuterRef("project"), date__lte=period.end
    )
    groups = list(
        enterprises.annotate(
            candidate=Case(When(candidate, then=V(True)), default=V(False), output_field=FLAG),
            reason=Subquery(latest_reason.values("reason")[:1]),
            assessed=Exists(assessed_before_end),
        )
        .order_by()
        .values_list("latest_esd", "candidate", "reason", "assessed")
        .annotate(n=Count("pk"))
    )
    accredited_end = sum(n for latest, _, _, _, n in groups if latest in ACCREDITED_EVENTS)
    unaccredited = [
        (reason, assessed, n)
        for latest, candidate, reason, assessed, n in groups
        if candidate and latest not in ACCREDITED_EVENTS
    ]
    reasons = breakdown((reason, n) for reason, _, n in unaccredited if reason is not None)
    unaccredited_assessed = sum(n for _, assessed, n in unaccredited if assessed)

    transfers = Transfer.objects.filter(organisation=organisation, **in_period)
    assessments = ImpactAssessment.objects.filter(organisation=organisation, **in_period)
    latest_in_period = ImpactAssessment.objects.filter(
        project=OuterRef("project"), **in_period
    ).order_by("-date", "-pk")
    beneficiaries = assessments.filter(pk=Subquery(latest_in_period.values("pk")[:1])).aggregate(
        total=Sum("beneficiaries")
    )["total"]

    latest_before_end = ImpactAssessment.objects.filter(
        project=OuterRef("project"), date__lte=period.end
    ).order_by("-date", "-pk")
    profile_base = ImpactAssessment.objects.filter(
        organisation=organisation,
        project__in=accompanied_projects,
        pk=Subquery(latest_before_end.values("pk")[:1]),
    )
    profile = profile_base.aggregate(
        **{
            f"{name}__{answer}": Count("pk", filter=Q(**{name: answer}))
            for name, _label, _dimension in EMES_CRITERIA
            for answer in Assessment.values
        }
    )
    actions = InternalAction.objects.filter(organisation=organisation, **in_period)
    interactions = PartnerInteraction.objects.filter(organisation=organisation, **in_period)
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
            events.filter(event=AccreditationEventKind.ESD_REQUESTED)
            .values("enterprise")
            .distinct()
            .count(),
        ),
        "accreditation.obtained": IndicatorValue(
            "accreditation.obtained",
            events.filter(event=AccreditationEventKind.ESD_OBTAINED)
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
        of_kind = actions.filter(kind=kind)
        values[f"actions.{kind.value}"] = IndicatorValue(
            f"actions.{kind.value}",
            of_kind.count(),
            breakdowns={
                "scope": breakdown(of_kind.order_by().values_list("scope").annotate(n=Count("pk")))
            },
        )
    return values
