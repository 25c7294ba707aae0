"""Plain-text rendering of benchmarks (percentile ranks in a norm table) for the command
line; a synthetic norm table is announced at the top of every benchmark."""

from __future__ import annotations

from .._format import MISSING, WIDTH, number, text_block, wrap
from .._model.rubric import Rubric
from .._results.benchmark import Benchmark, Standing

LABEL_WIDTH = 30
"""Dimension names longer than this are shortened, so that every line fits."""

SYNTHETIC_BANNER = "*** SYNTHETIC NORM TABLE: simulated organizations, not real ones ***"
"""The first line of a benchmark against a synthetic norm table."""


def _label(name: str) -> str:
    return name if len(name) <= LABEL_WIDTH else name[: LABEL_WIDTH - 1] + "…"


def _rank_range(s: Standing) -> str:
    if s.percentile_low is None or s.percentile_high is None:
        return MISSING
    return f"{s.percentile_low:.0f} – {s.percentile_high:.0f}"


def _band(s: Standing) -> str:
    if s.band is None:
        return MISSING
    return f"{s.band} (range spans bands)" if s.band_certain is False else s.band


def _row(label: str, s: Standing, width: int) -> list[str]:
    start = f"  {label:<{width}}  {number(s.value, '5.1f', 5):>5}  "
    if s.percentile is None:
        # The reason is wrapped under itself, so that every line fits the text width.
        reason = wrap(str(s.reason), "", width=WIDTH - len(start))
        return [start + reason[0], *(" " * len(start) + r for r in reason[1:])]
    return [f"{start}{s.rank_text:>5}  {_rank_range(s):<9}  {_band(s)}"]


def render_benchmark(benchmark: Benchmark, rubric: Rubric) -> str:
    """One organization against a norm: per dimension and overall, the score, its
    percentile rank, the ranks of its range and the quartile band; then the notices."""
    lines: list[str] = []
    if benchmark.synthetic:
        lines.append(SYNTHETIC_BANNER)
    lines += wrap(f"{benchmark.organization} — benchmark ({benchmark.rubric_key})", "    ", "")
    lines += wrap(
        f"Norm: {benchmark.norm_title} — {benchmark.norm_source}; "
        f"{benchmark.norm_organizations} organizations, {benchmark.norm_date}"
    )
    lines.append("")
    names = {d.id: _label(d.name) for d in rubric.dimensions}
    rows = [(names.get(k, k), s) for k, s in benchmark.dimensions.items()]
    rows.append(("Overall", benchmark.overall))
    width = max(len("Dimension"), *(len(n) for n, _ in rows))
    lines.append(f"  {'Dimension':<{width}}  Score   Rank  {'Range':<9}  Quartile band")
    lines += [line for label, s in rows for line in _row(label, s, width)]
    lines.append("")
    lines += wrap(
        "Rank: percentile rank in the norm (<p, >p: beyond its lowest or highest point). "
        "Range: the ranks of the ends of the score's confidence range — this organization's "
        "own sampling uncertainty, not the norm's.",
        "    ",
        "  ",
    )
    for n in benchmark.notices:
        lines += wrap(f"warning [{n.code}] {n.subject}: {n.message}", "      ", "  ")
    return text_block(lines)
