"""What `send` would send on a day (docs/spec/followup.md, "Who, when"), read in a few
queries: the projects whose exit date can make a wave due, their questionnaires, and
their reachable holders."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, OuterRef, Q

from sillon.accounts.models import Organisation
from sillon.core.dates import anniversary
from sillon.followup import rules
from sillon.followup.choices import WAVE_YEARS, QuestionnaireStatus, Wave
from sillon.followup.models import Message, Questionnaire, Unsubscribe
from sillon.register.choices import ProjectStatus
from sillon.register.models import Enrolment, Person, Project


@dataclass
class Due:
    project: Project
    wave: str
    exit_date: datetime.date
    due_date: datetime.date
    recipients: list[Person] = field(default_factory=list)
    questionnaire: Questionnaire | None = None


@dataclass
class Reminder:
    questionnaire: Questionnaire
    number: int
    recipients: int


@dataclass
class Plan:
    as_of: datetime.date
    invitations: list[Due]
    reminders: list[Reminder]
    unreachable: list[Due]
    missed: list[Due]

    def as_json(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "invitations": [
                {
                    "project_ref": due.project.ref,
                    "wave": due.wave,
                    "due_date": due.due_date.isoformat(),
                    "recipients": len(due.recipients),
                }
                for due in self.invitations
            ],
            "reminders": [
                {
                    "project_ref": reminder.questionnaire.project.ref,
                    "wave": reminder.questionnaire.wave,
                    "number": reminder.number,
                    "recipients": reminder.recipients,
                }
                for reminder in self.reminders
            ],
            "unreachable": [
                {
                    "project_ref": due.project.ref,
                    "wave": due.wave,
                    "due_date": due.due_date.isoformat(),
                }
                for due in self.unreachable
            ],
        }


def reachable(persons):
    """Holders who may be written to: an e-mail address, a dated consent, and no
    unsubscribe."""
    return (
        persons.filter(followup_consent=True, followup_consent_date__isnull=False)
        .exclude(email="")
        .exclude(Exists(Unsubscribe.objects.filter(person=OuterRef("pk"))))
    )


def followed_projects(organisation: Organisation):
    """Projects with an exit date (annotated `exit_date`): not stopped, at least one
    enrolment, none ongoing."""
    return (
        Project.objects.filter(organisation=organisation)
        .exclude(status=ProjectStatus.STOPPED)
        .annotate(
            exit_date=Max("enrolments__end_date"),
            enrolment_count=Count("enrolments"),
            ongoing=Count("enrolments", filter=Q(enrolments__end_date__isnull=True)),
        )
        .filter(enrolment_count__gt=0, ongoing=0)
    )


def waves_of(
    organisation: Organisation,
    as_of: datetime.date,
    exits: list[tuple[datetime.date, datetime.date]] | None = None,
) -> list[Due]:
    """Every wave of a followed project whose due date is on or before `as_of` (of the
    projects whose exit date is in one of the ranges `exits`, when given)."""
    # anniversary(as_of, -1) is a day early when as_of is 28 February after a 29th.
    projects = followed_projects(organisation).filter(
        exit_date__lte=anniversary(as_of, -1) + rules.DAY
    )
    if exits is not None:
        exit_in, end_in = Q(), Q()
        for first, last in exits:
            exit_in |= Q(exit_date__range=(first, last))
            end_in |= Q(end_date__range=(first, last))
        # A project's exit date is its last enrolment's end: the projects with an
        # enrolment ending in a range come first, so that the exit dates are computed
        # for those only, not for every project of the organisation.
        ending = Enrolment.objects.filter(end_in, organisation=organisation)
        projects = projects.filter(exit_in, pk__in=ending.values("project_id"))
    dues = []
    for project in projects.order_by("ref"):
        for wave in Wave.values:
            due = rules.due_date(project.exit_date, wave)
            if due <= as_of:
                dues.append(Due(project, wave, project.exit_date, due))
    questionnaires = {
        (q.project_id, q.wave): q
        for q in Questionnaire.objects.filter(project__in=[due.project for due in dues])
    }
    for due in dues:
        due.questionnaire = questionnaires.get((due.project.pk, due.wave))
    return dues


def not_sent(questionnaire: Questionnaire | None) -> bool:
    return questionnaire is None or questionnaire.status in (
        QuestionnaireStatus.PENDING,
        QuestionnaireStatus.UNREACHABLE,
    )


def exits_with_a_wave_in_window(as_of: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The ranges of exit dates whose n1 or n2 wave can be in its window on `as_of`,
    with a day to spare on each side for anniversaries of 29 February: a narrowing of
    the query only, rules.in_window decides. (The other exits are most of a large
    organisation's, and the plan runs every day.)"""
    window_start = as_of - rules.WINDOW_DAYS * rules.DAY
    return [
        (
            anniversary(window_start, -years) - rules.DAY,
            anniversary(as_of, -years) + rules.DAY,
        )
        for years in WAVE_YEARS.values()
    ]


