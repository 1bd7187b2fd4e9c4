from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sillon.accounts import actions
from sillon.accounts.forms import AddMemberForm, OrganisationForm, RoleForm
from sillon.accounts.models import Membership
from sillon.accounts.permissions import (
    get_for_organisation_or_404,
    organisation_view,
    require,
)
from sillon.accounts.roles import Ability, Role


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
        form = OrganisationForm(request.POST, instance=organisation)
        if form.is_valid():
            form.save()
            messages.success(request, _("The organisation was saved."))
            return redirect("settings", organisation.slug)
    return render(
        request,
        "accounts/settings.html",
        {
            "section": "settings",
            "form": form if may_manage else None,
            "role_rows": [
                (role, role.description, members_by_role.get(role.value, 0)) for role in Role
            ],
        },
    )


@organisation_view(Ability.MANAGE_ORGANISATION, methods=["GET", "HEAD", "POST"])
def members(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    form = AddMemberForm()
    if request.method == "POST":
        form = AddMemberForm(request.POST)
        if form.is_valid():
            try:
                membership, password = actions.add_member(
                    organisation,
                    username=form.cleaned_data["username"],
                    email=form.cleaned_data["email"],
                    role=Role(form.cleaned_data["role"]),
                )
            except ValidationError as error:
                form.add_error("username", error)
            else:
                if password:
                    messages.success(
                        request,
                        _(
                            "Account %(username)s created with the password %(password)s. "
                            "Pass it on: it is shown only once, and the member should "
                            "change it after logging in."
                        )
                        % {"username": membership.user.username, "password": password},
                    )
                else:
                    messages.success(
                        request,
                        _("%(username)s is now a member.") % {"username": membership.user.username},
                    )
                return redirect("members", organisation.slug)
    member_list = organisation.memberships.select_related("user").order_by("user__username")
    return render(
        request,
        "accounts/members.html",
        {
            "section": "settings",
            "form": form,
            "member_rows": [(m, RoleForm(initial={"role": m.role})) for m in member_list],
        },
    )


@organisation_view(Ability.MANAGE_ORGANISATION, methods=["POST"])
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_for_organisation_or_404(request.organisation, Membership, pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the four roles."))
    else:
        try:
            actions.change_role(membership, Role(form.cleaned_data["role"]))
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
        actions.remove_member(membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(username)s is no longer a member.") % {"username": membership.user.username},
        )
    return redirect("members", request.organisation.slug)
