"""Validating norm-table data (format 1) into a :class:`~lomaturity.NormTable`: every
defect is a :class:`~lomaturity.exceptions.Problem` naming the field path, the value and
(from a file) the line; all of them are raised together as one
:class:`~lomaturity.exceptions.NormsError`. docs/norms.md lists the fields."""

from __future__ import annotations

import datetime
import itertools
import math
import re
from collections.abc import Mapping
from typing import Any, Final

from .._model.norms import (
    MIN_ORGANIZATIONS,
    NORMS_FORMAT,
    PERCENTILE_METHOD,
    Level,
    NormDistribution,
    NormSettings,
    NormTable,
)
from .._rubrics.fields import ID_RE, MISSING, Collector, Spec, check_value, read_fields
from .._rubrics.yaml import Path
from ..exceptions import NormsError

FINGERPRINT_RE: Final = re.compile(r"^sha256:[0-9a-f]{64}$")
"""A rubric fingerprint: ``sha256:`` and 64 lowercase hex digits."""

MAX_ORGANIZATIONS: Final = 1_000_000_000
"""Largest organization count accepted (anything larger is a typo or an attack)."""

MAX_POINTS: Final = 1001
"""Most percentile points one distribution may hold."""

MAX_TEXT: Final = 500
"""Longest title, source or method accepted, in characters."""

INTERVALS: Final = (
    "auto",
    "percentile",
    "bca",
    "expanded",
    "studentized",
    "studentized_union",
)
LEVELS: Final = ("overall", "dimension", "indicator")

_TOP: Final[Spec] = {
    "format": ("int", True, None),
    "kind": ("text", False, "norms"),
    "title": ("text", True, None),
    "source": ("text", True, None),
    "synthetic": ("bool", True, None),
    "date": ("any", True, None),
    "rubric": ("mapping", True, None),
    "n_organizations": ("int", True, None),
    "method": ("text", False, PERCENTILE_METHOD),
    "settings": ("mapping", True, None),
    "scores": ("mapping", True, None),
}
_RUBRIC: Final[Spec] = {
    "id": ("text", True, None),
    "version": ("text", True, None),
    "fingerprint": ("text", True, None),
}
_SETTINGS: Final[Spec] = {
    "confidence": ("number", True, None),
    "n_resamples": ("int", True, None),
    "interval": ("text", True, None),
    "seed": ("int", False, None),
    "min_respondents": ("int", True, None),
    "min_indicator_share": ("number", True, None),
    "min_dimension_share": ("number", True, None),
}
_DISTRIBUTION: Final[Spec] = {
    "level": ("text", True, None),
    "n": ("int", True, None),
    "n_excluded": ("int", True, None),
    "mean": ("number", True, None),
    "sd": ("number", True, None),
    "percentiles": ("mapping", True, None),
}


def _ok(values: Mapping[str, Any]) -> bool:
    return all(v is not MISSING for v in values.values())


def _in_range(c: Collector, path: Path, value: Any, low: float, high: float) -> bool:
    """``value`` (already a finite number) within ``low..high``; else a problem."""
    if value is MISSING:
        return False
    if low <= value <= high:
        return True
    c.add(path, f"is not within {low:g}..{high:g}", value, code="out_of_range")
    return False


def _line(c: Collector, path: Path, value: Any) -> bool:
    """A one-line printable text of at most :data:`MAX_TEXT` characters."""
    if value is MISSING:
        return False
    if len(value) > MAX_TEXT:
        c.add(path, f"is longer than {MAX_TEXT} characters", value, code="too_long")
        return False
    if not value.isprintable():
        c.add(path, "holds a control or line-break character", value, code="not_printable")
        return False
    return True


def _date(c: Collector, value: Any) -> datetime.date | None:
    if value is MISSING:
        return None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    c.add(("date",), "is not a date (YYYY-MM-DD)", value, code="invalid_date")
    return None


