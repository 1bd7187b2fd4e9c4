"""The statistics of docs/spec/comparison.md §1 over the peers' values: pure functions."""

import statistics

MINIMUM_PEERS = 3  # under this, no statistic: no single peer can be read off


def summary(own: float | None, peers: list[float]) -> dict:
    """n, min, q1, median, q3, max and the rank of `own` among `peers` (non-null values).

    Quartiles are statistics.quantiles(values, n=4, method="inclusive"); median = q2;
    rank = 1 + the number of peer values strictly greater than own (null when own is
    null). With fewer than MINIMUM_PEERS values every statistic but n is null.
    """
    values = sorted(float(value) for value in peers)
    result = {
        "n": len(values),
        "min": None,
        "q1": None,
        "median": None,
        "q3": None,
        "max": None,
        "rank": None,
    }
    if len(values) < MINIMUM_PEERS:
        return result
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    result |= {"min": values[0], "q1": q1, "median": median, "q3": q3, "max": values[-1]}
    if own is not None:
        result["rank"] = 1 + sum(1 for value in values if value > float(own))
    return result
