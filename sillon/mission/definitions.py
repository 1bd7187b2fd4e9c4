"""The definitions register (docs/spec/mission.md): the definitions the reports use, in
versions with a status. Sillon ships the initial versions as `draft`; the indicator texts
come from the reports' annex (docs/spec/indicators.md), registered by the reports app."""

from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from sillon.accounts.models import Organisation
from sillon.catalogue.indicators import CATALOGUE_VERSION

# The date the shipped versions apply from: the ordinance of 23 July 2018.
SHIPPED_FROM = date(2018, 7, 23)

BASE_DEFINITIONS = {
    "esd": (
        _(
            "Social and democratic enterprise (ESD) as defined by the ordinance of the "
            "Brussels-Capital Region of 23 July 2018 on the accreditation and support of "
            "social enterprises: an enterprise that carries out an economic project, "
            "pursues a social aim for the community above profit, limits the distribution "
            "of its profits, is governed democratically and is autonomous from public "
            "authorities; accredited by the Minister on the opinion of the advisory council."
        ),
        "Ordonnance du 23 juillet 2018 / Ordonnantie van 23 juli 2018",
    ),
    "social_economy": (
        _(
            "Social economy: economic activities carried out by enterprises that pursue "
            "a social aim above profit, with democratic governance and a limited "
            "distribution of profits (ordinance of 23 July 2018, article 2)."
        ),
        "Ordonnance du 23 juillet 2018, art. 2",
    ),
    "social_innovation": (
        _(
            "Social innovation: a new answer to a social need not or poorly met, "
            "developed with the people concerned. The BISSIB network (Brussels social "
            "innovation) words it as an innovation that is social in its aim, its process "
            "and its governance; its wording is noted here until a definition is agreed."
        ),
        "BISSIB",
    ),
    "emes": (
        _(
            "The nine criteria of the EMES research network, in three dimensions "
            "(economic, social, governance), describing the ideal type of a social "
            "enterprise; each impact assessment answers each criterion yes, partly or no."
        ),
        "EMES International Research Network",
    ),
}

# Providers of further definitions {code: (text, source)}, registered by higher apps.
_providers: list[Callable[[], dict]] = []


def register_definitions(provider: Callable[[], dict]) -> None:
    if provider not in _providers:
        _providers.append(provider)


def shipped_definitions() -> dict:
    """Every definition Sillon ships: code → (lazy text, source)."""
    result = dict(BASE_DEFINITIONS)
    for provider in _providers:
        result |= provider()
    return result


def _texts(text) -> dict:
    texts = {}
    for language in ("fr", "nl", "en"):
        with translation.override(language):
            texts[f"text_{language}"] = str(text)
    return texts


@transaction.atomic
def seed_definitions(organisation: Organisation) -> int:
    """Add a first `draft` version of each shipped definition the organisation lacks."""
    from sillon.mission.models import DefinitionVersion

    known = set(
        DefinitionVersion.objects.filter(organisation=organisation).values_list("code", flat=True)
    )
    new = [
        DefinitionVersion(
            organisation=organisation,
            code=code,
            version=1,
            source=source,
            applies_from=SHIPPED_FROM,
            created_date=SHIPPED_FROM,
            **_texts(text),
        )
        for code, (text, source) in shipped_definitions().items()
        if code not in known
    ]
    DefinitionVersion.objects.bulk_create(new)
    return len(new)


def indicator_source() -> str:
    return f"docs/spec/indicators.md {CATALOGUE_VERSION}"


def versions_in_force(organisation: Organisation, day: date) -> list:
    """The version of each definition in force on `day`: the latest applying by then."""
    from sillon.mission.models import DefinitionVersion

    latest = (
        DefinitionVersion.objects.filter(organisation=organisation, applies_from__lte=day)
        .values("code")
        .annotate(version=Max("version"))
    )
    wanted = {(row["code"], row["version"]) for row in latest}
    versions = DefinitionVersion.objects.filter(
        organisation=organisation, applies_from__lte=day, code__in={c for c, _ in wanted}
    )
    return sorted((v for v in versions if (v.code, v.version) in wanted), key=lambda v: v.code)
