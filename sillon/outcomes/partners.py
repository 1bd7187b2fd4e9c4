from sillon.accounts.models import Organisation
from sillon.outcomes.choices import PartnerKind
from sillon.outcomes.models import Partner

# docs/spec/domain.md: Tracé and FeBISP as advisory agencies; FeBIO, FeBISP and BRUXEO as
# federations. FeBISP is both, so it appears twice, once in each role.
DEFAULT_PARTNERS = [
    ("trace", "Tracé", PartnerKind.ADVISORY_AGENCY),
    ("febisp-agency", "FeBISP (agence-conseil)", PartnerKind.ADVISORY_AGENCY),
    ("febio", "FeBIO", PartnerKind.FEDERATION),
    ("febisp", "FeBISP", PartnerKind.FEDERATION),
    ("bruxeo", "BRUXEO", PartnerKind.FEDERATION),
]


def seed_partners(organisation: Organisation) -> None:
    """Create the default partners the organisation does not have yet."""
    existing = set(Partner.objects.filter(organisation=organisation).values_list("code", flat=True))
    Partner.objects.bulk_create(
        Partner(organisation=organisation, code=code, name=name, kind=kind)
        for code, name, kind in DEFAULT_PARTNERS
        if code not in existing
    )
