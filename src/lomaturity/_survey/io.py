"""The survey readers and writer in one import (kept for modules that import them from here).

Each lives in its own module: :mod:`.csvfile` (:func:`read_responses`), :mod:`.records`,
:mod:`.arrays`, :mod:`.write` and :mod:`.example`.
"""

from __future__ import annotations

from ..exceptions import MAX_PROBLEMS
from .arrays import responses_from_array
from .cells import NA
from .checks import COLUMN_CUTOFF
from .csvfile import read_responses
from .example import example_responses
from .records import responses_from_records
from .write import responses_to_csv_text

__all__ = [
    "COLUMN_CUTOFF",
    "MAX_PROBLEMS",
    "NA",
    "example_responses",
    "read_responses",
    "responses_from_array",
    "responses_from_records",
    "responses_to_csv_text",
]
