"""Response quality: straightlining and acquiescence per respondent (docs/response-quality.md).

Both indices read the *raw* answers: the position of each on-scale answer on its scale,
``100 * (x - min) / (max - min)`` before reverse keying (0 the scale minimum, 50 its
midpoint, 100 its maximum), so that agreeing is high whatever the item's keying.

- Straightlining (Kim et al. 2019; the long-string idea of Meade & Craig 2012): the share
  of a respondent's answers on their most frequent raw answer (``modal_share``) and the
  within-person standard deviation of the raw positions (``answer_sd``, ``ddof=0``). Flag:
  every answer the same (``modal_share == 1``, equivalently ``answer_sd == 0``) over at
  least :data:`STRAIGHTLINE_MIN_ITEMS` answers.
- Acquiescence (agreeing regardless of content; the acquiescence response style of
  Baumgartner & Steenkamp 2001, measured with reverse-keyed items as in Weijters, Geuens &
  Schillewaert 2010): ``regular_mean`` and ``reverse_mean`` are the mean raw positions over
  the regular and the reverse-keyed items answered; the index is
  ``(regular_mean + reverse_mean) / 2 - 50``, the mean agreement over the two keying
  directions weighted equally (a balanced set), minus the midpoint. A respondent who
  answers by content agrees with one direction and disagrees with the other, so the two
  means straddle 50 and the index is near 0. Flag: both means above 50 and the index at
  least :data:`ACQUIESCENCE_THRESHOLD` points. Without reverse-keyed items (or without
  regular ones) it cannot be estimated, and the result says so.

Everything is computed for all respondents at once (no Python loop per respondent).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from attrs import evolve, frozen

from .._model.notice import Notice
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._results.common import ScoringOptions, ScreenMode
from .._results.quality import OrganizationQuality, QualityRule, ResponseQuality
from .._results.report import Report
from .aggregate import Bool, Float
from .options import raise_errors, screen_error
from .prepared import Prepared, check_types, organization_rows, prepare

Int = npt.NDArray[np.int64]

STRAIGHTLINE_MIN_ITEMS = 6
"""Fewest on-scale answers over which identical answers count as straightlining."""

ACQUIESCENCE_THRESHOLD = 25.0
"""Acquiescence index (points on 0-100) from which a respondent agreeing with both keying
directions is flagged: on a 1-5 scale, a mean of "agree" (4) over both directions."""

NOTICE_SHARE = 0.10
"""Flagged share (0-1) of an organization's respondents from which its report gets a
``response_quality`` notice."""

RULE = QualityRule(
    straightline_min_items=STRAIGHTLINE_MIN_ITEMS,
    acquiescence_threshold=ACQUIESCENCE_THRESHOLD,
    notice_share=NOTICE_SHARE,
)
"""The thresholds every screening uses (docs/response-quality.md)."""

_DECIMALS = 6
"""Raw positions are compared after rounding to this many decimals (0-100 scale)."""


@frozen(eq=False)
class Indices:
    """Per-respondent indices of every row, ``(N,)`` each (see the module docstring)."""

    n_items: Int
    modal_share: Float
    answer_sd: Float
    regular_mean: Float
    reverse_mean: Float
    acquiescence: Float
    straightlining: Bool
    acquiescent: Bool

    @property
    def flagged(self) -> Bool:
        """Rows flagged for either reason."""
        out: Bool = self.straightlining | self.acquiescent
        return out


def raw_positions(prepared: Prepared) -> Float:
    """``(N, k)`` answers on 0-100 before reverse keying; NaN where not answered."""
    reverse = prepared.layout.reverse
    raw: Float = np.where(reverse, 100.0 - prepared.scores, prepared.scores)
    return np.round(raw, _DECIMALS)


def _mean(values: Float, mask: Bool, count: Float) -> Float:
    """Row means of ``values`` over ``mask`` (NaN where ``count`` is 0)."""
    total = np.where(mask, values, 0.0).sum(1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out: Float = np.where(count > 0, total / np.maximum(count, 1.0), np.nan)
    return out


def _modal_counts(positions: Float) -> Int:
    """Per row, the count of the most frequent raw answer (0 for a row with none): each row
    sorted (NaN last), then the longest run of equal values."""
    ordered = np.sort(positions, axis=1)
    k = ordered.shape[1]
    index = np.arange(k)
    # a run starts at column 0 and wherever a value differs from the one before it
    starts = np.ones(ordered.shape, dtype=np.bool_)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    run_start = np.maximum.accumulate(np.where(starts, index, 0), axis=1)
    runs = np.where(np.isnan(ordered), 0, index - run_start + 1)
    out: Int = runs.max(1, initial=0).astype(np.int64)
    return out


def respondent_indices(positions: Float, reverse: Bool) -> Indices:
    """The straightlining and acquiescence indices of every row of ``positions`` (raw
    positions, ``(N, k)``; ``reverse`` marks the reverse-keyed columns)."""
    answered = ~np.isnan(positions)
    n_items = answered.sum(1).astype(np.int64)
    count = n_items.astype(np.float64)
    mean = _mean(positions, answered, count)
    deviation = np.where(answered, positions - mean[:, None], 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        sd = np.where(count > 0, np.sqrt((deviation**2).sum(1) / np.maximum(count, 1.0)), np.nan)
        modal = np.where(count > 0, _modal_counts(positions) / count, np.nan)
    regular_mask, reverse_mask = answered & ~reverse, answered & reverse
    regular = _mean(positions, regular_mask, regular_mask.sum(1).astype(np.float64))
    reversed_ = _mean(positions, reverse_mask, reverse_mask.sum(1).astype(np.float64))
    acquiescence = (regular + reversed_) / 2.0 - 50.0
    with np.errstate(invalid="ignore"):
        acquiescent = (
            (regular > 50.0) & (reversed_ > 50.0) & (acquiescence >= ACQUIESCENCE_THRESHOLD)
        )
        straight = (n_items >= STRAIGHTLINE_MIN_ITEMS) & (modal >= 1.0)
    return Indices(
        n_items=n_items,
        modal_share=modal,
        answer_sd=sd,
        regular_mean=regular,
        reverse_mean=reversed_,
        acquiescence=acquiescence,
        straightlining=straight,
        acquiescent=acquiescent,
    )


def acquiescence_reason(reverse: Bool) -> str | None:
    """Why acquiescence cannot be estimated on a rubric with this keying, or ``None``."""
    if not reverse.any():
        return (
            "the rubric has no reverse-keyed indicator, so acquiescence (agreeing with "
            "both keying directions) cannot be told apart from agreement and is not "
            "estimated; only straightlining is screened"
        )
    if reverse.all():
        return (
            "every indicator of the rubric is reverse-keyed, so acquiescence (agreeing "
            "with both keying directions) is not estimated; only straightlining is screened"
        )
    return None


def quality_of(
    prepared: Prepared,
    screen: ScreenMode,
    organizations: Sequence[str] | None = None,
) -> ResponseQuality:
    """The response quality of every organization of ``prepared`` (or of
    ``organizations``); with ``screen="exclude"`` each records how many flagged
    respondents are left out (none when every respondent with an answer is flagged)."""
    reverse = prepared.layout.reverse
    idx = respondent_indices(raw_positions(prepared), reverse)
    reason = acquiescence_reason(reverse)
    ids = prepared.responses.respondent_ids
    names = prepared.organizations if organizations is None else organizations
    per: dict[str, OrganizationQuality] = {}
    for name in names:
        rows = prepared.rows[name]
        flagged = int(idx.flagged[rows].sum())
        answering = int((idx.n_items[rows] > 0).sum())
        excluded = flagged if screen == "exclude" and flagged < answering else 0
        per[name] = OrganizationQuality(
            rubric_key=prepared.rubric.key,
            organization=name,
            screen=screen,
            rule=RULE,
            acquiescence_estimable=reason is None,
            reason=reason,
            respondent_ids=tuple(ids[i] for i in rows.tolist()),
            n_items=idx.n_items[rows],
            modal_share=idx.modal_share[rows],
            answer_sd=idx.answer_sd[rows],
            regular_mean=idx.regular_mean[rows],
            reverse_mean=idx.reverse_mean[rows],
            acquiescence=idx.acquiescence[rows],
            straightlining=idx.straightlining[rows],
            acquiescent=idx.acquiescent[rows],
            n_excluded=excluded,
        )
    return ResponseQuality(
        rubric_key=prepared.rubric.key,
        screen=screen,
        rule=RULE,
        acquiescence_estimable=reason is None,
        reason=reason,
        organizations=per,
    )


def screened(prepared: Prepared, quality: ResponseQuality) -> Prepared:
    """``prepared`` without the respondents ``quality`` excludes (``n_excluded > 0``:
    the flagged respondents of an organization that has unflagged ones); unchanged when
    none is excluded."""
    drop = np.zeros(prepared.scores.shape[0], dtype=np.bool_)
    for name, org in quality.organizations.items():
        if org.n_excluded:
            drop[prepared.rows[name][org.flagged]] = True
    if not drop.any():
        return prepared
    keep = ~drop
    responses = prepared.responses.select(keep)
    return evolve(
        prepared,
        responses=responses,
        scores=prepared.scores[keep],
        not_applicable=prepared.not_applicable[keep],
        dont_know=prepared.dont_know[keep],
        rows=organization_rows(responses),
    )


def screen(prepared: Prepared, options: ScoringOptions) -> tuple[Prepared, ResponseQuality | None]:
    """The one home of screening within a scoring call (every entry point applies it
    here): the responses to score (without the excluded respondents with
    ``screen="exclude"``) and the response quality (``None`` with ``screen="off"``)."""
    if options.screen == "off":
        return prepared, None
    quality = quality_of(prepared, options.screen)
    return (screened(prepared, quality) if options.screen == "exclude" else prepared), quality


def with_quality(report: Report, quality: OrganizationQuality) -> Report:
    """``report`` with its organization's ``quality`` (``report.quality``) and its notices."""
    return evolve(report, quality=quality, notices=(*report.notices, *quality_notices(quality)))


