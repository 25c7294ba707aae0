"""Did-you-mean hints for misspelt names, and the one lookup of an organization by name.

Every "did you mean" in lomaturity comes from :func:`closest`: the same letters in another
case, then a name the word starts (``harbor`` for ``harbor-city-agency``) or is part of, then
a :mod:`difflib` near miss. The work is bounded: the case and prefix checks are linear,
difflib compares at most :data:`MAX_CANDIDATES` names (fewer when the caller says so), and
words longer than :data:`MAX_WORD` characters get no hint; readers of whole files also stop
looking for hints after the first few problems (``MAX_HINTS`` in ``_rubrics/fields.py``), so
a hostile input with thousands of misspelt names cannot make error reporting quadratic.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from ._format import printable
from .exceptions import UnknownOrganizationError

MAX_CANDIDATES = 1000
"""Most names compared by :mod:`difflib` for one hint (the case and prefix checks, which are
linear, look at every name)."""

MAX_WORD = 100
"""Longest word (characters) a hint is looked for."""

SIMILARITY = 0.6
"""difflib similarity (0..1) from which a name counts as a near miss."""

SHOWN_NAMES = 10
"""Most names an error message lists."""


def closest(
    word: object,
    choices: Iterable[str],
    *,
    cutoff: float = SIMILARITY,
    limit: int = MAX_CANDIDATES,
) -> str | None:
    """The one of ``choices`` that ``word`` most likely means, or ``None``.

    Tried in order: the same text in another case; the only choice that starts with
    ``word`` (or, failing that, the only one containing it), for words of 3+ characters;
    the closest :mod:`difflib` match with similarity >= ``cutoff`` among the first ``limit``
    choices whose length allows that similarity. An exact match is not a near miss and
    gives ``None``.
    """
    if not isinstance(word, str) or not word or len(word) > MAX_WORD:
        return None
    options = list(choices)
    if word in options:
        return None
    folded = word.casefold()
    for option in options:
        if option.casefold() == folded:
            return option
    if len(word) >= 3:
        for matches in (
            [o for o in options if o.casefold().startswith(folded)],
            [o for o in options if folded in o.casefold()],
        ):
            if len(matches) == 1:
                return matches[0]
    # difflib's ratio is at most 2 * min(a, b) / (a + b): skip names too short or too long.
    low, high = len(word) * cutoff / (2 - cutoff), len(word) * (2 - cutoff) / cutoff
    pool = [o for o in options if low <= len(o) <= high][:limit]
    close = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(
    word: object,
    choices: Iterable[str],
    *,
    cutoff: float = SIMILARITY,
    limit: int = MAX_CANDIDATES,
) -> str | None:
    """``"did you mean 'x'?"`` for the :func:`closest` of ``choices``, if there is one."""
    close = closest(word, choices, cutoff=cutoff, limit=limit)
    if close is None:
        return None
    if isinstance(word, str) and close.casefold() == word.casefold():
        return f"did you mean {printable(repr(close))}? names are case-sensitive"
    return f"did you mean {printable(repr(close))}?"


def quoted(name: str) -> str:
    """``name`` quoted for a message: unsafe characters escaped, cut after
    :data:`MAX_WORD` characters with ``...``."""
    return printable(repr(name) if len(name) <= MAX_WORD else repr(name[:MAX_WORD]) + "...")


def listing(names: Sequence[str], limit: int = SHOWN_NAMES) -> str:
    """``'a', 'b', 'c'``, cut after ``limit`` names with ``and N more``."""
    shown = ", ".join(quoted(n) for n in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def find_organization(
    name: str | None,
    known: Sequence[str],
    *,
    where: str = "the data",
    option: str = "organization=",
) -> str:
    """The organization ``name`` among ``known`` (``None``: the only one there is);
    ``option`` is how the caller names one (``--organization`` on the command line).

    Raises:
        UnknownOrganizationError: ``name`` is not among ``known`` (with a did-you-mean and
            the organizations present), or ``name`` is ``None`` and there are several (or
            none).
    """
    if name is None:
        if len(known) == 1:
            return known[0]
        raise UnknownOrganizationError(
            f"{where} hold {len(known)} organizations; name one with {option}: " + listing(known)
        )
    if name in known:
        return name
    hint = did_you_mean(name, known)
    shown = quoted(name)
    raise UnknownOrganizationError(
        f"no organization {shown} in {where}"
        + (f" ({hint})" if hint else "")
        + ("; organizations: " + listing(known) if known else "; there are no organizations")
    )
