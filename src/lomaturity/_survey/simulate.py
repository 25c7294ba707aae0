"""Simulated organizations: seeded synthetic responses with known true scores.

The model is the ordered-probit model of the bundled example data (docs/example-data.md,
"Simulated organizations"): a latent maturity per organization and dimension, indicator
difficulties, team, respondent and manager offsets and answer noise, cut into the categories
of each indicator's scale; reverse-keyed indicators are stored flipped. Cells are then left
blank, marked "not applicable" or answered "don't know" completely at random.

Everything is drawn with numpy for all respondents at once (no Python loop per respondent or
cell), from ``numpy.random.SeedSequence(seed)``: the same rubric, settings, seed and numpy
version give the same responses.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
from attrs import field, frozen

from .._hints import did_you_mean
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._seeds import is_integer, is_number, resolve_seed, seed_error
from ..exceptions import ScoringError
from .checks import check_rubric

__all__ = ["Simulation", "SimulationSettings", "TrueScores", "simulate_responses"]

Float = npt.NDArray[np.float64]
Int = npt.NDArray[np.int64]

MAX_ORGANIZATIONS = 10_000_000
"""Most organizations one call simulates."""

MAX_CELLS = 50_000_000
"""Most answer cells (respondents x indicators) one call simulates: bounds its memory to
about 2 GiB; simulate a larger panel in several calls with different seeds."""

LATENT_LIMIT = 20.0
"""Largest size of a latent shift or spread (the answer categories are one latent unit
apart, so larger values only produce floating-point overflow)."""


@frozen
class SimulationSettings:
    """The settings a simulation was drawn with (latent scale: one unit ~ one category).

    Attributes:
        organizations: number of organizations.
        respondents: respondents of each organization, in organization order.
        sectors: sector name -> latent shift added to every dimension of its organizations
            (organization ``k`` is in sector ``k mod S``); empty when not given.
        maturity_mean, maturity_sd: mean and sd of an organization's general latent level.
        dimension_sd: sd of an organization's own deviation per dimension.
        difficulty_sd: sd of the indicator difficulties (centred within each dimension).
        team_size: mean team size (an organization of ``n`` has ``max(1, round(n /
            team_size))`` teams).
        team_sd, respondent_sd, noise_sd: sd of the team offset, the respondent offset and the
            answer noise.
        manager_share: chance that a respondent is a manager.
        manager_gap: latent shift of managers' answers (their perception gap).
        missing: chance that a cell is left blank.
        not_applicable: chance that a cell is "not applicable" (indicators that allow it).
        dont_know: indicator id -> chance that a cell is answered "don't know" (only
            indicators whose scale accepts it; empty when the simulation has none).
    """

    organizations: int
    respondents: tuple[int, ...]
    sectors: dict[str, float]
    maturity_mean: float
    maturity_sd: float
    dimension_sd: float
    difficulty_sd: float
    team_size: float
    team_sd: float
    respondent_sd: float
    noise_sd: float
    manager_share: float
    manager_gap: float
    missing: float
    not_applicable: float
    dont_know: dict[str, float] = field(factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready settings."""
        return attrs.asdict(self)


@frozen
class TrueScores:
    """The true scores of one simulated organization.

    Attributes:
        organization: its name (``org-0001``, ...).
        sector: its sector, or ``None`` when the simulation had no sectors.
        maturity: dimension id -> latent maturity (sector shift included).
        indicators, dimensions: indicator / dimension id -> true score on 0-100.
        overall: true overall score on 0-100.
    """

    organization: str
    sector: str | None
    maturity: dict[str, float]
    indicators: dict[str, float]
    dimensions: dict[str, float]
    overall: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready true scores."""
        return {
            "organization": self.organization,
            "sector": self.sector,
            "maturity": dict(self.maturity),
            "indicators": dict(self.indicators),
            "dimensions": dict(self.dimensions),
            "overall": self.overall,
        }


@frozen(eq=False)
class Simulation:
    """Simulated responses and the truth behind them.

    Attributes:
        responses: the simulated :class:`~lomaturity.Responses` (metadata columns ``team``,
            ``role`` and, with sectors, ``sector``).
        truth: organization -> :class:`TrueScores`, in organization order.
        difficulty: indicator id -> the drawn difficulty (latent scale, subtracted).
        seed: the seed used (drawn and recorded when ``None`` was passed).
        settings: the :class:`SimulationSettings`.
    """

    responses: Responses
    truth: dict[str, TrueScores]
    difficulty: dict[str, float]
    seed: int
    settings: SimulationSettings = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready record of everything but the answers (the seed reproduces them)."""
        return {
            "rubric": self.responses.rubric_key,
            "seed": self.seed,
            "settings": self.settings.to_dict(),
            "n_respondents": self.responses.n_respondents,
            "difficulty": dict(self.difficulty),
            "truth": [t.to_dict() for t in self.truth.values()],
        }


