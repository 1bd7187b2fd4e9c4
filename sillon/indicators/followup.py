"""The follow-up figures (docs/spec/followup.md, "Figures"): questionnaires sent,
answered and unreachable by wave, the response rate, and the share of the jobs whose
record was confirmed or changed within the year — two aggregate queries."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from sillon.core.dates import anniversary
from sillon.followup.choices import QuestionnaireStatus
from sillon.followup.models import Questionnaire
from sillon.indicators.employment import jobs_of_accompanied_enterprises
from sillon.indicators.values import IndicatorValue, Scope, breakdown, ratio
from sillon.outcomes.models import Job

SENT = (QuestionnaireStatus.SENT, QuestionnaireStatus.ANSWERED)


def _end_of(day: datetime.date):
    """The first instant after `day`, in the current time zone (for datetime columns)."""
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )


def _start_of(day: datetime.date):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def sent_in_period(scope: Scope) -> Q:
    """Questionnaires whose first message was accepted on a day of P (`followup.sent`)."""
    return Q(sent_on__range=(scope.period.start, scope.period.end), status__in=SENT)


def answered_by_as_of(scope: Scope) -> Q:
    return Q(answered_at__lt=_end_of(scope.as_of))


def answered_in_period(scope: Scope) -> Q:
    """Questionnaires answered on a day of P (`followup.answered`)."""
    return Q(
        answered_at__gte=_start_of(scope.period.start), answered_at__lt=_end_of(scope.period.end)
    )


def unreachable_in_period(scope: Scope) -> Q:
    """Waves due in P recorded unreachable (`followup.unreachable`)."""
    return Q(
        status=QuestionnaireStatus.UNREACHABLE,
        due_date__range=(scope.period.start, scope.period.end),
    )


def questionnaires(scope: Scope, condition: Q):
    """The organisation's questionnaires that meet one of the conditions above."""
    return Questionnaire.objects.filter(condition, organisation=scope.organisation)


def confirmation_parts(scope: Scope):
    """(condition of the numerator, denominator) of `jobs.confirmed_share`: the jobs
    active on P.end in enterprises created, and among them those whose record has a
    version dated within the twelve months up to P.end (a coach's change, or an
    accepted follow-up answer, confirmation included)."""
    end = scope.period.end
    year_before = anniversary(end, -1)
    versions = Job.history.model.objects.filter(
        id=OuterRef("pk"),
        history_date__gte=_end_of(year_before),
        history_date__lt=_end_of(end),
    )
    jobs = jobs_of_accompanied_enterprises(scope).filter(
        Q(start_date__lte=end),
        Q(end_date__isnull=True) | Q(end_date__gte=end),
        enterprise__created_during_accompaniment=True,
    )
    return Exists(versions), jobs


def followup(scope: Scope) -> dict[str, IndicatorValue]:
    in_period = sent_in_period(scope)
    groups = list(
        Questionnaire.objects.filter(organisation=scope.organisation)
        .order_by()
        .values_list("wave")
        .annotate(
            sent=Count("pk", filter=in_period),
            sent_answered=Count("pk", filter=in_period & answered_by_as_of(scope)),
            answered=Count("pk", filter=answered_in_period(scope)),
            unreachable=Count("pk", filter=unreachable_in_period(scope)),
        )
    )
    values = {}
    for position, name in [(1, "sent"), (3, "answered"), (4, "unreachable")]:
        value = IndicatorValue(f"followup.{name}", sum(group[position] for group in groups))
        value.breakdowns["wave"] = breakdown((group[0], group[position]) for group in groups)
        values[value.id] = value
    rate = ratio(sum(g[2] for g in groups), sum(g[1] for g in groups))
    rate.id = "followup.response_rate"
    rate.breakdowns["wave"] = {
        wave: answered / sent for wave, sent, answered, *_rest in groups if sent
    }
    values[rate.id] = rate

    confirmed, jobs = confirmation_parts(scope)
    counted = jobs.aggregate(total=Count("pk"), confirmed=Count("pk", filter=Q(confirmed)))
    share = ratio(counted["confirmed"], counted["total"])
    share.id = "jobs.confirmed_share"
    values[share.id] = share
    return values


def confirmed_sentence(share) -> str:
    """In plain words, how much of the employment figures rests on confirmed data
    (`jobs.confirmed_share`), for the dashboard and the reports."""
    from django.utils.translation import gettext as _

    from sillon.catalogue.display import figure

    if share is None:
        return _(
            "No job of the enterprises created is active at the end of the period: "
            "no employment figure rests on confirmed data yet."
        )
    return _(
        "%(share)s of the jobs active at the end of the period were confirmed in the "
        "twelve months before it, by a coach or by a follow-up answer a coach accepted; "
        "the rest of the employment figures rests on records nobody has checked for "
        "over a year."
    ) % {"share": figure(share, "rate")}
