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
from typing import NamedTuple

from netralitas.screening.cues import Alternative, CueBook
from netralitas.screening.matcher import Collected, Hit, collect_hits
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
        "debunk",
        "self_actor",
        "oversee",
        "no_resign",
        "decision_side",
        "audience",
        "team_target",
    }
)
MAX_MATCHES_PER_LABEL = 3
#: A hit of the ``not_cue`` group ("jangan lupa", "deklarasi damai", "pakaian dinas") cancels the
#: hits of other groups inside it: "jangan" in "jangan lupa coblos" is no negation, "deklarasi" in
#: "deklarasi damai" is no candidate's declaration, "pakaian" in "pakaian dinas" no party attribute.
NOT_CUE = "not_cue"
#: Words that debunk a claim ("hoaks", "pencatutan nama", "tidak tahu menahu"): every sentence of a
#: text with one is treated as an appeal/rules sentence, even one naming a side (hoax-debunk news).
DEBUNK = "debunk"
#: A sentence that opens with a candidate, team, party, citizen or former official (``self_actor``)
#: and names no official describes their own campaigning: treated like an appeal sentence.
SELF_ACTOR = "self_actor"
#: Supervising or securing an event ("mengawasi", "mengamankan jalannya"): with no official or ASN
#: word in the sentence it is the overseers' (Bawaslu, police) own act, treated like ``self_actor``.
OVERSEE = "oversee"
#: Labels the ``self_actor`` rule does not silence.
SELF_ACTOR_EXEMPT = frozenset({"use_state_facilities"})
#: How many tokens may precede the ``self_actor`` hit in its sentence ("Seorang", "Para", "Sejumlah").
SELF_ACTOR_LEAD = 2
#: Words that may open the sentence before the actor ("Seorang caleg", "Ribuan simpatisan").
ACTOR_DETERMINERS = frozenset(
    {
        "seorang",
        "sejumlah",
        "para",
        "beberapa",
        "puluhan",
        "ratusan",
        "ribuan",
        "banyak",
        "sebuah",
        "salah",
        "satu",
        "kini",
        # collective nouns: "Kelompok relawan ...", "Paguyuban pedagang ...", "Sebuah komunitas relawan ..."
        "kelompok",
        "sekelompok",
        "komunitas",
        "barisan",
        "forum",
        "aliansi",
        "paguyuban",
        "perkumpulan",
        "rombongan",
        "kumpulan",
        "jaringan",
        "gabungan",
        "himpunan",
    }
)
#: A word right before an official or ASN word that makes it no actor of the sentence: a former
#: official is a citizen ("pensiunan guru", "mantan camat", "eks sekda"), and an official's title
#: after a supporter's noun names the side supported ("relawan pendukung Bupati X", "tim sukses
#: bupati petahana").
NOT_ACTOR_AFTER = frozenset(
    {
        "mantan",
        "eks",
        "pensiunan",
        "purnawirawan",
        "purnabakti",
        "purnatugas",
        "pendukung",
        "relawan",
        "simpatisan",
        "loyalis",
        "sukses",
        "pemenangan",
        "pengusung",
    }
)
#: "(men)jadi" before an official's title after a support or vote word in the sentence: the office a
#: side is supported for ("siap mendukung Pak X menjadi bupati"), not an official acting.
OFFICE_SOUGHT_AFTER = frozenset({"jadi", "menjadi"})
#: Groups whose hit before "(men)jadi <office>" makes the office one that is sought.
SUPPORT_GROUPS = ("support", "vote_verb")
#: Passive verbs of these groups right after an actor make it the one acted on ("Warga diarahkan
#: memilih ...", "Masyarakat diberi amplop"), within this many tokens.
PASSIVE_GROUPS = ("mobilize_verb", "gather_verb", "give_verb", "decision")
PUBLIC_ACTORS = frozenset({"warga", "masyarakat"})
PASSIVE_WINDOW = 4
#: A clause opening with "bahwa" reports what its own subject did ("Saksi membenarkan bahwa caleg
#: itu membagikan stiker"): an actor right after it (determiners skipped) opens that clause.
CLAUSE_OPENERS = frozenset({"bahwa"})
#: First words of a leading adverbial phrase before the actor ("Dalam kampanyenya, calon ...",
#: "Saat berkampanye di pasar, pasangan calon ...", "Di hadapan pendukungnya, caleg ...").
LEADING_PHRASE_WORDS = frozenset(
    {
        "dalam",
        "saat",
        "ketika",
        "di",
        "pada",
        "usai",
        "seusai",
        "sebelum",
        "setelah",
        "selama",
        "sambil",
        "sementara",
    }
)
#: Pronouns that open a sentence continuing the previous one's actor ("Calon wali kota ... berkampanye
#: di pasar. Ia meminta dukungan ..."): after an own-campaigning sentence, theirs too.
ACTOR_PRONOUNS = frozenset({"ia", "dia", "mereka", "beliau"})
#: Official words that do not name an official actor in a third-person report.
NOT_OFFICIAL_ACTORS = frozenset({"saya", "kami"})
#: Words after which a capitalised word or an acronym is taken as the name of a side when the
#: gazetteer does not know it ("dukung FUD-AHER", "memenangkan MH", "pasangan SAH"): the group
#: ``name_guess``. Honorifics between them are skipped ("pilih Bapak Hendra").
NAME_AFTER = ("vote_verb", "support")
NAME_SKIP = frozenset(
    {"bapak", "pak", "ibu", "bu", "kepada", "untuk", "pasangan", "paslon", "kang", "mas", "bang"}
)
#: A redacted name, as news reports print a side's name they blank out ("coblos (.....)",
#: "pilih [...]", "dukung ***", "coblos xxx"): an opening bracket and only these marks up to the
#: closing one, or a run of these marks alone.
REDACTION_OPEN = {"(": ")", "[": "]"}
REDACTION_MARKS = frozenset({".", "…", "*", "x", "xx", "xxx", "xxxx", "-", "_"})
NOT_NAMES = frozenset(
    {
        "allah",
        "tuhan",
        "asn",
        "pns",
        "pppk",
        "tps",
        "kpu",
        "bawaslu",
        "presiden",
        "indonesia",
        "pilkada",
        "pemilu",
        "calon",
        "bupati",
        "gubernur",
        "caleg",
        "partai",
        "rakyat",
        "saya",
        "kami",
        "kita",
        "anda",
        "beliau",
        "dia",
        "mereka",
        "semua",
        "pileg",
        "pilpres",
        "insya",
        "insyaallah",
    }
)