# --- validation ------------------------------------------------------------------------------


def _number_error(
    name: str, value: object, low: float, high: float, *, open_low: bool
) -> str | None:
    """Why ``value`` is not a finite number within the bounds, or ``None``."""
    if is_number(value) and math.isfinite(float(value)):  # type: ignore[arg-type]
        x = float(value)  # type: ignore[arg-type]
        if (x > low if open_low else x >= low) and x <= high:
            return None
    left = "<" if open_low else "<="
    bounds = (
        f"{low:g} {left} x <= {high:g}"
        if math.isfinite(high)
        else f"x {'>' if open_low else '>='} {low:g}"
    )
    return f"{name}: {value!r} is not a finite number with {bounds}"


def _sd_error(name: str, value: object) -> str | None:
    return _number_error(name, value, 0.0, LATENT_LIMIT, open_low=False)


def _share_error(name: str, value: object) -> str | None:
    """Why ``value`` is not a share ``0 <= x < 1``, or ``None``."""
    if is_number(value) and 0 <= float(value) < 1:  # type: ignore[arg-type]
        return None
    return f"{name}: {value!r} is not within 0 <= x < 1"


def _shift_error(name: str, value: object) -> str | None:
    if is_number(value) and abs(float(value)) <= LATENT_LIMIT:  # type: ignore[arg-type]
        return None
    return f"{name}: {value!r} is not a number within -{LATENT_LIMIT:g}..{LATENT_LIMIT:g}"


def _organizations_error(value: object) -> str | None:
    if is_integer(value) and 1 <= int(value) <= MAX_ORGANIZATIONS:  # type: ignore[call-overload]
        return None
    return f"organizations: {value!r} is not an integer within 1..{MAX_ORGANIZATIONS:,}"


def _respondents(value: object, organizations: object) -> tuple[tuple[int, ...], str | None]:
    """Respondents per organization, or an error."""
    n_orgs = int(organizations) if _organizations_error(organizations) is None else None  # type: ignore[call-overload]
    if is_integer(value):
        if 1 <= int(value) <= MAX_CELLS:  # type: ignore[call-overload]
            return (int(value),) * (n_orgs or 0), None  # type: ignore[call-overload]
        return (), f"respondents: {value!r} is not an integer within 1..{MAX_CELLS:,}"
    if isinstance(value, str | bytes) or not isinstance(value, Sequence | np.ndarray):
        return (), f"respondents: {value!r} is not an integer or a sequence of integers"
    items = list(value)
    bad = [i for i, x in enumerate(items) if not (is_integer(x) and 1 <= int(x) <= MAX_CELLS)]
    if bad:
        return (
            (),
            f"respondents[{bad[0]}]: {items[bad[0]]!r} is not an integer within 1..{MAX_CELLS:,}",
        )
    if n_orgs is not None and len(items) != n_orgs:
        return (), f"respondents: {len(items)} counts for {n_orgs} organizations"
    return tuple(int(x) for x in items), None


def _sectors(value: object) -> tuple[dict[str, float], list[str]]:
    """Sector name -> shift, or errors."""
    if value is None:
        return {}, []
    if not isinstance(value, Mapping) or not value:
        return {}, [f"sectors: {value!r} is not a non-empty mapping of sector name -> shift"]
    errors = []
    for name, shift in value.items():
        if not isinstance(name, str) or not name.strip() or name != name.strip():
            errors.append(f"sectors: {name!r} is not a sector name (text, not blank, trimmed)")
        errors.extend(e for e in [_shift_error(f"sectors[{name!r}]", shift)] if e is not None)
    return ({str(k): float(v) for k, v in value.items()} if not errors else {}), errors