def _rubric(c: Collector, raw: Any) -> tuple[str, str, str] | None:
    fields = read_fields(c, raw, ("rubric",), _RUBRIC)
    if fields is None or not _ok(fields):
        return None
    good = _line(c, ("rubric", "id"), fields["id"]) & _line(
        c, ("rubric", "version"), fields["version"]
    )
    if not FINGERPRINT_RE.fullmatch(fields["fingerprint"]):
        c.add(
            ("rubric", "fingerprint"),
            "is not a rubric fingerprint (sha256: and 64 hex digits)",
            fields["fingerprint"],
            code="invalid_fingerprint",
        )
        good = False
    return (fields["id"], fields["version"], fields["fingerprint"]) if good else None


def _settings(c: Collector, raw: Any) -> NormSettings | None:
    f = read_fields(c, raw, ("settings",), _SETTINGS)
    if f is None:
        return None
    at = ("settings",)
    checks = [
        f["confidence"] is not MISSING and _open_unit(c, (*at, "confidence"), f["confidence"]),
        _in_range(c, (*at, "n_resamples"), f["n_resamples"], 100, 100_000),
        f["seed"] is None or _in_range(c, (*at, "seed"), f["seed"], 0, 2**64 - 1),
        _in_range(c, (*at, "min_respondents"), f["min_respondents"], 1, 1_000_000),
        _in_range(c, (*at, "min_indicator_share"), f["min_indicator_share"], 0, 1),
        _in_range(c, (*at, "min_dimension_share"), f["min_dimension_share"], 0, 1),
    ]
    if f["interval"] is not MISSING and f["interval"] not in INTERVALS:
        c.add((*at, "interval"), "is not one of " + ", ".join(INTERVALS), f["interval"])
        checks.append(False)
    if not all(checks) or not _ok(f):
        return None
    return NormSettings(
        confidence=float(f["confidence"]),
        n_resamples=f["n_resamples"],
        interval=f["interval"],
        seed=f["seed"],
        min_respondents=f["min_respondents"],
        min_indicator_share=float(f["min_indicator_share"]),
        min_dimension_share=float(f["min_dimension_share"]),
    )


def _open_unit(c: Collector, path: Path, value: Any) -> bool:
    if 0 < value < 1:
        return True
    c.add(path, "is not within 0 < x < 1", value, code="out_of_range")
    return False


def _percent(c: Collector, path: Path, key: str) -> float | None:
    """A percentile key (``"5"``, ``"2.5"``) as a number within 0..100."""
    try:
        percent = float(key) if len(key) <= 20 else math.nan
    except ValueError:
        percent = math.nan
    if not 0 <= percent <= 100:  # NaN fails too
        c.add(path, "is not a percent within 0..100", key, code="invalid_percent")
        return None
    return percent


def _points(c: Collector, path: Path, raw: dict[str, Any]) -> tuple[tuple[float, float], ...]:
    """The ``(percent, score)`` points, checked: numbers, unique percents, at least two,
    scores within 0..100 and non-decreasing in percent order."""
    if not 2 <= len(raw) <= MAX_POINTS:
        c.add(path, f"has {len(raw)} points; a distribution needs 2 to {MAX_POINTS}")
        return ()
    points: dict[float, tuple[str, float]] = {}
    good = True
    for key, value in raw.items():
        percent = _percent(c, (*path, key), key)
        number = check_value(c, (*path, key), "number", value) and _in_range(
            c, (*path, key), value, 0, 100
        )
        if percent is not None and percent in points:
            c.add((*path, key), f"repeats the percent of {points[percent][0]!r}", key)
            good = False
        elif percent is not None and number:
            points[percent] = (key, float(value))
        else:
            good = False
    ordered = sorted(points.items())
    for (_, (k0, v0)), (_, (k1, v1)) in itertools.pairwise(ordered):
        if v1 < v0:
            c.add(
                (*path, k1),
                f"is below the score at percent {k0} ({v0:g}); percentile points must not decrease",
                v1,
                code="not_monotone",
            )
            good = False
    return tuple((p, v) for p, (_, v) in ordered) if good else ()


