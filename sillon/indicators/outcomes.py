"""Accreditation, transfers, impact, actions and partners (indicators.md), in SQL."""

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum

from sillon.indicators.values import Scope, Value, breakdown, ratio
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
from sillon.register.models import Enterprise


def outcomes(scope: Scope, accompanied_projects) -> dict[str, Value]:
    period, organisation = scope.period, scope.organisation
    in_period = {"date__range": (period.start, period.end)}
    events = AccreditationEvent.objects.filter(organisation=organisation, **in_period)
    enterprises = Enterprise.objects.filter(organisation=organisation).annotate(
        latest_esd=latest_esd_event(period.end)
    )
    accredited = Q(latest_esd__in=ACCREDITED_EVENTS)
    # Enterprises created, active on P.end, not accredited on P.end.
    unaccredited = enterprises.filter(
        ~accredited | Q(latest_esd__isnull=True),
        created_during_accompaniment=True,
        creation_date__lte=period.end,
    ).filter(Q(cessation_date__isnull=True) | Q(cessation_date__gte=period.end))
    latest_reason = NonAccreditationReason.objects.filter(
        enterprise=OuterRef("pk"), date__lte=period.end
    ).order_by("-date", "-pk")
    reasons = (
        unaccredited.annotate(reason=Subquery(latest_reason.values("reason")[:1]))
        .exclude(reason=None)
        .order_by()
        .values_list("reason")
        .annotate(n=Count("pk"))
    )
    assessed_before_end = ImpactAssessment.objects.filter(
        project=OuterRef("project"), date__lte=period.end
    )
    unaccredited_assessed = unaccredited.filter(Exists(assessed_before_end)).count()

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
    share = ratio(unaccredited_assessed, unaccredited.count())
    share.id = "impact.non_accredited_assessed_share"
    values = {
        "accreditation.requested": Value(
            "accreditation.requested",
            events.filter(event=AccreditationEventKind.ESD_REQUESTED)
            .values("enterprise")
            .distinct()
            .count(),
        ),
        "accreditation.obtained": Value(
            "accreditation.obtained",
            events.filter(event=AccreditationEventKind.ESD_OBTAINED)
            .values("enterprise")
            .distinct()
            .count(),
        ),
        "accreditation.accredited_end": Value(
            "accreditation.accredited_end", enterprises.filter(accredited).count()
        ),
        "transfers.count": Value(
            "transfers.count",
            transfers.count(),
            breakdowns={
                "partner": breakdown(
                    transfers.order_by().values_list("partner__code").annotate(n=Count("pk"))
                )
            },
        ),
        "non_accreditation.reasons": Value(
            "non_accreditation.reasons",
            sum(n for _, n in reasons),
            breakdowns={"reason": breakdown(reasons)},
        ),
        "impact.assessed": Value(
            "impact.assessed", assessments.values("project").distinct().count()
        ),
        "impact.non_accredited_assessed_share": share,
        "impact.beneficiaries": Value("impact.beneficiaries", beneficiaries or 0),
        "impact.emes_profile": Value(
            "impact.emes_profile",
            rows=[
                {"criterion": name, **{a: profile[f"{name}__{a}"] for a in Assessment.values}}
                for name, _label, _dimension in EMES_CRITERIA
            ],
        ),
        "partners.interactions": Value(
            "partners.interactions",
            interactions.count() + transfers.count(),
            breakdowns={"partner": by_partner, "kind": by_kind},
        ),
    }
    for kind in ActionKind:
        of_kind = actions.filter(kind=kind)
        values[f"actions.{kind.value}"] = Value(
            f"actions.{kind.value}",
            of_kind.count(),
            breakdowns={
                "scope": breakdown(of_kind.order_by().values_list("scope").annotate(n=Count("pk")))
            },
        )
    return values
