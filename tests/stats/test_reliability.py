"""Reliability: Cronbach's alpha, item statistics, omega total, dimension correlations.

Reference values come from R's psych package (``tests/reference/psych_reference.json``,
written by ``scripts/r_psych_reference.R`` from the ``psych_*.csv`` data sets that
``scripts/make_psych_reference.py`` generates); the tests do not need R.
"""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import hypothesis
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import factories
import lomaturity as lm
from factories import make_responses
from lomaturity import ScoringError, item_analysis, reliability
from lomaturity._stats.one_factor import HEYWOOD_BOUND, one_factor_minres
from lomaturity._stats.reliability import _correlations, _pair_moments, _raw_alpha
from lomaturity.results import DimensionReliability, ReliabilityResult

REFERENCE = Path(__file__).resolve().parents[1] / "reference"
PSYCH: dict[str, Any] = json.loads((REFERENCE / "psych_reference.json").read_text("utf-8"))
DATASETS = PSYCH["datasets"]
CASES = [
    (name, mode)
    for name, entry in DATASETS.items()
    for mode in ("pairwise", "listwise")
    if mode in entry
]
OMEGA_CASES = [(name, mode) for name, mode in CASES if "omega_pa" in DATASETS[name][mode]]
"""Cases with 3+ items (omega is not computed for two)."""
FACTOR_CASES = [
    (name, mode)
    for name, mode in OMEGA_CASES
    if max(np.square(DATASETS[name][mode]["loadings_pa"])) <= 0.995
]
"""Omega cases without a Heywood case (checked through omega)."""
LIKERT = ["clean5", "missing6", "reversed5", "small4"]
RUBRIC_CASES = [(name, mode) for name, mode in CASES if name in LIKERT]

# psych reaches these through closed formulas, as we do: agreement is to rounding error.
EXACT = 1e-10


def read_csv(name: str) -> np.ndarray[Any, np.dtype[np.float64]]:
    rows = (REFERENCE / DATASETS[name]["file"]).read_text("utf-8").splitlines()[1:]
    return np.array(
        [[float(c) if c else np.nan for c in row.split(",")] for row in rows], dtype=np.float64
    )


def close(actual: Any, expected: Any, rtol: float = EXACT, atol: float = 0.0) -> None:
    a = np.asarray(actual, dtype=np.float64)
    e = np.asarray(expected, dtype=np.float64)
    np.testing.assert_allclose(a, e, rtol=rtol, atol=atol)


# ---------------------------------------------------------------------------------------
# Rubrics and responses built for the tests


def make_rubric(dimensions: dict[str, Sequence[str]], reverse: Sequence[str] = ()) -> lm.Rubric:
    return factories.make_rubric(dimensions, reverse=reverse, rubric_id="reliability-test")


def one_factor(seed: int, n: int, loadings: Sequence[float], missing: float = 0.0) -> Any:
    """Likert 1..5 answers to items loading on one factor; ``missing`` share blanked."""
    rng = np.random.default_rng(seed)
    lam = np.array(loadings)
    z = rng.standard_normal((n, 1)) * lam + rng.standard_normal((n, lam.size)) * np.sqrt(1 - lam**2)
    x = (np.searchsorted([-1.5, -0.5, 0.5, 1.5], z) + 1).astype(np.float64)
    x[rng.random(x.shape) < missing] = np.nan
    return x


def no_nan(value: Any) -> None:
    json.dumps(value, allow_nan=False)


# ---------------------------------------------------------------------------------------
# Agreement with R's psych


def test_reference_metadata() -> None:
    assert PSYCH["generator"] == "scripts/r_psych_reference.R"
    assert PSYCH["psych_version"]
    assert PSYCH["r_version"].startswith("R version")
    assert len(CASES) >= 6


@pytest.mark.parametrize(("name", "mode"), CASES)
def test_alpha_and_items_match_psych(name: str, mode: str) -> None:
    ref = DATASETS[name][mode]
    x = read_csv(name)
    result = item_analysis(x, missing=mode)
    items = list(result.items.values())
    if mode == "listwise":
        assert result.n_complete == ref["n_rows"]
    close(result.alpha_raw, ref["raw_alpha"])
    close(result.alpha_std, ref["std_alpha"])
    close(result.mean_r, ref["average_r"])
    close([i.item_total for i in items], ref["r_drop"])
    close([i.mean for i in items], ref["mean"])
    close([i.sd for i in items], ref["sd"])
    assert [i.n for i in items] == ref["n"]
    if "drop" in ref:
        close([i.alpha_if_deleted for i in items], ref["drop"])
    else:  # two items: psych reports the inter-item correlation; alpha of one item is undefined
        assert all(i.alpha_if_deleted is None for i in items)


