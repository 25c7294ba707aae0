"""Bootstrap counts: the tally is identical whatever the dtype path, and the random stream
is the one the draws have always come from (int32 draws while ``B * n < 2**31``)."""

from __future__ import annotations

import numpy as np
import pytest

from lomaturity._stats.bootstrap import ADD_AT_FROM, resample_counts, tally


def _reference(draws: np.ndarray) -> np.ndarray:
    """Counts per row with one ``bincount`` per row on int64 values (slow, obvious)."""
    n = draws.shape[1]
    return np.array([np.bincount(row.astype(np.int64), minlength=n) for row in draws], float)


@pytest.mark.parametrize(("n", "resamples"), [(3, 100), (25, 1000), (200, 2000)])
@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.intp])
def test_tally_is_identical_for_every_dtype_and_path(
    n: int, resamples: int, dtype: type[np.integer]
) -> None:
    draws = np.random.default_rng(7).integers(0, n, size=(resamples, n), dtype=dtype)
    expected = _reference(draws)
    counts = tally(draws.copy())
    assert counts.dtype == np.float64
    np.testing.assert_array_equal(counts, expected)
    assert (counts.sum(1) == n).all()


def test_both_paths_are_exercised() -> None:
    assert 3 * 100 < ADD_AT_FROM <= 200 * 2000


@pytest.mark.parametrize(("n", "resamples"), [(25, 1000), (200, 2000)])
def test_resample_counts_keeps_the_int32_stream(n: int, resamples: int) -> None:
    """The counts are those of the int32 draws of the organization's generator: the random
    stream did not change with the tally."""
    draws = np.random.default_rng(11).integers(0, n, size=(resamples, n), dtype=np.int32)
    counts = resample_counts(np.random.default_rng(11), n, resamples)
    np.testing.assert_array_equal(counts, _reference(draws))
