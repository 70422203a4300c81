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


# WebKit stamps animation frames in whole milliseconds, and its display timer here ticks every ~16.1 ms: an
# on-time frame is 16 or 17 ms apart from the last (17 about one frame in eight, from rounding alone), so 17
# is the lowest p95 any renderer can have. A gap above it is a frame that missed the display's pace.
PACE_MS = 17


def late_share(gaps):
    """The share of frame gaps longer than the display's pace (PACE_MS), in %; None without gaps."""
    v = [x for x in gaps or [] if x is not None]
    return 100 * sum(1 for x in v if x > PACE_MS) / len(v) if v else None


def cpu_share(g):
    """The app's CPU during gesture `g` (gestures.frames) as a share of one core, in %; None if not measured."""
    c, t = g.get("cpu_ms"), g.get("gesture_s")
    return None if c is None or not t else c / t / 10
