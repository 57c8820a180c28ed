"""Issue 13 (item 9): an administrator edits an agency's region and parent; a stale form is
refused with what was typed kept; every change is audited."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.factories import PASSWORD, World
from tests.web.helpers import login, parse, post_form

SEEN = {"seen_name": "Pemerintah Kabupaten Sleman", "seen_ppk_title": "Bupati Sleman",
        "seen_region_code": "34.04", "seen_parent_id": ""}  # fmt: skip
SAME = {"name": "Pemerintah Kabupaten Sleman", "ppk_title": "Bupati Sleman"}


def _edit(client: TestClient, data: dict[str, str], **kwargs: object):  # type: ignore[no-untyped-def]
    return post_form(client, "/admin/instansi", "/admin/instansi/ag-sleman", data, **kwargs)


def test_region_and_parent_are_edited_and_audited(client: TestClient, world: World) -> None:
    login(client, "admin", PASSWORD)
    page = parse(client.get("/admin/instansi").text)
    assert page.xpath("//input[@id='r-ag-sleman']/@value") == ["34.04"]
    assert page.xpath("//select[@id='u-ag-sleman']//option[@value='ag-smg']")
    moved = {**SEEN, **SAME, "region_code": "34.71", "parent_id": "ag-smg"}
    assert _edit(client, moved, follow_redirects=False).status_code == 303
    with world.backend.make_uow() as uow:
        agency = uow.agencies.get("ag-sleman")
        entries = [e for e in uow.audit.for_subject("agency", "ag-sleman")]
    assert agency is not None and (agency.region_code, agency.parent_id) == ("34.71", "ag-smg")
    assert [e.action for e in entries] == ["agency.moved"]
    assert entries[0].detail["parent_id"] == [None, "ag-smg"]
    listed = parse(client.get("/admin/instansi").text)
    assert "Pemerintah Kota Semarang" in listed.xpath(
        "string(//tr[@data-agency='ag-sleman']//*[@class='muted agency-parent'])"
    )
    # The form the administrator opened before the move is stale now: refused, input kept.
    stale = _edit(client, {**SEEN, **SAME, "region_code": "34.02", "parent_id": ""})
    assert stale.status_code == 409
    assert parse(stale.text).xpath("//input[@id='r-ag-sleman']/@value") == ["34.02"]


def test_bad_region_and_cyclic_parent_are_refused_beside_the_field(client: TestClient, world: World) -> None:
    login(client, "admin", PASSWORD)
    bad = _edit(client, {**SEEN, **SAME, "region_code": "99.99", "parent_id": ""})
    assert bad.status_code == 422 and parse(bad.text).xpath("//p[@id='r-ag-sleman-error']")
    itself = _edit(client, {**SEEN, **SAME, "region_code": "34.04", "parent_id": "ag-sleman"})
    assert itself.status_code == 422 and parse(itself.text).xpath("//p[@id='u-ag-sleman-error']")
    # Semarang under Sleman, then Sleman under Semarang would be a cycle.
    names = {"name": "Pemerintah Kota Semarang", "ppk_title": "Wali Kota Semarang"}
    smg = {
        **names,
        "seen_name": names["name"],
        "seen_ppk_title": names["ppk_title"],
        "parent_id": "ag-sleman",
    }
    assert (
        post_form(
            client, "/admin/instansi", "/admin/instansi/ag-smg", smg, follow_redirects=False
        ).status_code
        == 303
    )
    cycle = _edit(client, {**SEEN, **SAME, "region_code": "34.04", "parent_id": "ag-smg"})
    assert cycle.status_code == 422 and parse(cycle.text).xpath("//p[@id='u-ag-sleman-error']")
    with world.backend.make_uow() as uow:
        assert uow.agencies.get("ag-sleman").parent_id is None  # type: ignore[union-attr]
