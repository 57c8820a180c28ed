"""Pure guidance logic: phases from the catalogue dates, what changes at a milestone, quiz draws
and suppression, the vulnerability formula with weights from data."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from netralitas.errors import ValidationError
from netralitas.outreach.briefs import compose_brief, suppress
from netralitas.outreach.phases import change_at_next, phase_on, phases_of, rules_on
from netralitas.outreach.quiz import UnitScore, draw, mark, question_bank
from netralitas.outreach.records import RegionInputs
from netralitas.outreach.vulnerability import index_of, load_weights, map_values, vulnerability
from netralitas.rules.catalogue import default_catalogue

CAT = default_catalogue()
PILKADA = CAT.elections["pilkada-2024"]


def test_phases_cover_the_window_without_gaps() -> None:
    spans = phases_of(PILKADA)
    assert spans[0].start_on == PILKADA.window_start_on and spans[-1].end_on == PILKADA.window_end_on
    for before, after in pairwise(spans):
        assert after.start_on == before.end_on + timedelta(days=1)
    assert phase_on(PILKADA, PILKADA.vote_on).id == "pemungutan_suara"  # type: ignore[union-attr]
    assert phase_on(PILKADA, date(2024, 11, 25)).id == "masa_tenang"  # type: ignore[union-attr]


def test_candidate_determination_swaps_the_bakal_calon_rules_for_the_calon_rules() -> None:
    day = PILKADA.candidate_determination_on - timedelta(days=1)
    change = change_at_next(CAT, PILKADA, day)
    assert change is not None and change.next.id == "penetapan_calon"
    ending = {v.conditions.candidate_stage for v in change.ending}
    starting = {v.conditions.candidate_stage for v in change.starting}
    assert ending == {"bakal_calon"} and starting == {"calon"}
    pemilu = CAT.elections["pemilu-2024"]
    in_campaign = rules_on(CAT, pemilu, pemilu.campaign_start_on)
    campaign_only = [v.id for v in in_campaign if v.conditions.period == "campaign"]
    before = rules_on(CAT, pemilu, pemilu.campaign_start_on - timedelta(days=1))
    assert campaign_only and not [v for v in before if v.id in campaign_only]


def test_quiz_draw_is_stable_balanced_and_explained() -> None:
    bank = question_bank(CAT, date(2024, 10, 1))
    first, again = draw(bank, "c:m"), draw(bank, "c:m")
    assert first == again and len(first) == 6
    assert sum(q.allowed for q in first) == 3
    marked = mark(first, {q.id: "boleh" if q.allowed else "tidak" for q in first})
    assert all(m.correct for m in marked)
    assert all("(" in m.question.explanation for m in marked)  # each with its citation
    assert not mark(first, {})[0].correct  # unanswered is not correct


def test_small_groups_are_suppressed() -> None:
    assert UnitScore("U1", 4, 20, 24).share is None and UnitScore("U1", 5, 20, 30).share == pytest.approx(
        2 / 3
    )
    assert [suppress(n) for n in (0, 1, 4, 5)] == ["0", "<5", "<5", "5"]
    brief = compose_brief(CAT, PILKADA, "34.04", date(2024, 9, 20), {"received": 3, "examination": 7})
    assert brief.figures == {"baru": "<5", "diproses": "7", "selesai": "0"}
    assert "- Laporan baru (belum diverifikasi): <5" in brief.text


def test_vulnerability_formula_uses_the_weights_in_data() -> None:
    w = load_weights()
    assert sum(w.weights.values()) == pytest.approx(1)
    calm = RegionInputs("34.04", 10_000, 0, 0, 100, 100, 100, 100, False)
    hot = RegionInputs("34.02", 10_000, 40, 10, 100, 0, 0, 0, True)
    assert index_of(calm, w).value == 0.0 and index_of(hot, w).value == 100.0
    half = RegionInputs("34.01", 10_000, 10, 0, 100, 100, 100, 100, False)  # 10 per 10k = half the cap
    assert index_of(half, w).value == pytest.approx(100 * w.weights["reports"] * 0.5)
    assert map_values(vulnerability({"34.04": calm, "34.02": hot}, w)) == {"34.02": 100.0, "34.04": 0.0}


def test_weights_that_do_not_add_up_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "w.yaml"
    weights = "{reports: 1, violations: 1, unacknowledged: 0, unpledged: 0, incumbent: 0}"
    bad.write_text(
        f"version: 1\nwindow_days: 30\nweights: {weights}\ncaps: {{reports: 1, violations: 1}}\n"
        "review_status: x\n"
    )
    with pytest.raises(ValidationError):
        load_weights(bad)
