"""Candidate gazetteer: names, nicknames, slogans, hashtags, teams and parties per election
and region, imported from CSV (columns: election_id, region, ballot_number, candidate, kind,
alias, source, review_status). Ballot-number references ("paslon 02", "nomor urut 3") are
generated from the ballot numbers present in the file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from netralitas.errors import ValidationError
from netralitas.screening.datafiles import data_lines

COLUMNS = ("election_id", "region", "ballot_number", "candidate", "kind", "alias", "source", "review_status")
KINDS = frozenset({"pair", "name", "nickname", "slogan", "hashtag", "team", "party"})
REVIEW_STATUSES = frozenset({"confirmed", "needs_review"})

#: How a ballot number is referred to. ``{n}`` is the bare number, ``{nn}`` the zero-padded one.
NUMBER_PATTERNS = (
    "paslon {n}",
    "paslon {nn}",
    "paslon nomor {n}",
    "paslon nomor {nn}",
    "nomor urut {n}",
    "nomor urut {nn}",
    "pasangan calon nomor {n}",
    "pasangan calon nomor urut {n}",
    "pasangan nomor {n}",
    "calon nomor {n}",
    "coblos {n}",
    "coblos {nn}",
    "coblos nomor {n}",
    "coblos nomor {nn}",
    "pilih {nn}",
    "pilih nomor {n}",
    "pilih nomor {nn}",
    "mencoblos nomor {n}",
    "memilih nomor {n}",
    "capres {nn}",
    "capres nomor {n}",
    "cagub {n}",
    "cagub nomor {n}",
    "cabup {n}",
    "cabup nomor {n}",
    "cawalkot nomor {n}",
    "dukung {nn}",
    "dukung nomor {n}",
    "mendukung nomor {n}",
    "mendukung paslon {n}",
    "# {nn}",
    "{nn} menang",
    "{nn} satu putaran",
    "nomor {n} menang",
    "kubu {nn}",
    "kubu {n}",
    "tim {nn}",
    "salam {nn}",
    "salam {n} jari",
    "salam {n} periode",
)

#: Ballot numbers in words: Indonesian, Javanese, Sundanese, Minang/Malay ("nomer loro", "nu
#: nomer hiji", "nomor duo"; "nomer" is folded to "nomor" by the lexicon).
NUMBER_WORDS = {
    1: ("satu", "siji", "hiji", "ciek"),
    2: ("dua", "loro", "duo"),
    3: ("tiga", "telu", "tilu", "tigo"),
    4: ("empat", "papat", "opat", "ampek"),
    5: ("lima", "limo"),
}
WORD_PATTERNS = (
    "nomor {w}",
    "nomor urut {w}",
    "paslon {w}",
    "paslon nomor {w}",
    "coblos nomor {w}",
    "pilih nomor {w}",
    "salam {w} jari",
)
#: "nomor satu" alone also means "the best" ("prioritas nomor satu"): only with a side or vote word.
WORD_PATTERNS_ONE = (
    "nomor urut {w}",
    "paslon nomor {w}",
    "pasangan nomor {w}",
    "calon nomor {w}",
    "coblos nomor {w}",
    "pilih nomor {w}",
    "nu nomor {w}",
    "sing nomor {w}",
    "salam {w} jari",
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A candidate pair (with a ballot number) or a party."""

    key: str
    election_id: str
    region: str
    ballot_number: int | None
    name: str
    kind: str  # "pair" | "party"


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    candidate_key: str
    alias: str
    kind: str
    source: str
    review_status: str


@dataclass(frozen=True, slots=True)
class Gazetteer:
    candidates: dict[str, Candidate]
    entries: tuple[GazetteerEntry, ...]
    origin: str
    number_index: dict[tuple[int, str | None], tuple[Candidate, ...]]
    #: (ballot number, election, region) → the candidates with that number there.
    region_index: dict[tuple[int, str, str], tuple[Candidate, ...]]

    def ballot_numbers(self) -> list[int]:
        return sorted({c.ballot_number for c in self.candidates.values() if c.ballot_number is not None})

    def election_ids(self) -> list[str]:
        """The elections the gazetteer knows, sorted."""
        return sorted({c.election_id for c in self.candidates.values()})

    def regions_of(self, election_id: str) -> frozenset[str]:
        """The regions of an election's candidates that carry a ballot number."""
        return frozenset(
            c.region
            for c in self.candidates.values()
            if c.election_id == election_id and c.ballot_number is not None
        )

    def by_number(self, number: int, election_id: str | None) -> list[Candidate]:
        return list(self.number_index.get((number, election_id), ()))

    def number_phrases(self) -> Iterator[tuple[str, int]]:
        """Ballot-number references for every number of the gazetteer and 1-5 (a regional
        election the gazetteer does not know still has numbers), in digits and in words."""
        for number in sorted({*self.ballot_numbers(), *range(1, 6)}):
            for pattern in NUMBER_PATTERNS:
                yield pattern.format(n=number, nn=f"{number:02d}"), number
            for word in NUMBER_WORDS.get(number, ()):
                for pattern in WORD_PATTERNS if number > 1 else WORD_PATTERNS_ONE:
                    yield pattern.format(w=word), number


