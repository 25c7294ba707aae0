"""Did-you-mean hints for misspelt names (ids, columns, organizations, options)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: object, choices: Iterable[str]) -> str | None:
    """A ``did you mean 'x'?`` hint for the closest of ``choices``, if one is close."""
    if not isinstance(word, str):
        return None
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None
