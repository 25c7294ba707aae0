"""Write the seeded data sets that ``scripts/r_multilevel_reference.R`` cross-checks.

Each data set is a CSV in ``tests/reference/``: ``org,respondent,<item>,...`` with one row
per respondent and an empty cell for a missing answer. Item columns are named
``<dimension>_<item>``; a trailing ``r`` marks a reverse-keyed item (``d2_i5r``). The answer
scale is ``1..A`` with ``A`` given below (and recorded by the R script in the reference JSON).

Data sets:

- ``a``: 5-point scale, 8 organizations of 2-40 respondents, two 5-item dimensions (one
  reverse-keyed item), no missing answers.
- ``b``: 5-point, 15 organizations of 2-40; some organizations answer at random (observed
  variance above the uniform null, so ``rwg`` truncates to 0), one answers all ``4``
  (zero variance, ``rwg = 1``); no missing answers.
- ``c``: 5-point, 10 organizations including one of a single respondent, 12 % missing
  answers, one respondent with no answer in ``d1``, one organization where ``d2_i2`` has a
  single answer and one where ``d1_i3`` has none.
- ``d``: 7-point, 6 organizations of 3-30, a 4-item and a 6-item dimension (one reverse-keyed).

The output depends only on the seed. Usage (from the repository root)::

    python scripts/make_multilevel_reference.py
    Rscript scripts/r_multilevel_reference.R
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "tests" / "reference"


def _answers(
    rng: np.random.Generator,
    sizes: list[int],
    items: list[str],
    points: int,
    random_groups: frozenset[int] = frozenset(),
    constant_groups: frozenset[int] = frozenset(),
) -> np.ndarray:
    """Ordinal answers: organization level + item offset + organization-specific spread."""
    offsets = rng.normal(0.0, 0.3, size=len(items))
    rows = []
    for g, size in enumerate(sizes):
        if g in random_groups:
            block = rng.integers(1, points + 1, size=(size, len(items))).astype(float)
        elif g in constant_groups:
            block = np.full((size, len(items)), float(points - 1))
        else:
            level = rng.normal((points + 1) / 2 + 0.4, 0.7 * (points - 1) / 4)
            spread = rng.uniform(0.3, 1.5) * (points - 1) / 4
            latent = level + offsets + spread * rng.normal(size=(size, len(items)))
            block = np.clip(np.rint(latent), 1, points)
            reverse = np.array([name.endswith("r") for name in items])
            block[:, reverse] = points + 1 - block[:, reverse]
        rows.append(block)
    return np.vstack(rows)


def _write(name: str, sizes: list[int], items: list[str], values: np.ndarray) -> None:
    path = OUT / f"multilevel_{name}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["org", "respondent", *items])
        row = 0
        for g, size in enumerate(sizes):
            for _ in range(size):
                cells = ["" if np.isnan(v) else str(int(v)) for v in values[row]]
                writer.writerow([f"g{g + 1:02d}", f"r{row + 1:04d}", *cells])
                row += 1
    print(f"wrote {path} ({len(sizes)} organizations, {sum(sizes)} respondents)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20240611)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    OUT.mkdir(parents=True, exist_ok=True)

    five = [f"d1_i{j}" for j in range(1, 6)] + [f"d2_i{j}" for j in range(1, 5)] + ["d2_i5r"]

    sizes_a = [int(s) for s in rng.integers(2, 41, size=8)]
    _write("a", sizes_a, five, _answers(rng, sizes_a, five, 5))

    sizes_b = [int(s) for s in rng.integers(2, 41, size=15)]
    values_b = _answers(
        rng, sizes_b, five, 5, random_groups=frozenset({2, 7, 11}), constant_groups=frozenset({5})
    )
    _write("b", sizes_b, five, values_b)

    sizes_c = [int(s) for s in rng.integers(2, 41, size=10)]
    sizes_c[4] = 1
    values_c = _answers(rng, sizes_c, five, 5)
    values_c[rng.random(values_c.shape) < 0.12] = np.nan
    starts = np.concatenate(([0], np.cumsum(sizes_c)[:-1]))
    values_c[starts[0] + 1, :5] = np.nan  # a respondent without answers in d1
    g = 2  # d2_i2 answered by one respondent only
    values_c[starts[g] : starts[g] + sizes_c[g], 6] = np.nan
    values_c[starts[g], 6] = 3.0
    g = 6  # d1_i3 answered by nobody
    values_c[starts[g] : starts[g] + sizes_c[g], 2] = np.nan
    _write("c", sizes_c, five, values_c)

    seven = [f"d1_i{j}" for j in range(1, 5)] + [f"d2_i{j}" for j in range(1, 6)] + ["d2_i6r"]
    sizes_d = [int(s) for s in rng.integers(3, 31, size=6)]
    _write("d", sizes_d, seven, _answers(rng, sizes_d, seven, 7))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
