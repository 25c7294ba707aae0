"""A perception gap is printed as a finding, not as a warning; warnings stay warnings."""

from __future__ import annotations

import json

import pytest

import lomaturity as lm
from lomaturity.cli import main

FAST = ("--seed", "1", "--resamples", "200")


def test_a_perception_gap_notice_is_a_finding_and_others_are_not() -> None:
    assert lm.results.Notice("perception_gap", "m").is_finding
    assert not lm.results.Notice("low_agreement", "m").is_finding


def test_score_details_prints_the_gap_as_a_finding_before_the_warnings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    org = "nordwind-manufacturing"
    code = main(["score", "--example", "--organization", org, "--details", *FAST])
    out = capsys.readouterr().out
    assert code == 0
    assert "warning [perception_gap]" not in out
    findings = [line for line in out.splitlines() if line.startswith("  finding: ")]
    assert findings, out
    assert "role 'manager' rates" in findings[0]
    warnings = [i for i, line in enumerate(out.splitlines()) if line.startswith("  warning [")]
    assert warnings, "the example's other notices are still warnings"
    first_finding = out.splitlines().index(findings[0])
    assert first_finding < warnings[0]


def test_the_gap_stays_a_notice_with_its_code_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    org = "nordwind-manufacturing"
    code = main(
        ["score", "--example", "--organization", org, "--details", *FAST, "--format", "json"]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert "perception_gap" in {n["code"] for n in data["notices"]}