def _distribution(
    c: Collector, key: str, raw: Any, n_organizations: int | None
) -> NormDistribution | None:
    path: Path = ("scores", key)
    f = read_fields(c, raw, path, _DISTRIBUTION)
    if f is None:
        return None
    upper = n_organizations if n_organizations is not None else MAX_ORGANIZATIONS
    checks = [
        _in_range(c, (*path, "n"), f["n"], MIN_ORGANIZATIONS, upper),
        _in_range(c, (*path, "n_excluded"), f["n_excluded"], 0, upper),
        _in_range(c, (*path, "mean"), f["mean"], 0, 100),
        _in_range(c, (*path, "sd"), f["sd"], 0, 100),
    ]
    level = f["level"]
    expected = ("overall",) if key == "overall" else ("dimension", "indicator")
    if level is not MISSING and level not in expected:
        c.add((*path, "level"), "is not " + " or ".join(expected), level, code="invalid_level")
        checks.append(False)
    if all(checks) and n_organizations is not None and f["n"] + f["n_excluded"] != n_organizations:
        c.add(
            (*path, "n_excluded"),
            f"plus n ({f['n']}) is not n_organizations ({n_organizations})",
            f["n_excluded"],
            code="inconsistent_count",
        )
        checks.append(False)
    points = (
        () if f["percentiles"] is MISSING else _points(c, (*path, "percentiles"), f["percentiles"])
    )
    if not all(checks) or not points or not _ok(f):
        return None
    level_: Level = level
    return NormDistribution(
        key, level_, f["n"], f["n_excluded"], float(f["mean"]), float(f["sd"]), points
    )


def _scores(
    c: Collector, raw: Any, n_organizations: int | None
) -> dict[str, NormDistribution] | None:
    if raw is MISSING:
        return None
    if "overall" not in raw:
        c.add(("scores",), "has no 'overall' distribution", show_value=False, code="missing_field")
    out: dict[str, NormDistribution] = {}
    for key, value in raw.items():
        if key != "overall" and not (len(key) <= 100 and ID_RE.fullmatch(key)):
            c.add(("scores", key), "is not 'overall' or a dimension or indicator id", key)
            continue
        dist = _distribution(c, key, value, n_organizations)
        if dist is not None:
            out[key] = dist
    return out


def parse_norms(
    data: Any, *, file: str | None = None, lines: Mapping[Path, int] | None = None
) -> NormTable:
    """Validate norm-table data (a mapping as read from YAML or JSON) into a
    :class:`~lomaturity.NormTable`.

    Raises:
        NormsError: every defect found, with field path, value and (from a file) line.
    """
    c = Collector(file, lines)
    top = read_fields(c, data, (), _TOP)
    if top is None:
        raise NormsError(c.problems, file)
    if top["format"] is not MISSING and top["format"] != NORMS_FORMAT:
        c.add(("format",), f"is not a known norm-table format (only {NORMS_FORMAT})", top["format"])
    if top["kind"] != "norms" and top["kind"] is not MISSING:
        c.add(("kind",), "is not 'norms'", top["kind"], hint="is this a norm table?")
    for name in ("title", "source", "method"):
        _line(c, (name,), top[name])
    date = _date(c, top["date"])
    rubric = _rubric(c, top["rubric"])
    n_org = top["n_organizations"]
    good_n = _in_range(c, ("n_organizations",), n_org, MIN_ORGANIZATIONS, MAX_ORGANIZATIONS)
    settings = _settings(c, top["settings"])
    scores = _scores(c, top["scores"], n_org if good_n else None)
    if c.problems or rubric is None or settings is None or scores is None or date is None:
        raise NormsError(c.problems, file)
    overall = scores.pop("overall")
    return NormTable(
        title=top["title"],
        source=top["source"],
        synthetic=top["synthetic"],
        date=date,
        rubric_id=rubric[0],
        rubric_version=rubric[1],
        rubric_fingerprint=rubric[2],
        n_organizations=n_org,
        settings=settings,
        overall=overall,
        dimensions={k: v for k, v in scores.items() if v.level == "dimension"},
        indicators={k: v for k, v in scores.items() if v.level == "indicator"},
        method=top["method"],
        format=top["format"],
        path=file,
    )
