"""PLACEHOLDER, replaced by the generated table."""

from __future__ import annotations

from typing import Final

REPLICATES: Final = 0
INNER: Final = (15.0, 85.0)
Table = dict[str, dict[float, dict[int, tuple[float, float]]]]
COVERAGE: Final[Table] = {
    "studentized": {0.9: {2: (50.0, 50.0), 5: (90.0, 92.0)}, 0.95: {2: (50.0, 50.0), 5: (94.0, 96.0)}},
}
EDGE_COVERAGE: Final[Table] = {}
