"""Issue 13 (item 9): an administrator edits an agency's region and parent; a stale form is
refused with what was typed kept; every change is audited."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import PASSWORD, World
from tests.web.helpers import login, parse, post_form

SEEN = {"seen_name": "Pemerintah Kabupaten Sleman", "seen_ppk_title": "Bupati Sleman",
        "seen_region_code": "34.04", "seen_parent_id": ""}  # fmt: skip
SAME = {"name": "Pemerintah Kabupaten Sleman", "ppk_title": "Bupati Sleman"}


def _edit(client: TestClient, data: dict[str, str], **kwargs: object):  # type: ignore[no-untyped-def]
    return post_form(client, "/admin/instansi", "/admin/instansi/pemda-34.04", data, **kwargs)


def test_region_and_parent_are_edited_and_audited(client: TestClient, world: World) -> None:
    login(client, "admin", PASSWORD)
    page = parse(client.get("/admin/instansi").text)
    assert page.xpath("//input[@id='r-pemda-34.04']/@value") == ["34.04"]
    assert page.xpath("//select[@id='u-pemda-34.04']//option[@value='pemda-33.74']")
    moved = {**SEEN, **SAME, "region_code": "34.71", "parent_id": "pemda-33.74"}
    assert _edit(client, moved, follow_redirects=False).status_code == 303
    with world.backend.make_uow() as uow:
        agency = uow.agencies.get("pemda-34.04")
        entries = [e for e in uow.audit.for_subject("agency", "pemda-34.04")]
    assert agency is not None and (agency.region_code, agency.parent_id) == ("34.71", "pemda-33.74")
    assert [e.action for e in entries] == ["agency.moved"]
    assert entries[0].detail["parent_id"] == [None, "pemda-33.74"]
    listed = parse(client.get("/admin/instansi").text)
    assert "Pemerintah Kota Semarang" in listed.xpath(
        "string(//tr[@data-agency='pemda-34.04']//*[@class='muted agency-parent'])"
    )
    # The form the administrator opened before the move is stale now: refused, input kept.
    stale = _edit(client, {**SEEN, **SAME, "region_code": "34.02", "parent_id": ""})
    assert stale.status_code == 409
    assert parse(stale.text).xpath("//input[@id='r-pemda-34.04']/@value") == ["34.02"]


def test_bad_region_and_cyclic_parent_are_refused_beside_the_field(client: TestClient, world: World) -> None:
    login(client, "admin", PASSWORD)
    bad = _edit(client, {**SEEN, **SAME, "region_code": "99.99", "parent_id": ""})
    assert bad.status_code == 422 and parse(bad.text).xpath("//p[@id='r-pemda-34.04-error']")
    itself = _edit(client, {**SEEN, **SAME, "region_code": "34.04", "parent_id": "pemda-34.04"})
    assert itself.status_code == 422 and parse(itself.text).xpath("//p[@id='u-pemda-34.04-error']")
    # Semarang under Sleman, then Sleman under Semarang would be a cycle.
    names = {"name": "Pemerintah Kota Semarang", "ppk_title": "Wali Kota Semarang"}
    smg = {
        **names,
        "seen_name": names["name"],
        "seen_ppk_title": names["ppk_title"],
        "parent_id": "pemda-34.04",
    }
    assert (
        post_form(
            client, "/admin/instansi", "/admin/instansi/pemda-33.74", smg, follow_redirects=False
        ).status_code
        == 303
    )
    cycle = _edit(client, {**SEEN, **SAME, "region_code": "34.04", "parent_id": "pemda-33.74"})
    assert cycle.status_code == 422 and parse(cycle.text).xpath("//p[@id='u-pemda-34.04-error']")
    with world.backend.make_uow() as uow:
        assert uow.agencies.get("pemda-34.04").parent_id is None  # type: ignore[union-attr]
