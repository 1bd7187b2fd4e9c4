"""Sections that higher apps add to the project page, without the register importing them.

An app registers, in its AppConfig.ready():
- a panel `panel(request, project) -> (template, context) | None`, rendered among the
  sections of the page in the order registered;
- a history source `source(request, project) -> (title, entries) | None`, whose
  entries (core.history.TimelineEntry) are shown in the page's History section.
"""

from collections.abc import Callable

from django.http import HttpRequest
from django.template.loader import render_to_string

ProjectPanel = Callable[[HttpRequest, object], tuple[str, dict] | None]
_panels: list[ProjectPanel] = []


def register_project_panel(panel: ProjectPanel) -> None:
    if panel not in _panels:
        _panels.append(panel)


def render_project_panels(request: HttpRequest, project) -> list[str]:
    rendered = []
    for panel in _panels:
        result = panel(request, project)
        if result is not None:
            template, context = result
            rendered.append(render_to_string(template, context, request=request))
    return rendered


HistorySource = Callable[[HttpRequest, object], tuple[str, list] | None]
_history_sources: list[HistorySource] = []


def register_history_source(source: HistorySource) -> None:
    if source not in _history_sources:
        _history_sources.append(source)


def project_history_sections(request: HttpRequest, project) -> list[tuple[str, list]]:
    sections = (source(request, project) for source in _history_sources)
    return [section for section in sections if section is not None]
