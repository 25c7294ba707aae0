"""The options :func:`score`, :func:`score_organizations` and :func:`score_panel` share, read
from the argument groups the entry points pass (one home: the rules themselves live in
``_stats/options.py``)."""

from __future__ import annotations

from collections.abc import Sequence

from .._results.agreement import AgreementOptions
from .._results.common import ScoringOptions
from .._results.design import DesignOptions
from .._stats.options import (
    MIN_REPORTING_SIZE,
    Design,
    make_agreement_options,
    make_survey_options,
)

Ranges = tuple[object, object, object, object]
"""``(confidence, n_resamples, seed, interval)`` as an entry point was given them."""

Scorable = tuple[object, object, object, object]
"""``(min_respondents, min_indicator_share, min_dimension_share, dont_know_threshold)`` as
an entry point was given them."""

DEFAULT_REPORTING: tuple[object, object] = (MIN_REPORTING_SIZE, False)
"""``(min_reporting_size, allow_small)`` of an entry point that does not take them."""


def scoring_options(
    ranges: Ranges,
    scorable: Scorable,
    *,
    design: Design,
    screen: object,
    reporting: tuple[object, object] = DEFAULT_REPORTING,
    extra: Sequence[str | None] = (),
) -> tuple[ScoringOptions, DesignOptions | None]:
    """The scoring and survey-design options of a scoring entry point, validated by
    :func:`make_survey_options` (every bad value, ``extra`` included, named in one error)."""
    return make_survey_options(
        design=design,
        confidence=ranges[0],
        n_resamples=ranges[1],
        seed=ranges[2],
        interval=ranges[3],
        min_respondents=scorable[0],
        min_indicator_share=scorable[1],
        min_dimension_share=scorable[2],
        dont_know_threshold=scorable[3],
        min_reporting_size=reporting[0],
        allow_small=reporting[1],
        screen=screen,
        extra=extra,
    )


def agreement_options(agreement: object, null: object) -> AgreementOptions | None:
    """The validated agreement options when ``agreement`` is asked for, else ``None``."""
    return make_agreement_options(null=null) if agreement else None
