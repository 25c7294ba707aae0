"""Write the data sets behind the psych cross-check of lomaturity's reliability figures.

Each data set is a CSV file ``tests/reference/psych_<name>.csv`` (header ``V1,V2,...``,
empty cell = missing). ``scripts/r_psych_reference.R`` reads them and writes psych's figures
to ``tests/reference/psych_reference.json``; ``tests/stats/test_reliability.py`` compares.

The files depend only on the seeds below: rerunning gives byte-identical files.

Usage (from the repository root)::

    python scripts/make_psych_reference.py
    Rscript scripts/r_psych_reference.R

Only numpy is required.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import numpy.typing as npt

Float = npt.NDArray[np.float64]

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "tests" / "reference"


def one_factor(rng: np.random.Generator, n: int, loadings: list[float]) -> Float:
    """``(n, k)`` standard-normal items loading ``loadings`` on one common factor."""
    lam = np.array(loadings)
    factor = rng.standard_normal((n, 1))
    noise = rng.standard_normal((n, lam.size)) * np.sqrt(np.clip(1.0 - lam**2, 0.0, None))
    out: Float = factor * lam + noise
    return out


def likert(z: Float, points: int = 5) -> Float:
    """Cut standard-normal values into ``points`` ordered categories ``1..points``."""
    cuts = np.array([-1.5, -0.5, 0.5, 1.5]) if points == 5 else np.linspace(-2, 2, points - 1)
    out: Float = (np.searchsorted(cuts, z) + 1).astype(np.float64)
    return out


def blank(rng: np.random.Generator, x: Float, rate: float) -> Float:
    """Blank cells completely at random (MCAR) at ``rate``."""
    out = x.copy()
    out[rng.random(x.shape) < rate] = np.nan
    return out


def datasets() -> dict[str, Float]:
    """name -> data (respondents x items, NaN = missing)."""
    out: dict[str, Float] = {}
    rng = np.random.default_rng(20240101)
    # 1. A clean five-item Likert scale, no missing answers.
    out["clean5"] = likert(one_factor(rng, 200, [0.8, 0.7, 0.6, 0.7, 0.5]))
    # 2. Six Likert items with 12% of the answers missing at random.
    rng = np.random.default_rng(20240102)
    out["missing6"] = blank(
        rng, likert(one_factor(rng, 150, [0.7, 0.6, 0.75, 0.5, 0.65, 0.6])), 0.12
    )
    # 3. Five Likert items, the third runs against the others (a reverse-keying mistake).
    rng = np.random.default_rng(20240103)
    out["reversed5"] = likert(one_factor(rng, 120, [0.7, 0.65, -0.6, 0.7, 0.55]))
    # 4. A small sample: 12 respondents, 4 Likert items.
    rng = np.random.default_rng(20240104)
    out["small4"] = likert(one_factor(rng, 12, [0.7, 0.6, 0.8, 0.5]))
    # 5. Seven continuous items on very different scales, 8% missing (raw != std alpha).
    rng = np.random.default_rng(20240105)
    z = one_factor(rng, 80, [0.8, 0.5, 0.6, 0.3, 0.7, 0.4, 0.6])
    scale = np.array([1.0, 10.0, 0.5, 25.0, 3.0, 7.0, 100.0])
    out["hetero7"] = blank(rng, np.round(z * scale + 50.0, 3), 0.08)
    # 6. Two items only (alpha defined, alpha-if-deleted is not).
    rng = np.random.default_rng(20240106)
    out["two2"] = likert(one_factor(rng, 60, [0.7, 0.6]))
    # 7. A Heywood case: one item correlates .85 with two items that correlate .5, so a
    #    one-factor model wants its communality above 1 (minres stops it at .995).
    rng = np.random.default_rng(20240107)
    target = np.array([[1.0, 0.85, 0.85], [0.85, 1.0, 0.5], [0.85, 0.5, 1.0]])
    z = rng.standard_normal((100, 3)) @ np.linalg.cholesky(target).T
    out["heywood3"] = np.round(z * 10.0 + 50.0, 3)
    return out


def write_csv(path: Path, x: Float) -> None:
    """``V1..Vk`` header, ``%.10g`` numbers, empty cells for missing values."""
    lines = [",".join(f"V{j + 1}" for j in range(x.shape[1]))]
    for row in x:
        lines.append(",".join("" if np.isnan(v) else f"{v:.10g}" for v in row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_csv(path: Path) -> Float:
    """Read a file written by :func:`write_csv` back into an array (NaN = missing)."""
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    out: Float = np.array(
        [[float(c) if c else np.nan for c in row.split(",")] for row in rows], dtype=np.float64
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output folder")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, x in datasets().items():
        write_csv(args.out / f"psych_{name}.csv", x)
        print(f"psych_{name}.csv: {x.shape[0]} x {x.shape[1]}, {int(np.isnan(x).sum())} missing")


if __name__ == "__main__":
    main()
