"""The one organization lookup: one error type, a did-you-mean that scales to large panels,
bounded messages."""

from __future__ import annotations

import numpy as np
import pytest

import lomaturity as lm
from factories import make_responses

N_ORGANIZATIONS = 3000


@pytest.fixture(scope="module")
def panel() -> lm.Responses:
    names = [f"company-{i:05d}-gmbh" for i in range(N_ORGANIZATIONS)]
    return make_responses(np.full((N_ORGANIZATIONS, 2), 3.0), ("a", "b"), organizations=names)


def test_case_slip_is_found_beyond_the_difflib_cap(panel: lm.Responses) -> None:
    with pytest.raises(lm.UnknownOrganizationError) as info:
        panel.for_organization("Company-02999-GmbH")
    message = str(info.value)
    assert "did you mean 'company-02999-gmbh'? names are case-sensitive" in message
    assert "and 2990 more" in message  # the list of names is bounded


def test_an_unknown_name_is_echoed_bounded(panel: lm.Responses) -> None:
    with pytest.raises(lm.UnknownOrganizationError) as info:
        panel.for_organization("x" * 100_000)
    assert len(str(info.value)) < 2_000


def test_unknown_organization_is_a_key_error_for_mappings() -> None:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    reports = lm.score_organizations(
        rubric, lm.example_responses("learning-organization@1.0.0"), seed=1, n_resamples=100
    )
    assert reports.get("nordwind") is None
    assert "nordwind" not in reports
    with pytest.raises(lm.UnknownOrganizationError, match="did you mean 'nordwind-manufacturing'"):
        reports["nordwind"]