def _dont_know(rubric: Rubric, value: object) -> tuple[dict[str, float], list[str]]:
    """Indicator id -> chance of a "don't know" answer, or errors: one share for every
    indicator whose scale accepts "don't know", or a mapping of some of them to shares."""
    accepting = [i.id for i in rubric.indicators if rubric.scale(i.scale).dont_know]
    chances: dict[object, object]
    errors: list[str]
    if isinstance(value, Mapping):
        chances, errors = dict(value), []
    elif _share_error("dont_know", value) is None:
        chances, errors = dict.fromkeys(accepting, value) if float(value) > 0 else {}, []  # type: ignore[arg-type]
        if float(value) > 0 and not accepting:  # type: ignore[arg-type]
            errors.append(
                f"dont_know: {value!r}, but no scale of rubric {rubric.key} accepts "
                "'don't know' (Scale.dont_know)"
            )
    else:
        return {}, [
            f"dont_know: {value!r} is not a share 0 <= x < 1 or a mapping of indicator id -> share"
        ]
    for key, chance in chances.items():
        if not isinstance(key, str) or key not in rubric.indicator_ids:
            hint = did_you_mean(key, rubric.indicator_ids)
            errors.append(
                f"dont_know: {key!r} is not an indicator of {rubric.key}"
                + (f" ({hint})" if hint else "")
            )
        elif key not in accepting:
            errors.append(
                f"dont_know: {key!r} is on scale {rubric.indicator(key).scale!r}, which has "
                "no 'don't know' answer"
            )
        errors.extend(e for e in [_share_error(f"dont_know[{key!r}]", chance)] if e is not None)
    if errors:
        return {}, errors
    return {str(k): float(v) for k, v in chances.items() if float(v) > 0}, []  # type: ignore[arg-type]


def _settings(
    options: dict[str, Any], seed: object, dont_know: tuple[dict[str, float], list[str]]
) -> SimulationSettings:
    """Validated settings; every bad value is named in one :class:`ScoringError`."""
    respondents, respondents_error = _respondents(options["respondents"], options["organizations"])
    sectors, sector_errors = _sectors(options["sectors"])
    errors = [
        _organizations_error(options["organizations"]),
        seed_error(seed),
        respondents_error,
        *sector_errors,
        _shift_error("maturity_mean", options["maturity_mean"]),
        *(_sd_error(n, options[n]) for n in ("maturity_sd", "dimension_sd", "difficulty_sd")),
        *(_sd_error(n, options[n]) for n in ("team_sd", "respondent_sd")),
        _number_error("noise_sd", options["noise_sd"], 0.01, LATENT_LIMIT, open_low=False),
        _number_error("team_size", options["team_size"], 1.0, 1e6, open_low=False),
        _number_error("manager_share", options["manager_share"], 0.0, 1.0, open_low=False),
        _shift_error("manager_gap", options["manager_gap"]),
        _share_error("missing", options["missing"]),
        _share_error("not_applicable", options["not_applicable"]),
        *dont_know[1],
    ]
    found = [e for e in errors if e is not None]
    most_dk = max(dont_know[0].values(), default=0.0)
    if not found and float(options["missing"]) + float(options["not_applicable"]) + most_dk >= 1:
        found.append(
            "missing + not_applicable + dont_know: must be below 1 (some answers are needed)"
        )
    if found:
        raise ScoringError("invalid simulation options: " + "; ".join(found))
    floats = {name: float(value) for name, value in options.items() if name not in _NOT_FLOAT}
    return SimulationSettings(
        organizations=int(options["organizations"]),
        respondents=respondents,
        sectors=sectors,
        dont_know=dont_know[0],
        **floats,
    )


_NOT_FLOAT = frozenset({"organizations", "respondents", "sectors", "dont_know"})


# --- the model -------------------------------------------------------------------------------


def _normal_cdf(x: Float) -> Float:
    """Standard normal distribution function (erfc by Chebyshev fit, relative error < 1.2e-7,
    Numerical Recipes ``erfcc``)."""
    z = np.abs(x) / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.5 * z)
    coefficients = (
        0.17087277,
        -0.82215223,
        1.48851587,
        -1.13520398,
        0.27886807,
        -0.18628806,
        0.09678418,
        0.37409196,
        1.00002368,
        -1.26551223,
    )
    poly = np.zeros_like(t)
    for c in coefficients:
        poly = poly * t + c
    tail: Float = 0.5 * t * np.exp(-z * z + poly)  # P(Z > |x|)
    return np.where(x >= 0, 1.0 - tail, tail)


