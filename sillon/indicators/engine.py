"""The one implementation of the indicator catalogue (spec: indicators.md).

`compute(organisation, period, as_of)` returns every indicator in catalogue order as
plain values; the CLI, the dashboard, the reports and the API all read it. Each group
module runs a fixed number of aggregate queries, whatever the amount of data.
"""

from dataclasses import dataclass
from datetime import date

from sillon.accounts.models import Organisation
from sillon.catalogue.indicators import CATALOGUE, Indicator
from sillon.catalogue.periods import Period
from sillon.indicators import accompaniment, costs, employment, enterprises, outcomes
from sillon.indicators.values import Scope, Value, ratio


@dataclass
class Result:
    indicator: Indicator
    value: Value


def compute(organisation: Organisation, period: Period, as_of: date | None = None) -> list[Result]:
    scope = Scope(organisation, period, as_of or period.end)
    values: dict[str, Value] = {}
    values |= accompaniment.projects(scope)
    values |= accompaniment.holders(scope)
    values |= accompaniment.activities(scope)
    values |= costs.costs(scope)
    values |= enterprises.counts(scope)
    values |= enterprises.survival(scope)
    values |= employment.counts(scope)
    values |= employment.persistence(scope)
    values |= employment.cohort_employment(scope)
    values |= outcomes.outcomes(scope, accompaniment.accompanied_projects(scope))
    cost = values["accompaniment.cost"].value
    for name, denominator in [
        ("accompaniment.cost_per_project", "projects.accompanied"),
        ("accompaniment.cost_per_enterprise_created", "enterprises.created"),
        ("accompaniment.cost_per_job_created", "jobs.created"),
    ]:
        value = ratio(cost, values[denominator].value)
        value.id = name
        values[name] = value
    return [Result(indicator, values[indicator.id]) for indicator in CATALOGUE]
