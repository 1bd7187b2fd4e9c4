"""The Comparison page (aggregates: every member of a sharing organisation, viewers too)
and the statements page (admin: import a statement, see who published each)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from sillon.accounts.permissions import organisation_view
from sillon.accounts.roles import Ability
from sillon.catalogue.indicators import BY_ID
from sillon.catalogue.periods import year_period
from sillon.comparison import statements
from sillon.comparison.charts import box_and_dot
from sillon.comparison.compare import compare
from sillon.comparison.forms import StatementUploadForm
from sillon.comparison.models import Statement
from sillon.core.templatetags.sillon import figure
from sillon.indicators.views import chosen_period


@organisation_view(Ability.VIEW)
def comparison(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    period = chosen_period(request) if request.GET.get("period") else None
    period = period or year_period(timezone.localdate().year - 1)
    context = {"section": "comparison", "period": period, "sharing": organisation.shares_with_peers}
    if organisation.shares_with_peers:
        document = compare(organisation, period)
        rows = []
        for item in document["indicators"]:
            indicator = BY_ID[item["id"]]
            rows.append(
                {
                    "indicator": indicator,
                    "item": item,
                    "chart": mark_safe(
                        box_and_dot(
                            item,
                            lambda value, unit=indicator.unit: figure(value, unit),
                            _("us"),
                            _("baseline"),
                        )
                    ),
                }
            )
        context |= {"document": document, "rows": rows}
    this_year = timezone.localdate().year
    context["choices"] = [
        p
        for year in range(this_year, this_year - 8, -1)
        for p in (str(year), f"{year}-S1", f"{year}-S2")
    ]
    return render(request, "comparison/comparison.html", context)


@organisation_view(Ability.MANAGE_ORGANISATION, methods=["GET", "HEAD", "POST"])
def statements_page(request: HttpRequest) -> HttpResponse:
    form = StatementUploadForm()
    reasons: list[str] = []
    if request.method == "POST":
        form = StatementUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > statements.MAX_BYTES:
                    raise statements.StatementInvalid(
                        [
                            _("The file is %(size)s bytes; a statement is at most %(most)s bytes.")
                            % {"size": upload.size, "most": statements.MAX_BYTES}
                        ]
                    )
                statement, previous = statements.store(
                    upload.read(), user=request.user, organisation=request.organisation
                )
            except statements.StatementInvalid as error:
                reasons = error.reasons
            else:
                if previous:
                    messages.success(
                        request,
                        _("The statement of %(name)s for %(period)s replaces the earlier one.")
                        % {"name": statement.publisher_name, "period": statement.period_id},
                    )
                else:
                    messages.success(
                        request,
                        _("The statement of %(name)s for %(period)s was imported.")
                        % {"name": statement.publisher_name, "period": statement.period_id},
                    )
                return redirect("comparison_statements", request.organisation.slug)
    listed = Statement.objects.select_related("imported_by", "imported_for").order_by(
        "-period_id", "publisher_name", "-imported_at"
    )
    return render(
        request,
        "comparison/statements.html",
        {"section": "comparison", "form": form, "reasons": reasons, "statements": listed},
    )
