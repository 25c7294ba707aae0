"""Test factories shared by the test modules: small rubrics and responses built in memory.

One home for "a rubric with these dimensions" and "responses with these answers", so tests
of different layers build their inputs the same way.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import yaml

import lomaturity as lm
from lomaturity.results import IntervalInfo, Score, ScoringOptions


def rubric_yaml(
    dimensions: Mapping[str, Sequence[str]],
    *,
    points: int = 5,
    low: int = 1,
    reverse: Sequence[str] = (),
    weights: Mapping[str, float] | None = None,
    rubric_id: str = "test-rubric",
) -> str:
    """Format-1 YAML of a rubric: ``dimensions`` maps dimension id -> indicator ids, every
    indicator on one ``low..low+points-1`` scale with "not applicable" allowed; two stages
    (``low`` from 0, ``high`` from 50)."""
    weights = weights or {}
    lines = [
        "format: 1",
        f"id: {rubric_id}",
        'version: "1.0.0"',
        "title: Test rubric",
        "description: Built by the tests.",
        "language: en",
        "scales:",
        f"  - {{id: s, min: {low}, max: {low + points - 1}, allow_na: true}}",
        "dimensions:",
    ]
    lines += [f"  - {{id: {d}, name: {d}, description: A dimension.}}" for d in dimensions]
    lines.append("indicators:")
    for dim, items in dimensions.items():
        for item in items:
            lines.append(
                f"  - {{id: {item}, dimension: {dim}, statement: Item {item}., scale: s, "
                f"allow_na: true, reverse: {'true' if item in reverse else 'false'}, "
                f"weight: {weights.get(item, 1.0)}}}"
            )
    lines += [
        "stages:",
        "  - {id: low, name: Low, lower: 0, description: Low.}",
        "  - {id: high, name: High, lower: 50, description: High.}",
    ]
    return "\n".join(lines) + "\n"


def make_rubric(dimensions: Mapping[str, Sequence[str]], **options: Any) -> lm.Rubric:
    """The rubric of :func:`rubric_yaml` (same keyword options)."""
    return lm.read_rubric_bytes(rubric_yaml(dimensions, **options))


def make_responses(
    values: Any,
    indicator_ids: Sequence[str],
    organizations: Sequence[str] | None = None,
    not_applicable: Any = None,
    respondent_ids: Sequence[str] | None = None,
) -> lm.Responses:
    """Responses with ``values`` (rows x ``indicator_ids``; NaN = no answer); one
    organization ``acme`` unless ``organizations`` are given; ids ``r00000``, ``r00001``..."""
    x = np.asarray(values, dtype=np.float64).reshape(-1, len(indicator_ids))
    n = x.shape[0]
    na = np.zeros(x.shape, dtype=bool) if not_applicable is None else not_applicable
    return lm.Responses(
        indicator_ids=tuple(indicator_ids),
        values=x,
        not_applicable=np.asarray(na, dtype=bool).reshape(x.shape),
        respondent_ids=list(respondent_ids) if respondent_ids else [f"r{i:05d}" for i in range(n)],
        organizations=list(organizations) if organizations is not None else ["acme"] * n,
    )


DONT_KNOW_LABEL = "Don't know"
"""The "don't know" label of :func:`dont_know_rubric`'s scale."""


def dont_know_rubric(
    indicators: Sequence[str] | None = None, *, label: str | None = DONT_KNOW_LABEL
) -> lm.Rubric:
    """``learning-organization@1.0.0`` with "don't know" answers (``label`` on the scale):
    on every indicator (``indicators=None``: its one scale ``agree5`` accepts them), or only
    on ``indicators``, which move to ``agree5_dk``, a copy of ``agree5`` that accepts them
    (the others stay on ``agree5``, which does not)."""
    base = lm.load_rubric("learning-organization@1.0.0")
    scale = base.scales[0]
    with_dk = attrs.evolve(scale, dont_know=True, dont_know_label=label)
    if indicators is None:
        return attrs.evolve(base, scales=(with_dk,))
    moved = tuple(
        attrs.evolve(i, scale="agree5_dk") if i.id in indicators else i for i in base.indicators
    )
    return attrs.evolve(
        base, scales=(scale, attrs.evolve(with_dk, id="agree5_dk")), indicators=moved
    )


def _report_score(
    rubric: lm.Rubric, subject: str, value: float | None, half: float, *, staged: bool
) -> Score:
    if value is None:
        return Score(subject, None, None, None, 0, 0, 0, 0.0, reason="no answers")
    low, high = max(0.0, value - half), min(100.0, value + half)
    return Score(
        subject,
        value,
        low,
        high,
        10,
        10,
        0,
        1.0,
        stage=rubric.stage_for(value).id if staged else None,
    )


