"""Bundled rubrics: listing, loading by id / version / path, from a checkout and a wheel."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from packaging.version import Version

import lomaturity as lm
from lomaturity._hints import MAX_WORD, listing

REPO = Path(__file__).resolve().parents[2]
DEFAULT_FILE = REPO / "rubrics" / "learning-organization" / "1.0.0.yaml"

# Run in a fresh interpreter; prints what a user of the installed package would see.
PROBE = """
import hashlib, json, lomaturity as lm
rubric = lm.load_rubric("learning-organization@1.0.0")
newest = lm.load_rubric("learning-organization")
print(json.dumps({
    "file": lm.__file__,
    "key": rubric.key,
    "default_key": newest.key,
    "dimensions": [d.id for d in rubric.dimensions],
    "digest": hashlib.sha256(lm.dump_rubric(rubric).encode()).hexdigest(),
    "available": [[r.id, r.version, r.location] for r in lm.available_rubrics()],
    "pinned": lm.load_rubric("learning-organization", version="1.0.0") == rubric,
    "examples": [lm.example_responses().rubric_key, lm.example_norms().rubric_key],
}))
"""


def run_probe(pythonpath: str, cwd: Path) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = pythonpath
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def digest(rubric: lm.Rubric) -> str:
    return hashlib.sha256(lm.dump_rubric(rubric).encode()).hexdigest()


# --- listing and loading by id --------------------------------------------------------------


def test_available_rubrics_lists_the_default() -> None:
    found = lm.available_rubrics()
    assert ("learning-organization", "1.0.0") in [(r.id, r.version) for r in found]
    info = next(r for r in found if r.id == "learning-organization" and r.version == "1.0.0")
    assert isinstance(info, lm.rubric.RubricInfo)
    assert info.title == lm.load_rubric("learning-organization@1.0.0").title
    assert info.location.endswith("1.0.0.yaml")
    keys = [(r.id, Version(r.version)) for r in found]
    assert keys == sorted(keys)


def test_default_rubric_id() -> None:
    assert lm.DEFAULT_RUBRIC == "learning-organization"
    assert lm.load_rubric() == lm.load_rubric(lm.DEFAULT_RUBRIC)


def test_the_default_is_the_newest_version() -> None:
    assert lm.load_rubric().key == "learning-organization@1.1.0"
    assert lm.load_rubric() == lm.load_rubric("learning-organization@1.1.0")


def test_id_version_forms_agree() -> None:
    pinned = lm.load_rubric("learning-organization@1.0.0")
    keyword = lm.load_rubric("learning-organization", version="1.0.0")
    assert pinned == keyword
    assert pinned.key == "learning-organization@1.0.0"
    assert pinned == lm.load_rubric(DEFAULT_FILE)


def test_unknown_id_lists_the_bundled_ids() -> None:
    with pytest.raises(lm.RubricError) as info:
        lm.load_rubric("learning-organisation")
    err = info.value
    assert isinstance(err, lm.LomaturityError)
    text = str(err)
    assert "'learning-organisation'" in text
    assert "bundled: learning-organization" in text


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("learning-organization@9.9.9",), {}),
        (("learning-organization",), {"version": "9.9.9"}),
        (("learning-organization",), {"version": "1.0"}),
    ],
)
def test_unknown_version_lists_the_available_versions(
    args: tuple[str], kwargs: dict[str, str]
) -> None:
    with pytest.raises(lm.RubricError) as info:
        lm.load_rubric(*args, version=kwargs.get("version"))
    text = str(info.value)
    wanted = kwargs.get("version") or args[0].partition("@")[2]
    assert repr(wanted) in text
    assert "available: 1.0.0" in text


def test_unknown_id_with_version() -> None:
    with pytest.raises(lm.RubricError, match="bundled: learning-organization"):
        lm.load_rubric("nope@1.0.0")


# --- loading by path ------------------------------------------------------------------------


def test_load_by_path(tmp_path: Path, tiny_rubric_yaml: str) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(tiny_rubric_yaml, encoding="utf-8")
    by_path = lm.load_rubric(path)
    by_str = lm.load_rubric(str(path))
    assert by_path == by_str == lm.read_rubric_bytes(tiny_rubric_yaml)
    assert by_path.key == "tiny@0.1.0"
    assert by_path.path == str(path)
    assert lm.load_rubric(path, version="0.1.0") == by_path


def test_load_by_relative_path(
    tmp_path: Path, tiny_rubric_yaml: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mine.yml").write_text(tiny_rubric_yaml, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert lm.load_rubric("mine.yml").id == "tiny"
    assert lm.load_rubric(Path("mine.yml")).id == "tiny"


def test_load_by_path_with_the_wrong_version(tmp_path: Path, tiny_rubric_yaml: str) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(tiny_rubric_yaml, encoding="utf-8")
    with pytest.raises(lm.RubricError) as info:
        lm.load_rubric(path, version="2.0.0")
    assert "'0.1.0' is not the requested version '2.0.0'" in str(info.value)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("make", [str, Path], ids=["str", "Path"])
def test_missing_path(tmp_path: Path, make: type[str] | type[Path]) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(lm.RubricError, match="file does not exist"):
        lm.load_rubric(make(path))


# --- bundled rubrics from a checkout and from a wheel -------------------------------------


def test_bundled_rubrics_from_a_source_checkout(tmp_path: Path, default_rubric: lm.Rubric) -> None:
    result = run_probe(str(REPO / "src"), tmp_path)
    assert Path(result["file"]).resolve().is_relative_to(REPO / "src" / "lomaturity")
    assert result["key"] == "learning-organization@1.0.0"
    assert result["dimensions"] == [d.id for d in default_rubric.dimensions]
    assert result["digest"] == digest(default_rubric)
    assert result["pinned"] is True
    assert result["default_key"] == "learning-organization@1.1.0"
    assert result["examples"] == ["learning-organization@1.1.0"] * 2
    rubrics_dir = (REPO / "rubrics").resolve()
    assert result["available"]
    for _, _, location in result["available"]:
        assert Path(location).resolve().is_relative_to(rubrics_dir), location
    assert ["learning-organization", "1.0.0"] in [a[:2] for a in result["available"]]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling", reason="hatchling (the build backend) is not installed")
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-cache-dir",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = out.glob("lomaturity-*.whl")
    return built


def test_wheel_contains_the_bundled_rubrics(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "lomaturity/_bundled_rubrics/learning-organization/1.0.0.yaml" in names
    assert "lomaturity/_bundled_rubrics/rubric.schema.json" in names
    assert "lomaturity/py.typed" in names
    assert "lomaturity/_bundled_rubrics/learning-organization/1.1.0.yaml" in names
    assert "lomaturity/_bundled_rubrics/learning-organization-pulse/1.1.0.yaml" in names
    migrations = "lomaturity/_bundled_rubrics/learning-organization/migrations/"
    assert migrations + "1.0.0--1.1.0.yaml" in names
    for data in ("example-norms", "example-responses"):  # lm.example_norms(), ...
        assert f"lomaturity/data/{data}-1.1.0.{'csv' if 'resp' in data else 'yaml'}" in names


def test_bundled_rubrics_from_a_wheel(
    wheel: Path, tmp_path: Path, default_rubric: lm.Rubric
) -> None:
    result = run_probe(str(wheel), tmp_path)
    assert result["file"].startswith(str(wheel) + os.sep), result["file"]
    assert result["key"] == "learning-organization@1.0.0"
    assert result["digest"] == digest(default_rubric)
    assert result["pinned"] is True
    assert result["default_key"] == "learning-organization@1.1.0"
    assert result["examples"] == ["learning-organization@1.1.0"] * 2
    assert ["learning-organization", "1.0.0"] in [a[:2] for a in result["available"]]
    for _, _, location in result["available"]:
        assert location.startswith(str(wheel) + os.sep), location


def test_name_listings_clip_and_escape_each_name() -> None:
    """A 100,000-character id (found by the rubric fuzz suite) made a 100 kB message."""
    text = listing(["x" * 100_000, "ok\x1b[2J", "b"])
    assert len(text) < 2 * MAX_WORD + 40
    assert "\x1b" not in text
    assert "\\x1b" in text
