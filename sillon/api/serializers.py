"""JSON in and out of a resource. The fields only check JSON types (a date is a string
in ISO format, hours a number…); every rule of the record is the interface's form
(sillon/register/forms.py, sillon/outcomes/forms.py) with the model's validators and
constraints — one set of rules, messages per field in the request's language."""

import functools
from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from rest_framework import serializers

from sillon.api.resources import FOLLOWUPS, HOLDERS, Resource
from sillon.core.forms import TextListField
from sillon.followup.choices import QuestionnaireStatus, Wave
from sillon.register.forms import ProjectRefsField
from sillon.register.models import Enterprise, Project

NON_FIELD = "non_field_errors"


def drf_field(
    form_field: forms.Field, read_only: bool = False, has_default: bool = False
) -> serializers.Field:
    """The JSON type of a form field, for the schema and the first check of a value.
    A field with a default may be left out (the record's default applies)."""
    required = form_field.required and not read_only and not has_default
    common = {"required": required, "read_only": read_only}
    if not form_field.required:
        common["allow_null"] = True
    if form_field.label:
        common["label"] = form_field.label
    if form_field.help_text:
        common["help_text"] = form_field.help_text
    if read_only:
        common.pop("allow_null", None)
    if isinstance(form_field, forms.MultipleChoiceField):
        choices = [value for value, _label in form_field.choices if value != ""]
        return serializers.ListField(child=serializers.ChoiceField(choices=choices), **common)
    if isinstance(
        form_field, TextListField | ProjectRefsField | forms.ModelMultipleChoiceField
    ) or form_field.__class__.__name__ in {"JointCommitteesField"}:
        return serializers.ListField(child=serializers.CharField(), **common)
    if isinstance(form_field, forms.ModelChoiceField):
        return serializers.CharField(allow_blank=not form_field.required, **common)
    if isinstance(form_field, forms.DateField):
        return serializers.DateField(**common)
    if isinstance(form_field, forms.DecimalField):
        return serializers.DecimalField(
            max_digits=form_field.max_digits,
            decimal_places=form_field.decimal_places,
            coerce_to_string=False,
            **common,
        )
    if isinstance(form_field, forms.IntegerField):
        return serializers.IntegerField(**common)
    if isinstance(form_field, forms.BooleanField):
        common.pop("allow_null", None)
        return serializers.BooleanField(**common)
    if isinstance(form_field, forms.ChoiceField):
        choices = [value for value, _label in form_field.choices if value != ""]
        if not form_field.required:
            choices.append("")
        return serializers.ChoiceField(choices=choices, **common)
    return serializers.CharField(
        allow_blank=not form_field.required,
        max_length=getattr(form_field, "max_length", None),
        trim_whitespace=False,
        **common,
    )


