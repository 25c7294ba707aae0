"""Generate the synthetic example survey data set shipped with lomaturity.

The script reads the indicator list from a rubric YAML file and writes a wide CSV file with one
row per respondent of four made-up organizations:

    respondent_id,organization,team,role,<indicator id>,<indicator id>,...

Answers are integers on each indicator's scale, an empty cell means "no answer", the literal
``NA`` means "not applicable" (only in columns whose indicator allows it) and, with
``--dont-know``, the literal ``DK`` means "don't know" (only in columns of organization-level
indicators whose scale offers it).

Generative model (see ``docs/example-data.md`` for the full description): every organization has
a latent maturity per dimension; teams and respondents add normal random offsets, managers add a
"perception gap", every indicator has a small difficulty offset and every answer its own noise.
The latent value is cut into ordered categories at fixed thresholds (an ordered-probit model) and
reverse-keyed indicators are flipped so that agreeing with them means *less* maturity. Finally
cells are blanked at random, a few respondents drop out part way and ``NA`` is set at a low rate
in the columns that allow it.

The output depends only on the rubric and the seed: the same inputs give a byte-identical file.

Usage (from the repository root)::

    python scripts/generate_example_data.py            # rubric 1.1.0 -> example-responses-1.1.0.csv
    python scripts/generate_example_data.py --rubric rubrics/learning-organization/1.0.0.yaml
    python scripts/generate_example_data.py --rubric my-rubric.yaml --out /tmp/x.csv --seed 7

Without ``--out`` the file goes to ``src/lomaturity/data/``: ``example-responses.csv`` for
version 1.0.0 (its historical name) and ``example-responses-<version>.csv`` otherwise.

Only numpy and PyYAML are required.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RUBRIC = REPO_ROOT / "rubrics" / "learning-organization" / "1.1.0.yaml"
DATA_DIR = REPO_ROOT / "src" / "lomaturity" / "data"
DEFAULT_SEED = 20261128
DEFAULT_DONT_KNOW = 0.15
"""Probability of a "DK" answer in organization-level columns of a rubric whose scales offer it
(1.1.0: employees often cannot know what the organization does at the strategic level)."""

META_COLUMNS = ("respondent_id", "organization", "team", "role")
NA_TOKEN = "NA"
DK_TOKEN = "DK"
DK_REFERENTS = ("organization", "leaders")  # who an item must be about to get "don't know"

# --- model constants (latent scale: 0 = scale midpoint, thresholds one unit apart) -------------
TEAM_SD = 0.3  # sd of the team offset
PERSON_SD = 0.5  # sd of the respondent (person) effect
DIFFICULTY_SD = 0.25  # sd of the indicator difficulty offset (centred within each dimension)
NOISE_SD = 0.8  # sd of the answer-level noise
BLANK_RATE = 0.04  # probability that a cell is left blank (missing completely at random)
NA_RATE = 0.03  # base probability of "NA" in columns that allow it
# Indicators whose id contains one of these words (as an ``_``-separated part) get a higher "NA"
# rate, first match wins: not every job has a rotation scheme, a pay scale that can reward skills,
# a mentoring programme or a training budget of its own.
NA_RATE_BY_KEYWORD: tuple[tuple[str, float], ...] = (
    ("rotation", 0.15),
    ("pay", 0.06),
    ("mentor", 0.08),
    ("mentoring", 0.08),
    ("coaching", 0.08),
    ("budget", 0.07),
)
DROPOUT_START = 0.3  # drop-outs stop somewhere between 30 % ...
DROPOUT_END = 0.9  # ... and 90 % of the questionnaire


@dataclass(frozen=True)
class OrgProfile:
    """A made-up organization and the parameters its answers are generated from."""

    name: str
    id_prefix: str
    n_respondents: int
    teams: tuple[tuple[str, float], ...]  # (team name, share of respondents)
    manager_share: float  # target share of managers within each team (at least one per team)
    manager_gap: float  # how much higher managers rate, on the latent scale
    n_dropouts: int  # respondents who stop part way through the questionnaire
    maturity: dict[str, float]  # latent maturity per dimension id
    # Extra latent shift for single indicators (by id; ignored if the rubric lacks the id).
    indicator_shifts: dict[str, float] = field(default_factory=dict)


ORGANIZATIONS: tuple[OrgProfile, ...] = (
    OrgProfile(
        name="brightloom-design",
        id_prefix="brightloom",
        n_respondents=35,
        teams=(("design", 0.45), ("client-services", 0.30), ("operations", 0.25)),
        manager_share=0.15,
        manager_gap=0.4,
        n_dropouts=1,
        maturity={
            "values_culture": 1.3,
            "strategy": 0.5,
            "practice": 1.1,
            "employee_experience": 0.9,
        },
        indicator_shifts={"vc_experimentation": 0.3},
    ),
    OrgProfile(
        name="nordwind-manufacturing",
        id_prefix="nordwind",
        n_respondents=120,
        teams=(
            ("production", 0.35),
            ("engineering", 0.15),
            ("logistics", 0.13),
            ("quality", 0.12),
            ("sales", 0.10),
            ("hr", 0.08),
            ("it", 0.07),
        ),
        manager_share=0.16,
        manager_gap=0.6,
        n_dropouts=5,
        maturity={
            "values_culture": -0.4,
            "strategy": 0.9,
            "practice": -0.9,
            "employee_experience": -0.3,
        },
        # Bureaucratic, permission-based learning: learning time must be applied for.
        indicator_shifts={"pr_permission_required": -0.7, "pr_self_service": -0.5},
    ),
    OrgProfile(
        name="harbor-city-agency",
        id_prefix="harbor",
        n_respondents=80,
        teams=(
            ("citizen-services", 0.35),
            ("permits", 0.20),
            ("finance", 0.15),
            ("it", 0.15),
            ("hr", 0.15),
        ),
        manager_share=0.17,
        manager_gap=0.55,
        n_dropouts=4,
        maturity={
            "values_culture": -0.6,
            "strategy": -0.4,
            "practice": -0.7,
            "employee_experience": -0.5,
        },
        # Fixed public-sector pay scales: new skills hardly change pay.
        indicator_shifts={"ex_learning_in_pay": -0.6},
    ),
    OrgProfile(
        name="quanta-software",
        id_prefix="quanta",
        n_respondents=60,
        teams=(
            ("engineering", 0.40),
            ("customer-success", 0.20),
            ("product", 0.15),
            ("sales", 0.15),
            ("operations", 0.10),
        ),
        manager_share=0.13,
        manager_gap=0.45,
        n_dropouts=2,
        maturity={
            "values_culture": 0.6,
            "strategy": -0.6,
            "practice": 0.5,
            "employee_experience": 1.2,
        },
        # Good tooling, but nobody has mapped which skills the company will need.
        indicator_shifts={"ex_smart_online_learning": 0.4, "st_skill_gaps": -0.4},
    ),
)


@dataclass(frozen=True)
class Indicator:
    """The parts of a rubric indicator the generator needs."""

    id: str
    dimension: str
    reverse: bool
    allow_na: bool
    scale_min: int
    scale_max: int
    dont_know: bool = False  # "don't know" possible: an organization-level item on a DK scale


class RubricError(ValueError):
    """The rubric file does not have the expected shape."""


def _require_list(doc: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = doc.get(key)
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise RubricError(f"rubric key {key!r} must be a list of mappings")
    return value


def _require_bool(value: Any, what: str) -> bool:
    if not isinstance(value, bool):
        raise RubricError(f"{what} must be true or false, got {value!r}")
    return value


def load_indicators(path: Path) -> list[Indicator]:
    """Read the indicators (in rubric order) with their dimension, keying and scale."""
    with path.open(encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    if not isinstance(doc, dict):
        raise RubricError(f"{path}: top level must be a mapping")

    scales: dict[str, tuple[int, int, bool, bool]] = {}
    for scale in _require_list(doc, "scales"):
        sid, lo, hi = scale.get("id"), scale.get("min"), scale.get("max")
        if not isinstance(sid, str):
            raise RubricError(f"scale without a string id: {scale!r}")
        if isinstance(lo, bool) or isinstance(hi, bool):
            raise RubricError(f"scale {sid!r}: min and max must be integers")
        if not isinstance(lo, int) or not isinstance(hi, int) or lo >= hi:
            raise RubricError(f"scale {sid!r}: min and max must be integers with min < max")
        allow_na = _require_bool(scale.get("allow_na", False), f"scale {sid!r} allow_na")
        dont_know = _require_bool(scale.get("dont_know", False), f"scale {sid!r} dont_know")
        scales[sid] = (lo, hi, allow_na, dont_know)

    dimension_ids = {str(dim.get("id")) for dim in _require_list(doc, "dimensions")}

    indicators: list[Indicator] = []
    seen: set[str] = set(META_COLUMNS)
    for item in _require_list(doc, "indicators"):
        iid, dim, scale_id = item.get("id"), item.get("dimension"), item.get("scale")
        if not isinstance(iid, str) or not iid:
            raise RubricError(f"indicator without a string id: {item!r}")
        if iid in seen:
            raise RubricError(f"indicator id {iid!r} is duplicated or clashes with a meta column")
        seen.add(iid)
        if dim not in dimension_ids:
            raise RubricError(f"indicator {iid!r}: unknown dimension {dim!r}")
        if scale_id not in scales:
            raise RubricError(f"indicator {iid!r}: unknown scale {scale_id!r}")
        lo, hi, scale_na, scale_dk = scales[scale_id]
        reverse = _require_bool(item.get("reverse", False), f"indicator {iid!r} reverse")
        raw_na = item.get("allow_na")
        allow_na = _require_bool(
            scale_na if raw_na is None else raw_na, f"indicator {iid!r} allow_na"
        )
        dont_know = scale_dk and item.get("referent") in DK_REFERENTS
        indicators.append(Indicator(iid, str(dim), reverse, allow_na, lo, hi, dont_know))
    if not indicators:
        raise RubricError(f"{path}: the rubric has no indicators")
    return indicators


def _largest_remainder(total: int, shares: Sequence[float]) -> npt.NDArray[np.int64]:
    """Split ``total`` into integer parts proportional to ``shares`` (deterministic)."""
    weights = np.asarray(shares, dtype=np.float64)
    exact = total * weights / weights.sum()
    sizes: npt.NDArray[np.int64] = np.floor(exact).astype(np.int64)
    order = np.argsort(-(exact - sizes), kind="stable")
    sizes[order[: total - int(sizes.sum())]] += 1
    return sizes


def _na_rate(indicator_id: str) -> float:
    parts = set(indicator_id.lower().replace("-", "_").split("_"))
    for keyword, rate in NA_RATE_BY_KEYWORD:
        if keyword in parts:
            return rate
    return NA_RATE


def generate(indicators: Sequence[Indicator], seed: int, dont_know: float = 0.0) -> list[list[str]]:
    """Return the CSV rows (header first) for the given indicators and seed; ``dont_know`` is
    the probability of a "don't know" answer in the columns that offer it."""
    dims = sorted({ind.dimension for ind in indicators})
    for org in ORGANIZATIONS:
        missing = [d for d in dims if d not in org.maturity]
        if missing:
            raise RubricError(f"no latent maturity for dimension(s) {missing} in {org.name}")

    # Independent random streams, so that e.g. a change of the indicator list does not reshuffle
    # which respondents are managers.
    # A fifth stream for "don't know": spawn(5)'s first four children are spawn(4)'s, so files
    # made before it existed are reproduced byte for byte.
    structure_rng, indicator_rng, value_rng, missing_rng, dont_know_rng = (
        np.random.default_rng(child) for child in np.random.SeedSequence(seed).spawn(5)
    )

    # --- organization structure: teams, roles, drop-outs ------------------------------------
    org_idx_parts: list[npt.NDArray[np.int64]] = []
    team_idx_parts: list[npt.NDArray[np.int64]] = []
    manager_parts: list[npt.NDArray[np.bool_]] = []
    team_names: list[str] = []
    manager_gap_by_org = np.array([org.manager_gap for org in ORGANIZATIONS])
    for o, org in enumerate(ORGANIZATIONS):
        sizes = _largest_remainder(org.n_respondents, [share for _, share in org.teams])
        if (sizes < 3).any():
            raise ValueError(f"{org.name}: every team needs at least three respondents")
        local_team = structure_rng.permutation(np.repeat(np.arange(len(org.teams)), sizes))
        is_manager = np.zeros(org.n_respondents, dtype=np.bool_)
        for t, size in enumerate(sizes):
            n_managers = max(1, round(org.manager_share * int(size)))
            members = np.flatnonzero(local_team == t)
            is_manager[structure_rng.choice(members, size=n_managers, replace=False)] = True
        org_idx_parts.append(np.full(org.n_respondents, o, dtype=np.int64))
        team_idx_parts.append(local_team + len(team_names))
        manager_parts.append(is_manager)
        team_names.extend(name for name, _ in org.teams)
    org_idx = np.concatenate(org_idx_parts)
    team_idx = np.concatenate(team_idx_parts)
    manager = np.concatenate(manager_parts)
    n_resp, n_ind = org_idx.size, len(indicators)

    # --- latent values ----------------------------------------------------------------------
    dim_idx = np.array([dims.index(ind.dimension) for ind in indicators])
    maturity = np.array([[org.maturity[d] for d in dims] for org in ORGANIZATIONS])
    shifts = np.array(
        [[org.indicator_shifts.get(ind.id, 0.0) for ind in indicators] for org in ORGANIZATIONS]
    )
    difficulty = indicator_rng.normal(0.0, DIFFICULTY_SD, n_ind)
    for d in range(len(dims)):  # centre within each dimension: org maturity = dimension mean
        in_dim = dim_idx == d
        difficulty[in_dim] -= difficulty[in_dim].mean()
    team_effect = value_rng.normal(0.0, TEAM_SD, len(team_names))
    person_effect = value_rng.normal(0.0, PERSON_SD, n_resp)
    noise = value_rng.normal(0.0, NOISE_SD, (n_resp, n_ind))
    latent = (
        maturity[org_idx][:, dim_idx]
        + shifts[org_idx]
        + team_effect[team_idx][:, None]
        + person_effect[:, None]
        + (manager_gap_by_org[org_idx] * manager)[:, None]
        - difficulty[None, :]
        + noise
    )

    # --- ordinal answers: K categories, thresholds tau_k = k - K/2 (k = 1..K-1) ---------------
    lo = np.array([ind.scale_min for ind in indicators], dtype=np.int64)
    hi = np.array([ind.scale_max for ind in indicators], dtype=np.int64)
    n_cat = hi - lo + 1
    k = np.arange(1, int(n_cat.max()), dtype=np.float64)
    thresholds = np.where(k[None, :] < n_cat[:, None], k[None, :] - n_cat[:, None] / 2, np.inf)
    category = (latent[:, :, None] > thresholds[None, :, :]).sum(axis=2)
    answer = lo[None, :] + category  # high = mature
    reverse = np.array([ind.reverse for ind in indicators])
    answer = np.where(reverse[None, :], lo[None, :] + hi[None, :] - answer, answer)

    # --- missingness ------------------------------------------------------------------------
    allow_na = np.array([ind.allow_na for ind in indicators])
    na_rate = np.array([_na_rate(ind.id) for ind in indicators])
    is_na = allow_na[None, :] & (missing_rng.random((n_resp, n_ind)) < na_rate[None, :])
    is_blank = missing_rng.random((n_resp, n_ind)) < BLANK_RATE
    stop = np.full(n_resp, n_ind, dtype=np.int64)  # first column left blank by a drop-out
    first = max(1, int(np.ceil(DROPOUT_START * n_ind)))
    last = max(first, int(np.floor(DROPOUT_END * n_ind)))
    for o, org in enumerate(ORGANIZATIONS):
        who = missing_rng.choice(np.flatnonzero(org_idx == o), size=org.n_dropouts, replace=False)
        stop[who] = missing_rng.integers(first, last, size=org.n_dropouts, endpoint=True)
    dropped = np.arange(n_ind)[None, :] >= stop[:, None]

    offers_dk = np.array([ind.dont_know for ind in indicators])
    is_dk = offers_dk[None, :] & ~is_na & (dont_know_rng.random((n_resp, n_ind)) < dont_know)

    cells = answer.astype(str)
    cells = np.where(is_na, NA_TOKEN, cells)
    cells = np.where(is_dk, DK_TOKEN, cells)
    cells = np.where(is_blank | dropped, "", cells)

    # --- rows -------------------------------------------------------------------------------
    rows: list[list[str]] = [[*META_COLUMNS, *(ind.id for ind in indicators)]]
    counters = [0] * len(ORGANIZATIONS)
    for r in range(n_resp):
        org = ORGANIZATIONS[int(org_idx[r])]
        counters[int(org_idx[r])] += 1
        rows.append(
            [
                f"{org.id_prefix}-{counters[int(org_idx[r])]:04d}",
                org.name,
                team_names[int(team_idx[r])],
                "manager" if manager[r] else "employee",
                *(str(cell) for cell in cells[r]),
            ]
        )
    return rows


def default_out(rubric: Path) -> Path:
    """``example-responses.csv`` for version 1.0.0, ``example-responses-<version>.csv``
    otherwise, in the package's data folder."""
    with rubric.open(encoding="utf-8") as fh:
        version = str((yaml.safe_load(fh) or {}).get("version"))
    name = "example-responses.csv" if version == "1.0.0" else f"example-responses-{version}.csv"
    return DATA_DIR / name


def write_csv(rows: Sequence[Sequence[str]], out: Path) -> None:
    """Write ``rows`` as UTF-8 CSV with ``\\n`` line endings."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--rubric",
        type=Path,
        default=DEFAULT_RUBRIC,
        help="rubric YAML file (default: %(default)s)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="CSV file to write (default: src/lomaturity/data/example-responses[-VERSION].csv)",
    )
    parser.add_argument(
        "--dont-know",
        type=float,
        default=DEFAULT_DONT_KNOW,
        help='probability of a "DK" answer in organization-level columns (default: %(default)s)',
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="random seed (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    try:
        indicators = load_indicators(args.rubric)
        rows = generate(indicators, args.seed, args.dont_know)
        out = args.out or default_out(args.rubric)
    except (OSError, yaml.YAMLError, RubricError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    write_csv(rows, out)
    print(f"wrote {len(rows) - 1} respondents x {len(indicators)} indicators to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
