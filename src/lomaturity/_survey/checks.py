"""Checks shared by the readers and the writer: column and field names, the id and
organization arguments, the not-applicable token, duplicate ids, and building the result."""

from __future__ import annotations

import contextlib
import math
import numbers
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import numpy as np
import numpy.typing as npt

from .._format import UNSAFE, printable
from .._hints import closest, did_you_mean
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._rubrics.fields import _a, _type_name
from .._types import type_name
from .cells import (
    COMMA_NUMBER,
    DK,
    IS_DK,
    IS_NA,
    NA,
    NUMBER,
    normalized_token,
)
from .problems import (
    Problems,
)

COLUMN_CUTOFF: Final = 0.8
"""difflib similarity (0..1) from which an unknown column counts as a misspelt indicator."""

DEFAULT_ID: Final = "respondent_id"
DEFAULT_ORG: Final = "organization"


_ID_FORBIDDEN: Final = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]"
)
"""Characters an id must not hold: C0 and C1 controls (line breaks, tab, ESC, NUL), line and
paragraph separators and bidirectional formatting characters, which hide or reorder what is
shown."""


def id_key(rid: str) -> str:
    """The form ids are compared in for duplicates: NFKC-normalized (fullwidth ``ｒ１`` is
    ``r1``), without invisible characters (:data:`~lomaturity._format.UNSAFE`: zero-width
    spaces, byte-order marks, bidirectional formatting), stripped. ASCII ids are their own
    key."""
    if rid.isascii():
        return rid
    return UNSAFE.sub("", unicodedata.normalize("NFKC", rid)).strip()


def duplicates(ids: Sequence[str | None]) -> list[tuple[int, int]]:
    """(later row, first row) for every repeated non-``None`` id; ids are compared by
    :func:`id_key`, so that look-alikes (``r1`` and ``r1`` + zero-width space, a byte-order
    mark, a right-to-left override or fullwidth ``r１``) are duplicates too."""
    keys = [None if i is None else id_key(i) for i in ids]
    present = [k for k in keys if k is not None]
    if len(set(present)) == len(present):
        return []
    first: dict[str, int] = {}
    out = []
    for row, key in enumerate(keys):
        if key is None:
            continue
        if key in first:
            out.append((row, first[key]))
        else:
            first[key] = row
    return out


def same_id_note(ids: Sequence[str | None], later: int, first: int) -> str:
    """What to add to a duplicate message when the two ids differ only in invisible or
    look-alike characters (their escaped forms are named); else ``""``."""
    a, b = ids[later], ids[first]
    if a == b or a is None or b is None:
        return ""
    return (
        f" ({printable(repr(b))} and {printable(repr(a))} differ only in invisible or "
        "look-alike characters)"
    )


def bad_ids(ids: Sequence[str | None]) -> list[tuple[int, str]]:
    """(row, message) for every id holding a control or bidirectional formatting character."""
    present = [i for i in ids if i is not None]
    if not _ID_FORBIDDEN.search("".join(present)):
        return []
    out = []
    for row, rid in enumerate(ids):
        found = None if rid is None else _ID_FORBIDDEN.search(rid)
        if found is not None:
            out.append((row, f"holds the {_char_name(found.group())}; ids must be plain text"))
    return out


def _char_name(char: str) -> str:
    code = ord(char)
    bidi = code in (0x61C, 0x200E, 0x200F) or code > 0x2029
    name = unicodedata.name(char, "")
    kind = "bidirectional formatting" if bidi else "control"
    return f"{kind} character U+{code:04X}" + (f" ({name})" if name else "")


ID_HINT: Final = "remove it: it can hide, reorder or forge what is shown wherever the id is printed"


def _close_name(name: str, candidates: Iterable[str]) -> str | None:
    """The one of ``candidates`` that ``name`` is a near miss of: same letters in another
    case, or a :mod:`difflib` similarity of at least :data:`COLUMN_CUTOFF`."""
    return closest(name, candidates, cutoff=COLUMN_CUTOFF)