@pytest.mark.parametrize(("name", "mode"), OMEGA_CASES)
def test_omega_matches_psych(name: str, mode: str) -> None:
    ref = DATASETS[name][mode]
    result = item_analysis(read_csv(name), missing=mode)
    assert result.omega_total is not None
    heywood = max(np.square(ref["loadings_pa"])) > HEYWOOD_BOUND
    if heywood:
        # psych's bounded optimizer (optim L-BFGS-B) ends with "ABNORMAL_TERMINATION_IN_LNSRCH"
        # in a Heywood case (docs/reliability.md); our fixed point satisfies the bound's KKT
        # conditions. Agreement is to 1e-3, and the case is flagged.
        close(result.omega_total, ref["omega_minres"], rtol=1e-3)
        assert "heywood_case" in {f.code for f in result.flags}
        return
    # Converged principal axes (psych fa(fm = "pa"), min.err = 1e-14) = the minres fixed point.
    close(result.omega_total, ref["omega_pa"])
    # psych's omega() stops optim at its default tolerance: about 1e-7 apart.
    close(result.omega_total, ref["omega_minres"], rtol=1e-5)
    assert "heywood_case" not in {f.code for f in result.flags}


@pytest.mark.parametrize(("name", "mode"), FACTOR_CASES)
def test_one_factor_loadings_match_psych(name: str, mode: str) -> None:
    ref = DATASETS[name][mode]
    x = read_csv(name)
    if mode == "listwise":
        x = x[~np.isnan(x).any(1)]
    r = _correlations(x)
    loadings, converged, heywood, identified = one_factor_minres(r)
    assert converged
    assert identified
    assert not heywood
    close(loadings, ref["loadings_pa"], rtol=1e-8)
    close(loadings, ref["loadings_minres"], rtol=1e-4)  # psych's optim tolerance


@pytest.mark.parametrize("name", [n for n, e in DATASETS.items() if "cor" in e["pairwise"]])
def test_pairwise_correlations_match_r(name: str) -> None:
    close(_correlations(read_csv(name)), DATASETS[name]["pairwise"]["cor"], atol=1e-12)


@pytest.mark.parametrize(("name", "mode"), RUBRIC_CASES)
def test_reliability_through_a_rubric_matches_psych(name: str, mode: str) -> None:
    """Likert 1..5 data put on 0-100 by the rubric: a linear map alpha is blind to."""
    ref = DATASETS[name][mode]
    x = read_csv(name)
    ids = [f"v{j + 1}" for j in range(x.shape[1])]
    rubric = make_rubric({"scale": ids})
    result = reliability(rubric, make_responses(x, ids), missing=mode, n_resamples=0)
    dim = result.dimensions["scale"]
    close(dim.alpha_raw, ref["raw_alpha"])
    close(dim.alpha_std, ref["std_alpha"])
    close([dim.items[i].item_total for i in ids], ref["r_drop"])
    close([dim.items[i].alpha_if_deleted for i in ids], ref["drop"])
    close([dim.items[i].mean for i in ids], (np.array(ref["mean"]) - 1) * 25)
    close([dim.items[i].sd for i in ids], np.array(ref["sd"]) * 25)
    close(dim.omega_total, ref["omega_pa"])


def test_psych_flags_the_reversed_item() -> None:
    ref = DATASETS["reversed5"]["pairwise"]
    assert ref["r_drop"][2] < 0
    result = item_analysis(read_csv("reversed5"), missing="pairwise")
    negative = [f.subject for f in result.flags if f.code == "negative_item_total"]
    assert negative == ["V3"]
    assert "low_alpha" in {f.code for f in result.flags}


# ---------------------------------------------------------------------------------------
# Hand-computed values

HAND = np.array([[1, 1, 2], [2, 3, 2], [3, 2, 4], [4, 4, 4]], dtype=np.float64)
# Variances 5/3, 5/3, 4/3; covariances c12 = 4/3, c13 = 4/3, c23 = 2/3; total variance 34/3.


def test_hand_computed_alpha() -> None:
    result = item_analysis(HAND)
    assert result.alpha_raw == pytest.approx(15 / 17, abs=1e-14)  # 3/2 (1 - (14/3)/(34/3))
    r12, r13, r23 = 0.8, 4 / math.sqrt(20), 2 / math.sqrt(20)
    rbar = (r12 + r13 + r23) / 3
    assert result.mean_r == pytest.approx(rbar, abs=1e-14)
    assert result.alpha_std == pytest.approx(3 * rbar / (1 + 2 * rbar), abs=1e-14)
    v3 = result.items["V3"]
    # Without item 3: 2 (1 - (10/3) / (10/3 + 8/3)) = 8/9.
    assert v3.alpha_if_deleted == pytest.approx(8 / 9, abs=1e-14)
    # cov(V3, V1 + V2) = 2, var(V1 + V2) = 6, var(V3) = 4/3.
    assert v3.item_total == pytest.approx(2 / math.sqrt(4 / 3 * 6), abs=1e-14)
    assert v3.mean == 3.0
    assert v3.sd == pytest.approx(math.sqrt(4 / 3), abs=1e-14)
    assert v3.n == 4


