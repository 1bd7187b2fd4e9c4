"""Pages of one's own account, outside any organisation: signing in, changing one's
password, and answering invitations (by the link of an e-mail, or after signing in)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sillon.accounts import actions
from sillon.accounts.audit import EventKind, record_event
from sillon.accounts.forms import NewAccountForm
from sillon.accounts.models import InitialPassword, Invitation
from sillon.accounts.signals import MUST_CHANGE_PASSWORD_SESSION_KEY


class SignInView(auth_views.LoginView):
    """Django's login, throttled by django-axes; a member with invitations waiting is
    shown them first."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_success_url(self):
        if Invitation.objects.for_account(self.request.user).exists():
            return reverse("accounts:invitations")
        return super().get_success_url()


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        InitialPassword.objects.filter(user=self.request.user).delete()
        self.request.session.pop(MUST_CHANGE_PASSWORD_SESSION_KEY, None)
        record_event(EventKind.PASSWORD_CHANGED, organisation=None, actor=self.request.user)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset by e-mail; the link points to SILLON_BASE_URL when it is set (the
    address members use), else to the host of the request."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        base_url = settings.SILLON_BASE_URL or (
            f"{self.request.scheme}://{self.request.get_host()}"
        )
        form.save(
            use_https=base_url.startswith("https://"),
            token_generator=self.token_generator,
            from_email=self.from_email,
            email_template_name=self.email_template_name,
            subject_template_name=self.subject_template_name,
            request=self.request,
            extra_email_context={"base_url": base_url},
        )
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        InitialPassword.objects.filter(user=form.user).delete()
        record_event(EventKind.PASSWORD_CHANGED, organisation=None, actor=form.user, reset=True)
        return response


@login_required
def invitations(request: HttpRequest) -> HttpResponse:
    """The invitations waiting for this account's answer."""
    pending = Invitation.objects.for_account(request.user).select_related("organisation")
    return render(request, "accounts/invitations.html", {"invitations": pending})


@login_required
@require_POST
def invitation_accept(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.for_account(request.user), pk=pk)
    return _answer(request, invitation, "accept")


@login_required
@require_POST
def invitation_decline(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.for_account(request.user), pk=pk)
    return _answer(request, invitation, "decline")


def _answer(request: HttpRequest, invitation: Invitation, answer: str) -> HttpResponse:
    try:
        if answer == "accept":
            actions.accept_invitation(invitation, request.user)
        else:
            actions.decline_invitation(invitation, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:invitations")
    if answer == "accept":
        messages.success(
            request,
            _("You are now a member of %(organisation)s.")
            % {"organisation": invitation.organisation.name},
        )
        return redirect("dashboard", invitation.organisation.slug)
    messages.success(request, _("The invitation was declined."))
    return redirect("home")


@never_cache
def invitation_link(request: HttpRequest, token: str) -> HttpResponse:
    """The page of an e-mail's single-use link: accept with the account one is signed in
    with, or create one's account, or decline."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    invitation = actions.invitation_for_token(token)
    if invitation is None or invitation.user_id is not None:
        return render(request, "accounts/invitation_gone.html", status=404)
    form = NewAccountForm(invitation.organisation)
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer == "decline":
            actions.decline_invitation(
                invitation, request.user if request.user.is_authenticated else None
            )
            messages.success(request, _("The invitation was declined."))
            return redirect("accounts:login")
        if answer == "accept" and request.user.is_authenticated:
            return _answer(request, invitation, "accept")
        if answer == "create" and not request.user.is_authenticated:
            form = NewAccountForm(invitation.organisation, request.POST)
            if form.is_valid():
                try:
                    user, _membership = actions.accept_invitation_with_new_account(
                        invitation,
                        form.cleaned_data["username"],
                        form.cleaned_data["new_password1"],
                    )
                except ValidationError as error:
                    form.add_error("username", error)
                else:
                    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                    done = _("Your account %(username)s is ready: you are a member of %(name)s.")
                    messages.success(
                        request,
                        done % {"username": user.username, "name": invitation.organisation.name},
                    )
                    return redirect("dashboard", invitation.organisation.slug)
        elif answer not in ("accept", "create"):
            raise Http404
    return render(
        request,
        "accounts/invitation_link.html",
        {"invitation": invitation, "form": form, "login_url": _login_then_back(request)},
    )


def _login_then_back(request: HttpRequest) -> str:
    return f"{reverse('accounts:login')}?next={request.path}"
