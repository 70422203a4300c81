"""Percentiles and summaries of timings, the same for the measurements and the report (nearest rank)."""

import statistics


def pct(values, p):
    """The p-th percentile (nearest rank) of `values`; None when empty."""
    v = sorted(x for x in values if x is not None)
    if not v:
        return None
    k = max(0, min(len(v) - 1, int(round(p / 100 * len(v) + 0.5)) - 1))
    return v[k]


def summary(values):
    v = [x for x in values if x is not None]
    return {
        "n": len(v),
        "p50": statistics.median(v) if v else None,
        "p95": pct(v, 95),
        "min": min(v) if v else None,
        "max": max(v) if v else None,
    }