TokenRange = tuple[int, int]


@dataclass(slots=True)
class LexicalAnalysis:
    """Cue hits of one text and the labels the detectors fired (token ranges as evidence).
    Treat as read-only (not frozen: one is built for every screened text)."""

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


#: One requirement of an alternative: its groups, each with (name, scope, negatable); ``scope``:
#: the group reaches across sentences in a short text (``cues.text_scope``).
Requirement = tuple[tuple[str, bool, bool], ...]


class _Rule(NamedTuple):
    """A label or qualifier compiled for matching."""

    name: str
    #: Each alternative: (every requirement as a plain tuple of group names, for the quick
    #: "some requirement has no hit" test; the anchor requirement; the other requirements).
    alternatives: tuple[tuple[tuple[tuple[str, ...], ...], Requirement, tuple[Requirement, ...]], ...]
    window: int | None


class _Text:
    """Per-text state for negation and appeal sentences."""

    __slots__ = ("appeal_sentences", "negation_ends", "sentences", "short")

    def __init__(
        self, sentences: list[int], short: bool, negation_ends: set[int], appeal_sentences: set[int]
    ) -> None:
        self.sentences = sentences
        self.short = short
        self.negation_ends = negation_ends
        self.appeal_sentences = appeal_sentences

    def is_negated(self, first: int) -> bool:
        """A negation ends in the ``NEGATION_WINDOW`` tokens before token ``first`` (same sentence)."""
        sentences, ends = self.sentences, self.negation_ends
        sentence = sentences[first]
        return any(
            end in ends and sentences[end] == sentence
            for end in range(max(0, first - NEGATION_WINDOW), first)
        )


