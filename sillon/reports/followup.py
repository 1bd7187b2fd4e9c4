"""The follow-up's figures in the reports (docs/spec/followup.md, "Figures"): the one
block of questionnaires sent, answered, the response rate and the unreachable waves, by
wave — the annual report's section 10 and the semester report's activity."""

from django.utils.translation import gettext as _

from sillon.reports.context import Context

# Shown beside every persistence and survival figure (docs/spec/followup.md, "Figures").
FOLLOWUP_RATE = "followup.response_rate"
FOLLOWUP_FIGURES = ["followup.sent", "followup.answered", FOLLOWUP_RATE, "followup.unreachable"]


def followup_blocks(ctx: Context) -> list:
    """The figures of the report's period, then the same by wave (none without any)."""
    return [
        ctx.scalars(_("Follow-up after the accompaniment"), FOLLOWUP_FIGURES),
        ctx.multi_breakdown(FOLLOWUP_FIGURES, "wave"),
    ]
