"""Rubric models: scales, dimensions, indicators and maturity stages.

A :class:`Rubric` is an immutable value. Build one with :func:`lomaturity.load_rubric`
(from a bundled id or a YAML file) or :func:`lomaturity.parse_rubric` (from a mapping);
both validate every field and every cross-reference before a rubric exists.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any, Final

from attrs import Factory, evolve, field, frozen
from packaging.version import InvalidVersion, Version

from .._frozen import FrozenDict
from .._html import block, table
from .._repr import count, text
from ..exceptions import Problem, RubricError
from . import catalog as _catalog
from .conditions import Recommendation
from .facts import Fact
from .stage_rule import StageRule, allowed_level

__all__ = [
    "FORMATS",
    "FORMAT_VERSION",
    "REFERENTS",
    "Dimension",
    "Indicator",
    "Rubric",
    "Scale",
    "SourceRef",
    "Stage",
]

FORMAT_VERSION = 2
"""The newest rubric file format version this release reads and writes (see FORMATS)."""
FORMATS: Final = (1, 2)
"""The rubric file format versions this release reads and writes: 1 (one language, texts
inline) and 2 (language-neutral structure plus one text catalog per language)."""
REFERENTS: Final = ("self", "team", "organization", "manager", "leaders")
"""Who an indicator's statement is about (format 2, ``Indicator.referent``)."""

STAGE_DECIMALS = 4
"""Decimals scores are rounded to before their stage is looked up (and in reports)."""


def _freeze_map(value: Mapping[str, str]) -> FrozenDict[str, str]:
    return FrozenDict(value)


@frozen
class SourceRef:
    """The text a rubric is derived from."""

    title: str
    author: str | None = None
    url: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The mapping written to a rubric file (absent fields left out)."""
        out: dict[str, Any] = {"title": self.title}
        for key in ("author", "url", "note"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out


@frozen
class Scale:
    """An ordinal answer scale with integer points ``min..max``.

    Attributes:
        labels: one label per point, from ``min`` to ``max`` (empty when unlabelled).
        allow_na: whether "not applicable" is an accepted answer on this scale.
        dont_know: whether "don't know" is an accepted answer (format 2). It is kept apart
            from "not applicable" and from a blank: it scores as missing, and its share per
            indicator is reported as a finding of its own.
        dont_know_label: the answer text of "don't know" (e.g. ``"Don't know"``).
    """

    id: str
    min: int
    max: int
    labels: tuple[str, ...] = ()
    allow_na: bool = False
    na_label: str | None = None
    dont_know: bool = False
    dont_know_label: str | None = None

    @property
    def points(self) -> int:
        """Number of answer options (``A`` in agreement statistics)."""
        return self.max - self.min + 1

    def to_dict(self) -> dict[str, Any]:
        """The mapping written to a rubric file."""
        out: dict[str, Any] = {"id": self.id, "min": self.min, "max": self.max}
        if self.labels:
            out["labels"] = list(self.labels)
        out["allow_na"] = self.allow_na
        if self.na_label is not None:
            out["na_label"] = self.na_label
        if self.dont_know:
            out["dont_know"] = True
        if self.dont_know_label is not None:
            out["dont_know_label"] = self.dont_know_label
        return out


@frozen
class Dimension:
    """One of the rubric's dimensions (the source text's "levels"); ``weight`` > 0."""

    id: str
    name: str
    description: str
    weight: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        """The mapping written to a rubric file."""
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "weight": self.weight,
        }


@frozen(hash=False)
class Indicator:
    """A survey statement respondents rate on ``scale``.

    Attributes:
        dimension: id of the dimension it belongs to.
        weight: relative weight within its dimension (> 0).
        reverse: ``True`` when agreeing means *less* maturity.
        allow_na: whether "not applicable" is accepted for this indicator.
        source: the passage of the rubric's source text the indicator covers.
        descriptors: stage id -> what the indicator looks like at that stage.
        referent: who the statement is about (format 2): one of :data:`REFERENTS`, or
            ``None`` when the rubric does not say.
    """

    id: str
    dimension: str
    statement: str
    scale: str
    weight: float = 1.0
    reverse: bool = False
    allow_na: bool = False
    source: str | None = None
    descriptors: Mapping[str, str] = field(factory=FrozenDict, converter=_freeze_map)
    referent: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The mapping written to a rubric file."""
        out: dict[str, Any] = {
            "id": self.id,
            "dimension": self.dimension,
            "statement": self.statement,
            "scale": self.scale,
            "weight": self.weight,
            "reverse": self.reverse,
            "allow_na": self.allow_na,
        }
        if self.referent is not None:
            out["referent"] = self.referent
        if self.source is not None:
            out["source"] = self.source
        if self.descriptors:
            out["descriptors"] = dict(self.descriptors)
        return out


