"""Answers to "Bolehkah?" questions, built from topics and the catalogue's own examples."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from netralitas.guidance.advice import Advice, advise
from netralitas.guidance.lexicon import load_lexicon
from netralitas.guidance.matching import normalise, score
from netralitas.guidance.topics import Topic, Verdict
from netralitas.rules.catalogue import Catalogue
from netralitas.rules.model import AllowedConduct, ReviewStatus, Violation

_EXAMPLE_SUMMARIES = {
    Verdict.ALLOWED: ("Contoh ini disebut dibolehkan oleh katalog.", "The catalogue lists this as allowed."),
    Verdict.NOT_ALLOWED: (
        "Contoh ini disebut pelanggaran oleh katalog.",
        "The catalogue lists this as a violation.",
    ),
    Verdict.DEPENDS: ("Contoh ini bergantung pada keadaannya.", "This example depends on the circumstances."),
}

#: Below this score a question gets no answer rather than a wrong one.
MIN_SCORE = 62.0
#: A bare catalogue example (no topic written for people) must match more closely.
MIN_EXAMPLE_SCORE = 75.0


@dataclass(frozen=True)
class RuleCitation:
    """One catalogue rule as shown to the public, with its review status."""

    rule_id: str
    title_id: str
    title_en: str
    level: str | None
    track: str
    legal_basis: tuple[str, ...]
    review_status: ReviewStatus
    examples_allowed: tuple[str, ...]
    examples_not_allowed: tuple[str, ...]
    is_allowed_conduct: bool = False


@dataclass(frozen=True)
class Answer:
    verdict: Verdict
    summary_id: str
    summary_en: str
    score: float
    matched: str
    rules: tuple[RuleCitation, ...]
    topic_id: str | None = None

    @property
    def review_status(self) -> ReviewStatus:
        """``needs_review`` as soon as one cited rule is not confirmed."""
        statuses = {rule.review_status for rule in self.rules}
        if not self.rules or ReviewStatus.NEEDS_REVIEW in statuses:
            return ReviewStatus.NEEDS_REVIEW
        return ReviewStatus.CONFIRMED

    @property
    def is_settled(self) -> bool:
        return self.review_status == ReviewStatus.CONFIRMED


def cite_violation(violation: Violation, on: date) -> RuleCitation:
    version = violation.version_on(on) or violation.current
    return RuleCitation(
        rule_id=violation.id,
        title_id=violation.title_id,
        title_en=violation.title_en,
        level=version.level.value if version.level else None,
        track=violation.track.value,
        legal_basis=tuple(basis.cite() for basis in version.legal_basis),
        review_status=version.review_status,
        examples_allowed=violation.examples.allowed,
        examples_not_allowed=violation.examples.not_allowed,
    )


def cite_allowed(conduct: AllowedConduct) -> RuleCitation:
    return RuleCitation(
        rule_id=conduct.id,
        title_id=conduct.title_id,
        title_en=conduct.title_en,
        level=None,
        track="allowed",
        legal_basis=tuple(basis.cite() for basis in conduct.legal_basis),
        review_status=conduct.review_status,
        examples_allowed=conduct.examples,
        examples_not_allowed=conduct.limits,
        is_allowed_conduct=True,
    )


@dataclass(frozen=True)
class _Pattern:
    normalised: str
    text: str
    keywords: tuple[str, ...]
    topic: Topic | None
    citation: RuleCitation | None
    verdict: Verdict


def _admits(pattern: _Pattern, words: set[str]) -> bool:
    topic = pattern.topic
    return topic is None or not topic.requires or any(normalise(w) in words for w in topic.requires)


class Guide:
    """Answers questions against ``topics`` and the catalogue as it stands on ``on``."""

    def __init__(self, topics: Iterable[Topic], catalogue: Catalogue, on: date) -> None:
        self.catalogue = catalogue
        self.on = on
        self.topics = tuple(topics)
        self._allowed = {conduct.id: conduct for conduct in catalogue.allowed_conduct}
        self._patterns = self._topic_patterns() + self._example_patterns()

    def citations(self, topic: Topic) -> tuple[RuleCitation, ...]:
        """The rules a topic points at (raises NotFoundError for an id the catalogue lacks)."""
        rules = [cite_violation(self.catalogue.violation(rule_id), self.on) for rule_id in topic.rule_ids]
        allowed = [cite_allowed(self._allowed_conduct(conduct_id)) for conduct_id in topic.allowed_ids]
        return (*allowed, *rules)

    def advise(self, question: str, on: date | None = None) -> Advice | None:
        """The rule engine's single verdict on the question's facts (None: nothing recognised)."""
        return advise(question, load_lexicon(), self.catalogue, on or self.on)

    def related(self, question: str, limit: int = 4) -> tuple[Topic, ...]:
        """Topics close to the question, for "Pertanyaan terkait"."""
        asked = normalise(question)
        found = [a.topic_id for a in self.ask(question, limit=limit + 2) if a.topic_id]
        by_id = {t.id: t for t in self.topics}
        same = {t.id for t in self.topics if any(normalise(q) == asked for q in t.questions)}
        return tuple(by_id[t] for t in dict.fromkeys(found) if t not in same)[:limit]

    def answer_topic(self, topic: Topic) -> Answer:
        """The answer of one topic, as if its first question had been asked."""
        return Answer(
            topic.verdict, topic.summary_id, topic.summary_en, 100.0, topic.questions[0],
            self.citations(topic), topic.id,
        )  # fmt: skip

    def ask(self, question: str, limit: int = 3) -> tuple[Answer, ...]:
        """The best answers, strongest first, at most one per topic or rule; empty if none fits."""
        wanted = normalise(question)
        words = set(wanted.split())
        ranked = sorted(
            ((score(wanted, p.normalised, p.keywords), p) for p in self._patterns if _admits(p, words)),
            key=lambda pair: pair[0],
            reverse=True,
        )
        answers: list[Answer] = []
        seen: set[str] = set()
        for value, pattern in ranked:
            if value < MIN_SCORE or len(answers) >= limit:
                break
            if pattern.topic is None and value < MIN_EXAMPLE_SCORE:
                continue
            answer = self._answer(pattern, value)
            key = answer.topic_id or answer.rules[0].rule_id
            if key not in seen:
                seen.add(key)
                answers.append(answer)
        return tuple(answers)

    def _answer(self, pattern: _Pattern, value: float) -> Answer:
        if pattern.topic is not None:
            topic = pattern.topic
            return Answer(
                topic.verdict, topic.summary_id, topic.summary_en, value, pattern.text,
                self.citations(topic), topic.id,
            )  # fmt: skip
        assert pattern.citation is not None
        citation = pattern.citation
        summary = _EXAMPLE_SUMMARIES[pattern.verdict]
        return Answer(pattern.verdict, summary[0], summary[1], value, pattern.text, (citation,))

    def _allowed_conduct(self, conduct_id: str) -> AllowedConduct:
        from netralitas.errors import NotFoundError

        if conduct_id not in self._allowed:
            raise NotFoundError(
                f"Perilaku yang dibolehkan {conduct_id!r} tidak ada di katalog.",
                message_en=f"Unknown allowed conduct {conduct_id!r}.",
                details={"valid": sorted(self._allowed)},
            )
        return self._allowed[conduct_id]

    def _topic_patterns(self) -> list[_Pattern]:
        return [
            _Pattern(normalise(q), q, topic.keywords, topic, None, topic.verdict)
            for topic in self.topics
            for q in topic.questions
        ]

    def _example_patterns(self) -> list[_Pattern]:
        patterns: list[_Pattern] = []
        for violation in self.catalogue.violations_on(self.on):
            citation = cite_violation(violation, self.on)
            for text in violation.examples.not_allowed:
                patterns.append(_Pattern(normalise(text), text, (), None, citation, Verdict.NOT_ALLOWED))
            for text in violation.examples.allowed:
                patterns.append(_Pattern(normalise(text), text, (), None, citation, Verdict.ALLOWED))
        for conduct in self.catalogue.allowed_conduct:
            citation = cite_allowed(conduct)
            for text in conduct.examples:
                patterns.append(_Pattern(normalise(text), text, (), None, citation, Verdict.ALLOWED))
        return patterns
