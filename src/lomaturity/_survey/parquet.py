"""Reading a responses Parquet file as a stream of chunks of whole organizations
(:func:`stream_parquet`, behind :func:`lomaturity.score_panel`); pyarrow is an optional
extra, imported only when a Parquet file is read.

The file holds the wide layout of a responses CSV file, one column per field (answers as
numbers or numeric text, ``NA`` text for "not applicable", null for no answer). Each chunk
is validated by :func:`lomaturity.responses_from_records`; problems name the 0-based row of
the Parquet file. Rows of one organization must be contiguous, as in a CSV panel file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from attrs import evolve

from .._extras import import_pyarrow
from .._model.responses import Responses
from .._model.rubric import Rubric
from ..exceptions import Problem, ResponsesError
from .checks import DEFAULT_ID, DEFAULT_ORG
from .problems import Problems
from .records import responses_from_records

_BATCH_ROWS = 65_536
"""Rows read from the Parquet file at a time."""


def stream_parquet(
    path: str | os.PathLike[str],
    rubric: Rubric,
    *,
    chunk_organizations: int,
    id_column: str = DEFAULT_ID,
    organization_column: str | None = DEFAULT_ORG,
) -> Iterator[Responses]:
    """The responses of the Parquet file at ``path``, ``chunk_organizations`` whole
    organizations at a time, in file order (see :func:`.stream.stream_responses`)."""
    _, pq = import_pyarrow()
    name = os.fspath(path)
    try:
        parquet = pq.ParquetFile(name)
    except OSError:
        raise
    except Exception as exc:  # pyarrow's own errors for a file that is not Parquet
        problems = Problems(name)
        problems.add(
            (0, 0), "file", f"cannot be read as Parquet: {exc}", code="bad_parquet", location=()
        )
        problems.raise_if_any()
    rows: list[dict[str, Any]] = []
    start = 0
    seen: dict[str, int] = {}
    current: object = None
    index = 0
    for batch in parquet.iter_batches(batch_size=_BATCH_ROWS):
        for record in batch.to_pylist():
            organization = record.get(organization_column) if organization_column else None
            if organization != current:
                key = str(organization)
                if key in seen:
                    _not_contiguous(name, key, index, seen[key])
                if len(seen) % chunk_organizations == 0 and rows:
                    yield _parse(rows, start, name, rubric, id_column, organization_column)
                    rows, start = [], index
                seen[key] = index
                current = organization
            rows.append(record)
            index += 1
    if rows or not seen:
        yield _parse(rows, start, name, rubric, id_column, organization_column)


def _not_contiguous(name: str, organization: str, row: int, first: int) -> None:
    problems = Problems(name)
    problems.add(
        (row, 0),
        f"row {row}",
        f"belongs to organization {organization!r}, whose rows already ended before "
        f"another organization started (its first row is row {first}); a panel file must "
        "keep the rows of each organization together",
        show_value=False,
        code="organization_not_contiguous",
        location=(row,),
        hint="sort the file by the organization column first",
    )
    problems.raise_if_any()


def _parse(
    rows: list[dict[str, Any]],
    start: int,
    name: str,
    rubric: Rubric,
    id_column: str,
    organization_column: str | None,
) -> Responses:
    """One chunk, validated; problems renamed to the rows of the whole file."""
    try:
        responses = responses_from_records(
            rows, rubric, id_column=id_column, organization_column=organization_column
        )
    except ResponsesError as exc:
        raise ResponsesError(
            [_in_file(p, start, name) for p in exc.problems], name, total=exc.total
        ) from None
    return evolve(responses, source=name)


def _in_file(problem: Problem, start: int, name: str) -> Problem:
    """A problem about ``records[i]`` of a chunk as one about row ``start + i`` of the file."""
    location = problem.location
    if len(location) >= 2 and location[0] == "records" and isinstance(location[1], int):
        row = start + location[1]
        rest = location[2:]
        path = f"row {row}" + (f", column {rest[0]!r}" if rest else "")
        return evolve(problem, path=path, location=(row, *rest), file=name)
    return evolve(problem, file=name)
