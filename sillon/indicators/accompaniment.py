"""Accompaniment indicators (docs/spec/indicators.md, section Accompaniment), computed in SQL.

Each function takes a Scope and returns {indicator id: IndicatorValue}, with a number of queries
that does not depend on the amount of data.
"""

from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum

from sillon.indicators.values import NONE, UNKNOWN, IndicatorValue, Scope, breakdown, ratio
from sillon.register.choices import ActivityKind, Gender, ProjectStatus
from sillon.register.models import Activity, Enrolment, Person, Programme, Project

SESSION_KINDS = [ActivityKind.COACHING, ActivityKind.TRAINING, ActivityKind.EXPERT]
CENT = Decimal("0.01")


def to_cent(hours) -> Decimal:
    """A sum of hours, each with two decimals, as the exact Decimal it is (SQLite adds
    floats, whose last digits are noise)."""
    return Decimal(hours or 0).quantize(CENT)


def overlapping_enrolments(scope: Scope):
    """Enrolments overlapping P: start ≤ P.end and (no end or end ≥ P.start)."""
    return Enrolment.objects.filter(
        organisation=scope.organisation,
        start_date__lte=scope.period.end,
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=scope.period.start))


def accompanied_projects(scope: Scope):
    """Projects with at least one enrolment overlapping P."""
    return Project.objects.filter(
        organisation=scope.organisation,
        pk__in=overlapping_enrolments(scope).values("project"),
    )


def first_enrolments(scope: Scope):
    """The first enrolment of each project whose first enrolment starts in P (a new
    project). Ties on the start date go to the lower id, so each project has one.

    Read from the enrolments of P with no earlier one beside them, rather than from every
    project's earliest enrolment: the index on (organisation, start_date) then bounds the
    work by the enrolments of P."""
    earlier = Enrolment.objects.filter(project=OuterRef("project")).filter(
        Q(start_date__lt=OuterRef("start_date"))
        | Q(start_date=OuterRef("start_date"), pk__lt=OuterRef("pk"))
    )
    return Enrolment.objects.filter(
        organisation=scope.organisation,
        start_date__range=(scope.period.start, scope.period.end),
    ).exclude(Exists(earlier))


def new_projects(scope: Scope):
    return Project.objects.filter(
        organisation=scope.organisation, pk__in=first_enrolments(scope).values("project")
    )


def stopped_projects(scope: Scope):
    return Project.objects.filter(
        organisation=scope.organisation,
        status=ProjectStatus.STOPPED,
        status_date__range=(scope.period.start, scope.period.end),
    )


def holders_of(projects):
    """The persons holding one of these projects, by a subquery on the link table: a join
    and DISTINCT would make SQLite count each person once per project."""
    links = Project.holders.through.objects.filter(project__in=projects)
    return Person.objects.filter(pk__in=links.values("person"))


def accompanied_holders(scope: Scope):
    """The persons counted in `holders.count`."""
    return holders_of(accompanied_projects(scope)).filter(organisation=scope.organisation)


def activities_in_period(scope: Scope):
    """The organisation's activities dated in P."""
    return Activity.objects.filter(
        organisation=scope.organisation,
        date__range=(scope.period.start, scope.period.end),
    )


def session_activities(scope: Scope):
    """The activities of `accompaniment.sessions` and `accompaniment.hours`."""
    return activities_in_period(scope).filter(kind__in=SESSION_KINDS)


def event_activities(scope: Scope):
    return activities_in_period(scope).filter(kind=ActivityKind.EVENT)


def coworking_activities(scope: Scope):
    return activities_in_period(scope).filter(kind=ActivityKind.COWORKING)


def governance_links(scope: Scope):
    """The (activity, project) links of the governance activities of P: the governance
    activities first (an index range), then their links."""
    return Activity.projects.through.objects.filter(
        activity__in=activities_in_period(scope).filter(governance_topic=True).values("pk")
    )


def governance_projects(scope: Scope):
    """The projects counted in `governance.projects_trained`."""
    return Project.objects.filter(pk__in=governance_links(scope).values("project"))


def _counts(queryset, field: str, missing: str = NONE) -> dict:
    rows = queryset.order_by().values_list(field).annotate(n=Count("pk", distinct=True))
    return breakdown((key if key not in (None, "") else missing, n) for key, n in rows)