def plan(organisation: Organisation, as_of: datetime.date) -> Plan:
    dues = [
        due
        for due in waves_of(organisation, as_of, exits=exits_with_a_wave_in_window(as_of))
        if rules.in_window(due.due_date, as_of) and not_sent(due.questionnaire)
    ]
    holders = defaultdict(list)
    links = Project.holders.through.objects.filter(
        project__in=[due.project for due in dues],
        person__in=reachable(Person.objects.filter(organisation=organisation)),
    ).select_related("person")
    for link in links.order_by("person__pk"):
        holders[link.project_id].append(link.person)
    for due in dues:
        due.recipients = holders[due.project.pk]
    return Plan(
        as_of=as_of,
        invitations=[due for due in dues if due.recipients],
        reminders=reminders(organisation, as_of),
        unreachable=[due for due in dues if not due.recipients],
        missed=[],
    )


def reachable_invitations(questionnaire: Questionnaire):
    return questionnaire.invitations.filter(
        person__in=reachable(Person.objects.filter(organisation=questionnaire.organisation_id))
    )


def reminder_recipients(questionnaire: Questionnaire, number: int):
    """The invitations of a questionnaire that get reminder `number`: their first
    message was sent, this reminder not yet, and the holder may still be written to."""
    first_sent = Message.objects.filter(invitation=OuterRef("pk"), number=0, sent_at__isnull=False)
    return (
        reachable_invitations(questionnaire)
        .filter(Exists(first_sent))
        .exclude(
            Exists(
                Message.objects.filter(
                    invitation=OuterRef("pk"), number=number, sent_at__isnull=False
                )
            )
        )
    )


def reminders(organisation: Organisation, as_of: datetime.date) -> list[Reminder]:
    sent = (
        Questionnaire.objects.filter(
            organisation=organisation,
            status=QuestionnaireStatus.SENT,
            sent_on__gt=as_of - rules.EXPIRY_DAYS * rules.DAY,
            sent_on__lte=as_of,
        )
        .annotate(
            reminders_sent=Max(
                "invitations__messages__number",
                filter=Q(invitations__messages__sent_at__isnull=False),
            )
        )
        .select_related("project", "organisation")
        .order_by("project__ref", "wave")
    )
    found = []
    for questionnaire in sent:
        number = rules.reminder_due(questionnaire.sent_on, as_of, questionnaire.reminders_sent or 0)
        if number is None:
            continue
        count = reminder_recipients(questionnaire, number).count()
        if count:
            found.append(Reminder(questionnaire, number, count))
    return found


def missed(organisation: Organisation, as_of: datetime.date) -> list[Due]:
    """Waves whose window closed without being sent."""
    return [
        due
        for due in waves_of(organisation, as_of)
        if rules.window_closed(due.due_date, as_of) and not_sent(due.questionnaire)
    ]