def _compile(name: str, alternatives: tuple[Alternative, ...], cues: CueBook, window: int | None) -> _Rule:
    def requirement(groups: tuple[str, ...]) -> Requirement:
        return tuple((g, g in cues.text_scope, g not in NOT_NEGATABLE) for g in groups)

    return _Rule(
        name,
        tuple(
            (alternative, requirement(alternative[0]), tuple(requirement(r) for r in alternative[1:]))
            for alternative in alternatives
        ),
        window,
    )


def _find(
    requirement: Requirement,
    groups: dict[str, list[TokenRange]],
    ctx: _Text,
    anchor: TokenRange,
    window: int | None,
) -> TokenRange | None:
    sentences = ctx.sentences
    sentence = sentences[anchor[0]]
    negation = bool(ctx.negation_ends)
    for group, scope, negatable in requirement:
        spans = groups.get(group)
        if spans is None:
            continue
        reaches_all = scope and ctx.short
        for span in spans:
            if span == anchor or (
                window is not None and max(0, span[0] - anchor[1], anchor[0] - span[1]) > window
            ):
                continue
            if (reaches_all or sentences[span[0]] == sentence) and not (
                negation and negatable and ctx.is_negated(span[0])
            ):
                return span
    return None


def _match(rule: _Rule, groups: dict[str, list[TokenRange]], ctx: _Text) -> list[TokenRange]:
    evidence: list[TokenRange] = []
    matches = 0
    disjoint = groups.keys().isdisjoint
    window = rule.window
    sentences, appeal = ctx.sentences, ctx.appeal_sentences
    negation = bool(ctx.negation_ends)
    for plain, head, rest in rule.alternatives:
        if any(map(disjoint, plain)):
            continue  # some requirement has no hit at all: skip the anchor search
        for group, _, negatable in head:
            for anchor in groups.get(group, ()):
                if (negation and negatable and ctx.is_negated(anchor[0])) or (
                    appeal and sentences[anchor[0]] in appeal
                ):
                    continue
                found: list[TokenRange] = []
                for requirement in rest:
                    span = _find(requirement, groups, ctx, anchor, window)
                    if span is None:
                        break  # this anchor fails: the other requirements need not be searched
                    found.append(span)
                else:
                    matches += 1
                    evidence.append(anchor)
                    evidence.extend(found)
                    if matches >= MAX_MATCHES_PER_LABEL:
                        return evidence
    return evidence


def merge_ranges(ranges: list[TokenRange]) -> list[TokenRange]:
    """Merge sorted token ranges that overlap or touch."""
    if len(ranges) < 2:
        return ranges
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


