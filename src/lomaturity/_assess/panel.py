"""The panel entry point: :func:`score_panel` scores panels too large to hold as report
objects, chunk by chunk, from a file or an iterable of chunks to a file or columns."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from pathlib import Path

import numpy as np

from .._extras import is_parquet
from .._format import printable
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._results.agreement import NullDistribution
from .._results.common import IntervalMethod, ScoringOptions
from .._results.panel import (
    MAX_IN_MEMORY_ORGANIZATIONS,
    Column,
    PanelResult,
    concatenate_columns,
    score_columns,
)
from .._results.panel_files import scores_output
from .._results.tables import Record
from .._stats.options import count_error, flag_error, make_agreement_options, make_options
from .._stats.panel import ChunkScores, PanelScorer, score_chunk
from .._survey.answers import Answers
from .._survey.cells import NA
from .._survey.checks import DEFAULT_ID, DEFAULT_ORG
from .._survey.headers import HeaderRows
from .._survey.parquet import stream_parquet
from .._survey.stream import DEFAULT_CHUNK_ORGANIZATIONS, stream_responses
from .._types import RESPONSES, RUBRIC, expect, type_name
from ..exceptions import ScoringError

Source = str | os.PathLike[str] | Responses | Iterable[Responses]
"""What :func:`score_panel` reads: a CSV or Parquet file, one :class:`Responses`, or an
iterable of :class:`Responses` chunks of whole organizations."""

Progress = Callable[[int, int], None]
"""Called after each chunk with the organizations and respondents scored so far."""


def _chunks(
    rubric: Rubric,
    source: object,
    chunk_organizations: int,
    columns: tuple[str, str | None, str, Answers, HeaderRows],
) -> Iterator[Responses]:
    """The chunks of ``source``; items of an iterable are type-checked as they come."""
    id_column, organization_column, na_token, answers, header_rows = columns
    if isinstance(source, str | os.PathLike):
        if is_parquet(source):
            yield from stream_parquet(
                source,
                rubric,
                chunk_organizations=chunk_organizations,
                id_column=id_column,
                organization_column=organization_column,
            )
            return
        yield from stream_responses(
            source,
            rubric,
            chunk_organizations=chunk_organizations,
            id_column=id_column,
            organization_column=organization_column,
            na_token=na_token,
            answers=answers,
            header_rows=header_rows,
        )
        return
    if isinstance(source, Responses):
        yield from _split(source, chunk_organizations)
        return
    if not isinstance(source, Iterable) or isinstance(source, bytes | dict):
        raise TypeError(
            "source: expected a CSV or Parquet file path, lomaturity.Responses or an "
            f"iterable of lomaturity.Responses chunks, got {type_name(source)}"
        )
    for number, chunk in enumerate(source, start=1):
        expect(chunk, Responses, f"source chunk {number}", RESPONSES)
        yield chunk


def _split(responses: Responses, size: int) -> Iterator[Responses]:
    """``responses`` in chunks of ``size`` organizations (in order of first appearance;
    rows in their order within each chunk)."""
    names = responses.organization_ids
    if len(names) <= size:
        yield responses
        return
    code_of = {name: i for i, name in enumerate(names)}
    chunk = np.fromiter((code_of[o] for o in responses.organizations), dtype=np.intp) // size
    order = np.argsort(chunk, kind="stable")
    bounds = np.searchsorted(chunk[order], np.arange(1, chunk[order][-1] + 1))
    for rows in np.split(order, bounds):
        yield responses.select(rows)


def _same_path(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name one file (``False`` when either cannot be resolved)."""
    try:
        return Path(a).resolve() == Path(b).resolve()
    except (OSError, ValueError):
        return False


def _check_output(source: object, output: object) -> None:
    if output is None:
        return
    expect(output, (str, os.PathLike), "output", "a file path (str or os.PathLike) or None")
    assert isinstance(output, str | os.PathLike)
    name = os.fspath(output)
    if not name or "\x00" in name:
        raise ScoringError(f"output {printable(repr(name))} is not a usable file path")
    if isinstance(source, str | os.PathLike) and _same_path(source, output):
        raise ScoringError(
            f"output {os.fspath(output)!r} is the responses file itself; write the scores "
            "to another file"
        )