def make_report(
    dims: Mapping[str, float | None],
    indicators: Mapping[str, float | None] | None = None,
    *,
    rubric: lm.Rubric,
    half: float = 2.0,
    organization: str = "org",
    perception_gap: Any = None,
    agreement: Any = None,
) -> lm.Report:
    """A report of ``rubric`` with the given dimension scores (ranges ``value ± half``,
    clipped to 0-100); indicators default to their dimension's score."""
    indicators = indicators or {}
    ind_scores = {
        i.id: _report_score(
            rubric, i.id, indicators.get(i.id, dims[i.dimension]), half, staged=False
        )
        for i in rubric.indicators
    }
    dim_scores = {
        d.id: _report_score(rubric, d.id, dims[d.id], half, staged=True) for d in rubric.dimensions
    }
    present = [(d.weight, dims[d.id]) for d in rubric.dimensions if dims[d.id] is not None]
    overall_value = (
        sum(w * v for w, v in present if v is not None) / sum(w for w, _ in present)
        if len(present) == len(rubric.dimensions)
        else None
    )
    overall = _report_score(rubric, "overall", overall_value, half, staged=True)
    return lm.Report(
        rubric_key=rubric.key,
        organization=organization,
        n_respondents=10,
        overall=overall,
        dimensions=dim_scores,
        indicators=ind_scores,
        stage=None if overall_value is None else rubric.stage_for(overall_value),
        interval=IntervalInfo("respondent-bootstrap", "percentile", 0.95, 1000, 1),
        options=ScoringOptions(n_resamples=1000, seed=1),
        perception_gap=perception_gap,
        agreement=agreement,
    )


def clo_rule_rubric() -> lm.Rubric:
    """1.0.0's structure with the source text's new role as 1.1.0 writes it: the facts,
    ``clo_role`` / ``clo_mandate`` steps (``lead``, effort 1, one deficient dimension and a
    ``fact`` condition) of tests/recommend/data/clo_rule.yaml; id ``clo-rule-test``."""
    path = Path(__file__).parent / "recommend" / "data" / "clo_rule.yaml"
    extra = yaml.safe_load(path.read_text(encoding="utf-8"))
    data = lm.load_rubric("learning-organization@1.0.0").to_dict()
    data["id"] = "clo-rule-test"
    data["facts"] = extra["facts"]
    kept = [r for r in data["recommendations"] if r["id"] != "clo_role"]
    data["recommendations"] = extra["recommendations"] + kept
    return lm.parse_rubric(format2_of(data))


TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "scales": ("labels", "na_label", "dont_know_label"),
    "dimensions": ("name", "description"),
    "indicators": ("statement", "descriptors"),
    "stages": ("name", "description"),
    "facts": ("question",),
    "recommendations": ("title", "action", "rationale"),
}
"""The text fields of each section: inline in format 1, in the catalogs in format 2."""


def format2_of(data: Mapping[str, Any]) -> dict[str, Any]:
    """A format-1 rubric mapping (texts inline, possibly with format-2 ``facts``) rewritten
    as format 2 with one language: the structure, then its texts in ``texts.<language>``."""
    out = copy.deepcopy(dict(data))
    language = out.pop("language")
    out["format"] = 2
    out["languages"] = [language]
    catalog: dict[str, Any] = {"title": out.pop("title"), "description": out.pop("description")}
    for section, fields in TEXT_FIELDS.items():
        for item in out.get(section) or []:
            texts = {f: item.pop(f) for f in fields if item.get(f) is not None}
            for f in fields:
                item.pop(f, None)
            if section == "facts" and item.get("choices"):
                labels = item.pop("choice_labels", None)
                texts["choices"] = labels or {c: c.replace("_", " ") for c in item["choices"]}
            if texts:
                catalog.setdefault(section, {})[item["id"]] = texts
    out["texts"] = {language: catalog}
    return out


PINNED_RUBRIC = "learning-organization@1.0.0"
"""The default rubric as it was when the existing tests fixed their numbers (1.1.0 is now the
default; tests that rely on 1.0.0's items or example data name it)."""

_NO_RUBRIC_OPTION = ("validate", "rubrics")


def pinned(argv: Sequence[str]) -> list[str]:
    """Command-line arguments with ``--rubric learning-organization@1.0.0`` added after the
    subcommand, unless they name a rubric already or the subcommand takes none."""
    args = list(argv)
    if not args or args[0].startswith("-") or args[0] in _NO_RUBRIC_OPTION or "--rubric" in args:
        return args
    return [args[0], "--rubric", PINNED_RUBRIC, *args[1:]]
