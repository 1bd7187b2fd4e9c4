"""Accompaniment indicators (indicators.md, section Accompaniment), computed in SQL.

Each function takes a Scope and returns {indicator id: Value}, with a number of queries
that does not depend on the amount of data.
"""

from django.db.models import Count, OuterRef, Q, Subquery, Sum

from sillon.indicators.values import NONE, UNKNOWN, Scope, Value, breakdown, ratio
from sillon.register.choices import ActivityKind, Gender, ProjectStatus, Topic
from sillon.register.models import Activity, Enrolment, Person, Programme, Project

SESSION_KINDS = [ActivityKind.COACHING, ActivityKind.TRAINING, ActivityKind.EXPERT]
GOVERNANCE_TOPICS = [Topic.DEMOCRATIC_GOVERNANCE, Topic.SOCIAL_CONCERTATION]


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


def _counts(queryset, field: str, missing: str = NONE) -> dict:
    rows = queryset.order_by().values_list(field).annotate(n=Count("pk", distinct=True))
    return breakdown((key if key not in (None, "") else missing, n) for key, n in rows)


def projects(scope: Scope) -> dict[str, Value]:
    accompanied = accompanied_projects(scope)
    by_programme = (
        overlapping_enrolments(scope)
        .order_by()
        .values_list("programme__code")
        .annotate(n=Count("project", distinct=True))
    )
    # nace_section is the NACE-BEL 2008 letter (indicators.md); other versions are unknown.
    # One grouping by (version, section), sorted out here: a filtered query on the
    # generated column led PostgreSQL to a plan thirty times slower.
    by_version_and_section = (
        accompanied.order_by().values_list("nace_version", "nace_section").annotate(n=Count("pk"))
    )
    total = accompanied.count()
    sections = [
        (section if version == "2008" and section else UNKNOWN, n)
        for version, section, n in by_version_and_section
    ]
    values = {
        "projects.accompanied": Value(
            "projects.accompanied",
            total,
            breakdowns={
                "programme": breakdown(by_programme),
                "project_type": _counts(accompanied, "project_type"),
                "sector_type": _counts(accompanied, "sector_type"),
                "nace_section": breakdown(sections),
                "legal_form_family": _counts(accompanied, "enterprise__legal_form_family"),
            },
        )
    }

    # New: the earliest enrolment of the project starts in P.
    # Subqueries rather than Min(): the result can then be grouped by programme.
    first = Enrolment.objects.filter(project=OuterRef("pk")).order_by("start_date", "pk")
    new = (
        Project.objects.filter(organisation=scope.organisation)
        .annotate(
            first_start=Subquery(first.values("start_date")[:1]),
            first_programme=Subquery(first.values("programme__code")[:1]),
        )
        .filter(first_start__range=(scope.period.start, scope.period.end))
    )
    values["projects.new"] = Value(
        "projects.new",
        new.count(),
        breakdowns={
            "programme": _counts(new, "first_programme"),
            "project_type": _counts(new, "project_type"),
            "sector_type": _counts(new, "sector_type"),
        },
    )

    stopped = Project.objects.filter(
        organisation=scope.organisation,
        status=ProjectStatus.STOPPED,
        status_date__range=(scope.period.start, scope.period.end),
    )
    stopped_by_programme = (
        Enrolment.objects.filter(project__in=stopped)
        .order_by()
        .values_list("programme__code")
        .annotate(n=Count("project", distinct=True))
    )
    values["projects.stopped"] = Value(
        "projects.stopped",
        stopped.count(),
        breakdowns={"programme": breakdown(stopped_by_programme)},
    )
    return values


def holders(scope: Scope) -> dict[str, Value]:
    # Persons linked to an accompanied project, by a subquery on the link table: a join
    # and DISTINCT would make SQLite count each person once per project.
    links = Project.holders.through.objects.filter(project__in=accompanied_projects(scope))
    people = Person.objects.filter(organisation=scope.organisation, pk__in=links.values("person"))
    by_gender = dict(people.order_by().values_list("gender").annotate(n=Count("pk")))
    known = sum(n for gender, n in by_gender.items() if gender != Gender.UNKNOWN)
    share = ratio(by_gender.get(Gender.FEMALE, 0), known)
    share.id = "holders.women_share"
    return {
        "holders.count": Value(
            "holders.count",
            sum(by_gender.values()),
            breakdowns={
                "gender": breakdown(by_gender.items()),
                "situation_at_intake": _counts(people, "situation_at_intake"),
            },
        ),
        "holders.women_share": share,
    }


def activities(scope: Scope) -> dict[str, Value]:
    in_period = Activity.objects.filter(
        organisation=scope.organisation,
        date__range=(scope.period.start, scope.period.end),
    )
    sessions = in_period.filter(kind__in=SESSION_KINDS)
    # Link rows joined to their activity (one row per project present), filtered through
    # the join: the index on (organisation, kind, date) of activities then drives the plan.
    links = Activity.projects.through.objects.filter(
        activity__organisation=scope.organisation,
        activity__date__range=(scope.period.start, scope.period.end),
    )
    session_links = links.filter(activity__kind__in=SESSION_KINDS)
    # Hours × projects: summed over the link rows.
    hours_by = {
        "kind": dict(
            session_links.order_by()
            .values_list("activity__kind")
            .annotate(h=Sum("activity__hours"))
        )
    }
    # By programme id, named afterwards: a join to the programmes would slow the sum down.
    by_programme_id = (
        session_links.order_by()
        .values_list("activity__programme_id")
        .annotate(h=Sum("activity__hours"))
    )
    codes = dict(
        Programme.objects.filter(organisation=scope.organisation).values_list("pk", "code")
    )
    hours_by["programme"] = {codes.get(pk): hours for pk, hours in by_programme_id}
    events = in_period.filter(kind=ActivityKind.EVENT).aggregate(
        n=Count("pk"), attendees=Sum("attendees")
    )
    desk_days = links.filter(activity__kind=ActivityKind.COWORKING).count()
    governance = (
        links.filter(
            Q(activity__topics__icontains=f'"{GOVERNANCE_TOPICS[0]}"')
            | Q(activity__topics__icontains=f'"{GOVERNANCE_TOPICS[1]}"')
        )
        .values("project")
        .distinct()
        .count()
    )
    return {
        "accompaniment.sessions": Value(
            "accompaniment.sessions",
            sessions.count(),
            breakdowns={
                "kind": _counts(sessions, "kind"),
                "programme": _counts(sessions, "programme__code"),
            },
        ),
        "accompaniment.hours": Value(
            "accompaniment.hours",
            sum(hours_by["kind"].values(), start=0),
            breakdowns={name: breakdown(rows.items()) for name, rows in hours_by.items()},
        ),
        "community.events": Value("community.events", events["n"]),
        "community.attendees": Value("community.attendees", events["attendees"] or 0),
        "coworking.desk_days": Value("coworking.desk_days", desk_days),
        "governance.projects_trained": Value("governance.projects_trained", governance),
    }
