"""Settling a finding: accepting writes the register's value into Sillon through the
record's normal save (so its history keeps the change and names the finding);
dismissing keeps Sillon's value. Both in one transaction."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sillon.kbo.choices import FindingKind, FindingStatus
from sillon.kbo.models import Finding, RegisterEntry
from sillon.register.choices import CessationReason
from sillon.register.models import Enterprise


class FindingError(Exception):
    """The finding cannot be settled; the message says why, in the user's language."""


def change_reason(finding: Finding) -> str:
    return f"KBO finding #{finding.pk}: {finding.kind}"[:100]


def cessation_reason(labels: dict) -> str:
    """The reason for cessation that the register's own words for the situation give."""
    text = " ".join(labels.values()).lower()
    if "faillite" in text or "faillissement" in text or "bankrupt" in text:
        return CessationReason.BANKRUPTCY
    if "fusion" in text or "fusie" in text or "merger" in text:
        return CessationReason.MERGER
    if any(word in text for word in ("dissolution", "liquidation", "ontbinding", "vereffening")):
        return CessationReason.DISSOLUTION
    return CessationReason.OTHER


def _settle(finding: Finding, status: str, user) -> None:
    if finding.status != FindingStatus.OPEN:
        raise FindingError(_("This finding was already settled."))
    finding.status = status
    finding.decided_by = user if user is not None and user.is_authenticated else None
    finding.decided_at = timezone.now()
    finding.save(update_fields=["status", "decided_by", "decided_at"])


def _save_with_history(record, finding: Finding, user) -> None:
    try:
        record.full_clean()
    except ValidationError as error:
        raise FindingError(" ".join(error.messages)) from error
    record._change_reason = change_reason(finding)
    if user is not None and user.is_authenticated:
        record._history_user = user
    record.save()


@transaction.atomic
def accept_finding(finding: Finding, user=None) -> None:
    finding = Finding.objects.select_for_update().select_related("sync_run").get(pk=finding.pk)
    enterprise = Enterprise.objects.select_related("project").get(pk=finding.enterprise_id)
    _settle(finding, FindingStatus.ACCEPTED, user)
    value = finding.register_value
    if finding.kind == FindingKind.LEGAL_FORM:
        enterprise.legal_form = value
        _save_with_history(enterprise, finding, user)
    elif finding.kind == FindingKind.CREATION_DATE:
        enterprise.creation_date = datetime.date.fromisoformat(value)
        _save_with_history(enterprise, finding, user)
    elif finding.kind in (FindingKind.JURIDICAL_SITUATION, FindingKind.NO_LONGER_ACTIVE):
        if enterprise.cessation_date is None:
            entry = (
                RegisterEntry.objects.tracked_by(finding.organisation)
                .filter(enterprise_number=enterprise.enterprise_number)
                .first()
            )
            enterprise.cessation_date = finding.sync_run.snapshot_date
            enterprise.cessation_reason = cessation_reason(
                entry.juridical_situation_labels if entry else {}
            )
            _save_with_history(enterprise, finding, user)
    elif finding.kind == FindingKind.NACE:
        project = enterprise.project
        project.nace_version, project.nace_code = value.split(":")
        _save_with_history(project, finding, user)


@transaction.atomic
def dismiss_finding(finding: Finding, user=None) -> None:
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    _settle(finding, FindingStatus.DISMISSED, user)
