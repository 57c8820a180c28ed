"""Top-answer accuracy of "Bolehkah?" on a set of real-style ASN questions (question_set.yaml).

The answer comes from the rule engine on the facts read from the question. A question counts as right
when both the verdict and the main rule match the expectation. The figure is printed; the assertion is
a floor actually reached, so a regression fails.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from netralitas.guidance import Guide, load_topics
from netralitas.rules.catalogue import default_catalogue

QUESTIONS = Path(__file__).parent / "question_set.yaml"
ON = date(2025, 6, 1)
FLOOR = 0.97  # reached: 171/173 (98.8%) on 2026-12-03


def _load() -> list[dict[str, object]]:
    items = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    assert isinstance(items, list)
    return items


def test_question_set_is_large_and_well_formed() -> None:
    items = _load()
    assert len(items) >= 150
    assert len({str(i["q"]).lower() for i in items}) == len(items), "duplicate questions"
    catalogue = default_catalogue()
    known = set(catalogue.violations) | {a.id for a in catalogue.allowed_conduct}
    for item in items:
        assert set(item) == {"q", "verdict", "top"}, item
        assert item["verdict"] in {"allowed", "not_allowed", "depends"}, item
        assert isinstance(item["top"], list) and set(item["top"]) <= known, item


def test_top_answer_accuracy(capsys: pytest.CaptureFixture[str]) -> None:
    guide = Guide(load_topics(), default_catalogue(), ON)
    items = _load()
    misses = []
    for item in items:
        advice = guide.advise(str(item["q"]))
        verdict = advice.verdict.value if advice is not None else None
        top = advice.top_id if advice is not None else None
        wanted = list(item["top"])  # type: ignore[call-overload]
        if verdict != item["verdict"] or (top not in wanted if wanted else top is not None):
            misses.append(f"{item['q']!r}: expected {item['verdict']}/{wanted}, got {verdict}/{top}")
    accuracy = 1 - len(misses) / len(items)
    with capsys.disabled():
        print(
            f"\nBolehkah? question set: {len(items) - len(misses)}/{len(items)} "
            f"top answers right ({accuracy:.1%})"
        )
        for miss in misses:
            print("  miss:", miss)
    assert accuracy >= FLOOR
