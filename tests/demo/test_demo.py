import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db.models import Count, Sum

from sillon.accounts.demo import DEMO_PASSWORD
from sillon.accounts.models import Membership, Organisation
from sillon.accounts.roles import Role
from sillon.catalogue.periods import parse_period
from sillon.codes import enterprise_numbers, legal_forms, nace
from sillon.demo import register_entries
from sillon.indicators.engine import compute
from sillon.kbo.models import Finding, RegisterEntry, tracked_numbers
from sillon.mission.models import Mission, Stake
from sillon.register.models import (
    Activity,
    Cohort,
    Enrolment,
    Enterprise,
    Person,
    Programme,
    Project,
)


def test_demo_creates_coopcity_with_one_working_login_per_role(db, capsys):
    call_command("demo", projects=5)
    organisation = Organisation.objects.get(slug="coopcity")
    assert organisation.name == "COOPCITY (démo)"
    roles = dict(organisation.memberships.values_list("user__username", "role"))
    assert roles == {f"coopcity-{role.value}": role.value for role in Role}
    printed = capsys.readouterr().out
    for username in roles:
        assert username in printed
        assert authenticate(username=username, password=DEMO_PASSWORD) is not None
    assert DEMO_PASSWORD in printed


def test_demo_recreates_the_organisation_from_scratch(db):
    call_command("demo", projects=20)
    first = Organisation.objects.get(slug="coopcity")
    call_command("demo", projects=10)
    assert not Organisation.objects.filter(pk=first.pk).exists()
    assert Membership.objects.filter(organisation__slug="coopcity").count() == 4
    assert Project.objects.count() == 10
    assert not Project.history.filter(organisation_id=first.pk).exists()


def test_demo_if_empty_leaves_a_database_with_organisations_alone(org_a, capsys):
    call_command("demo", if_empty=True)
    assert not Organisation.objects.filter(slug="coopcity").exists()
    assert "no demo created" in capsys.readouterr().out


def test_demo_if_empty_creates_on_an_empty_database_and_then_only_prints(db, capsys):
    call_command("demo", if_empty=True, projects=3)
    created = Organisation.objects.get(slug="coopcity")
    call_command("demo", if_empty=True)
    assert Organisation.objects.get(slug="coopcity").pk == created.pk
    assert "coopcity-viewer" in capsys.readouterr().out


def test_demo_refuses_a_short_name_that_is_not_a_slug(db):
    with pytest.raises(CommandError, match="not a valid short name"):
        call_command("demo", organisation="Bad Name")


def snapshot(slug: str) -> dict:
    """What the demo organisation holds, independent of database ids."""
    organisation = Organisation.objects.get(slug=slug)
    projects = Project.objects.filter(organisation=organisation)
    return {
        "projects": list(projects.values_list("ref", "name", "intake_date", "status", "nace_code")),
        "enrolments": list(
            Enrolment.objects.filter(organisation=organisation)
            .order_by("project__ref", "start_date", "programme__code")
            .values_list("project__ref", "programme__code", "start_date", "end_date")
        ),
        "activities": Activity.objects.filter(organisation=organisation).aggregate(
            n=Count("id"), hours=Sum("hours"), cost=Sum("cost_eur")
        ),
        "persons": sorted(
            Person.objects.filter(organisation=organisation).values_list("first_name", "last_name")
        ),
    }


def test_same_seed_gives_the_same_organisation_and_another_seed_another(db):
    call_command("demo", projects=60, seed=7)
    first = snapshot("coopcity")
    call_command("demo", projects=60, seed=7)
    assert snapshot("coopcity") == first
    call_command("demo", projects=60, seed=8)
    assert snapshot("coopcity") != first