def classify_names(
    names: Sequence[str],
    indicator_ids: Sequence[str],
    rubric_key: str | None,
    id_column: str,
    organization_column: str | None,
) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """Split field names into (misspelt name -> (message, hint)) and metadata names.

    Names equal to the id column, the organization column or an indicator id are in
    neither result. A name close to a missing organization column is misspelt; one close to
    a missing id column stays metadata (the missing id column is reported with a hint).
    """
    known = set(indicator_ids)
    missing_org = organization_column is not None and organization_column not in names
    of_rubric = f" of rubric {rubric_key}" if rubric_key else ""
    misspelt: dict[str, tuple[str, str]] = {}
    metadata: list[str] = []
    for name in names:
        if name in known or name in (id_column, organization_column):
            continue
        hint = did_you_mean(name, indicator_ids, cutoff=COLUMN_CUTOFF)
        if hint is not None:
            misspelt[name] = (f"matches no indicator{of_rubric}", hint)
            continue
        if missing_org:
            assert organization_column is not None
            hint = did_you_mean(name, [organization_column], cutoff=COLUMN_CUTOFF)
            if hint is not None:
                misspelt[name] = (
                    f"is not the organization column {organization_column!r}",
                    f"{hint}{' ' if hint.endswith('?') else '; '}rename the column or pass "
                    f"organization_column={name!r}",
                )
                continue
        metadata.append(name)
    return misspelt, metadata


def missing_id_hint(id_column: str, names: Iterable[str]) -> str | None:
    close = closest(id_column, names)
    if close is None:
        return None
    return f"did you mean {close!r}? rename the column or pass id_column={close!r}"


def check_arguments(
    problems: Problems,
    id_column: str,
    organization_column: str | None,
    indicator_ids: Sequence[str],
    rubric_key: str | None,
) -> None:
    """Check the id and organization column arguments of a reader or writer."""
    of_rubric = f" of rubric {rubric_key}" if rubric_key else ""
    for argument, name in (("id_column", id_column), ("organization_column", organization_column)):
        if name is None and argument == "organization_column":
            continue
        if not isinstance(name, str) or not name.strip():
            problems.argument(argument, "is not a non-blank string", name)
        elif name in indicator_ids:
            problems.argument(
                argument,
                f"is an indicator id{of_rubric}, not a separate column",
                name,
                hint=f"a column named {name!r} holds that indicator's answers; pass the name "
                f"of the {'respondent id' if argument == 'id_column' else 'organization'} column",
            )
    if organization_column == id_column:
        problems.argument(
            "organization_column",
            "is the same as id_column",
            organization_column,
            hint="pass organization_column=None when there is no organization column",
        )


def check_na_token(problems: Problems, na_token: str) -> None:
    """A not-applicable token must be non-blank text that no answer can look like."""
    if not isinstance(na_token, str) or not na_token.strip():
        problems.argument("na_token", "is not a non-blank string", na_token)
        return
    token = na_token.strip()
    numeric = bool(NUMBER.fullmatch(token) or COMMA_NUMBER.fullmatch(token))
    if not numeric:
        with contextlib.suppress(ValueError):
            numeric = math.isfinite(float(token))  # '1_0', non-ASCII digits
    if numeric:
        problems.argument(
            "na_token",
            "is a number; answers equal to it would be read as 'not applicable'",
            na_token,
            hint=f"use a token that is not a number, such as {NA!r}, 'N/A', '-' or 'x'",
        )
    elif normalized_token(token) == normalized_token(DK):
        problems.argument(
            "na_token",
            f"is {DK!r}, the 'don't know' answer; it cannot also mean 'not applicable'",
            na_token,
            hint=f"use another token, such as {NA!r}, 'N/A', '-' or 'x'",
        )


def build(
    rubric: Rubric,
    values: npt.NDArray[np.float64],
    codes: npt.NDArray[np.int8],
    ids: Sequence[str],
    organizations: Sequence[str],
    metadata: Mapping[str, Sequence[str | None]],
    source: str | None,
    *,
    present: Iterable[int],
    na_maybe_lost: Sequence[str] = (),
) -> Responses:
    """The :class:`Responses`; ``present`` lists the rubric columns the input holds (the
    others are recorded as :attr:`~Responses.absent_indicators`)."""
    not_applicable = codes == IS_NA
    dont_know = codes == IS_DK
    values[not_applicable | dont_know] = np.nan
    held = set(present)
    absent = [iid for j, iid in enumerate(rubric.indicator_ids) if j not in held]
    return Responses(
        absent_indicators=absent,
        indicator_ids=rubric.indicator_ids,
        values=values,
        not_applicable=not_applicable,
        dont_know=dont_know,
        respondent_ids=ids,
        organizations=organizations,
        metadata=metadata,
        rubric_key=rubric.key,
        rubric_fingerprint=rubric.fingerprint,
        source=source,
        na_maybe_lost=na_maybe_lost,
    )


