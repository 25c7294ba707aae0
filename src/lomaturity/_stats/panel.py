"""Scoring a panel chunk by chunk: each chunk of whole organizations is prepared and scored
exactly as :func:`lomaturity.score_organizations` scores it (the same kernel, the same
per-organization random streams), and the panel-wide figures are built from
per-organization parts, so the results do not depend on how the panel is split."""

from __future__ import annotations

from collections import Counter

from .._model.notice import Notice
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._results.agreement import AgreementOptions, DimensionAgreement
from .._results.common import ScoringOptions
from .._results.tables import Record, report_records
from ..exceptions import ScoringError
from .aggregate import Layout
from .agreement import AgreementParts, agreement_parts, combined, panel_agreement
from .prepared import prepare
from .scoring import absent_notices, score_rows


class PanelScorer:
    """Running state of one panel: chunks go in (:meth:`score`), their ``scores`` records
    come out; :meth:`finish` gives the panel-wide figures and notices.

    Memory kept between chunks: the organization names seen (to refuse one split over two
    chunks) and, with agreement, a few numbers per organization and dimension (the ICC
    sums and ``rwg(j)``; about 40 bytes each).
    """

    def __init__(
        self, rubric: Rubric, options: ScoringOptions, agreement: AgreementOptions | None
    ) -> None:
        self.rubric = rubric
        self.options = options
        self.agreement = agreement
        self.seen: set[str] = set()
        self.n_respondents = 0
        self.n_rows = 0
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, tuple[str, Notice]] = {}
        self.file_notices: dict[tuple[str, str | None], Notice] = {}
        self.parts: list[AgreementParts] = []

    @property
    def n_organizations(self) -> int:
        """Organizations scored so far."""
        return len(self.seen)

    def _check_new(self, organizations: tuple[str, ...], chunk: int) -> None:
        repeated = [o for o in organizations if o in self.seen]
        if repeated:
            raise ScoringError(
                f"organization {repeated[0]!r} appears in chunk {chunk} and in an earlier "
                "chunk; every chunk must hold whole organizations (keep the rows of each "
                "organization together, or score the panel with score_organizations)"
            )
        self.seen.update(organizations)

    def score(self, responses: Responses, chunk: int) -> list[Record]:
        """The ``scores`` records of the organizations of ``responses`` (chunk number
        ``chunk``, from 1, for messages), in order of first appearance."""
        prepared = prepare(self.rubric, responses)
        self._check_new(prepared.organizations, chunk)
        for notice in absent_notices(responses):
            self.file_notices.setdefault((notice.code, notice.subject), notice)
        parts = None if self.agreement is None else agreement_parts(prepared, self.agreement)
        records: list[Record] = []
        for organization in prepared.organizations:
            report = score_rows(prepared, prepared.rows[organization], organization, self.options)
            notices = report.notices
            if parts is not None:
                notices += parts.organizations[organization].notices
            self._count(organization, notices)
            records += report_records(report)
        if parts is not None:
            # Only the per-organization numbers are kept, not the records.
            self.parts.append(AgreementParts({}, parts.rwg_j, parts.sums))
        self.n_respondents += responses.n_respondents
        self.n_rows += len(records)
        return records

    def _count(self, organization: str, notices: tuple[Notice, ...]) -> None:
        """Count each notice code once per organization; keep the first as an example."""
        for code in dict.fromkeys(n.code for n in notices):
            self.counts[code] += 1
            if code not in self.examples:
                first = next(n for n in notices if n.code == code)
                self.examples[code] = (organization, first)

    def finish(self) -> tuple[dict[str, DimensionAgreement], tuple[Notice, ...]]:
        """The panel-wide agreement figures per dimension and the panel's notices: ICC
        notices, the file's notices (absent indicators, ...), then one notice per code of
        the organizations' notices (in code order) saying how many organizations have it,
        with the first organization's notice as an example."""
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
            where = f" ({example.subject})" if example.subject not in (None, "overall") else ""
            notices.append(
                Notice(
                    code,
                    f"{count} of {self.n_organizations} organizations; the first, "
                    f"{organization!r}{where}: {example.message}",
                )
            )
        return icc, tuple(notices)