def projects(scope: Scope) -> dict[str, IndicatorValue]:
    accompanied = accompanied_projects(scope)
    by_programme = (
        overlapping_enrolments(scope)
        .order_by()
        .values_list("programme__code")
        .annotate(n=Count("project", distinct=True))
    )
    # Every breakdown from one grouping of the accompanied projects by all their columns
    # at once (an enterprise per project at most, so no row is counted twice). The NACE
    # section is the NACE-BEL 2008 letter (docs/spec/indicators.md); other versions are unknown.
    groups = list(
        accompanied.order_by()
        .values_list(
            "project_type",
            "sector_type",
            "nace_version",
            "nace_section",
            "enterprise__legal_form_family",
        )
        .annotate(n=Count("pk"))
    )
    values = {
        "projects.accompanied": IndicatorValue(
            "projects.accompanied",
            sum(group[-1] for group in groups),
            breakdowns={
                "programme": breakdown(by_programme),
                "project_type": breakdown((group[0], group[-1]) for group in groups),
                "sector_type": breakdown((group[1], group[-1]) for group in groups),
                "nace_section": breakdown(
                    (section if version == "2008" and section else UNKNOWN, n)
                    for _, _, version, section, _, n in groups
                ),
                "legal_form_family": breakdown((group[4], group[-1]) for group in groups),
            },
        )
    }

    new = first_enrolments(scope)
    values["projects.new"] = IndicatorValue(
        "projects.new",
        new.count(),
        breakdowns={
            "programme": _counts(new, "programme__code"),
            "project_type": _counts(new, "project__project_type"),
            "sector_type": _counts(new, "project__sector_type"),
        },
    )

    stopped = stopped_projects(scope)
    stopped_by_programme = (
        Enrolment.objects.filter(project__in=stopped)
        .order_by()
        .values_list("programme__code")
        .annotate(n=Count("project", distinct=True))
    )
    values["projects.stopped"] = IndicatorValue(
        "projects.stopped",
        stopped.count(),
        breakdowns={"programme": breakdown(stopped_by_programme)},
    )
    return values


def holders(scope: Scope) -> dict[str, IndicatorValue]:
    people = accompanied_holders(scope)
    groups = list(
        people.order_by().values_list("gender", "situation_at_intake").annotate(n=Count("pk"))
    )
    by_gender = breakdown((gender, n) for gender, _, n in groups)
    known = sum(n for gender, n in by_gender.items() if gender != Gender.UNKNOWN)
    share = ratio(by_gender.get(Gender.FEMALE, 0), known)
    share.id = "holders.women_share"
    return {
        "holders.count": IndicatorValue(
            "holders.count",
            sum(by_gender.values()),
            breakdowns={
                "gender": by_gender,
                "situation_at_intake": breakdown((situation, n) for _, situation, n in groups),
            },
        ),
        "holders.women_share": share,
    }


def activities(scope: Scope) -> dict[str, IndicatorValue]:
    in_period = activities_in_period(scope)
    # One pass over the activities of P, read from the covering index and grouped by kind,
    # programme and number of projects: sessions and events counted, attendees summed,
    # hours × projects and desk-days (coworking days × projects) multiplied per group.
    groups = [
        (kind, programme, n, attendees, to_cent(hours) * projects, n * projects)
        for kind, programme, projects, n, attendees, hours in in_period.filter(
            kind__in=[*SESSION_KINDS, ActivityKind.EVENT, ActivityKind.COWORKING]
        )
        .order_by()
        .values_list("kind", "programme_id", "project_count")
        .annotate(n=Count("pk"), attendees=Sum("attendees"), hours=Sum("hours"))
    ]
    # Programmes by id, named afterwards: a join to the programmes would slow the sum down.
    codes = dict(
        Programme.objects.filter(organisation=scope.organisation).values_list("pk", "code")
    )
    sessions = [group for group in groups if group[0] in SESSION_KINDS]
    events = [group for group in groups if group[0] == ActivityKind.EVENT]
    hours_by = {
        "kind": breakdown((kind, hours) for kind, _, _, _, hours, _ in sessions),
        "programme": breakdown((codes.get(pk), hours) for _, pk, _, _, hours, _ in sessions),
    }
    desk_days = sum(n for kind, *_, n in groups if kind == ActivityKind.COWORKING)
    governance = governance_links(scope).values("project").distinct().count()
    return {
        "accompaniment.sessions": IndicatorValue(
            "accompaniment.sessions",
            sum(n for _, _, n, *_ in sessions),
            breakdowns={
                "kind": breakdown((kind, n) for kind, _, n, *_ in sessions),
                "programme": breakdown((codes.get(pk), n) for _, pk, n, *_ in sessions),
            },
        ),
        "accompaniment.hours": IndicatorValue(
            "accompaniment.hours",
            sum(hours_by["kind"].values(), start=0),
            breakdowns=hours_by,
        ),
        "community.events": IndicatorValue("community.events", sum(n for _, _, n, *_ in events)),
        "community.attendees": IndicatorValue(
            "community.attendees", sum(attendees or 0 for _, _, _, attendees, *_ in events)
        ),
        "coworking.desk_days": IndicatorValue("coworking.desk_days", desk_days),
        "governance.projects_trained": IndicatorValue("governance.projects_trained", governance),
    }