@frozen(eq=False)
class _Structure:
    """Per respondent: organization, team (numbered across organizations), manager."""

    org: Int
    team: Int
    local_team: Int
    local_index: Int
    manager: npt.NDArray[np.bool_]


def _structure(s: SimulationSettings, rng: np.random.Generator) -> _Structure:
    sizes = np.array(s.respondents, dtype=np.int64)
    org = np.repeat(np.arange(s.organizations, dtype=np.int64), sizes)
    starts = np.cumsum(sizes) - sizes
    local_index = np.arange(org.size, dtype=np.int64) - starts[org]
    n_teams = np.maximum(1, np.rint(sizes / s.team_size)).astype(np.int64)
    n_teams = np.minimum(n_teams, sizes)
    local_team = np.floor(rng.random(org.size) * n_teams[org]).astype(np.int64)
    team_offset = np.cumsum(n_teams) - n_teams
    manager = rng.random(org.size) < s.manager_share
    return _Structure(org, team_offset[org] + local_team, local_team, local_index, manager)


def _maturity(s: SimulationSettings, n_dims: int, rng: np.random.Generator) -> Float:
    """``(organizations, dimensions)`` latent maturity, sector shifts included."""
    level = rng.normal(s.maturity_mean, s.maturity_sd, s.organizations)
    own = rng.normal(0.0, s.dimension_sd, (s.organizations, n_dims))
    shifts = np.array(list(s.sectors.values()) or [0.0])
    sector = shifts[np.arange(s.organizations) % shifts.size]
    out: Float = level[:, None] + own + sector[:, None]
    return out


def _difficulty(dim_index: Int, n_dims: int, sd: float, rng: np.random.Generator) -> Float:
    """Indicator difficulties, centred within each dimension."""
    raw = rng.normal(0.0, sd, dim_index.size)
    sums = np.bincount(dim_index, weights=raw, minlength=n_dims)
    counts = np.bincount(dim_index, minlength=n_dims)
    out: Float = raw - (sums / np.maximum(counts, 1))[dim_index]
    return out


def _expected_share(mean: Float, n_cat: Int, sigma: float) -> Float:
    """Expected category / (K - 1) for latent mean ``mean`` (any shape, last axis indicators):
    ``sum_k Phi((mean - tau_k) / sigma) / (K - 1)``, ``tau_k = k - K/2``."""
    total = np.zeros_like(mean)
    for k in range(1, int(n_cat.max())):
        term = _normal_cdf((mean - (k - n_cat / 2.0)) / sigma)
        total += np.where(k < n_cat, term, 0.0)
    out: Float = total / (n_cat - 1)
    return out


def _truth(
    rubric: Rubric, s: SimulationSettings, maturity: Float, difficulty: Float, dim_index: Int
) -> tuple[Float, Float, Float]:
    """True indicator ``(o, k)``, dimension ``(o, d)`` and overall ``(o,)`` scores on 0-100."""
    n_cat = _categories(rubric)
    sigma = math.sqrt(s.team_sd**2 + s.respondent_sd**2 + s.noise_sd**2)
    mean = maturity[:, dim_index] - difficulty[None, :]
    employees = _expected_share(mean, n_cat, sigma)
    managers = _expected_share(mean + s.manager_gap, n_cat, sigma)
    indicator = 100.0 * ((1.0 - s.manager_share) * employees + s.manager_share * managers)
    membership = np.zeros((dim_index.size, maturity.shape[1]))
    membership[np.arange(dim_index.size), dim_index] = np.array(
        [i.weight for i in rubric.indicators]
    )
    dimension = (indicator @ membership) / membership.sum(axis=0)
    dim_weight = np.array([d.weight for d in rubric.dimensions])
    overall = dimension @ dim_weight / dim_weight.sum()
    return indicator, dimension, overall


def _categories(rubric: Rubric) -> Int:
    scales = [rubric.scale(i.scale) for i in rubric.indicators]
    return np.array([sc.max - sc.min + 1 for sc in scales], dtype=np.int64)


