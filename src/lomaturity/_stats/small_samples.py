"""What a report says about small samples: the measured coverage of its ranges at its size
(from the coverage study's table, :mod:`.coverage_table`) and the minimum reporting size.

A range "holds its level" when its measured coverage is at least :data:`HOLDS_WITHIN`
points below nominal at every scenario of the study (true scores 15-85): 93 % for nominal
95 % ranges, 88 % for nominal 90 %. Below the size where that holds, reports quote the
measured coverage for their own size, never a fixed range of numbers.
"""

from __future__ import annotations

from attrs import frozen

from .coverage_table import COVERAGE, EDGE_COVERAGE, INNER, Table

SMALL_SAMPLE = 20
"""Below this many respondents, ranges of a kind or level the coverage study did not
measure carry a ``few_respondents`` notice (percentile ranges reached their level from
about 20 respondents, docs/coverage.md)."""

HOLDS_WITHIN = 2.0
"""Points (%) of coverage below nominal that still count as holding the level."""


@frozen
class Measured:
    """The measured coverage of one interval kind and level at (or just below) one size.

    ``low``/``high`` are the lowest and highest coverage (%) over the study's scenarios;
    ``n`` is the respondent count it was measured at (the largest studied size not above
    the report's); ``level`` the nominal level measured (0.90 or 0.95)."""

    kind: str
    level: float
    n: int
    low: float
    high: float

    @property
    def holds(self) -> bool:
        """Whether the lowest measured coverage is within :data:`HOLDS_WITHIN` of nominal."""
        return self.low >= 100.0 * self.level - HOLDS_WITHIN - 1e-9


def measured_coverage(
    kind: str, confidence: float, n: int, table: Table = COVERAGE
) -> Measured | None:
    """The measured coverage of ``kind`` ranges for ``n`` respondents at the studied level
    nearest ``confidence`` (in ``table``: true scores within 15-85 by default, or
    :data:`EDGE_COVERAGE`); ``None`` when the kind was not studied or ``n`` is below the
    smallest studied size. Sizes above the largest studied one use the largest."""
    levels = table.get(kind)
    if not levels:
        return None
    level = min(levels, key=lambda lv: (abs(lv - confidence), -lv))
    sizes = [m for m in levels[level] if m <= n]
    if not sizes:
        return None
    at = max(sizes)
    low, high = levels[level][at]
    return Measured(kind=kind, level=level, n=at, low=low, high=high)


def holds_from(kind: str, confidence: float) -> int | None:
    """The smallest studied size from which ``kind`` ranges hold their level at every
    larger studied size (``None``: not studied, or never)."""
    levels = COVERAGE.get(kind)
    if not levels:
        return None
    level = min(levels, key=lambda lv: (abs(lv - confidence), -lv))
    sizes = sorted(levels[level])
    start = None
    for m in sizes:
        ok = Measured(kind, level, m, *levels[level][m]).holds
        start = (m if start is None else start) if ok else None
    return start


def few_message(n: int, what: str, kind: str, confidence: float) -> str | None:
    """The ``few_respondents`` text for ``n`` respondents (``what``: e.g. " answered
    strategy"), or ``None`` from the size where ``kind`` ranges hold their level (for a
    kind or level the study did not measure: from :data:`SMALL_SAMPLE`)."""
    start = holds_from(kind, confidence)
    if n >= (SMALL_SAMPLE if start is None else start):
        return None
    head = f"only {n} respondents{what}: "
    m = measured_coverage(kind, confidence, n)
    if m is None:
        return head + (
            f"the coverage of {kind} ranges was not measured at this size; they are likely "
            "too narrow (see docs/coverage.md)"
        )
    level = f"{m.level:.0%}"
    asked = ""
    if abs(m.level - confidence) > 1e-9:
        asked = f" (measured at {level}, not {confidence:.0%})"
    size = "" if m.n == n else f" (the nearest studied size below {n})"
    spread = f"{m.low:g} %" if m.low == m.high else f"{m.low:g}-{m.high:g} %"
    return head + (
        f"nominal {level} {kind} ranges held the true score {spread} of the time with "
        f"{m.n} respondents in simulations{size}{asked}, short of the level they claim; "
        "see docs/coverage.md"
    )


def edge_message(value: float, n: int, kind: str, confidence: float) -> str | None:
    """The ``near_scale_end`` text for a score ``value`` (0-100) outside the study's inner
    range of true scores, when ranges of ``kind`` at ``n`` respondents fell short of their
    level in the study's ceiling and floor scenarios; ``None`` otherwise."""
    if INNER[0] <= value <= INNER[1]:
        return None
    m = measured_coverage(kind, confidence, n, EDGE_COVERAGE)
    if m is None or m.holds:
        return None
    end = "top" if value > INNER[1] else "bottom"
    spread = f"{m.low:g} %" if m.low == m.high else f"{m.low:g}-{m.high:g} %"
    return (
        f"{value:.1f} is near the {end} of the scale, where answers pile up at one end: in "
        f"simulations with true scores near 0 and 100, nominal {m.level:.0%} {kind} ranges "
        f"held the true score {spread} of the time with {m.n} respondents (see "
        "docs/coverage.md#near-the-ends-of-the-scale)"
    )
