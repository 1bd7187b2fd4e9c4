"""Delete everything an organisation holds, fast.

Deleting an organisation through the ORM would load every record into memory to send
the history signals — far too slow for a demo of 100,000 projects. The demo is
recreated from scratch, so its rows (and their history) are deleted table by table in
SQL instead, children first.
"""

from django.apps import apps
from django.db import transaction
from django.db.models import QuerySet

from sillon.accounts.demo import demo_logins
from sillon.accounts.models import Organisation
from sillon.followup.models import Answer, Message, ProposedChange, Questionnaire, Unsubscribe
from sillon.followup.models import Invitation as FollowupInvitation
from sillon.mission.models import (
    ActivityMission,
    CostLineMission,
    DefinitionVersion,
    InterestDeclaration,
    Mission,
    MissionDefault,
    Stake,
)
from sillon.outcomes.models import (
    AccreditationEvent,
    CostLine,
    ImpactAssessment,
    InternalAction,
    Job,
    NonAccreditationReason,
    Partner,
    PartnerInteraction,
    Target,
    Transfer,
)
from sillon.register.models import (
    Activity,
    Application,
    Cohort,
    Enrolment,
    Enterprise,
    Person,
    Programme,
    Project,
)

# Children before parents.
RECORDS = [
    # The centre's whole mission (docs/spec/mission.md).
    ActivityMission,
    CostLineMission,
    MissionDefault,
    Mission,
    Stake,
    InterestDeclaration,
    DefinitionVersion,
    Job,
    AccreditationEvent,
    NonAccreditationReason,
    Transfer,
    ImpactAssessment,
    PartnerInteraction,
    Partner,
    InternalAction,
    CostLine,
    Target,
    Application,
    Activity,
    Enterprise,
    Enrolment,
    Person,
    Project,
    Cohort,
    Programme,
]
# (history model of a many-to-many link, its link table, the field reaching the organisation)
LINKS = [
    (
        "mission.HistoricalActivityMission_partners",
        ActivityMission.partners.through,
        "activitymission",
    ),
    ("mission.HistoricalMission_also_covered_by", Mission.also_covered_by.through, "mission"),
    ("register.HistoricalActivity_projects", Activity.projects.through, "activity"),
    ("register.HistoricalProject_holders", Project.holders.through, "project"),
]


def is_demo_organisation(organisation: Organisation) -> bool:
    """Whether everything in the organisation was made by `sillon demo`: its members are
    the demo users, and none of its records was typed or imported by someone."""
    demo_users = {login.username for login in demo_logins(organisation.slug)}
    members = set(organisation.memberships.values_list("user__username", flat=True))
    if not members <= demo_users:
        return False
    return not any(
        model.objects.filter(organisation=organisation)
        .exclude(source="demo")
        # Written by the demo's own follow-up answers (demo/followup.py).
        .exclude(source__startswith="followup:")
        .exists()
        for model in RECORDS
        # The default partners and definitions come with every organisation.
        if model not in (Partner, DefinitionVersion)
    )


def _delete_rows(queryset: QuerySet) -> int:
    # QuerySet._raw_delete is Django's own fast path: one DELETE, no signals, no loading.
    return queryset._raw_delete(queryset.db)


@transaction.atomic
def purge_organisation(organisation: Organisation) -> None:
    org = organisation.pk
    # The follow-up's rows (no history of their own), before the jobs they point to.
    _delete_rows(Message.objects.filter(invitation__organisation_id=org))
    for model in (ProposedChange, Answer, Unsubscribe, FollowupInvitation, Questionnaire):
        _delete_rows(model.objects.filter(organisation_id=org))
    for history_label, link, owner in LINKS:
        _delete_rows(apps.get_model(history_label).objects.filter(history__organisation_id=org))
        _delete_rows(link.objects.filter(**{f"{owner}__organisation_id": org}))
    for model in RECORDS:
        _delete_rows(model.history.model.objects.filter(organisation_id=org))
        _delete_rows(model.objects.filter(organisation_id=org))
    organisation.delete()
