"""The access matrix, generated: every URL pattern of sillon/urls.py × every role ×
its own or another organisation, with real records of a fixture organisation.

Each URL name has a declared rule in RULES (the ability its page asks, the records
its URL takes). The test walks the resolver, so a URL added without a rule fails
`test_every_url_has_a_rule` (docs/development.md says how to add one). For each
page of an organisation:

- an outsider (admin of another organisation) gets 404, by GET or by POST;
- each role of the organisation gets 403 without the rule's ability, and is let
  through with it (neither 403, 404, 405 nor a server error);
- a record of another organisation behind one's own URL is 404, even for an admin.

A viewer's responses never hold personal data (names, e-mails, birth years of the
holders, stop reasons, notes, experts' names, the social-impact text): a viewer has
no ability but VIEW, which only the aggregate pages ask.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from sillon.accounts.models import Invitation, Membership
from sillon.accounts.roles import Ability, Role
from sillon.api.models import ApiToken
from sillon.followup.models import Answer, ProposedChange, Questionnaire
from sillon.followup.models import Invitation as FollowupInvitation
from sillon.kbo.models import Finding, SyncRun
from sillon.mission.models import DefinitionVersion, InterestDeclaration, Mission, Stake
from sillon.register.choices import ActivityKind, ProjectStatus
from sillon.register.models import Application
from sillon.reports.models import Report, Status
from tests.conftest import logged_in, make_member
from tests.outcomes import factories as out
from tests.outcomes.conftest import Outcomes, build_outcomes
from tests.register import factories as make

ORGANISATION_ROUTE = "o/<slug:organisation>/"

# What a viewer must never read, put in the fixture organisation's records.
SECRETS = {
    "holder first name": "Philomène",
    "holder last name": "Quistwater",
    "holder e-mail": "philomene.quistwater@example.org",
    "holder birth year": "1937",
    "stop reason": "Burn-out of the founder",
    "activity note": "Talked about her divorce",
    "expert name": "Cabinet Maître Verhulst",
    "social impact": "Twelve refugees housed by name",
    "transfer note": "Handed over after the bankruptcy of her husband",
    "interaction note": "Referred for debt mediation",
    "non-accreditation note": "Founder refuses the democratic rule",
    "cost line note": "Salary of Jan Peeters",
    "stake note": "Bought from the founder's mother",
    "declarant": "Godelieve Vanderstraeten",
    "declaration measures": "Her brother runs the enterprise",
}


@dataclass
class World:
    """The records of one organisation that the URLs take."""

    outcomes: Outcomes
    stopped: object
    membership: Membership
    invitation: Invitation
    report: Report
    finding: Finding
    application: Application
    api_token: ApiToken
    mission: object = None
    stake: object = None
    declaration: object = None
    definition: object = None
    answer: object = None
    change: object = None

    def __getattr__(self, name):
        return getattr(self.outcomes, name)


def build_world(organisation, sync_run: SyncRun) -> World:
    outcomes = build_outcomes(organisation)
    stopped = make.project(
        organisation,
        "P-9",
        name="Épicerie fermée",
        status=ProjectStatus.STOPPED,
        status_date=date(2025, 3, 1),
        stop_reason=SECRETS["stop reason"],
    )
    make.holder(
        stopped,
        SECRETS["holder first name"],
        SECRETS["holder last name"],
        email=SECRETS["holder e-mail"],
        birth_year=int(SECRETS["holder birth year"]),
    )
    make.activity(organisation, [stopped], note=SECRETS["activity note"])
    make.activity(
        organisation,
        [stopped],
        kind=ActivityKind.EXPERT,
        expert_type="legal",
        expert_name=SECRETS["expert name"],
        cost_eur=100,
    )
    out.impact(stopped, social_impact=SECRETS["social impact"])
    out.transfer(stopped, note=SECRETS["transfer note"])
    out.interaction(organisation, note=SECRETS["interaction note"])
    reason = out.non_accreditation(outcomes.register.enterprise)
    reason.note = SECRETS["non-accreditation note"]
    reason.save()
    out.cost_line(organisation, note=SECRETS["cost line note"])
    member = make_member(organisation, f"spare-{organisation.slug}", Role.COACH)
    invitation = Invitation.objects.create(
        organisation=organisation,
        role=Role.COACH,
        email=f"invited@{organisation.slug}.example.org",
        invited_as=f"invited@{organisation.slug}.example.org",
        expires_at=timezone.now() + timedelta(days=7),
    )
    report = Report.objects.create(
        organisation=organisation,
        kind="annual",
        # Closes 2020 only: the records of the fixture stay open to a coach.
        period="2020",
        format="html",
        language="fr",
        status=Status.DONE,
        progress=100,
    )
    report.file.save("report.html", ContentFile(b"<article class='report'>2025</article>"))
    finding = Finding.objects.create(
        organisation=organisation,
        enterprise=outcomes.register.enterprise,
        sync_run=sync_run,
        kind="creation_date",
        sillon_value="2024-01-01",
        register_value="2023-12-01",
    )
    application = Application.objects.create(
        organisation=organisation,
        ref="C-1",
        date=date(2025, 1, 10),
        programme=outcomes.register.programme,
        name="Candidature",
        decision="rejected",
    )
    mission = Mission.objects.create(
        organisation=organisation, code="communication", title_fr="C", title_nl="C", title_en="C"
    )
    stake = Stake.objects.create(
        organisation=organisation,
        enterprise=outcomes.register.enterprise,
        acquired_date=date(2025, 1, 1),
        kind="shares",
        note=SECRETS["stake note"],
    )
    declaration = InterestDeclaration.objects.create(
        organisation=organisation,
        declarant=SECRETS["declarant"],
        project=stopped,
        date=date(2025, 1, 1),
        nature="family",
        measures=SECRETS["declaration measures"],
    )
    # A follow-up answer to review, with one proposed change (docs/spec/followup.md).
    questionnaire = Questionnaire.objects.create(
        organisation=organisation,
        project=outcomes.project,
        wave="n1",
        exit_date=date(2024, 6, 30),
        due_date=date(2025, 6, 30),
        status="answered",
        sent_on=date(2025, 6, 30),
        answered_at=timezone.now(),
    )
    recipient = FollowupInvitation.objects.create(
        organisation=organisation,
        questionnaire=questionnaire,
        person=outcomes.register.person,
        language="fr",
    )
    answer = Answer.objects.create(
        organisation=organisation,
        questionnaire=questionnaire,
        invitation=recipient,
        answered_at=timezone.now(),
        data={},
    )
    change = ProposedChange.objects.create(
        organisation=organisation,
        answer=answer,
        kind="job_ended",
        job=outcomes.job,
        values={"end_date": "2025-05-31"},
    )
    return World(
        application=application,
        outcomes=outcomes,
        stopped=stopped,
        membership=Membership.objects.get(user=member),
        invitation=invitation,
        report=report,
        finding=finding,
        mission=mission,
        stake=stake,
        declaration=declaration,
        definition=DefinitionVersion.objects.filter(organisation=organisation).first(),
        answer=answer,
        change=change,
        api_token=ApiToken.issue(member, "crm")[0],
    )


# Rules.

# Kinds of URL outside an organisation.
PUBLIC = "public"  # anyone, signed in or not
SIGNED_IN = "signed in"  # any signed-in user; nothing of an organisation
SUPERUSERS = "superusers"  # the administration site
# The REST API: its own gate (a token or the session acts as its member; 401 without),
# whose matrix of every endpoint × role × organisation is tests/api/test_access.py.
API = "api"

Kwargs = Callable[[World], dict]


@dataclass(frozen=True)
class Rule:
    ability: Ability | str
    kwargs: Kwargs = field(default=lambda w: {})
    # Only POST reaches it (a GET is 405 for everyone): the matrix posts, empty.
    post_only: bool = False
    # A POST to it asks more than its GET (the page shows a form to some only).
    post_ability: Ability | None = None

    @property
    def of_organisation(self) -> bool:
        return isinstance(self.ability, Ability)


def pk(attribute: str) -> Kwargs:
    return lambda world: {"pk": _get(world, attribute).pk}


def _get(world: World, path: str):
    value = world
    for part in path.split("."):
        value = getattr(value, part)
    return value


def worker_running() -> dict:
    """/health/ answers 503 without a worker's heartbeat: a worker beats."""
    from sillon.core.worker import beat

    beat("matrix-worker", timezone.now())
    return {}


