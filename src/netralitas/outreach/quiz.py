"""Self-check quiz ("Bolehkah?"): statements drawn from the catalogue's allowed and not-allowed
examples, each answer explained with its rule and citation. Results are kept per unit only
(never per person) and shown only for groups of at least 5."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from netralitas.outreach.drafting import cite
from netralitas.rules.catalogue import Catalogue
from netralitas.rules.model import ReviewStatus

QUESTIONS = 6
MIN_GROUP = 5


@dataclass(frozen=True)
class Question:
    id: str
    statement: str
    allowed: bool
    rule_title: str
    citation: str
    review_status: ReviewStatus

    @property
    def explanation(self) -> str:
        verdict = "Boleh" if self.allowed else "Tidak boleh"
        caveat = "" if self.review_status == ReviewStatus.CONFIRMED else " (aturan ini masih perlu ditinjau)"
        return f"{verdict}: {self.rule_title} ({self.citation}){caveat}."


def question_bank(catalogue: Catalogue, day: date) -> tuple[Question, ...]:
    """Every example of the rules in force on ``day`` and of the allowed conduct, as a statement."""
    bank: list[Question] = []
    for rule in sorted(catalogue.violations_on(day), key=lambda v: v.id):
        for i, text in enumerate(rule.examples.not_allowed):
            bank.append(
                Question(f"{rule.id}.n{i}", text, False, rule.title_id, cite(rule), rule.review_status)
            )
        for i, text in enumerate(rule.examples.allowed):
            bank.append(
                Question(f"{rule.id}.a{i}", text, True, rule.title_id, cite(rule), rule.review_status)
            )
    for item in catalogue.allowed_conduct:
        basis = "; ".join(b.cite() for b in item.legal_basis)
        for i, text in enumerate(item.examples):
            bank.append(Question(f"ok-{item.id}.{i}", text, True, item.title_id, basis, item.review_status))
    return tuple(bank)


def draw(bank: Sequence[Question], seed: str, n: int = QUESTIONS) -> tuple[Question, ...]:
    """``n`` questions, half allowed and half not, the same for the same seed (a link's holder
    sees the same quiz when they reload it)."""
    rng = random.Random(hashlib.sha256(seed.encode()).digest())
    allowed = [q for q in bank if q.allowed]
    banned = [q for q in bank if not q.allowed]
    picked = rng.sample(allowed, min(n // 2, len(allowed))) + rng.sample(banned, min(n - n // 2, len(banned)))
    rng.shuffle(picked)
    return tuple(picked)


@dataclass(frozen=True)
class Marked:
    question: Question
    given: bool | None

    @property
    def correct(self) -> bool:
        return self.given is self.question.allowed


def mark(questions: Sequence[Question], answers: Mapping[str, str]) -> tuple[Marked, ...]:
    """Answers are 'boleh' / 'tidak' per question id; anything else counts as unanswered."""
    values = {"boleh": True, "tidak": False}
    return tuple(Marked(q, values.get(answers.get(q.id, ""))) for q in questions)


@dataclass(frozen=True)
class UnitScore:
    unit_code: str
    attempts: int
    correct: int
    total: int

    @property
    def suppressed(self) -> bool:
        return self.attempts < MIN_GROUP

    @property
    def share(self) -> float | None:
        return None if self.suppressed or not self.total else self.correct / self.total


def unit_scores(rows: Sequence[tuple[str, int, int, int]]) -> tuple[UnitScore, ...]:
    return tuple(UnitScore(*row) for row in rows)