def _answers(
    rubric: Rubric,
    s: SimulationSettings,
    st: _Structure,
    mean: Float,
    rng: np.random.Generator,
) -> Float:
    """``(n, k)`` answers as given (reverse-keyed flipped) for latent means ``(o, k)``."""
    n, k = st.org.size, mean.shape[1]
    team_effect = rng.normal(0.0, s.team_sd, int(st.team.max()) + 1)
    person = rng.normal(0.0, s.respondent_sd, n) + s.manager_gap * st.manager
    latent = mean[st.org] + (team_effect[st.team] + person)[:, None]
    latent += rng.normal(0.0, s.noise_sd, (n, k))
    n_cat = _categories(rubric)
    # #{k in 1..K-1 : latent > k - K/2} = clip(ceil(latent + K/2) - 1, 0, K-1)
    category = np.clip(np.ceil(latent + n_cat / 2.0) - 1.0, 0.0, n_cat - 1.0)
    low = np.array([rubric.scale(i.scale).min for i in rubric.indicators], dtype=np.float64)
    reverse = np.array([i.reverse for i in rubric.indicators], dtype=np.bool_)
    out: Float = np.where(reverse, low + (n_cat - 1.0) - category, low + category)
    return out


def _labels(
    s: SimulationSettings, st: _Structure
) -> tuple[list[str], list[str], dict[str, list[str | None]]]:
    """Organization names, respondent ids and metadata columns."""
    org_width = max(4, len(str(s.organizations)))
    names = np.array([f"org-{o + 1:0{org_width}d}" for o in range(s.organizations)])
    id_width = max(4, len(str(max(s.respondents))))
    team_width = max(2, len(str(int(st.local_team.max()) + 1)))
    org_names = names[st.org]
    numbers = np.char.zfill((st.local_index + 1).astype(str), id_width)
    ids = np.char.add(np.char.add(org_names, "-"), numbers)
    teams = np.char.add("team-", np.char.zfill((st.local_team + 1).astype(str), team_width))
    meta: dict[str, list[str | None]] = {
        "team": teams.tolist(),
        "role": np.where(st.manager, "manager", "employee").tolist(),
    }
    if s.sectors:
        sector_names = np.array(list(s.sectors))
        meta["sector"] = sector_names[st.org % sector_names.size].tolist()
    return org_names.tolist(), ids.tolist(), meta


def simulate_responses(
    rubric: Rubric,
    *,
    organizations: int = 4,
    respondents: int | Sequence[int] = 30,
    seed: int | None = None,
    sectors: Mapping[str, float] | None = None,
    maturity_mean: float = 0.0,
    maturity_sd: float = 0.6,
    dimension_sd: float = 0.4,
    difficulty_sd: float = 0.25,
    team_size: float = 8.0,
    team_sd: float = 0.3,
    respondent_sd: float = 0.5,
    noise_sd: float = 0.8,
    manager_share: float = 0.15,
    manager_gap: float = 0.5,
    missing: float = 0.05,
    not_applicable: float = 0.03,
    dont_know: float | Mapping[str, float] = 0.0,
) -> Simulation:
    """Simulate survey responses of organizations whose true scores are known.

    For power studies, benchmarks and tests: score ``result.responses`` and compare with
    ``result.truth``. The model and the formula of the truth are in docs/example-data.md,
    "Simulated organizations"; latent values are on the answer scale's units (one unit ~ one
    answer category, 0 = the scale's midpoint).

    Args:
        rubric: the rubric whose indicators are answered.
        organizations: number of organizations, named ``org-0001``, ``org-0002``, ...
        respondents: respondents per organization: one count for all or one per organization.
        seed: non-negative integer; ``None`` draws one below 2**53 (recorded in the result).
        sectors: sector name -> latent shift; organization ``k`` (from 0) is in sector
            ``k mod S`` and every dimension of it is shifted by its sector's value.
        maturity_mean, maturity_sd: an organization's general latent level ~ N(mean, sd^2).
        dimension_sd: sd of its own deviation per dimension.
        difficulty_sd: sd of indicator difficulties (centred within each dimension).
        team_size: mean team size; respondents are spread over teams at random.
        team_sd, respondent_sd, noise_sd: sd of team offsets, respondent offsets and answer
            noise.
        manager_share: chance that a respondent is a manager; ``manager_gap`` is added to
            managers' latent values.
        missing: chance that a cell is blank; ``not_applicable``: chance that a cell of an
            indicator that allows NA is "not applicable" (exclusive events, sum below 1).
        dont_know: chance that a cell is answered "don't know": one share for every
            indicator whose scale accepts it (``Scale.dont_know``), or a mapping indicator id
            -> share for some of them (e.g. higher on strategy items that employees cannot
            see). Drawn completely at random, exclusive of blanks and "not applicable"
            (``missing + not_applicable + dont_know`` below 1); the true scores do not
            change (docs/example-data.md). Default 0: no "don't know" answers, and the
            same responses as before the option existed.

    Returns:
        A :class:`~lomaturity.responses.Simulation`: the responses, the true scores, the
        indicator difficulties, the seed and the settings.

    Raises:
        TypeError: ``rubric`` is not a :class:`~lomaturity.Rubric`.
        ScoringError: a bad setting (every bad one is named).
    """
    check_rubric(rubric, "simulate_responses")
    # every keyword but the seed is a setting (read before any other local is bound)
    options = {k: v for k, v in locals().items() if k not in {"rubric", "seed", "dont_know"}}
    settings = _settings(options, seed, _dont_know(rubric, dont_know))
    cells = sum(settings.respondents) * len(rubric.indicators)
    if cells > MAX_CELLS:
        raise ScoringError(
            f"invalid simulation options: {sum(settings.respondents):,} respondents x "
            f"{len(rubric.indicators)} indicators = {cells:,} answer cells, more than "
            f"{MAX_CELLS:,} in one call; simulate the panel in parts (different seeds)"
        )
    return _simulate(rubric, settings, resolve_seed(seed))


