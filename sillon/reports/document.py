"""A report as a Document: every section of docs/spec/reports.md, built from the engine's values."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from sillon.catalogue.indicators import CATALOGUE
from sillon.indicators.engine import Result
from sillon.indicators.output import as_dict
from sillon.indicators.values import Scope
from sillon.reports import annex, annual, mission, quality, semester
from sillon.reports.blocks import Document
from sillon.reports.context import Context

ANNUAL, SEMESTER = "annual", "semester"


def build(
    organisation,
    period,
    kind: str,
    language: str,
    *,
    suppression: int | None = None,
    produced_by: str = "",
    produced_at=None,
) -> Document:
    with override(language):
        ctx = Context(organisation, period, language, suppression)
        gaps = quality.gaps(Scope(organisation, period, period.end))
        if kind == ANNUAL:
            sections = annual.sections(ctx)
            title = _("Annual report %(year)s") % {"year": period.start.year}
        else:
            sections = semester.sections(ctx, gaps)
            title = _("Semester monitoring report %(period)s") % {"period": period.id}
        sections.append(annex.section(ctx, len(sections) + 1, gaps))
        produced_at = produced_at or timezone.now()
        produced = formats.date_format(timezone.localtime(produced_at), "DATETIME_FORMAT")
        return Document(
            kind=kind,
            title=title,
            organisation=organisation.name,
            period_id=period.id,
            period_text=_("From %(start)s to %(end)s")
            % {
                "start": formats.date_format(period.start, "DATE_FORMAT"),
                "end": formats.date_format(period.end, "DATE_FORMAT"),
            },
            as_of_text=formats.date_format(period.end, "DATE_FORMAT"),
            produced_text=(
                _("Produced on %(when)s by %(who)s") % {"when": produced, "who": produced_by}
                if produced_by
                else _("Produced on %(when)s") % {"when": produced}
            ),
            language=language,
            suppression=suppression,
            provisional=period.end >= timezone.localdate(),
            sections=sections,
            raw=[as_dict(Result(i, ctx.values[i.id])) for i in CATALOGUE],
            definitions_not_agreed=mission.not_agreed(ctx),
        )
