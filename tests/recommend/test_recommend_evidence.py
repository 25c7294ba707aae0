"""Evidence for per-role and agreement conditions: read from the report's typed attributes,
computed only where the report lacks it (command line), and named in the messages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import lomaturity as lm
from lomaturity._recommend import evidence as evidence_module
from lomaturity.cli import main
from lomaturity.recommendations import Evidence

RUBRIC = lm.load_rubric("learning-organization@1.0.0")
RUBRIC_FILE = (
    Path(__file__).resolve().parents[2] / "rubrics" / "learning-organization" / "1.0.0.yaml"
)
FAST = ["--seed", "1", "--resamples", "200"]
ORG = "nordwind-manufacturing"


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code = main([*argv, "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def _trigger_texts(result: dict[str, Any], recommendation: str) -> list[str]:
    for group in ("steps", "deferred", "borderline", "not_evaluable"):
        for item in result.get(group, []):
            if item["id"] == recommendation:
                return [t["text"] for t in item["evidence"]]
    raise AssertionError(f"{recommendation} not in the result")


def test_recommend_reads_the_evidence_attached_by_scoring() -> None:
    responses = lm.example_responses("learning-organization@1.0.0")
    report = lm.score_organizations(RUBRIC, responses, seed=1, n_resamples=200, details=True)[ORG]
    assert report.perception_gap is not None
    assert report.agreement is not None
    attached = lm.recommend(RUBRIC, report)
    assert "close_perception_gap" in attached.triggered_ids
    assert all(u.id != "team_level_follow_up" for u in attached.not_evaluable)
    given = lm.recommend(
        RUBRIC,
        report,
        evidence=Evidence.from_responses(RUBRIC, responses, ORG, seed=1, n_resamples=200),
    )
    assert (
        given.step("close_perception_gap").evidence
        == attached.step("close_perception_gap").evidence
    )


def test_not_evaluable_reasons_name_the_report_attributes() -> None:
    responses = lm.example_responses("learning-organization@1.0.0")
    report = lm.score_organizations(RUBRIC, responses, seed=1, n_resamples=200, agreement=False)[
        ORG
    ]
    result = lm.recommend(RUBRIC, report)
    reasons = {u.id: u.reason for u in result.not_evaluable}
    assert "report.perception_gap" in reasons["close_perception_gap"]
    assert "details=True" in reasons["close_perception_gap"]
    assert "report.agreement" in reasons["team_level_follow_up"]
    assert not any("extras" in reason for reason in reasons.values())


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("computed again although scoring attached it")


def test_cli_recommend_reuses_the_evidence_scoring_attached(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(evidence_module, "perception_gap", _refuse)
    monkeypatch.setattr(evidence_module, "agreement", _refuse)
    data = run_json(
        capsys,
        "recommend",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        *FAST,
        "--organization",
        ORG,
    )
    assert "close_perception_gap" in [s["id"] for s in data["steps"]]
    texts = _trigger_texts(data, "close_perception_gap")
    assert any("manager" in t and "vs employee" in t for t in texts)
    assert not data["not_evaluable"]
    explained = run_json(
        capsys,
        "explain",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        *FAST,
        "--organization",
        ORG,
        "--recommendation",
        "close_perception_gap",
    )
    assert any("gap" in line and "≥ 10" in line for line in explained["explanation"])


def test_cli_recommend_computes_only_the_role_pair_the_report_lacks(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = yaml.safe_load(RUBRIC_FILE.read_text(encoding="utf-8"))
    data["id"] = "leads-variant"
    rec = next(r for r in data["recommendations"] if r["id"] == "close_perception_gap")
    rec["when"]["any"].append(
        {
            "kind": "perception_gap",
            "dimension": "practice",
            "roles": ["lead", "employee"],
            "min_gap": 10,
        }
    )
    rubric_path = tmp_path / "rubric.yaml"
    rubric_path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    lines = lm.responses_to_csv_text(
        lm.example_responses("learning-organization@1.0.0")
    ).splitlines()
    relabelled = 0
    for i, line in enumerate(lines):
        if relabelled < 8 and f",{ORG}," in line and ",employee," in line:
            lines[i] = line.replace(",employee,", ",lead,", 1)
            relabelled += 1
    csv_path = tmp_path / "responses.csv"
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    calls: list[tuple[str, ...]] = []
    compute = lm.perception_gap

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(tuple(kwargs["groups"]))
        return compute(*args, **kwargs)

    monkeypatch.setattr(evidence_module, "perception_gap", counted)
    result = run_json(
        capsys,
        "recommend",
        str(csv_path),
        "--rubric",
        str(rubric_path),
        *FAST,
        "--organization",
        ORG,
    )
    assert calls == [("lead", "employee")]
    texts = _trigger_texts(result, "close_perception_gap")
    assert any(t.startswith("practice: lead ") for t in texts)
    assert any(t.startswith("values_culture: manager ") for t in texts)


def test_cli_explain_names_the_organizations_when_none_is_chosen(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        [
            "explain",
            "--example",
            "--rubric",
            "learning-organization@1.0.0",
            *FAST,
            "--score",
            "overall",
        ]
    )
    _, err = capsys.readouterr()
    assert code == 2
    assert "the responses hold 4 organizations" in err
    assert "'nordwind-manufacturing'" in err
