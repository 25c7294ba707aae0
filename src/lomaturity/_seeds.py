"""The seed rule, in one home below every layer that draws random numbers.

A seed is a non-negative integer (Python or numpy) or ``None``: then a seed below
:data:`SEED_BOUND` is drawn and recorded, so that every result can be reproduced and the seed
survives JSON readers that use doubles. A ``numpy.random.Generator`` is refused: results are
keyed by one integer seed per call. ``_stats/options.py`` (scoring) and
``_survey/simulate.py`` (simulated responses) both apply this rule.
"""

from __future__ import annotations

import numbers

import numpy as np

SEED_BOUND = 2**53
"""Drawn seeds are below this bound: exact in JSON readers that use doubles."""


def is_integer(value: object) -> bool:
    """Python or numpy integer, not a bool."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool | np.bool_)


def is_number(value: object) -> bool:
    """Python or numpy real number, not a bool."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def seed_error(value: object) -> str | None:
    """Why ``value`` is not a seed, or ``None``."""
    if value is None or (is_integer(value) and int(value) >= 0):  # type: ignore[call-overload]
        return None
    if isinstance(value, np.random.Generator | np.random.RandomState):
        return (
            f"seed: a {type(value).__name__} is not accepted; pass an integer "
            "(results are keyed by one integer seed per call) or None"
        )
    return f"seed: {value!r} is not a non-negative integer or None"


def resolve_seed(seed: object) -> int:
    """The seed to use and record: ``seed`` as a Python int, or a fresh one below 2**53."""
    if seed is None:
        entropy = np.random.SeedSequence().entropy
        assert isinstance(entropy, int)
        return entropy % SEED_BOUND
    return int(seed)  # type: ignore[call-overload, no-any-return]
