"""The four roles of a member and what each may do (docs/spec/domain.md, Organisation)."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Ability(StrEnum):
    """Something a view or endpoint asks of the member before it acts."""

    # Aggregates: dashboards, indicator tables and their breakdowns, comparison,
    # reports, and the reference lists of partners and targets.
    VIEW = "view"
    # Records one by one: lists and pages of projects, holders, enterprises, jobs,
    # activities and outcomes, the official register's findings, the workbook and
    # list exports, the records behind a figure or a data-quality gap.
    VIEW_RECORDS = "view_records"
    # Personal data and sensitive free text (sillon/core/personal_data.py): holders'
    # names and contacts, notes, stop reasons, experts' names, the social-impact text.
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
    Role.COACH: frozenset(
        {
            Ability.VIEW,
            Ability.VIEW_RECORDS,
            Ability.VIEW_PERSONAL_DATA,
            Ability.EDIT_ACCOMPANIMENT,
        }
    ),
    Role.VIEWER: frozenset({Ability.VIEW}),
}

ROLE_DESCRIPTIONS = {
    Role.ADMIN: _(
        "Everything a manager does, and also: members and invitations, programmes and "
        "cohorts, cost lines and targets, a person's data export and erasure, the audit trail."
    ),
    Role.MANAGER: _(
        "Everything a coach does, and also: edits partners, interactions and internal "
        "actions; deletes projects, enterprises, enrolments and jobs, takes holders off "
        "projects, and deletes any record dated in a closed period; imports workbooks, "
        "settles the official register's findings, produces reports."
    ),
    Role.COACH: _(
        "Opens every record and its personal data, exports the workbook and lists; creates "
        "and edits projects, holders, enrolments, activities and outcomes; deletes "
        "activities and outcomes dated after the closed period, saying why."
    ),
    Role.VIEWER: _(
        "Aggregates only: the dashboard and the counts behind each figure, reports, the "
        "data-quality counts, programmes, partners and targets. No list or page of records, "
        "no export of records, no personal data."
    ),
}
