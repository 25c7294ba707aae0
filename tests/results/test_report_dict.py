"""ReportSet.to_dict(): panel-wide figures written once."""

from __future__ import annotations

import json

import lomaturity as lm


def test_report_set_writes_the_panel_icc_once() -> None:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    reports = lm.score_organizations(
        rubric, lm.example_responses("learning-organization@1.0.0"), seed=3, n_resamples=200
    )
    data = reports.to_dict()
    first = next(iter(reports.values()))
    assert first.icc  # agreement attaches the panel's ICC to every report
    assert data["icc"] == {k: v.to_dict() for k, v in first.icc.items()}
    assert all("icc" not in entry for entry in data["organizations"].values())
    # Everything else of each report is as its own to_dict() writes it.
    for name, report in reports.items():
        own = report.to_dict()
        del own["icc"]
        assert data["organizations"][name] == own
    json.dumps(data, allow_nan=False)


def test_report_set_without_agreement_has_no_icc_key() -> None:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    reports = lm.score_organizations(
        rubric,
        lm.example_responses("learning-organization@1.0.0"),
        seed=3,
        n_resamples=200,
        agreement=False,
    )
    data = reports.to_dict()
    assert list(data) == ["organizations"]
    assert data["organizations"] == {k: v.to_dict() for k, v in reports.items()}
