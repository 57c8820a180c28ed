"""Row ↔ record conversion driven by the dataclass field types.

Tuples are stored as JSON lists, StrEnums as their value, datetimes as UTC (SQLite gives them
back naive: they are UTC by construction, so UTC is attached again)."""

from __future__ import annotations

import dataclasses
import functools
import operator
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def _reader(hint: Any) -> Callable[[Any], Any] | None:
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        # ``Mapper.from_row`` reads only values that are not None: the inner reader will do
        return _reader(inner[0]) if len(inner) == 1 else None
    if typing.get_origin(hint) is tuple:
        return tuple
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return hint
    if hint is datetime:
        return _utc
    return None


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _writer(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, StrEnum):
        return value.value
    return value


@functools.cache
def _layout(cls: type) -> tuple[list[str], dict[str, Callable[[Any], Any]]]:
    """Field names and readers of a record class, resolved once per class (type hints are slow
    to evaluate and every unit of work builds its repositories anew)."""
    hints = typing.get_type_hints(cls)
    fields = [f.name for f in dataclasses.fields(cls)]
    readers = {name: r for name in fields if (r := _reader(hints[name])) is not None}
    return fields, readers


def _fast(read: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A reader without a Python call per value where one exists: a StrEnum's members by value
    (a dict; ``EnumType.__call__`` was ~1 µs per value). A value that is no member raises
    KeyError there: ``Mapper.from_values`` then reads the row again with the enum itself."""
    if isinstance(read, type) and issubclass(read, StrEnum):
        return {m.value: m for m in read}.__getitem__
    return read


@functools.cache
def _filled(cls: type) -> bool:
    """Whether a record may be made by filling its ``__dict__`` with its fields' values: a plain
    dataclass (no slots, no ``__post_init__``, every field an ``__init__`` argument). That is what
    its ``__init__`` does, one ``object.__setattr__`` per field when frozen (half the time of
    making a row's record)."""
    return (
        "__slots__" not in cls.__dict__
        and cls.__dataclass_params__.init  # type: ignore[attr-defined]  # its own __init__ otherwise
        and not hasattr(cls, "__post_init__")
        and all(f.init for f in dataclasses.fields(cls))
    )


@functools.cache
def _positional(cls: type) -> bool:
    """Whether a record is built from its fields' values in their order (every field an
    ``__init__`` argument that may be given by position)."""
    return all(f.init and not f.kw_only for f in dataclasses.fields(cls))


class Mapper(Generic[T]):
    def __init__(self, cls: type[T]) -> None:
        self.cls = cls
        self.fields, self.readers = _layout(cls)  # type: ignore[arg-type]  # classes are hashable
        # the fields' values of a row in one call
        first = self.fields[0]
        self._get: Callable[[Mapping[Any, Any]], tuple[Any, ...]] = (
            operator.itemgetter(*self.fields) if len(self.fields) > 1 else lambda row: (row[first],)
        )
        #: (position, reader) of the fields read through a reader (``from_row``)
        self._read_at = tuple((i, self.readers[n]) for i, n in enumerate(self.fields) if n in self.readers)
        self._read_fast = tuple((i, _fast(read)) for i, read in self._read_at)
        self._positional = _positional(cls)  # type: ignore[arg-type]  # classes are hashable
        self._filled = _filled(cls)  # type: ignore[arg-type]  # classes are hashable

    def to_row(self, item: T) -> dict[str, Any]:
        return {name: _writer(getattr(item, name)) for name in self.fields}

    def from_row(self, row: Mapping[Any, Any]) -> T:
        # By position: no dict of names per row (a queue view maps ~27 rows; 40% less per row)
        return self.from_values(self._get(row))

    def from_values(self, row: Sequence[Any]) -> T:
        """The record from the values of its fields in their order (a row of ``columns_of``)."""
        values = list(row)
        try:
            for i, read in self._read_fast:
                value = values[i]
                if value is not None:
                    values[i] = read(value)
        except KeyError:  # a value that is no member of its enum: the enum's own answer
            values = list(row)
            for i, read in self._read_at:
                value = values[i]
                if value is not None:
                    values[i] = read(value)
        if self._filled:
            item = object.__new__(self.cls)
            item.__dict__.update(zip(self.fields, values, strict=True))
            return item
        if self._positional:
            return self.cls(*values)
        return self.cls(**dict(zip(self.fields, values, strict=True)))


_MAPPERS: dict[type, Mapper[Any]] = {}


def mapper_for(cls: type[T]) -> Mapper[T]:
    """The one ``Mapper`` of a record class (a mapper never changes once built; every unit of
    work's repositories used to build theirs anew, ~6 per queue view)."""
    found = _MAPPERS.get(cls)
    if found is None:
        found = _MAPPERS[cls] = Mapper(cls)
    return found
