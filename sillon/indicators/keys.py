"""Breakdown keys in a stable order, the code list's (docs/spec/indicators.md, "Output
shape"): two runs on the same data give byte-identical output, whatever the order in
which the records were written or the database returned its groups."""

from sillon.codes import legal_forms
from sillon.indicators.values import NONE, UNKNOWN, IndicatorValue
from sillon.outcomes.choices import (
    ActionScope,
    ContractType,
    CostCategory,
    InteractionKind,
    NonAccreditationReasonKind,
    WorkerStatus,
)
from sillon.register.choices import (
    ActivityKind,
    ApplicationDecision,
    ExpertType,
    Gender,
    ProjectType,
    SectorType,
    Situation,
)

# Code lists in the order domain.md gives them; the other breakdowns (programme,
# partner, NACE section, legal form, joint committee) are ordered by their code.
CODE_LISTS: dict[str, list[str]] = {
    "project_type": list(ProjectType.values),
    "sector_type": list(SectorType.values),
    "legal_form_family": list(legal_forms.Family.values),
    "gender": list(Gender.values),
    "situation_at_intake": list(Situation.values),
    "kind": list(ActivityKind.values),
    "expert_type": list(ExpertType.values),
    "worker_status": list(WorkerStatus.values),
    "contract_type": list(ContractType.values),
    "working_time": ["full_time", "part_time"],
    "reason": list(NonAccreditationReasonKind.values),
    "scope": list(ActionScope.values),
    "category": [*CostCategory.values, "expert"],
    "decision": list(ApplicationDecision.values),
}
# partners.interactions is broken down by the kind of interaction, not of activity.
INTERACTION_KINDS = list(InteractionKind.values)
LAST = (UNKNOWN, NONE)


def order(breakdown: str, keys, indicator_id: str = "") -> list[str]:
    """The keys of a breakdown in the code list's order; unlisted codes after the
    listed ones by code, then `unknown` and `none`."""
    listed = CODE_LISTS.get(breakdown, [])
    if breakdown == "kind" and indicator_id == "partners.interactions":
        listed = INTERACTION_KINDS
    position = {code: index for index, code in enumerate(listed)}

    def rank(key: str):
        if key in LAST:
            return (2, LAST.index(key), "")
        if key in position:
            return (0, position[key], "")
        return (1, 0, key)

    return sorted(keys, key=rank)


def ordered(value: IndicatorValue, indicator_id: str) -> IndicatorValue:
    """The value with its breakdowns (and their keys) in a stable order."""
    if value.breakdowns:
        value.breakdowns = {
            name: {key: parts[key] for key in order(name, parts, indicator_id)}
            for name, parts in value.breakdowns.items()
        }
    return value