class Detector:
    """The cue book compiled for matching: ``Detector(cues).analyse(norm, matcher.collect(norm))``.

    Labels and qualifiers are numbered in cue-book order (labels first); each group knows the
    numbers of the rules anchored on it, so a text only tries the rules whose anchor it hit."""

    def __init__(self, cues: CueBook) -> None:
        self.cues = cues
        rules = [_compile(label, alts, cues, cues.windows.get(label)) for label, alts in cues.labels.items()]
        self.label_count = len(rules)
        rules.extend(_compile(name, alts, cues, None) for name, alts in cues.qualifiers.items())
        self.rules = tuple(rules)
        index: dict[str, set[int]] = defaultdict(set)
        for number, rule in enumerate(self.rules):
            for _, head, _ in rule.alternatives:
                for group, _, _ in head:
                    index[group].add(number)
        self.anchors: dict[str, frozenset[int]] = {
            group: frozenset(numbers) for group, numbers in index.items()
        }
        self.short_text_tokens = cues.short_text_tokens
        self.masks = cues.masks
        self.after_masks = cues.after_masks
        self.after_window = cues.after_window
        #: Per known ``kind``: the extra alternatives of its labels (``cues.yaml`` ``kinds``).
        self.kind_rules: dict[str, tuple[_Rule, ...]] = {
            kind: tuple(_compile(label, alts, cues, cues.windows.get(label)) for label, alts in rules.items())
            for kind, rules in cues.kinds.items()
        }

    def analyse(self, norm: Normalised, collected: Collected, kind: str | None = None) -> LexicalAnalysis:
        """Cue hits → labels; ``kind``: what the caller says the text is (a key of
        ``cues.kinds``; unknown kinds are refused by the screener), adding that kind's rules."""
        groups, entries, numbers, asn = collected
        if NOT_CUE in groups:
            groups = _cancel_inside(groups)
        guesses = _name_guesses(norm, groups)
        if guesses:
            groups = {**groups, "name_guess": guesses}
        anchors = self.anchors
        candidates: set[int] = set()
        for group in groups:
            numbered = anchors.get(group)
            if numbered is not None:
                candidates |= numbered
        labels: dict[str, tuple[float, list[TokenRange]]] = {}
        qualifiers: dict[str, list[TokenRange]] = {}
        appeal_sentences: set[int] = set()
        sentences = norm.sentences
        if "appeal" in groups or "conditional" in groups:
            appeal = {
                sentences[first] for first, _ in groups.get("appeal", []) + groups.get("conditional", [])
            }
            appeal_sentences = appeal - _shielded(groups, sentences)
        own: set[int] = set()
        if SELF_ACTOR in groups:
            own = _own_campaigning(norm, groups) - appeal_sentences
        if OVERSEE in groups:
            own |= _overseeing(norm, groups) - appeal_sentences
        if DEBUNK in groups:
            # a text that calls a claim a hoax or a misuse of a name reports no act of its own
            appeal_sentences = set(sentences)
            own = set()
        kind_rules = self.kind_rules.get(kind, ()) if kind is not None else ()
        if candidates or kind_rules:
            negation = groups.get("negation")
            ctx = _Text(
                sentences,
                len(norm.starts) <= self.short_text_tokens,
                {last for _, last in negation} if negation is not None else set(),
                appeal_sentences | own if own else appeal_sentences,
            )
            # a state facility misused by a candidate or a team is still a misuse
            exempt_ctx = _Text(ctx.sentences, ctx.short, ctx.negation_ends, appeal_sentences) if own else ctx
            rules, label_count = self.rules, self.label_count
            masks, after_masks = self.masks, self.after_masks
            for number in sorted(candidates):
                rule = rules[number]
                mask, after = masks.get(rule.name), after_masks.get(rule.name)
                seen = _masked(groups, mask, sentences) if mask else groups
                if after:
                    seen = _masked_after(seen, after, sentences, self.after_window)
                evidence = _match(rule, seen, exempt_ctx if rule.name in SELF_ACTOR_EXEMPT else ctx)
                if not evidence:
                    continue
                distinct = _word_ranges(norm, sorted(set(evidence)))
                if not distinct:
                    continue
                if number < label_count:
                    confidence = min(0.9, max(0.5, 0.6 + 0.1 * (len(distinct) - 2)))
                    labels[rule.name] = (confidence, merge_ranges(distinct))
                else:
                    qualifiers[rule.name] = merge_ranges(distinct)
            added = False
            for rule in kind_rules:
                if rule.name in labels:
                    continue
                evidence = _match(rule, groups, exempt_ctx if rule.name in SELF_ACTOR_EXEMPT else ctx)
                distinct = _word_ranges(norm, sorted(set(evidence))) if evidence else []
                if distinct:
                    confidence = min(0.9, max(0.5, 0.6 + 0.1 * (len(distinct) - 2)))
                    labels[rule.name] = (confidence, merge_ranges(distinct))
                    added = True
            if added:  # keep the cue-book order of labels
                labels = {rule.name: labels[rule.name] for rule in rules[:label_count] if rule.name in labels}
        return LexicalAnalysis(
            norm, groups, entries, numbers, asn, labels, frozenset(appeal_sentences | own), qualifiers
        )


