"""CSV text before parsing: decoding UTF-8 bytes, refusing UTF-16 and NUL characters, and
detecting the delimiter from the header."""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterable
from typing import Final

from ..exceptions import ResponsesError
from .problems import Problems, file_error

_SAVE_AS_UTF8: Final = "save it as 'CSV UTF-8 (Comma delimited)'"

DELIMITERS: Final = (",", ";", "\t")
_FOREIGN_DELIMITERS: Final = ("|", ":", "^", "~", " ")
"""Delimiters lomaturity does not read; a one-column header holding one is reported."""

_QUOTED: Final = re.compile(r'"[^"]*"')
_HEADER_RECORD: Final = re.compile(r'(?:"[^"]*"|[^"\r\n])*')
"""The header record: up to the first line break outside quotes (or an unclosed quote)."""


def decode(raw: bytes, source_name: str | None) -> str:
    """UTF-8 text of ``raw`` (a byte-order mark is dropped); UTF-16 and bad bytes raise."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise file_error(
            source_name, "is UTF-16 encoded, not UTF-8", code="bad_encoding", hint=_SAVE_AS_UTF8
        )
    if _looks_utf16(raw[:4096].count(b"\x00"), len(raw[:4096])):
        raise _utf16_error(source_name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    problems = Problems(source_name)
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = line[exc.start : exc.end]
            problems.add(
                (number, 0),
                "the line",
                f"holds bytes that are not valid UTF-8 ({bad!r} at character {exc.start + 1})",
                line.decode("utf-8", errors="replace").strip(),
                code="bad_encoding",
                location=(number,),
                line=number,
                hint="save the file as UTF-8 (in Excel: 'CSV UTF-8 (Comma delimited)')",
            )
    if not problems:  # pragma: no cover - every undecodable file has an undecodable line
        raise file_error(source_name, "is not valid UTF-8", code="bad_encoding")
    problems.raise_if_any()
    raise AssertionError("unreachable")  # pragma: no cover


def _looks_utf16(nul_count: int, length: int) -> bool:
    """Whether a sample with ``nul_count`` NULs in ``length`` units looks like UTF-16."""
    return length >= 2 and nul_count * 4 >= length


def _utf16_error(source_name: str | None) -> ResponsesError:
    return file_error(
        source_name,
        "looks UTF-16 encoded without a byte-order mark (it has NUL bytes between the "
        "characters); only UTF-8 is supported",
        code="bad_encoding",
        hint=_SAVE_AS_UTF8,
    )


def check_nul(text: str, source_name: str | None) -> None:
    """Raise for NUL characters: UTF-16 text read as UTF-8, or a damaged file."""
    if "\x00" not in text:
        return
    if _looks_utf16(text[:4096].count("\x00"), len(text[:4096])):
        raise _utf16_error(source_name)
    problems = Problems(source_name)
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if "\x00" in line:
            problems.add(
                (number, 0),
                "the line",
                "holds a NUL character (byte 0), which a UTF-8 text file does not have",
                show_value=False,
                code="nul_character",
                location=(number,),
                line=number,
                hint="the file is damaged or not UTF-8 text; export it again as "
                "'CSV UTF-8 (Comma delimited)'",
            )
    problems.raise_if_any()


def foreign_delimiter(name: str, known: Iterable[str]) -> str | None:
    """The unsupported delimiter a one-column header ``name`` seems to use, if any."""
    counts = {d: name.count(d) for d in _FOREIGN_DELIMITERS}
    best = max(counts, key=counts.__getitem__)
    if not counts[best]:
        return None
    parts = {part.strip() for part in name.split(best)}
    if best == " " and not parts.intersection(known):
        return None  # a column name with spaces, not a space-delimited header
    return best


def sniff_delimiter(text: str) -> str:
    """``,``, ``;`` or tab: the most frequent of them in the header (first non-blank line).

    Quoted parts are ignored, also when a quoted column name holds a line break; ties go to
    the earlier of ``,``, ``;``, tab.
    """
    offset = 0
    for line in io.StringIO(text, newline=""):
        if line.strip():
            record = _HEADER_RECORD.match(text, offset)
            assert record is not None  # the pattern matches the empty string
            unquoted = _QUOTED.sub("", record.group())
            counts = [unquoted.count(d) for d in DELIMITERS]
            return DELIMITERS[counts.index(max(counts))] if max(counts) else ","
        offset += len(line)
    return ","


def delimiter_name(delimiter: str) -> str:
    """The delimiter's name for messages."""
    return {",": "comma", ";": "semicolon", "\t": "tab"}[delimiter]
