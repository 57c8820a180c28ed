"""The public "Bolehkah?" and calendar pages, checked by parsing their HTML."""

from __future__ import annotations

from fastapi.testclient import TestClient

from netralitas.rules.catalogue import default_catalogue
from tests.factories import PASSWORD, World
from tests.web.helpers import login, parse, text_of
from tests.web.test_consoles import act, case_url_from_queue, file_report


def test_like_question_is_answered_by_the_engine_with_one_verdict(bare_client: TestClient) -> None:
    doc = parse(bare_client.get("/bolehkah", params={"q": "bolehkah ASN like postingan calon?"}).text)
    cards = doc.xpath("//article[contains(@class,'answer')]")
    assert len(cards) == 1, "one verdict card, not several of equal weight"
    first = cards[0]
    assert first.get("data-verdict") == "not_allowed" and first.get("data-source") == "engine"
    assert first.get("data-top-rule") == "skb-b6"
    rule_ids = first.xpath(".//section[@data-rule-id]/@data-rule-id")
    assert rule_ids[0] == "skb-b6" and set(rule_ids) <= {"skb-a4", "skb-b6"}
    catalogue = default_catalogue()
    for rule_id in rule_ids:
        section = first.xpath(f".//section[@data-rule-id='{rule_id}']")[0]
        basis = text_of(section, ".//dt[.='Dasar hukum']/following-sibling::dd[1]")
        assert catalogue.violation(rule_id).legal_basis[0].cite() in basis
        assert section.xpath(".//dd[contains(@class,'review-status')]//span[contains(@class,'badge')]")
    # The rule list is folded away so the answer stays short on a phone.
    assert first.xpath(".//details[contains(@class,'rules')][not(@open)]")
    assert doc.xpath("//section[contains(@class,'related')]//a[@href]")


def test_wa_group_admin_is_b6_not_the_candidacy_rule(bare_client: TestClient) -> None:
    q = "boleh gak PNS jadi admin grup WA relawan paslon?"
    doc = parse(bare_client.get("/bolehkah", params={"q": q}).text)
    card = doc.xpath("//article[contains(@class,'answer')]")[0]
    assert card.get("data-top-rule") == "skb-b6"
    assert "uuasn-candidacy-without-resign" not in card.xpath(".//section/@data-rule-id")


def test_spouse_of_an_asn_running_is_not_judged_as_the_asn(bare_client: TestClient) -> None:
    doc = parse(bare_client.get("/bolehkah", params={"q": "bolehkah istri ASN jadi caleg"}).text)
    card = doc.xpath("//article[contains(@class,'answer')]")[0]
    assert card.get("data-verdict") == "allowed"
    assert card.get("data-top-rule") == ""
    assert "skb-a7" in text_of(card, ".//p[contains(@class,'lead')]")


def test_review_status_uses_the_engine_words(bare_client: TestClient) -> None:
    """skb-b2 findings are needs_review (list A/B reading): the page must not call the answer settled."""
    doc = parse(
        bare_client.get("/bolehkah", params={"q": "bolehkah ASN bikin status WA dukung paslon?"}).text
    )
    card = doc.xpath("//article[contains(@class,'answer')]")[0]
    assert card.get("data-review") == "needs_review"
    assert "perlu ditinjau · needs_review" in text_of(card, ".//p[contains(@class,'review-status')]")
    for section in card.xpath(".//section[@data-rule-id]"):
        if section.get("data-rule-id", "").startswith("skb-"):
            assert section.get("data-review") == "needs_review"
            assert "Terkonfirmasi" not in text_of(section, ".//dd[contains(@class,'review-status')]")


def test_needs_review_answers_are_never_shown_as_settled(bare_client: TestClient) -> None:
    doc = parse(bare_client.get("/bolehkah/official-event-with-incumbent").text)
    answer = doc.xpath("//article[contains(@class,'answer')]")[0]
    if answer.get("data-review") == "needs_review":
        assert answer.xpath(".//*[contains(@class,'review-warning')]")
        assert text_of(answer, ".//h2").startswith("Kemungkinan")
    doc = parse(bare_client.get("/bolehkah/attend-campaign").text)
    answer = doc.xpath("//article[contains(@class,'answer')]")[0]
    assert answer.get("data-review") == "needs_review"
    assert answer.xpath(".//*[contains(@class,'review-warning')]")
    assert text_of(answer, ".//h2").startswith("Kemungkinan")


