"""The one validator of the options shared by lomaturity's entry points, and the seed rule.

Every public function that takes ``confidence``, ``n_resamples``, ``seed`` or ``interval``
checks them here, so that one value is accepted or refused the same way everywhere:

- ``confidence``: a number with ``0 < confidence < 1``;
- ``n_resamples``: an integer (Python or numpy) within ``MIN_RESAMPLES..MAX_RESAMPLES``
  (reliability also takes ``0``: no range);
- ``seed``: a non-negative integer (Python or numpy), or ``None``: a seed below ``2**53`` is
  drawn and recorded, so that every result can be reproduced and the seed survives JSON
  readers that use doubles. A ``numpy.random.Generator`` is refused: results are keyed by
  one integer seed per call so that organizations get independent streams regardless of
  order (see docs/scoring.md);
- ``interval``: ``"auto"`` (the default: the method chosen by respondent count,
  :func:`resolve_interval`), ``"percentile"``, ``"bca"``, ``"expanded"``, ``"studentized"``
  or ``"studentized_union"``.
- ``dont_know_threshold``: a share ``0 < x <= 1`` (default 0.25): the "don't know" share
  from which an indicator gets a ``dont_know_share`` notice (docs/scoring.md).
- survey design (:func:`design_errors`, :func:`make_design_options`): ``population`` a
  :class:`~lomaturity.Population` or ``None``, ``cluster`` a column name or ``None``,
  ``fpc`` a flag; weights or clusters take the percentile-type ranges only (``"auto"``
  becomes ``"expanded"``), so ``"bca"`` and the studentized kinds are refused with them.
- ``screen``: ``"flag"`` (the default), ``"exclude"`` or ``"off"``: response-quality
  screening of straightlining and acquiescent respondents (docs/response-quality.md).

Agreement settings (:func:`make_agreement_options`) follow the same rules: shares are real
numbers (Python or numpy), counts are integers (Python or numpy), and every bad value is
named in one :class:`ScoringError`. The seed rule itself lives in ``lomaturity._seeds``
(shared with simulated responses) and is re-exported here.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import get_args

import numpy as np

from .._model.population import Population
from .._results.agreement import AGREEMENT_CUTOFFS as AGREEMENT_CUTOFFS  # lives with the options
from .._results.agreement import AgreementIndex, AgreementOptions, NullDistribution
from .._results.common import IntervalMethod, ScoringOptions, ScreenMode
from .._results.design import DesignOptions
from .._seeds import SEED_BOUND as SEED_BOUND  # re-exported: the seed rule lives in _seeds
from .._seeds import is_integer as is_integer
from .._seeds import is_number as is_number
from .._seeds import resolve_seed as resolve_seed
from .._seeds import seed_error as seed_error
from .._types import type_name
from ..exceptions import ScoringError

MIN_RESAMPLES = 100
"""Fewest bootstrap resamples accepted (fewer make the range ends noise)."""

MAX_RESAMPLES = 100_000
"""Most bootstrap resamples accepted (work grows with resamples x respondents)."""


_REAL = "an int or float (Python or numpy)"
_INTEGER = "an int (Python or numpy)"


def _wrong_type(value: object, wanted: str, example: str) -> str:
    """Why ``value`` is refused for its type rather than its size: what it is and what to
    pass instead (``Decimal('0.9')`` -> ``float(value)``, ``300.0`` -> ``300``)."""
    shown = f"{value!r} is a {type_name(value)}, not {wanted}"
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Number):
        return f"{shown}; pass {example}"
    try:
        converted = int(value) if wanted == _INTEGER else float(value)  # type: ignore[call-overload, arg-type]
    except (TypeError, ValueError, OverflowError):
        return f"{shown}; pass {example}"
    if wanted == _INTEGER and converted != value:
        return f"{shown}; pass {example}"
    return f"{shown}; pass {converted!r}" + (
        " (int(value))" if wanted == _INTEGER else " (float(value))"
    )


def confidence_error(value: object) -> str | None:
    """Why ``value`` is not a confidence level, or ``None``."""
    if not is_number(value):
        return "confidence: " + _wrong_type(value, _REAL, "a float such as 0.95")
    if 0 < float(value) < 1:  # type: ignore[arg-type]
        return None
    return f"confidence: {value!r} is not within 0 < confidence < 1"


def resamples_error(value: object, *, allow_zero: bool = False) -> str | None:
    """Why ``value`` is not a resample count, or ``None``."""
    zero = "0 (no range) or " if allow_zero else ""
    if not is_integer(value):
        return "n_resamples: " + _wrong_type(value, _INTEGER, "an integer such as 2000")
    if MIN_RESAMPLES <= int(value) <= MAX_RESAMPLES or (  # type: ignore[call-overload]
        allow_zero and int(value) == 0  # type: ignore[call-overload]
    ):
        return None
    return f"n_resamples: {value!r} is not {zero}an integer within {MIN_RESAMPLES}..{MAX_RESAMPLES}"


def choice_error(name: str, value: object, choices: Sequence[str]) -> str | None:
    """Why ``value`` is not one of ``choices``, or ``None``."""
    if isinstance(value, str) and value in choices:
        return None
    return f"{name}: {value!r} is not one of {', '.join(choices)}"


def interval_error(value: object) -> str | None:
    """Why ``value`` is not an interval method, or ``None``."""
    return choice_error("interval", value, get_args(IntervalMethod))


MIN_REPORTING_SIZE = 5
"""The one minimum reporting size: an organization (``min_reporting_size``) or a group
(``min_group_size`` of group scores and the perception gap) with fewer respondents is not
reported by default (docs/coverage.md#minimum-reporting-size, docs/groups.md)."""


AUTO_STUDENTIZED_BELOW = 20
"""``interval="auto"`` uses a studentized range below this many respondents and the
expanded percentile range from it on (chosen by the coverage study, docs/coverage.md)."""

AUTO_SMALL = "studentized_union"
"""The kind ``interval="auto"`` uses below :data:`AUTO_STUDENTIZED_BELOW` respondents for
scores (organizations and groups): the plain studentized range fell short of its level at
5-7 respondents with skewed answers, the union holds it (docs/coverage.md)."""

GAP_AUTO_SMALL = "studentized"
"""The kind ``interval="auto"`` uses for a perception gap whose smaller group has fewer
than :data:`AUTO_STUDENTIZED_BELOW` respondents: the gap's own study found the plain
studentized difference holding its level from 5 per group
(docs/coverage.md#perception-gap-and-group-ranges)."""

STUDENTIZED_KINDS = ("studentized", "studentized_union")
"""Kinds that need the resampled standard errors (:mod:`.studentized`)."""


def resolve_interval(interval: str, n_respondents: int, *, small: str = AUTO_SMALL) -> str:
    """The interval kind actually used for a sample of ``n_respondents`` (the one home of
    this rule): ``"auto"`` picks ``small`` below :data:`AUTO_STUDENTIZED_BELOW` respondents
    (default :data:`AUTO_SMALL`; the perception gap passes :data:`GAP_AUTO_SMALL`) and
    ``"expanded"`` from it on; a single respondent always gets ``"percentile"`` (its draws
    come from the indicator bootstrap, with no respondent sample to size or studentize),
    and BCa needs 3 respondents for its jackknife (fewer: ``"percentile"``)."""
    if interval == "auto":
        interval = small if n_respondents < AUTO_STUDENTIZED_BELOW else "expanded"
    if n_respondents <= 1 or (interval == "bca" and n_respondents <= 2):
        return "percentile"
    return interval


def screen_error(value: object) -> str | None:
    """Why ``value`` is not a screening mode (``flag``, ``exclude``, ``off``), or ``None``."""
    return choice_error("screen", value, get_args(ScreenMode))


def share_error(name: str, value: object, *, zero: bool = False) -> str | None:
    """Why ``value`` is not a share ``0 < x <= 1`` (``0 <= x <= 1`` with ``zero``), or ``None``."""
    bounds = "0 <= x <= 1" if zero else "0 < x <= 1"
    if not is_number(value):
        return f"{name}: " + _wrong_type(value, _REAL, "a float such as 0.5")
    x = float(value)  # type: ignore[arg-type]
    if (x >= 0 if zero else x > 0) and x <= 1:
        return None
    return f"{name}: {value!r} is not within {bounds}"


def count_error(name: str, value: object, minimum: int = 1) -> str | None:
    """Why ``value`` is not an integer >= ``minimum``, or ``None``."""
    if not is_integer(value):
        return f"{name}: " + _wrong_type(value, _INTEGER, f"an integer >= {minimum}")
    if int(value) >= minimum:  # type: ignore[call-overload]
        return None
    return f"{name}: {value!r} is not an integer >= {minimum}"


def flag_error(name: str, value: object) -> str | None:
    """Why ``value`` is not ``True`` or ``False``, or ``None``."""
    if isinstance(value, bool | np.bool_):
        return None
    return f"{name}: {value!r} is not True or False"


def raise_errors(what: str, errors: Sequence[str | None]) -> None:
    """Raise one :class:`ScoringError` listing every error (``None`` entries are fine)."""
    found = [e for e in errors if e is not None]
    if found:
        raise ScoringError(f"invalid {what} options: " + "; ".join(found))


def make_options(
    *,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int | None = None,
    interval: str = "auto",
    min_respondents: int = 3,
    min_indicator_share: float = 0.5,
    min_dimension_share: float = 1.0,
    dont_know_threshold: float = 0.25,
    min_reporting_size: int = MIN_REPORTING_SIZE,
    allow_small: bool = False,
    screen: str = "flag",
    what: str = "scoring",
    no_range: bool = False,
    extra: Sequence[str | None] = (),
) -> ScoringOptions:
    """Validate the shared options; a bad one raises :class:`ScoringError` naming each.

    ``no_range`` also accepts ``n_resamples=0`` (reliability: no bootstrap range);
    ``extra`` are the caller's own checks (e.g. ``min_group_size``), reported together."""
    raise_errors(
        what,
        [
            confidence_error(confidence),
            resamples_error(n_resamples, allow_zero=no_range),
            seed_error(seed),
            interval_error(interval),
            count_error("min_respondents", min_respondents),
            share_error("min_indicator_share", min_indicator_share),
            share_error("min_dimension_share", min_dimension_share),
            share_error("dont_know_threshold", dont_know_threshold),
            count_error("min_reporting_size", min_reporting_size),
            flag_error("allow_small", allow_small),
            screen_error(screen),
            *extra,
        ],
    )
    return ScoringOptions(
        confidence=float(confidence),
        n_resamples=int(n_resamples),
        seed=resolve_seed(seed),
        interval=interval,  # type: ignore[arg-type]
        min_respondents=int(min_respondents),
        min_indicator_share=float(min_indicator_share),
        min_dimension_share=float(min_dimension_share),
        dont_know_threshold=float(dont_know_threshold),
        min_reporting_size=int(min_reporting_size),
        allow_small=bool(allow_small),
        screen=screen,  # type: ignore[arg-type]
    )


def make_agreement_options(
    *,
    null: object = "uniform",
    cutoff: object = None,
    icc2_threshold: object = 0.70,
    min_respondents: object = 3,
    truncate: object = True,
    index: object = "rwg_star_j",
    ad_cutoff: object = None,
) -> AgreementOptions:
    """Validate agreement settings; a bad one raises :class:`ScoringError` naming each."""
    raise_errors(
        "agreement",
        [
            choice_error("null", null, get_args(NullDistribution)),
            None if cutoff is None else share_error("cutoff", cutoff, zero=True),
            share_error("icc2_threshold", icc2_threshold, zero=True),
            count_error("min_respondents", min_respondents),
            flag_error("truncate", truncate),
            choice_error("index", index, get_args(AgreementIndex)),
            _ad_cutoff_error(ad_cutoff),
        ],
    )
    return AgreementOptions(
        null=null,  # type: ignore[arg-type]
        cutoff=AGREEMENT_CUTOFFS.get(str(index), 0.70) if cutoff is None else float(cutoff),  # type: ignore[arg-type]
        icc2_threshold=float(icc2_threshold),  # type: ignore[arg-type]
        min_respondents=int(min_respondents),  # type: ignore[call-overload]
        truncate=bool(truncate),
        index=index,  # type: ignore[arg-type]
        ad_cutoff=None if ad_cutoff is None else float(ad_cutoff),  # type: ignore[arg-type]
    )


def _ad_cutoff_error(value: object) -> str | None:
    """Why ``value`` is neither ``None`` nor a positive finite number (raw answer units)."""
    if value is None:
        return None
    if not is_number(value):
        return "ad_cutoff: " + _wrong_type(value, _REAL, "None (c / 6) or a float such as 0.8")
    x = float(value)  # type: ignore[arg-type]
    if 0 < x < float("inf"):
        return None
    return f"ad_cutoff: {value!r} is not a number > 0 (an average deviation in answer units)"


DESIGN_INTERVALS = ("auto", "percentile", "expanded")
"""Interval kinds the design bootstrap (weights or clusters) supports: it has no jackknife
(BCa) and no per-resample standard errors (studentized)."""


def design_errors(population: object, cluster: object, fpc: object, interval: object) -> list[str]:
    """Why the survey-design options are refused (empty when fine); a ``population`` that
    is not a :class:`Population` is a :class:`TypeError` (raised here)."""
    if population is not None and not isinstance(population, Population):
        raise TypeError(
            "population: expected a lomaturity.Population (lm.Population.of(...) or "
            f"lm.read_population(path)) or None, got {type_name(population)}"
        )
    errors: list[str] = []
    if cluster is not None and (not isinstance(cluster, str) or not cluster.strip()):
        errors.append(f"cluster: {cluster!r} is not a column name (such as 'team') or None")
    flag = flag_error("fpc", fpc)
    if flag is not None:
        errors.append(flag)
    weighted = isinstance(population, Population) and population.by is not None
    if (weighted or cluster is not None) and interval not in DESIGN_INTERVALS:
        errors.append(
            f"interval: {interval!r} is not available with "
            + ("cluster=" if cluster is not None else "weights (population by=)")
            + f"; use one of {', '.join(DESIGN_INTERVALS)} (docs/survey-design.md)"
        )
    return errors


def make_design_options(population: object, cluster: object, fpc: object) -> DesignOptions | None:
    """The validated design options (``None`` when neither ``population`` nor ``cluster``
    is given: scoring is then exactly as without them). Call :func:`design_errors` first."""
    if population is None and cluster is None:
        return None
    return DesignOptions(
        population=population,  # type: ignore[arg-type]
        cluster=cluster,  # type: ignore[arg-type]
        fpc=bool(fpc),
    )


Design = tuple[object, object, object]
"""``(population, cluster, fpc)`` as an entry point was given them."""

NO_DESIGN: Design = (None, None, True)
"""The survey-design arguments of a call that gives none."""


def make_survey_options(
    *, design: Design = NO_DESIGN, extra: Sequence[str | None] = (), **shared: object
) -> tuple[ScoringOptions, DesignOptions | None]:
    """The one home of the options every scoring entry point shares (``score``,
    ``score_organizations``, ``score_panel``, ``compare``, ``group_scores``,
    ``perception_gap``): :func:`make_options` (``screen`` included) and the survey design
    ``(population, cluster, fpc)`` (:func:`design_errors`, :func:`make_design_options`),
    every bad value named in one :class:`ScoringError`."""
    interval = shared.get("interval", "auto")
    errors = [*extra, *design_errors(*design, interval)]
    options = make_options(extra=errors, **shared)  # type: ignore[arg-type]
    return options, make_design_options(*design)
