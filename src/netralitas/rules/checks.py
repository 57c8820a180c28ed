"""Checks shared by the catalogue builders: ids, dated versions, references, levels vs ladders.

Each raises :class:`CatalogueError` naming the file and the kind of problem.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from datetime import date

from netralitas.rules.model import Level, SanctionLadder, Track, Violation
from netralitas.rules.yamlfile import catalogue_error

#: Tracks whose findings carry a fixed level instead of a rung of a penalty ladder.
FIXED_LEVEL: dict[Track, Level] = {Track.CRIME: Level.CRIMINAL, Track.CANDIDATE_CONSEQUENCE: Level.CANDIDATE}


def dangling(file: str, what: str, value: str, known: Iterable[str]) -> Exception:
    valid = ", ".join(sorted(known))
    return catalogue_error(
        file, f"{what} {value!r} tidak dikenal / unknown; yang sah: {valid}", "dangling_reference"
    )


def unique(file: str, ids: Sequence[str], what: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise catalogue_error(file, f"{what} ganda / duplicate id {i!r}", "duplicate_id")
        seen.add(i)


def ascending(file: str, dates: Sequence[date], where: str, repeals: Sequence[bool] = ()) -> None:
    """Dated versions: strictly ascending dates; a ``null`` repeal must follow a value."""
    for a, b in itertools.pairwise(dates):
        if a == b:
            raise catalogue_error(
                file,
                f"{where}: dua versi pada tanggal yang sama / two versions on the same date ({a})",
                "duplicate_date",
            )
        if a > b:
            raise catalogue_error(
                file, f"{where}: tanggal berlaku harus naik / dates must ascend ({a}, {b})", "bad_date"
            )
    for index, is_repeal in enumerate(repeals):
        if is_repeal and (index == 0 or repeals[index - 1]):
            raise catalogue_error(
                file,
                f"{where}: null pada {dates[index]} tidak mencabut apa pun (bukan sesudah nilai) / "
                "a null repeal must follow a value",
                "bad_repeal",
            )


def _overlaps(start: date, end: date | None, other_start: date, other_end: date | None) -> bool:
    """Half-open spans [start, end) and [other_start, other_end); None = open-ended."""
    return (other_end is None or start < other_end) and (end is None or other_start < end)


def _until(dates: Sequence[date], index: int) -> date | None:
    return dates[index + 1] if index + 1 < len(dates) else None


def check_levels(v: Violation, ladders: Iterable[SanctionLadder], file: str) -> None:
    """Every level a violation can reach must exist on the ladder of its track in force meanwhile."""
    starts = [ver.from_on for ver in v.versions]
    for index, ver in enumerate(v.versions):
        if ver.level is None:
            continue
        fixed = FIXED_LEVEL.get(v.track)
        if fixed is not None or ver.level in FIXED_LEVEL.values():
            if ver.level is not fixed:
                raise _level_error(file, v, ver.level, f"jalur {v.track} memerlukan tingkat {fixed}")
            continue
        if ver.level is Level.CASE_BY_CASE:
            continue
        for ladder in ladders:
            if ladder.track != v.track or not ladder.employee_types & v.conditions.employee_types:
                continue
            ladder_starts = [lv.from_on for lv in ladder.versions]
            for j, lv in enumerate(ladder.versions):
                if lv.levels is None or ver.level in lv.levels:
                    continue
                if _overlaps(ver.from_on, _until(starts, index), lv.from_on, _until(ladder_starts, j)):
                    where = f"tangga {ladder.id} sejak {lv.from_on} hanya punya {', '.join(lv.levels)}"
                    raise _level_error(file, v, ver.level, where)


def _level_error(file: str, v: Violation, level: Level, why: str) -> Exception:
    return catalogue_error(
        file,
        f"{v.id}: tingkat {level!s} tidak ada pada tangga sanksi / level not in the ladder ({why})",
        "level_not_in_ladder",
    )
