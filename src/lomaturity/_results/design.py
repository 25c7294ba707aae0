"""Survey-design results: response rate, finite-population correction, post-stratification
weights and the design effect of one organization's scores (docs/survey-design.md)."""

from __future__ import annotations

from typing import Any

from attrs import frozen

from .._format import rounded
from .._model.population import Population
from .tables import Record, Tabular, design_records


@frozen
class DesignOptions:
    """The survey-design options of one scoring call, validated (``_stats/options.py``).

    Attributes:
        population: headcounts (and strata) per organization, or ``None``.
        cluster: the per-respondent column resampled as clusters (``"team"``), or ``None``.
        fpc: apply the finite-population correction when a headcount is known.
    """

    population: Population | None = None
    cluster: str | None = None
    fpc: bool = True

    @property
    def weighted(self) -> bool:
        """Whether post-stratification weights are asked for (a population with strata)."""
        return self.population is not None and self.population.by is not None


@frozen
class StratumWeight:
    """One post-stratification cell of an organization.

    Attributes:
        stratum: the value of the stratum column (e.g. ``"manager"``).
        headcount: people in the stratum.
        respondents: respondents in it (rows with at least one on-scale answer).
        weight: each of its respondents' weight, ``(N_h / N) / (n_h / n)`` (1: represented
            as in the population; ``None`` when it has no respondents).
        response_rate: ``respondents / headcount`` in 0-1 (``None`` when the headcount is 0).
    """

    stratum: str
    headcount: int
    respondents: int
    weight: float | None
    response_rate: float | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping, figures rounded."""
        return {
            "stratum": self.stratum,
            "headcount": self.headcount,
            "respondents": self.respondents,
            "weight": rounded(self.weight),
            "response_rate": rounded(self.response_rate),
        }


@frozen(hash=False)
class SurveyDesign(Tabular):
    """How one organization's respondents were treated as a sample of its people.

    ``to_records()`` is the ``design`` table (docs/tables.md).

    Attributes:
        rubric_key: ``id@version`` of the rubric scored against.
        organization: the organization's name.
        headcount: people in the organization (``N``; ``None``: no headcount given).
        respondents: respondents scored (``n``, rows with an on-scale answer).
        response_rate: ``n / N`` in 0-1 (``None`` without a headcount).
        fpc: the finite-population factor ``sqrt(1 - n / N)`` that multiplied the overall
            score's bootstrap deviations (each score uses its own ``n``; with strata and no
            clusters each stratum's deviations are scaled by its own
            ``sqrt(1 - n_h / N_h)`` instead, the rescaling bootstrap of Rao & Wu 1988);
            ``None`` when not applied (``fpc=False`` or no headcount).
        weighted_by: the column of the post-stratification weights, or ``None``.
        strata: the post-stratification cells, in population order.
        effective_n: Kish's effective sample size ``(sum w)^2 / sum w^2`` of the weights
            (``n`` when unweighted).
        cluster: the column whose values were resampled as clusters (``"team"``), or ``None``.
        n_clusters: clusters among the respondents (respondents without a value are each
            their own cluster).
        design_effect: variance of the overall score's bootstrap draws under this design
            over their variance under simple random sampling of as many respondents, both
            with the finite-population correction when it applies (Kish 1965); ``None``
            without weights or clusters.
        method: one line naming the resampling scheme.
    """

    TABLE = "design"

    rubric_key: str
    organization: str
    headcount: int | None
    respondents: int
    response_rate: float | None
    fpc: float | None
    weighted_by: str | None
    strata: tuple[StratumWeight, ...]
    effective_n: float
    cluster: str | None
    n_clusters: int | None
    design_effect: float | None
    method: str

    def to_records(self) -> list[Record]:
        """The ``design`` table: the organization's row, then one row per stratum."""
        return design_records(self)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping, figures rounded."""
        return {
            "headcount": self.headcount,
            "respondents": self.respondents,
            "response_rate": rounded(self.response_rate),
            "fpc": rounded(self.fpc),
            "weighted_by": self.weighted_by,
            "strata": [s.to_dict() for s in self.strata],
            "effective_n": rounded(self.effective_n),
            "cluster": self.cluster,
            "n_clusters": self.n_clusters,
            "design_effect": rounded(self.design_effect),
            "method": self.method,
        }
