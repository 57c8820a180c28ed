"""Lexical detectors: combine cue hits into behaviour labels with evidence.

A label fires when one of its alternatives is satisfied: the first requirement (the anchor) is
hit, and every other requirement is hit in the same sentence (or, for text-scope groups such as
candidate names, anywhere in a short text). What is *not* flagged:

- an action cue negated just before it ("jangan memasang baliho", "bukan di status WhatsApp");
- an anchor in an appeal or rules sentence (neutrality, sanctions, "hak pilih", "golput") that
  names no candidate and reports nothing ("terlapor", "kedapatan"): general calls to vote,
  neutrality appeals and news about the rules stay ``none``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from netralitas.screening.cues import CueBook
from netralitas.screening.matcher import Hit
from netralitas.screening.normalise import Normalised

#: Tokens before a cue in which a negation cancels it.
NEGATION_WINDOW = 5
#: Groups that are never negated themselves (they describe, they do not act).
NOT_NEGATABLE = frozenset(
    {
        "named",
        "generic",
        "hashtag",
        "gesture",
        "asn",
        "negation",
        "appeal",
        "report",
        "no_resign",
        "decision_side",
        "audience",
        "team_target",
        "other_target",
    }
)
MAX_MATCHES_PER_LABEL = 3
_NOTHING: frozenset[str] = frozenset()

TokenRange = tuple[int, int]


@dataclass(frozen=True, slots=True)
class LexicalAnalysis:
    """Cue hits of one text and the labels the detectors fired (token ranges as evidence)."""

    norm: Normalised
    groups: dict[str, list[TokenRange]]
    entries: dict[int, list[TokenRange]]
    numbers: dict[int, list[TokenRange]]
    asn: list[tuple[str, TokenRange]]
    labels: dict[str, tuple[float, list[TokenRange]]]
    #: Sentences that are appeals or statements of the rules and name no candidate.
    appeal_sentences: frozenset[int] = frozenset()
    #: Rule-engine qualifiers the words suggest (``cues.yaml`` ``qualifiers``), with evidence.
    qualifiers: dict[str, list[TokenRange]] = field(default_factory=dict)

    def has_partisan_context(self, context_groups: frozenset[str]) -> bool:
        """A partisan cue outside appeal/rules sentences (needed for a flag by the model alone)."""
        sentences = self.norm.sentences
        return any(
            sentences[first] not in self.appeal_sentences
            for group in context_groups.intersection(self.groups)
            for first, _ in self.groups[group]
        )


def _collect(
    hits: list[Hit],
) -> tuple[
    dict[str, list[TokenRange]],
    dict[int, list[TokenRange]],
    dict[int, list[TokenRange]],
    list[tuple[str, TokenRange]],
]:
    groups: dict[str, list[TokenRange]] = defaultdict(list)
    entries: dict[int, list[TokenRange]] = defaultdict(list)
    numbers: dict[int, list[TokenRange]] = defaultdict(list)
    asn: list[tuple[str, TokenRange]] = []
    for tags, first, last in hits:
        span = (first, last)
        for kind, value in tags:
            if kind == "g":
                groups[value].append(span)
            elif kind == "c":
                entries[value].append(span)
                groups["named"].append(span)
            elif kind == "n":
                numbers[value].append(span)
                groups["named"].append(span)
            else:
                asn.append((value, span))
                if value != "non_asn":
                    groups["asn"].append(span)
    return groups, entries, numbers, asn


class _Context:
    """Per-text helpers for negation and appeal sentences."""

    def __init__(self, norm: Normalised, groups: dict[str, list[TokenRange]], cues: CueBook) -> None:
        self.sentences = norm.sentences
        self.short = norm.token_count <= cues.short_text_tokens
        self.text_scope = cues.text_scope
        self.negation_ends = {last for _, last in groups["negation"]} if "negation" in groups else set()
        self.appeal_sentences: set[int] = set()
        if "appeal" in groups:
            appeal = {self.sentences[first] for first, _ in groups["appeal"]}
            shielded = {
                self.sentences[first] for first, _ in groups.get("named", []) + groups.get("report", [])
            }
            self.appeal_sentences = appeal - shielded

    def is_negated(self, group: str, span: TokenRange) -> bool:
        if not self.negation_ends or group in NOT_NEGATABLE:
            return False
        first = span[0]
        sentence = self.sentences[first]
        return any(
            end in self.negation_ends and self.sentences[end] == sentence
            for end in range(max(0, first - NEGATION_WINDOW), first)
        )

    def reaches(self, group: str, span: TokenRange, sentence: int) -> bool:
        return self.sentences[span[0]] == sentence or (self.short and group in self.text_scope)


def _find(
    requirement: tuple[str, ...],
    groups: dict[str, list[TokenRange]],
    ctx: _Context,
    anchor: TokenRange,
    window: int | None,
) -> TokenRange | None:
    sentence = ctx.sentences[anchor[0]]
    for group in requirement:
        for span in groups.get(group, ()):
            if span == anchor or (window is not None and _distance(anchor, span) > window):
                continue
            if ctx.reaches(group, span, sentence) and not ctx.is_negated(group, span):
                return span
    return None


def _distance(a: TokenRange, b: TokenRange) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _match_label(
    alternatives: tuple[tuple[tuple[str, ...], ...], ...],
    groups: dict[str, list[TokenRange]],
    ctx: _Context,
    window: int | None = None,
) -> list[TokenRange]:
    evidence: list[TokenRange] = []
    matches = 0
    disjoint = groups.keys().isdisjoint
    for alternative in alternatives:
        if any(map(disjoint, alternative)):
            continue  # some requirement has no hit at all: skip the anchor search
        head, rest = alternative[0], alternative[1:]
        for group in head:
            for anchor in groups.get(group, ()):
                if ctx.is_negated(group, anchor) or ctx.sentences[anchor[0]] in ctx.appeal_sentences:
                    continue
                found = [_find(requirement, groups, ctx, anchor, window) for requirement in rest]
                if None in found:
                    continue
                matches += 1
                evidence.append(anchor)
                evidence.extend(found)  # type: ignore[arg-type]  # no None left
                if matches >= MAX_MATCHES_PER_LABEL:
                    return evidence
    return evidence


def merge_ranges(ranges: list[TokenRange]) -> list[TokenRange]:
    """Merge sorted token ranges that overlap or touch."""
    merged: list[TokenRange] = []
    for first, last in ranges:
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def anchor_index(cues: CueBook) -> dict[str, frozenset[str]]:
    """Group → labels (and qualifiers) that have an alternative anchored on it (to skip them
    quickly)."""
    index: dict[str, set[str]] = defaultdict(set)
    for label, alternatives in [*cues.labels.items(), *cues.qualifiers.items()]:
        for alternative in alternatives:
            for group in alternative[0]:
                index[group].add(label)
    return {group: frozenset(labels) for group, labels in index.items()}


def analyse(
    norm: Normalised, hits: list[Hit], cues: CueBook, anchors: dict[str, frozenset[str]] | None = None
) -> LexicalAnalysis:
    groups, entries, numbers, asn = _collect(hits)
    ctx = _Context(norm, groups, cues)
    index = anchor_index(cues) if anchors is None else anchors
    candidates: set[str] = set()
    for group in groups:
        candidates |= index.get(group, _NOTHING)
    labels: dict[str, tuple[float, list[TokenRange]]] = {}
    windows = cues.windows
    for label, alternatives in cues.labels.items():
        if label not in candidates:
            continue
        evidence = _match_label(alternatives, groups, ctx, windows.get(label))
        if evidence:
            distinct = sorted(set(evidence))
            confidence = min(0.9, max(0.5, 0.6 + 0.1 * (len(distinct) - 2)))
            labels[label] = (confidence, merge_ranges(distinct))
    qualifiers: dict[str, list[TokenRange]] = {}
    for qualifier, alternatives in cues.qualifiers.items() if candidates else ():
        if qualifier in candidates:
            evidence = _match_label(alternatives, groups, ctx)
            if evidence:
                qualifiers[qualifier] = merge_ranges(sorted(set(evidence)))
    appeal = frozenset(ctx.appeal_sentences)
    return LexicalAnalysis(norm, dict(groups), dict(entries), dict(numbers), asn, labels, appeal, qualifiers)