def _simulate(rubric: Rubric, settings: SimulationSettings, used_seed: int) -> Simulation:
    """Draw everything from ``used_seed`` (five independent streams)."""
    streams = np.random.SeedSequence(used_seed).spawn(5)
    structure_rng, org_rng, indicator_rng, value_rng, missing_rng = (
        np.random.default_rng(child) for child in streams
    )
    dims = [d.id for d in rubric.dimensions]
    dim_index = np.array([dims.index(i.dimension) for i in rubric.indicators], dtype=np.int64)
    st = _structure(settings, structure_rng)
    maturity = _maturity(settings, len(dims), org_rng)
    difficulty = _difficulty(dim_index, len(dims), settings.difficulty_sd, indicator_rng)
    values = _answers(rubric, settings, st, maturity[:, dim_index] - difficulty, value_rng)
    draw = missing_rng.random(values.shape)
    allow_na = np.array([i.allow_na for i in rubric.indicators], dtype=np.bool_)
    is_na = (
        allow_na & (draw >= settings.missing) & (draw < settings.missing + settings.not_applicable)
    )
    dk_chance = np.array([settings.dont_know.get(i, 0.0) for i in rubric.indicator_ids])
    is_dk = (draw >= settings.missing + settings.not_applicable) & (
        draw < settings.missing + settings.not_applicable + dk_chance
    )
    values[(draw < settings.missing) | is_na | is_dk] = np.nan
    orgs, ids, meta = _labels(settings, st)
    responses = Responses(
        indicator_ids=rubric.indicator_ids,
        values=values,
        not_applicable=is_na,
        dont_know=is_dk,
        respondent_ids=ids,
        organizations=orgs,
        metadata=meta,
        rubric_key=rubric.key,
        rubric_fingerprint=rubric.fingerprint,
    )
    truth = _true_scores(rubric, settings, maturity, difficulty, dim_index)
    return Simulation(
        responses=responses,
        truth=truth,
        difficulty=dict(zip(rubric.indicator_ids, difficulty.tolist(), strict=True)),
        seed=used_seed,
        settings=settings,
    )


def _true_scores(
    rubric: Rubric, s: SimulationSettings, maturity: Float, difficulty: Float, dim_index: Int
) -> dict[str, TrueScores]:
    indicator, dimension, overall = _truth(rubric, s, maturity, difficulty, dim_index)
    width = max(4, len(str(s.organizations)))
    sectors = list(s.sectors)
    dims = [d.id for d in rubric.dimensions]
    indicator_ids = rubric.indicator_ids
    out: dict[str, TrueScores] = {}
    for o in range(s.organizations):
        name = f"org-{o + 1:0{width}d}"
        out[name] = TrueScores(
            organization=name,
            sector=sectors[o % len(sectors)] if sectors else None,
            maturity=dict(zip(dims, maturity[o].tolist(), strict=True)),
            indicators=dict(zip(indicator_ids, indicator[o].tolist(), strict=True)),
            dimensions=dict(zip(dims, dimension[o].tolist(), strict=True)),
            overall=float(overall[o]),
        )
    return out
