"""Published regional figures shown beside the matching indicators (docs/spec/comparison.md
§3, docs/spec/reference.md), shipped with their source and caveat, never typed by users."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Statbel, enterprises first registered for VAT in 2018, Brussels-Capital.
STATBEL_BRUSSELS = {1: 0.890, 2: 0.814, 3: 0.746, 4: 0.675, 5: 0.615}
STATBEL_SOURCE = _("Statbel, Brussels-Capital Region, VAT starters of 2018")
STATBEL_CAVEAT = _(
    "Statbel counts enterprises active on 31 December of each following year and leaves "
    "VAT-exempt activity (many non-profit associations) out: an order of magnitude only."
)
EBN_FUNDING_PER_JOB = 8066
EBN_SOURCE = _("EBN, European business and innovation centres, 2014 survey")
EBN_CAVEAT = _(
    "Public funding per job created, not the full cost of the accompaniment: the "
    "definitions differ, an order of magnitude only."
)


@dataclass(frozen=True)
class Baseline:
    value: float
    source: Promise
    caveat: Promise


BASELINES = {
    "enterprises.survival_rate_1y": Baseline(STATBEL_BRUSSELS[1], STATBEL_SOURCE, STATBEL_CAVEAT),
    "enterprises.survival_rate_2y": Baseline(STATBEL_BRUSSELS[2], STATBEL_SOURCE, STATBEL_CAVEAT),
    "enterprises.survival_rate_3y": Baseline(STATBEL_BRUSSELS[3], STATBEL_SOURCE, STATBEL_CAVEAT),
    "accompaniment.cost_per_job_created": Baseline(EBN_FUNDING_PER_JOB, EBN_SOURCE, EBN_CAVEAT),
}
