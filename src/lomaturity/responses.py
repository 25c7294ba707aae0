"""Survey responses: respondents x indicators, with per-respondent metadata.

Build :class:`Responses` with :func:`lomaturity.read_responses`,
:func:`lomaturity.responses_from_records`, :func:`lomaturity.responses_from_frame` or
:func:`lomaturity.responses_from_array`; :func:`lomaturity.simulate_responses` gives a
:class:`Simulation` (simulated responses and their true scores). :class:`AnswerMap`
(from :func:`lomaturity.read_answer_map`) maps the answer texts of a survey export to scale
values (docs/survey-exports.md).
"""

from __future__ import annotations

from ._model.answer_map import AnswerMap
from ._model.responses import NO_ORGANIZATION, Responses
from ._public import publish
from ._survey.cells import DK, NA
from ._survey.simulate import Simulation, SimulationSettings, TrueScores
from ._survey.source import DEFAULT_MAX_BYTES

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DK",
    "NA",
    "NO_ORGANIZATION",
    "AnswerMap",
    "Responses",
    "Simulation",
    "SimulationSettings",
    "TrueScores",
]

publish(__name__, AnswerMap, Responses, Simulation, SimulationSettings, TrueScores)

del publish  # the helper is not part of the public surface