def _masked(
    groups: dict[str, list[TokenRange]], mask: dict[str, tuple[str, ...]], sentences: list[int]
) -> dict[str, list[TokenRange]]:
    """The hits without those of a masked group in a sentence where a masking group hit
    (``cues.masks`` of one label)."""
    return _without(groups, mask, sentences, 0)


def _masked_after(
    groups: dict[str, list[TokenRange]], mask: dict[str, tuple[str, ...]], sentences: list[int], window: int
) -> dict[str, list[TokenRange]]:
    """The hits without those of a masked group followed within ``window`` tokens (same sentence)
    by a hit of a masking group (``cues.after_masks`` of one label)."""
    return _without(groups, mask, sentences, window)


def _without(
    groups: dict[str, list[TokenRange]], mask: dict[str, tuple[str, ...]], sentences: list[int], window: int
) -> dict[str, list[TokenRange]]:
    """``groups`` (copied on the first change) without the masked groups' hits that a masking
    group's hit covers: anywhere in the same sentence (``window`` 0), or following the hit's last
    token within ``window`` tokens in the same sentence."""
    masked = groups
    for group, masking in mask.items():
        spans = groups.get(group)
        if not spans:
            continue
        firsts = [first for name in masking for first, _ in groups.get(name, ())]
        if not firsts:
            continue
        if window:
            kept = [
                (first, last)
                for first, last in spans
                if not any(last < f <= last + window and sentences[f] == sentences[last] for f in firsts)
            ]
        else:
            where = {sentences[f] for f in firsts}
            kept = [span for span in spans if sentences[span[0]] not in where]
        if len(kept) != len(spans):
            if masked is groups:
                masked = dict(groups)
            masked[group] = kept
    return masked


def _cancel_inside(groups: dict[str, list[TokenRange]]) -> dict[str, list[TokenRange]]:
    """The hits without those strictly inside a ``not_cue`` hit ("jangan" in "jangan lupa"; a cue
    that is the whole ``not_cue`` phrase stays, and the ``not_cue`` hits themselves go)."""
    cancel = groups[NOT_CUE]
    kept: dict[str, list[TokenRange]] = {}
    for group, spans in groups.items():
        if group == NOT_CUE or group == "named":
            continue
        left = [s for s in spans if not any(a <= s[0] and s[1] <= b and s != (a, b) for a, b in cancel)]
        if left:
            kept[group] = left
    if "named" in groups:
        kept["named"] = groups["named"]
    return kept


def _word_ranges(norm: Normalised, ranges: list[TokenRange]) -> list[TokenRange]:
    """Evidence trimmed to words: punctuation-only tokens ("#", "!") at either end of a range
    are cut, ranges of punctuation only are dropped."""
    text, starts = norm.text, norm.starts
    trimmed: list[TokenRange] = []
    for first, last in ranges:
        while first <= last and not _is_word(_token(text, starts, first)):
            first += 1
        while last >= first and not _is_word(_token(text, starts, last)):
            last -= 1
        if first <= last:
            trimmed.append((first, last))
    return trimmed


def _is_word(token: str) -> bool:
    return any(c.isalnum() for c in token)


def _name_guesses(norm: Normalised, groups: dict[str, list[TokenRange]]) -> list[TokenRange]:
    """Capitalised words or acronyms right after a vote/support word (see ``NAME_AFTER``)."""
    found: list[TokenRange] = []
    count = len(norm.starts)
    original, bounds, text, starts = norm.original, norm.bounds, norm.text, norm.starts
    for group in NAME_AFTER:
        for _, last in groups.get(group, ()):
            token = last + 1
            while token < count and _token(text, starts, token) in NAME_SKIP:
                token += 1
            if token >= count or norm.sentences[token] != norm.sentences[last]:
                continue
            word = original[bounds[2 * token] : bounds[2 * token + 1]]
            if _redacted(norm, token):
                if (token, token) not in found:
                    found.append((token, token))
                continue
            if word[:1].isupper() and word[:1].isalpha() and _token(text, starts, token) not in NOT_NAMES:
                span = (token, token)
                if span not in found:
                    found.append(span)
    return found


