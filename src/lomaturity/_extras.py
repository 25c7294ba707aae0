"""Optional dependencies, imported lazily (inside the functions that need them), so that
``import lomaturity`` works and stays light without them: the one home of their import
errors. pandas has its own in ``_results/tables.py`` (``records_frame``)."""

from __future__ import annotations

from typing import Any

PYARROW_MISSING = (
    "Parquet files need pyarrow, an optional dependency of lomaturity: "
    "pip install 'lomaturity[parquet]'"
)


def import_pyarrow() -> tuple[Any, Any]:
    """``pyarrow`` and ``pyarrow.parquet``, or an :class:`ImportError` saying how to get
    them."""
    try:
        import pyarrow as pa  # optional extra: only for Parquet files
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ImportError(PYARROW_MISSING) from exc
    return pa, pq


PARQUET_SUFFIXES = (".parquet", ".pq")
"""File name endings read and written as Parquet; anything else is CSV."""


def is_parquet(path: object) -> bool:
    """Whether ``path`` (a ``str`` or path) names a Parquet file, by its ending (any case)."""
    return str(path).lower().endswith(PARQUET_SUFFIXES)


MATPLOTLIB_MISSING = (
    "charts need matplotlib, an optional dependency of lomaturity: pip install 'lomaturity[plot]'"
)


def import_pyplot() -> Any:
    """``matplotlib.pyplot``, or an :class:`ImportError` saying how to get it (charts,
    ``lomaturity.plot``)."""
    try:
        import matplotlib.pyplot as plt  # optional extra: only for charts
    except ImportError as exc:
        raise ImportError(MATPLOTLIB_MISSING) from exc
    return plt
