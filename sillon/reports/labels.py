"""Labels of the breakdown keys the engine returns: codes stored, labels shown."""

from django.utils.translation import gettext as _

from sillon.codes import joint_committees, legal_forms, nace
from sillon.indicators.values import NONE, UNKNOWN
from sillon.outcomes.choices import (
    ActionScope,
    ContractType,
    CostCategory,
    InteractionKind,
    NonAccreditationReasonKind,
    WorkerStatus,
)
from sillon.outcomes.models import Partner
from sillon.register.choices import (
    ActivityKind,
    ExpertType,
    Gender,
    ProjectType,
    SectorType,
    Situation,
)
from sillon.register.models import Programme

CHOICES = {
    "project_type": ProjectType,
    "sector_type": SectorType,
    "legal_form_family": legal_forms.Family,
    "gender": Gender,
    "situation_at_intake": Situation,
    "kind": ActivityKind,
    "expert_type": ExpertType,
    "worker_status": WorkerStatus,
    "contract_type": ContractType,
    "reason": NonAccreditationReasonKind,
    "scope": ActionScope,
}


def breakdown_names() -> dict[str, str]:
    """The title of each breakdown, in the active language."""
    return {
        "programme": _("By programme"),
        "project_type": _("By project type"),
        "sector_type": _("By sector type"),
        "nace_section": _("By NACE-BEL section"),
        "legal_form_family": _("By legal-form family"),
        "legal_form": _("By legal form"),
        "gender": _("By gender"),
        "situation_at_intake": _("By situation at intake"),
        "kind": _("By kind"),
        "expert_type": _("By type of expertise"),
        "category": _("By category"),
        "worker_status": _("By worker status"),
        "contract_type": _("By contract type"),
        "working_time": _("By working time"),
        "joint_committee": _("By joint committee"),
        "partner": _("By partner"),
        "reason": _("By reason"),
        "scope": _("By scope"),
        "wave": _("By wave"),
    }


class KeyLabels:
    """Turns (breakdown, key) into a label; the organisation's own names loaded once."""

    def __init__(self, organisation, language: str):
        self.language = language
        self.programmes = {
            programme.code: programme
            for programme in Programme.objects.filter(organisation=organisation)
        }
        self.partners = dict(
            Partner.objects.filter(organisation=organisation).values_list("code", "name")
        )
        self.sections = dict(nace.sections("2008", language))

    def __call__(self, breakdown: str, key: str, indicator_id: str = "") -> str:
        if key == NONE:
            return _("None")
        if key == UNKNOWN:
            return _("Unknown")
        if breakdown == "programme":
            programme = self.programmes.get(key)
            return getattr(programme, f"name_{self.language}", "") or key if programme else key
        if breakdown == "partner":
            return self.partners.get(key, key)
        if breakdown == "nace_section":
            return self.sections.get(key, key)
        if breakdown == "legal_form":
            return f"{legal_forms.label(key, self.language)} ({key})"
        if breakdown == "joint_committee":
            return f"{_('JC')} {key} — {joint_committees.label(key, self.language)}"
        if breakdown == "wave":
            return {"n1": _("N+1"), "n2": _("N+2")}.get(key, key)
        if breakdown == "working_time":
            return {"full_time": _("Full time"), "part_time": _("Part time")}.get(key, key)
        if breakdown == "category":
            if key == "expert":
                return _("External experts")
            return _label(CostCategory, key)
        if breakdown == "kind" and indicator_id == "partners.interactions":
            return _label(InteractionKind, key)
        choices = CHOICES.get(breakdown)
        return _label(choices, key) if choices else key


def _label(choices, key: str) -> str:
    try:
        return str(choices(key).label)
    except ValueError:
        return key
