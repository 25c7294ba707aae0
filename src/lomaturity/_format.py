"""Number formatting shared by result records and text output."""

from __future__ import annotations

DECIMALS = 4
"""Decimals kept in JSON output (and the precision stages are judged at)."""


def rounded(value: float | None, digits: int = DECIMALS) -> float | None:
    """``value`` rounded to ``digits`` decimals as a plain float; ``None`` stays ``None``."""
    return None if value is None else round(float(value), digits)
