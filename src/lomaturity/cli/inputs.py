"""What the commands read from their options: the rubric, the responses (or the bundled
example), organization facts and the survey design."""

from __future__ import annotations

import argparse
from typing import Any

from .._hints import listing
from .._model.facts import OrganizationFacts
from .._model.notice import Notice
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._recommend.facts import facts_by_organization
from .._rubrics.facts_file import read_facts
from .._rubrics.registry import load_rubric
from .._survey.answer_file import read_answer_map
from .._survey.answers import LABELS, Answers
from .._survey.csvfile import read_responses
from .._survey.example import EXAMPLE_FILES, example_responses
from .._survey.population_file import read_population
from ..exceptions import LomaturityError
from .output import quoted


def load(args: argparse.Namespace, name: str) -> Rubric:
    """The rubric ``name`` in the ``--language`` asked for (where the command has one)."""
    return load_rubric(name, language=getattr(args, "language", None))


def export_arguments(args: argparse.Namespace, rubric: Rubric) -> dict[str, Any]:
    """The ``read_responses`` arguments of the survey-export options (``--id-column``,
    ``--organization-column``, ``--na-token``, ``--answers``, ``--header-rows``); an
    ``--answers`` mapping file is read and checked against ``rubric``'s scales."""
    answers: Answers = None
    if args.answers is not None:
        labels = args.answers.strip().casefold() == LABELS  # as read_responses reads it
        answers = LABELS if labels else read_answer_map(args.answers, rubric)
    return {
        "id_column": args.id_column,
        "organization_column": args.organization_column,
        "na_token": args.na_token,
        "answers": answers,
        "header_rows": args.header_rows,
    }


def read(args: argparse.Namespace, path: str, rubric: Rubric) -> Responses:
    """``read_responses`` of ``path`` with the survey-export options; running out of memory
    while reading is an input error that names the file (not the resamples: nothing has
    been scored yet)."""
    try:
        return read_responses(path, rubric, **export_arguments(args, rubric))
    except MemoryError:
        raise LomaturityError(
            f"out of memory reading {quoted(path)}: the file is too large for this machine"
        ) from None


def responses_from_args(args: argparse.Namespace, rubric: Rubric) -> Responses:
    """The responses file read for ``rubric``, or the bundled example (``--example``), which
    exists for the bundled versions of the default rubric only (``EXAMPLE_FILES``)."""
    if not args.example:
        return read(args, args.responses, rubric)
    if rubric.key not in EXAMPLE_FILES:
        raise LomaturityError(
            f"--example holds answers to the bundled rubrics {listing(sorted(EXAMPLE_FILES))}; "
            f"there is none for the rubric {rubric.key} of {quoted(args.rubric)}; leave out "
            "--rubric, or score your own responses file"
        )
    example = example_responses(rubric.key)
    if example.rubric_fingerprint != rubric.fingerprint:
        raise LomaturityError(
            f"--example holds answers to the bundled {example.rubric_key} rubric; it cannot be "
            f"scored with the rubric {rubric.key} of {quoted(args.rubric)} (same id and version, "
            "other content); leave out --rubric, or score your own responses file"
        )
    return example


def facts_from_args(
    args: argparse.Namespace, rubric: Rubric, responses: Responses
) -> dict[str, OrganizationFacts] | None:
    """The ``--facts`` file read and checked, by organization (each one among the
    responses'); ``None`` without ``--facts``."""
    if args.facts is None:
        return None
    return facts_by_organization(
        rubric,
        read_facts(args.facts, rubric),
        responses.organization_ids,
        where="the responses",
    )


def facts_notice(facts: dict[str, OrganizationFacts] | None, organization: str) -> list[Notice]:
    if facts is None or organization in facts:
        return []
    return [
        Notice(
            "facts_not_given",
            f"the --facts file holds no organization {quoted(organization)}; its fact "
            "conditions use their if_unknown",
        )
    ]


def design_arguments(args: argparse.Namespace) -> dict[str, Any]:
    """``population``, ``cluster`` and ``fpc`` for :func:`score` from the options."""
    population = None if args.population is None else read_population(args.population)
    return {"population": population, "cluster": args.cluster, "fpc": args.fpc}