def test_hand_computed_through_rubric_with_reverse_keying() -> None:
    """Declaring an item reverse-keyed flips its answers before alpha is computed."""
    flipped = HAND.copy()
    flipped[:, 1] = 6 - flipped[:, 1]
    rubric = make_rubric({"dim": ["a", "b", "c"]}, reverse=["b"])
    result = reliability(rubric, make_responses(flipped, ["a", "b", "c"]), n_resamples=0)
    assert result.dimensions["dim"].alpha_raw == pytest.approx(15 / 17, abs=1e-14)
    assert not [f for f in result.flags if f.code == "negative_item_total"]


# ---------------------------------------------------------------------------------------
# Properties

likert_matrices = st.integers(2, 6).flatmap(
    lambda k: st.lists(st.lists(st.integers(1, 5), min_size=k, max_size=k), min_size=3, max_size=25)
)


def varied(x: Any) -> bool:
    return bool(np.all(np.ptp(x, axis=0) > 0))


def usable(x: Any) -> bool:
    """Every item varies, and so does the total (items that cancel out leave alpha undefined)."""
    return varied(x) and bool(np.ptp(x.sum(1)) > 0)


@settings(max_examples=60, deadline=None)
@given(likert_matrices)
def test_alpha_at_most_one_and_std_alpha_at_most_one(rows: list[list[int]]) -> None:
    x = np.array(rows, dtype=np.float64)
    assume(varied(x))
    result = item_analysis(x)
    if result.alpha_raw is None:  # items that cancel out: the total score has no variance
        assert result.reason == "the item covariances do not sum to a positive total"
        assert np.ptp(x.sum(1)) == 0
        return
    assert result.alpha_raw <= 1 + 1e-12
    assert result.alpha_std is None or result.alpha_std <= 1 + 1e-12
    for item in result.items.values():
        assert item.item_total is None or -1 - 1e-12 <= item.item_total <= 1 + 1e-12
    no_nan(result.to_dict())


@settings(max_examples=40, deadline=None)
@given(likert_matrices, st.randoms(use_true_random=False))
def test_invariant_to_respondent_order(rows: list[list[int]], rnd: Any) -> None:
    x = np.array(rows, dtype=np.float64)
    assume(usable(x))
    order = list(range(len(rows)))
    rnd.shuffle(order)
    a, b = item_analysis(x), item_analysis(x[order])
    for name in ("alpha_raw", "alpha_std", "omega_total", "mean_r"):
        va, vb = getattr(a, name), getattr(b, name)
        assert (va is None) == (vb is None)
        if va is not None:
            assert va == pytest.approx(vb, abs=1e-10)


@st.composite
def rescaled_likert(draw: st.DrawFn) -> tuple[list[list[int]], list[float], list[float]]:
    """A Likert matrix with a shift and a scale for each item."""
    rows = draw(likert_matrices)
    k = len(rows[0])
    shift = draw(st.lists(st.floats(-50, 50), min_size=k, max_size=k))
    scale = draw(st.lists(st.floats(0.1, 10), min_size=k, max_size=k))
    return rows, shift, scale


def omega_codes(result: DimensionReliability) -> set[str]:
    return {f.code for f in result.flags} & {"heywood_case", "omega_undefined"}


# Correlations 1/2, -1/2, 1/2: the two largest eigenvalues tie; omega used to follow rounding.
TIED = [[1, 1, 2], [2, 1, 1], [2, 3, 2]]


