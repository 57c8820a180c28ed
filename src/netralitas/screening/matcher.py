"""One Aho-Corasick automaton (pyahocorasick) over the normalised text for every phrase the
screening knows: cue groups, ASN cues, gestures, gazetteer aliases and ballot-number references.

Each phrase is stored padded with spaces (" nomor urut 2 ") so that only whole tokens match.
A hit is ``(tags, first_token, last_token)``; a tag says what the phrase is:
``("g", group)``, ``("a", category)``, ``("c", entry_index)``, ``("n", ballot_number)``.

``Matcher.collect`` sorts the hits of a text straight into what the detectors read (cue groups,
gazetteer entries, ballot numbers, ASN cues): what each phrase adds is worked out once, when the
automaton is built, instead of reading its tags for every hit.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

import ahocorasick

from netralitas.screening.cues import CueBook
from netralitas.screening.gazetteer import Gazetteer
from netralitas.screening.normalise import Normalised, normalise_phrase

Tag = tuple[str, Any]
Hit = tuple[tuple[Tag, ...], int, int]
TokenRange = tuple[int, int]


class Collected(NamedTuple):
    """The hits of one text by what they are (lists of token ranges in text order)."""

    groups: dict[str, list[TokenRange]]
    entries: dict[int, list[TokenRange]]
    numbers: dict[int, list[TokenRange]]
    asn: list[tuple[str, TokenRange]]


class Phrase(NamedTuple):
    """The value stored in the automaton for one padded phrase."""

    length: int
    tags: tuple[Tag, ...]
    #: One word: the hit starts and ends in the same token (one bisection instead of two).
    single: bool
    #: Cue groups a hit adds to, in tag order ("named" for a candidate alias or number, "asn" for
    #: an ASN cue other than ``non_asn``; a group can appear twice).
    groups: tuple[str, ...]
    entries: tuple[int, ...]
    numbers: tuple[int, ...]
    asn: tuple[str, ...]


def phrase_of(length: int, tags: tuple[Tag, ...], single: bool = False) -> Phrase:
    groups: list[str] = []
    entries: list[int] = []
    numbers: list[int] = []
    asn: list[str] = []
    for kind, value in tags:
        if kind == "g":
            groups.append(value)
        elif kind == "c":
            entries.append(value)
            groups.append("named")
        elif kind == "n":
            numbers.append(value)
            groups.append("named")
        else:
            asn.append(value)
            if value != "non_asn":
                groups.append("asn")
    return Phrase(length, tags, single, tuple(groups), tuple(entries), tuple(numbers), tuple(asn))


def _phrase_tags(cues: CueBook, gazetteer: Gazetteer) -> Iterator[tuple[str, Tag]]:
    for group, phrases in [*cues.groups.items(), *cues.qualifier_groups.items()]:
        for phrase in phrases:
            yield phrase, ("g", group)
    for category, phrases in cues.asn_cues.items():
        for phrase in phrases:
            yield phrase, ("a", category)
    for gesture in cues.gestures:
        yield gesture.phrase, ("g", "gesture")
    for index, entry in enumerate(gazetteer.entries):
        yield entry.alias, ("c", index)
    for phrase, number in gazetteer.number_phrases():
        yield phrase, ("n", number)


@dataclass(frozen=True, slots=True)
class Matcher:
    automaton: Any

    def hits(self, norm: Normalised) -> list[Hit]:
        starts = norm.starts
        return [
            (
                phrase.tags,
                bisect_right(starts, end - phrase.length + 2) - 1,
                bisect_right(starts, end - 1) - 1,
            )
            for end, phrase in self.automaton.iter(norm.text)
        ]

    def collect(self, norm: Normalised) -> Collected:
        """The hits of ``norm`` sorted by kind (what ``collect_hits(self.hits(norm))`` gives)."""
        starts = norm.starts
        groups: dict[str, list[TokenRange]] = {}
        entries: dict[int, list[TokenRange]] = {}
        numbers: dict[int, list[TokenRange]] = {}
        asn: list[tuple[str, TokenRange]] = []
        end: int
        length: int
        names: tuple[str, ...]
        entry_ids: tuple[int, ...]
        number_ids: tuple[int, ...]
        categories: tuple[str, ...]
        single: bool
        for end, (length, _, single, names, entry_ids, number_ids, categories) in self.automaton.iter(
            norm.text
        ):
            if single:  # no space inside: the first and the last character are in one token
                token = bisect_right(starts, end - 1) - 1
                span = (token, token)
            else:
                span = (bisect_right(starts, end - length + 2) - 1, bisect_right(starts, end - 1) - 1)
            for group in names:
                spans = groups.get(group)
                if spans is None:
                    groups[group] = [span]
                else:
                    spans.append(span)
            if entry_ids:
                for index in entry_ids:
                    entries.setdefault(index, []).append(span)
            if number_ids:
                for number in number_ids:
                    numbers.setdefault(number, []).append(span)
            if categories:
                for category in categories:
                    asn.append((category, span))
        return Collected(groups, entries, numbers, asn)


def collect_hits(hits: list[Hit]) -> Collected:
    """``hits`` sorted by kind (see ``Phrase``)."""
    groups: dict[str, list[TokenRange]] = {}
    entries: dict[int, list[TokenRange]] = {}
    numbers: dict[int, list[TokenRange]] = {}
    asn: list[tuple[str, TokenRange]] = []
    for tags, first, last in hits:
        span = (first, last)
        phrase = phrase_of(0, tags)
        for group in phrase.groups:
            groups.setdefault(group, []).append(span)
        for index in phrase.entries:
            entries.setdefault(index, []).append(span)
        for number in phrase.numbers:
            numbers.setdefault(number, []).append(span)
        for category in phrase.asn:
            asn.append((category, span))
    return Collected(groups, entries, numbers, asn)


def build_matcher(cues: CueBook, gazetteer: Gazetteer, lexicon: Mapping[str, str]) -> Matcher:
    table: dict[str, list[Tag]] = {}
    for phrase, tag in _phrase_tags(cues, gazetteer):
        normal = normalise_phrase(phrase, lexicon)
        if len(normal) < 2 and tag[0] in ("c", "n"):
            continue  # a one-character candidate alias would match everywhere
        if not normal:
            continue
        tags = table.setdefault(f" {normal} ", [])
        if tag not in tags:
            tags.append(tag)
    automaton = ahocorasick.Automaton()
    for key in sorted(table):
        automaton.add_word(key, phrase_of(len(key), tuple(table[key]), key.count(" ") == 2))
    automaton.make_automaton()
    return Matcher(automaton)
