"""Scoring a panel chunk by chunk: each chunk of whole organizations is prepared and scored
exactly as :func:`lomaturity.score_organizations` scores it (the same kernel, the same
per-organization random streams), and the panel-wide figures are built from
per-organization parts, so the results do not depend on how the panel is split, nor on
where the chunks are scored (:func:`score_chunk` is a plain function of its arguments, for
process pools and Dask workers)."""

from __future__ import annotations

from attrs import Factory, evolve, frozen

from .._model.notice import Notice
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._results.agreement import AgreementOptions, DimensionAgreement
from .._results.common import ScoringOptions
from .._results.design import DesignOptions
from .._results.quality import ResponseQuality
from .._results.report import Report
from .._results.tables import Record, quality_organization_record, report_records
from ..exceptions import ScoringError
from .aggregate import Layout
from .agreement import AgreementParts, agreement_parts, combined, panel_agreement
from .design import no_headcount_notice
from .prepared import Prepared, prepare
from .quality import screen, with_quality
from .scoring import absent_notices, score_rows


@frozen(eq=False)
class ChunkScores:
    """What one chunk contributes to a panel.

    Attributes:
        records: the ``scores`` rows of its organizations, in order of first appearance.
        n_respondents: its respondent rows.
        counts: notice code -> organizations of the chunk with such a notice.
        examples: notice code -> the first organization with it and its notice.
        file_notices: notices about the input (absent indicators, ...).
        agreement: the per-organization ICC sums and ``rwg(j)`` (no records), with
            agreement.
        quality: the ``organization`` rows of the ``quality`` table (empty with
            ``screen="off"``).
        design: the ``design`` rows of its organizations with a design.
        n_flagged, n_excluded: respondents flagged, and left out of the scores.
    """

    records: list[Record]
    n_respondents: int
    counts: dict[str, int]
    examples: dict[str, tuple[str, Notice]]
    file_notices: tuple[Notice, ...]
    agreement: AgreementParts | None
    quality: list[Record] = Factory(list)
    design: list[Record] = Factory(list)
    n_flagged: int = 0
    n_excluded: int = 0


def score_chunk(
    rubric: Rubric,
    options: ScoringOptions,
    agreement: AgreementOptions | None,
    responses: Responses,
    design: DesignOptions | None = None,
) -> ChunkScores:
    """Score the organizations of one chunk (see :class:`ChunkScores`): screened
    (``options.screen``) and with the survey ``design`` as :func:`lomaturity.score` does."""
    prepared, quality = screen(prepare(rubric, responses), options)
    parts = None if agreement is None else agreement_parts(prepared, agreement)
    records: list[Record] = []
    counts: dict[str, int] = {}
    examples: dict[str, tuple[str, Notice]] = {}
    tables: tuple[list[Record], list[Record]] = ([], [])
    for organization in prepared.organizations:
        report = _report(prepared, organization, options, design, quality)
        if report.quality is not None:
            tables[0].append(quality_organization_record(report.quality))
        if report.design is not None:
            tables[1].extend(report.design.to_records())
        notices = report.notices
        if parts is not None:
            notices += parts.organizations[organization].notices
        first = {n.code: n for n in reversed(notices)}  # each code once, its first notice
        for code, notice in first.items():
            counts[code] = counts.get(code, 0) + 1
            examples.setdefault(code, (organization, notice))
        records += report_records(report)
    return ChunkScores(
        records=records,
        n_respondents=responses.n_respondents,
        counts=counts,
        examples=examples,
        file_notices=absent_notices(responses),
        agreement=None if parts is None else parts.without_records(),
        quality=tables[0],
        design=tables[1],
        n_flagged=0 if quality is None else quality.n_flagged,
        n_excluded=0 if quality is None else sum(q.n_excluded for q in quality.values()),
    )


