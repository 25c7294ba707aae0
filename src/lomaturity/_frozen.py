"""Read-only mappings for frozen records: the one home of "a dict nobody can change".

A frozen attrs class stops attribute assignment, not ``report.dimensions["x"] = ...``: a
plain dict inside it can be changed by anyone holding the record, including a rubric that
``load_rubric`` caches for the whole process. :class:`FrozenDict` is the mapping every
record uses instead: read-only, hashable when its values are, picklable, and equal to a
``dict`` with the same items.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(Mapping[K, V], Generic[K, V]):
    """A read-only mapping (insertion order kept); build it from a mapping or pairs."""

    __slots__ = ("_data", "_hash")

    _data: dict[K, V]
    _hash: int | None

    def __init__(self, data: Mapping[K, V] | Iterable[tuple[K, V]] = (), /) -> None:
        object.__setattr__(self, "_data", dict(data))
        object.__setattr__(self, "_hash", None)

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenDict):
            return self._data == other._data
        if isinstance(other, dict):
            return self._data == other
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(frozenset(self._data.items())))
        assert self._hash is not None
        return self._hash

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __repr__(self) -> str:
        return repr(self._data)

    def __reduce__(self) -> tuple[type[FrozenDict[K, V]], tuple[dict[K, V]]]:
        return (type(self), (self._data,))

    def __or__(self, other: Mapping[K, V]) -> FrozenDict[K, V]:
        return FrozenDict({**self._data, **other})


def frozen_dict(value: Mapping[Any, Any]) -> FrozenDict[Any, Any]:
    """attrs converter: ``value`` as a :class:`FrozenDict` (one already frozen is kept). Its
    parameter is deliberately ``Mapping[Any, Any]``: the attrs mypy plugin types the
    ``__init__`` argument from it and cannot bind a generic converter's type variables; the
    attribute keeps its declared ``Mapping[K, V]`` type."""
    return value if isinstance(value, FrozenDict) else FrozenDict(value)
