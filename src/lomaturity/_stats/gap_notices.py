"""What a perception gap says about small groups: the coverage its kind of range reached
in the gap coverage study (:mod:`.gap_coverage_table`, benchmarks/gap_coverage.py) for
the studied pair of group sizes nearest below its own, until the size from which that kind
held its level (:data:`~.small_samples.HOLDS_WITHIN` points below nominal)."""

from __future__ import annotations

from .gap_coverage_table import GAP_COVERAGE, GapTable
from .small_samples import HOLDS_WITHIN


def _level(
    cells: dict[float, dict[tuple[int, int], tuple[float, float]]], confidence: float
) -> float:
    return min(cells, key=lambda lv: (abs(lv - confidence), -lv))


def gap_holds_from(kind: str, confidence: float, table: GapTable = GAP_COVERAGE) -> int | None:
    """The smallest *smaller-group* size from which every studied pair of ``kind`` ranges
    held its level (``None``: not studied, or never)."""
    levels = table.get(kind)
    if not levels:
        return None
    level = _level(levels, confidence)
    cells = levels[level]
    floor = 100.0 * level - HOLDS_WITHIN - 1e-9
    start = None
    for small in sorted({min(pair) for pair in cells}):
        ok = all(low >= floor for pair, (low, _) in cells.items() if min(pair) >= small)
        if ok:
            start = small
            break
    return start


def few_in_group_message(
    kind: str, confidence: float, n_first: int, n_second: int, table: GapTable = GAP_COVERAGE
) -> str | None:
    """The ``few_in_group`` text for groups of ``n_first`` and ``n_second`` respondents, or
    ``None`` from the smaller-group size where ``kind`` gap ranges hold their level."""
    smaller = min(n_first, n_second)
    levels = table.get(kind)
    start = gap_holds_from(kind, confidence, table)
    if start is not None and smaller >= start:
        return None
    head = f"the smaller group has only {smaller} respondents: "
    if not levels:
        return head + (
            f"the coverage of {kind} ranges of the gap was not measured; with small groups "
            "they are likely too narrow (see docs/groups.md)"
        )
    level = _level(levels, confidence)
    near = [pair for pair in levels[level] if min(pair) <= smaller]
    if not near:
        return head + (
            f"{kind} ranges of the gap were not measured with groups this small; they are "
            "likely too narrow (see docs/groups.md)"
        )
    pair = max(near, key=lambda p: (min(p), -abs(max(p) - max(n_first, n_second))))
    low, high = levels[level][pair]
    spread = f"{low:g} %" if low == high else f"{low:g}-{high:g} %"
    asked = (
        ""
        if abs(level - confidence) < 1e-9
        else f" (measured at {level:.0%}, not {confidence:.0%})"
    )
    return head + (
        f"nominal {level:.0%} {kind} ranges of the gap held the true gap {spread} of the time "
        f"with groups of {pair[0]} and {pair[1]} respondents in simulations{asked}, short of "
        "the level they claim; see docs/groups.md"
    )
