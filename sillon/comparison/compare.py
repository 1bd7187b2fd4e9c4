"""The comparison of docs/spec/comparison.md §1: one function, read by the command line,
the Comparison page, the annual report and the API."""

from django.utils.translation import gettext as _

from sillon.accounts.models import Organisation
from sillon.catalogue.indicators import CATALOGUE_VERSION, COMPARABLE
from sillon.catalogue.periods import Period
from sillon.comparison.baselines import BASELINES
from sillon.comparison.models import Statement
from sillon.comparison.peers import comparable_values, comparable_values_of
from sillon.comparison.statistics import MINIMUM_PEERS, summary

INSTALLATION, STATEMENT = "installation", "statement"


def peers(organisation: Organisation, period: Period) -> list[dict]:
    """Every other sharing organisation, then every current imported statement of the
    period (not one of an organisation of this installation: its live figures count,
    when it shares), each with its comparable values."""
    found = []
    sharing = list(
        Organisation.objects.filter(shares_with_peers=True)
        .exclude(pk=organisation.pk)
        .order_by("name", "pk")
    )
    peer_values = comparable_values_of(sharing, period)
    for peer in sharing:
        found.append(
            {
                "name": peer.name,
                "enterprise_number": peer.enterprise_number or None,
                "source": INSTALLATION,
                "definitions": CATALOGUE_VERSION,
                "left_out": [],
                "values": peer_values[peer.pk],
            }
        )
    local_numbers = set(
        Organisation.objects.exclude(enterprise_number="").values_list(
            "enterprise_number", flat=True
        )
    )
    statements = Statement.objects.current().filter(period_id=period.id)
    for statement in statements.order_by("publisher_name", "pk"):
        if statement.enterprise_number and statement.enterprise_number in local_numbers:
            continue
        published = statement.values()
        left_out = [
            indicator.id
            for indicator in COMPARABLE
            if indicator.changed_since(statement.definitions)
        ]
        found.append(
            {
                "name": statement.publisher_name,
                "enterprise_number": statement.enterprise_number or None,
                "source": STATEMENT,
                "definitions": statement.definitions,
                "left_out": left_out,
                "values": {
                    indicator.id: None if indicator.id in left_out else published.get(indicator.id)
                    for indicator in COMPARABLE
                },
            }
        )
    return found


def compare(organisation: Organisation, period: Period) -> dict:
    """The comparison JSON of docs/spec/comparison.md, comparable indicators in catalogue
    order: the organisation's value, the peers' n, min, q1, median, q3, max, its rank,
    and, under MINIMUM_PEERS values, the reason every statistic is null."""
    own = comparable_values(organisation, period)
    found = peers(organisation, period)
    indicators = []
    for indicator in COMPARABLE:
        values = [peer["values"][indicator.id] for peer in found]
        values = [value for value in values if value is not None]
        item = {"id": indicator.id, "unit": indicator.unit, "value": own[indicator.id]}
        item |= summary(own[indicator.id], values)
        item["reason"] = (
            _(
                "Fewer than %(minimum)s peer values (%(count)s): no statistic is shown, so "
                "that no single peer can be read off."
            )
            % {"minimum": MINIMUM_PEERS, "count": len(values)}
            if len(values) < MINIMUM_PEERS
            else None
        )
        baseline = BASELINES.get(indicator.id)
        item["baseline"] = (
            {
                "value": baseline.value,
                "source": str(baseline.source),
                "caveat": str(baseline.caveat),
            }
            if baseline
            else None
        )
        indicators.append(item)
    return {
        "organisation": organisation.slug,
        "period": {
            "id": period.id,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "definitions": CATALOGUE_VERSION,
        "peers": [
            {
                "name": peer["name"],
                "enterprise_number": peer["enterprise_number"],
                "source": peer["source"],
                "definitions": peer["definitions"],
                "marked": peer["definitions"] != CATALOGUE_VERSION,
                "left_out": peer["left_out"],
            }
            for peer in found
        ],
        "indicators": indicators,
    }