def _percent(share: float) -> str:
    return f"{100.0 * share:.0f}%"


def quality_notices(quality: OrganizationQuality) -> list[Notice]:
    """``response_quality`` when the flagged share is at least :data:`NOTICE_SHARE`;
    ``respondents_excluded`` when flagged respondents were left out of the scores."""
    out: list[Notice] = []
    n, flagged = quality.n_respondents, quality.n_flagged
    if flagged and quality.flagged_share >= NOTICE_SHARE - 1e-12:
        kinds = [f"{quality.n_straightlining} straightlining (the same answer to every item)"]
        if quality.acquiescence_estimable:
            kinds.append(
                f"{quality.n_acquiescent} acquiescent (agreeing with regular and "
                "reverse-keyed items alike)"
            )
        every = flagged == quality.n_answering
        where = (
            "every respondent who answered is flagged, so none could be left out: the "
            "scores rest on these answers and may measure how people answer, not the "
            "organization"
            if every
            else (
                "they were left out of the scores (screen='exclude')"
                if quality.n_excluded
                else "they are kept in the scores; score with screen='exclude' (CLI "
                "--screen exclude) to leave them out"
            )
        )
        out.append(
            Notice(
                "response_quality",
                f"{flagged} of {n} respondents ({_percent(quality.flagged_share)}) answered "
                f"in a pattern that suggests a response style rather than opinions: "
                f"{'; '.join(kinds)}; {where} (docs/response-quality.md)",
            )
        )
    if quality.n_excluded and not out:
        out.append(
            Notice(
                "respondents_excluded",
                f"{quality.n_excluded} of {n} respondents were flagged for response quality "
                "and left out of the scores (screen='exclude'; docs/response-quality.md)",
            )
        )
    return out


def response_quality(
    rubric: Rubric, responses: Responses, *, screen: ScreenMode = "flag"
) -> ResponseQuality:
    """Straightlining and acquiescence of every respondent, counted per organization.

    Args:
        rubric: the rubric the responses were read for.
        responses: the responses.
        screen: ``"flag"`` (default) or ``"exclude"``: recorded in the result (with
            ``"exclude"``, ``n_excluded`` says how many respondents :func:`lomaturity.score`
            with ``screen="exclude"`` leaves out per organization).

    Returns:
        A :class:`~lomaturity.results.ResponseQuality`: organization name ->
        :class:`~lomaturity.results.OrganizationQuality` (counts, flags and per-respondent
        indices; ``to_records()`` gives the ``quality`` table of docs/tables.md).

    Raises:
        TypeError: ``rubric`` or ``responses`` of the wrong type.
        ScoringError: a bad ``screen``, or responses that do not fit the rubric.
    """
    check_types(rubric, responses)
    error = screen_error(screen)
    if error is None and screen == "off":
        error = "screen: 'off' screens nothing; pass 'flag' or 'exclude'"
    raise_errors("response quality", [error])
    return quality_of(prepare(rubric, responses), screen)
