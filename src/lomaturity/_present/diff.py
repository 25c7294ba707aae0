"""Plain-text rubric diffs for the command line (``lomaturity diff A B``): the verdict and
its reason, then the changes grouped by what changed. Lines fit
:data:`~lomaturity._format.WIDTH`."""

from __future__ import annotations

from .._format import printable, wrap
from .._results.rubric_diff import RubricChange, RubricDiff

SHOWN = 70
"""Longest before/after text shown (longer ones are cut with an ellipsis; JSON and CSV
keep them whole)."""

VERDICTS = {
    "yes": "scores compare directly",
    "migration": "scores compare through the migration map, on the linked indicators only",
    "no": "scores do not compare",
}


def _cut(text: str | None) -> str:
    if text is None:
        return "—"
    shown = printable(" ".join(text.split()))
    return shown if len(shown) <= SHOWN else shown[: SHOWN - 1] + "…"


def _line(c: RubricChange) -> list[str]:
    where = f"{c.target} {c.id}".strip()
    if c.change in ("added", "removed"):
        return wrap(f"{c.change:<10} {where}", indent=" " * 13, first="  ")
    head = f"{c.change:<10} {where} ({c.field})"
    return [
        *wrap(head, indent=" " * 13, first="  "),
        *wrap(f"before: {_cut(c.before)}", indent=" " * 21, first=" " * 13),
        *wrap(f"after:  {_cut(c.after)}", indent=" " * 21, first=" " * 13),
    ]


def render_diff(diff: RubricDiff) -> str:
    """The diff as text: heading, verdict with its reason, one entry per change."""
    lines = wrap(f"{diff.first} → {diff.second}: {len(diff.changes)} change(s)", first="")
    lines += wrap(f"comparable: {diff.comparable} ({VERDICTS[diff.comparable]})")
    lines += wrap(diff.reason, indent="    ")
    if diff.migration is not None:
        lines += wrap(f"migration map: {diff.migration} ({diff.linked} usable link(s))")
    for target in ("indicator", "dimension", "scale", "stage", "fact", "recommendation", "rubric"):
        changes = [c for c in diff.changes if c.target == target]
        if changes:
            lines += ["", f"{target.capitalize()} changes ({len(changes)}):"]
            for c in changes:
                lines += _line(c)
    return "\n".join(lines)