@settings(max_examples=40, deadline=None)
@given(rescaled_likert())
@hypothesis.example(case=(TIED, [0.0, 0.0, 0.0], [1.0, 1.0, 0.11]))
def test_shift_and_scale_invariance(case: tuple[list[list[int]], list[float], list[float]]) -> None:
    rows, shift, scale = case
    x = np.array(rows, dtype=np.float64)
    assume(usable(x))
    base = item_analysis(x)
    shifted = item_analysis(x + np.array(shift))
    scaled = item_analysis(x * np.array(scale))
    assert base.alpha_raw is not None
    assert shifted.alpha_raw == pytest.approx(base.alpha_raw, abs=1e-9)
    if base.alpha_std is None:  # correlations summing to zero (r = -1 with two items)
        assert shifted.alpha_std is None
        assert scaled.alpha_std is None
    else:
        assert shifted.alpha_std == pytest.approx(base.alpha_std, abs=1e-9)
        assert scaled.alpha_std == pytest.approx(base.alpha_std, abs=1e-9)
    for other in (shifted, scaled):
        assert (other.omega_total is None) == (base.omega_total is None)
        assert other.omega_reason == base.omega_reason
        assert omega_codes(other) == omega_codes(base)
        if base.omega_total is not None:
            assert other.omega_total == pytest.approx(base.omega_total, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize("flip", [False, True])
def test_tied_correlations_give_psych_omega_at_every_scale(flip: bool) -> None:
    """Collinear items whose correlation matrix has a tied largest eigenvalue (3 respondents,
    correlations .5, -.5, .5): every rescaling gives psych's omega and its Heywood case.
    ``flip`` swaps two items (correlations .5, .5, -.5), where the fit used to stop at a
    solution with a zero loading (omega .5) although psych finds the same Heywood case."""
    x = np.array(TIED, dtype=np.float64)
    if flip:
        x = x[:, [1, 0, 2]]
    # psych 2.2.9: omega(x, nfactors = 1, flip = FALSE)$omega.tot, the same at every scale.
    psych = 0.572521747363473
    for s in (1, 0.5, 0.2, 0.11, 0.109375, 0.1, 3.0, 7.0):
        result = item_analysis(x * np.array([1.0, 1.0, s]))
        assert result.omega_total == pytest.approx(psych, rel=1e-5)
        assert result.omega_total == pytest.approx(0.5725218598976614, abs=1e-12)
        assert omega_codes(result) == {"heywood_case"}


def not_identified_data() -> np.ndarray[Any, np.dtype[np.float64]]:
    """12 respondents whose item correlations are exactly two uncorrelated blocks: three
    items correlating a = sqrt(2) b, four correlating b, with b chosen so that the two blocks'
    first eigenvalues tie at the start of the fit. A factor on either block fits equally well
    (misfit 6 a^2 = 12 b^2) but gives a different omega (.4077 or .4037)."""
    b = 0.17427949581376379
    r = np.eye(7)
    r[:3, :3] = math.sqrt(2) * b
    r[3:, 3:] = b
    np.fill_diagonal(r, 1.0)
    z = np.random.default_rng(0).standard_normal((12, 7))
    q, _ = np.linalg.qr(z - z.mean(0))  # centred orthonormal columns: cor(x) = r
    out: np.ndarray[Any, np.dtype[np.float64]] = 3.0 + q @ np.linalg.cholesky(r).T
    return out


def test_omega_undefined_when_the_one_factor_model_is_not_identified() -> None:
    # psych's omega() returns .4077 or .4037 for this data depending on how the items are
    # scaled; we return None, at every scale.
    x = not_identified_data()
    scales = [np.ones(7), *np.random.default_rng(1).uniform(0.1, 10, (5, 7))]
    for scale in scales:
        result = item_analysis(x * scale)
        assert result.alpha_raw is not None
        assert result.omega_total is None
        assert result.omega_reason is not None
        assert result.omega_reason.startswith("the one-factor model is not identified")
        assert omega_codes(result) == {"omega_undefined"}
        no_nan(result.to_dict())
    fit = one_factor_minres(np.corrcoef(x, rowvar=False))
    assert fit.converged
    assert not fit.identified


def assert_same(a: Any, b: Any) -> None:
    """Equal records, floats to 1e-9 (not ``to_dict()``'s 4 decimals: a value such as
    .99875 rounds either way with rounding error)."""
    if isinstance(a, dict):
        assert a.keys() == b.keys()
        for key in a:
            assert_same(a[key], b[key])
    elif isinstance(a, list | tuple):
        assert len(a) == len(b)
        for u, v in zip(a, b, strict=True):
            assert_same(u, v)
    elif isinstance(a, float) and isinstance(b, float):
        assert a == pytest.approx(b, rel=1e-9, abs=1e-9)
    else:
        assert a == b


@settings(max_examples=40, deadline=None)
@given(likert_matrices)
# Omega is .99875 there: to_dict()'s 4 decimals rounded it either way.
@hypothesis.example(rows=[[2, 1, 3, 3, 2, 2], [2, 1, 3, 3, 2, 2], [3, 2, 2, 2, 3, 3]])
def test_pairwise_equals_listwise_without_missing(rows: list[list[int]]) -> None:
    x = np.array(rows, dtype=np.float64)
    assume(usable(x))
    a, b = item_analysis(x, missing="pairwise"), item_analysis(x, missing="listwise")
    assert_same(attrs.asdict(a), attrs.asdict(b))


@settings(max_examples=30, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(3, 6),
    st.integers(8, 40),
    st.sampled_from(["pairwise", "listwise"]),
)
@hypothesis.example(seed=247, k=6, n=10, mode="listwise")  # no complete respondent
def test_bootstrap_replicates_are_the_resampled_data(seed: int, k: int, n: int, mode: str) -> None:
    """A weighted replicate equals the statistic of the data with rows repeated."""
    rng = np.random.default_rng(seed)
    x = rng.integers(1, 6, size=(n, k)).astype(np.float64)
    x[rng.random(x.shape) < 0.15] = np.nan
    if mode == "listwise":
        x = x[~np.isnan(x).any(1)]
    present = ~np.isnan(x)
    assume(present.any(0).all())  # every item answered (listwise: some complete rows)
    centred = np.where(present, x - np.nanmean(np.where(present, x, np.nan), axis=0), 0.0)
    counts = rng.multinomial(x.shape[0], np.full(x.shape[0], 1 / max(x.shape[0], 1)), size=3)
    _, cov, _ = _pair_moments(counts.astype(np.float64), centred, present.astype(np.float64))
    floor = 1e-12 * float(np.nanmax(np.diagonal(cov, axis1=1, axis2=2), initial=0.0))
    draws = _raw_alpha(cov, floor)
    for b in range(3):
        expanded = np.repeat(x, counts[b], axis=0)
        # R's cov(use = "pairwise"), one pair at a time.
        kk = x.shape[1]
        ref = np.full((kk, kk), np.nan)
        for i in range(kk):
            for j in range(kk):
                both = ~np.isnan(expanded[:, i]) & ~np.isnan(expanded[:, j])
                if both.sum() >= 2:
                    ref[i, j] = np.cov(expanded[both, i], expanded[both, j])[0, 1]
        np.testing.assert_allclose(cov[b], ref, rtol=1e-9, atol=1e-9)
        tot, tr = ref.sum(), np.trace(ref)
        defined = np.isfinite(tot) and tot > floor
        expected = kk / (kk - 1) * (1 - tr / tot) if defined else np.nan
        np.testing.assert_allclose(draws[b], expected, rtol=1e-9, atol=1e-12)


# ---------------------------------------------------------------------------------------
# Undefined and degenerate cases: reasons and flags, never a warning or a NaN


def codes(result: DimensionReliability | ReliabilityResult) -> list[str]:
    return [f.code for f in result.flags]


def test_single_indicator_dimension(tiny_rubric_yaml: str) -> None:
    rubric = lm.read_rubric_bytes(tiny_rubric_yaml)
    x = np.array([[1, 3, 2], [2, 2, 3], [3, 1, 1], [2, 2, 2]], dtype=np.float64)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = reliability(rubric, make_responses(x, ["cu_talk", "cu_blame", "pr_time"]))
    practice = result.dimensions["practice"]
    assert practice.alpha_raw is None
    assert practice.omega_total is None
    assert practice.reason == "alpha needs at least 2 indicators; the dimension has 1"
    assert practice.items["pr_time"].n == 4
    assert ("alpha_undefined", "practice") in {(f.code, f.subject) for f in result.flags}
    culture = result.dimensions["culture"]  # cu_blame is reverse-keyed: perfectly consistent
    assert culture.alpha_raw == pytest.approx(1.0)
    no_nan(result.to_dict())


def test_zero_variance_item_is_left_out_and_flagged() -> None:
    x = HAND.copy()
    x = np.column_stack([x, np.full(4, 3.0)])
    result = item_analysis(x)
    assert result.n_items == 4
    assert result.n_items_used == 3
    assert result.alpha_raw == pytest.approx(15 / 17)
    v4 = result.items["V4"]
    assert v4.reason == "every answer is the same (zero variance)"
    assert v4.item_total is None
    assert v4.sd == 0.0
    assert ("zero_variance", "V4") in {(f.code, f.subject) for f in result.flags}
    no_nan(result.to_dict())


@pytest.mark.parametrize("mode", ["pairwise", "listwise"])
def test_zero_variance_everywhere(mode: str) -> None:
    result = item_analysis(np.full((10, 3), 2.0), missing=mode)
    assert result.alpha_raw is None
    assert result.reason == "alpha needs at least 2 indicators with varying answers; 0 left"
    assert codes(result).count("zero_variance") == 3
    assert "alpha_undefined" in codes(result)
    no_nan(result.to_dict())


@pytest.mark.parametrize("mode", ["pairwise", "listwise"])
def test_all_answers_missing(mode: str) -> None:
    result = item_analysis(np.full((10, 3), np.nan), missing=mode, n_resamples=200, seed=1)
    assert result.alpha_raw is None
    assert result.reason == "no answers to any of its indicators"
    assert result.n_respondents == 0
    assert all(i.mean is None and i.sd is None and i.n == 0 for i in result.items.values())
    no_nan(result.to_dict())


def test_item_with_one_answer_is_left_out() -> None:
    x = np.column_stack([HAND, [np.nan, np.nan, 4.0, np.nan]])
    result = item_analysis(x)
    assert result.items["V4"].reason == "fewer than 2 answers"
    assert result.alpha_raw == pytest.approx(15 / 17)
    assert ("too_few_answers", "V4") in {(f.code, f.subject) for f in result.flags}


def test_too_few_complete_respondents_listwise() -> None:
    x = np.vstack([HAND, [2, 2, 3]])
    x[0, 0] = x[1, 1] = x[2, 2] = np.nan
    result = item_analysis(x, missing="listwise")
    assert result.alpha_raw is None
    assert result.reason == "2 respondent(s) answered every indicator; at least 3 needed (listwise)"
    pairwise = item_analysis(x, missing="pairwise")  # every pair still has 3 respondents
    assert pairwise.alpha_raw is not None


def test_too_few_respondents_on_a_pair() -> None:
    x = np.array([[1, 2, np.nan], [2, 3, np.nan], [3, 3, 4], [4, 5, 5], [5, 4, np.nan]])
    result = item_analysis(x)
    assert result.alpha_raw is None
    assert result.reason is not None
    # V3 itself has only 2 answers: the reason names it once (not "both V3 and V3")
    assert result.reason.startswith("only 2 respondent(s) answered V3;")
    assert "both" not in result.reason
    assert "at least 3 needed" in result.reason


def test_too_few_respondents_on_a_pair_names_two_items() -> None:
    nan = np.nan
    x = np.array([[1, nan, 2], [2, nan, 3], [3, 3, 4], [nan, 5, 5], [nan, 4, 2], [nan, 2, 1]])
    result = item_analysis(x)
    assert result.reason is not None
    assert result.reason.startswith("only 1 respondent(s) answered both V1 and V2;")


@pytest.mark.parametrize("missing", ["pairwise", "listwise"])
def test_a_single_complete_respondent_counts_as_complete(missing: str) -> None:
    result = item_analysis(np.array([[1.0, 2.0, 3.0]]), missing=missing)
    assert result.alpha_raw is None
    assert result.n_respondents == 1
    assert result.n_complete == 1


@pytest.mark.parametrize("n", [1, 2])
def test_one_or_two_respondents(n: int) -> None:
    rubric = make_rubric({"dim": ["a", "b", "c"]})
    x = HAND[:n]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = reliability(rubric, make_responses(x, ["a", "b", "c"]), seed=3)
    dim = result.dimensions["dim"]
    assert dim.alpha_raw is None
    assert dim.reason is not None
    assert dim.alpha_low is None
    assert result.dimension_correlations["dim"]["dim"] is None
    no_nan(result.to_dict())


def test_weakly_related_items_give_low_alpha_flag() -> None:
    x = one_factor(5, 80, [0.2, 0.15, 0.25, 0.1])
    result = item_analysis(x)
    assert result.alpha_raw is not None
    assert result.alpha_raw < 0.7
    assert "low_alpha" in codes(result)
    assert "low_alpha" not in codes(item_analysis(x, alpha_threshold=0.0))


def test_no_warnings_on_degenerate_mixtures() -> None:
    """A mixture of everything that can go wrong, across dimensions, under -W error."""
    rubric = make_rubric(
        {"one": ["o1"], "flat": ["f1", "f2"], "gone": ["g1", "g2"], "ok": ["k1", "k2", "k3"]}
    )
    n = 6
    x = np.column_stack(
        [
            [1, 2, 3, 4, 5, 1],
            np.full(n, 3.0),
            [2, 2, 2, np.nan, 2, 2],
            np.full(n, np.nan),
            np.full(n, np.nan),
            [1, 2, 3, 4, 5, 3],
            [2, 2, 3, 5, 4, 3],
            [1, 3, 3, 4, 5, 2],
        ]
    )
    ids = ["o1", "f1", "f2", "g1", "g2", "k1", "k2", "k3"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for mode in ("pairwise", "listwise"):
            result = reliability(rubric, make_responses(x, ids), missing=mode, seed=1)
            assert result.dimensions["ok"].alpha_raw is not None
            for dim in ("one", "flat", "gone"):
                assert result.dimensions[dim].reason is not None
            no_nan(result.to_dict())
            assert result.dimension_correlations["gone"]["ok"] is None
            assert result.dimension_correlations["one"]["one"] == pytest.approx(1.0)


# ---------------------------------------------------------------------------------------
# Flags: mis-keyed items, separability


def test_mis_keyed_item_is_flagged() -> None:
    x = one_factor(11, 150, [0.7, 0.6, 0.65, 0.7])
    ids = ["a", "b", "c", "d"]
    good = make_rubric({"dim": ids})
    wrong = make_rubric({"dim": ids}, reverse=["c"])  # the rubric reverses an item it shouldn't
    responses = make_responses(x, ids)
    assert "negative_item_total" not in codes(reliability(good, responses, n_resamples=0))
    result = reliability(wrong, responses, n_resamples=0)
    flagged = [f for f in result.flags if f.code == "negative_item_total"]
    assert [f.subject for f in flagged] == ["c"]
    assert "reverse keying" in flagged[0].message
    item = result.dimensions["dim"].items["c"]
    assert item.item_total is not None
    assert item.item_total < 0
    assert item.alpha_if_deleted is not None
    assert result.dimensions["dim"].alpha_raw is not None
    assert item.alpha_if_deleted > result.dimensions["dim"].alpha_raw


def test_not_separable_dimensions() -> None:
    rng = np.random.default_rng(4)
    common = rng.standard_normal((200, 1))
    z = common + 0.35 * rng.standard_normal((200, 6))
    x = np.clip(np.round(3 + z), 1, 5)
    third = one_factor(9, 200, [0.7, 0.7, 0.7])
    ids = ["a1", "a2", "a3", "b1", "b2", "b3", "c1", "c2", "c3"]
    rubric = make_rubric({"a": ids[:3], "b": ids[3:6], "c": ids[6:]})
    result = reliability(rubric, make_responses(np.column_stack([x, third]), ids), seed=1)
    r_ab = result.dimension_correlations["a"]["b"]
    assert r_ab is not None
    assert r_ab > 0.85
    assert result.dimension_correlations["b"]["a"] == r_ab
    assert result.dimension_correlations["a"]["a"] == pytest.approx(1.0)
    separable = [(f.code, f.subject) for f in result.flags if f.code == "not_separable"]
    assert separable == [("not_separable", "a/b")]
    relaxed = reliability(
        rubric,
        make_responses(np.column_stack([x, third]), ids),
        seed=1,
        separability_threshold=0.99,
    )
    assert "not_separable" not in codes(relaxed)


def test_dimension_correlations_are_pearson_of_weighted_scores() -> None:
    ex = lm.example_responses("learning-organization@1.0.0")
    rubric = lm.load_rubric("learning-organization@1.0.0")
    result = reliability(rubric, ex, n_resamples=0)
    from lomaturity._stats.aggregate import Layout, normalized

    layout = Layout.of(rubric)
    x = normalized(layout, ex)
    present = ~np.isnan(x)
    w = np.where(present, layout.indicator_weight, 0.0)
    with np.errstate(invalid="ignore"):
        scores = (np.where(present, x, 0.0) * w) @ layout.membership / (w @ layout.membership)
    dims = layout.dimension_ids
    for i, a in enumerate(dims):
        for j, b in enumerate(dims):
            both = ~np.isnan(scores[:, i]) & ~np.isnan(scores[:, j])
            expected = np.corrcoef(scores[both, i], scores[both, j])[0, 1]
            assert result.dimension_correlations[a][b] == pytest.approx(expected, abs=1e-12)


# ---------------------------------------------------------------------------------------
# Bootstrap range, seeds, organizations, options


@pytest.fixture(scope="module")
def example() -> tuple[lm.Rubric, lm.Responses]:
    return lm.load_rubric("learning-organization@1.0.0"), lm.example_responses(
        "learning-organization@1.0.0"
    )


@pytest.mark.parametrize("mode", ["pairwise", "listwise"])
def test_bootstrap_range_is_seeded(example: tuple[lm.Rubric, lm.Responses], mode: str) -> None:
    rubric, responses = example
    a = reliability(rubric, responses, seed=7, n_resamples=300, missing=mode)
    b = reliability(rubric, responses, seed=7, n_resamples=300, missing=mode)
    c = reliability(rubric, responses, seed=8, n_resamples=300, missing=mode)
    assert a.to_dict() == b.to_dict()
    assert a.to_dict() != c.to_dict()
    for dim in a.dimensions.values():
        assert dim.alpha_low is not None
        assert dim.alpha_high is not None
        assert dim.alpha_raw is not None
        assert dim.alpha_low <= dim.alpha_raw <= dim.alpha_high
        assert dim.alpha_high - dim.alpha_low < 0.2


def test_seed_none_is_recorded_and_reproduces(example: tuple[lm.Rubric, lm.Responses]) -> None:
    rubric, responses = example
    a = reliability(rubric, responses, n_resamples=200)
    assert a.seed is not None
    b = reliability(rubric, responses, n_resamples=200, seed=a.seed)
    assert a.to_dict() == b.to_dict()


def test_row_order_does_not_change_the_range(example: tuple[lm.Rubric, lm.Responses]) -> None:
    rubric, responses = example
    order = np.random.default_rng(1).permutation(responses.n_respondents)
    shuffled = responses.select(order)
    a = reliability(rubric, responses, seed=3, n_resamples=200)
    b = reliability(rubric, shuffled, seed=3, n_resamples=200)
    assert a.to_dict() == b.to_dict()


def test_column_order_does_not_matter(example: tuple[lm.Rubric, lm.Responses]) -> None:
    rubric, responses = example
    order = list(range(len(responses.indicator_ids)))[::-1]
    reordered = lm.Responses(
        indicator_ids=[responses.indicator_ids[i] for i in order],
        values=responses.values[:, order],
        not_applicable=responses.not_applicable[:, order],
        respondent_ids=responses.respondent_ids,
        organizations=responses.organizations,
    )
    a = reliability(rubric, responses, seed=3, n_resamples=100)
    b = reliability(rubric, reordered, seed=3, n_resamples=100)
    assert a.to_dict() == b.to_dict()


def test_organization_subset(example: tuple[lm.Rubric, lm.Responses]) -> None:
    rubric, responses = example
    org = responses.organization_ids[0]
    result = reliability(rubric, responses, organization=org, seed=1, n_resamples=100)
    assert result.organization == org
    assert result.n_respondents == responses.for_organization(org).n_respondents
    direct = reliability(rubric, responses.for_organization(org), seed=1, n_resamples=0)
    for dim_id, dim in result.dimensions.items():
        assert dim.alpha_raw == direct.dimensions[dim_id].alpha_raw
    with pytest.raises(lm.UnknownOrganizationError, match="no organization"):
        reliability(rubric, responses, organization="nobody")


def test_example_data_end_to_end(example: tuple[lm.Rubric, lm.Responses]) -> None:
    rubric, responses = example
    result = reliability(rubric, responses, seed=1, n_resamples=200)
    assert list(result.dimensions) == [d.id for d in rubric.dimensions]
    for dim in result.dimensions.values():
        assert dim.alpha_raw is not None
        assert 0.5 < dim.alpha_raw < 1
        assert dim.omega_total is not None
        assert dim.items.keys() == {i.id for i in rubric.indicators if i.dimension == dim.id}
    out = result.to_dict()
    text = json.dumps(out, allow_nan=False)
    assert json.loads(text) == out
    assert out["options"]["missing"] == "pairwise"
    assert out["options"]["seed"] == 1
    assert out["rubric"] == rubric.key
    # Reverse-keyed indicators are applied as the rubric declares them: none runs against.
    assert "negative_item_total" not in codes(result)


def test_not_applicable_counts_as_missing() -> None:
    x = one_factor(2, 40, [0.7, 0.7, 0.7])
    na = np.zeros(x.shape, dtype=bool)
    na[:5, 0] = True
    x[na] = np.nan
    rubric = make_rubric({"dim": ["a", "b", "c"]})
    result = reliability(
        rubric, make_responses(x, ["a", "b", "c"], not_applicable=na), n_resamples=0
    )
    assert result.dimensions["dim"].items["a"].n == 35


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"missing": "everything"}, "missing: 'everything' is not one of pairwise, listwise"),
        ({"alpha_threshold": 1.5}, "alpha_threshold"),
        ({"separability_threshold": 0}, "separability_threshold"),
        ({"confidence": 1.0}, "confidence"),
        ({"n_resamples": 50}, "n_resamples"),
        ({"n_resamples": True}, "n_resamples"),
        ({"seed": -1}, "seed"),
    ],
)
def test_bad_options(
    example: tuple[lm.Rubric, lm.Responses], kwargs: dict[str, Any], message: str
) -> None:
    rubric, responses = example
    with pytest.raises(ScoringError, match=message):
        reliability(rubric, responses, **kwargs)


