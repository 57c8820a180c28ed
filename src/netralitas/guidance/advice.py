"""Answering "Bolehkah?" with the rule engine: the question read into facts, one verdict, its status.

The words of the question become behaviours, the person (PNS/CPNS/PPPK/non-ASN, or someone else such
as "istri ASN"), the position, the candidate stage and the election (:mod:`.lexicon`). The engine
judges those facts on the date of the question; the verdict, the main rule and the review status are
the engine's, in the engine's words. Generally allowed conduct (voting, a general call to vote) is
answered from the catalogue's allowed list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from netralitas.guidance.lexicon import Cues, Lexicon, date_in, find_acts, first_of, fold, year_in
from netralitas.guidance.topics import Verdict
from netralitas.rules.catalogue import Catalogue
from netralitas.rules.engine import assess
from netralitas.rules.facts import Facts
from netralitas.rules.findings import Assessment, Finding
from netralitas.rules.model import (
    EMPLOYEE_TYPE_LABELS,
    LEVEL_LABELS,
    LEVEL_ORDER,
    STAGE_LABELS,
    TRACK_LABELS,
    AllowedConduct,
    EmployeeType,
    Level,
    ReviewStatus,
    Track,
)
from netralitas.rules.positions import find_position

NEEDS = ReviewStatus.NEEDS_REVIEW
OK = ReviewStatus.CONFIRMED
ASN_TRACKS = (Track.ETHICS, Track.DISCIPLINE, Track.DISMISSAL)
_TRACK_RANK = {Track.DISMISSAL: 3, Track.DISCIPLINE: 2, Track.ETHICS: 1}


@dataclass(frozen=True)
class Reading:
    """What the question was read as: the facts handed to the engine, and who acts."""

    behaviours: tuple[str, ...]  # the main act first
    allowed: tuple[str, ...]
    employee_type: EmployeeType
    subject_other: str | None  # "istri" in "istri ASN": the person acting is not the ASN
    position: str | None
    qualifiers: frozenset[str]
    stage: str | None
    election_id: str | None
    act_on: date
    matched: tuple[str, ...]

    def describe(self) -> str:
        """'perilaku like_comment_share; pelaku PNS; tahap calon; ...' in Indonesian."""
        who = (
            f"{self.subject_other} (bukan ASN)"
            if self.subject_other
            else EMPLOYEE_TYPE_LABELS[self.employee_type].split(" (")[0]
        )
        parts = [f"perbuatan: {', '.join(self.behaviours) or 'tidak ada yang terlarang'}", f"pelaku: {who}"]
        if self.position:
            parts.append(f"jabatan: {self.position}")
        if self.qualifiers:
            parts.append(f"keadaan: {', '.join(sorted(self.qualifiers))}")
        parts.append(f"tahap: {STAGE_LABELS[self.stage] if self.stage else 'dari tanggal'}")
        parts.append(f"pemilihan: {self.election_id or 'dari tanggal'}; tanggal {self.act_on.isoformat()}")
        return "; ".join(parts)


@dataclass(frozen=True)
class Advice:
    """One verdict for a question, with the main rule and the other findings behind it."""

    question: str
    verdict: Verdict
    summary_id: str
    reading: Reading
    review_status: ReviewStatus
    top: Finding | None = None
    others: tuple[Finding, ...] = ()
    conditional: tuple[Finding, ...] = ()
    allowed: tuple[AllowedConduct, ...] = ()
    assessment: Assessment | None = None

    @property
    def is_settled(self) -> bool:
        return self.review_status is OK

    @property
    def summary_en(self) -> str:
        """A short English line (the Indonesian summary is the full answer)."""
        if self.top is not None:
            return f"Not allowed: {self.top.title_en} ({self.top.rule_id})."
        if self.verdict is Verdict.ALLOWED and self.allowed:
            return f"Allowed: {self.allowed[0].title_en.lower()}."
        if self.verdict is Verdict.ALLOWED:
            return "Allowed for a person who is not a civil servant; the ASN rules do not bind them."
        if self.conditional:
            return f"It depends: {self.conditional[0].title_en} applies only {self.conditional[0].condition}."
        return "It depends on the circumstances; no catalogue rule is met by the facts named."

    @property
    def top_id(self) -> str | None:
        """The rule (or allowed conduct) the verdict rests on."""
        if self.top is not None:
            return self.top.rule_id
        if self.conditional:
            return self.conditional[0].rule_id
        return self.allowed[0].id if self.allowed else None


def read_question(question: str, lex: Lexicon, cat: Catalogue, on: date) -> Reading:
    words = fold(question)
    cues = find_acts(lex, words)
    other = _subject_other(lex, words)
    qualifiers = {q for q, phrases in lex.qualifiers.items() if first_of(phrases, words) is not None}
    if other is None and first_of(lex.spouse_words, words) is not None:
        qualifiers.add("spouse_is_candidate")
    acts = _acts(cues, lex, words)
    if "candidacy_without_resign" in acts:
        qualifiers.add("registered_as_candidate")
    found = find_position(" ".join(words), cat.positions)
    stage = _stage(lex, words)
    written = date_in(question)
    election = None if written is not None else _election(lex, words, question, cat)
    return Reading(
        tuple(acts),
        tuple(cues.allowed),
        EmployeeType.NON_ASN if other else _employee_type(lex, words),
        other,
        None if other or found is None else found[1],
        frozenset(qualifiers),
        stage,
        election,
        written or _act_on(cat, election, stage, on),
        tuple(cues.matched),
    )


def _acts(cues: Cues, lex: Lexicon, words: tuple[str, ...]) -> list[str]:
    """Behaviours; none when an allowed act (voting, a general call, a neutral pose) names no side."""
    rest = tuple(w for i, w in enumerate(words) if i not in cues.allowed_positions)
    side = any(first_of(p, rest) is not None for p in (*lex.stages.values(), *lex.elections.values()))
    side = side or first_of(lex.side_words, rest) is not None
    if cues.allowed and not side:
        return []
    acts = cues.main_first()
    spouse = first_of(lex.spouse_words, words) is not None and _subject_other(lex, words) is None
    if spouse and "candidacy_without_resign" in acts:
        acts.remove("candidacy_without_resign")  # "suami saya nyalon": the spouse runs, not the ASN
    return acts


def _subject_other(lex: Lexicon, words: tuple[str, ...]) -> str | None:
    """'istri ASN', 'suami pns', 'istri saya pns': the person acting is that relative, not the ASN."""
    other = first_of(lex.others, words)
    if other is None:
        return None
    asn_phrases = (*lex.asn_words, *(p for ps in lex.employee_types.values() for p in ps))
    near = words[other + 1 : other + 3]
    if any(first_of((p,), near) is not None for p in asn_phrases if p != ("saya",)):
        return words[other]
    return None


def _employee_type(lex: Lexicon, words: tuple[str, ...]) -> EmployeeType:
    best: tuple[int, EmployeeType] | None = None
    for etype, phrases in lex.employee_types.items():
        for phrase in phrases:
            if first_of((phrase,), words) is not None and (best is None or len(phrase) > best[0]):
                best = (len(phrase), etype)
    if best is not None and best[1] is EmployeeType.PNS and first_of((("cpns",),), words) is not None:
        return EmployeeType.CPNS
    return best[1] if best is not None else EmployeeType.UNKNOWN


def _stage(lex: Lexicon, words: tuple[str, ...]) -> str | None:
    early = first_of(lex.stages.get("bakal_calon", ()), words)
    late = first_of(lex.stages.get("calon", ()), words)
    if early is not None:
        return "bakal_calon"
    return "calon" if late is not None else None


def _election(lex: Lexicon, words: tuple[str, ...], question: str, cat: Catalogue) -> str | None:
    """An election is used only when the question names its year ("pilkada 2024"); a written date
    ("1 Oktober 2024") is used as the date of the act instead, and the engine finds the election."""
    year = year_in(question)
    if year is None:
        return None
    kinds = [k for k, phrases in lex.elections.items() if first_of(phrases, words) is not None]
    for e in sorted(cat.elections.values(), key=lambda e: e.vote_on):
        if e.vote_on.year == year and (not kinds or e.kind in kinds):
            return e.id
    return None


def _act_on(cat: Catalogue, election_id: str | None, stage: str | None, on: date) -> date:
    if election_id is None:
        return on
    e = cat.election(election_id)
    if stage == "bakal_calon":
        return e.candidate_determination_on - timedelta(days=14)
    return e.campaign_start_on


def facts_of(reading: Reading) -> Facts:
    acts = reading.behaviours or ("none",)
    reason = "dibaca dari kata-kata pertanyaan" if reading.stage else None
    return Facts(
        frozenset(acts),
        reading.act_on,
        reading.election_id,
        reading.employee_type,
        reading.position,
        reading.qualifiers,
        reading.stage,
        reason,
    )


def _rank(f: Finding, reading: Reading, a: Assessment, cat: Catalogue) -> tuple[float | str, ...]:
    """Main act first; then the actor's own track (ASN, then crimes of the actor, then the candidate's);
    the more specific rule; a rule whose stage is certain; dismissal > discipline > ethics; heavier."""
    v = cat.violation(f.rule_id)
    main = 0 if reading.behaviours and reading.behaviours[0] in v.conditions.behaviours_any else 1
    for_candidate = f.track is Track.CANDIDATE_CONSEQUENCE or (
        f.criminal_range is not None and f.criminal_range.subject.lower().startswith("calon")
    )
    actor = 0 if f.track in ASN_TRACKS else 2 if for_candidate else 1
    specific = len(v.conditions.qualifiers_all & reading.qualifiers)
    unsure = 1 if a.stage.value in v.conditions.unsure_stages else 0
    level = (
        LEVEL_ORDER.index(f.level) if f.level in LEVEL_ORDER else 2.5 if f.level is Level.CASE_BY_CASE else 0
    )
    return (main, actor, -specific, unsure, -_TRACK_RANK.get(f.track, 0), -level, f.rule_id)


def advise(question: str, lex: Lexicon, cat: Catalogue, on: date) -> Advice | None:
    """The engine's answer to ``question`` on ``on``; None when no act or allowed conduct is recognised."""
    reading = read_question(question, lex, cat, on)
    by_id = {a.id: a for a in cat.allowed_conduct}
    allowed = tuple(by_id[x] for x in reading.allowed if x in by_id)
    if not reading.behaviours:
        if not allowed:
            return None
        return _allowed_advice(question, reading, allowed)
    a = assess(facts_of(reading), cat)
    ranked = sorted(a.findings, key=lambda f: _rank(f, reading, a, cat))
    if reading.subject_other:
        return _other_person(question, reading, a, cat)
    if ranked:
        top, rest = ranked[0], tuple(ranked[1:])
        status = NEEDS if NEEDS in {f.review_status for f in ranked} or a.conditional_findings else OK
        return Advice(
            question, Verdict.NOT_ALLOWED, _not_allowed_text(top), reading, status, top, rest,
            a.conditional_findings, (), a,
        )  # fmt: skip
    return _no_finding(question, reading, a, allowed)


