"""Finding rubrics: the search path (``paths``, ``LOMATURITY_RUBRIC_PATH``, the bundled
rubrics), loading by id, version or file path, and listing what is available."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Final

from attrs import frozen
from packaging.version import InvalidVersion, Version

from .._format import printable
from .._hints import quoted
from .._model.rubric import Rubric
from .._types import RUBRIC, expect
from ..exceptions import Problem, RubricError
from .files import FileRefused, read_bounded
from .parse import read_rubric_bytes, read_rubric_file
from .yaml import MAX_BYTES, read_yaml

DEFAULT_RUBRIC = "learning-organization"
"""Id of the rubric used when none is named."""
PATH_VARIABLE: Final = "LOMATURITY_RUBRIC_PATH"
"""Environment variable naming folders of user rubrics (separated by :data:`os.pathsep`),
searched after ``paths=`` and before the bundled rubrics."""
MAX_FOLDER_FILES: Final = 1000
"""Most ``.yaml``/``.yml`` files one rubric folder is searched for (deeper or later ones
are not looked at)."""
MAX_FOLDER_DEPTH: Final = 3
"""Deepest folder level searched below a rubric folder (``<id>/<version>.yaml`` is 1)."""
Folders = Iterable[str | os.PathLike[str]] | str | os.PathLike[str] | None
"""Folders of rubric files: several, one, or none."""
BUNDLED: Final = "bundled"
"""The ``place`` of a bundled rubric in :class:`RubricInfo`."""


@frozen
class RubricInfo:
    """A rubric found on the search path.

    Attributes:
        id: the rubric id.
        version: its version string.
        title: its title (in its default language).
        location: the file it lives in.
        place: where it was found: ``"bundled"``, or the user folder (from ``paths=`` or
            ``LOMATURITY_RUBRIC_PATH``) it is in.
        languages: the languages it has texts in, the default first.
    """

    id: str
    version: str
    title: str
    location: str
    place: str = BUNDLED
    languages: tuple[str, ...] = ()


@frozen
class _Found:
    """One rubric file of the search path: where, and how to read it."""

    place: str
    location: str
    entry: Traversable

    @property
    def bundled(self) -> bool:
        return self.place == BUNDLED


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


def _yaml_files(root: Traversable, depth: int = 0) -> list[Traversable]:
    """The YAML files under ``root`` (sorted; at most :data:`MAX_FOLDER_DEPTH` levels and
    :data:`MAX_FOLDER_FILES` files)."""
    found: list[Traversable] = []
    if not root.is_dir():
        return found
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if len(found) >= MAX_FOLDER_FILES:
            break
        if entry.is_dir():
            if depth < MAX_FOLDER_DEPTH:
                found.extend(_yaml_files(entry, depth + 1)[: MAX_FOLDER_FILES - len(found)])
        elif entry.name.endswith((".yaml", ".yml")):
            found.append(entry)
    return found


def _read(entry: Traversable, bundled: bool) -> bytes | None:
    """A file's bytes (bounded for user files; ``None`` when a user file cannot be read)."""
    if bundled:
        return entry.read_bytes()
    try:
        return read_bounded(str(entry), MAX_BYTES)
    except FileRefused:
        return None


def _scan(root: Traversable, place: str) -> dict[tuple[str, str], list[_Found]]:
    """``(id, version) -> files`` of the rubric files under ``root`` (files that are not
    readable YAML with a string ``id`` and a comparable ``version`` are not rubrics here)."""
    index: dict[tuple[str, str], list[_Found]] = {}
    for entry in _yaml_files(root):
        raw = _read(entry, place == BUNDLED)
        document = read_yaml(raw, entry.name)[0] if raw is not None else None
        data = document.data if document is not None else None
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            continue
        version = data.get("version")
        if not isinstance(version, str) or _version(version) is None:
            continue
        index.setdefault((data["id"], version), []).append(_Found(place, str(entry), entry))
    return index


def _version(text: str) -> Version | None:
    try:
        return Version(text)
    except (InvalidVersion, ValueError, TypeError):
        return None


@functools.cache
def _index() -> dict[tuple[str, str], list[_Found]]:
    return _scan(_bundled_root(), BUNDLED)