def test_responses_must_fit_the_rubric(example: tuple[lm.Rubric, lm.Responses]) -> None:
    rubric, _ = example
    other = make_responses(HAND, ["a", "b", "c"])
    with pytest.raises(ScoringError, match="do not fit rubric"):
        reliability(rubric, other)


def test_no_range_when_no_resamples() -> None:
    result = item_analysis(HAND, n_resamples=0)
    assert result.alpha_low is None
    assert result.alpha_high is None
    ranged = item_analysis(one_factor(1, 50, [0.7, 0.6, 0.5]), n_resamples=200, seed=2)
    assert ranged.alpha_low is not None
    assert ranged.alpha_high is not None


def test_heywood_case_is_flagged_and_finite() -> None:
    result = item_analysis(read_csv("heywood3"))
    assert "heywood_case" in codes(result)
    assert result.omega_total is not None
    assert 0 < result.omega_total < 1


def test_item_analysis_validates_shape() -> None:
    with pytest.raises(ScoringError, match="2-d"):
        item_analysis(np.arange(5.0))
    with pytest.raises(ScoringError, match="item ids"):
        item_analysis(HAND, item_ids=["a"])


def test_two_items_have_alpha_but_no_omega() -> None:
    result = item_analysis(read_csv("two2"))
    assert result.alpha_raw is not None
    assert result.omega_total is None
    assert result.omega_reason is not None
    assert result.omega_reason.startswith("omega needs at least 3 indicators")
    assert "omega_undefined" in codes(result)
    assert "alpha_undefined" not in codes(result)
    no_nan(result.to_dict())


