"""The API's endpoints (docs/spec/api.md). Every one goes through the same gate as the
pages (accounts/permissions.py): a token acts as its member; an outsider gets 404, a
role without the ability 403, every refusal an audit event."""

import json

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from sillon.accounts.audit import EventKind, record_event
from sillon.accounts.permissions import membership_or_404, require
from sillon.accounts.roles import Ability
from sillon.api import resources
from sillon.api.resources import Resource, key_lookup
from sillon.api.serializers import serializer_for
from sillon.catalogue.periods import parse_period, refuse_future
from sillon.comparison import statements
from sillon.comparison.compare import compare
from sillon.indicators.output import catalogue
from sillon.workbook.actions import import_workbook


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "Request body too large."
    default_code = "too_large"


class Pagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500


class OrganisationAPI:
    """The gate of every endpoint of `/api/v1/organisations/<slug>/`."""

    max_body_bytes = settings.SILLON_API_MAX_BODY_BYTES

    def ability_for(self, request) -> Ability:
        return Ability.VIEW

    def initial(self, request, *args, **kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > self.max_body_bytes:
            raise PayloadTooLarge(
                _("The request is larger than %(size)s MB.")
                % {"size": self.max_body_bytes // (1024 * 1024)}
            )
        super().initial(request, *args, **kwargs)

    def check_permissions(self, request):
        super().check_permissions(request)
        try:
            membership = membership_or_404(request.user, self.kwargs["organisation"])
        except Http404:
            record_event(EventKind.NOT_FOUND, actor=request.user, path=request.path, status=404)
            raise
        self.membership = membership
        self.organisation = membership.organisation
        request._request.organisation = membership.organisation
        request._request.membership = membership
        require(membership, self.ability_for(request))

    def not_found(self):
        record_event(
            EventKind.NOT_FOUND,
            organisation=self.organisation,
            actor=self.request.user,
            path=self.request.path,
            status=404,
        )
        return Http404


class RecordViewSet(
    OrganisationAPI,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Records of one kind: list (filters of the interface's list), read by id or key,
    create, PATCH, delete — each as the role allows."""

    resource: Resource
    lookup_field = "key"
    lookup_value_regex = "[^/]+"
    pagination_class = Pagination
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def ability_for(self, request):
        method = request.method
        ability = {
            "POST": self.resource.create,
            "PATCH": self.resource.update,
            "PUT": self.resource.update,
            "DELETE": self.resource.delete,
        }.get(method, self.resource.read)
        if ability is None:  # after the 404 to outsiders, before the role's 403
            raise exceptions.MethodNotAllowed(method)
        return ability

    def get_serializer_class(self):
        return serializer_for(self.resource)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["organisation"] = getattr(self, "organisation", None)
        context["user"] = self.request.user
        return context

    def get_queryset(self):
        return self.resource.queryset(self.organisation)

    def filter_queryset(self, queryset):
        filterset_class = self.resource.filterset
        params = self.request.query_params
        if filterset_class is not None:
            kwargs = {"organisation": self.organisation}
            if filterset_class.__name__ == "ProjectFilter":
                kwargs["search_people"] = True
            data = {k: v for k, v in params.items() if k in filterset_class.base_filters}
            filterset = filterset_class(data, queryset=queryset, **kwargs)
            if not filterset.is_valid():
                raise serializers.ValidationError(filterset.errors)
            queryset = filterset.qs
        if self.resource.parent and params.get("project_ref"):
            prefix = "project" if self.resource.parent == "project" else "enterprise__project"
            queryset = queryset.filter(**{f"{prefix}__ref": params["project_ref"]})
        return queryset.order_by(*self.resource.key, "pk")

    def get_object(self):
        key = self.kwargs["key"]
        if "\x00" in key:  # no key holds one (PostgreSQL refuses it in a query)
            raise self.not_found()
        queryset = self.get_queryset()
        by = self.request.query_params.get("by", "")
        record = None
        lookup = key_lookup(self.resource, key) if by != "id" else None
        if lookup is not None:
            try:
                record = queryset.filter(**lookup).first()
            except (ValueError, DjangoValidationError):
                record = None
        if record is None and by != "key" and key.isdigit():
            record = queryset.filter(pk=int(key)).first()
        if record is None:
            raise self.not_found()
        return record

    def update(self, request, *args, **kwargs):
        """PATCH: the record's current values with the sent ones, checked as a whole."""
        instance = self.get_object()
        if not isinstance(request.data, dict):
            raise serializers.ValidationError(
                {"non_field_errors": [_("Send a JSON object of the record's fields.")]}
            )
        serializer_class = self.get_serializer_class()
        current = serializer_class(instance, context=self.get_serializer_context()).data
        writable = {
            name
            for name, field in serializer_class(
                context=self.get_serializer_context()
            ).fields.items()
            if not field.read_only
        }
        merged = {name: value for name, value in current.items() if name in writable}
        merged.update(request.data)
        serializer = serializer_class(instance, data=merged, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer_class(serializer.instance, context={}).data)

    def perform_destroy(self, instance):
        try:
            instance._history_user = self.request.user
            self.resource.remove(instance)
        except ProtectedError as error:
            message = _(
                "“%(record)s” cannot be deleted: %(count)s other records still refer to it."
            ) % {"record": instance, "count": len(error.protected_objects)}
            raise serializers.ValidationError({"non_field_errors": [message]}) from error


KEY_PARAMETERS = [
    OpenApiParameter(
        "key",
        OpenApiTypes.STR,
        OpenApiParameter.PATH,
        description="The record's workbook key (parts joined by ~) or its id.",
    ),
    OpenApiParameter(
        "by",
        OpenApiTypes.STR,
        OpenApiParameter.QUERY,
        enum=["key", "id"],
        description="Read the path's value only as a key, or only as an id.",
    ),
]


def record_schema(resource: Resource):
    return extend_schema_view(
        list=extend_schema(description=str(resource.description or "")),
        retrieve=extend_schema(parameters=KEY_PARAMETERS),
        partial_update=extend_schema(parameters=KEY_PARAMETERS),
        destroy=extend_schema(parameters=KEY_PARAMETERS),
    )


@record_schema(resources.PROJECTS)
class ProjectViewSet(RecordViewSet):
    resource = resources.PROJECTS


@record_schema(resources.HOLDERS)
class HolderViewSet(RecordViewSet):
    resource = resources.HOLDERS
    http_method_names = ["get", "post", "patch", "head", "options"]


@record_schema(resources.ENROLMENTS)
class EnrolmentViewSet(RecordViewSet):
    resource = resources.ENROLMENTS


@record_schema(resources.ENTERPRISES)
class EnterpriseViewSet(RecordViewSet):
    resource = resources.ENTERPRISES


@record_schema(resources.ACTIVITIES)
class ActivityViewSet(RecordViewSet):
    resource = resources.ACTIVITIES


@record_schema(resources.JOBS)
class JobViewSet(RecordViewSet):
    resource = resources.JOBS


@record_schema(resources.ACCREDITATION_EVENTS)
class AccreditationEventViewSet(RecordViewSet):
    resource = resources.ACCREDITATION_EVENTS


@record_schema(resources.TRANSFERS)
class TransferViewSet(RecordViewSet):
    resource = resources.TRANSFERS


@record_schema(resources.IMPACT_ASSESSMENTS)
class ImpactAssessmentViewSet(RecordViewSet):
    resource = resources.IMPACT_ASSESSMENTS


@record_schema(resources.COST_LINES)
class CostLineViewSet(RecordViewSet):
    resource = resources.COST_LINES


@record_schema(resources.TARGETS)
class TargetViewSet(RecordViewSet):
    resource = resources.TARGETS


@record_schema(resources.FOLLOWUPS)
class FollowupViewSet(RecordViewSet):
    resource = resources.FOLLOWUPS
    http_method_names = ["get", "head", "options"]


@record_schema(resources.APPLICATIONS)
class ApplicationViewSet(RecordViewSet):
    resource = resources.APPLICATIONS


class PeriodOnlyQuery(serializers.Serializer):
    period = serializers.CharField(help_text="2025, 2025-S1, 2025-S2 or 2024-07-01..2025-06-30.")

    def validate_period(self, value):
        try:
            return parse_period(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error


class PeriodLanguageQuery(PeriodOnlyQuery):
    lang = serializers.ChoiceField(
        choices=[code for code, _name in settings.LANGUAGES],
        required=False,
        help_text="Language of the labels; default: the request's (Accept-Language).",
    )


class PeriodQuery(PeriodLanguageQuery):
    as_of = serializers.DateField(required=False, help_text="Default: the end of the period.")


def period_query(request):
    """The period, as-of date and language of a figures endpoint, or a 400."""
    query = PeriodQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    period = query.validated_data["period"]
    as_of = query.validated_data.get("as_of") or period.end
    lang = query.validated_data.get("lang") or (get_language() or settings.LANGUAGE_CODE)[:2]
    return period, as_of, lang


class IndicatorsView(OrganisationAPI, APIView):
    """The whole catalogue for a period: the same JSON as `sillon indicators`."""

    @extend_schema(
        parameters=[PeriodQuery],
        responses={(200, "application/json"): OpenApiTypes.OBJECT},
    )
    def get(self, request, organisation):
        period, as_of, lang = period_query(request)
        try:
            refuse_future(period, timezone.localdate())
        except DjangoValidationError as error:
            raise serializers.ValidationError({"period": error.messages}) from error
        document = catalogue("json", lang, self.organisation, period, as_of)
        return HttpResponse(document, content_type="application/json")


class ComparisonView(OrganisationAPI, APIView):
    """The organisation's comparable indicators against its peers': the JSON of
    `sillon compare` (docs/spec/comparison.md), for an organisation sharing its figures
    with peers, as the Comparison page."""

    @extend_schema(
        parameters=[PeriodLanguageQuery],
        responses={(200, "application/json"): OpenApiTypes.OBJECT},
    )
    def get(self, request, organisation):
        period, _as_of, lang = period_query(request)
        if not self.organisation.shares_with_peers:
            raise exceptions.PermissionDenied(
                _(
                    "This organisation does not share its figures with peers, so it sees no "
                    "comparison. An administrator can turn sharing on in the settings."
                )
            )
        with translation.override(lang):
            document = compare(self.organisation, period)
            # As `sillon compare --format json` writes it, final newline included.
            body = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        return HttpResponse(body, content_type="application/json")


class StatementView(OrganisationAPI, APIView):
    """The organisation's statement for a period: the file `sillon statement export`
    writes (docs/spec/comparison.md)."""

    @extend_schema(
        parameters=[PeriodOnlyQuery],
        responses={(200, "application/json"): OpenApiTypes.OBJECT},
    )
    def get(self, request, organisation):
        period, _as_of, _lang = period_query(request)
        document = statements.dumps(statements.build(self.organisation, period))
        return HttpResponse(document, content_type="application/json")


class ImportUpload(serializers.Serializer):
    file = serializers.FileField(help_text="An .xlsx workbook or a zip of CSV files.")


class ImportView(OrganisationAPI, APIView):
    """A workbook, all or nothing, with the same located problems as the interface."""

    parser_classes = [MultiPartParser]
    max_body_bytes = settings.WORKBOOK_MAX_BYTES + 64 * 1024

    def ability_for(self, request):
        return Ability.EDIT_RECORDS

    @extend_schema(
        request={"multipart/form-data": ImportUpload},
        responses={(200, "application/json"): OpenApiTypes.OBJECT},
    )
    def post(self, request, organisation):
        upload = ImportUpload(data=request.data)
        upload.is_valid(raise_exception=True)
        file = upload.validated_data["file"]
        if file.size > settings.WORKBOOK_MAX_BYTES:
            raise PayloadTooLarge()
        result = import_workbook(
            self.organisation,
            file.read(),
            file_name=file.name,
            user=request.user,
            may_manage_organisation=self.membership.can(Ability.MANAGE_ORGANISATION),
        )
        body = {
            "applied": result.applied,
            "counts": result.counts,
            "problems": [
                {
                    "sheet": problem.sheet,
                    "row": problem.row,
                    "column": problem.column,
                    "value": problem.value,
                    "message": problem.message,
                }
                for problem in result.problems
            ],
        }
        return Response(body, status=status.HTTP_200_OK if result.applied else 400)