def _not_allowed_text(top: Finding) -> str:
    basis = "; ".join(b.cite() for b in top.legal_basis)
    return f"Tidak boleh. {top.title}: {LEVEL_LABELS[top.level]} (jalur {TRACK_LABELS[top.track]}; {basis})."


def _allowed_advice(question: str, reading: Reading, allowed: tuple[AllowedConduct, ...]) -> Advice:
    first = allowed[0]
    text = f"Boleh. {first.title_id}: {first.description}"
    status = NEEDS if any(x.review_status is NEEDS for x in allowed) else OK
    return Advice(question, Verdict.ALLOWED, text, reading, status, allowed=allowed)


def _other_person(question: str, reading: Reading, a: Assessment, cat: Catalogue) -> Advice:
    who = reading.subject_other
    text = (
        f"Boleh bagi {who} yang bukan ASN: aturan netralitas ASN tidak mengikatnya. "
        "Tetapi ASN yang menjadi pasangannya tidak boleh ikut deklarasi atau kampanyenya tanpa CLTN "
        "(skb-a7), "
        "dan tidak boleh memakai jabatan atau fasilitas negara untuk membantunya."
    )
    crimes = tuple(f for f in a.findings if f.track not in ASN_TRACKS)
    status = NEEDS if crimes else OK
    return Advice(
        question, Verdict.ALLOWED, text, reading, status, None, crimes, a.conditional_findings, (), a
    )


