from django.urls import path

from sillon.api import pages

urlpatterns = [
    path("", pages.tokens, name="api-tokens"),
    path("<int:pk>/revoke/", pages.token_revoke, name="api-token-revoke"),
]

organisation_urlpatterns = [
    path("", pages.member_tokens, name="api-member-tokens"),
    path("<int:pk>/revoke/", pages.member_token_revoke, name="api-member-token-revoke"),
]
