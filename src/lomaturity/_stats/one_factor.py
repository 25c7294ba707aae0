"""The one-factor model behind McDonald's omega: minimum-residual (minres) factoring of a
correlation matrix, as psych's ``fa(fm = "minres", nfactors = 1)`` with its ``smc`` start.

Principal-axis iterations from the squared multiple correlations, finished with Newton steps;
several starting directions are tried so that a tie between equally good solutions is
detected (then the fit is not ``identified``) instead of decided by rounding.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from .aggregate import Float

HEYWOOD_BOUND = 0.995
"""Largest communality of the one-factor model (psych's minres bounds uniquenesses at .005)."""

_NEWTON_STEPS = 50
"""Newton steps tried to finish a one-factor fit."""

_POLISH = 1e-6
"""Principal-axis iterations hand over to Newton steps once they change ``h2`` this little."""

_PINV_TOL = math.sqrt(np.finfo(np.float64).eps)
"""Eigenvalues of a correlation matrix below this share of its largest (in absolute value)
count as zero in the squared multiple correlations (psych's ``Pinv`` tolerance, ~1.5e-8).
An exactly singular matrix shows ~1e-16 there: rounding stays far from the threshold."""

_TIE = 1e-8
"""Relative tolerance under which two eigenvalues, or two one-factor misfits or sums of
squared loadings, count as equal: far above rounding error (~1e-15), far below the
differences real data produce."""


def _smc(r: Float) -> Float:
    """Squared multiple correlations ``1 - 1 / diag(R^+)``, as psych's ``smc``: ``R^+`` is
    the pseudo-inverse that drops eigenvalues below ``_PINV_TOL`` of the largest (a
    scale-free test, and the plain inverse when ``R`` is not singular); results are clipped
    to ``[0, 1]``."""
    values, vectors = np.linalg.eigh(r)
    kept = np.abs(values) > _PINV_TOL * float(np.max(np.abs(values)))
    inverse_diag = (vectors[:, kept] ** 2 / values[kept]).sum(1)
    with np.errstate(divide="ignore"):
        out: Float = np.clip(1.0 - 1.0 / inverse_diag, 0.0, 1.0)
    return out


def _paf_step(r: Float, h2: Float, jacobian: bool = False) -> tuple[Float, float, Float | None]:
    """One principal-axis step: eigen-decompose ``r`` with ``h2`` on the diagonal.

    Returns ``(loadings, misfit, jacobian)``: the first eigenvector scaled by the root of
    its eigenvalue; ``misfit``, the sum of the other eigenvalues squared (the least-squares
    misfit ``||R_h2 - loadings loadings'||^2`` that principal-axis iterations decrease); and
    ``d loadings**2 / d h2`` from first-order eigen perturbation theory (when asked for).
    """
    k = r.shape[0]
    reduced = r.copy()
    reduced[np.diag_indices(k)] = h2
    values, vectors = np.linalg.eigh(reduced)
    top, u = float(values[-1]), vectors[:, -1]
    loadings: Float = u * math.sqrt(max(top, 0.0))
    misfit = float((values[:-1] ** 2).sum()) + (top**2 if top < 0 else 0.0)
    if not jacobian:
        return loadings, misfit, None
    gap = top - values[:-1]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        m = (vectors[:, :-1] / gap) @ vectors[:, :-1].T  # sum_j u_j u_j' / (v_top - v_j)
        jac: Float = np.outer(u**2, u**2) + 2.0 * max(top, 0.0) * (u[:, None] * m) * u
    return loadings, misfit, jac


def _newton(r: Float, h2: Float, tol: float) -> Float | None:
    """Newton iterations on ``min(loadings(h2)**2, bound) - h2 = 0`` from ``h2``
    (communalities at the bound held there); ``None`` unless they converge."""
    loadings, _, jacobian = _paf_step(r, h2, jacobian=True)
    for _ in range(_NEWTON_STEPS):
        residual = np.minimum(loadings**2, HEYWOOD_BOUND) - h2
        if float(np.max(np.abs(residual))) < tol:
            return h2
        free = loadings**2 < HEYWOOD_BOUND
        newton = np.full_like(h2, HEYWOOD_BOUND)
        if free.any() and jacobian is not None:
            system = jacobian[np.ix_(free, free)] - np.eye(int(free.sum()))
            try:
                with np.errstate(all="ignore"):
                    newton[free] = h2[free] - np.linalg.solve(system, residual[free])
            except np.linalg.LinAlgError:
                return None
        if not np.all(np.isfinite(newton)):
            return None
        h2 = np.clip(newton, 0.0, HEYWOOD_BOUND)
        loadings, _, jacobian = _paf_step(r, h2, jacobian=True)
    return None


class OneFactorFit(NamedTuple):
    """A one-factor minres solution, from :func:`one_factor_minres`.

    Attributes:
        loadings: the loadings (non-negative sum).
        converged: the fixed-point iterations converged.
        heywood: an item's communality sits at ``HEYWOOD_BOUND``.
        identified: ``False`` when equally good solutions give different sums of squared
            loadings (hence different omegas): the fit does not determine omega.
    """

    loadings: Float
    converged: bool
    heywood: bool
    identified: bool = True


def _iterate(r: Float, h2: Float, tol: float, max_iter: int) -> tuple[Float, float, bool]:
    """Principal-axis iterations from communalities ``h2``, finished by Newton steps; returns
    ``(h2, misfit, converged)`` (see :func:`one_factor_minres`)."""
    converged = polished = False
    for _ in range(max_iter):
        loadings, misfit, _ = _paf_step(r, h2)
        target = np.minimum(loadings**2, HEYWOOD_BOUND)
        change = float(np.max(np.abs(target - h2)))
        h2 = target
        if change < tol:
            converged = True
            break
        if change < _POLISH and not polished:
            polished = True
            solution = _newton(r, h2, tol)
            if solution is not None and _paf_step(r, solution)[1] <= misfit + 1e-12:
                h2, converged = solution, True
                break
    return h2, _paf_step(r, h2)[1], converged


def _starts(r: Float) -> list[Float]:
    """Starting communalities: the squared multiple correlations, or, when the largest
    eigenvalue of ``R`` with them on the diagonal is tied (within ``_TIE``), one first
    principal-axis step per item along the projection of that item's axis on the tied
    eigenspace: which first factor to take is then up to the data, not to rounding."""
    k = r.shape[0]
    h2 = np.minimum(_smc(r), HEYWOOD_BOUND)
    reduced = r.copy()
    reduced[np.diag_indices(k)] = h2
    values, vectors = np.linalg.eigh(reduced)
    top = float(values[-1])
    tied = values >= top - _TIE * max(1.0, abs(top))
    if tied.sum() == 1:
        return [h2]
    projection = vectors[:, tied] @ vectors[:, tied].T  # the same for any basis of the space
    norms = np.sqrt(np.diag(projection))
    return [
        np.minimum(projection[:, j] ** 2 / norms[j] ** 2 * max(top, 0.0), HEYWOOD_BOUND)
        for j in range(k)
        if norms[j] > math.sqrt(_TIE)
    ]


def one_factor_minres(r: Float, *, tol: float = 1e-13, max_iter: int = 100_000) -> OneFactorFit:
    """Loadings of a one-factor minres (unweighted least squares) model of correlations ``r``.

    The minres solution is the fixed point of principal-axis factoring: put communalities
    ``h2`` on the diagonal, take the first eigenpair ``(v, u)``, loadings ``u * sqrt(v)``,
    and ``h2 = loadings**2`` again; there the diagonal residuals vanish and the off-diagonal
    ones are least squares (Harman 1976). The iterations start from squared multiple
    correlations and decrease the least-squares misfit at every step; once they change
    ``h2`` by less than ``_POLISH``, Newton steps on the fixed-point equation finish the
    job (kept only if they converge without raising the misfit), else the iterations run
    on until ``h2`` changes by less than ``tol``. Communalities are kept at most
    ``HEYWOOD_BOUND`` (uniqueness at least .005, psych's bound); the loadings are those of
    the final eigen step, as psych reports them (one can then exceed the bound's root).

    When the first eigenvalue at the start is tied (symmetric correlations, e.g. from a
    few respondents), the first step has no preferred direction and rounding error would
    pick one: the fit is then run from every item's direction in the tied eigenspace
    (:func:`_starts`) and the smallest misfit kept; if equally small misfits come with
    different sums of squared loadings, the solution is not ``identified``.
    """
    fits = [_iterate(r, h2, tol, max_iter) for h2 in _starts(r)]
    done = [fit for fit in fits if fit[2]] or fits
    best = min(fit[1] for fit in done)
    equal = [fit for fit in done if fit[1] <= best + _TIE * max(1.0, best)]
    steps = [_paf_step(r, fit[0])[0] for fit in equal]
    sums = [float((loadings**2).sum()) for loadings in steps]
    heywood = [bool(np.any(loadings**2 >= HEYWOOD_BOUND)) for loadings in steps]
    identified = max(sums) - min(sums) <= _TIE * max(1.0, max(sums)) and len(set(heywood)) == 1
    loadings = -steps[0] if steps[0].sum() < 0 else steps[0]
    return OneFactorFit(loadings, equal[0][2], heywood[0], identified)