def _no_finding(
    question: str, reading: Reading, a: Assessment, allowed: tuple[AllowedConduct, ...]
) -> Advice:
    if a.conditional_findings:
        first = a.conditional_findings[0]
        text = f"Tergantung: {first.title} berlaku {first.condition}."
        return Advice(
            question, Verdict.DEPENDS, text, reading, NEEDS, None, (), a.conditional_findings, (), a
        )
    if reading.employee_type is EmployeeType.NON_ASN:
        label = EMPLOYEE_TYPE_LABELS[EmployeeType.NON_ASN]
        text = (
            f"Tergantung. {label}: tidak dikenai sanksi ASN; larangan lain (UU Pemilu/Pilkada, UU Desa, "
            "aturan instansi) dapat berlaku dan belum ada di katalog."
        )
        return Advice(question, Verdict.DEPENDS, text, reading, NEEDS, assessment=a, allowed=allowed)
    if allowed:
        return _allowed_advice(question, reading, allowed)
    reasons = " ".join(n.reason for n in a.non_findings[:2])
    text = (
        f"Tergantung keadaannya: tidak ada aturan katalog yang terpenuhi oleh fakta yang disebut. {reasons}"
    )
    return Advice(question, Verdict.DEPENDS, text.strip(), reading, NEEDS, assessment=a)