def _folders(paths: Folders) -> list[str]:
    """The user folders searched: ``paths``, then those of ``LOMATURITY_RUBRIC_PATH``."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    given = [os.fsdecode(os.fspath(p)) for p in paths or ()]
    for folder in given:
        if not os.path.isdir(folder):
            raise _id_problem(
                folder,
                "is not a folder (given in paths=)",
                "not_a_folder",
                hint="paths= names folders of rubric files",
            )
    from_env = [f for f in os.environ.get(PATH_VARIABLE, "").split(os.pathsep) if f]
    return given + from_env


def _search(folders: Sequence[str]) -> dict[tuple[str, str], list[_Found]]:
    """``(id, version) -> files`` over the user folders and the bundled rubrics, in order."""
    index: dict[tuple[str, str], list[_Found]] = {}
    for folder in folders:
        for rubric_key, found in _scan(Path(folder), folder).items():
            index.setdefault(rubric_key, []).extend(found)
    for rubric_key, found in _index().items():
        index.setdefault(rubric_key, []).extend(found)
    return index


def available_rubrics(
    paths: Folders = None,
) -> tuple[RubricInfo, ...]:
    """The rubrics on the search path (``paths``, ``LOMATURITY_RUBRIC_PATH``, bundled),
    sorted by id, then version (oldest first), then place.

    Raises:
        RubricError: a folder of ``paths`` does not exist, or a rubric file found is invalid.
    """
    out = []
    for found in _search(_folders(paths)).values():
        for f in found:
            rubric = _load_found(f, None)
            out.append(
                RubricInfo(
                    rubric.id, rubric.version, rubric.title, f.location, f.place, rubric.languages
                )
            )
    return tuple(sorted(out, key=lambda r: (r.id, Version(r.version), r.place != BUNDLED)))


@functools.cache
def _load_bundled(location: str) -> Rubric:
    found = next(f for fs in _index().values() for f in fs if f.location == location)
    entry = found.entry
    data = entry.read_bytes()
    return read_rubric_bytes(data, file=f"{_parent_name(location)}/{entry.name}")


def _parent_name(location: str) -> str:
    return Path(location).parent.name


def _load_found(found: _Found, language: str | None) -> Rubric:
    """The rubric of one search-path file, in ``language`` (default: its first)."""
    if found.bundled:
        rubric = _load_bundled(found.location)
        return rubric if language is None else rubric.in_language(language)
    raw = _read(found.entry, bundled=False)
    if raw is None:  # changed since the scan: read again for the error
        return read_rubric_file(found.location, language=language)
    return read_rubric_bytes(raw, file=found.location, language=language)


def _load_file(path: str, version: str | None, language: str | None) -> Rubric:
    """A rubric file; with ``version``, its version must match."""
    rubric = read_rubric_file(path, language=language)
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
    language: str | None = None,
    paths: Folders = None,
    allow_path: bool = True,
) -> Rubric:
    """Load a rubric by id (``"learning-organization"``, ``"id@1.1.0"``) or file path.

    An id is looked up on the search path: the folders of ``paths``, then those of the
    ``LOMATURITY_RUBRIC_PATH`` environment variable (separated by :data:`os.pathsep`), then
    the bundled rubrics. Without a version the newest (by :class:`packaging.version.Version`)
    is loaded. The same ``id@version`` in two files is an error naming both: a user folder
    never silently shadows a bundled rubric.

    Args:
        id_or_path: a rubric id, optionally with ``@version``, or a path to a YAML file
            (a :class:`os.PathLike`, or text ending in ``.yaml``/``.yml`` or holding a ``/``).
        version: the version wanted (a string such as ``"1.1.0"``); the newest when
            ``None``. Ignored for paths unless given, in which case the file's version must match.
        language: the language of the texts (a format-2 rubric's ``languages``; default: its
            first). A format-1 rubric has one language.
        paths: a folder, or folders, of rubric files searched first (``<id>/<version>.yaml`` or any
            ``.yaml`` files up to three levels deep).
        allow_path: ``False`` loads bundled rubrics by id only: anything that would be read
            as a path is refused, ``paths`` must not be given and ``LOMATURITY_RUBRIC_PATH``
            is ignored, so no user file is read: pass ``False`` when ``id_or_path`` comes
            from someone you do not trust (see SECURITY.md).

    Raises:
        RubricError: the file is invalid, no rubric on the search path has that id or
            version, two files hold the same ``id@version``, the language is not one of the
            rubric's, or a path was given with ``allow_path=False``.
    """
    text = os.fsdecode(os.fspath(id_or_path))
    is_path = (
        isinstance(id_or_path, os.PathLike)
        or text.endswith((".yaml", ".yml"))
        or os.sep in text
        or "/" in text
    )
    if not allow_path and (is_path or paths is not None):
        what = "is a path" if is_path else "names a rubric, and paths= was given"
        raise _id_problem(
            text,
            f"{what}, and loading rubrics from files is turned off (allow_path=False)",
            "path_not_allowed",
            hint="name a bundled rubric id such as " + repr(DEFAULT_RUBRIC),
        )
    if is_path:
        return _load_file(text, version, language)
    if not text.strip():
        raise _id_problem(text, "is empty; name a bundled rubric id or a .yaml file", "empty")
    folders = _folders(paths) if allow_path else []
    return _load_by_id(text, version, language, folders)


def _load_by_id(
    text: str, version: str | None, language: str | None, folders: Sequence[str]
) -> Rubric:
    """The rubric ``id[@version]`` of ``text`` on the search path (as :func:`load_rubric`)."""
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
    index = _search(folders) if folders else _index()
    versions = sorted({v for i, v in index if i == rubric_id}, key=lambda v: (Version(v), v))
    if not versions:
        known = sorted({i for i, _ in _index()})
        shown = ", ".join(printable(repr(f)) for f in folders)
        elsewhere = f" nor in the folders {shown}" if folders else ""
        raise RubricError(
            [
                Problem(
                    "id",
                    f"is neither a bundled rubric id{elsewhere} nor an existing .yaml file",
                    rubric_id,
                    hint="bundled: " + ", ".join(known),
                    code="unknown_rubric",
                    location=("id",),
                )
            ]
        )
    chosen = versions[-1] if wanted is None else wanted
    if chosen not in versions:
        raise RubricError(
            [
                Problem(
                    "version",
                    f"is not an available version of {rubric_id!r}",
                    wanted,
                    hint="available: " + ", ".join(versions),
                    code="unknown_version",
                    location=("version",),
                )
            ]
        )
    found = index[(rubric_id, chosen)]
    if wanted is None:  # "1.1" and "1.1.0" are one version: the newest, found twice
        found = [
            f for v in versions if Version(v) == Version(chosen) for f in index[(rubric_id, v)]
        ]
    if len(found) > 1:
        raise RubricError(
            [
                Problem(
                    "id",
                    f"is found twice as {rubric_id}@{chosen}: "
                    + " and ".join(printable(repr(f.location)) for f in found[:2]),
                    text,
                    hint="remove or rename one of them (the same id@version must be the same "
                    "rubric everywhere)",
                    code="duplicate_rubric",
                    location=("id",),
                )
            ]
        )
    return _load_found(found[0], language)


def bundled_or_given(rubric: Rubric | str | None) -> Rubric:
    """The rubric an example is asked for: the default rubric (newest version) for ``None``,
    a bundled rubric for a key such as ``"learning-organization@1.0.0"`` (never a path), or
    ``rubric`` itself. ``TypeError`` for anything else."""
    if rubric is None:
        return load_rubric(DEFAULT_RUBRIC)
    if isinstance(rubric, str):
        return load_rubric(rubric, allow_path=False)
    expect(rubric, Rubric, "rubric", RUBRIC + ", a bundled rubric key or None")
    return rubric


def _mismatch(what: str, message: str, value: str, hint: str) -> RubricError:
    problem = Problem("rubric", message, value, hint=hint, code="rubric_mismatch")
    return RubricError([problem])


def rubric_of_result(
    rubric: Rubric | None, key: str, fingerprint: str | None, what: str = "the result"
) -> Rubric:
    """The rubric a result (report, comparison, benchmark, ...) was made on, for its texts:
    ``rubric`` itself when given, checked against the result's ``id@version`` ``key`` and,
    when the result records one, its content ``fingerprint``; for ``None`` the bundled
    rubric of that key (never a file: a result does not choose which file is read).

    Raises:
        TypeError: ``rubric`` is neither a rubric nor ``None``.
        RubricError: ``rubric`` is another rubric than the result's, or (for ``None``) no
            bundled rubric is the result's (another key, or another rubric under its key):
            the hint says to pass ``rubric=``.
    """
    if rubric is not None:
        expect(rubric, Rubric, "rubric", RUBRIC + " or None")
        if rubric.key != key:
            hint = f"pass the rubric {what} was made on"
            raise _mismatch(what, f"is {rubric.key}, not the rubric of {what}", key, hint)
    else:
        hint = "pass the rubric it was made on as rubric="
        try:
            rubric = load_rubric(key, allow_path=False)
        except RubricError:
            raise _mismatch(what, "is not a bundled rubric", key, hint) from None
    if fingerprint is not None and fingerprint != rubric.fingerprint:
        hint = f"pass the rubric {what} was made on as rubric="
        message = (
            f"is another rubric than the one {what} was made on (same id@version, other content)"
        )
        raise _mismatch(what, message, key, hint)
    return rubric
