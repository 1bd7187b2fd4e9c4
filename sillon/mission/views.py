"""Pages of the centre's whole mission (docs/spec/mission.md), under /o/<organisation>/."""

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sillon.accounts.permissions import get_for_organisation_or_404, organisation_view
from sillon.accounts.roles import Ability
from sillon.core.history import timeline_of
from sillon.core.records import delete_page, form_page
from sillon.mission import actions
from sillon.mission.definitions import seed_definitions
from sillon.mission.forms import (
    AgreementForm,
    CostLineMissionForm,
    DeclarationForm,
    DefinitionProposalForm,
    MissionDefaultsForm,
    MissionForm,
    StakeForm,
)
from sillon.mission.models import (
    CostLineMission,
    DefinitionVersion,
    InterestDeclaration,
    Mission,
    MissionDefault,
    Stake,
)
from sillon.mission.synergies import synergies
from sillon.outcomes.models import CostLine

WRITE = ["GET", "HEAD", "POST"]


def org_url(request: HttpRequest, name: str, *args) -> str:
    return reverse(name, args=[request.organisation.slug, *args])


# Missions of the funding agreement


@organisation_view(Ability.VIEW)
def missions(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    return render(
        request,
        "mission/missions.html",
        {
            "section": "settings",
            "missions": Mission.objects.filter(organisation=organisation).prefetch_related(
                "also_covered_by", Prefetch("defaults", queryset=MissionDefault.objects.all())
            ),
            "cost_lines": CostLine.objects.filter(organisation=organisation)
            .select_related("mission_link__mission", "programme")
            .order_by("-period_start", "category", "pk")[:200],
        },
    )


@organisation_view(Ability.MANAGE_ORGANISATION, methods=WRITE)
def mission_create(request: HttpRequest) -> HttpResponse:
    url = org_url(request, "missions")
    return form_page(
        request,
        MissionForm,
        title=_("New mission"),
        section="settings",
        cancel_url=url,
        success_url=lambda saved: url,
    )


@organisation_view(Ability.MANAGE_ORGANISATION, methods=WRITE)
def mission_edit(request: HttpRequest, pk: int) -> HttpResponse:
    mission = get_for_organisation_or_404(request.organisation, Mission, pk=pk)
    url = org_url(request, "missions")
    return form_page(
        request,
        MissionForm,
        instance=mission,
        title=_("Edit mission"),
        section="settings",
        cancel_url=url,
        success_url=lambda saved: url,
    )


@organisation_view(Ability.MANAGE_ORGANISATION, methods=WRITE)
def mission_delete(request: HttpRequest, pk: int) -> HttpResponse:
    mission = get_for_organisation_or_404(request.organisation, Mission, pk=pk)
    url = org_url(request, "missions")
    return delete_page(request, mission, section="settings", cancel_url=url, success_url=url)


@organisation_view(Ability.MANAGE_ORGANISATION, methods=WRITE)
def mission_defaults(request: HttpRequest) -> HttpResponse:
    form = MissionDefaultsForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        actions.save_defaults(form)
        return redirect(org_url(request, "missions"))
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Default mission of each activity kind"),
            "section": "settings",
            "cancel_url": org_url(request, "missions"),
        },
    )


@organisation_view(Ability.MANAGE_ORGANISATION, methods=WRITE)
def cost_line_mission(request: HttpRequest, pk: int) -> HttpResponse:
    """The mission a cost line goes to (none by default)."""
    line = get_for_organisation_or_404(request.organisation, CostLine, pk=pk)
    current = CostLineMission.objects.filter(cost_line=line).first()
    form = CostLineMissionForm(
        request.POST or None,
        organisation=request.organisation,
        initial={"mission": current.mission if current else None},
    )
    if request.method == "POST" and form.is_valid():
        mission = form.cleaned_data["mission"]
        if mission is None:
            CostLineMission.objects.filter(cost_line=line).delete()
        else:
            CostLineMission.objects.update_or_create(
                cost_line=line, defaults={"organisation": request.organisation, "mission": mission}
            )
        return redirect(org_url(request, "missions"))
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Mission of the cost line %(line)s") % {"line": line},
            "section": "settings",
            "cancel_url": org_url(request, "missions"),
        },
    )


# Stakes and declarations of interest: admin and manager only


