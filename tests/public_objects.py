"""One instance of (nearly) every public object, from the bundled rubric and example data,
for the repr and HTML tests: the results of every entry point, and everything reachable
from them through their attributes."""

from __future__ import annotations

import datetime
import types
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import numpy as np

import lomaturity as lm

NAMESPACES: tuple[types.ModuleType, ...] = (
    lm,
    lm.results,
    lm.rubric,
    lm.responses,
    lm.recommendations,
    lm.norms,
)
"""The public namespaces whose exported classes must all have short reprs."""

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_CSV = REPO / "src" / "lomaturity" / "data" / "example-responses-1.1.0.csv"
MIGRATION = REPO / "rubrics" / "learning-organization" / "migrations" / "1.0.0--1.1.0.yaml"

RESAMPLES = 100
SEED = 7
"""Resamples for these objects: their reprs, not their ranges, are under test."""


@cache
def roots() -> tuple[Any, ...]:
    """The results of every entry point on the bundled example (computed once)."""
    rubric = lm.load_rubric("learning-organization")
    responses = lm.example_responses(rubric)
    reports = lm.score_organizations(
        rubric, responses, details=True, n_resamples=RESAMPLES, seed=SEED
    )
    first = next(iter(reports.values()))
    second = list(reports.values())[1]
    simulated = lm.simulate_responses(rubric, organizations=25, respondents=6, seed=3)
    norms = lm.build_norms(
        rubric,
        simulated.responses,
        title="Example norms",
        source_description="simulated",
        synthetic=True,
        min_organizations=20,
        date=datetime.date(2026, 1, 1),
        n_resamples=RESAMPLES,
        seed=SEED,
    )
    names = simulated.responses.organization_ids
    halves = {
        name: "first half" if i < len(names) // 2 else "second half" for i, name in enumerate(names)
    }
    older = lm.load_rubric("learning-organization@1.0.0")
    population = lm.Population.of({"brightloom-design": {"manager": 10, "employee": 40}}, by="role")
    weighted = lm.score(
        rubric,
        responses,
        organization="brightloom-design",
        population=population,
        n_resamples=RESAMPLES,
        seed=SEED,
    )
    panel = lm.score_panel(
        rubric, EXAMPLE_CSV, population=population, n_resamples=RESAMPLES, seed=SEED
    )
    migration = lm.read_migration(MIGRATION)
    return (
        weighted,
        population,
        panel,
        migration,
        lm.available_rubrics(),
        lm.recommendations.Evidence(),
        lm.recommendations.OrganizationFacts(None),
        lm.recommendations.OverallBelow(stage="established"),
        lm.Problem("$.title", "is not a text", 3),
        lm.responses.AnswerMap({"Samaa mieltä": 4, "Eri mieltä": 2, "En osaa sanoa": lm.DK}),
        lm.results.DesignOptions(population=population, cluster="team"),
        rubric,
        responses,
        reports,
        lm.recommend(rubric, first),
        lm.roadmap(rubric, first),
        lm.targets(rubric, first),
        lm.compare(first, second),
        lm.compare(reports, reports, labels=("wave 1", "wave 2")),
        lm.compare_groups(rubric, simulated.responses, halves, n_resamples=RESAMPLES, seed=SEED),
        lm.agreement(rubric, responses),
        lm.reliability(rubric, responses, n_resamples=RESAMPLES, seed=SEED),
        lm.group_scores(rubric, responses, n_resamples=RESAMPLES, seed=SEED),
        lm.perception_gap(rubric, responses, n_resamples=RESAMPLES, seed=SEED),
        lm.response_quality(rubric, responses),
        lm.benchmark(first, norms),
        lm.benchmark(reports, norms),
        norms,
        simulated,
        lm.diff_rubrics(older, rubric),
        lm.example_norms(),
    )


def _children(obj: Any) -> Iterator[Any]:
    if isinstance(obj, (str, bytes, int, float, np.ndarray, type, Path)) or obj is None:
        return
    if isinstance(obj, Mapping):
        yield from obj.values()
    elif isinstance(obj, (tuple, list, frozenset, set)):
        yield from obj
    elif attrs.has(type(obj)):
        for a in attrs.fields(type(obj)):
            yield getattr(obj, a.name)


@cache
def reachable() -> dict[type, Any]:
    """The first instance met of every class reachable from :func:`roots`."""
    found: dict[type, Any] = {}
    seen: set[int] = set()
    stack = list(roots())
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        found.setdefault(type(obj), obj)
        stack.extend(_children(obj))
    return found


def public_classes() -> dict[str, type]:
    """Every class exported from a public namespace (exceptions aside), by its public
    name."""
    out: dict[str, type] = {}
    for module in NAMESPACES:
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if isinstance(value, type) and not issubclass(value, BaseException):
                out[f"{module.__name__}.{name}"] = value
    return out