def test_demo_tells_a_credible_story(db):
    call_command("demo", projects=300, seed=1)
    organisation = Organisation.objects.get(slug="coopcity")
    programmes = dict(
        Programme.objects.filter(organisation=organisation).values_list("code", "kind")
    )
    assert programmes == {
        "seeds": "launch",
        "blossom": "growth",
        "pollinize": "multi_actor",
        "community": "community",
    }
    projects = Project.objects.filter(organisation=organisation)
    assert projects.count() == 300
    assert projects.filter(intake_date__year=2019).exists()
    assert projects.filter(intake_date__year=2026).exists()
    # Enrolments chain: some projects go through Seeds, then Blossom.
    chained = projects.filter(enrolments__programme__code="seeds").filter(
        enrolments__programme__code="blossom"
    )
    assert chained.exists()
    # About a third of the creation projects create an enterprise.
    creation = projects.filter(project_type="creation")
    created = creation.filter(enterprise__created_during_accompaniment=True).count()
    assert 0.2 <= created / creation.count() <= 0.45
    families = set(
        Enterprise.objects.filter(organisation=organisation).values_list(
            "legal_form_family", flat=True
        )
    )
    assert {"nonprofit", "cooperative", "company"} <= families
    kinds = set(Activity.objects.filter(organisation=organisation).values_list("kind", flat=True))
    assert kinds == {"coaching", "training", "event", "expert", "coworking"} | {
        "prospection",
        "communication",
        "representation",
        "dissemination",
    }
    # The missions of a funding agreement, with representation also covered by partners.
    missions = Mission.objects.filter(organisation=organisation)
    assert set(missions.values_list("code", flat=True)) == {
        "programmes",
        "coworking",
        "prospection",
        "communication",
        "representation",
        "dissemination",
        "administration",
    }
    assert missions.get(code="representation").also_covered_by.exists()
    assert Stake.objects.filter(organisation=organisation).exists()
    experts = Activity.objects.filter(organisation=organisation, kind="expert")
    assert not experts.filter(cost_eur__isnull=True).exists()
    assert experts.values("expert_type").distinct().count() >= 6


def test_every_code_of_the_demo_is_an_official_one(db):
    call_command("demo", projects=200, seed=3)
    for version, code in Project.objects.exclude(nace_code="").values_list(
        "nace_version", "nace_code"
    ):
        assert nace.lookup(version, code) is not None, code
    for number, legal_form in Enterprise.objects.values_list("enterprise_number", "legal_form"):
        assert number == "" or enterprise_numbers.normalise(number) == number
        assert legal_form == "" or legal_forms.normalise(legal_form) == legal_form


def test_demo_records_respect_every_form_rule(db):
    """The bulk-written demo passes the same validation as records typed in the forms."""
    call_command("demo", projects=40, seed=5)
    for model in (Project, Person, Enrolment, Enterprise, Activity, Cohort):
        for record in model.objects.all():
            record.full_clean()


