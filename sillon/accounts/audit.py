"""The audit trail: what happened, when, by which member — never personal data.

    record_event(EventKind.WORKBOOK_EXPORTED, request=request)
    record_event(EventKind.ROLE_CHANGED, organisation=org, actor=user,
                 target=f"membership:{membership.pk}", role="manager")

Each event is a row (read by an organisation's admin on Settings › Audit trail, and by
superusers in /admin/ — events without an organisation, such as failed sign-ins, only
there) and one JSON line on the `sillon.audit` logger (stdout). Details hold ids, codes,
counts and sizes only: a name, an e-mail, an address or a search term never goes in.
"""

import json
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sillon.accounts.models import AuditEvent, Organisation

logger = logging.getLogger("sillon.audit")
# Inside `unlogged()`: events are stored, their log lines not written.
_unlogged: ContextVar[bool] = ContextVar("audit_unlogged", default=False)


@contextmanager
def unlogged() -> Iterator[None]:
    """Record the events of a replay (the demo's follow-up cycle: hundreds of sending
    runs and reviews on past days) as rows, without one log line each on stdout."""
    token = _unlogged.set(True)
    try:
        yield
    finally:
        _unlogged.reset(token)


class EventKind(models.TextChoices):
    """Every kind of event. Add a member here (with its label) to record a new kind;
    the column stores the value, so adding one needs no migration."""

    SIGNED_IN = "sign_in.succeeded", _("Signed in")
    SIGN_IN_FAILED = "sign_in.failed", _("Sign-in failed")
    LOCKED_OUT = "sign_in.locked_out", _("Locked out after failed sign-ins")
    PASSWORD_CHANGED = "password.changed", _("Password changed")
    WORKBOOK_EXPORTED = "export.workbook", _("Workbook exported")
    LIST_EXPORTED = "export.list", _("List exported")
    PERSON_EXPORTED = "export.person", _("Personal data exported (GDPR)")
    REPORT_DOWNLOADED = "report.downloaded", _("Report downloaded")
    UPLOAD_REFUSED = "upload.refused", _("Uploaded file refused")
    MEMBER_ADDED = "member.added", _("Member added")
    ROLE_CHANGED = "member.role_changed", _("Role changed")
    MEMBER_REMOVED = "member.removed", _("Member removed")
    INVITATION_SENT = "invitation.created", _("Invitation created")
    INVITATION_ACCEPTED = "invitation.accepted", _("Invitation accepted")
    INVITATION_DECLINED = "invitation.declined", _("Invitation declined")
    INVITATION_CANCELLED = "invitation.cancelled", _("Invitation withdrawn")
    PERSON_ERASED = "person.erased", _("Person erased (GDPR)")
    ACCESS_REFUSED = "access.refused", _("Access refused (role)")
    NOT_FOUND = "access.not_found", _("Access refused (not found)")
    FOLLOWUP_SENT = "followup.sent", _("Follow-up messages sent")
    FOLLOWUP_SEND_FAILED = "followup.send_failed", _("Follow-up messages not delivered")
    FOLLOWUP_REVIEWED = "followup.reviewed", _("Follow-up answer reviewed")
    SHARING_CHANGED = "organisation.sharing_changed", _("Sharing figures with peers changed")
    API_TOKEN_CREATED = "api_token.created", _("API token created")
    API_TOKEN_REVOKED = "api_token.revoked", _("API token revoked")


DETAIL_TYPES = (str, int, float, bool, type(None))


def _id(value) -> int | None:
    if value is None:
        return None
    return value if isinstance(value, int) else value.pk


def record_event(
    kind: EventKind | str,
    *,
    request: HttpRequest | None = None,
    organisation: Organisation | int | None = None,
    actor=None,
    target: str = "",
    **details,
) -> AuditEvent:
    """Store and log one event.

    `organisation` and `actor` (a user or a user id) default to the request's
    organisation and signed-in member. `target` names a record by kind and id
    ("membership:12", "person:40", "report:7"). `details` are plain values (ids, codes,
    counts, sizes, an HTTP status) — never personal data.

    Inside a transaction the row is written with it (and goes if it rolls back); the
    log line is written once the transaction commits.
    """
    kind = EventKind(kind)
    for name, value in details.items():
        if not isinstance(value, DETAIL_TYPES):
            raise TypeError(f"Audit detail {name!r} must be a plain value, not {type(value)}.")
    if request is not None:
        if organisation is None:
            organisation = getattr(request, "organisation", None)
        user = getattr(request, "user", None)
        if actor is None and user is not None and user.is_authenticated:
            actor = user
    event = AuditEvent.objects.create(
        created_at=timezone.now(),
        kind=kind.value,
        organisation_id=_id(organisation),
        actor_id=_id(actor),
        target=target[:100],
        details=details,
    )
    if not _unlogged.get():
        line = json_line(event)
        transaction.on_commit(lambda: logger.info(line))
    return event


def json_line(event: AuditEvent) -> str:
    payload: Mapping = {
        "at": event.created_at.isoformat(),
        "event": event.kind,
        "organisation": event.organisation_id,
        "actor": event.actor_id,
        "target": event.target or None,
        **event.details,
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=False, default=str)


def label(kind: str) -> str:
    """The kind's label, or the kind itself for one recorded by an older version."""
    try:
        return EventKind(kind).label
    except ValueError:
        return kind
