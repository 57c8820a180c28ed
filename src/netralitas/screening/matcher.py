"""One Aho-Corasick automaton (pyahocorasick) over the normalised text for every phrase the
screening knows: cue groups, ASN cues, gestures, gazetteer aliases and ballot-number references.

Each phrase is stored padded with spaces (" nomor urut 2 ") so that only whole tokens match.
A hit is ``(tags, first_token, last_token)``; a tag says what the phrase is:
``("g", group)``, ``("a", category)``, ``("c", entry_index)``, ``("n", ballot_number)``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import ahocorasick

from netralitas.screening.cues import CueBook
from netralitas.screening.gazetteer import Gazetteer
from netralitas.screening.normalise import Normalised, normalise_phrase

Tag = tuple[str, Any]
Hit = tuple[tuple[Tag, ...], int, int]


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
            (tags, bisect_right(starts, end - length + 2) - 1, bisect_right(starts, end - 1) - 1)
            for end, (length, tags) in self.automaton.iter(norm.text)
        ]


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
        automaton.add_word(key, (len(key), tuple(table[key])))
    automaton.make_automaton()
    return Matcher(automaton)