def holder(world: World) -> dict:
    return {"pk": world.register.project.pk, "person": world.register.person.pk}


V, R, P = Ability.VIEW, Ability.VIEW_RECORDS, Ability.VIEW_PERSONAL_DATA
A, E, M = Ability.EDIT_ACCOMPANIMENT, Ability.EDIT_RECORDS, Ability.MANAGE_ORGANISATION
project = pk("project")


def api(key: str = "") -> Kwargs:
    def kwargs(world: World) -> dict:
        found = {"organisation": world.register.project.organisation.slug}
        return found | ({"key": _get(world, key).pk} if key else {})

    return kwargs


RULES: dict[str, Rule] = {
    # Outside organisations.
    "home": Rule(PUBLIC),
    "set_language": Rule(PUBLIC),
    "accounts:login": Rule(PUBLIC),
    "accounts:logout": Rule(PUBLIC),
    "accounts:invitation_link": Rule(PUBLIC, lambda w: {"token": "no-such-token"}),
    "accounts:password_reset": Rule(PUBLIC),
    "accounts:password_reset_done": Rule(PUBLIC),
    "accounts:password_reset_confirm": Rule(
        PUBLIC, lambda w: {"uidb64": "MQ", "token": "no-such-token"}
    ),
    "accounts:password_reset_complete": Rule(PUBLIC),
    "health": Rule(PUBLIC, lambda w: worker_running()),
    "accounts:password_change": Rule(SIGNED_IN),
    "accounts:password_change_done": Rule(SIGNED_IN),
    "accounts:invitations": Rule(SIGNED_IN),
    "accounts:invitation_accept": Rule(SIGNED_IN, pk("invitation")),
    "accounts:invitation_decline": Rule(SIGNED_IN, pk("invitation")),
    "code_search": Rule(SIGNED_IN, lambda w: {"kind": "nace"}),
    # Aggregates: every member, the viewer included.
    "dashboard": Rule(V),
    "indicator_records": Rule(V, lambda w: {"indicator": "projects.accompanied"}),
    "reports": Rule(V, post_ability=Ability.PRODUCE_REPORTS),
    "report_status": Rule(V, pk("report")),
    "report_download": Rule(V, pk("report")),
    "report_view": Rule(V, pk("report")),
    "report_quality": Rule(V),
    "comparison": Rule(V),
    "comparison_statements": Rule(M),
    "applications": Rule(R),
    "application_create": Rule(A),
    "application_edit": Rule(A, pk("application")),
    "application_delete": Rule(A, pk("application")),
    "workbook_template": Rule(V),
    "settings": Rule(V, post_ability=M),
    "programmes": Rule(V),
    "partner_list": Rule(V),
    "target_list": Rule(V),
    # Records one by one: not a viewer.
    "projects": Rule(R),
    "project_search": Rule(R),
    "project": Rule(R, project),
    # A holder's own page and the holders' list are lists of people: personal data.
    "holders": Rule(P),
    "holder": Rule(P, pk("register.person")),
    "activities": Rule(R),
    "enterprises": Rule(R),
    "jobs": Rule(R),
    "interaction_list": Rule(R),
    "internal_action_list": Rule(R),
    "cost_line_list": Rule(R),
    "report_quality_records": Rule(R, lambda w: {"gap": "projects_without_nace"}),
    "data": Rule(R),
    "workbook_export": Rule(R),
    "workbook_list_export": Rule(R, lambda w: {"name": "projects"}),
    "kbo_findings": Rule(R),
    "kbo_syncs": Rule(R),
    "kbo_extract_upload": Rule(M, post_only=True),
    # Accompaniment: coaches and above.
    "project_create": Rule(A),
    "project_edit": Rule(A, project),
    "holder_create": Rule(A, project),
    "holder_edit": Rule(A, holder),
    "person_edit": Rule(A, pk("register.person")),
    "holder_remove": Rule(E, holder),
    "enrolment_create": Rule(A, project),
    "enrolment_edit": Rule(A, pk("register.enrolment")),
    "enrolment_delete": Rule(E, pk("register.enrolment")),
    "enterprise_edit": Rule(A, project),
    "activity_create": Rule(A),
    "activity_edit": Rule(A, pk("register.activity")),
    "activity_delete": Rule(A, pk("register.activity")),
    "jobs_quick": Rule(A, project),
    "job_end": Rule(A, pk("job")),
    "job_create": Rule(A, project),
    "job_edit": Rule(A, pk("job")),
    "job_delete": Rule(E, pk("job")),
    "accreditation_create": Rule(A, project),
    "accreditation_edit": Rule(A, pk("accreditation")),
    "accreditation_delete": Rule(A, pk("accreditation")),
    "non_accreditation_create": Rule(A, project),
    "non_accreditation_edit": Rule(A, pk("non_accreditation")),
    "non_accreditation_delete": Rule(A, pk("non_accreditation")),
    "transfer_create": Rule(A, project),
    "transfer_edit": Rule(A, pk("transfer")),
    "transfer_delete": Rule(A, pk("transfer")),
    "impact_create": Rule(A, project),
    "impact_edit": Rule(A, pk("impact")),
    "impact_delete": Rule(A, pk("impact")),
    # Every record: managers and admins.
    "project_delete": Rule(E, project),
    "enterprise_delete": Rule(E, project),
    "partner_create": Rule(E),
    "partner_edit": Rule(E, pk("partner")),
    "partner_delete": Rule(E, pk("partner")),
    "interaction_create": Rule(E),
    "interaction_edit": Rule(E, pk("interaction")),
    "interaction_delete": Rule(E, pk("interaction")),
    "internal_action_create": Rule(E),
    "internal_action_edit": Rule(E, pk("internal_action")),
    "internal_action_delete": Rule(E, pk("internal_action")),
    "workbook_import": Rule(E, post_only=True),
    "workbook_import_confirm": Rule(E, post_only=True),
    "kbo_finding_accept": Rule(E, pk("finding"), post_only=True),
    "kbo_finding_dismiss": Rule(E, pk("finding"), post_only=True),
    # The organisation itself: admins.
    "holder_export": Rule(M, holder),
    "holder_erase": Rule(M, holder),
    "person_export": Rule(M, pk("register.person")),
    "person_erase": Rule(M, pk("register.person")),
    "programme_create": Rule(M),
    "programme_edit": Rule(M, pk("register.programme")),
    "programme_delete": Rule(M, pk("register.programme")),
    "cohort_create": Rule(M),
    "cohort_edit": Rule(M, pk("register.cohort")),
    "cohort_delete": Rule(M, pk("register.cohort")),
    "cost_line_create": Rule(M),
    "cost_line_edit": Rule(M, pk("cost_line")),
    "cost_line_delete": Rule(M, pk("cost_line")),
    "target_create": Rule(M),
    "target_edit": Rule(M, pk("target")),
    "target_delete": Rule(M, pk("target")),
    "members": Rule(M),
    "member_role": Rule(M, pk("membership"), post_only=True),
    "member_remove": Rule(M, pk("membership"), post_only=True),
    "invitation_cancel": Rule(M, pk("invitation"), post_only=True),
    "audit_trail": Rule(M),
    # The centre's whole mission (docs/spec/mission.md).
    "missions": Rule(V),
    "mission_create": Rule(M),
    "mission_edit": Rule(M, pk("mission")),
    "mission_delete": Rule(M, pk("mission")),
    "mission_defaults": Rule(M),
    "cost_line_mission": Rule(M, pk("cost_line")),
    "stakes": Rule(E),
    "stake_create": Rule(E),
    "stake_edit": Rule(E, pk("stake")),
    "stake_delete": Rule(E, pk("stake")),
    "declaration_create": Rule(E),
    "declaration_edit": Rule(E, pk("declaration")),
    "declaration_delete": Rule(E, pk("declaration")),
    "definitions": Rule(V),
    "definition_propose": Rule(M, pk("definition")),
    "definition_agree": Rule(M, pk("definition")),
    "partner_synergies": Rule(V),
    # The follow-up after the accompaniment (docs/spec/followup.md): the page shows a
    # viewer the counts only; settling answers is the accompaniment's.
    "followup": Rule(V),
    "followup_change_accept": Rule(A, pk("change"), post_only=True),
    "followup_change_reject": Rule(A, pk("change"), post_only=True),
    "followup_answer_settle": Rule(
        A, lambda w: {"pk": w.answer.pk, "decision": "reject"}, post_only=True
    ),
    "followup_form": Rule(PUBLIC, lambda w: {"token": "no-such-token"}),
    "followup_unsubscribe": Rule(PUBLIC, lambda w: {"token": "no-such-token"}),
    "api-member-tokens": Rule(M),
    "api-member-token-revoke": Rule(M, pk("api_token"), post_only=True),
    # API tokens of one's own account.
    "api-tokens": Rule(SIGNED_IN),
    "api-token-revoke": Rule(SIGNED_IN, lambda w: {"pk": 0}),
    # The REST API (tests/api/test_access.py).
    "api-schema": Rule(API),
    "api-docs": Rule(API),
    "api-indicators": Rule(API, api()),
    "api-comparison": Rule(API, api()),
    "api-statement": Rule(API, api()),
    "api-import": Rule(API, api()),
    "api-project-list": Rule(API, api()),
    "api-project-detail": Rule(API, api("project")),
    "api-holder-list": Rule(API, api()),
    "api-holder-detail": Rule(API, api("register.person")),
    "api-enrolment-list": Rule(API, api()),
    "api-enrolment-detail": Rule(API, api("register.enrolment")),
    "api-enterprise-list": Rule(API, api()),
    "api-enterprise-detail": Rule(API, api("register.enterprise")),
    "api-activity-list": Rule(API, api()),
    "api-activity-detail": Rule(API, api("register.activity")),
    "api-job-list": Rule(API, api()),
    "api-job-detail": Rule(API, api("job")),
    "api-accreditation-event-list": Rule(API, api()),
    "api-accreditation-event-detail": Rule(API, api("accreditation")),
    "api-transfer-list": Rule(API, api()),
    "api-transfer-detail": Rule(API, api("transfer")),
    "api-impact-assessment-list": Rule(API, api()),
    "api-impact-assessment-detail": Rule(API, api("impact")),
    "api-cost-line-list": Rule(API, api()),
    "api-cost-line-detail": Rule(API, api("cost_line")),
    "api-target-list": Rule(API, api()),
    "api-target-detail": Rule(API, api("target")),
    "api-followup-list": Rule(API, api()),
    "api-followup-detail": Rule(API, api("answer.questionnaire")),
    "api-application-list": Rule(API, api()),
    "api-application-detail": Rule(API, api("application")),
}
# Every page of the administration site (a namespace of its own).
NAMESPACE_RULES = {"admin": Rule(SUPERUSERS)}


