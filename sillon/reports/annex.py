"""The annex: definitions, the ESD and EMES texts, method notes, data quality."""

from django.utils.translation import gettext as _

from sillon.outcomes.choices import EMES_CRITERIA
from sillon.reports import mission
from sillon.reports.blocks import Cell, Row, Section, Table, Text
from sillon.reports.definitions import DEFINITIONS, EMES_INTRODUCTION, ESD_DEFINITION, METHOD_NOTES
from sillon.reports.semester import quality_table


def section(ctx, number: int, gaps: list) -> Section:
    definitions = Table(
        _("Definitions of the indicators"),
        [_("Indicator"), _("Definition")],
        [
            Row(ctx.label(indicator_id), [Cell(str(DEFINITIONS[indicator_id]), "text")])
            for indicator_id in ctx.used
        ],
    )
    emes = Table(
        _("EMES criteria"),
        [_("Criterion"), _("Dimension")],
        [
            Row(str(label), [Cell(str(dimension), "text")])
            for _key, label, dimension in EMES_CRITERIA
        ],
        note=str(EMES_INTRODUCTION),
    )
    blocks = [
        definitions,
        mission.definitions_table(ctx),
        Text([str(ESD_DEFINITION)], title=_("Social and democratic enterprise (ESD)")),
        emes,
        Text([str(note) for note in METHOD_NOTES], title=_("Method notes")),
        quality_table(gaps),
    ]
    return Section(number, "annex", _("Annex"), blocks)