def form_value(form_field: forms.Field, value):
    """A checked JSON value as the form reads it from a submitted page."""
    if value is None:
        return ""
    if isinstance(form_field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return list(value)
    if isinstance(value, list):
        return ", ".join(str(part) for part in value)
    if isinstance(value, bool):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


class RecordSerializer(serializers.Serializer):
    """The record as its workbook row (plus `id`); written through the form."""

    resource: Resource

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = self.context.get("organisation")
        self.user = self.context.get("user")

    def to_representation(self, instance):
        row = self.resource.row(instance)
        out = {}
        for name, value in row.items():
            field = self.fields.get(name)
            if field is not None and value is not None and not isinstance(value, dict | list):
                value = field.to_representation(value)
            out[name] = value
        return out

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError(
                {NON_FIELD: [_("Send a JSON object of the record's fields.")]}
            )
        writable = {name for name, field in self.fields.items() if not field.read_only}
        unknown = sorted(set(data) - writable)
        errors = {}
        for name in unknown:
            if name in self.fields:
                errors[name] = [_("This field cannot be written.")]
            else:
                errors[name] = [_("Unknown field.")]
        try:
            values = super().to_internal_value(data)
        except serializers.ValidationError as error:
            errors = error.detail | errors
            values = {}
        if errors:
            raise serializers.ValidationError(errors)
        return values

    def validate(self, values):
        resource = self.resource
        errors = {}
        parent = None
        if resource.parent:
            parent = self.parent_of(values, errors)
        form_fields = resource.form_fields()
        data = {}
        for api_name, value in values.items():
            name = resource.form_name(api_name)
            if name in form_fields:
                data[name] = form_value(form_fields[name], value)
        kwargs = {"organisation": self.organisation, "instance": self.instance}
        if parent is not None and resource.parent and "parent" in _init_args(resource.form):
            kwargs["parent"] = parent
        if self.instance is None:
            # A field left out takes the record's default, as the form shows it.
            blank = resource.form(**kwargs)
            for name, form_field in blank.fields.items():
                if name not in data:
                    initial = blank.get_initial_for_field(form_field, name)
                    if initial not in (None, "", [], ()):
                        data[name] = form_value(form_field, initial)
        form = resource.form(data, **kwargs)
        if parent is not None:
            setattr(form.instance, resource.parent, parent)
        resource.prepare_form(form, values)
        if resource is HOLDERS:
            self.check_holder_projects(form, values, errors)
        if not form.is_valid():
            for name, messages in form.errors.items():
                key = NON_FIELD if name == "__all__" else resource.api_name(name)
                errors.setdefault(key, []).extend(str(message) for message in messages)
        if errors:
            raise serializers.ValidationError(errors)
        self.form, self.parent_record = form, parent
        return values

    def parent_of(self, values, errors):
        """The project (or its enterprise) that `project_ref` names, within the
        organisation; it cannot change once the record exists."""
        ref = values.get("project_ref")
        if self.instance is not None:
            current = getattr(self.instance, self.resource.parent)
            project = current if self.resource.parent == "project" else current.project
            if ref is not None and ref != project.ref:
                errors["project_ref"] = [_("The project of a record cannot be changed.")]
            return current
        project = Project.objects.filter(organisation=self.organisation, ref=ref).first()
        if project is None:
            errors["project_ref"] = [
                _("No project of the organisation has the reference %(refs)s.") % {"refs": ref}
            ]
            return None
        if self.resource.parent == "project":
            if (
                self.resource.model is Enterprise
                and Enterprise.objects.filter(project=project).exists()
            ):
                errors["project_ref"] = [_("This project already has an enterprise.")]
            return project
        enterprise = Enterprise.objects.filter(project=project).first()
        if enterprise is None:
            errors["project_ref"] = [_("Record the enterprise of this project first.")]
        return enterprise

    def check_holder_projects(self, form, values, errors):
        refs = values.get("project_refs")
        if self.instance is not None:
            if refs is not None and sorted(refs) != sorted(
                self.instance.projects.values_list("ref", flat=True)
            ):
                errors["project_refs"] = [_("Link or unlink projects on the project page.")]
            return
        projects = list(Project.objects.filter(organisation=self.organisation, ref__in=refs or []))
        missing = sorted(set(refs or []) - {project.ref for project in projects})
        if missing:
            errors["project_refs"] = [
                _("No project of the organisation has the reference %(refs)s.")
                % {"refs": ", ".join(missing)}
            ]
        elif not projects:
            errors["project_refs"] = [_("Name at least one project.")]
        form.api_projects = projects

    def save(self, **kwargs):
        try:
            with transaction.atomic():
                self.instance = self.resource.save(self.form, self.parent_record, self.user)
        except IntegrityError as error:
            raise serializers.ValidationError(
                {NON_FIELD: [_("Another record with the same reference was saved meanwhile.")]}
            ) from error
        return self.instance


def _init_args(form_class) -> set[str]:
    import inspect

    names = set()
    for klass in form_class.__mro__:
        init = klass.__dict__.get("__init__")
        if init is not None:
            names |= set(inspect.signature(init).parameters)
    return names


def _has_default(model, name: str) -> bool:
    try:
        return model._meta.get_field(name).has_default()
    except FieldDoesNotExist:  # a form field that is no model field
        return False


def followup_fields() -> dict[str, serializers.Field]:
    """The columns of the workbook's `followups` sheet, read only."""
    return {
        "id": serializers.IntegerField(read_only=True),
        "project_ref": serializers.CharField(read_only=True),
        "wave": serializers.ChoiceField(choices=Wave.values, read_only=True),
        "due_date": serializers.DateField(read_only=True),
        "sent_at": serializers.DateField(
            read_only=True, allow_null=True, help_text=_("Day the first message was sent.")
        ),
        "answered_at": serializers.DateField(
            read_only=True, allow_null=True, help_text=_("Day of the answer.")
        ),
        "status": serializers.ChoiceField(choices=QuestionnaireStatus.values, read_only=True),
    }


@functools.cache
def serializer_for(resource: Resource) -> type[RecordSerializer]:
    """The serializer of a resource: its form's fields under the workbook's names, the
    key and parent columns, and the row's other columns read-only."""
    if resource is FOLLOWUPS:
        fields = followup_fields()
        return type("FollowupsSerializer", (RecordSerializer,), {"resource": resource, **fields})
    declared = {}
    for name, form_field in resource.form_fields().items():
        has_default = _has_default(resource.model, name)
        declared[resource.api_name(name)] = drf_field(form_field, has_default=has_default)
    if resource.parent:
        declared["project_ref"] = serializers.CharField(
            required=True, help_text=_("Reference of the project.")
        )
    if resource is HOLDERS:
        declared["project_refs"] = serializers.ListField(
            child=serializers.CharField(),
            required=True,
            help_text=_("References of the holder's projects."),
        )
        declared["person_ref"] = serializers.CharField(read_only=True)
    declared["id"] = serializers.IntegerField(read_only=True)
    if resource.name == "projects":
        declared["enterprise"] = serializers.DictField(read_only=True, allow_null=True)
    if resource.name == "activities":
        declared["activity_ref"] = serializers.CharField(read_only=True)
    class_name = "".join(part.title() for part in resource.name.split("-")) + "Serializer"
    return type(class_name, (RecordSerializer,), {"resource": resource, **declared})
