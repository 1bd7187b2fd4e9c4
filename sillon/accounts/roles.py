"""The four roles of a member and what each may do (docs/spec/domain.md, Organisation)."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Ability(StrEnum):
    """Something a view or endpoint asks of the member before it acts."""

    # Dashboards, reports and record lists with personal data masked.
    VIEW = "view"
    # Names and contact details of project holders; lists of people.
    VIEW_PERSONAL_DATA = "view_personal_data"
    # Create and edit projects, activities and outcomes.
    EDIT_ACCOMPANIMENT = "edit_accompaniment"
    # Create and edit every record of the organisation.
    EDIT_RECORDS = "edit_records"
    PRODUCE_REPORTS = "produce_reports"
    # Members, programmes, targets and costs.
    MANAGE_ORGANISATION = "manage_organisation"


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    MANAGER = "manager", _("Manager")
    COACH = "coach", _("Coach")
    VIEWER = "viewer", _("Viewer")

    @property
    def abilities(self) -> frozenset[Ability]:
        return ROLE_ABILITIES[self]

    @property
    def description(self) -> str:
        return ROLE_DESCRIPTIONS[self]


ROLE_ABILITIES: dict[Role, frozenset[Ability]] = {
    Role.ADMIN: frozenset(Ability),
    Role.MANAGER: frozenset(Ability) - {Ability.MANAGE_ORGANISATION},
    Role.COACH: frozenset({Ability.VIEW, Ability.VIEW_PERSONAL_DATA, Ability.EDIT_ACCOMPANIMENT}),
    Role.VIEWER: frozenset({Ability.VIEW}),
}

ROLE_DESCRIPTIONS = {
    Role.ADMIN: _(
        "Everything in the organisation, including members, programmes, targets and costs."
    ),
    Role.MANAGER: _("Creates and edits every record; produces reports."),
    Role.COACH: _("Creates and edits projects, activities and outcomes; reads the rest."),
    Role.VIEWER: _("Reads aggregates, dashboards and reports only; never sees personal data."),
}
