"""Response-quality records: straightlining and acquiescence per respondent, counts per
organization (docs/response-quality.md). No computation here: ``_stats/quality.py`` fills
them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
from attrs import cmp_using, field, frozen

from .._format import rounded
from .._frozen import frozen_dict
from .common import OrganizationMapping, ScreenMode
from .tables import Record, Tabular, concatenated, quality_records

Float = npt.NDArray[np.float64]
Bool = npt.NDArray[np.bool_]
Int = npt.NDArray[np.int64]


def _readonly(array: npt.ArrayLike) -> npt.NDArray[Any]:
    out = np.array(array, copy=True)
    out.setflags(write=False)
    return out


def _same(a: npt.NDArray[Any], b: npt.NDArray[Any]) -> bool:
    """Arrays equal in shape and values (NaN equal to NaN)."""
    return bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f" and b.dtype.kind == "f"))


_BY_VALUE = cmp_using(eq=_same)
"""Array fields compare by value (attrs would compare them element-wise)."""


@frozen
class QualityRule:
    """The thresholds a screening used (docs/response-quality.md).

    Attributes:
        straightline_min_items: a respondent is straightlining when they gave the same raw
            answer (same position on the scale) to every item they answered, over at least
            this many on-scale answers.
        acquiescence_threshold: a respondent is acquiescent when the mean raw position of
            their answers to regular items and to reverse-keyed items are both above the
            scale midpoint (50 on 0-100) and their acquiescence index (the mean of the two,
            minus 50) is at least this many points.
        notice_share: an organization whose flagged share (0-1) is at least this gets a
            ``response_quality`` notice.
    """

    straightline_min_items: int
    acquiescence_threshold: float
    notice_share: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "straightline_min_items": self.straightline_min_items,
            "acquiescence_threshold": self.acquiescence_threshold,
            "notice_share": self.notice_share,
        }


@frozen(hash=False)
class OrganizationQuality(Tabular):
    """Response quality of one organization's respondents.

    Per-respondent columns are read-only numpy arrays in the order of ``respondent_ids``
    (the organization's rows ordered by respondent id). Raw positions are the answers on
    0-100 *before* reverse keying (0 the scale minimum, 50 its midpoint, 100 its maximum);
    NaN where a respondent has no answer to count.

    Attributes:
        rubric_key: ``id@version`` of the rubric.
        organization: the organization.
        screen: ``"flag"`` (flagged respondents kept in the scores) or ``"exclude"``.
        rule: the thresholds used.
        acquiescence_estimable: ``False`` when the rubric has no reverse-keyed indicator
            (or no regular one): acquiescence cannot then be told apart from agreement.
        reason: why acquiescence cannot be estimated, when it cannot.
        respondent_ids: the respondents.
        n_items: on-scale answers of each respondent.
        modal_share: share (0-1) of a respondent's answers on their most frequent raw answer.
        answer_sd: within-person standard deviation (``ddof=0``) of the raw positions.
        regular_mean, reverse_mean: mean raw position over the regular and over the
            reverse-keyed items answered.
        acquiescence: ``(regular_mean + reverse_mean) / 2 - 50``, in -50..50 points.
        straightlining, acquiescent: the flags.
        n_excluded: flagged respondents left out of the scores (0 with ``"flag"``; also 0
            with ``"exclude"`` when every respondent with an answer was flagged: nothing
            would be left to score).
    """

    TABLE = "quality"

    rubric_key: str
    organization: str
    screen: ScreenMode
    rule: QualityRule
    acquiescence_estimable: bool
    reason: str | None
    respondent_ids: tuple[str, ...]
    n_items: Int = field(converter=_readonly, eq=_BY_VALUE)
    modal_share: Float = field(converter=_readonly, eq=_BY_VALUE)
    answer_sd: Float = field(converter=_readonly, eq=_BY_VALUE)
    regular_mean: Float = field(converter=_readonly, eq=_BY_VALUE)
    reverse_mean: Float = field(converter=_readonly, eq=_BY_VALUE)
    acquiescence: Float = field(converter=_readonly, eq=_BY_VALUE)
    straightlining: Bool = field(converter=_readonly, eq=_BY_VALUE)
    acquiescent: Bool = field(converter=_readonly, eq=_BY_VALUE)
    n_excluded: int = 0

    @property
    def flagged(self) -> Bool:
        """Respondents flagged for either reason."""
        out: Bool = self.straightlining | self.acquiescent
        return out

    @property
    def n_respondents(self) -> int:
        """Respondents screened (rows of the organization)."""
        return len(self.respondent_ids)

    @property
    def n_answering(self) -> int:
        """Respondents with at least one on-scale answer (the others have no indices)."""
        return int((self.n_items > 0).sum())

    @property
    def n_straightlining(self) -> int:
        """Respondents flagged for straightlining."""
        return int(self.straightlining.sum())

    @property
    def n_acquiescent(self) -> int:
        """Respondents flagged as acquiescent."""
        return int(self.acquiescent.sum())

    @property
    def n_flagged(self) -> int:
        """Respondents flagged for either reason (counted once)."""
        return int(self.flagged.sum())

    @property
    def flagged_share(self) -> float:
        """``n_flagged / n_respondents`` (0-1; 0 with no respondent)."""
        return self.n_flagged / self.n_respondents if self.n_respondents else 0.0

    @property
    def flagged_ids(self) -> tuple[str, ...]:
        """Ids of the flagged respondents."""
        return tuple(
            r for r, f in zip(self.respondent_ids, self.flagged.tolist(), strict=True) if f
        )

    def to_records(self) -> list[Record]:
        """The ``quality`` table (docs/tables.md): one organization row, then one row per
        respondent."""
        return quality_records(self)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping: the counts, the rule and the flagged respondents with their
        indices (every respondent's indices: :meth:`to_records`)."""
        flagged = np.flatnonzero(self.flagged)
        return {
            "organization": self.organization,
            "screen": self.screen,
            "n_respondents": self.n_respondents,
            "n_straightlining": self.n_straightlining,
            "n_acquiescent": self.n_acquiescent,
            "n_flagged": self.n_flagged,
            "flagged_share": rounded(self.flagged_share),
            "n_excluded": self.n_excluded,
            "acquiescence_estimable": self.acquiescence_estimable,
            "reason": self.reason,
            "rule": self.rule.to_dict(),
            "flagged": [
                {
                    "respondent": self.respondent_ids[i],
                    "straightlining": bool(self.straightlining[i]),
                    "acquiescent": bool(self.acquiescent[i]),
                    "n_items": int(self.n_items[i]),
                    "modal_share": rounded(_opt(self.modal_share[i])),
                    "acquiescence": rounded(_opt(self.acquiescence[i])),
                }
                for i in flagged.tolist()
            ],
        }

    def __repr__(self) -> str:
        return (
            f"OrganizationQuality({self.organization!r}, flagged {self.n_flagged} of "
            f"{self.n_respondents}: {self.n_straightlining} straightlining, "
            f"{self.n_acquiescent} acquiescent, screen={self.screen!r})"
        )


def _opt(value: float) -> float | None:
    return None if value != value else float(value)


@frozen(hash=False)
class ResponseQuality(OrganizationMapping[OrganizationQuality], Tabular):
    """Response quality of every organization of a call, by organization name (see
    :class:`OrganizationQuality`); from :func:`lomaturity.response_quality` or, one
    organization at a time, ``report.quality``."""

    TABLE = "quality"

    rubric_key: str
    screen: ScreenMode
    rule: QualityRule
    acquiescence_estimable: bool
    reason: str | None
    organizations: Mapping[str, OrganizationQuality] = field(converter=frozen_dict)

    def _entries(self) -> Mapping[str, OrganizationQuality]:
        return self.organizations

    @property
    def n_flagged(self) -> int:
        """Flagged respondents over every organization."""
        return sum(o.n_flagged for o in self.organizations.values())

    def to_records(self) -> list[Record]:
        """The ``quality`` table of every organization, one after the other."""
        return concatenated(self.organizations.values())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping: the rule once, then each organization's counts."""
        return {
            "rubric": self.rubric_key,
            "screen": self.screen,
            "rule": self.rule.to_dict(),
            "acquiescence_estimable": self.acquiescence_estimable,
            "reason": self.reason,
            "organizations": {k: v.to_dict() for k, v in self.organizations.items()},
        }

    def __repr__(self) -> str:
        return (
            f"ResponseQuality({self.rubric_key}, {len(self.organizations)} organization(s), "
            f"{self.n_flagged} respondent(s) flagged, screen={self.screen!r})"
        )