def test_settled_answer_shows_a_plain_verdict(bare_client: TestClient) -> None:
    doc = parse(bare_client.get("/bolehkah", params={"q": "bolehkah saya memilih di TPS?"}).text)
    answer = doc.xpath("//article[contains(@class,'answer')]")[0]
    assert answer.get("data-verdict") == "allowed"
    assert answer.get("data-review") == "confirmed"
    assert text_of(answer, ".//h2") == "Boleh"
    assert not answer.xpath(".//*[contains(@class,'review-warning')]")


def test_unanswerable_question_says_so_and_keeps_the_question(bare_client: TestClient) -> None:
    doc = parse(bare_client.get("/bolehkah", params={"q": "resep rendang <b>enak</b>"}).text)
    assert doc.xpath("//*[@id='no-answer']")
    assert doc.xpath("//input[@name='q']/@value") == ["resep rendang <b>enak</b>"]
    assert doc.xpath("//main//b") == []


def test_guidance_in_english(bare_client: TestClient) -> None:
    params = {"q": "bolehkah saya memilih di TPS?", "lang": "en"}
    doc = parse(bare_client.get("/bolehkah", params=params).text)
    assert text_of(doc, "(//article)[1]//h2") == "Allowed"
    assert "voting in the booth" in text_of(doc, "(//article)[1]//p[contains(@class,'lead')]")


def test_unknown_topic_is_404(bare_client: TestClient) -> None:
    assert bare_client.get("/bolehkah/tidak-ada").status_code == 404


def test_calendar_lists_every_election_with_its_vote_date(bare_client: TestClient) -> None:
    doc = parse(bare_client.get("/kalender").text)
    catalogue = default_catalogue()
    for election in catalogue.elections.values():
        section = doc.xpath(f"//section[@id='{election.id}']")[0]
        assert section.xpath(".//time[@class='vote-on']/@datetime") == [election.vote_on.isoformat()]
    assert doc.xpath("//section[@id='pilkada-2024']//time/@datetime").count("2024-11-27") == 1
    assert text_of(doc, "//section[@id='pilkada-2024']//time[@class='vote-on']") == "27 November 2024"
    english = parse(bare_client.get("/kalender", params={"lang": "en"}).text)
    assert text_of(english, "//section[@id='pemilu-2024']//time[@class='vote-on']") == "14 February 2024"


def test_home_shows_the_next_election_from_the_catalogue(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from netralitas.clock import FixedClock
    from netralitas.web.app import create_app
    from tests.web.helpers import make_settings

    clock = FixedClock(datetime(2024, 10, 1, 3, 0, tzinfo=UTC))
    with TestClient(create_app(make_settings(tmp_path), clock=clock)) as client:
        doc = parse(client.get("/").text)
    assert doc.xpath("//section[@id='next-election']//time/@datetime") == ["2024-11-27"]
    assert "masa kampanye" in text_of(doc, "//section[@id='next-election']")


def test_case_page_shows_a_conditional_finding(client: TestClient, world: World) -> None:
    """Issue 12: with no position given, UU 10/2016 Art. 71(1)/188 shows as "Bersyarat: jika ..."."""

    _, number = file_report(client)
    assert login(client, "intake", PASSWORD).status_code == 200
    url = case_url_from_queue(client, number)
    assert act(client, url, "status", {"target": "admin_check"}).status_code == 303
    assert act(client, url, "status", {"target": "verification"}).status_code == 303
    login(client, "satgas", PASSWORD)
    facts = {
        "behaviours": ["decision_benefiting_candidate"],
        "act_on": "2024-10-01",
        "election_id": "pilkada-2024",
        "employee_type": "pns",
    }
    assert act(client, url, "penilaian", facts).status_code == 303
    doc = parse(client.get(url).text)
    row = doc.xpath("//ul[@class='findings']/li[@data-conditional='true'][@data-rule-id='uu10-188']")
    assert row, "conditional finding not shown on the case page"
    assert "jika pelaku memegang jabatan" in text_of(row[0], ".")
    assert not doc.xpath("//ul[@class='findings']/li[not(@data-conditional)][@data-rule-id='uu10-188']")