IN_FLIGHT = 8
"""Chunks handed to an executor and not yet written (bounds the memory of a parallel run)."""


def _scored(
    scorer: PanelScorer,
    chunks: Iterator[Responses],
    executor: Executor | None,
    progress: Progress | None,
) -> Iterator[list[Record]]:
    """The records of each chunk, in chunk order: scored here, or on ``executor`` with at
    most :data:`IN_FLIGHT` chunks under way (their results are added in order)."""
    pending: deque[Future[ChunkScores]] = deque()

    def done(scores: ChunkScores) -> list[Record]:
        records = scorer.add(scores)
        if progress is not None:
            progress(scorer.n_organizations, scorer.n_respondents)
        return records

    try:
        for number, chunk in enumerate(chunks, start=1):
            scorer.check(chunk, number)
            if executor is None:
                yield done(score_chunk(scorer.rubric, scorer.options, scorer.agreement, chunk))
                continue
            pending.append(
                executor.submit(score_chunk, scorer.rubric, scorer.options, scorer.agreement, chunk)
            )
            if len(pending) >= IN_FLIGHT:
                yield done(pending.popleft().result())
        while pending:
            yield done(pending.popleft().result())
    finally:
        for future in pending:
            future.cancel()


def _in_memory(scorer: PanelScorer, scored: Iterator[list[Record]]) -> dict[str, Column]:
    parts: list[dict[str, Column]] = []
    for records in scored:
        if scorer.n_organizations > MAX_IN_MEMORY_ORGANIZATIONS:
            raise ScoringError(
                f"the panel holds more than {MAX_IN_MEMORY_ORGANIZATIONS} organizations, "
                "too many to return in memory: pass output='scores.csv' (or .parquet) to "
                "write the scores to a file chunk by chunk"
            )
        parts.append(score_columns(records))
    return concatenate_columns(parts)


def _to_file(
    scorer: PanelScorer, scored: Iterator[list[Record]], output: str | os.PathLike[str]
) -> None:
    with scores_output(output) as write:
        for records in scored:
            write(records)
        if scorer.n_organizations == 0:
            raise ScoringError("the source holds no responses; nothing to score")


def _options(
    ranges: tuple[object, object, object, object],
    scorable: tuple[object, object, object, object],
    chunk_organizations: object,
    agreement: object,
) -> ScoringOptions:
    """Every option of :func:`score_panel` validated (all bad ones named in one error)."""
    return make_options(
        confidence=ranges[0],  # type: ignore[arg-type]
        n_resamples=ranges[1],  # type: ignore[arg-type]
        seed=ranges[2],  # type: ignore[arg-type]
        interval=ranges[3],  # type: ignore[arg-type]
        min_respondents=scorable[0],  # type: ignore[arg-type]
        min_indicator_share=scorable[1],  # type: ignore[arg-type]
        min_dimension_share=scorable[2],  # type: ignore[arg-type]
        dont_know_threshold=scorable[3],  # type: ignore[arg-type]
        extra=[
            count_error("chunk_organizations", chunk_organizations),
            flag_error("agreement", agreement),
        ],
    )


