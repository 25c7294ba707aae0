"""Reading, validating and writing rubric files (format versions 1 and 2).

Format 1 holds one language's texts inline. Format 2 holds a language-neutral structure and
one text catalog per language (``texts``, read and checked in :mod:`.texts`); it is parsed
with placeholder texts through the same field checks as format 1, and the selected
language's catalog is then put into the text fields (:meth:`Rubric.in_language`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Mapping
from typing import Any, Final

from attrs import evolve

from .._model.rubric import (
    FORMATS,
    REFERENTS,
    Dimension,
    Indicator,
    Rubric,
    Scale,
    SourceRef,
    Stage,
)
from .._types import RUBRIC, expect
from ..exceptions import Problem, RubricError
from .facts import parse_facts
from .fields import (
    MISSING,
    Collector,
    Spec,
    a_type_name,
    check_value,
    read_fields,
    unique_ids,
)
from .files import FileRefused, read_bounded
from .recommendations import parse_recommendations, raw_ids
from .stage_rule import parse_stage_rule
from .texts import FORMAT2_ONLY, Structure, check_format_keys, read_catalogs, with_placeholders
from .yaml import MAX_BYTES, Path, dump_yaml, read_yaml

RUBRIC_ID_RE: Final = re.compile(r"^[a-z][a-z0-9-]*[a-z0-9]$")
SEMVER_RE: Final = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-(?:alpha|beta|rc|a|b|c|dev|post)\.?(?:0|[1-9]\d*)?)?$"
)
"""MAJOR.MINOR.PATCH with an optional pre-release such as ``-rc.1`` or ``-beta2``: the
semantic versions that also order correctly as :class:`packaging.version.Version`."""
MAX_VERSION_LENGTH: Final = 64
"""Longest version string accepted, in characters (a version must stay comparable)."""
SCALE_LIMIT: Final = 1_000_000
"""Largest absolute scale bound (answers must stay exact as floats)."""
RESERVED_COLUMNS: Final = frozenset({"respondent_id", "organization", "team", "role"})
"""Column names of a responses file that are not answers (the default id and organization
columns of :func:`~lomaturity.read_responses`, and the team and role columns that
:func:`~lomaturity.simulate_responses` writes): no indicator may take one as its id."""
OVERALL: Final = "overall"
"""The name of the overall score in reports and ``explain``: no dimension or indicator id."""
LANGUAGE_RE: Final = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

_TOP: Final[Spec] = {
    "format": ("int", True, None),
    "id": ("text", True, None),
    "version": ("any", True, None),
    "title": ("text", True, None),
    "description": ("text", True, None),
    "language": ("text", True, None),
    "source": ("mapping", False, None),
    "scales": ("list", True, None),
    "dimensions": ("list", True, None),
    "indicators": ("list", True, None),
    "stages": ("list", True, None),
    "stage_rule": ("mapping", False, None),
    "recommendations": ("list", False, None),
    "languages": ("list", False, None),
    "facts": ("list", False, None),
    "texts": ("mapping", False, None),
}
_SOURCE: Final[Spec] = {
    "title": ("text", True, None),
    "author": ("text", False, None),
    "url": ("text", False, None),
    "note": ("text", False, None),
}
_SCALE: Final[Spec] = {
    "id": ("id", True, None),
    "min": ("int", True, None),
    "max": ("int", True, None),
    "labels": ("list", False, []),
    "allow_na": ("bool", False, False),
    "na_label": ("text", False, None),
    "dont_know": ("bool", False, False),
}
_DIMENSION: Final[Spec] = {
    "id": ("id", True, None),
    "name": ("text", True, None),
    "description": ("text", True, None),
    "weight": ("weight", False, 1.0),
}
_INDICATOR: Final[Spec] = {
    "id": ("id", True, None),
    "dimension": ("id", True, None),
    "statement": ("text", True, None),
    "scale": ("id", True, None),
    "weight": ("weight", False, 1.0),
    "reverse": ("bool", False, False),
    "allow_na": ("bool", False, None),
    "source": ("text", False, None),
    "descriptors": ("mapping", False, {}),
    "referent": ("text", False, None),
}
_STAGE: Final[Spec] = {
    "id": ("id", True, None),
    "name": ("text", True, None),
    "lower": ("number", True, None),
    "description": ("text", True, None),
}


def _ok(values: Mapping[str, Any]) -> bool:
    return all(v is not MISSING for v in values.values())


def _items(c: Collector, raw: Any, path: Path, spec: Any) -> list[tuple[Path, dict[str, Any]]]:
    """Read every element of a required, non-empty list of mappings."""
    if raw is MISSING:
        return []
    if not raw:
        c.add(path, "is empty; at least one entry is required", show_value=False, code="empty")
        return []
    out = []
    for i, element in enumerate(raw):
        values = read_fields(c, element, (*path, i), spec)
        if values is not None:
            out.append(((*path, i), values))
    return out


def parse_rubric(
    data: Any,
    *,
    file: str | None = None,
    lines: Mapping[Path, int] | None = None,
    language: str | None = None,
) -> Rubric:
    """Validate a rubric mapping (as read from YAML) and build a :class:`Rubric`.

    ``language`` picks the text catalog of a format-2 rubric (default: its first language);
    for a format-1 rubric it must be the rubric's ``language`` if given.
    Every problem is collected; :class:`~lomaturity.exceptions.RubricError` lists them all.
    """
    c = Collector(file, lines)
    if not _looks_like_rubric(c, data):
        raise RubricError(c.problems, file)
    fmt = data.get("format")
    structure = Structure(data)
    data = _prepared(c, data, fmt)
    top = read_fields(c, data, (), _TOP)
    if top is None:
        raise RubricError(c.problems, file)
    languages: tuple[str, ...] = ()
    catalogs: dict[str, dict[str, str]] = {}
    if fmt == 2:
        languages = _check_languages(c, top["languages"])
        if languages:  # else reported; the catalogs cannot be checked against it
            catalogs = read_catalogs(c, top["texts"], languages, structure)
    rubric = _build(c, top, fmt)
    if c.problems or rubric is None:
        raise RubricError(c.problems, file)
    if fmt != 2:
        return rubric.in_language(language or rubric.language)
    rubric = evolve(rubric, language="", languages=languages, texts=catalogs)
    if not languages or any(lang not in catalogs for lang in languages):
        return rubric  # only after a refused YAML node, which read_rubric_bytes reports
    return rubric.in_language(language or languages[0])


def _prepared(c: Collector, data: dict[Any, Any], fmt: Any) -> dict[Any, Any]:
    """``data`` ready for the format-1 field checks: keys of the wrong format reported and
    dropped, placeholder texts in a format-2 structure (see :mod:`.texts`)."""
    if fmt == 1:
        check_format_keys(c, data, 1)
        return _without_format_2_keys(data)
    if fmt != 2:
        return data
    if "languages" not in data and "texts" not in data:
        c.add(
            ("format",),
            "is set, but the file has neither 'languages' nor 'texts' (format 2 keeps its "
            "texts in one catalog per language); is it a format-1 file?",
            fmt,
            code="format_mismatch",
            hint="docs/rubric-format.md describes both formats",
        )
        raise RubricError(c.problems, c.file)
    check_format_keys(c, data, 2)
    return with_placeholders(data)


def _build(c: Collector, top: Mapping[str, Any], fmt: Any) -> Rubric | None:
    """The rubric of the checked top-level fields (``None`` if a problem was recorded)."""
    rubric_id, version = _check_identity(c, top)
    source = _parse_source(c, top["source"])
    scales = _parse_scales(c, top["scales"])
    stages = _parse_stages(c, top["stages"])
    stage_rule = parse_stage_rule(c, top["stage_rule"], list(stages))
    dimensions, dimension_paths = _parse_dimensions(c, top["dimensions"])
    indicators = _parse_indicators(
        c,
        top["indicators"],
        scales,
        dimensions,
        stages,
        declared={
            "scale": _id_set(top["scales"]),
            "dimension": _id_set(top["dimensions"]),
            "stage": _id_set(top["stages"]),
        },
    )
    _check_dimensions_used(c, top["indicators"], indicators, dimension_paths)
    _check_reserved(c, top["dimensions"], top["indicators"])
    facts = parse_facts(c, top["facts"])
    recommendations = parse_recommendations(
        c,
        top["recommendations"],
        facts={f.id: f for f in facts},
        fact_ids=[] if top["facts"] is None else raw_ids(top["facts"]),
        dimensions=raw_ids(top["dimensions"]),
        indicators=raw_ids(top["indicators"]),
        stages=raw_ids(top["stages"]),
        lowers={s.id: s.lower for s in stages.values()},
    )
    if c.problems:
        return None
    return Rubric(
        id=rubric_id,
        version=version,
        title=top["title"],
        description=top["description"],
        language=top["language"],
        scales=tuple(scales.values()),
        dimensions=tuple(dimensions.values()),
        indicators=tuple(indicators),
        stages=tuple(stages.values()),
        source=source,
        format=fmt,
        path=c.file,
        recommendations=recommendations,
        facts=facts,
        stage_rule=stage_rule,
    )


def _without_format_2_keys(data: Mapping[str, Any]) -> dict[str, Any]:
    """A format-1 mapping without the format-2 keys (each already reported)."""
    out = {k: v for k, v in data.items() if k not in FORMAT2_ONLY[""]}
    for section, names in FORMAT2_ONLY.items():
        raw = out.get(section) if section else None
        if isinstance(raw, list):
            out[section] = [
                {k: v for k, v in item.items() if k not in names}
                if isinstance(item, dict)
                else item
                for item in raw
            ]
    return out


def _check_languages(c: Collector, raw: Any) -> tuple[str, ...]:
    """The ``languages`` of a format-2 file: a non-empty list of unique language tags."""
    path: Path = ("languages",)
    if raw is MISSING:
        return ()
    if raw is None:
        c.add((), "missing required field 'languages'", show_value=False, code="missing_field")
        return ()
    if not raw:
        c.add(path, "is empty; at least one language is required", show_value=False, code="empty")
        return ()
    out: list[str] = []
    for i, lang in enumerate(raw):
        if not check_value(c, (*path, i), "text", lang):
            continue
        if not LANGUAGE_RE.fullmatch(lang):
            c.add(
                (*path, i),
                "is not a language tag such as 'en' or 'fi'",
                lang,
                code="invalid_language",
            )
        elif lang in out:
            c.add((*path, i), "repeats a language", lang, code="duplicate_id")
        else:
            out.append(lang)
    return tuple(out)


def _looks_like_rubric(c: Collector, data: Any) -> bool:
    """Whether ``data`` is a mapping with at least one rubric field; if not, one problem that
    names what the input holds without quoting it (it may be any file, such as a password
    file passed by mistake or by an attacker)."""
    if isinstance(data, dict) and (not data or any(key in _TOP for key in data)):
        return True
    if isinstance(data, dict):
        keys = "1 key" if len(data) == 1 else f"{len(data)} keys"
        what = f"a mapping of {keys}, none of them a rubric field"
    else:
        what = f"{a_type_name(data)}, not a mapping of rubric fields"
    c.add(
        (),
        f"holds {what}; is it a rubric file?",
        show_value=False,
        code="not_a_rubric",
        hint="a rubric is a YAML mapping with the fields " + ", ".join(_TOP),
    )
    return False


def _check_version(c: Collector, version: Any) -> Any:
    """``version`` if it is a valid version string, else report it and return MISSING."""
    if version is MISSING:
        return MISSING
    if isinstance(version, int | float) and not isinstance(version, bool):
        c.add(
            ("version",),
            "is a number, not a version string",
            version,
            code="wrong_type",
            hint='YAML reads an unquoted 1.10 as the number 1.1; quote it: version: "1.10.0"',
        )
        return MISSING
    if isinstance(version, str) and len(version) > MAX_VERSION_LENGTH:
        c.add(
            ("version",),
            f"is {len(version)} characters long, more than the {MAX_VERSION_LENGTH} allowed",
            version,
            code="invalid_version",
        )
        return MISSING
    if not isinstance(version, str) or not SEMVER_RE.fullmatch(version):
        c.add(
            ("version",),
            'is not a version such as "1.0.0" or "1.1.0-rc.1"',
            version,
            code="invalid_version",
            hint="MAJOR.MINOR.PATCH, optionally -alpha/-beta/-rc/-dev/-post with a number",
        )
        return MISSING
    return version


def _check_identity(c: Collector, top: Mapping[str, Any]) -> tuple[Any, Any]:
    """Check format, version, id and language; return ``(id, version)`` (MISSING if bad)."""
    if top["format"] is not MISSING and top["format"] not in FORMATS:
        c.add(
            ("format",),
            "is not a supported format version (this release reads "
            + " and ".join(map(str, FORMATS))
            + ")",
            top["format"],
            code="unsupported_format",
        )
    version = _check_version(c, top["version"])
    rubric_id = top["id"]
    if rubric_id is not MISSING:
        if not RUBRIC_ID_RE.fullmatch(rubric_id):
            c.add(
                ("id",),
                f"is not a valid rubric id (pattern {RUBRIC_ID_RE.pattern})",
                rubric_id,
                code="invalid_id",
            )
        elif re.search(r"\d+[.-]\d+", rubric_id) or (
            isinstance(version, str) and version in rubric_id
        ):
            c.add(
                ("id",),
                "looks like it contains a version; the id must stay the same across versions",
                rubric_id,
                code="invalid_id",
                hint="put the version in the 'version' field",
            )
    if top["language"] is not MISSING and not LANGUAGE_RE.fullmatch(top["language"]):
        c.add(
            ("language",),
            "is not a language tag such as 'en' or 'fi'",
            top["language"],
            code="invalid_language",
        )
    return rubric_id, version


def _parse_source(c: Collector, raw: Any) -> SourceRef | None:
    if raw is None or raw is MISSING:
        return None
    src = read_fields(c, raw, ("source",), _SOURCE)
    if src is None or not _ok(src):
        return None
    return SourceRef(src["title"], src["author"], src["url"], src["note"])


def _check_dimensions_used(
    c: Collector, raw: Any, indicators: list[Indicator], dimension_paths: Mapping[str, Path]
) -> None:
    """Every declared dimension needs an indicator (counting invalid indicators' references)."""
    if raw is MISSING or not raw:
        return
    used = {i.dimension for i in indicators} | _raw_dimension_refs(raw)
    for dim_id, path in dimension_paths.items():
        if dim_id not in used:
            c.add(
                path,
                f"dimension {dim_id!r} has no indicator; every dimension needs one",
                show_value=False,
                code="empty_dimension",
            )


def _check_reserved(c: Collector, raw_dimensions: Any, raw_indicators: Any) -> None:
    """Refuse ids that collide with a reserved name or with each other across kinds: an
    indicator named like a responses column, ``overall``, an indicator named like a
    dimension (``explain`` and the score tables address both by id)."""
    dimensions = set(raw_ids(raw_dimensions) or ())
    for kind, raw in (("dimensions", raw_dimensions), ("indicators", raw_indicators)):
        if not isinstance(raw, list):
            continue
        for i, item in enumerate(raw):
            item_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(item_id, str):
                continue
            path = (kind, i, "id")
            if item_id == OVERALL:
                c.add(path, "is reserved for the overall score", item_id, code="reserved_id")
            elif kind == "indicators" and item_id in RESERVED_COLUMNS:
                c.add(
                    path,
                    "is reserved: responses files use it as a column that is not an answer",
                    item_id,
                    code="reserved_id",
                    hint="reserved: " + ", ".join(sorted(RESERVED_COLUMNS)),
                )
            elif kind == "indicators" and item_id in dimensions:
                c.add(
                    path,
                    "is also a dimension id; indicator and dimension ids must differ",
                    item_id,
                    code="duplicate_id",
                )


def _parse_scales(c: Collector, raw: Any) -> dict[str, Scale]:
    items = _items(c, raw, ("scales",), _SCALE)
    unique_ids(c, [(p, v["id"]) for p, v in items], "scale")
    out: dict[str, Scale] = {}
    for path, v in items:
        ok = _ok(v)
        for bound in ("min", "max"):
            if v[bound] is not MISSING and abs(v[bound]) > SCALE_LIMIT:
                c.add(
                    (*path, bound),
                    f"is outside -{SCALE_LIMIT}..{SCALE_LIMIT}",
                    v[bound],
                    code="out_of_range",
                )
                v[bound] = MISSING
                ok = False
        if v["min"] is not MISSING and v["max"] is not MISSING and v["min"] >= v["max"]:
            c.add((*path, "max"), f"is not > min ({v['min']})", v["max"], code="out_of_range")
            ok = False
        labels = v["labels"]
        if labels is not MISSING and labels:
            for j, label in enumerate(labels):
                ok &= check_value(c, (*path, "labels", j), "text", label)
            if ok and len(labels) != v["max"] - v["min"] + 1:
                c.add(
                    (*path, "labels"),
                    f"has {len(labels)} labels; the scale {v['min']}..{v['max']} "
                    f"needs {v['max'] - v['min'] + 1}",
                    show_value=False,
                    code="wrong_length",
                )
                ok = False
        if ok and v["id"] not in out:
            out[v["id"]] = Scale(
                v["id"],
                v["min"],
                v["max"],
                tuple(labels),
                v["allow_na"],
                v["na_label"],
                dont_know=v["dont_know"],
            )
    return out


def _parse_stages(c: Collector, raw: Any) -> dict[str, Stage]:
    items = _items(c, raw, ("stages",), _STAGE)
    unique_ids(c, [(p, v["id"]) for p, v in items], "stage")
    out: dict[str, Stage] = {}
    previous: float | None = None
    for level, (path, v) in enumerate(items, start=1):
        lower = v["lower"]
        if lower is not MISSING:
            if level == 1 and lower != 0:
                c.add(
                    (*path, "lower"),
                    "is not 0; the first stage must start at 0",
                    lower,
                    code="out_of_range",
                )
            elif not 0 <= lower < 100:
                c.add(
                    (*path, "lower"), "is not within 0 <= lower < 100", lower, code="out_of_range"
                )
            elif previous is not None and lower <= previous:
                c.add(
                    (*path, "lower"),
                    f"is not > the previous stage's lower bound ({previous:g}); "
                    "bounds must strictly increase",
                    lower,
                    code="out_of_order",
                )
            previous = lower
        if _ok(v) and v["id"] not in out:
            out[v["id"]] = Stage(v["id"], v["name"], float(lower), v["description"], level)
    return out


def _parse_dimensions(c: Collector, raw: Any) -> tuple[dict[str, Dimension], dict[str, Path]]:
    items = _items(c, raw, ("dimensions",), _DIMENSION)
    paths = unique_ids(c, [(p, v["id"]) for p, v in items], "dimension")
    out: dict[str, Dimension] = {}
    for _, v in items:
        if _ok(v) and v["id"] not in out:
            out[v["id"]] = Dimension(v["id"], v["name"], v["description"], float(v["weight"]))
    return out, paths


def _parse_indicators(
    c: Collector,
    raw: Any,
    scales: Mapping[str, Scale],
    dimensions: Mapping[str, Dimension],
    stages: Mapping[str, Stage],
    declared: Mapping[str, Collection[str] | None],
) -> list[Indicator]:
    """Build the indicators. A reference to an item that is declared but itself invalid is
    not reported again (its own problem already is)."""
    items = _items(c, raw, ("indicators",), _INDICATOR)
    seen = unique_ids(c, [(p, v["id"]) for p, v in items], "indicator")
    out: list[Indicator] = []
    for path, v in items:
        ok = _ok(v)
        dim = v["dimension"]
        if dim is not MISSING and dim not in dimensions:
            ok = False
        if dim is not MISSING and _undeclared(dim, declared["dimension"]):
            c.add(
                (*path, "dimension"),
                "does not name a dimension of this rubric",
                dim,
                code="unknown_reference",
                hint=c.hint(dim, dimensions),
            )
            ok = False
        scale = None
        if v["scale"] is not MISSING:
            scale = scales.get(v["scale"])
            ok &= scale is not None
            if _undeclared(v["scale"], declared["scale"]):
                c.add(
                    (*path, "scale"),
                    "does not name a scale of this rubric",
                    v["scale"],
                    code="unknown_reference",
                    hint=c.hint(v["scale"], scales),
                )
                ok = False
        allow_na = v["allow_na"]
        if allow_na is MISSING:
            ok = False
        elif scale is not None:
            if allow_na is None:
                allow_na = scale.allow_na
            elif allow_na and not scale.allow_na:
                c.add(
                    (*path, "allow_na"),
                    f"is true but scale {scale.id!r} does not allow 'not applicable'",
                    allow_na,
                    code="inconsistent",
                )
                ok = False
        ok &= _referent_ok(c, path, v["referent"])
        descriptors = v["descriptors"]
        if descriptors is not MISSING:
            ok &= _check_descriptors(c, path, descriptors, stages, declared["stage"])
        if ok and seen.get(v["id"]) == path:
            out.append(
                Indicator(
                    id=v["id"],
                    dimension=dim,
                    statement=v["statement"],
                    scale=v["scale"],
                    weight=float(v["weight"]),
                    reverse=v["reverse"],
                    allow_na=bool(allow_na),
                    source=v["source"],
                    descriptors=descriptors,
                    referent=v["referent"],
                )
            )
    return out


def _referent_ok(c: Collector, path: Path, referent: Any) -> bool:
    """Whether an indicator's ``referent`` is absent or one of :data:`REFERENTS`."""
    if referent is None or referent is MISSING:
        return referent is None
    if referent in REFERENTS:
        return True
    c.add(
        (*path, "referent"),
        "is not who a statement can be about",
        referent,
        code="unknown_reference",
        hint=c.hint(referent, REFERENTS) or "referents: " + ", ".join(REFERENTS),
    )
    return False


def _check_descriptors(
    c: Collector,
    path: Path,
    descriptors: Mapping[Any, Any],
    stages: Mapping[str, Stage],
    declared: Collection[str] | None,
) -> bool:
    """Whether every stage descriptor of an indicator names a valid stage and is text."""
    ok = True
    for key, text in descriptors.items():
        if key not in stages:
            ok = False
        if _undeclared(key, declared):
            c.add(
                (*path, "descriptors", str(key)),
                "does not name a stage of this rubric",
                key,
                code="unknown_reference",
                hint=c.hint(key, stages),
            )
            ok = False
        else:
            ok &= check_value(c, (*path, "descriptors", key), "text", text)
    return ok


def _id_set(raw: Any) -> frozenset[str] | None:
    """The ids of a raw rubric list as a set (``None``: the list is broken)."""
    ids = raw_ids(raw)
    return None if ids is None else frozenset(ids)


def _undeclared(value: object, ids: Collection[str] | None) -> bool:
    """Whether ``value`` names no declared item (``ids is None``: nothing to check against)."""
    return ids is not None and value not in ids


def _raw_dimension_refs(raw: Any) -> set[str]:
    return {
        item["dimension"]
        for item in raw
        if isinstance(item, dict) and isinstance(item.get("dimension"), str)
    }


def read_rubric_file(path: str | os.PathLike[str], *, language: str | None = None) -> Rubric:
    """Read and validate a rubric YAML file.

    Raises :class:`~lomaturity.exceptions.RubricError` naming the file, the field path,
    the value and the line of every problem.
    """
    name = os.fsdecode(os.fspath(path))
    try:
        raw = read_bounded(name, MAX_BYTES)
    except FileRefused as exc:
        message = exc.message
        if exc.code in ("file_not_found", "too_large", "unreadable"):
            message = "file " + message
        shown = name or None  # an empty path: the message says so, no empty file name
        raise RubricError([_file_problem(shown, message, code=exc.code)], shown) from None
    return read_rubric_bytes(raw, file=name, language=language)


def read_rubric_bytes(
    raw: bytes | str, *, file: str | None = None, language: str | None = None
) -> Rubric:
    """Read and validate rubric YAML given as bytes or text."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    document, problems = read_yaml(raw, file)
    if document is None:
        raise RubricError(problems, file)
    try:
        rubric = parse_rubric(document.data, file=file, lines=document.lines, language=language)
    except RubricError as exc:
        total = len(problems) + exc.total
        raise RubricError([*problems, *exc.problems], file, total=total) from None
    if problems:
        raise RubricError(problems, file)
    return rubric


def dump_rubric(rubric: Rubric, *, schema: str | None = "../rubric.schema.json") -> str:
    """The rubric as YAML text in its format; reading it back gives an equal rubric (for a
    format-2 rubric: in the same language, ``language=rubric.language``).

    ``schema`` is the JSON Schema location written in the editor hint on the first line,
    relative to where the file will live (the default suits ``rubrics/<id>/<version>.yaml``);
    ``None`` leaves the hint out.
    """
    expect(rubric, Rubric, "rubric", RUBRIC)
    header = "" if schema is None else f"# yaml-language-server: $schema={schema}\n"
    text: str = dump_yaml(rubric.to_dict())
    return header + text


def _file_problem(name: str | None, message: str, *, code: str) -> Problem:
    return Problem("$", message, file=name, show_value=False, code=code)
