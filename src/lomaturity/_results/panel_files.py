"""Writing the tables of a panel chunk by chunk: CSV (the tables' dialect and
cell escaping, as ``to_csv``) or Parquet (pyarrow, an optional extra, imported only here
and only when asked for). Both land whole or not at all (``open_atomic``)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

import numpy as np

from .._extras import import_pyarrow, is_parquet
from .._files import open_atomic, write_errors
from .panel import Column, column_kind, score_columns
from .tables import SCORE_COLUMNS, TABLES, Record, csv_text

Write = Callable[[list[Record]], None]
"""Writes the records of one chunk."""


@contextmanager
def table_output(path: str | os.PathLike[str], kind: str = "scores") -> Iterator[Write]:
    """A writer of chunks of table ``kind`` to ``path`` (the ``scores`` table: Parquet
    for a ``.parquet``/``.pq`` name; otherwise CSV with its header first): the file
    appears, complete, when the block ends without an error, and not at all otherwise."""
    if kind == "scores" and is_parquet(path):
        pa, pq = import_pyarrow()
        with open_atomic(path, binary=True) as handle:
            with write_errors(path):
                writer = pq.ParquetWriter(handle, _schema(pa))
            try:
                yield lambda records: _write_parquet(path, writer, _table(pa, records))
            finally:
                with write_errors(path):
                    writer.close()
        return
    columns = TABLES[kind]
    with open_atomic(path) as text:
        with write_errors(path):
            text.write(csv_text([], columns))
        yield lambda records: _write_csv(path, text, records, columns)


def _write_csv(
    path: str | os.PathLike[str], handle: IO[str], records: list[Record], columns: tuple[str, ...]
) -> None:
    with write_errors(path):
        handle.write(csv_text(records, columns, header=False))


def _write_parquet(path: str | os.PathLike[str], writer: Any, table: Any) -> None:
    with write_errors(path):
        writer.write_table(table)


def _schema(pa: Any) -> Any:
    types = {
        "text": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
    }
    return pa.schema([(c, types[column_kind(c)]) for c in SCORE_COLUMNS])


def _table(pa: Any, records: list[Record]) -> Any:
    """A pyarrow table of the records: empty figures and text cells become nulls."""
    columns: dict[str, Column] = score_columns(records)
    arrays = []
    for c in SCORE_COLUMNS:
        kind, values = column_kind(c), columns[c]
        if kind == "number":
            arrays.append(pa.array(values, type=pa.float64(), mask=np.isnan(values)))
        elif kind == "integer":
            arrays.append(pa.array(values, type=pa.int64()))
        elif kind == "boolean":
            arrays.append(pa.array(values, type=pa.bool_()))
        else:
            arrays.append(pa.array(values.tolist(), type=pa.string()))
    return pa.Table.from_arrays(arrays, schema=_schema(pa))
