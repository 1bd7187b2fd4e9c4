"""A Document written as HTML, PDF (WeasyPrint, from the same HTML) or XLSX."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import override

from sillon.reports import xlsx
from sillon.reports.blocks import Document

STYLESHEET = Path(settings.BASE_DIR) / "static" / "sillon" / "report.css"
HTML, PDF, XLSX = "html", "pdf", "xlsx"
FORMATS = (PDF, XLSX, HTML)
CONTENT_TYPES = {
    HTML: "text/html; charset=utf-8",
    PDF: "application/pdf",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def to_html(document: Document) -> str:
    with override(document.language):
        return render_to_string(
            "reports/standalone.html",
            {"document": document, "stylesheet": STYLESHEET.read_text()},
        )


def to_pdf(document: Document) -> bytes:
    from weasyprint import HTML as WeasyHTML  # imported on use: it is slow to load

    # No base URL: every resource is inline, nothing is fetched.
    return WeasyHTML(string=to_html(document)).write_pdf()


def write(document: Document, fmt: str) -> bytes:
    if fmt == PDF:
        return to_pdf(document)
    if fmt == XLSX:
        return xlsx.to_xlsx(document)
    return to_html(document).encode()
