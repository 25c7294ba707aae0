"""The bundled example norm table: SYNTHETIC wherever it appears, of the default rubric,
and equal to a fresh build by scripts/make_example_norms.py."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import attrs
import pytest
import yaml

import lomaturity as lm
from lomaturity._norms import example
from lomaturity.cli import main

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "make_example_norms.py"
SHIPPED = REPO / "src" / "lomaturity" / "data" / "example-norms.yaml"


def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_example_norms", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def norms() -> lm.NormTable:
    return lm.example_norms("learning-organization@1.0.0")


@pytest.fixture(scope="module")
def result(norms: lm.NormTable) -> lm.results.BenchmarkSet:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    reports = lm.score_organizations(
        rubric, lm.example_responses("learning-organization@1.0.0"), seed=2, n_resamples=200
    )
    out = lm.benchmark(reports, norms)
    assert isinstance(out, lm.results.BenchmarkSet)
    return out


def test_the_shipped_file_equals_a_fresh_build() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == lm.dump_norms(script().build())


def test_every_default_rubric_version_has_its_own_table() -> None:
    """One table per bundled version; the newest is what ``example_norms()`` returns."""
    assert set(example.EXAMPLE_NORMS_FILES) == set(script().TARGETS)
    newest = lm.load_rubric(lm.DEFAULT_RUBRIC)
    table = lm.example_norms()
    assert table.rubric_key == newest.key == "learning-organization@1.1.0"
    assert table.rubric_fingerprint == newest.fingerprint
    assert list(table.indicators) == list(newest.indicator_ids)
    shipped = SHIPPED.parent / example.EXAMPLE_NORMS_FILES[newest.key]
    assert shipped.read_text(encoding="utf-8") == lm.dump_norms(script().build(newest.key))


def test_a_rubric_without_example_norms_is_refused(tiny_rubric_yaml: str) -> None:
    with pytest.raises(lm.NormsError, match="no bundled example norm table"):
        lm.example_norms(lm.parse_rubric(yaml.safe_load(tiny_rubric_yaml)))


def test_it_is_of_the_default_rubric_and_complete(norms: lm.NormTable) -> None:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    assert norms.rubric_key == rubric.key
    assert norms.rubric_fingerprint == rubric.fingerprint
    assert norms.n_organizations == 200
    assert list(norms.dimensions) == [d.id for d in rubric.dimensions]
    assert list(norms.indicators) == list(rubric.indicator_ids)
    assert norms.overall.percents == tuple(float(p) for p in lm.norms.PERCENTILE_GRID)


def test_it_is_labelled_synthetic_in_the_table_and_the_file(norms: lm.NormTable) -> None:
    assert norms.synthetic is True
    assert "SYNTHETIC" in norms.title
    assert "SYNTHETIC" in norms.source
    assert "SYNTHETIC" in repr(norms)
    assert norms.to_dict()["synthetic"] is True
    assert SHIPPED.read_text(encoding="utf-8").startswith("# SYNTHETIC")


def test_benchmarks_against_it_are_flagged_synthetic_everywhere(
    result: lm.results.BenchmarkSet,
) -> None:
    assert result.synthetic is True
    assert result.to_dict()["synthetic"] is True
    for one in result.values():
        assert one.synthetic is True
        assert one.to_dict()["synthetic"] is True
        assert one.to_dict()["norm"]["synthetic"] is True
        assert "SYNTHETIC" in repr(one)
        assert one.notices[0].code == "synthetic_norms"
        assert "not real organizations" in one.notices[0].message
    records = result.to_records()
    assert records
    assert all(r["synthetic"] is True for r in records)
    assert all("SYNTHETIC" in str(r["norm"]) for r in records)


def test_text_and_json_output_show_synthetic(capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "benchmark",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        "--example-norms",
        "--seed",
        "1",
        "--resamples",
        "200",
    ]
    assert main(args) == 0
    text = capsys.readouterr().out
    assert text.count("SYNTHETIC NORM TABLE") == 4  # one per organization, on top
    assert "synthetic norm table: not real organizations" in text
    assert main([*args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["synthetic"] is True
    assert main([*args, "--format", "csv", "--organization", "quanta-software"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(",true," in line for line in lines[1:])


def test_a_stale_example_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    original = lm.read_norms_bytes

    def tampered(raw: bytes, *, file: str | None = None) -> lm.NormTable:
        return attrs.evolve(original(raw, file=file), rubric_fingerprint="sha256:" + "0" * 64)

    monkeypatch.setattr(example, "read_norms_bytes", tampered)
    with pytest.raises(lm.NormsError, match="make_example_norms"):
        lm.example_norms("learning-organization@1.0.0")
