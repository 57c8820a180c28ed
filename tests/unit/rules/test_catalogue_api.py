"""The catalogue API other areas code against (docs/dev/contracts.md, "rules -> everyone")."""

from __future__ import annotations

import re
from datetime import date

import pytest

from netralitas.errors import NotFoundError, ValidationError
from netralitas.rules.catalogue import default_catalogue

CAT = default_catalogue()


def test_version_shape_and_cache() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+\+[0-9a-f]{12}", CAT.version)
    assert default_catalogue() is CAT


def test_elections_listed_in_contract() -> None:
    assert {"pilkada-2018", "pemilu-2019", "pilkada-2020", "pemilu-2024", "pilkada-2024"} <= set(
        CAT.elections
    )
    e = CAT.election("pilkada-2024")
    assert (e.kind, e.vote_on, e.candidate_determination_on) == (
        "pilkada",
        date(2024, 11, 27),
        date(2024, 9, 22),
    )


def test_unknown_election_lists_valid_ids() -> None:
    with pytest.raises(ValidationError) as info:
        CAT.election("pilkada-2099")
    assert "pilkada-2024" in info.value.details["valid"]


def test_authority_switch_kasn_to_bkn() -> None:
    assert CAT.authority_on("neutrality_supervision", date(2024, 9, 3)).id == "kasn"
    assert CAT.authority_on("neutrality_supervision", date(2024, 9, 4)).id == "bkn"
    assert CAT.authority_on("neutrality_policy", date(2024, 9, 4)).id == "kemenpanrb"


def test_authority_before_any_version_is_not_found() -> None:
    with pytest.raises(NotFoundError):
        CAT.authority_on("personnel_blocking", date(2022, 1, 1))


@pytest.mark.parametrize(
    ("step", "amount", "unit"),
    [
        ("taskforce_verification", 7, "days"),
        ("bawaslu_validation", 3, "working_days"),
        ("pemilu_report_window", 7, "working_days"),
        ("pilkada_report_window", 7, "days"),
        ("bawaslu_pemilu_review", 7, "days"),
        ("bawaslu_pemilu_review_extended", 14, "working_days"),
        ("bawaslu_pilkada_review", 3, "days"),
    ],
)
def test_deadlines_in_force(step: str, amount: int, unit: str) -> None:
    d = CAT.deadline_on(step, date(2024, 10, 1))
    assert (d.amount, d.unit, d.configurable) == (amount, unit, False)


def test_ppk_deadline_is_configurable_and_unconfirmed() -> None:
    d = CAT.deadline_on("ppk_decision", date(2024, 10, 1))
    assert d.configurable and d.review_status == "needs_review"
    changed = CAT.with_deadline("ppk_decision", 14, "working_days")
    assert changed.deadline_on("ppk_decision", date(2024, 10, 1)).amount == 14
    assert changed.version != CAT.version
    assert CAT.deadline_on("ppk_decision", date(2024, 10, 1)).amount == d.amount


def test_statutory_deadline_cannot_be_configured() -> None:
    with pytest.raises(ValidationError):
        CAT.with_deadline("bawaslu_validation", 10, "days")


def test_calendar_weekends_holidays_cuti_bersama() -> None:
    cal = CAT.calendar
    assert not cal.is_working_day(date(2024, 10, 12))  # Saturday
    assert not cal.is_working_day(date(2024, 11, 27))  # Pilkada vote, national holiday
    assert not cal.is_working_day(date(2024, 4, 8))  # cuti bersama Idul Fitri
    assert cal.is_working_day(date(2024, 11, 28))


def test_due_date_counts_working_days_across_christmas() -> None:
    d = CAT.deadline_on("bawaslu_validation", date(2024, 12, 24))
    # 25 Dec holiday, 26 Dec cuti bersama, 27 Fri, (weekend), 30 Mon, 31 Tue
    assert CAT.calendar.due_date(date(2024, 12, 24), d) == date(2024, 12, 31)
    assert CAT.calendar.add_working_days(date(2024, 4, 5), 1) == date(2024, 4, 16)


def test_due_date_calendar_days() -> None:
    d = CAT.deadline_on("taskforce_verification", date(2024, 12, 24))
    assert CAT.calendar.due_date(date(2024, 12, 24), d) == date(2024, 12, 31)


def test_violations_on_dates() -> None:
    before = {v.id for v in CAT.violations_on(date(2022, 9, 21))}
    after = {v.id for v in CAT.violations_on(date(2022, 9, 22))}
    assert "skb-b2" not in before and "skb-b2" in after
    assert "pp94-5n4" in before


def test_every_violation_has_citation_status_and_examples() -> None:
    for v in CAT.violations.values():
        assert v.legal_basis, v.id
        assert v.review_status in ("confirmed", "needs_review")
        assert v.examples.not_allowed, v.id
        assert v.examples.allowed, v.id
        assert v.title_id and v.title_en