@frozen
class Stage:
    """A maturity band: scores from ``lower`` (0-100) up to the next stage's bound.

    ``level`` is the 1-based position of the stage, lowest first.
    """

    id: str
    name: str
    lower: float
    description: str
    level: int

    def to_dict(self) -> dict[str, Any]:
        """The mapping written to a rubric file (``level`` is implied by order)."""
        return {
            "id": self.id,
            "name": self.name,
            "lower": self.lower,
            "description": self.description,
        }


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _freeze_catalogs(value: Mapping[str, Mapping[str, str]]) -> FrozenDict[str, Any]:
    return FrozenDict((lang, FrozenDict(catalog)) for lang, catalog in value.items())


def _without(item: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in keys}


def _hashable(value: Any) -> Any:
    """``value`` with integers too long for decimal text (Python's 4,300-digit limit) as hex."""
    if isinstance(value, dict):
        return {k: _hashable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_hashable(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 2**64:
        return hex(value)
    return value


@frozen(hash=False)
class Rubric:
    """A versioned maturity rubric.

    ``id`` is stable across versions; ``version`` is a semantic version string.
    ``path`` records the file it was read from and is not part of equality.
    ``recommendations`` are the optional next steps (see :mod:`lomaturity.recommendations`).
    The text fields (titles, labels, statements, names, descriptions) hold the texts of
    ``language``; a format-2 rubric keeps every language's texts in ``texts`` and
    :meth:`in_language` switches between them.
    """

    id: str
    version: str
    title: str
    description: str
    language: str
    scales: tuple[Scale, ...]
    dimensions: tuple[Dimension, ...]
    indicators: tuple[Indicator, ...]
    stages: tuple[Stage, ...]
    source: SourceRef | None = None
    format: int = 1
    path: str | None = field(default=None, eq=False, repr=False)
    recommendations: tuple[Recommendation, ...] = ()
    facts: tuple[Fact, ...] = ()
    """Organization facts the rubric declares (format 2): typed per-organization inputs
    besides the survey that recommendation conditions may test."""
    stage_rule: StageRule = field(factory=StageRule)
    """How the overall stage follows from the dimension stages (format 2 ``stage_rule``;
    ``compensatory``, the band of the overall score, for format 1): see
    :meth:`overall_stage`."""
    languages: tuple[str, ...] = field(
        default=Factory(lambda self: (self.language,), takes_self=True), converter=_strings
    )
    """The languages the rubric has texts in, the default first (format 1: ``(language,)``);
    ``language`` is the one its text fields hold."""
    texts: Mapping[str, Mapping[str, str]] = field(
        factory=FrozenDict, converter=_freeze_catalogs, repr=False
    )
    """Format 2: language -> flat text catalog (dotted keys such as
    ``indicators.vc_values_stated.statement``, see :mod:`lomaturity._model.catalog`);
    empty for format 1. :meth:`in_language` puts another language's texts in place."""
    fingerprint: str = field(init=False, eq=False, repr=False)
    """``sha256:`` + hex digest of the rubric's content (:meth:`to_dict` as canonical JSON):
    two files that both call themselves ``id@version`` but differ in any scale, weight,
    reverse flag, text or stage get different fingerprints. ``path`` is not part of it.
    Computed once, when the rubric is made."""

    def __attrs_post_init__(self) -> None:
        # default=repr: a value no rubric file can hold (a refused YAML node, which the
        # reader reports as an error) still hashes instead of failing the construction.
        canonical = json.dumps(
            _hashable(self.to_dict()), sort_keys=True, separators=(",", ":"), default=repr
        )
        digest = "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()
        object.__setattr__(self, "fingerprint", digest)

    def _repr_html_(self) -> str:
        """The notebook display: dimensions with weights and indicator counts, the stages
        with the score each starts at (docs/notebooks.md)."""
        dims = [
            [d.name, d.id, f"{d.weight:g}", str(len(self.indicators_of(d.id)))]
            for d in self.dimensions
        ]
        stages = [[str(s.level), s.name, f"{s.lower:g}"] for s in self.stages]
        lines = [
            f"{self.key} · languages {', '.join(self.languages)} · "
            f"{len(self.indicators)} indicators · {len(self.recommendations)} recommendations"
        ]
        return block(
            self.title,
            lines,
            [
                table(["Dimension", "id", "Weight", "Indicators"], dims, right=(2, 3)),
                table(["Level", "Stage", "From score"], stages, right=(0, 2)),
            ],
        )

    def __repr__(self) -> str:
        languages = ", ".join(self.languages)
        return (
            f"Rubric({text(self.key)}, {text(self.title)}, {languages}: "
            f"{count(len(self.dimensions), 'dimension')}, "
            f"{count(len(self.indicators), 'indicator')}, {count(len(self.stages), 'stage')}, "
            f"{count(len(self.recommendations), 'recommendation')})"
        )

    @property
    def parsed_version(self) -> Version:
        """``version`` as a comparable :class:`packaging.version.Version`.

        Raises:
            RubricError: ``version`` is not a version (possible only for a rubric built
                directly, not read and validated).
        """
        try:
            return Version(self.version)
        except (InvalidVersion, ValueError, TypeError):  # ValueError: a number too long
            raise RubricError(
                [
                    Problem(
                        "$.version",
                        "is not a comparable version",
                        self.version,
                        code="invalid_version",
                        location=("version",),
                    )
                ],
                self.path,
            ) from None

    @property
    def key(self) -> str:
        """``id@version``, e.g. ``learning-organization@1.0.0``."""
        return f"{self.id}@{self.version}"

    def scale(self, scale_id: str) -> Scale:
        """The scale with ``scale_id``; ``KeyError`` if there is none."""
        for s in self.scales:
            if s.id == scale_id:
                return s
        raise KeyError(scale_id)

    def dimension(self, dimension_id: str) -> Dimension:
        """The dimension with ``dimension_id``; ``KeyError`` if there is none."""
        for d in self.dimensions:
            if d.id == dimension_id:
                return d
        raise KeyError(dimension_id)

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with ``indicator_id``; ``KeyError`` if there is none."""
        for i in self.indicators:
            if i.id == indicator_id:
                return i
        raise KeyError(indicator_id)

    def stage(self, stage_id: str) -> Stage:
        """The stage with ``stage_id``; ``KeyError`` if there is none."""
        for s in self.stages:
            if s.id == stage_id:
                return s
        raise KeyError(stage_id)

    def indicators_of(self, dimension_id: str) -> tuple[Indicator, ...]:
        """The indicators of one dimension, in rubric order."""
        return tuple(i for i in self.indicators if i.dimension == dimension_id)

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        """Indicator ids in rubric order."""
        return tuple(i.id for i in self.indicators)

    def recommendation(self, recommendation_id: str) -> Recommendation:
        """The recommendation with ``recommendation_id``; ``KeyError`` if there is none."""
        for r in self.recommendations:
            if r.id == recommendation_id:
                return r
        raise KeyError(recommendation_id)

    def fact(self, fact_id: str) -> Fact:
        """The declared organization fact with ``fact_id``; ``KeyError`` if there is none."""
        for f in self.facts:
            if f.id == fact_id:
                return f
        raise KeyError(fact_id)

    @property
    def recommendation_ids(self) -> tuple[str, ...]:
        """Recommendation ids in rubric order (empty when the rubric has none)."""
        return tuple(r.id for r in self.recommendations)

    def stage_for(self, score: float) -> Stage:
        """The stage whose band holds ``score`` (0-100).

        The score is rounded to :data:`STAGE_DECIMALS` decimals first, as reports show it, so
        the stage always agrees with the shown value and float noise in a weighted mean
        (49.99999999999999 for an exact 50) does not drop it into the stage below.
        """
        lowers = [s.lower for s in self.stages]
        return self.stages[max(bisect.bisect_right(lowers, round(score, STAGE_DECIMALS)) - 1, 0)]

    def overall_stage(
        self, value: float, dimensions: Mapping[str, float | None]
    ) -> tuple[Stage, tuple[str, ...]]:
        """The overall stage of an overall score ``value`` (0-100) under :attr:`stage_rule`,
        given the dimension scores (dimension id -> score; ``None``, unscored, is left out),
        and the ids of the dimensions that capped it (rubric order; empty when the stage is
        the band of ``value``): those whose stage is below the floor of the next stage up.
        """
        band = self.stage_for(value)
        levels = {d: self.stage_for(v).level for d, v in dimensions.items() if v is not None}
        if self.stage_rule.compensatory or not levels:
            return band, ()
        floors = self.stage_rule.floor_levels([s.id for s in self.stages])
        cap = allowed_level(floors, min(levels.values()))
        if band.level <= cap:
            return band, ()
        capping = tuple(
            d.id for d in self.dimensions if d.id in levels and levels[d.id] < floors[cap]
        )
        return self.stages[cap - 1], capping

    def in_language(self, language: str) -> Rubric:
        """The same rubric with the texts of ``language`` (one of :attr:`languages`).

        Structure, ``key`` and fingerprint stay the same; only the text fields (titles,
        labels, statements, descriptors, names, questions, recommendation texts) change.

        Raises:
            RubricError: the rubric has no texts in ``language``; the message lists the
                languages it has.
        """
        if language == self.language:
            return self
        catalog = self.texts.get(language)
        if catalog is None:
            raise RubricError(
                [
                    Problem(
                        "language",
                        f"is not a language of {self.key}",
                        language,
                        hint="available: " + ", ".join(self.languages),
                        code="unknown_language",
                        location=("language",),
                    )
                ],
                self.path,
            )
        return _localized(self, language, catalog)

    def to_dict(self) -> dict[str, Any]:
        """The rubric as the mapping of its file; :func:`parse_rubric` reads it back equal.

        Format 1 writes one language inline. Format 2 writes the language-neutral structure
        and every language's catalog under ``texts`` (last): the mapping does not depend on
        the selected :attr:`language`, so neither does the fingerprint.
        """
        if self.format >= 2:
            return self._to_dict_2()
        out: dict[str, Any] = {
            "format": self.format,
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "description": self.description,
            "language": self.language,
        }
        if self.source is not None:
            out["source"] = self.source.to_dict()
        out["scales"] = [s.to_dict() for s in self.scales]
        out["dimensions"] = [d.to_dict() for d in self.dimensions]
        out["indicators"] = [i.to_dict() for i in self.indicators]
        out["stages"] = [s.to_dict() for s in self.stages]
        if self.facts:
            out["facts"] = [f.to_dict() for f in self.facts]
        if self.recommendations:
            out["recommendations"] = [r.to_dict() for r in self.recommendations]
        return out

    def _to_dict_2(self) -> dict[str, Any]:
        """The format-2 mapping: structure without texts, then ``texts``."""
        out: dict[str, Any] = {
            "format": self.format,
            "id": self.id,
            "version": self.version,
            "languages": list(self.languages),
        }
        if self.source is not None:
            out["source"] = self.source.to_dict()
        sections: tuple[tuple[str, tuple[Any, ...]], ...] = (
            ("scales", self.scales),
            ("dimensions", self.dimensions),
            ("indicators", self.indicators),
            ("stages", self.stages),
            ("facts", self.facts),
            ("recommendations", self.recommendations),
        )
        for name, items in sections:
            if items or name not in ("facts", "recommendations"):
                out[name] = [_without(i.to_dict(), _catalog.STRUCTURE_TEXTS[name]) for i in items]
            if name == "stages" and not self.stage_rule.compensatory:
                out["stage_rule"] = self.stage_rule.to_dict()
        out["texts"] = {lang: _catalog.nest(catalog) for lang, catalog in self.texts.items()}
        return out


def _localized(rubric: Rubric, language: str, cat: Mapping[str, str]) -> Rubric:
    """``rubric`` with the texts of ``cat`` (a flat catalog of ``language``) in its fields;
    a required text the catalog lacks keeps its current value."""
    tree = _catalog.nest(cat)  # one pass over the catalog, then lookups by id

    def node(section: str, item: Any) -> dict[str, Any]:
        found: dict[str, Any] = tree.get(section, {}).get(item.id, {})
        return found

    def texts(section: str, item: Any, names: tuple[str, ...]) -> dict[str, Any]:
        here = node(section, item)
        return {n: here.get(n, getattr(item, n)) for n in names}

    def scale(s: Scale) -> Scale:
        here = node("scales", s)
        return evolve(
            s,
            labels=tuple(here.get("labels", ())),
            na_label=here.get("na_label"),
            dont_know_label=here.get("dont_know_label"),
        )

    def indicator(i: Indicator) -> Indicator:
        here = node("indicators", i)
        return evolve(
            i, statement=here.get("statement", i.statement), descriptors=here.get("descriptors", {})
        )

    def fact(f: Fact) -> Fact:
        here = node("facts", f)
        return evolve(
            f, question=here.get("question", f.question), choice_labels=here.get("choices", {})
        )

    named = ("name", "description")
    return evolve(
        rubric,
        language=language,
        scales=tuple(scale(s) for s in rubric.scales),
        dimensions=tuple(evolve(d, **texts("dimensions", d, named)) for d in rubric.dimensions),
        indicators=tuple(indicator(i) for i in rubric.indicators),
        stages=tuple(evolve(s, **texts("stages", s, named)) for s in rubric.stages),
        facts=tuple(fact(f) for f in rubric.facts),
        recommendations=tuple(
            evolve(r, **texts("recommendations", r, _catalog.STRUCTURE_TEXTS["recommendations"]))
            for r in rubric.recommendations
        ),
        **{name: cat.get(name, getattr(rubric, name)) for name in _catalog.TOP_TEXTS},
    )
