"""The files (PDF, XLSX, HTML), the command, and the Reports pages with their rights."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from sillon.catalogue.periods import parse_period
from sillon.register.models import Programme
from sillon.reports import actions
from sillon.reports.document import build
from sillon.reports.models import Report, Status
from sillon.reports.render import to_pdf
from sillon.reports.xlsx import to_xlsx

pytestmark = pytest.mark.django_db
QUEUED_START = actions.start  # kept before the fixture below replaces it


@pytest.fixture(autouse=True)
def synchronous(monkeypatch, settings, tmp_path):
    """Production is a task run by the worker once the request commits; here it runs
    in the test (tests/core/test_tasks.py runs it through the worker)."""
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(actions, "start", lambda pk: actions.generate(Report.objects.get(pk=pk)))


@pytest.fixture
def produce_as(django_capture_on_commit_callbacks):
    """POST the Reports form; the test transaction never commits, so run its on-commit
    work (the production) when the request is over, as a real commit would."""

    def post(persona, organisation, data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return persona.client.post(url("reports", organisation), data, **extra)

    return post


def test_pdf_opens_with_cover_contents_and_every_section(hand_made):
    document = build(hand_made, parse_period("2025"), "annual", "nl")
    reader = PdfReader(io.BytesIO(to_pdf(document)))
    pages = [page.extract_text() for page in reader.pages]
    assert "Jaarverslag 2025" in pages[0] and "Inhoud" in pages[0]
    whole = "\n".join(pages)
    for section in document.sections:
        assert section.title in whole
    assert f"2 / {len(pages)}" in pages[1]  # page numbers
    assert hand_made.name in pages[1]  # running header
    assert len(pages) >= len(document.sections) + 1  # each section opens a page


def test_xlsx_cells_are_numbers_with_formats(hand_made):
    document = build(hand_made, parse_period("2025"), "annual", "en")
    workbook = load_workbook(io.BytesIO(to_xlsx(document)))
    summary = workbook["1. Summary"]
    line = next(r for r in summary.iter_rows() if r[0].value == "Projects accompanied")
    assert line[1].value == 2 and line[1].number_format == "#,##0"
    assert line[5].value == 0.5 and line[5].number_format == "0.0%"
    raw = workbook["Indicators"]
    ids = {r[0].value for r in raw.iter_rows(min_row=2)}
    assert "enterprises.survival_km" in ids and "partners.interactions" in ids


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_every_heading_is_translated(hand_made, language):
    english = build(hand_made, parse_period("2025"), "annual", "en")
    other = build(hand_made, parse_period("2025"), "annual", language)
    pairs = [(english.title, other.title)]
    for mine, theirs in zip(english.sections, other.sections, strict=True):
        pairs.append((mine.title, theirs.title))
        for a, b in zip(mine.blocks, theirs.blocks, strict=True):
            pairs.append((getattr(a, "title", ""), getattr(b, "title", "")))
            pairs += list(zip(getattr(a, "head", []), getattr(b, "head", []), strict=True))
            pairs += list(
                zip(getattr(a, "paragraphs", []), getattr(b, "paragraphs", []), strict=True)
            )
            pairs.append((getattr(a, "note", ""), getattr(b, "note", "")))
    untranslated = {a for a, b in pairs if a and a == b and not a[:4].isdigit()}
    # Proper names and words that French or Dutch write as English does.
    assert untranslated <= {
        "Seeds",
        "Seeds — Seeds",
        "Dimension",
        "Indicator",
        "Mission",
        "Version",
        "Status",
        "Source",
        "Partner",
    }, untranslated


def url(name, organisation, *args):
    return reverse(name, args=[organisation.slug, *args])


PRODUCE = {"kind": "annual", "period": "2025", "format": "html", "language": "en"}


def test_manager_produces_a_report_and_everyone_can_read_it(hand_made, manager, viewer, produce_as):
    response = produce_as(manager, hand_made, PRODUCE)
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.status == Status.DONE and report.progress == 100 and len(report.checksum) == 64
    page = viewer.client.get(url("reports", hand_made))
    assert b"Produce the report" not in page.content  # a viewer has no form
    assert url("report_download", hand_made, report.pk).encode() in page.content
    download = viewer.client.get(url("report_download", hand_made, report.pk))
    assert b"Annual report 2025" in b"".join(download.streaming_content)
    view = viewer.client.get(url("report_view", hand_made, report.pk))
    assert b'class="report"' in view.content and b"Vanderelst" not in view.content
    status = viewer.client.get(url("report_status", hand_made, report.pk)).json()
    assert status["status"] == "done" and status["finished"]


def test_failed_generation_shows_its_error(hand_made, manager, monkeypatch, produce_as):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(actions, "produce", broken)
    produce_as(manager, hand_made, PRODUCE)
    report = Report.objects.get()
    assert report.status == Status.FAILED and "disk full" in report.error
    assert b"disk full" in manager.client.get(url("reports", hand_made)).content


def test_bad_period_is_refused_in_the_users_language(hand_made, manager):
    response = manager.client.post(
        url("reports", hand_made), PRODUCE | {"period": "2025-S1"}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code == 400
    assert "Un rapport annuel couvre une année entière" in response.content.decode()
    assert not Report.objects.exists()


def test_roles_and_outsiders(hand_made, coach, viewer, outsider, manager, produce_as):
    produce_as(manager, hand_made, PRODUCE)
    report = Report.objects.get()
    assert coach.client.post(url("reports", hand_made), PRODUCE).status_code == 403
    assert viewer.client.post(url("reports", hand_made), PRODUCE).status_code == 403
    assert viewer.client.put(url("reports", hand_made)).status_code == 405
    for name, args in [
        ("reports", []),
        ("report_status", [report.pk]),
        ("report_download", [report.pk]),
        ("report_view", [report.pk]),
        ("report_quality", []),
        ("report_quality_records", ["projects_without_nace"]),
    ]:
        assert outsider.client.get(url(name, hand_made, *args)).status_code == 404
        expected = 403 if name == "report_quality_records" else 200  # records, not counts
        assert viewer.client.get(url(name, hand_made, *args)).status_code == expected


def test_quality_page_counts_and_lists_the_records_to_fix(hand_made, coach, viewer):
    page = coach.client.get(url("report_quality", hand_made) + "?period=2025")
    link = url("report_quality_records", hand_made, "jobs_without_joint_committee")
    assert link.encode() in page.content
    page = coach.client.get(link + "?period=2025").content.decode()
    # Only the table: a random CSRF token elsewhere in the page may contain "J1".
    records = page[page.index('id="records"') : page.index("</table>")]
    assert "· J2<" in records and "· J1<" not in records
    names = coach.client.get(
        url("report_quality_records", hand_made, "projects_without_nace") + "?period=2025"
    ).content.decode()
    assert "P-1" in names and "Vanderelst" not in names
    assert coach.client.get(url("report_quality_records", hand_made, "nope")).status_code == 404
    # A viewer reads the counts, with no link to the records.
    page = viewer.client.get(url("report_quality", hand_made) + "?period=2025")
    assert page.status_code == 200 and link.encode() not in page.content


def test_command_writes_the_file_and_refuses_bad_input(hand_made, tmp_path):
    target = tmp_path / "report.xlsx"
    call_command(
        "report",
        organisation="coop-a",
        period="2025-S1",
        kind="semester",
        format="xlsx",
        lang="nl",
        output=str(target),
        stdout=io.StringIO(),
    )
    assert load_workbook(target)["1. Kerncijfers"]
    with pytest.raises(CommandError, match="whole year"):
        call_command(
            "report",
            organisation="coop-a",
            period="2025-S1",
            kind="annual",
            format="pdf",
            output=str(target),
        )
    with pytest.raises(CommandError, match="No organisation"):
        call_command(
            "report",
            organisation="nope",
            period="2025",
            kind="annual",
            format="pdf",
            output=str(target),
        )


def test_production_is_queued_for_the_worker():
    """The real `start` (not the tests' synchronous one) enqueues a task, nothing runs."""
    from django_tasks_db.models import DBTaskResult

    QUEUED_START(42)
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "sillon.reports.tasks.produce_report"
    assert queued.args_kwargs == {"args": [42], "kwargs": {}}
    assert queued.status == "READY"


def test_quality_links_lead_a_coach_to_the_edit_page(hand_made, viewer, coach):
    from sillon.outcomes.models import Job

    job = Job.objects.get(job_ref="J2")
    link = url("report_quality_records", hand_made, "jobs_without_joint_committee")
    coach_page = coach.client.get(link + "?period=2025").content.decode()
    assert url("job_edit", hand_made, job.pk) in coach_page
    assert viewer.client.get(link + "?period=2025").status_code == 403


def test_a_report_whose_process_stopped_shows_as_failed(hand_made, manager):
    """No progress for longer than STALE_AFTER: its thread is gone, the page says so."""
    from django.utils import timezone

    long_ago = timezone.now() - actions.STALE_AFTER - timedelta(minutes=1)
    common = {"organisation": hand_made, "period": "2025", "format": "pdf", "language": "fr"}
    stopped = Report.objects.create(
        kind="annual", status=Status.RUNNING, progress=60, progress_at=long_ago, **common
    )
    never_started = Report.objects.create(kind="annual", **common)
    Report.objects.filter(pk=never_started.pk).update(requested_at=long_ago)
    alive = Report.objects.create(
        kind="semester", status=Status.RUNNING, progress=10, progress_at=timezone.now(), **common
    )
    status = manager.client.get(url("report_status", hand_made, stopped.pk)).json()
    assert status["status"] == "failed" and status["finished"]
    assert "La production s’est arrêtée" in status["error"] and "10 minutes" in status["error"]
    page = manager.client.get(url("reports", hand_made)).content.decode()
    assert page.count("data-status-url") == 1  # only the live one is still followed
    never_started.refresh_from_db()
    alive.refresh_from_db()
    assert never_started.status == Status.FAILED and alive.status == Status.RUNNING


def test_no_name_typed_in_sillon_becomes_a_formula_in_the_xlsx(hand_made):
    hand_made.name = '=HYPERLINK("http://evil.example","click")'
    hand_made.save()
    Programme.objects.filter(organisation=hand_made).update(
        name_en="+cmd|' /C calc'!A0", name_fr="@SUM(1)", name_nl="-2+3"
    )
    document = build(hand_made, parse_period("2025"), "annual", "en")
    workbook = load_workbook(io.BytesIO(to_xlsx(document)))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    assert '=HYPERLINK("http://evil.example","click")' in texts
    assert any(isinstance(v, int | float) for v in (cell.value for cell in cells))