def test_allowed_conduct_exported_with_citations() -> None:
    ids = {a.id for a in CAT.allowed_conduct}
    assert {
        "vote-in-booth",
        "general-call-to-vote",
        "neutrality-appeal",
        "official-non-campaign-event",
    } <= ids
    assert all(a.legal_basis for a in CAT.allowed_conduct)


def test_unknown_rule_id() -> None:
    with pytest.raises(NotFoundError):
        CAT.violation("skb-z9")


def test_partisan_gestures_follow_ballot_numbers() -> None:
    pemilu_2019 = {g.id for g in CAT.partisan_gestures_for("pemilu-2019")}
    assert "two-fingers" in pemilu_2019 and "three-fingers" not in pemilu_2019
    assert "three-fingers" in {g.id for g in CAT.partisan_gestures_for("pemilu-2024")}
    pilkada = {g.id for g in CAT.partisan_gestures_for("pilkada-2024")}
    assert "five-fingers" in pilkada  # numbers differ per region: every numbered pose counts
    allowed = {g.id for g in CAT.gestures if g.allowed}
    assert {"clenched-fist", "two-hand-heart"} <= allowed
    assert not allowed & pilkada


def test_procedure_on_orders_steps_with_actor_and_deadline() -> None:
    steps = CAT.procedure_on(date(2024, 10, 1))
    ids = [s.id for s in steps]
    assert ids[:5] == [
        "report_received",
        "taskforce_verification",
        "bawaslu_validation",
        "recommendation_to_ppk",
        "ppk_decision",
    ]
    assert [s.order for s in steps] == list(range(1, len(steps) + 1))
    by_id = {s.id: s for s in steps}
    assert by_id["taskforce_verification"].deadline is not None
    assert by_id["taskforce_verification"].deadline.describe() == "7 hari"
    assert by_id["bawaslu_validation"].deadline.describe() == "3 hari kerja"  # type: ignore[union-attr]
    assert by_id["recommendation_to_ppk"].deadline is None
    assert by_id["ppk_decision"].review_status == "needs_review"  # the PPK deadline is unconfirmed
    assert all(s.title_id and s.actor_function for s in steps)


def test_procedure_follows_the_kasn_bkn_switch() -> None:
    def actor(on: date) -> str | None:
        step = next(s for s in CAT.procedure_on(on) if s.id == "recommendation_to_ppk")
        return step.authority.id if step.authority else None

    assert (actor(date(2024, 9, 3)), actor(date(2024, 9, 4))) == ("kasn", "bkn")


def test_procedure_before_skb_2022_and_before_any_version() -> None:
    old = [s.id for s in CAT.procedure_on(date(2022, 9, 21))]
    assert "taskforce_verification" not in old and "ppk_decision" in old
    assert CAT.procedure_on(date(2010, 1, 1)) == ()


def test_procedure_uses_configured_ppk_deadline() -> None:
    changed = CAT.with_deadline("ppk_decision", 14, "working_days")
    step = next(s for s in changed.procedure_on(date(2024, 10, 1)) if s.id == "ppk_decision")
    assert step.deadline is not None and step.deadline.describe() == "14 hari kerja"


def test_election_report_procedures_and_unknown_procedure() -> None:
    pemilu = CAT.procedure_on(date(2024, 1, 10), "pemilu_report")
    assert pemilu[0].deadline is not None and pemilu[0].deadline.unit == "working_days"
    pilkada = CAT.procedure_on(date(2024, 10, 10), "pilkada_report")
    assert [s.deadline.describe() for s in pilkada if s.deadline][:2] == ["7 hari", "3 hari"]
    with pytest.raises(ValidationError) as info:
        CAT.procedure_on(date(2024, 10, 10), "appeal")
    assert "neutrality" in info.value.details["valid"]


def test_procedure_step_to_dict_is_json_ready() -> None:
    import json

    d = CAT.procedure_on(date(2024, 10, 1))[1].to_dict()
    assert json.loads(json.dumps(d))["deadline"]["text"] == "7 hari"


def test_positions_catalogue() -> None:
    camat = CAT.position_for("Camat Sukamaju")
    assert camat is not None and camat.id == "camat" and "holds_office" in camat.qualifiers
    assert CAT.position_for("Sekretaris Camat Sukamaju").id == "sekretaris_camat"  # type: ignore[union-attr]
    village = CAT.position_for("Perbekel Desa Tista")
    assert village is not None and village.employee_type == "non_asn" and "village_head" in village.qualifiers
    assert CAT.position_for("Staf Kecamatan") is None
    assert CAT.position_for("guru SD") is None
    assert all(
        p.legal_basis and p.review_status in ("confirmed", "needs_review") for p in CAT.positions.values()
    )
