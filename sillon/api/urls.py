"""/api/v1/organisations/<slug>/… (docs/spec/api.md), the schema and the docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from sillon.api import views

router = SimpleRouter()
router.register("projects", views.ProjectViewSet, basename="api-project")
router.register("holders", views.HolderViewSet, basename="api-holder")
router.register("enrolments", views.EnrolmentViewSet, basename="api-enrolment")
router.register("enterprises", views.EnterpriseViewSet, basename="api-enterprise")
router.register("activities", views.ActivityViewSet, basename="api-activity")
router.register("jobs", views.JobViewSet, basename="api-job")
router.register(
    "accreditation-events", views.AccreditationEventViewSet, basename="api-accreditation-event"
)
router.register("transfers", views.TransferViewSet, basename="api-transfer")
router.register(
    "impact-assessments", views.ImpactAssessmentViewSet, basename="api-impact-assessment"
)
router.register("cost-lines", views.CostLineViewSet, basename="api-cost-line")
router.register("targets", views.TargetViewSet, basename="api-target")
router.register("followups", views.FollowupViewSet, basename="api-followup")
router.register("applications", views.ApplicationViewSet, basename="api-application")

organisation_patterns = [
    path("indicators/", views.IndicatorsView.as_view(), name="api-indicators"),
    path("comparison/", views.ComparisonView.as_view(), name="api-comparison"),
    path("statement/", views.StatementView.as_view(), name="api-statement"),
    path("import/", views.ImportView.as_view(), name="api-import"),
    *router.urls,
]

urlpatterns = [
    path("v1/organisations/<slug:organisation>/", include(organisation_patterns)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
]
