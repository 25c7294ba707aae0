"""The panel entry point: :func:`score_panel` scores panels too large to hold as report
objects, chunk by chunk, from a file or an iterable of chunks to a file or columns."""

from __future__ import annotations

import contextlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from pathlib import Path

import numpy as np
from attrs import frozen

from .._extras import is_parquet
from .._format import printable
from .._model.population import Population
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._results.agreement import NullDistribution
from .._results.common import IntervalMethod, ScoringOptions, ScreenMode
from .._results.design import DesignOptions
from .._results.panel import (
    MAX_IN_MEMORY_ORGANIZATIONS,
    Column,
    PanelDesign,
    PanelQuality,
    PanelResult,
    concatenate_columns,
    score_columns,
)
from .._results.panel_files import table_output
from .._results.tables import Record
from .._stats.options import Design, count_error, flag_error
from .._stats.panel import ChunkScores, PanelScorer, score_chunk
from .._survey.answers import Answers
from .._survey.cells import NA
from .._survey.checks import DEFAULT_ID, DEFAULT_ORG
from .._survey.headers import HeaderRows
from .._survey.parquet import stream_parquet
from .._survey.population_file import read_population
from .._survey.stream import DEFAULT_CHUNK_ORGANIZATIONS, stream_responses
from .._types import RESPONSES, RUBRIC, expect, type_name
from ..exceptions import ScoringError
from .settings import Ranges, Scorable, agreement_options, scoring_options

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
) -> Iterator[ChunkScores]:
    """The scores of each chunk, in chunk order: scored here, or on ``executor`` with at
    most :data:`IN_FLIGHT` chunks under way (their results are added in order)."""
    pending: deque[Future[ChunkScores]] = deque()

    def done(scores: ChunkScores) -> ChunkScores:
        scorer.add(scores)
        if progress is not None:
            progress(scorer.n_organizations, scorer.n_respondents)
        return scores

    args = (scorer.rubric, scorer.options, scorer.agreement)
    try:
        for number, chunk in enumerate(chunks, start=1):
            scorer.check(chunk, number)
            if executor is None:
                yield done(score_chunk(*args, chunk, scorer.design))
                continue
            pending.append(executor.submit(score_chunk, *args, chunk, scorer.design))
            if len(pending) >= IN_FLIGHT:
                yield done(pending.popleft().result())
        while pending:
            yield done(pending.popleft().result())
    finally:
        for future in pending:
            future.cancel()


Outputs = tuple[
    str | os.PathLike[str] | None, str | os.PathLike[str] | None, str | os.PathLike[str] | None
]
"""Files of the ``scores``, ``quality`` and ``design`` tables (``None``: kept in memory)."""


@frozen(eq=False)
class _Tables:
    """The panel's tables as gathered: the ``scores`` columns, and the ``quality`` and
    ``design`` rows, each ``None`` when written to its file."""

    scores: dict[str, Column] | None
    quality: tuple[Record, ...] | None
    design: tuple[Record, ...] | None


def _gathered(scorer: PanelScorer, scored: Iterator[ChunkScores], outputs: Outputs) -> _Tables:
    """Every chunk's rows into memory or into the output files, chunk by chunk. With
    ``output=`` (scores to a file) the ``quality`` and ``design`` rows go to their own
    files or, without one, are not kept (their counts are): memory stays bounded."""
    in_memory = outputs[0] is None
    parts: list[dict[str, Column]] = []
    kept: tuple[list[Record], list[Record]] = ([], [])
    with contextlib.ExitStack() as stack:
        writers = [
            None if path is None else stack.enter_context(table_output(path, kind))
            for path, kind in zip(outputs, ("scores", "quality", "design"), strict=True)
        ]
        for scores in scored:
            if in_memory and scorer.n_organizations > MAX_IN_MEMORY_ORGANIZATIONS:
                raise ScoringError(
                    f"the panel holds more than {MAX_IN_MEMORY_ORGANIZATIONS} organizations, "
                    "too many to return in memory: pass output='scores.csv' (or .parquet) to "
                    "write the scores to a file chunk by chunk"
                )
            tables = (scores.records, scores.quality, scores.design)
            for number, (write, rows) in enumerate(zip(writers, tables, strict=True)):
                if write is not None:
                    write(rows)
                elif number == 0:
                    parts.append(score_columns(rows))
                elif in_memory:
                    kept[number - 1].extend(rows)
        if scorer.n_organizations == 0:
            raise ScoringError("the source holds no responses; nothing to score")
    return _Tables(
        scores=concatenate_columns(parts) if in_memory else None,
        quality=tuple(kept[0]) if in_memory and outputs[1] is None else None,
        design=tuple(kept[1]) if in_memory and outputs[2] is None else None,
    )


def _options(
    ranges: Ranges,
    scorable: Scorable,
    panel: tuple[object, object, object],
    design: Design,
) -> tuple[ScoringOptions, DesignOptions | None]:
    """Every option of :func:`score_panel` validated (all bad ones named in one error);
    ``panel`` is ``(chunk_organizations, agreement, screen)``, ``design``
    ``(population, cluster, fpc)`` with a ``population`` file path read first."""
    population, cluster, fpc = design
    if isinstance(population, str | os.PathLike):
        population = read_population(population)
    return scoring_options(
        ranges,
        scorable,
        design=(population, cluster, fpc),
        screen=panel[2],
        extra=[
            count_error("chunk_organizations", panel[0]),
            flag_error("agreement", panel[1]),
        ],
    )


