from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sillon.accounts import actions, audit
from sillon.accounts.emails import invitation_link, send_invitation
from sillon.accounts.forms import AddMemberForm, AuditFilterForm, OrganisationForm, RoleForm
from sillon.accounts.models import AuditEvent, Invitation, Membership
from sillon.accounts.permissions import (
    get_for_organisation_or_404,
    organisation_view,
    require,
)
from sillon.accounts.roles import Ability, Role

AUDIT_PAGE_SIZE = 50


@organisation_view(Ability.VIEW, methods=["GET", "HEAD", "POST"])
def settings_index(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    may_manage = request.membership.can(Ability.MANAGE_ORGANISATION)
    form = OrganisationForm(instance=organisation)
    members_by_role = dict(
        organisation.memberships.order_by().values_list("role").annotate(n=Count("id"))
    )
    if request.method == "POST":
        require(request.membership, Ability.MANAGE_ORGANISATION)
        was_sharing = organisation.shares_with_peers
        form = OrganisationForm(request.POST, instance=organisation)
        if form.is_valid():
            actions.save_organisation(form, request.user, was_sharing=was_sharing)
            messages.success(request, _("The organisation was saved."))
            return redirect("settings", organisation.slug)
    return render(
        request,
        "accounts/settings.html",
        {
            "section": "settings",
            "form": form if may_manage else None,
            "organisation": organisation,
            "role_rows": [
                (role, role.description, members_by_role.get(role.value, 0)) for role in Role
            ],
        },
    )


@organisation_view(Ability.MANAGE_ORGANISATION, methods=["GET", "HEAD", "POST"])
def members(request: HttpRequest) -> HttpResponse:
    """The members, the pending invitations, and the form to add someone. Nothing here
    tells whether an account exists outside the organisation, nor shows its e-mail."""
    organisation = request.organisation
    form = AddMemberForm()
    shown_once = None  # a first password or a link, in this response only
    if request.method == "POST":
        form = AddMemberForm(request.POST)
        if form.is_valid():
            try:
                shown_once = _add_member(request, form.cleaned_data)
            except ValidationError as error:
                field = "email" if form.cleaned_data["way"] == form.EMAIL else "username"
                form.add_error(field, error)
            else:
                if shown_once is None:
                    return redirect("members", organisation.slug)
                form = AddMemberForm()
    member_list = organisation.memberships.select_related("user").order_by("user__username")
    invitations = (
        organisation.invitations.pending().select_related("invited_by").order_by("-created_at")
    )
    response = render(
        request,
        "accounts/members.html",
        {
            "section": "settings",
            "form": form,
            "shown_once": shown_once,
            "member_rows": [(m, RoleForm(initial={"role": m.role})) for m in member_list],
            "invitations": invitations,
        },
    )
    if shown_once:
        response["Cache-Control"] = "no-store"  # a password or a link: never cached
    return response


def _add_member(request: HttpRequest, data: dict) -> dict | None:
    """Carry out the chosen way; returns what must be shown once on the page, or None
    when a message suffices."""
    organisation, role, way = request.organisation, Role(data["role"]), data["way"]
    if way == AddMemberForm.PASSWORD:
        membership, password = actions.create_account(
            organisation, data["username"], role, email=data["email"], by=request.user
        )
        return {"username": membership.user.username, "password": password}
    if way == AddMemberForm.ACCOUNT:
        actions.invite_account(organisation, data["username"], role, by=request.user)
        messages.success(
            request,
            _(
                "If an account named %(username)s exists, it sees the invitation when it "
                "signs in, and becomes a member only if it accepts."
            )
            % {"username": data["username"]},
        )
        return None
    invitation, token = actions.invite_by_email(organisation, data["email"], role, by=request.user)
    link = invitation_link(request, token)
    if not send_invitation(request, invitation, link):
        return {"email": invitation.email, "link": link}
    messages.success(
        request, _("An invitation was sent to %(email)s.") % {"email": invitation.email}
    )
    return None


@organisation_view(Ability.MANAGE_ORGANISATION, methods=["POST"])
def invitation_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_for_organisation_or_404(request.organisation, Invitation, pk=pk)
    try:
        actions.cancel_invitation(invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The invitation was withdrawn."))
    return redirect("members", request.organisation.slug)


@organisation_view(Ability.MANAGE_ORGANISATION, methods=["POST"])
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_for_organisation_or_404(request.organisation, Membership, pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the four roles."))
    else:
        try:
            actions.change_role(membership, Role(form.cleaned_data["role"]), by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The role of %(username)s is now: %(role)s.")
                % {"username": membership.user.username, "role": membership.get_role_display()},
            )
    return redirect("members", request.organisation.slug)


@organisation_view(Ability.MANAGE_ORGANISATION, methods=["POST"])
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_for_organisation_or_404(request.organisation, Membership, pk=pk)
    try:
        actions.remove_member(membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(username)s is no longer a member.") % {"username": membership.user.username},
        )
    return redirect("members", request.organisation.slug)


@organisation_view(Ability.MANAGE_ORGANISATION)
def audit_trail(request: HttpRequest) -> HttpResponse:
    """The organisation's audit events, newest first, filtered by kind and date."""
    form = AuditFilterForm(request.GET)
    events = form.filter(AuditEvent.objects.visible_to(request.organisation))
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    # Names only for the organisation's own members; anyone else stays a number.
    names = dict(
        request.organisation.memberships.filter(
            user_id__in={event.actor_id for event in page if event.actor_id}
        ).values_list("user_id", "user__username")
    )
    rows = [
        (event, audit.label(event.kind), names.get(event.actor_id), sorted(event.details.items()))
        for event in page
    ]
    return render(
        request,
        "accounts/audit.html",
        {"section": "settings", "form": form, "page": page, "rows": rows},
    )