def test_degenerate_resamples_are_left_out_and_flagged() -> None:
    """With 4 respondents some resamples repeat one respondent: alpha is undefined there."""
    result = item_analysis(HAND, n_resamples=400, seed=5)
    assert "bootstrap_incomplete" in codes(result)
    assert result.alpha_low is not None
    assert result.alpha_high is not None
    assert result.alpha_raw is not None
    assert result.alpha_low <= result.alpha_raw <= result.alpha_high
    no_nan(result.to_dict())


def test_items_keep_rubric_order_and_excluded_items() -> None:
    x = np.column_stack([np.full(4, 2.0), HAND])
    result = item_analysis(x, item_ids=["flat", "a", "b", "c"])
    assert list(result.items) == ["flat", "a", "b", "c"]
    assert result.items["flat"].reason is not None
    out = result.to_dict()
    assert list(out["items"]) == ["flat", "a", "b", "c"]
    assert out["items"]["flat"]["reason"] == "every answer is the same (zero variance)"
    assert "reason" not in out["items"]["a"]


def test_item_analysis_records_the_seed_it_draws() -> None:
    x = np.random.default_rng(0).integers(1, 6, (40, 4)).astype(float)
    drawn = item_analysis(x, n_resamples=100)
    assert drawn.seed is not None
    assert 0 <= drawn.seed < 2**53
    again = item_analysis(x, n_resamples=100, seed=drawn.seed)
    assert (again.alpha_low, again.alpha_high) == (drawn.alpha_low, drawn.alpha_high)
    assert drawn.to_dict()["seed"] == drawn.seed
    assert item_analysis(x).seed is None  # no range, no seed