def _check_run(source: object, outputs: Outputs, executor: object) -> None:
    """Refuse unusable output files (:func:`_check_output`, :func:`_check_tables`) and an
    ``executor`` that is not a :class:`concurrent.futures.Executor`."""
    for path in outputs:
        _check_output(source, path)
    _check_tables(outputs)
    if executor is not None:
        expect(executor, Executor, "executor", "a concurrent.futures.Executor or None")


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
    screen: ScreenMode = "flag",
    population: Population | str | os.PathLike[str] | None = None,
    cluster: str | None = None,
    fpc: bool = True,
    quality_output: str | os.PathLike[str] | None = None,
    design_output: str | os.PathLike[str] | None = None,
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
        confidence, n_resamples, seed, interval: as for :func:`score`.
        min_respondents, min_indicator_share, min_dimension_share: as for :func:`score`.
        dont_know_threshold, agreement, null: as for :func:`score`; ``agreement`` gives the
            ICC block and counts organizations with low ``rwg(j)``.
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
        screen: response-quality screening, as for :func:`score` (``"flag"``, default;
            ``"exclude"``; ``"off"``): each organization's counts are a row of
            ``result.quality`` (docs/response-quality.md).
        population: headcounts per organization (:class:`Population`, or the path of a
            population CSV file as :func:`read_population` reads it); organizations are
            looked up by name, so one population serves every chunk.
        cluster, fpc: as for :func:`score` (docs/survey-design.md); each organization's
            ``design`` rows are in ``result.design``.
        quality_output, design_output: CSV files for the ``quality`` (organization rows)
            and ``design`` tables, written chunk by chunk. With ``output`` set and no such
            file, only the counts are kept (``result.quality.n_flagged``, the notices).

    Returns:
        A :class:`~lomaturity.results.PanelResult`: counts, the ICC block, the notices, the
        ``scores`` columns when ``output`` is ``None``, and the ``quality`` and ``design``
        rows (:class:`~lomaturity.results.PanelQuality`,
        :class:`~lomaturity.results.PanelDesign`).

    Raises:
        TypeError: a wrong type of ``rubric``, ``source``, a chunk or ``output``.
        ScoringError: bad options, responses that do not fit the rubric, an organization
            in two chunks, a panel too large for memory without ``output``.
        ResponsesError: a file's problems (naming its lines), including an organization
            whose rows are not contiguous.
    """
    expect(rubric, Rubric, "rubric", RUBRIC)
    options, design = _options(
        (confidence, n_resamples, seed, interval),
        (min_respondents, min_indicator_share, min_dimension_share, dont_know_threshold),
        (chunk_organizations, agreement, screen),
        (population, cluster, fpc),
    )
    outputs: Outputs = (output, quality_output, design_output)
    _check_run(source, outputs, executor)
    scorer = PanelScorer(rubric, options, agreement_options(agreement, null), design)
    layout = (id_column, organization_column, na_token, answers, header_rows)
    chunks = _chunks(rubric, source, chunk_organizations, layout)
    return _result(scorer, _scored(scorer, chunks, executor, progress), outputs)


def _check_tables(outputs: Outputs) -> None:
    """Refuse one file for two tables, and Parquet for the ``quality`` and ``design``
    tables (CSV only: their columns have no fixed types)."""
    paths = [
        (n, p)
        for n, p in zip(("output", "quality_output", "design_output"), outputs, strict=True)
        if p is not None
    ]
    for number, (name, path) in enumerate(paths):
        if name != "output" and is_parquet(path):
            raise ScoringError(
                f"{name} {os.fspath(path)!r}: the {name[:-7]} table is written as CSV "
                "only; name a .csv file"
            )
        for other, second in paths[number + 1 :]:
            if _same_path(path, second):
                raise ScoringError(
                    f"{name} and {other} name the same file {os.fspath(path)!r}; give each "
                    "table its own file"
                )


def _result(scorer: PanelScorer, scored: Iterator[ChunkScores], outputs: Outputs) -> PanelResult:
    """Score every chunk into memory or the output files; the panel's result."""
    tables = _gathered(scorer, scored, outputs)
    icc, notices = scorer.finish()
    return PanelResult(
        rubric_key=scorer.rubric.key,
        n_organizations=scorer.n_organizations,
        n_respondents=scorer.n_respondents,
        n_rows=scorer.n_rows,
        columns=tables.scores,
        output=_name(outputs[0]),
        icc=icc,
        notices=notices,
        options=scorer.options,
        quality=None
        if scorer.options.screen == "off"
        else PanelQuality(tables.quality, _name(outputs[1]), scorer.n_flagged, scorer.n_excluded),
        design=None if scorer.design is None else PanelDesign(tables.design, _name(outputs[2])),
    )


def _name(path: str | os.PathLike[str] | None) -> str | None:
    return None if path is None else os.fspath(path)
