from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from sillon.codes import joint_committees, legal_forms, nace

SEARCHES = {
    "nace": lambda query, request: nace.search(
        query, version=request.GET.get("version") or nace.DEFAULT_VERSION
    ),
    "legal_form": lambda query, request: legal_forms.search(query),
    "joint_committee": lambda query, request: joint_committees.search(query),
}


@require_GET
@login_required
def code_search(request: HttpRequest, kind: str) -> JsonResponse:
    """Suggestions for the searchable code selector: [{code, label}], in the user's language.

    Public nomenclatures only: nothing here belongs to an organisation.
    """
    search = SEARCHES.get(kind)
    if search is None:
        raise Http404
    query = request.GET.get("q", "")[:100]
    results = [{"code": code, "label": label} for code, label in search(query, request)]
    return JsonResponse({"results": results})