def _redacted(norm: Normalised, token: int) -> bool:
    """Token ``token`` opens a redacted name: "( ..... )", "[ ... ]", "***", "xxx"."""
    text, starts, count = norm.text, norm.starts, len(norm.starts)
    first = _token(text, starts, token)
    close = REDACTION_OPEN.get(first)
    if close is None:
        # a run of marks alone: at least three characters of them ("***", "xxx", "...")
        end = token
        while end < count and _token(text, starts, end) in REDACTION_MARKS:
            end += 1
        word = norm.original[norm.bounds[2 * token] : norm.bounds[2 * token + 1]].lower()
        return end - token >= 3 or (len(word) >= 3 and word.strip("x") == "")
    end = token + 1
    while end < count and _token(text, starts, end) in REDACTION_MARKS:
        end += 1
    return end > token + 1 and end < count and _token(text, starts, end) == close


def _token(text: str, starts: list[int], token: int) -> str:
    end = starts[token + 1] - 1 if token + 1 < len(starts) else len(text) - 1
    return text[starts[token] : end].strip()


def _own_campaigning(norm: Normalised, groups: dict[str, list[TokenRange]]) -> set[int]:
    """Sentences opening with a ``self_actor`` hit and naming no ASN or official outside it."""
    sentences = norm.sentences
    text, starts = norm.text, norm.starts
    actors = groups[SELF_ACTOR]
    opening: set[int] = set()
    for first, last in actors:
        sentence = sentences[first]
        if _is_patient(norm, groups, (first, last)):
            continue  # "Warga diarahkan memilih ...": done to them, not their own act
        if first == 0 or sentences[first - 1] != sentence:
            opening.add(sentence)  # the sentence starts with the actor
            continue
        # "Seorang caleg", "Salah satu caleg": one or two words before it, the last a determiner
        start_before = first - 1 if first - 1 == 0 or sentences[first - 2] != sentence else first - 2
        at_start = start_before == 0 or sentences[start_before - 1] != sentence
        if (
            first - start_before <= SELF_ACTOR_LEAD
            and at_start
            and _token(text, starts, first - 1) in ACTOR_DETERMINERS
        ):
            opening.add(sentence)
            continue
        # the actor opens the main clause after a leading phrase: "Dalam kampanyenya, calon bupati
        # ...", "Di hadapan pendukungnya, para relawan ..." (officials anywhere still count, below)
        before = first - 1
        while (
            before >= 0
            and first - before <= SELF_ACTOR_LEAD
            and _token(text, starts, before) in ACTOR_DETERMINERS
        ):
            before -= 1
        if before >= 0 and sentences[before] == sentence and _token(text, starts, before) in CLAUSE_OPENERS:
            opening.add(sentence)  # "... membenarkan bahwa caleg itu ...": the clause's own subject
            continue
        if before >= 0 and sentences[before] == sentence and _token(text, starts, before) == ",":
            head = before
            while head > 0 and sentences[head - 1] == sentence:
                head -= 1
            if _token(text, starts, head) in LEADING_PHRASE_WORDS:
                opening.add(sentence)
    if not opening:
        return opening
    # a sentence opening with a pronoun continues the actor of an own-campaigning sentence before it
    for token in range(1, len(sentences)):
        sentence = sentences[token]
        if (
            sentences[token - 1] == sentence - 1
            and sentence - 1 in opening
            and _token(text, starts, token) in ACTOR_PRONOUNS
        ):
            opening.add(sentence)
    return opening - _acting_officials(norm, groups, actors)


