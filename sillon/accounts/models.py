from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sillon.accounts.roles import Ability, Role
from sillon.codes.validators import validate_enterprise_number


class OrganisationQuerySet(models.QuerySet):
    def bump_data_version(self) -> int:
        """Mark the figures of these organisations stale: their cache keys hold the
        version (`indicators/freshness.py`). The one place that changes it."""
        return self.update(data_version=F("data_version") + 1)


class Organisation(models.Model):
    """A support structure. Every other record belongs to exactly one organisation."""

    slug = models.SlugField(_("short name"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Bumped by every change to the organisation's records: cached figures are keyed on it.
    data_version = models.PositiveBigIntegerField(_("data version"), default=0, editable=False)
    # Its number in the Crossroads Bank for Enterprises: names it in published statements
    # (docs/spec/comparison.md). The codes app is a leaf library of pure functions.
    enterprise_number = models.CharField(
        _("enterprise number"),
        max_length=10,
        blank=True,
        validators=[validate_enterprise_number],
        help_text=_("Ten digits, as the KBO/BCE writes them (0123.456.749)."),
    )
    # docs/spec/comparison.md: off by default; who turned it on and when is kept.
    shares_with_peers = models.BooleanField(_("share figures with peers"), default=False)
    sharing_since = models.DateTimeField(_("sharing since"), null=True, blank=True)
    sharing_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sharing turned on by"),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("dashboard", args=[self.slug])

    def bump_data_version(self) -> None:
        """The organisation's records changed: its cached figures are stale. Bulk
        writers call it first, so that on SQLite the write lock is theirs from then on
        (`core/ids.py` counts on it); signals call it for every other write."""
        Organisation.objects.filter(pk=self.pk).bump_data_version()


class MembershipQuerySet(models.QuerySet):
    def for_user(self, user) -> "MembershipQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user, user__is_active=True)


class Membership(models.Model):
    """A user's role in one organisation."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="membership_one_role_per_organisation"
            ),
            models.CheckConstraint(
                condition=Q(role__in=Role.values), name="membership_role_is_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"

    def can(self, ability: Ability) -> bool:
        return ability in Role(self.role).abilities

    @property
    def abilities(self) -> frozenset[Ability]:
        """What the role allows (templates read it as `can.<ability>`)."""
        return Role(self.role).abilities


# Events of an account rather than of an organisation (signing in, changing one's
# password, creating or revoking an API token): stored without an organisation, shown
# to the admins of the member's ones.
ACCOUNT_EVENT_PREFIXES = ("sign_in.", "password.", "api_token.")


class AuditEventQuerySet(models.QuerySet):
    def visible_to(self, organisation: Organisation) -> "AuditEventQuerySet":
        """The organisation's events, and the account events of its members."""
        members = Membership.objects.filter(organisation=organisation).values("user_id")
        account_event = Q()
        for prefix in ACCOUNT_EVENT_PREFIXES:
            account_event |= Q(kind__startswith=prefix)
        return self.filter(
            Q(organisation=organisation)
            | (Q(organisation__isnull=True, actor_id__in=members) & account_event)
        )


class AuditEvent(models.Model):
    """Something worth knowing afterwards: a sign-in, an export, a role changed, a
    refusal (`sillon.accounts.audit.record_event` writes them). Only ids: the member's,
    the organisation's, the record's — never a name, an address or an e-mail."""

    created_at = models.DateTimeField(_("when"), default=timezone.now)
    kind = models.CharField(_("event"), max_length=60)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("organisation"),
    )
    # The member's id, kept even when the account is deleted later.
    actor_id = models.PositiveBigIntegerField(_("member id"), null=True, blank=True)
    target = models.CharField(_("concerns"), max_length=100, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["organisation", "-created_at"], name="audit_org_created"),
            models.Index(fields=["kind", "-created_at"], name="audit_kind_created"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.kind}"


class InitialPassword(models.Model):
    """The account still has the first password an administrator was shown: the member
    must choose their own when they sign in (accounts/middleware.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="initial_password",
        verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("initial password")
        verbose_name_plural = _("initial passwords")

    def __str__(self) -> str:
        return str(self.user)


class InvitationAnswer(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Withdrawn")


class InvitationQuerySet(models.QuerySet):
    def pending(self) -> "InvitationQuerySet":
        return self.filter(answer="", expires_at__gt=timezone.now())

    def for_account(self, user) -> "InvitationQuerySet":
        """The invitations waiting for this account's answer."""
        if not user.is_authenticated:
            return self.none()
        return self.pending().filter(user=user)


class Invitation(models.Model):
    """An offer to join an organisation with a role, which only its addressee answers.

    Either an existing account named by the administrator (it sees the invitation when
    it signs in), or an e-mail address to which a single-use link was sent (only the
    hash of the link's token is kept). Nobody becomes a member without accepting.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # The account invited by name; empty when no account has that name (the
    # administrator is not told) or when the invitation went by e-mail.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("account"),
    )
    email = models.EmailField(_("email address"), blank=True)
    # What the administrator typed (a username or an address), shown back to them only.
    invited_as = models.CharField(_("invited"), max_length=254)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    answer = models.CharField(
        _("answer"), max_length=20, choices=InvitationAnswer.choices, blank=True
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=Role.values), name="invitation_role_is_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_role_display()}"

    @property
    def is_pending(self) -> bool:
        return not self.answer and self.expires_at > timezone.now()
