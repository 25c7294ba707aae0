"""``lomaturity recommend`` and ``lomaturity explain``, and the explain texts."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

import lomaturity as lm
from factories import pinned
from lomaturity import (
    RecommendationError,
    explain_recommendation,
    explain_score,
    responses_to_csv_text,
)
from lomaturity._present.explain import describe_condition
from lomaturity.cli import main
from lomaturity.recommendations import Evidence

RUBRIC = lm.load_rubric("learning-organization@1.0.0")
FAST = ["--seed", "1", "--resamples", "200"]
NORDWIND = ["--organization", "nordwind-manufacturing"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(pinned(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def example_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("data") / "responses.csv"
    path.write_text(
        responses_to_csv_text(lm.example_responses("learning-organization@1.0.0")), encoding="utf-8"
    )
    return path


@pytest.fixture(scope="module")
def nordwind() -> lm.Report:
    reports = lm.score_organizations(
        RUBRIC, lm.example_responses("learning-organization@1.0.0"), seed=1, n_resamples=200
    )
    return reports["nordwind-manufacturing"]


# --- recommend ------------------------------------------------------------------------------


def test_recommend_text_for_every_example_organization(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "recommend", "--example", "--rubric", "learning-organization@1.0.0", *FAST
    )
    assert code == 0, err
    for org in ("brightloom-design", "nordwind-manufacturing", "harbor-city-agency"):
        assert f"{org} — next steps (learning-organization@1.0.0)" in out
    assert "Give learning an owner" in out
    assert "Evidence: 3 of 4 dimensions below 50 (stage 'developing'), need ≥ 2" in out
    assert "Roadmap:" in out
    assert "phase 1:" in out


def test_recommend_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "recommend",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        *FAST,
        *NORDWIND,
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["organization"] == "nordwind-manufacturing"
    ids = [s["id"] for s in data["steps"]]
    assert ids[:2] == ["pr_self_service_enrolment", "clo_role"]
    assert data["roadmap"][0]["phase"] == 1
    assert set(data["roadmap"][0]["steps"]) <= set(ids)
    gap = next(s for s in data["steps"] if s["id"] == "close_perception_gap")
    assert gap["evidence"][0]["kind"] == "perception_gap"
    assert gap["evidence"][0]["status"] == "met"
    assert data["formula"].startswith("gain = weighted_gap * impact / effort")
    json.dumps(data, allow_nan=False)
    code, out, _ = run(
        capsys,
        "recommend",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        *FAST,
        "--format",
        "json",
    )
    assert set(json.loads(out)["organizations"]) == set(
        lm.example_responses("learning-organization@1.0.0").organization_ids
    )


def test_recommend_from_a_file_with_target_limit_and_baseline(
    capsys: pytest.CaptureFixture[str], example_csv: Path
) -> None:
    code, out, err = run(
        capsys,
        "recommend",
        str(example_csv),
        *FAST,
        *NORDWIND,
        "--target",
        "learning_organization",
        "--limit",
        "4",
        "--baseline",
        str(example_csv),
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert sum(s["status"] == "triggered" and s["gain"] > 0 for s in data["steps"]) == 4
    assert data["omitted"] > 0
    # prerequisites come along, never after a step that needs them
    order = [s["id"] for s in data["steps"]]
    for step in data["steps"]:
        assert all(order.index(p) < order.index(step["id"]) for p in step["requires"])
    practice = data["targets"]["dimensions"]["practice"]
    assert practice["target"] == 80.0
    assert practice["baseline"] == practice["current"]
    assert practice["progress"] == 0.0


def test_recommend_baseline_equal_to_target(
    capsys: pytest.CaptureFixture[str], example_csv: Path
) -> None:
    code, out, _ = run(
        capsys,
        "recommend",
        str(example_csv),
        *FAST,
        "--organization",
        "brightloom-design",
        "--target",
        "10",
        "--baseline",
        str(example_csv),
    )
    assert code == 0
    assert "progress not given: no gap at the baseline" in out
    assert "No step brings a gain toward this target." in out


def test_recommend_per_dimension_target(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "recommend",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        *FAST,
        *NORDWIND,
        "--target",
        "practice=established,default=next",
    )
    assert code == 0
    assert "Target: default next stage, practice stage 'established'" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--target", "establised"], "did you mean 'established'"),
        (["--target", "practise=70"], "did you mean 'practice'"),
        (["--target", "120"], "not a score within 0..100"),
        (["--limit", "0"], "limit: 0 is not an integer >= 1"),
        (["--organization", "nordwind"], "no organization 'nordwind'"),
        (["--rubric", "nope"], "is neither a bundled rubric id"),
    ],
)
def test_recommend_bad_input_exits_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(
        capsys, "recommend", "--example", "--rubric", "learning-organization@1.0.0", *FAST, *argv
    )
    assert code == 2
    assert out == ""
    assert err.startswith("lomaturity: error: ")
    assert message in err


def test_recommend_missing_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "recommend", str(tmp_path / "none.csv"), *FAST)
    assert code == 2
    assert "lomaturity: error:" in err


def test_recommend_with_a_rubric_without_recommendations(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tiny_rubric_yaml: str
) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(tiny_rubric_yaml, encoding="utf-8")
    csv = tmp_path / "r.csv"
    csv.write_text("respondent_id,cu_talk,cu_blame,pr_time\nr1,1,2,3\nr2,2,2,2\n")
    code, _, err = run(capsys, "recommend", str(csv), "--rubric", str(path), *FAST)
    assert code == 2
    assert "has no recommendations" in err


# --- explain --------------------------------------------------------------------------------


def test_explain_dimension_score(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "explain",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        *FAST,
        *NORDWIND,
        "--score",
        "practice",
    )
    assert code == 0
    assert out.startswith("How dimension 'practice' (Practice) was scored")
    assert "weighted mean of its indicators" in out
    assert "pr_permission_required R" in out
    assert ") / 6 = 27.5" in out
    assert "bootstrap interval from 200 resamples" in out
    assert "Seed 1" in out


def test_explain_indicator_score_recomputes_the_mean(
    capsys: pytest.CaptureFixture[str], nordwind: lm.Report
) -> None:
    code, out, _ = run(
        capsys,
        "explain",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        *FAST,
        *NORDWIND,
        "--score",
        "pr_permission_required",
    )
    assert code == 0
    assert "score = 100 × (5 − x) / 4" in out
    assert "reverse-keyed" in out
    assert "Answers: 1: 0  2: 1  3: 24  4: 31  5: 57" in out
    value = nordwind.indicators["pr_permission_required"].value
    assert value is not None
    assert f"/ 113 = {value:.2f}" in out


def test_explain_overall(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "explain",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        *FAST,
        *NORDWIND,
        "--score",
        "overall",
    )
    assert code == 0
    assert "weighted mean of the scorable dimensions" in out
    assert ") / 4 = 47.6" in out


def test_explain_recommendation(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "explain",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        *FAST,
        *NORDWIND,
        "--recommendation",
        "clo_role",
    )
    assert code == 0
    assert "Status: in the plan: rank 2" in out
    assert "at least 2 of the 4 dimensions score below 50" in out
    assert "[holds]" in out
    assert "gain = weighted_gap × impact / effort" in out
    assert "× 3 (impact) / 2 (effort) =" in out
    assert "Required by (in the rubric): st_future_skills_analysis" in out


def test_explain_deferred_and_perception_gap(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "explain",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        *FAST,
        *NORDWIND,
        "--recommendation",
        "vc_share_learning",
    )
    assert code == 0
    assert "not in the plan: deferred" in out
    assert "counted" in out
    code, out, _ = run(
        capsys,
        "explain",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        *FAST,
        *NORDWIND,
        "--recommendation",
        "close_perception_gap",
    )
    assert code == 0
    assert "'manager' respondents rate dimension 'practice' at least 10 points higher" in out
    assert "any of:" in out


def test_explain_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "explain",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        *FAST,
        *NORDWIND,
        "--score",
        "strategy",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["score"] == "strategy"
    assert data["explanation"][0].startswith("How dimension 'strategy'")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--score", "practice"],
            "the responses hold 4 organizations; name one with --organization",
        ),
        ([*NORDWIND, "--score", "practise"], "did you mean 'practice'"),
        ([*NORDWIND, "--recommendation", "clo_rol"], "did you mean 'clo_role'"),
        (["--organization", "nowhere", "--score", "overall"], "no organization 'nowhere'"),
        ([*NORDWIND, "--recommendation", "clo_role", "--target", "x"], "neither a stage id"),
    ],
)
def test_explain_bad_input_exits_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(
        capsys, "explain", "--example", "--rubric", "learning-organization@1.0.0", *FAST, *argv
    )
    assert code == 2
    assert out == ""
    assert message in err


def test_explain_needs_a_score_or_a_recommendation(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(pinned(["explain", "--example", "--rubric", "learning-organization@1.0.0"]))
    assert info.value.code == 2
    assert "one of the arguments --score --recommendation is required" in capsys.readouterr().err


# --- the explain functions ------------------------------------------------------------------


def test_explain_score_without_responses(nordwind: lm.Report) -> None:
    text = explain_score(RUBRIC, nordwind, "pr_self_service")
    assert "pass the responses to see them" in text
    with pytest.raises(lm.ScoringError, match="no score 'nope'"):
        explain_score(RUBRIC, nordwind, "nope")


def test_explain_recommendation_not_triggered(nordwind: lm.Report) -> None:
    text = explain_recommendation(RUBRIC, nordwind, "ex_development_conversations")
    assert "does not hold" in text
    with pytest.raises(RecommendationError, match="no recommendation 'nope'"):
        explain_recommendation(RUBRIC, nordwind, "nope")


def test_explain_recommendation_not_evaluable() -> None:
    reports = lm.score_organizations(
        RUBRIC,
        lm.example_responses("learning-organization@1.0.0"),
        seed=1,
        n_resamples=200,
        agreement=False,
    )
    bare = reports["nordwind-manufacturing"]
    text = explain_recommendation(RUBRIC, bare, "team_level_follow_up")
    assert "not in the plan: not evaluable" in text
    assert "[not evaluable]" in text
    evidence = Evidence.from_responses(
        RUBRIC,
        lm.example_responses("learning-organization@1.0.0"),
        "nordwind-manufacturing",
        seed=1,
        n_resamples=200,
    )
    text = explain_recommendation(RUBRIC, bare, "team_level_follow_up", evidence=evidence)
    assert "r*wg(j) 0.4" in text  # nordwind's values_culture: r*wg(j) .49 < .70


def test_agreement_attached_by_scoring_is_used(nordwind: lm.Report) -> None:
    """When the scorer attaches agreement results to the report, no Evidence is needed."""
    assert nordwind.agreement is not None
    text = explain_recommendation(RUBRIC, nordwind, "team_level_follow_up")
    assert "values_culture: r*wg(j) 0.49 < 0.7" in text


def test_describe_every_condition_kind() -> None:
    texts = {
        leaf.kind: describe_condition(RUBRIC, leaf)
        for rec in RUBRIC.recommendations
        for leaf in rec.when.leaves()
    }
    assert texts["dimensions_below_count"] == (
        "at least 2 of the 4 dimensions score below 50 (has not reached stage 'developing')"
    )
    assert texts["low_agreement"].startswith("agreement on")
    assert set(texts) == {
        "dimension_below",
        "indicator_below",
        "dimensions_below_count",
        "perception_gap",
        "low_agreement",
    }


# --- review fixes ---------------------------------------------------------------------------

WIDTH = 100


def _csv(path: Path, rows: list[list[str]]) -> Path:
    header = ["respondent_id", "organization", "role", *RUBRIC.indicator_ids]
    lines = [",".join(header)] + [",".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _top_csv(tmp_path: Path) -> Path:
    """Every dimension at the top stage; ex_learning_in_pay at 0 (every answer 1)."""
    rows = []
    for k in range(10):
        best = {i.id: "1" if i.reverse else "5" for i in RUBRIC.indicators}
        worst = {i.id: "5" if i.reverse else "1" for i in RUBRIC.indicators}
        answers = [worst[i] if i == "ex_learning_in_pay" else best[i] for i in RUBRIC.indicator_ids]
        rows.append([f"r{k}", "solo", "manager" if k < 3 else "employee", *answers])
    return _csv(tmp_path / "top.csv", rows)


def _partial_csv(tmp_path: Path) -> Path:
    """Only values and strategy answered: practice, experience and overall not scorable."""
    rows = []
    for k in range(12):
        answers = [
            ("2" if k % 2 else "1") if i.dimension in ("values_culture", "strategy") else ""
            for i in RUBRIC.indicators
        ]
        rows.append([f"r{k}", "solo", "manager" if k < 4 else "employee", *answers])
    return _csv(tmp_path / "partial.csv", rows)


def _table(out: str) -> list[str]:
    lines = out.splitlines()
    start = next(k for k, line in enumerate(lines) if line.lstrip().startswith("Dimension"))
    return lines[start : start + 6]


def test_a_weak_indicator_of_a_top_stage_dimension_is_planned(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "recommend", str(_top_csv(tmp_path)), *FAST)
    assert code == 0, err
    assert "Make learning visible in pay development  [ex_learning_in_pay]" not in out
    assert "[ex_learning_in_pay]" in out
    assert "Moves: ex_learning_in_pay 0.0→80.0" in out
    assert "aimed beyond the target" not in out
    # the table keeps its columns with "100.0 – 100.0" ranges
    table = _table(out)
    assert "100.0 – 100.0" in "\n".join(table)
    assert len({len(line) for line in table}) == 1, table


def test_the_target_table_aligns_unscorable_rows(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "recommend", str(_partial_csv(tmp_path)), *FAST)
    assert code == 0, err
    table = _table(out)
    assert any(" — " in line for line in table[1:])
    assert len({len(line) for line in table}) == 1, table
    header = table[0]
    for line in table[1:]:  # the Target column lines up
        assert line[header.index("Target") + len("Target") - 1] != " " or "—" in line


def test_prerequisites_are_shown_as_confirm_first_without_a_gain(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys,
        "recommend",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        *FAST,
        *NORDWIND,
        "--limit",
        "3",
    )
    assert code == 0
    blocks = out.split("\n\n")
    prerequisite = [b for b in blocks if "prerequisite — confirm it is in place" in b]
    triggered = [b for b in blocks if "· triggered" in b]
    assert len(triggered) == 3
    for block in prerequisite:
        assert "gain — (condition does not hold)" in block
        assert "Moves:" not in block
        assert "Note: Prerequisite of" in block
    assert "--limit 3 shows the first 3 triggered step(s)" in out


def test_limit_counts_triggered_steps_in_text(capsys: pytest.CaptureFixture[str]) -> None:
    # harbor aiming at the top: vc_yes_by_default (a prerequisite) comes along with limit 3
    code, out, _ = run(
        capsys,
        "recommend",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        *FAST,
        "--organization",
        "harbor-city-agency",
        "--target",
        "learning_organization",
        "--limit",
        "1",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    statuses = [s["status"] for s in data["steps"]]
    assert statuses.count("triggered") == 1
    assert statuses[-1] == "triggered"


def test_reached_is_not_100_percent_when_the_target_is_not_met() -> None:
    from lomaturity._present.text import _percent

    assert _percent(99.69, reached=False) == "99%"
    assert _percent(99.99, reached=False) == "99%"
    assert _percent(100.0, reached=True) == "100%"
    assert _percent(0.4, reached=False) == "0.4%"
    assert _percent(None, reached=False) == "—"


@pytest.mark.parametrize("size", ["-3", "0", "x"])
def test_bad_min_group_size_exits_2(capsys: pytest.CaptureFixture[str], size: str) -> None:
    for command in ("recommend", "score", "explain"):
        with pytest.raises(SystemExit) as info:
            main(
                [
                    command,
                    "--example",
                    "--min-group-size",
                    size,
                    "--score",
                    "overall",
                ][:4]
            )
        assert info.value.code == 2
        assert "--min-group-size" in capsys.readouterr().err


def test_organization_typo_gets_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("harbor", "nordwind-manufactoring"):
        code, _, err = run(
            capsys,
            "recommend",
            "--example",
            "--rubric",
            "learning-organization@1.0.0",
            *FAST,
            "--organization",
            name,
        )
        assert code == 2
        assert "did you mean" in err


def test_out_of_memory_exits_2_with_advice(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import lomaturity.cli.score as cli_score

    def boom(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(cli_score, "score_organizations", boom)
    code, out, err = run(
        capsys,
        "score",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        "--resamples",
        "50000",
    )
    assert code == 2
    assert out == ""
    assert "out of memory while scoring with --resamples 50000; try fewer resamples" in err
    assert "Traceback" not in err


def test_out_of_memory_while_reading_names_the_file_not_the_resamples(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import lomaturity.cli.inputs as cli_inputs

    def boom(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(cli_inputs, "read_responses", boom)
    path = tmp_path / "huge.csv"
    code, out, err = run(capsys, "score", str(path), "--resamples", "50000")
    assert code == 2
    assert out == ""
    assert f"out of memory reading {str(path)!r}" in err
    assert "resamples" not in err


def test_explain_unscorable_overall_is_labelled(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "explain", str(_partial_csv(tmp_path)), *FAST, "--score", "overall")
    assert code == 0
    assert "Result: —" in out
    assert "what the score would be if it were scorable" in out


def test_interval_applies_to_the_perception_gap_too(capsys: pytest.CaptureFixture[str]) -> None:
    # --interval now reaches the gap ranges as well, so no notice says otherwise.
    code, out, _ = run(
        capsys,
        "recommend",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        *FAST,
        *NORDWIND,
        "--interval",
        "bca",
        "--format",
        "json",
    )
    assert code == 0
    codes = [n["code"] for n in json.loads(out)["notices"]]
    assert "perception_gap_interval" not in codes
    evidence = Evidence.from_responses(
        RUBRIC,
        lm.example_responses(RUBRIC),
        "nordwind-manufacturing",
        seed=1,
        n_resamples=200,
        interval="bca",
    )
    gaps = [g for g in evidence.perception_gaps if isinstance(g, lm.results.OrganizationGap)]
    assert gaps
    assert len(gaps) == len(evidence.perception_gaps)
    assert {gap.interval.kind for gap in gaps} == {"bca"}


def test_explain_score_refuses_responses_of_another_organization(nordwind: lm.Report) -> None:
    other = lm.example_responses("learning-organization@1.0.0").for_organization("quanta-software")
    with pytest.raises(
        lm.UnknownOrganizationError, match="pass the responses the report was made from"
    ):
        explain_score(RUBRIC, nordwind, "pr_self_service", responses=other)


@pytest.mark.parametrize(
    "argv",
    [
        ["score", "--example", "--rubric", "learning-organization@1.0.0", "--details"],
        ["recommend", "--example", "--rubric", "learning-organization@1.0.0"],
        [
            "recommend",
            "--example",
            "--rubric",
            "learning-organization@1.0.0",
            "--target",
            "learning_organization",
        ],
        [
            "recommend",
            "--example",
            "--rubric",
            "learning-organization@1.0.0",
            "--limit",
            "2",
            "--baseline",
            "BASELINE",
        ],
        *(
            [
                "explain",
                "--example",
                "--rubric",
                "learning-organization@1.0.0",
                "--organization",
                org,
                "--recommendation",
                rec,
            ]
            for org in ("nordwind-manufacturing", "harbor-city-agency")
            for rec in ("clo_role", "close_perception_gap", "vc_share_learning")
        ),
        *(
            [
                "explain",
                "--example",
                "--rubric",
                "learning-organization@1.0.0",
                *NORDWIND,
                "--score",
                subject,
            ]
            for subject in ("overall", "practice", "pr_permission_required")
        ),
    ],
)
def test_text_output_fits_100_columns(
    capsys: pytest.CaptureFixture[str], argv: list[str], example_csv: Path
) -> None:
    argv = [str(example_csv) if a == "BASELINE" else a for a in argv]
    code, out, err = run(capsys, *argv, *FAST)
    assert code == 0, err
    long = [line for line in out.splitlines() if len(line) > WIDTH]
    assert not long, "\n".join(long)


def test_explain_never_breaks_a_line_at_a_hyphen() -> None:
    """Ids and names contain hyphens (``learning-organization@1.0.0``): the explain texts
    wrap between words only, like the rest of the text output."""
    responses = lm.example_responses("learning-organization@1.0.0")
    report = lm.score_organizations(RUBRIC, responses, seed=1, n_resamples=200)["quanta-software"]
    long_name = "north-west-regional-learning-and-development-ag"
    renamed = attrs.evolve(report, organization=long_name)
    for text in (
        explain_score(RUBRIC, renamed, "overall"),
        explain_recommendation(RUBRIC, renamed, "clo_role"),
    ):
        lines = text.splitlines()
        assert any("learning-organization@1.0.0" in line for line in lines[:4])
        assert not any(line.endswith("-") for line in lines)
