"""A modified copy of the bundled rubric 1.0.0, as version 1.0.1, for the rubric-version tests,
with its migration map ``tests/assess/data/lo-1.0.0--1.0.1.yaml``.

Changes from 1.0.0: ``vc_values_stated`` reworded; ``vc_dei_daily`` removed; ``vc_new_item``
added; ``st_skill_gaps`` reweighted (2.0); ``pr_permission_required`` rekeyed (no longer
reverse); ``ex_job_rotation`` moved to ``practice``; ``st_learning_resources`` renamed
``st_learning_budget``; ``st_learning_environment`` split into ``st_platforms_current`` and
``st_platforms_access``.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import numpy as np

import lomaturity as lm

MAP_PATH = Path(__file__).parent / "assess" / "data" / "lo-1.0.0--1.0.1.yaml"
"""The migration map from 1.0.0 to the modified 1.0.1."""


def old_rubric() -> lm.Rubric:
    """The bundled 1.0.0, named by version."""
    return lm.load_rubric("learning-organization@1.0.0")


def new_rubric() -> lm.Rubric:
    """The modified copy of 1.0.0, version 1.0.1 (see the module docstring)."""
    old = old_rubric()
    out = []
    for i in old.indicators:
        if i.id == "vc_dei_daily":
            continue
        if i.id == "vc_values_stated":
            i = attrs.evolve(i, statement="Our values say that every employee matters.")
        elif i.id == "st_skill_gaps":
            i = attrs.evolve(i, weight=2.0)
        elif i.id == "pr_permission_required":
            i = attrs.evolve(
                i, reverse=False, statement="I may spend work time on learning freely."
            )
        elif i.id == "ex_job_rotation":
            i = attrs.evolve(i, dimension="practice")
        elif i.id == "st_learning_resources":
            i = attrs.evolve(i, id="st_learning_budget")
        elif i.id == "st_learning_environment":
            out.append(
                attrs.evolve(i, id="st_platforms_current", statement="Platforms are current.")
            )
            i = attrs.evolve(i, id="st_platforms_access", statement="I can reach the platforms.")
        out.append(i)
        if i.id == "vc_welcoming_new":
            out.append(attrs.evolve(i, id="vc_new_item", statement="A new question."))
    data = attrs.evolve(old, version="1.0.1", indicators=tuple(out)).to_dict()
    text = json.dumps(data)
    for before, after in RECOMMENDATION_IDS.items():
        text = text.replace(f'"{before}"', f'"{after}"')
    return lm.parse_rubric(json.loads(text))  # validated like a file


RECOMMENDATION_IDS = {
    "st_learning_resources": "st_learning_budget",
    "st_learning_environment": "st_platforms_access",
    "vc_dei_daily": "vc_new_item",
}
"""Ids the recommendations of 1.0.0 name, replaced in 1.0.1 (only the recommendations still
name them once the indicators are edited)."""


SOURCE_OF = {
    "st_learning_budget": "st_learning_resources",
    "st_platforms_current": "st_learning_environment",
    "st_platforms_access": "st_learning_environment",
}
"""1.0.1 id -> the 1.0.0 indicator whose answers it repeats in :func:`same_answers`."""


def same_answers(responses: lm.Responses, new: lm.Rubric) -> lm.Responses:
    """The 1.0.0 ``responses`` as answers to 1.0.1: every linked question answered exactly as
    before (the rekeyed ``pr_permission_required`` mirrored, so that its meaning holds), the
    new ``vc_new_item`` answered 3. Compared on the linked core, the two sides must not
    differ at all."""
    columns = []
    for indicator in new.indicators:
        source = SOURCE_OF.get(indicator.id, indicator.id)
        if source not in responses.indicator_ids:
            columns.append(np.full(responses.n_respondents, 3.0))
            continue
        column = responses.values[:, responses.indicator_ids.index(source)]
        columns.append(6.0 - column if indicator.id == "pr_permission_required" else column)
    na = np.zeros((responses.n_respondents, len(columns)), dtype=bool)
    for j, indicator in enumerate(new.indicators):
        source = SOURCE_OF.get(indicator.id, indicator.id)
        if source in responses.indicator_ids:
            na[:, j] = responses.not_applicable[:, responses.indicator_ids.index(source)]
    return lm.responses_from_array(
        np.column_stack(columns),
        new,
        respondent_ids=responses.respondent_ids,
        organizations=responses.organizations,
        not_applicable=na,
    )