def _is_patient(norm: Normalised, groups: dict[str, list[TokenRange]], actor: TokenRange) -> bool:
    """The public (``PUBLIC_ACTORS``) opening the sentence is the subject of a passive act of
    mobilising, giving or deciding within ``PASSIVE_WINDOW`` tokens ("Warga diarahkan ...",
    "Masyarakat penerima PKH diancam ...", "Masyarakat di Desa X diberi amplop"): someone acted on
    them, unless that someone is named right after the verb and is a campaign side ("diajak tim
    sukses", "diberi kaos oleh relawan"). Campaign sides acted on ("Relawan dikerahkan ...") are
    acted on by their own side and stay their own act."""
    sentences, text, starts = norm.sentences, norm.text, norm.starts
    first_actor, last = actor
    if _token(text, starts, first_actor) not in PUBLIC_ACTORS:
        return False
    agents = {a for a, _ in groups.get(SELF_ACTOR, ())}
    for group in PASSIVE_GROUPS:
        for first, end in groups.get(group, ()):
            verb = _token(text, starts, first)
            if not (
                last < first <= last + PASSIVE_WINDOW
                and sentences[first] == sentences[last]
                and verb.startswith("di")
                and len(verb) > 4
            ):
                continue
            after = end + 1
            if after < len(starts) and _token(text, starts, after) == "oleh":
                after += 1
            return after not in agents
    return False


def _acting_officials(
    norm: Normalised, groups: dict[str, list[TokenRange]], actors: list[TokenRange]
) -> set[int]:
    """Sentences naming an ASN or official who may act in them: not a word inside an actor's
    phrase ("bupati" in "calon bupati"), not "saya"/"kami", not a former official or a side
    supported (``NOT_ACTOR_AFTER``), not the office a side is supported for (``OFFICE_SOUGHT_AFTER``),
    and not a word inside one of those ("sekolah" in "pensiunan kepala sekolah")."""
    sentences = norm.sentences
    text, starts = norm.text, norm.starts
    hits = groups.get("asn", []) + groups.get("official", [])
    shields = list(actors)
    for first, last in hits:
        if first == 0 or sentences[first - 1] != sentences[first]:
            continue
        before = _token(text, starts, first - 1)
        if before in NOT_ACTOR_AFTER or (
            before in OFFICE_SOUGHT_AFTER
            and any(
                sentences[a] == sentences[first] and b < first - 1
                for group in SUPPORT_GROUPS
                for a, b in groups.get(group, ())
            )
        ):
            shields.append((first, last))
    return {
        sentences[first]
        for first, last in hits
        if _token(text, starts, first) not in NOT_OFFICIAL_ACTORS
        and not any(a <= first and last <= b for a, b in shields)
    }


def _overseeing(norm: Normalised, groups: dict[str, list[TokenRange]]) -> set[int]:
    """Sentences that supervise or secure an event ("Bawaslu hadir mengawasi kampanye ...") or
    where a crowd of supporters attends ("dihadiri ribuan pendukung"), and name no ASN or official
    (other than inside a candidate's title): the overseers' or the crowd's own act."""
    sentences = norm.sentences
    found = {sentences[first] for first, _ in groups[OVERSEE]}
    # "bupati" in "calon bupati" names a candidate, not an official
    return found - _acting_officials(norm, groups, groups.get(SELF_ACTOR, []))


def _shielded(groups: dict[str, list[TokenRange]], sentences: list[int]) -> set[int]:
    """Sentences that report an act or name a candidate, so are no appeal: a ``conditional``
    ("apabila", "bagi ASN yang") turns a report word back into a statement of the rules
    ("ASN yang kedapatan memasang spanduk ... diberi sanksi")."""
    named = {sentences[first] for first, _ in groups.get("named", []) + groups.get("name_guess", [])}
    report = {sentences[first] for first, _ in groups.get("report", [])}
    conditional = {sentences[first] for first, _ in groups.get("conditional", [])}
    return named | (report - conditional)


def analyse(
    norm: Normalised, hits: list[Hit], cues: CueBook, anchors: dict[str, frozenset[str]] | None = None
) -> LexicalAnalysis:
    """The analysis of one text from its hits (``anchors`` is accepted for compatibility; the
    screener keeps a compiled ``Detector`` instead)."""
    return Detector(cues).analyse(norm, collect_hits(hits))
