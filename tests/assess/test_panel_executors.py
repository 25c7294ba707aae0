"""score_panel on executors: a process pool and the Dask recipe of docs/panels.md (a
LocalCluster) give exactly the serial results, the panel ICC and notices included."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from functools import cache
from pathlib import Path

import attrs
import pytest

import lomaturity as lm

RESAMPLES = 100


@cache
def _panel() -> tuple[lm.Rubric, lm.Responses]:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    sim = lm.simulate_responses(rubric, organizations=24, respondents=[1, 3, 8, 25] * 6, seed=5)
    return rubric, sim.responses


@cache
def _serial() -> lm.results.PanelResult:
    rubric, responses = _panel()
    return lm.score_panel(rubric, responses, seed=2, n_resamples=RESAMPLES)


def _same(result: lm.results.PanelResult) -> None:
    serial = _serial()
    assert result.to_csv() == serial.to_csv()
    assert result.icc == serial.icc
    assert result.notices == serial.notices
    assert result.n_respondents == serial.n_respondents


def test_thread_and_process_pools_give_the_serial_results() -> None:
    rubric, responses = _panel()
    with ThreadPoolExecutor(2) as pool:
        _same(
            lm.score_panel(
                rubric,
                responses,
                seed=2,
                n_resamples=RESAMPLES,
                chunk_organizations=5,
                executor=pool,
            )
        )
    with ProcessPoolExecutor(2) as pool:
        _same(
            lm.score_panel(
                rubric,
                responses,
                seed=2,
                n_resamples=RESAMPLES,
                chunk_organizations=7,
                executor=pool,
            )
        )


def test_dask_recipe_gives_the_serial_results(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    rubric, responses = _panel()
    source = tmp_path / "panel.csv"
    source.write_text(lm.responses_to_csv_text(responses), encoding="utf-8")
    output = tmp_path / "scores.csv"
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        result = lm.score_panel(
            rubric,
            source,
            output=output,
            seed=2,
            n_resamples=RESAMPLES,
            chunk_organizations=4,
            executor=client.get_executor(),
        )
    assert output.read_text(encoding="utf-8") == _serial().to_csv()
    assert result.icc == _serial().icc
    assert result.notices == _serial().notices


def test_executor_must_be_an_executor() -> None:
    rubric, responses = _panel()
    with pytest.raises(TypeError, match="executor"):
        lm.score_panel(rubric, responses, executor=map)  # type: ignore[arg-type]


def test_a_failing_chunk_fails_the_call_and_writes_nothing(tmp_path: Path) -> None:
    rubric, responses = _panel()
    late = responses.select([i for i, o in enumerate(responses.organizations) if o > "org-0003"])
    off_scale = attrs.evolve(late, values=late.values + 100.0)  # built by hand: not checked
    chunks = [responses.for_organization("org-0001"), off_scale]
    output = tmp_path / "scores.csv"
    with ThreadPoolExecutor(2) as pool, pytest.raises(lm.ScoringError, match="outside the scale"):
        lm.score_panel(rubric, chunks, output=output, executor=pool, n_resamples=RESAMPLES)
    assert list(tmp_path.iterdir()) == []