_SURROGATE = re.compile("[\ud800-\udfff]")
"""Lone surrogates: text that cannot be written as UTF-8 (possible only in Python input)."""


def text_field(value: object) -> tuple[str | None, str | None]:
    """A metadata/id value as stripped text (``None`` when blank), and what is wrong with it.

    The second item is ``None`` for a valid value, else a message such as "is a list, not text".
    """
    if value is None:
        return None, None
    if isinstance(value, str):
        if _SURROGATE.search(value):
            return None, "is not valid Unicode text (it holds a lone surrogate)"
        return value.strip() or None, None
    if isinstance(value, numbers.Integral) and not isinstance(value, bool | np.bool_):
        try:
            return str(int(value)), None
        except ValueError:  # more digits than Python turns into text
            return None, "is an integer too long to use as text"
    return None, f"is {_a(_type_name(value))}, not text"


def name_problem(name: str, thing: str = "column") -> tuple[str, str | None] | None:
    """(message, hint) when ``name`` cannot name a metadata ``thing``, else ``None``.

    Such a name would not survive a CSV round trip: the reader strips column names,
    ignores or rejects blank ones and rejects NUL characters.
    """
    if not name.strip():
        return f"is a {thing} with a blank name", f"name the {thing} or leave it out"
    if name != name.strip():
        return f"is a {thing} whose name has surrounding whitespace", f"name it {name.strip()!r}"
    if "\x00" in name:
        return f"is a {thing} whose name holds a NUL character", None
    return None


def metadata_name_problems(
    names: Sequence[str],
    indicator_ids: Sequence[str],
    rubric_key: str | None,
    id_column: str,
    organization_column: str,
    *,
    with_org: bool,
) -> dict[str, tuple[str, str | None]]:
    """(message, hint) for every metadata name that a CSV file cannot hold.

    A CSV file is read back with ``id_column`` and ``organization_column``; the
    organization column is in the file only ``with_org``. The rules are the reader's: a
    metadata name must be a usable column name (:func:`name_problem`), must not be the id
    column, the organization column (in the file, a duplicate; left out, it would be read
    as organizations) or an indicator id, and must not be close enough to an indicator id
    or a left-out organization column to be taken for a misspelling of it.
    """
    of_rubric = f" of rubric {rubric_key}" if rubric_key else ""
    misread = "; read_responses would take it for a misspelling of it"
    out: dict[str, tuple[str, str | None]] = {}
    for name in names:
        close_indicator = _close_name(name, indicator_ids)
        close_org = None if with_org else _close_name(name, [organization_column])
        bad_name = name_problem(name)
        if bad_name is not None:
            out[name] = bad_name
        elif name in indicator_ids:
            out[name] = (f"is an indicator id{of_rubric}, not a metadata name", None)
        elif name == id_column:
            out[name] = (
                f"is the name of the respondent id column {id_column!r}",
                "rename the metadata column",
            )
        elif name == organization_column:
            out[name] = (
                f"is the name of the organization column {organization_column!r}",
                "rename the metadata column; organizations are given separately",
            )
        elif close_indicator is not None:
            out[name] = (
                f"is close to the indicator id {close_indicator!r}{misread}",
                "rename the metadata column",
            )
        elif close_org is not None:
            out[name] = (
                f"is close to the organization column name {close_org!r}{misread}",
                "rename the metadata column",
            )
    return out


def check_rubric(rubric: object, function: str) -> None:
    """Raise :class:`TypeError` unless ``rubric`` is a :class:`Rubric`."""
    if not isinstance(rubric, Rubric):
        raise TypeError(
            f"{function}() expected a lomaturity.Rubric as rubric (from lm.load_rubric), "
            f"got {type_name(rubric)}"
        )


def check_records(records: object) -> None:
    """Raise :class:`TypeError` unless ``records`` is an iterable of records (not a table)."""
    if hasattr(records, "to_dict") and hasattr(records, "columns"):
        raise TypeError(
            f"responses_from_records() expected an iterable of mappings, got a table "
            f"({type_name(records)}); pass it to responses_from_frame, which keeps 'not "
            "applicable' answers and checks the columns"
        )
    if isinstance(records, str | bytes | Mapping) or not isinstance(records, Iterable):
        raise TypeError(
            "responses_from_records() expected an iterable of mappings (one per respondent), "
            f"got {type_name(records)}"
        )
