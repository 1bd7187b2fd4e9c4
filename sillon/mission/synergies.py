"""Synergies with the partners (docs/spec/mission.md): per partner, for a period, the
referrals both ways, the joint actions, the transfers, the outreach activities with
them and the missions they also cover."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from sillon.catalogue.periods import parse_period, year_period
from sillon.outcomes.models import Partner


def period_of(request):
    text = request.GET.get("period", "")
    try:
        return parse_period(text), ""
    except Exception:
        from django.utils import timezone

        error = _("Not a period: write 2025, 2025-S1, 2025-S2 or 2024-07-01..2025-06-30.")
        return year_period(timezone.localdate().year), error if text else ""


def partner_synergies(organisation, period):
    """The organisation's partners, each with its counts for the period (one query)."""
    span = (period.start, period.end)
    interactions = Q(interactions__date__range=span)
    return (
        Partner.objects.filter(organisation=organisation)
        .annotate(
            referrals_in=Count(
                "interactions",
                filter=interactions & Q(interactions__kind="referral_in"),
                distinct=True,
            ),
            referrals_out=Count(
                "interactions",
                filter=interactions & Q(interactions__kind="referral_out"),
                distinct=True,
            ),
            joint_actions=Count(
                "interactions",
                filter=interactions & Q(interactions__kind="joint_action"),
                distinct=True,
            ),
            transfers_in_period=Count(
                "transfers", filter=Q(transfers__date__range=span), distinct=True
            ),
            outreach=Count(
                "outreach_links",
                filter=Q(outreach_links__activity__date__range=span),
                distinct=True,
            ),
        )
        .prefetch_related("missions_also_covered")
        .order_by("name")
    )


def synergies(request) -> dict:
    period, error = period_of(request)
    partners = partner_synergies(request.organisation, period)
    return {
        "section": "settings",
        "period": period,
        "period_error": error,
        "partners": partners,
    }
