"""The respondent bootstrap in blocks (issue 12 item 5): the same counts and sums for every
block size, and memory bounded by the block, not by resamples x respondents."""

from __future__ import annotations

import tracemalloc

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from lomaturity._stats.bootstrap import count_blocks, resample_counts, resampled_sums


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 300),
    n_resamples=st.integers(1, 60),
    block_cells=st.integers(1, 5000),
    seed=st.integers(0, 2**32),
)
def test_counts_and_sums_do_not_depend_on_the_block_size(
    n: int, n_resamples: int, block_cells: int, seed: int
) -> None:
    whole = resample_counts(np.random.default_rng(seed), n, n_resamples)
    blocks = list(count_blocks(np.random.default_rng(seed), n, n_resamples, block_cells))
    assert all(b.shape[0] * n <= max(block_cells, n) for b in blocks)
    assert np.array_equal(np.vstack(blocks), whole)
    assert np.array_equal(whole.sum(1), np.full(n_resamples, float(n)))
    data = np.random.default_rng(1).normal(size=(n, 3))
    sums = resampled_sums(np.random.default_rng(seed), data, n_resamples, block_cells)
    assert np.allclose(sums, whole @ data, rtol=1e-12, atol=1e-9)


def test_memory_of_a_large_organization_is_bounded_by_the_block() -> None:
    n, n_resamples, k = 200_000, 200, 8  # 40 million counts: 320 MB as one matrix
    data = np.ones((n, k))
    tracemalloc.start()
    try:
        sums = resampled_sums(np.random.default_rng(3), data, n_resamples)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert np.array_equal(sums, np.full((n_resamples, k), float(n)))
    assert peak < 120 * 2**20  # one block of counts and draws, not (B, n)
