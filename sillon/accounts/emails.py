"""The e-mail of an invitation, through Django's standard e-mail API and settings."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from sillon.accounts.models import Invitation

logger = logging.getLogger(__name__)


def absolute_url(request: HttpRequest, path: str) -> str:
    """SILLON_BASE_URL (the address members use) when set, else the request's host."""
    base = getattr(settings, "SILLON_BASE_URL", "")
    if base:
        return base.rstrip("/") + path
    return request.build_absolute_uri(path)


def invitation_link(request: HttpRequest, token: str) -> str:
    return absolute_url(request, reverse("accounts:invitation_link", args=[token]))


def send_invitation(request: HttpRequest, invitation: Invitation, link: str) -> bool:
    """Send the link; False when the mail server refused or could not be reached."""
    context = {"invitation": invitation, "link": link, "inviter": request.user}
    subject = _("Invitation to join %(organisation)s on Sillon") % {
        "organisation": invitation.organisation.name
    }
    body = render_to_string("accounts/invitation_email.txt", context, request=request)
    try:
        send_mail(subject, body, None, [invitation.email])
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Invitation %s: the e-mail could not be sent (%s).", invitation.pk, error)
        return False
    return True
