"""The queue's next/previous links page by key (the row beside them); a typed page number still works."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlparse

from fastapi.testclient import TestClient

from netralitas.cases.records import Case
from netralitas.cases.workflow import CaseStatus
from tests.factories import PASSWORD, World
from tests.web.helpers import login, parse


def _numbers(html: str) -> list[str]:
    return [str(n) for n in parse(html).xpath("//table[@id='queue']//td[1]/a/text()")]


def test_next_and_previous_links_carry_keys_and_match_numbered_pages(
    client: TestClient, world: World
) -> None:
    with world.backend.make_uow() as uow:
        for i in range(60):
            opened = datetime(2024, 9, 1, tzinfo=UTC) + timedelta(hours=i // 2)  # ties: the id decides
            uow.cases.add(Case(f"k{i:04d}", f"NTR-K-{i:04d}", CaseStatus.RECEIVED, "Terlapor", None, None,
                               "34.04", None, None, opened, opened))  # fmt: skip
        uow.commit()
    login(client, "intake", PASSWORD)
    first = client.get("/petugas").text
    next_url = str(parse(first).xpath("//a[@rel='next']/@href")[0])
    assert "after" in parse_qs(urlparse(next_url).query) and "page=2" in next_url
    second = client.get("/petugas" + next_url).text
    assert _numbers(second) == _numbers(client.get("/petugas", params={"page": "2"}).text)
    assert len(_numbers(second)) == 25 and not set(_numbers(second)) & set(_numbers(first))
    third = client.get("/petugas" + str(parse(second).xpath("//a[@rel='next']/@href")[0])).text
    assert _numbers(third) == _numbers(client.get("/petugas", params={"page": "3"}).text)
    prev_url = str(parse(third).xpath("//a[@rel='prev']/@href")[0])
    assert "before" in parse_qs(urlparse(prev_url).query) and "page=2" in prev_url
    assert _numbers(client.get("/petugas" + prev_url).text) == _numbers(second)
    broken = client.get("/petugas", params={"page": "2", "after": "not-a-key"})  # ignored: page 2 by number
    assert broken.status_code == 200 and _numbers(broken.text) == _numbers(second)


def test_the_first_page_has_no_previous_link_and_the_last_no_next(client: TestClient, world: World) -> None:
    with world.backend.make_uow() as uow:
        for i in range(30):
            opened = datetime(2024, 9, 1, tzinfo=UTC) + timedelta(hours=i)
            uow.cases.add(Case(f"e{i:04d}", f"NTR-E-{i:04d}", CaseStatus.RECEIVED, "Terlapor", None, None,
                               "34.04", None, None, opened, opened))  # fmt: skip
        uow.commit()
    login(client, "intake", PASSWORD)
    first = parse(client.get("/petugas").text)
    assert not first.xpath("//a[@rel='prev']") and first.xpath("//a[@rel='next']/@href")
    last = parse(client.get("/petugas", params={"page": "2"}).text)
    assert not last.xpath("//a[@rel='next']")
    assert str(last.xpath("//a[@rel='prev']/@href")[0]).startswith("?page=1")
    only = parse(client.get("/petugas", params={"q": "no such case"}).text)
    assert not only.xpath("//a[@rel='prev']") and not only.xpath("//a[@rel='next']")
