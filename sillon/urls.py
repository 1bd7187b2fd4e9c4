from django.contrib import admin
from django.urls import include, path

from sillon.api import page_urls as api_pages
from sillon.core import views as core_views

# Every page of an organisation lives under /o/<organisation>/ and goes through
# sillon.accounts.permissions.organisation_view.
organisation_patterns = [
    path("", include("sillon.indicators.urls")),
    path("", include("sillon.register.urls")),
    path("", include("sillon.outcomes.urls")),
    path("comparison/", include("sillon.comparison.urls")),
    path("", include("sillon.mission.urls")),
    path("reports/", include("sillon.reports.urls")),
    path("data/", include("sillon.workbook.urls")),
    path("", include("sillon.kbo.urls")),
    path("", include("sillon.followup.urls")),
    path("settings/", include("sillon.accounts.organisation_urls")),
    path("settings/api-tokens/", include(api_pages.organisation_urlpatterns)),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("health/", core_views.health, name="health"),
    path("o/<slug:organisation>/", include(organisation_patterns)),
    path("accounts/", include("sillon.accounts.urls")),
    path("accounts/api-tokens/", include("sillon.api.page_urls")),
    path("codes/", include("sillon.codes.urls")),
    path("api/", include("sillon.api.urls")),
    # The follow-up questionnaire, reached from a message without signing in.
    path("f/", include("sillon.followup.public_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
