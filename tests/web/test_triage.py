"""Triage on the case file and in the API: the screening suggestion is shown as advice with its
evidence marked in the report text, and only an officer's review changes the labels."""

from __future__ import annotations

from fastapi.testclient import TestClient

from netralitas.cases.records import ScreeningStatus
from netralitas.web.triage import NOTICE_ID
from tests.factories import PASSWORD, World, case_in_examination
from tests.web.helpers import csrf_from, login, parse, text_of
from tests.web.test_api import REPORT, token_for
from tests.web.test_scope import OUTSIDERS, _refused


def _page(client: TestClient, case_id: str):  # type: ignore[no-untyped-def]
    return parse(client.get(f"/petugas/kasus/{case_id}").text)


def _review(client: TestClient, case_id: str, report_id: str, labels: list[str], note: str = ""):  # type: ignore[no-untyped-def]
    url = f"/petugas/kasus/{case_id}"
    doc = parse(client.get(url).text)
    data = {
        "csrf_token": csrf_from(client.get(url).text),
        "version": doc.xpath("//input[@name='version']/@value")[0],
        "report_id": report_id,
        "labels": labels,
        "note": note,
    }
    return client.post(f"{url}/saran", data=data, follow_redirects=False)


def _reviews(world: World) -> list[object]:
    with world.backend.make_uow() as uow:
        return list(uow.screening_reviews.find())


def test_suggestion_is_shown_as_advice_with_marked_evidence(client: TestClient, world: World) -> None:
    case = case_in_examination(world)
    login(client, "pemeriksa", PASSWORD)
    doc = _page(client, case["case_id"])
    block = doc.xpath(f"//section[@id='triage-{case['report_id']}']")[0]
    assert NOTICE_ID in text_of(block, ".//*[contains(@class,'triage-notice')]")
    assert block.get("data-status") == "suggested"
    with world.backend.make_uow() as uow:
        (screening,) = uow.screenings.find(report_id=case["report_id"])
        description = uow.reports.get(case["report_id"]).description  # type: ignore[union-attr]
    shown = {li.get("data-label") for li in block.xpath(".//ul[@class='suggested-labels']/li")}
    assert shown == set(screening.labels) and "partisan_gesture" in shown
    text = doc.xpath(f"//p[@id='text-{case['report_id']}']")[0]
    assert " ".join(text.text_content().split()) == " ".join(description.split())
    marks = text.xpath(".//mark")
    assert marks and all(m.text_content() in description for m in marks)
    assert any("partisan_gesture" in m.get("data-tags").split() for m in marks)
    boxes = block.xpath(".//input[@name='labels'][@checked]/@value")
    assert set(boxes) == set(screening.labels)


def test_report_text_is_escaped_inside_the_marks(client: TestClient, world: World) -> None:
    hostile = {**REPORT, "description": "<script>alert(1)</script> Camat pose dua jari bersama calon bupati."}
    assert client.post("/api/v1/reports", json=hostile).status_code == 201
    login(client, "intake", PASSWORD)
    case_id = client.get("/api/v1/cases", headers=token_for(client, "intake")).json()["items"][0]["id"]
    html = client.get(f"/petugas/kasus/{case_id}").text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not [s for s in parse(html).xpath("//script") if (s.text or "").strip()]


def test_officer_confirms_then_corrects_and_both_are_kept(client: TestClient, world: World) -> None:
    case = case_in_examination(world)
    login(client, "pemeriksa", PASSWORD)
    with world.backend.make_uow() as uow:
        suggested = list(uow.screenings.find(report_id=case["report_id"])[0].labels)
    assert _review(client, case["case_id"], case["report_id"], suggested).status_code == 303
    block = _page(client, case["case_id"]).xpath(f"//section[@id='triage-{case['report_id']}']")[0]
    assert block.get("data-status") == "confirmed"
    corrected = ["photo_with_candidate"]
    assert (
        _review(client, case["case_id"], case["report_id"], corrected, "Tidak ada pose jari.").status_code
        == 303
    )
    outcomes = [(r.outcome, list(r.labels), r.note) for r in _reviews(world)]  # type: ignore[attr-defined]
    assert outcomes == [
        (ScreeningStatus.CONFIRMED, sorted(suggested), None),
        (ScreeningStatus.CORRECTED, corrected, "Tidak ada pose jari."),
    ]
    block = _page(client, case["case_id"]).xpath(f"//section[@id='triage-{case['report_id']}']")[0]
    assert block.get("data-status") == "corrected"
    assert block.xpath(".//input[@name='labels'][@checked]/@value") == corrected
    history = block.xpath(".//ol[contains(@class,'triage-reviews')]/li")
    assert len(history) == 2 and "Foto bersama calon" in history[1].text_content()
    form = _page(client, case["case_id"]).xpath("//form[@id='assess-form']")[0]
    assert form.xpath(".//input[@name='behaviours'][@checked]/@value") == corrected
    assert form.xpath(".//*[@id='assess-prefill']")


