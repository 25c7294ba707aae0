"""``lomaturity compare-groups``: outputs, the mapping file, and bad input (exit code 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import lomaturity as lm
from factories import pinned
from lomaturity.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(pinned(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def responses_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    sim = lm.simulate_responses(
        rubric, organizations=6, respondents=8, seed=2, sectors={"public": 0.0, "private": 0.4}
    )
    path = tmp_path_factory.mktemp("cmp") / "responses.csv"
    path.write_text(lm.responses_to_csv_text(sim.responses), encoding="utf-8")
    return path


COMMON = ("--seed", "1", "--resamples", "200")


def test_text_output(capsys: pytest.CaptureFixture[str], responses_csv: Path) -> None:
    code, out, err = run(capsys, "compare-groups", str(responses_csv), "--by", "sector", *COMMON)
    assert code == 0, err
    assert "private" in out
    assert "public minus private" in out
    assert "Holm-adjusted" in out
    assert "warning [few_organizations]" in out
    assert all(len(line) <= 100 for line in out.splitlines())


def test_json_matches_the_python_result(
    capsys: pytest.CaptureFixture[str], responses_csv: Path
) -> None:
    code, out, _ = run(
        capsys, "compare-groups", str(responses_csv), "--by", "sector", "--format", "json", *COMMON
    )
    assert code == 0
    rubric = lm.load_rubric("learning-organization@1.0.0")
    expected = lm.compare_groups(
        rubric, lm.read_responses(responses_csv, rubric), "sector", seed=1, n_resamples=200
    )
    assert json.loads(out) == json.loads(json.dumps(expected.to_dict()))


def test_csv_to_a_file_vs_rest_unadjusted(
    capsys: pytest.CaptureFixture[str], responses_csv: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out.csv"
    code, out, _ = run(
        capsys,
        "compare-groups",
        str(responses_csv),
        "--by",
        "organization",
        "--contrasts",
        "vs-rest",
        "--adjust",
        "none",
        "--format",
        "csv",
        "--output",
        str(target),
        *COMMON,
    )
    assert code == 0
    assert out == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("rubric,organization,column,first,second")
    assert lines[1].split(",")[2:5] == ["organization", "(all others)", "org-0001"]
    assert len(lines) == 1 + 6 * (1 + 4 + 28)


def test_mapping_file(
    capsys: pytest.CaptureFixture[str], responses_csv: Path, tmp_path: Path
) -> None:
    mapping = tmp_path / "groups.csv"
    rows = [f"org-000{i},{'small' if i < 4 else 'large'}" for i in range(1, 7)]
    mapping.write_text("organization,group\n" + "\n".join(rows) + "\n", encoding="utf-8")
    code, out, err = run(
        capsys,
        "compare-groups",
        str(responses_csv),
        "--mapping",
        str(mapping),
        "--format",
        "json",
        *COMMON,
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["column"] == "mapping"
    assert data["groups"]["small"]["organizations"] == ["org-0001", "org-0002", "org-0003"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("org,group\norg-0001,a\n", "header 'organization,group'"),
        ("organization,group\norg-0001,\n", "line 2: needs an organization and a group"),
        ("organization,group\norg-0001,a\norg-0001,b\n", "two groups"),
        ("organization,group\norg-0001,a\norg-0002,b\n", "leaves out 4 organization(s)"),
    ],
)
def test_bad_mapping_files(
    capsys: pytest.CaptureFixture[str],
    responses_csv: Path,
    tmp_path: Path,
    content: str,
    message: str,
) -> None:
    mapping = tmp_path / "groups.csv"
    mapping.write_text(content, encoding="utf-8")
    code, out, err = run(
        capsys, "compare-groups", str(responses_csv), "--mapping", str(mapping), *COMMON
    )
    assert code == 2
    assert out == ""
    assert err.startswith("lomaturity: error:")
    assert message in err


def test_bad_column_and_missing_mapping_file(
    capsys: pytest.CaptureFixture[str], responses_csv: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "compare-groups", str(responses_csv), "--by", "sectr", *COMMON)
    assert code == 2
    assert "did you mean 'sector'" in err
    code, _, err = run(
        capsys,
        "compare-groups",
        str(responses_csv),
        "--mapping",
        str(tmp_path / "nope.csv"),
        *COMMON,
    )
    assert code == 2
    assert "nope.csv" in err
    assert "Traceback" not in err


def test_by_or_mapping_is_required(capsys: pytest.CaptureFixture[str], responses_csv: Path) -> None:
    with pytest.raises(SystemExit) as info:
        main(pinned(["compare-groups", str(responses_csv)]))
    assert info.value.code == 2
    assert "--by" in capsys.readouterr().err