def _error(origin: str, line: int, message: str, message_en: str) -> ValidationError:
    return ValidationError(
        f"Gazetir {origin}, baris {line}: {message}",
        message_en=f"Gazetteer {origin}, line {line}: {message_en}",
        code="gazetteer_invalid",
        details={"file": origin, "line": line},
    )


def _candidate_from(row: dict[str, str], origin: str, line: int) -> Candidate:
    kind = row["kind"]
    number_text = row["ballot_number"]
    try:
        number = int(number_text) if number_text else None
    except ValueError:
        raise _error(
            origin, line, f"nomor urut tidak sah: {number_text!r}", "invalid ballot number"
        ) from None
    group = "party" if kind == "party" else "pair"
    if group == "pair" and number is None:
        raise _error(origin, line, "pasangan calon tanpa nomor urut", "candidate pair without ballot number")
    suffix = f"party:{row['candidate'].lower()}" if group == "party" else str(number)
    key = f"{row['election_id']}/{row['region']}/{suffix}"
    return Candidate(key, row["election_id"], row["region"], number, row["candidate"], group)


def _check_row(row: dict[str, str], origin: str, line: int) -> None:
    missing = [c for c in COLUMNS if not row.get(c) and c not in ("ballot_number", "source")]
    if missing:
        raise _error(origin, line, f"kolom kosong: {', '.join(missing)}", f"empty columns: {missing}")
    if row["kind"] not in KINDS:
        raise _error(
            origin, line, f"jenis tidak dikenal {row['kind']!r}; pilihan: {sorted(KINDS)}", "unknown kind"
        )
    if row["review_status"] not in REVIEW_STATUSES:
        raise _error(
            origin,
            line,
            f"review_status harus salah satu dari {sorted(REVIEW_STATUSES)}",
            "bad review_status",
        )


def parse_gazetteer(lines: Iterable[str], origin: str) -> Gazetteer:
    reader = csv.DictReader(lines)
    header = tuple(reader.fieldnames or ())
    if not set(COLUMNS) <= set(header):
        missing = sorted(set(COLUMNS) - set(header))
        raise _error(origin, 1, f"kolom wajib tidak ada: {', '.join(missing)}", f"missing columns: {missing}")
    candidates: dict[str, Candidate] = {}
    entries: list[GazetteerEntry] = []
    for row in reader:
        line = reader.line_num
        clean = {k: (v or "").strip() for k, v in row.items() if k is not None}
        _check_row(clean, origin, line)
        candidate = _candidate_from(clean, origin, line)
        known = candidates.setdefault(candidate.key, candidate)
        if known.name != candidate.name:
            raise _error(origin, line, f"nomor urut {candidate.key} dipakai dua nama", "ballot number reused")
        entries.append(
            GazetteerEntry(
                candidate.key, clean["alias"], clean["kind"], clean["source"], clean["review_status"]
            )
        )
    return Gazetteer(candidates, tuple(entries), origin, _number_index(candidates), _region_index(candidates))


def _region_index(candidates: dict[str, Candidate]) -> dict[tuple[int, str, str], tuple[Candidate, ...]]:
    regional: dict[tuple[int, str, str], tuple[Candidate, ...]] = {}
    for c in candidates.values():
        if c.ballot_number is not None:
            key = (c.ballot_number, c.election_id, c.region)
            regional[key] = (*regional.get(key, ()), c)
    return regional


def _number_index(candidates: dict[str, Candidate]) -> dict[tuple[int, str | None], tuple[Candidate, ...]]:
    index: dict[tuple[int, str | None], list[Candidate]] = {}
    for candidate in candidates.values():
        if candidate.ballot_number is not None:
            for election in (candidate.election_id, None):
                index.setdefault((candidate.ballot_number, election), []).append(candidate)
    return {key: tuple(value) for key, value in index.items()}


def load_gazetteer(path: Path | str) -> Gazetteer:
    """Load a gazetteer CSV; errors name the file and the line."""
    file = Path(path)
    try:
        with file.open(encoding="utf-8", newline="") as handle:
            return parse_gazetteer(handle, str(file))
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(
            f"Gazetir {file} tidak dapat dibaca: {exc}",
            message_en=f"Cannot read gazetteer {file}: {exc}",
            code="gazetteer_invalid",
            details={"file": str(file)},
        ) from exc


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer shipped with the package (Pemilu 2024, some Pilkada 2024 regions)."""
    with data_lines("gazetteer.csv") as handle:
        return parse_gazetteer(handle, "netralitas/screening/data/gazetteer.csv")