def test_demo_refuses_to_run_under_the_production_profile(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production profile"):
        call_command("demo", projects=1)
    assert not Organisation.objects.exists()


def test_demo_never_resets_reactivates_or_re_roles_an_existing_account(
    db, django_user_model, capsys
):
    call_command("demo", projects=1, verbosity=0)
    admin = django_user_model.objects.get(username="coopcity-admin")
    admin.set_password("changed-by-its-owner")
    admin.save()
    viewer = django_user_model.objects.get(username="coopcity-viewer")
    viewer.is_active = False
    viewer.save()
    other = Organisation.objects.create(slug="elsewhere", name="Elsewhere")
    Membership.objects.create(organisation=other, user=admin, role=Role.VIEWER)
    call_command("demo", projects=1)
    admin.refresh_from_db()
    viewer.refresh_from_db()
    assert admin.check_password("changed-by-its-owner")
    assert not viewer.is_active
    assert Membership.objects.get(organisation=other, user=admin).role == Role.VIEWER
    printed = capsys.readouterr().out
    admin_line = next(line for line in printed.splitlines() if "coopcity-admin" in line)
    assert DEMO_PASSWORD not in admin_line
    assert "own password" in admin_line


def test_demo_shows_the_whole_follow_up_cycle(db):
    from django.core import mail

    from sillon.followup.models import Message, ProposedChange, Questionnaire

    mail.outbox = []
    call_command("demo", projects=300, seed=1)
    organisation = Organisation.objects.get(slug="coopcity")
    holders = Person.objects.filter(organisation=organisation)
    assert {"fr", "nl", "en"} <= set(holders.values_list("language", flat=True))
    assert holders.filter(followup_consent=True).exists()
    assert holders.filter(followup_consent=False).exists()
    questionnaires = Questionnaire.objects.filter(organisation=organisation)
    statuses = set(questionnaires.values_list("status", flat=True))
    assert {"sent", "answered", "unreachable"} <= statuses, statuses
    messages = Message.objects.filter(invitation__organisation=organisation, sent_at__isnull=False)
    assert messages.filter(number=0).exists() and messages.filter(number__gt=0).exists()
    changes = ProposedChange.objects.filter(organisation=organisation)
    assert {"review", "accepted", "rejected"} <= set(changes.values_list("status", flat=True))
    # Sent by the real sending code, kept in memory: no message left the machine.
    assert len(mail.outbox) == messages.count()
    # And the demo can be recreated on top of its follow-up.
    call_command("demo", projects=10, seed=1, replace=True)
    assert not Questionnaire.objects.filter(organisation=organisation).exists()


def test_a_larger_demo_asks_a_bounded_number_of_holders_for_their_consent(db, monkeypatch):
    """The replay sends through the real code, one message per consenting holder and
    wave: a larger organisation asks fewer holders, so the demo builds in bounded time."""
    from sillon.demo import followup

    monkeypatch.setattr(followup, "ASKED_HOLDERS", 12)
    call_command("demo", organisation="demo-asked", projects=60, seed=3, verbosity=0)
    holders = Person.objects.filter(organisation__slug="demo-asked")
    assert holders.count() > 40
    assert 0 < holders.filter(followup_consent=True).count() <= 12


def test_the_follow_up_replay_records_its_events_without_a_log_line_each(
    db, django_capture_on_commit_callbacks
):
    """`sillon demo` replays half a year of sending and reviews: its audit events are
    stored, but not printed one JSON line each; the demo's own events still are."""
    import logging

    from sillon.accounts.models import AuditEvent

    lines = []

    class Keep(logging.Handler):
        def emit(self, record):
            lines.append(record.getMessage())

    handler = Keep()
    audit_log = logging.getLogger("sillon.audit")
    audit_log.addHandler(handler)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            call_command("demo", projects=120, seed=1, verbosity=0)
            # Outside the replay, an event is still logged.
            from sillon.accounts.audit import EventKind, record_event

            record_event(EventKind.FOLLOWUP_SENT, as_of="2025-01-01", invitations=0)
    finally:
        audit_log.removeHandler(handler)
    organisation = Organisation.objects.get(slug="coopcity")
    events = AuditEvent.objects.filter(organisation=organisation)
    assert events.filter(kind="followup.sent").count() > 1
    assert events.filter(kind="followup.reviewed").exists()
    followup_lines = [line for line in lines if '"followup.' in line]
    assert len(followup_lines) == 1 and '"as_of": "2025-01-01"' in followup_lines[0]


def test_demo_register_keeps_the_applicants_enterprises_for_the_comparison(db):
    call_command("demo", projects=300, seed=1)
    organisation = Organisation.objects.get(slug="coopcity")
    found = compute(organisation, parse_period("2025"))
    rows = next(r.value.rows for r in found if r.indicator.id == "comparison.survival")
    not_accompanied = next(row for row in rows if row["group"] == "not_accompanied")
    assert not_accompanied["n"] >= 5
    # Some stopped, on the snapshot of the first extract that showed it, and not all.
    assert 0 < not_accompanied["rate_1y"] < 1
    entries = RegisterEntry.objects.tracked_by(organisation)
    assert entries.filter(stopped_since__isnull=False).exists()
    assert entries.filter(active=False).exists()
    # Every tracked number, the organisation's enterprises too, as the last extract says.
    assert entries.count() == len(tracked_numbers(organisation))
    last_extract = register_entries.snapshots()[-1]
    assert set(entries.values_list("snapshot_date", flat=True)) == {last_extract}
    # The register agrees with Sillon on the organisation's enterprises: no finding.
    assert not Finding.objects.exists()
