"""``db.mapping.Mapper.from_values``: a record made by filling its ``__dict__`` (and enum members
looked up by value) is the record its ``__init__`` makes; records that need their ``__init__``
(``__post_init__``, slots) still get it; a stored value that is no member of its enum is the
enum's own ValueError."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

import pytest

from netralitas.cases.records import Case, CaseStatus, User
from netralitas.db.mapping import Mapper, _filled, mapper_for

AT = datetime(2025, 1, 2, 3, 4, 5)


def _case_row(status: object = "received") -> tuple[object, ...]:
    return ("c1", "NTR-1", status, "judul", None, "ag", "33.74", None, None, AT, AT, 2, None, None, None,
            None, None)  # fmt: skip


def test_a_case_is_the_case_its_init_makes() -> None:
    made = mapper_for(Case).from_values(_case_row())
    expected = Case("c1", "NTR-1", CaseStatus.RECEIVED, "judul", None, "ag", "33.74", None, None,
                    AT.replace(tzinfo=UTC), AT.replace(tzinfo=UTC), 2)  # fmt: skip
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    assert made.status is CaseStatus.RECEIVED and made.opened_at.tzinfo is UTC
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.title = "x"  # type: ignore[misc]
    assert dataclasses.replace(made, title="x").title == "x"
    assert _filled(Case) and _filled(User)
    other = datetime(2025, 1, 2, 10, 4, 5, tzinfo=timezone(timedelta(hours=7)))
    assert mapper_for(Case).from_values((*_case_row()[:9], other, *_case_row()[10:])).opened_at == other
    assert mapper_for(Case).from_values(_case_row(CaseStatus.VERIFICATION)).status is CaseStatus.VERIFICATION


def test_a_value_that_is_no_member_is_the_enums_error() -> None:
    with pytest.raises(ValueError, match="not a valid CaseStatus"):
        mapper_for(Case).from_values(_case_row("bogus"))


@dataclass(frozen=True)
class Normalised:
    name: str
    tags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", self.name.strip())


@dataclass(frozen=True, slots=True)
class Slotted:
    name: str
    at: datetime


@dataclass(frozen=True, init=False)
class Checked:
    name: str

    def __init__(self, name: str) -> None:
        object.__setattr__(self, "name", name.upper())


def test_records_that_need_their_init_get_it() -> None:
    assert not _filled(Normalised) and not _filled(Slotted) and not _filled(Checked)
    assert Mapper(Checked).from_values(("a",)).name == "A"
    assert Mapper(Normalised).from_values(("  a ", ["x"])) == Normalised("a", ("x",))
    assert Mapper(Slotted).from_values(("a", AT)) == Slotted("a", AT.replace(tzinfo=UTC))