def score_panel(
    rubric: Rubric,
    source: Source,
    *,
    output: str | os.PathLike[str] | None = None,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int | None = None,
    interval: IntervalMethod = "auto",
    min_respondents: int = 3,
    min_indicator_share: float = 0.5,
    min_dimension_share: float = 1.0,
    dont_know_threshold: float = 0.25,
    agreement: bool = True,
    null: NullDistribution = "uniform",
    chunk_organizations: int = DEFAULT_CHUNK_ORGANIZATIONS,
    id_column: str = DEFAULT_ID,
    organization_column: str | None = DEFAULT_ORG,
    na_token: str = NA,
    answers: Answers = None,
    header_rows: HeaderRows = 0,
    progress: Progress | None = None,
    executor: Executor | None = None,
) -> PanelResult:
    """Score a panel of organizations too large to hold as report objects.

    The scores are those of :func:`score_organizations` for the same responses and seed,
    row for row and cell for cell (the ``scores`` table, docs/tables.md), computed chunk by
    chunk with memory bounded by the chunk; the panel-wide ICC(1)/ICC(2) per dimension and
    their notices come from per-organization sums over all chunks. Nothing depends on how
    the panel is split into chunks. See docs/panels.md.

    Args:
        rubric: the rubric the responses answer.
        source: a responses file (CSV as :func:`read_responses` reads it, or ``.parquet``
            / ``.pq`` with the ``parquet`` extra) whose rows of each organization are
            contiguous; or one :class:`Responses` (split into chunks of
            ``chunk_organizations``); or an iterable of :class:`Responses` chunks, each
            holding whole organizations.
        output: a file for the ``scores`` table, written chunk by chunk (``.parquet`` /
            ``.pq``: Parquet, else CSV as ``to_csv`` writes it), whole or not at all.
            ``None``: the table is returned in memory (at most
            ``MAX_IN_MEMORY_ORGANIZATIONS``, 20,000, organizations).
        confidence, n_resamples, seed, interval, min_respondents, min_indicator_share,
            min_dimension_share, dont_know_threshold, agreement, null: as for :func:`score`;
            ``agreement`` gives the ICC block and counts organizations with low ``rwg(j)``.
        chunk_organizations: organizations per chunk when reading a file or splitting
            one :class:`Responses` (>= 1).
        id_column, organization_column, na_token, answers, header_rows: the file's layout
            and answer texts, as for :func:`read_responses` (``na_token``, ``answers`` and
            ``header_rows``: CSV only; docs/survey-exports.md).
        progress: called after each chunk with the organizations and respondents scored
            so far.
        executor: a :class:`concurrent.futures.Executor` to score chunks on (a
            ``ProcessPoolExecutor``, or a Dask cluster's ``client.get_executor()``: the
            Dask recipe of docs/panels.md); chunks are read here, scored there and written
            here in order, at most 8 under way. ``None``: scored in this process. The
            results are the same either way.

    Returns:
        A :class:`~lomaturity.results.PanelResult`: counts, the ICC block, the notices, and
        the ``scores`` columns when ``output`` is ``None``.

    Raises:
        TypeError: a wrong type of ``rubric``, ``source``, a chunk or ``output``.
        ScoringError: bad options, responses that do not fit the rubric, an organization
            in two chunks, a panel too large for memory without ``output``.
        ResponsesError: a file's problems (naming its lines), including an organization
            whose rows are not contiguous.
    """
    expect(rubric, Rubric, "rubric", RUBRIC)
    options = _options(
        (confidence, n_resamples, seed, interval),
        (min_respondents, min_indicator_share, min_dimension_share, dont_know_threshold),
        chunk_organizations,
        agreement,
    )
    _check_output(source, output)
    if executor is not None:
        expect(executor, Executor, "executor", "a concurrent.futures.Executor or None")
    scorer = PanelScorer(rubric, options, make_agreement_options(null=null) if agreement else None)
    layout = (id_column, organization_column, na_token, answers, header_rows)
    chunks = _chunks(rubric, source, chunk_organizations, layout)
    return _result(scorer, _scored(scorer, chunks, executor, progress), output)


def _result(
    scorer: PanelScorer, scored: Iterator[list[Record]], output: str | os.PathLike[str] | None
) -> PanelResult:
    """Score every chunk into memory or ``output``; the panel's result."""
    columns = None
    if output is None:
        columns = _in_memory(scorer, scored)
        if scorer.n_organizations == 0:
            raise ScoringError("the source holds no responses; nothing to score")
    else:
        _to_file(scorer, scored, output)
    icc, notices = scorer.finish()
    return PanelResult(
        rubric_key=scorer.rubric.key,
        n_organizations=scorer.n_organizations,
        n_respondents=scorer.n_respondents,
        n_rows=scorer.n_rows,
        columns=columns,
        output=None if output is None else os.fspath(output),
        icc=icc,
        notices=notices,
        options=scorer.options,
    )