def url_patterns(patterns=None, prefix: str = "", namespace: str = ""):
    """(route, name) of every named URL pattern of sillon/urls.py."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif pattern.name:
            yield (
                prefix + str(pattern.pattern),
                (f"{namespace}:{pattern.name}" if namespace else pattern.name),
            )


def rule_of(name: str) -> Rule | None:
    namespace = name.split(":")[0] if ":" in name else ""
    return RULES.get(name) or NAMESPACE_RULES.get(namespace)


ALL_URLS = {name: route for route, name in url_patterns()}
ORGANISATION_URLS = sorted(
    name for name, route in ALL_URLS.items() if route.startswith(ORGANISATION_ROUTE)
)
OTHER_URLS = sorted(name for name in ALL_URLS if name not in ORGANISATION_URLS and name in RULES)
ROLES = [Role.VIEWER, Role.COACH, Role.MANAGER, Role.ADMIN]  # the least allowed first


def test_every_url_has_a_rule():
    missing = sorted(name for name in ALL_URLS if rule_of(name) is None)
    assert not missing, (
        f"URL names without a rule in tests/accounts/test_access_matrix.py: {missing} "
        "(docs/development.md, 'Adding a page of an organisation')"
    )
    assert not set(RULES) - set(ALL_URLS), "rules for URL names that no longer exist"


def test_pages_of_organisations_have_an_ability_and_the_others_do_not():
    for name in ORGANISATION_URLS:
        assert rule_of(name).of_organisation, name
    for name in OTHER_URLS:
        assert not rule_of(name).of_organisation, name


# The matrix.


@dataclass
class Fixture:
    org_a: object
    world_a: World
    world_b: World
    clients: dict  # Role → Client of a member of organisation A
    outsider: Client  # admin of organisation B


@pytest.fixture
def matrix(org_a, org_b) -> Fixture:
    now = timezone.now()
    run = SyncRun.objects.create(
        kind="full",
        extract_number=140,
        snapshot_date=date(2025, 10, 1),
        file_name="KboOpenData_0140_2025_10_Full.zip",
        checksum="0" * 64,
        started_at=now,
        finished_at=now,
        read_seconds=1.0,
        write_seconds=1.0,
    )
    clients = {role: logged_in(make_member(org_a, f"matrix-{role.value}", role)) for role in ROLES}
    outsider = logged_in(make_member(org_b, "matrix-outsider", Role.ADMIN))
    return Fixture(org_a, build_world(org_a, run), build_world(org_b, run), clients, outsider)


def organisation_url(name: str, organisation, world: World) -> str:
    return reverse(name, kwargs={"organisation": organisation.slug} | RULES[name].kwargs(world))


def ask(client: Client, name: str, url: str):
    return client.post(url) if RULES[name].post_only else client.get(url)


@pytest.mark.parametrize("name", ORGANISATION_URLS)
def test_access_matrix_of_organisation_pages(name, matrix):
    rule = RULES[name]
    own = organisation_url(name, matrix.org_a, matrix.world_a)
    # An outsider learns nothing: 404 by either method.
    assert ask(matrix.outsider, name, own).status_code == 404
    assert matrix.outsider.post(own).status_code == 404
    # A record of another organisation behind one's own URL: 404, even for an admin.
    if rule.kwargs(matrix.world_a) and "pk" in rule.kwargs(matrix.world_a):
        foreign = organisation_url(name, matrix.org_a, matrix.world_b)
        assert ask(matrix.clients[Role.ADMIN], name, foreign).status_code == 404, foreign
    for role in ROLES:
        response = ask(matrix.clients[role], name, own)
        status = response.status_code
        if rule.ability in role.abilities:
            assert status not in (403, 404, 405) and status < 500, (role, status)
            # No browser or proxy keeps a page of the organisation.
            assert "no-store" in response.get("Cache-Control", ""), role
        else:
            assert status == 403, (role, status)
        if rule.post_ability and rule.post_ability not in role.abilities:
            assert matrix.clients[role].post(own).status_code == 403, role


@pytest.mark.parametrize("name", OTHER_URLS)
def test_pages_outside_organisations_answer_everyone_without_error(name, matrix):
    rule = RULES[name]
    url = reverse(name, kwargs=rule.kwargs(matrix.world_a))
    anonymous = Client().get(url)
    if rule.ability == SIGNED_IN:
        assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    else:
        assert anonymous.status_code < 500
    for client in [*matrix.clients.values(), matrix.outsider]:
        assert client.get(url).status_code < 500, client


def test_the_administration_site_is_for_superusers_only(matrix):
    index = reverse("admin:index")
    for client in [*matrix.clients.values(), matrix.outsider]:
        response = client.get(index)
        assert response.status_code == 302 and "login" in response["Location"]
    superuser = get_user_model().objects.create_superuser("root", password="x" * 20)
    assert logged_in(superuser).get(index).status_code == 200


# A viewer's responses.


def test_a_viewer_never_reads_personal_data(matrix):
    viewer = matrix.clients[Role.VIEWER]
    read = 0
    for name in ORGANISATION_URLS:
        if RULES[name].post_only:
            continue
        url = organisation_url(name, matrix.org_a, matrix.world_a)
        for query in ("", "?period=2025"):
            response = viewer.get(url + query)
            assert response.status_code < 500, name
            read += response.status_code == 200
            body = b"".join(response) if response.streaming else response.content
            text = body.decode(errors="replace")
            for what, secret in SECRETS.items():
                assert secret not in text, (name, what)
    # The rule is real: the viewer did read every aggregate page, and a coach reads the
    # secrets where the viewer was refused.
    aggregates = [name for name in ORGANISATION_URLS if RULES[name].ability == Ability.VIEW]
    assert read == 2 * len(aggregates) >= 2 * 12
    coach = matrix.clients[Role.COACH]
    page = coach.get(organisation_url("project", matrix.org_a, matrix.world_a)).content
    stopped = reverse("project", args=[matrix.org_a.slug, matrix.world_a.stopped.pk])
    text = page.decode() + coach.get(stopped).content.decode()
    assert SECRETS["holder last name"] in text and SECRETS["stop reason"] in text