def _report(
    prepared: Prepared,
    organization: str,
    options: ScoringOptions,
    design: DesignOptions | None,
    quality: ResponseQuality | None,
) -> Report:
    """One organization's report as :func:`lomaturity.score_organizations` gives it
    (without the input's notices: the panel counts those once, as ``file_notices``)."""
    report = score_rows(prepared, prepared.rows[organization], organization, options, design=design)
    missing = no_headcount_notice(design, organization)
    if missing is not None:
        report = evolve(report, notices=(*report.notices, missing))
    return (
        report if quality is None else with_quality(report, quality.for_organization(organization))
    )


class PanelScorer:
    """Running state of one panel: chunks are checked in order (:meth:`check`), their
    :class:`ChunkScores` added in the same order (:meth:`add`); :meth:`finish` gives the
    panel-wide figures and notices.

    Memory kept between chunks: the organization names seen (to refuse one split over two
    chunks) and, with agreement, a few numbers per organization and dimension (the ICC
    sums and ``rwg(j)``: 40 bytes each).
    """

    def __init__(
        self,
        rubric: Rubric,
        options: ScoringOptions,
        agreement: AgreementOptions | None,
        design: DesignOptions | None = None,
    ) -> None:
        self.rubric = rubric
        self.options = options
        self.agreement = agreement
        self.design = design
        self.n_flagged = 0
        self.n_excluded = 0
        self.seen: set[str] = set()
        self.n_respondents = 0
        self.n_rows = 0
        self.counts: dict[str, int] = {}
        self.examples: dict[str, tuple[str, Notice]] = {}
        self.file_notices: dict[tuple[str, str], Notice] = {}
        self.parts: list[AgreementParts] = []

    @property
    def n_organizations(self) -> int:
        """Organizations checked so far."""
        return len(self.seen)

    def check(self, responses: Responses, chunk: int) -> None:
        """Refuse a chunk (number ``chunk``, from 1) holding an organization of an earlier
        chunk; remember its organizations."""
        repeated = [o for o in responses.organization_ids if o in self.seen]
        if repeated:
            raise ScoringError(
                f"organization {repeated[0]!r} appears in chunk {chunk} and in an earlier "
                "chunk; every chunk must hold whole organizations (keep the rows of each "
                "organization together, or score the panel with score_organizations)"
            )
        self.seen.update(responses.organization_ids)

    def add(self, scores: ChunkScores) -> list[Record]:
        """Add the next chunk's scores (chunks in order); its ``scores`` records (its
        ``quality`` and ``design`` rows stay in ``scores`` for the caller)."""
        for notice in scores.file_notices:
            self.file_notices.setdefault((notice.code, notice.subject), notice)
        for code, count in scores.counts.items():
            self.counts[code] = self.counts.get(code, 0) + count
            self.examples.setdefault(code, scores.examples[code])
        if scores.agreement is not None:
            self.parts.append(scores.agreement)
        self.n_respondents += scores.n_respondents
        self.n_rows += len(scores.records)
        self.n_flagged += scores.n_flagged
        self.n_excluded += scores.n_excluded
        return scores.records

    def finish(self) -> tuple[dict[str, DimensionAgreement], tuple[Notice, ...]]:
        """The panel-wide agreement figures per dimension and the panel's notices: ICC
        notices, the input's notices (absent indicators, ...), then per code of the
        organizations' notices (in code order) how many organizations have it, with the
        first organization's notice as an example."""
        icc: dict[str, DimensionAgreement] = {}
        notices: list[Notice] = []
        if self.agreement is not None and self.parts:
            parts = combined(self.parts)
            self.parts = [parts]
            icc, icc_notices = panel_agreement(Layout.of(self.rubric), parts, self.agreement)
            notices += icc_notices
        notices += self.file_notices.values()
        for code, count in sorted(self.counts.items()):
            organization, example = self.examples[code]
            where = f" ({example.subject})" if example.subject != "overall" else ""
            notices.append(
                Notice(
                    code,
                    f"{count} of {self.n_organizations} organizations; the first, "
                    f"{organization!r}{where}: {example.message}",
                )
            )
        return icc, tuple(notices)
