"""``--facts FILE`` on ``lomaturity recommend`` and ``lomaturity explain``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import factories
import lomaturity as lm
from lomaturity.cli import main

RUBRIC = factories.clo_rule_rubric()

FAST = ["--seed", "1", "--resamples", "100"]
ORG = "nordwind-manufacturing"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("facts")
    rubric = folder / "rubric.yaml"
    rubric.write_text(lm.dump_rubric(RUBRIC, schema=None), encoding="utf-8")
    responses = folder / "responses.csv"
    responses.write_text(
        lm.responses_to_csv_text(lm.example_responses("learning-organization@1.0.0")),
        encoding="utf-8",
    )
    return {"rubric": rubric, "responses": responses, "folder": folder}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def recommend_json(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], *extra: str
) -> dict[str, object]:
    code, out, err = run(
        capsys,
        "recommend",
        str(files["responses"]),
        "--rubric",
        str(files["rubric"]),
        "--organization",
        ORG,
        "--format",
        "json",
        *FAST,
        *extra,
    )
    assert code == 0, err
    data: dict[str, object] = json.loads(out)
    return data


def _evidence_of(data: dict[str, object], step_id: str) -> list[str]:
    """The evidence texts of a triggered step (empty when it is not triggered)."""
    steps = data["steps"]
    assert isinstance(steps, list)
    for step in steps:
        if step["id"] == step_id and step["status"] == "triggered":
            return [t["text"] for t in step["evidence"]]
    return []


def test_facts_file_changes_the_role_step(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    none = files["folder"] / "none.yaml"
    none.write_text(f"organizations:\n  {ORG}: {{learning_owner: none}}\n", encoding="utf-8")
    dedicated = files["folder"] / "dedicated.csv"
    dedicated.write_text(f"organization,learning_owner\n{ORG},dedicated\n", encoding="utf-8")
    without = recommend_json(capsys, files)
    with_none = recommend_json(capsys, files, "--facts", str(none))
    with_role = recommend_json(capsys, files, "--facts", str(dedicated))
    role_evidence = _evidence_of(with_none, "clo_role")
    mandate_evidence = _evidence_of(with_role, "clo_mandate")
    assert "values_culture 43.3" in role_evidence[0]  # a deficient dimension, named
    assert "is 'none'" in role_evidence[1]
    assert "was not given" in _evidence_of(without, "clo_role")[1]
    assert "is 'dedicated'" in mandate_evidence[1]
    assert not _evidence_of(with_role, "clo_role")
    assert not _evidence_of(without, "clo_mandate")
    for data in (without, with_none, with_role):
        steps = data["steps"]
        assert isinstance(steps, list)
        assert steps[0]["id"] == ("clo_mandate" if data is with_role else "clo_role")


def test_facts_of_an_organization_not_in_the_responses_is_an_error(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    path = files["folder"] / "typo.yaml"
    path.write_text(
        "organizations:\n  nordwind-manufactoring: {learning_owner: none}\n", encoding="utf-8"
    )
    code, _, err = run(
        capsys,
        "recommend",
        str(files["responses"]),
        "--rubric",
        str(files["rubric"]),
        "--facts",
        str(path),
        *FAST,
    )
    assert code == 2
    assert "no organization 'nordwind-manufactoring' in the responses" in err
    assert f"did you mean '{ORG}'?" in err


def test_bad_facts_file_is_an_input_error(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    path = files["folder"] / "bad.csv"
    path.write_text(f"organization,learning_owner\n{ORG},\x1b[31mnobody\n", encoding="utf-8")
    code, _, err = run(
        capsys,
        "explain",
        str(files["responses"]),
        "--rubric",
        str(files["rubric"]),
        "--organization",
        ORG,
        "--recommendation",
        "clo_role",
        "--facts",
        str(path),
        *FAST,
    )
    assert code == 2
    assert "invalid organization facts" in err
    assert f"bad.csv:2: organization '{ORG}', fact 'learning_owner'" in err
    assert "\x1b" not in err


def test_explain_with_facts_and_a_notice_for_an_organization_without(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    others = [o for o in lm.example_responses().organization_ids if o != ORG]
    path = files["folder"] / "other.yaml"
    path.write_text(f"organizations:\n  {others[0]}: {{headcount: 40}}\n", encoding="utf-8")
    code, out, err = run(
        capsys,
        "explain",
        str(files["responses"]),
        "--rubric",
        str(files["rubric"]),
        "--organization",
        ORG,
        "--recommendation",
        "clo_mandate",
        "--facts",
        str(path),
        *FAST,
    )
    assert code == 0, err
    flat = " ".join(out.split())
    assert "organization fact 'learning_owner' in 'part_time', 'dedicated'" in flat
    assert f"the --facts file holds no organization '{ORG}'" in flat
