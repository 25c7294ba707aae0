"""The bundled rubrics and loading rubrics by id, version or path."""

from __future__ import annotations

import functools
import os
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from attrs import frozen
from packaging.version import Version

from .._hints import quoted
from .._model.rubric import Rubric
from ..exceptions import Problem, RubricError
from .parse import read_rubric_bytes, read_rubric_file
from .yaml import read_yaml

DEFAULT_RUBRIC = "learning-organization"
"""Id of the rubric used when none is named."""


@frozen
class RubricInfo:
    """A bundled rubric: its ``id``, ``version`` (string), ``title`` and where it lives."""

    id: str
    version: str
    title: str
    location: str


def _bundled_root() -> Traversable:
    packaged = resources.files("lomaturity") / "_bundled_rubrics"
    if packaged.is_dir():
        return packaged
    # Editable install / source checkout: the repository's rubrics/ folder is the source of truth.
    return Path(__file__).resolve().parents[3] / "rubrics"


def bundled_root() -> Traversable:
    """The folder of the bundled rubrics (``rubrics/`` in a source checkout); migration maps
    live in its ``<id>/migrations/`` folders."""
    return _bundled_root()


def _yaml_files(root: Traversable) -> list[Traversable]:
    found: list[Traversable] = []
    if not root.is_dir():
        return found
    for entry in root.iterdir():
        if entry.is_dir():
            found.extend(_yaml_files(entry))
        elif entry.name.endswith((".yaml", ".yml")):
            found.append(entry)
    return found


@functools.cache
def _index() -> dict[tuple[str, str], Traversable]:
    index: dict[tuple[str, str], Traversable] = {}
    for entry in _yaml_files(_bundled_root()):
        document, _ = read_yaml(entry.read_bytes(), entry.name)
        data = document.data if document is not None else None
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            index[(data["id"], str(data.get("version")))] = entry
    return index


def available_rubrics() -> tuple[RubricInfo, ...]:
    """The bundled rubrics, sorted by id and then by version (oldest first)."""
    out = []
    for (rubric_id, version), entry in _index().items():
        rubric = _load_bundled(rubric_id, version)
        out.append(RubricInfo(rubric_id, version, rubric.title, str(entry)))
    return tuple(sorted(out, key=lambda r: (r.id, Version(r.version))))


@functools.cache
def _load_bundled(rubric_id: str, version: str) -> Rubric:
    entry = _index()[(rubric_id, version)]
    return read_rubric_bytes(entry.read_bytes(), file=f"{rubric_id}/{entry.name}")


def _load_file(path: str, version: str | None) -> Rubric:
    """A rubric file; with ``version``, its version must match."""
    rubric = read_rubric_file(path)
    if version is not None and rubric.version != version:
        raise RubricError(
            [
                Problem(
                    "$.version",
                    f"is not the requested version {version!r}",
                    rubric.version,
                    file=path,
                    code="version_mismatch",
                    location=("version",),
                )
            ],
            path,
        )
    return rubric


def _id_problem(value: str, message: str, code: str, hint: str | None = None) -> RubricError:
    problem = Problem("id", message, value, hint=hint, code=code, location=("id",))
    return RubricError([problem])


def load_rubric(
    id_or_path: str | os.PathLike[str] = DEFAULT_RUBRIC,
    version: str | None = None,
    *,
    allow_path: bool = True,
) -> Rubric:
    """Load a rubric by bundled id (``"learning-organization"``, ``"id@1.0.0"``) or file path.

    Args:
        id_or_path: a bundled rubric id, optionally with ``@version``, or a path to a YAML file
            (a :class:`os.PathLike`, or text ending in ``.yaml``/``.yml`` or holding a ``/``).
        version: the bundled version wanted (a string such as ``"1.0.0"``); the newest when
            ``None``. Ignored for paths unless given, in which case the file's version must match.
        allow_path: ``False`` loads bundled rubrics by id only and refuses anything that
            would be read as a path, without touching the file system: pass ``False`` when
            ``id_or_path`` comes from someone you do not trust (see SECURITY.md).

    Raises:
        RubricError: the file is invalid, no bundled rubric has that id or version, or a path
            was given with ``allow_path=False``.
    """
    text = os.fsdecode(os.fspath(id_or_path))
    is_path = (
        isinstance(id_or_path, os.PathLike)
        or text.endswith((".yaml", ".yml"))
        or os.sep in text
        or "/" in text
    )
    if is_path and not allow_path:
        raise _id_problem(
            text,
            "is a path, and loading rubrics by path is turned off (allow_path=False)",
            "path_not_allowed",
            hint="name a bundled rubric id such as " + repr(DEFAULT_RUBRIC),
        )
    if is_path:
        return _load_file(text, version)
    if not text.strip():
        raise _id_problem(text, "is empty; name a bundled rubric id or a .yaml file", "empty")
    return _load_by_id(text, version)


def _load_by_id(text: str, version: str | None) -> Rubric:
    """The bundled rubric ``id[@version]`` of ``text`` (``version`` as :func:`load_rubric`)."""
    rubric_id, _, at_version = text.partition("@")
    if version is not None and at_version and version != at_version:
        raise RubricError(
            [
                Problem(
                    "version",
                    f"conflicts with the version in {quoted(text)}",
                    version,
                    hint="name the version once",
                    code="version_conflict",
                    location=("version",),
                )
            ]
        )
    wanted = version or at_version or None
    versions = sorted((v for i, v in _index() if i == rubric_id), key=Version)
    if not versions:
        known = sorted({i for i, _ in _index()})
        raise RubricError(
            [
                Problem(
                    "id",
                    "is neither a bundled rubric id nor an existing .yaml file",
                    rubric_id,
                    hint="bundled: " + ", ".join(known),
                    code="unknown_rubric",
                    location=("id",),
                )
            ]
        )
    if wanted is None:
        return _load_bundled(rubric_id, versions[-1])
    if wanted not in versions:
        raise RubricError(
            [
                Problem(
                    "version",
                    f"is not a bundled version of {rubric_id!r}",
                    wanted,
                    hint="available: " + ", ".join(versions),
                    code="unknown_version",
                    location=("version",),
                )
            ]
        )
    return _load_bundled(rubric_id, wanted)