def test_review_without_labels_is_named_beside_the_field_and_keeps_the_note(
    client: TestClient, world: World
) -> None:
    case = case_in_examination(world)
    login(client, "pemeriksa", PASSWORD)
    response = _review(client, case["case_id"], case["report_id"], [], "Catatan saya")
    assert response.status_code == 422
    doc = parse(response.text)
    assert doc.xpath(f"//form[@id='triage-form-{case['report_id']}']//*[@id='saran-labels-error']")
    assert doc.xpath(f"//textarea[@id='triage-note-{case['report_id']}']")[0].text == "Catatan saya"
    assert _reviews(world) == []


def test_outsiders_and_the_ppk_can_neither_read_nor_review(client: TestClient, world: World) -> None:
    case = case_in_examination(world)
    for name in OUTSIDERS:
        auth = token_for(client, name)
        assert _refused(client.get(f"/api/v1/cases/{case['case_id']}/screening", headers=auth)), name
        body = {"version": 6, "labels": ["none"], "report_id": case["report_id"]}
        url = f"/api/v1/cases/{case['case_id']}/screening-review"
        assert _refused(client.post(url, json=body, headers=auth)), name
        login(client, name, PASSWORD)
        assert _refused(client.get(f"/petugas/kasus/{case['case_id']}")), name
    login(client, "ppk_sleman", PASSWORD)
    assert not parse(client.get(f"/ppk/kasus/{case['case_id']}").text).xpath("//form[@class='triage-form']")
    assert _reviews(world) == []


def test_api_shows_the_suggestion_as_advice_and_takes_a_review(client: TestClient, world: World) -> None:
    case = case_in_examination(world)
    auth = token_for(client, "satgas")
    listed = client.get(f"/api/v1/cases/{case['case_id']}/screening", headers=auth).json()
    (item,) = listed["items"]
    assert item["advisory"] is True and item["notice"] == NOTICE_ID and item["status"] == "suggested"
    assert item["result"]["behaviours"] and item["result"]["behaviours"][0]["evidence"]
    version = client.get(f"/api/v1/cases/{case['case_id']}", headers=auth).json()["case"]["version"]
    body = {"version": version, "labels": item["suggested_labels"], "report_id": case["report_id"]}
    reviewed = client.post(f"/api/v1/cases/{case['case_id']}/screening-review", json=body, headers=auth)
    assert reviewed.status_code == 200, reviewed.text
    again = client.get(f"/api/v1/cases/{case['case_id']}/screening", headers=auth).json()["items"][0]
    assert again["status"] == "confirmed" and again["reviewed_labels"] == sorted(item["suggested_labels"])


def test_a_text_left_for_a_human_read_says_so(client: TestClient, world: World) -> None:
    """A screening with no label but a "perlu dibaca" part is not shown as "nothing found"."""
    from dataclasses import replace

    case = case_in_examination(world)
    with world.backend.make_uow() as uow:
        (screening,) = uow.screenings.find(report_id=case["report_id"])
        hit = {"label": "mobilize_subordinates_or_public", "confidence": 0.6, "source": "model",
               "evidence": [{"start": 0, "end": 5, "text": "Camat"}]}  # fmt: skip
        result = {**screening.result, "labels": ["none"], "behaviours": [], "perlu_dibaca": [hit]}
        uow.screenings.replace(replace(screening, labels=("none",), result=result))
        uow.commit()
    login(client, "pemeriksa", PASSWORD)
    block = _page(client, case["case_id"]).xpath(f"//section[@id='triage-{case['report_id']}']")[0]
    note = block.xpath(".//*[contains(@class,'triage-needs-reading')]")
    assert note and "Perlu dibaca petugas" in text_of(note[0], ".")
    assert note[0].xpath(".//li/@data-label") == ["mobilize_subordinates_or_public"]
    assert "tidak menemukan perilaku" not in text_of(block, ".")
