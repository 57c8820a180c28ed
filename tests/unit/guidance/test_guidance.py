"""The "Bolehkah?" guide: data validated against the catalogue, matching, review status."""

from __future__ import annotations

from datetime import date

import pytest

from netralitas.errors import ValidationError
from netralitas.guidance import Guide, RuleCitation, Verdict, load_topics
from netralitas.guidance.answers import Answer
from netralitas.guidance.matching import normalise
from netralitas.guidance.topics import parse_topics
from netralitas.rules.catalogue import default_catalogue
from netralitas.rules.model import ReviewStatus

TODAY = date(2024, 10, 10)


@pytest.fixture(scope="module")
def guide() -> Guide:
    return Guide(load_topics(), default_catalogue(), TODAY)


def test_every_topic_points_at_rules_the_catalogue_has(guide: Guide) -> None:
    catalogue = default_catalogue()
    allowed_ids = {conduct.id for conduct in catalogue.allowed_conduct}
    for topic in guide.topics:
        assert topic.rule_ids or topic.allowed_ids, topic.id
        for rule_id in topic.rule_ids:
            assert rule_id in catalogue.violations, f"{topic.id}: unknown rule {rule_id}"
        for conduct_id in topic.allowed_ids:
            assert conduct_id in allowed_ids, f"{topic.id}: unknown allowed conduct {conduct_id}"
        assert len(guide.citations(topic)) == len(topic.rule_ids) + len(topic.allowed_ids)


@pytest.mark.parametrize(
    ("question", "topic_id", "verdict"),
    [
        ("bolehkah ASN like postingan calon?", "like-candidate-post", Verdict.NOT_ALLOWED),
        ("bolehkah foto dengan calon bupati?", "photo-with-candidate", Verdict.NOT_ALLOWED),
        ("bolehkah saya memilih di TPS?", "vote-in-booth", Verdict.ALLOWED),
        ("Boleh gak sih PNS ngelike postingan paslon??", "like-candidate-post", Verdict.NOT_ALLOWED),
        ("bolehkah guru pasang baliho cabup di rumahnya", "install-banner", Verdict.NOT_ALLOWED),
        ("apakah camat boleh pakai mobil dinas buat kampanye", "state-facilities", Verdict.NOT_ALLOWED),
        ("bolehkah kepala desa kampanye", "village-head-and-non-asn", Verdict.DEPENDS),
        ("apakah tenaga honorer boleh kampanye", "village-head-and-non-asn", Verdict.DEPENDS),
        ("bolehkah ASN menghadiri pelantikan bupati", "inauguration", Verdict.ALLOWED),
    ],
)
def test_plain_questions_find_their_topic(
    guide: Guide, question: str, topic_id: str, verdict: Verdict
) -> None:
    answers = guide.ask(question)
    assert answers, question
    assert answers[0].topic_id == topic_id
    assert answers[0].verdict == verdict
    assert answers[0].rules


def test_each_topic_question_answers_with_its_own_topic(guide: Guide) -> None:
    for topic in guide.topics:
        for question in topic.questions:
            best = guide.ask(question, limit=1)
            assert best and best[0].verdict == topic.verdict, (topic.id, question)


def test_unrelated_question_gets_no_answer(guide: Guide) -> None:
    assert guide.ask("resep rendang padang yang enak") == ()
    # Shares "ASN … anggota" with the party topic but is not about parties: no answer beats a wrong one.
    assert all(a.topic_id != "party-membership" for a in guide.ask("bolehkah ASN menjadi anggota KPPS"))
    assert guide.ask("") == ()


def test_catalogue_examples_answer_too(guide: Guide) -> None:
    catalogue = default_catalogue()
    conduct = next(c for c in catalogue.allowed_conduct if c.id == "vote-in-booth")
    answers = guide.ask(conduct.examples[0])
    assert answers and answers[0].verdict == Verdict.ALLOWED


def _citation(status: ReviewStatus) -> RuleCitation:
    return RuleCitation("x", "judul", "title", "heavy", "discipline", ("PP 94/2021 Pasal 5",), status, (), ())


def test_an_answer_is_settled_only_when_every_cited_rule_is_confirmed() -> None:
    confirmed, unsure = _citation(ReviewStatus.CONFIRMED), _citation(ReviewStatus.NEEDS_REVIEW)
    make = lambda *rules: Answer(Verdict.NOT_ALLOWED, "ringkas", "short", 90.0, "q", rules)  # noqa: E731
    assert make(confirmed).is_settled
    assert not make(confirmed, unsure).is_settled
    assert make(confirmed, unsure).review_status == ReviewStatus.NEEDS_REVIEW
    assert not make().is_settled


def test_answers_from_needs_review_rules_are_not_settled(guide: Guide) -> None:
    for topic in guide.topics:
        answer = guide.answer_topic(topic)
        if any(rule.review_status == ReviewStatus.NEEDS_REVIEW for rule in answer.rules):
            assert not answer.is_settled, topic.id


def test_normalise_maps_slang_and_drops_filler() -> None:
    assert normalise("Boleh gak PNS ngelike postingan Paslon???") == "tidak asn like post calon"
    assert normalise("bolehhhh  nyoblos di TPS!") == "pilih tps"


def test_topic_file_errors_name_the_file() -> None:
    good = (
        "topics:\n  - id: a\n    questions: [q]\n    verdict: allowed\n"
        "    summary_id: cukup panjang\n    summary_en: long enough\n"
    )
    assert parse_topics(good, source="ok.yaml")[0].id == "a"
    with pytest.raises(ValidationError, match=r"bad\.yaml"):
        parse_topics(good.replace("verdict: allowed", "verdict: maybe"), source="bad.yaml")
    with pytest.raises(ValidationError, match=r"extra\.yaml"):
        parse_topics(good + "    colour: red\n", source="extra.yaml")
    with pytest.raises(ValidationError, match="ganda"):
        parse_topics(good + good.replace("topics:\n", ""), source="dup.yaml")


def test_a_written_date_decides_the_stage_through_the_engine(guide: Guide) -> None:
    """Issue 12: the question's date is the act's date; the engine picks the election and the stage."""
    after = guide.advise("PNS ngelike status paslon bupati tanggal 1 Oktober 2024, boleh?")
    before = guide.advise("PNS ngelike status calon bupati tanggal 1 September 2024, boleh?")
    assert after is not None and before is not None
    assert after.reading.act_on == date(2024, 10, 1) and after.top_id == "skb-b6"
    assert before.reading.act_on == date(2024, 9, 1) and before.top_id == "skb-a4"
    assert before.assessment is not None and before.assessment.election is not None
    assert before.assessment.election.id == "pilkada-2024"
    iso = guide.advise("pns pasang baliho caleg 2024-01-05")
    assert iso is not None and iso.reading.act_on == date(2024, 1, 5) and iso.top_id == "skb-b1"


def test_the_engine_answer_keeps_its_review_status_and_employee_type(guide: Guide) -> None:
    pppk = guide.advise("PPPK ikut kampanye pakai mobil dinas setelah penetapan paslon")
    assert pppk is not None and pppk.reading.employee_type.value == "pppk"
    assert pppk.top_id == "pp94-5n4" and pppk.review_status is ReviewStatus.NEEDS_REVIEW
    other = guide.advise("bolehkah istri ASN jadi caleg")
    assert other is not None and other.verdict is Verdict.ALLOWED and other.reading.subject_other == "istri"
    assert other.top is None and "skb-a7" in other.summary_id
    vote = guide.advise("bolehkah saya memilih di TPS?")
    assert vote is not None and vote.is_settled and vote.top_id == "vote-in-booth"
