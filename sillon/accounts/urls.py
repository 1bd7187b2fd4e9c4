from django.contrib.auth import views as auth_views
from django.urls import path

from sillon.accounts import account_views

app_name = "accounts"

urlpatterns = [
    path("login/", account_views.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path("password/reset/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("invitations/", account_views.invitations, name="invitations"),
    path("invitations/<int:pk>/accept/", account_views.invitation_accept, name="invitation_accept"),
    path(
        "invitations/<int:pk>/decline/",
        account_views.invitation_decline,
        name="invitation_decline",
    ),
    path("invitation/<str:token>/", account_views.invitation_link, name="invitation_link"),
]