@organisation_view(Ability.EDIT_RECORDS)
def stakes(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    return render(
        request,
        "mission/stakes.html",
        {
            "section": "settings",
            "stakes": Stake.objects.filter(organisation=organisation).select_related("enterprise"),
            "declarations": InterestDeclaration.objects.filter(
                organisation=organisation
            ).select_related("project"),
            "history": timeline_of(
                [
                    (Stake.history.filter(organisation=organisation), str),
                    (InterestDeclaration.history.filter(organisation=organisation), str),
                ]
            ),
        },
    )


def _record_form(request, form_class, model, pk, title_new, title_edit):
    instance = get_for_organisation_or_404(request.organisation, model, pk=pk) if pk else None
    url = org_url(request, "stakes")
    return form_page(
        request,
        form_class,
        instance=instance,
        title=title_edit if instance else title_new,
        section="settings",
        cancel_url=url,
        success_url=lambda saved: url,
    )


@organisation_view(Ability.EDIT_RECORDS, methods=WRITE)
def stake_create(request: HttpRequest) -> HttpResponse:
    return _record_form(request, StakeForm, Stake, None, _("New stake"), "")


@organisation_view(Ability.EDIT_RECORDS, methods=WRITE)
def stake_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_form(request, StakeForm, Stake, pk, "", _("Edit stake"))


@organisation_view(Ability.EDIT_RECORDS, methods=WRITE)
def stake_delete(request: HttpRequest, pk: int) -> HttpResponse:
    stake = get_for_organisation_or_404(request.organisation, Stake, pk=pk)
    url = org_url(request, "stakes")
    return delete_page(request, stake, section="settings", cancel_url=url, success_url=url)


@organisation_view(Ability.EDIT_RECORDS, methods=WRITE)
def declaration_create(request: HttpRequest) -> HttpResponse:
    return _record_form(
        request, DeclarationForm, InterestDeclaration, None, _("New declaration of interest"), ""
    )


@organisation_view(Ability.EDIT_RECORDS, methods=WRITE)
def declaration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_form(
        request, DeclarationForm, InterestDeclaration, pk, "", _("Edit declaration of interest")
    )


@organisation_view(Ability.EDIT_RECORDS, methods=WRITE)
def declaration_delete(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_for_organisation_or_404(request.organisation, InterestDeclaration, pk=pk)
    url = org_url(request, "stakes")
    return delete_page(request, declaration, section="settings", cancel_url=url, success_url=url)


# Definitions register


@organisation_view(Ability.VIEW)
def definitions(request: HttpRequest) -> HttpResponse:
    seed_definitions(request.organisation)
    return render(
        request,
        "mission/definitions.html",
        {
            "section": "settings",
            "versions": DefinitionVersion.objects.filter(organisation=request.organisation),
        },
    )


@organisation_view(Ability.MANAGE_ORGANISATION, methods=WRITE)
def definition_propose(request: HttpRequest, pk: int) -> HttpResponse:
    """A new version of the definition of the version `pk`, starting from its text."""
    base = get_for_organisation_or_404(request.organisation, DefinitionVersion, pk=pk)
    url = org_url(request, "definitions")
    return form_page(
        request,
        DefinitionProposalForm,
        title=_("New version of %(definition)s") % {"definition": base.code},
        section="settings",
        cancel_url=url,
        success_url=lambda saved: url,
        initial={
            "text_fr": base.text_fr,
            "text_nl": base.text_nl,
            "text_en": base.text_en,
            "source": base.source,
            "status": "in_concertation",
        },
        form_kwargs={"code": base.code},
        save=actions.propose_definition,
    )


@organisation_view(Ability.MANAGE_ORGANISATION, methods=WRITE)
def definition_agree(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_for_organisation_or_404(request.organisation, DefinitionVersion, pk=pk)
    url = org_url(request, "definitions")
    return form_page(
        request,
        AgreementForm,
        instance=version,
        title=_("Record the agreement of %(definition)s") % {"definition": version},
        section="settings",
        cancel_url=url,
        success_url=lambda saved: url,
    )


# Synergies with the partners


@organisation_view(Ability.VIEW)
def partner_synergies(request: HttpRequest) -> HttpResponse:
    return render(request, "mission/synergies.html", synergies(request))
