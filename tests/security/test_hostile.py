"""Keep testing like an attacker: every route of the app (enumerated from its router, so new
routes are covered without editing this file) gets SQL-injection strings, script payloads, NUL
and control characters, oversized fields and huge numbers in its path, query and body; then
malformed multipart, disguised files, forged CSRF tokens, session cookies and API tokens.

Every answer is a clean 4xx or a normal page, never a 5xx; what is refused stores nothing.
Run on SQLite and PostgreSQL (which refuses NUL in text and integers beyond 64 bits)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import lxml.html
import pytest
from fastapi.routing import APIRoute

from netralitas.cases.audit import verify_trail
from netralitas.web.security import CSRF_FIELD, SESSION_COOKIE
from tests.factories import PASSWORD
from tests.security.conftest import SqlWorld
from tests.web.helpers import csrf_from

TEMPLATES = Path(__file__).parents[2] / "src/netralitas/web/templates"
#: Every form field name the pages use: a hostile form fills them all.
FIELD_NAMES = sorted(
    set(re.findall(r'name="([a-z_]+)"', "".join(p.read_text() for p in TEMPLATES.rglob("*.html"))))
    - {CSRF_FIELD}
)

#: name → (value, must be refused). Refused values must get a 4xx and store nothing.
HOSTILE: dict[str, tuple[str, bool]] = {
    "sql": ("x' OR '1'='1'; DROP TABLE cases; --", False),
    "script": ('"><script>alert("netralitas")</script>', False),
    "nul": ("laporan\x00rahasia", True),
    "control": ("teks\x1b[2J\x07", True),
    "huge_number": ("9" * 30, True),
    "oversized": ("A" * 200_000, False),
}
#: PostgreSQL is where NUL and huge numbers used to fail; the rest is checked on SQLite.
PG_PAYLOADS = ("nul", "control", "huge_number", "sql")
#: Ids in addresses: the values that used to break them (the rest only goes in query and body).
PATH_PAYLOADS = ("nul", "huge_number", "sql", "script")


@dataclass(frozen=True)
class Target:
    method: str
    path: str
    params: tuple[str, ...]
    is_api: bool
    body_model: Any


def app_routes(world: SqlWorld) -> Iterator[Any]:
    """Every endpoint route, also through FastAPI's lazily included routers."""
    for route in world.app.router.routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "effective_route_contexts"):
            yield from route.effective_route_contexts()


def targets(world: SqlWorld) -> Iterator[Target]:
    for route in app_routes(world):
        for method in sorted(route.methods):
            model = route.body_field.field_info.annotation if route.body_field is not None else None
            params = tuple(re.findall(r"{(\w+)}", route.path))
            yield Target(method, route.path, params, route.path.startswith("/api/"), model)


def user_for(path: str) -> str | None:
    for prefix, user in (
        ("/admin", "admin"),
        ("/ppk", "ppk_sleman"),
        ("/petugas", "satgas"),
        ("/akun", "satgas"),
    ):
        if path.startswith(prefix):
            return user
    return None


def fill_path(target: Target, world: SqlWorld, value: str | None) -> str:
    real = {
        "case_id": world.case["case_id"], "evidence_id": world.case["evidence_id"],
        "decision_id": "tidak-ada", "username": "pemeriksa", "action": "pesan", "topic_id": "like",
    }  # fmt: skip
    path = target.path
    for name in target.params:
        path = path.replace(
            f"{{{name}}}", quote(value if value is not None else real.get(name, "x"), safe="")
        )
    return path


def json_body(model: Any, value: str) -> Any:
    """Every string field of the body model set to ``value`` (numbers to 1, lists of strings)."""
    if model is None or not hasattr(model, "model_json_schema"):
        return {"value": value}
    schema = model.model_json_schema()
    body: dict[str, Any] = {}
    for name, spec in schema.get("properties", {}).items():
        kinds = {spec.get("type")} | {s.get("type") for s in spec.get("anyOf", [])}
        if "string" in kinds:
            body[name] = value
        elif "integer" in kinds:
            body[name] = int(value) if value.isdigit() else 1
        elif "array" in kinds:
            body[name] = [value]
    return body


class Attacker:
    def __init__(self, world: SqlWorld) -> None:
        self.world = world
        self.clients = {u: world.client(u) for u in ("admin", "ppk_sleman", "satgas")}
        self.clients[None] = world.client()  # type: ignore[index]
        token = self.clients[None].post("/api/v1/token", json={"username": "satgas", "password": PASSWORD})  # type: ignore[index]
        self.bearer = {"authorization": f"Bearer {token.json()['token']}"}
        self.tokens: dict[str | None, str] = {}

    def csrf(self, user: str | None, page: str) -> str:
        if user not in self.tokens:
            self.tokens[user] = csrf_from(self.clients[user].get(page).text)  # type: ignore[index]
        return self.tokens[user]

    def send(self, target: Target, value: str, *, in_path: bool) -> Any:
        short = value[:4000]  # addresses have their own limits (httpx: 64 KB)
        path = fill_path(target, self.world, short if in_path else None)
        query = dict.fromkeys(("q", "page", "status", "offset", "region", "limit", "lang"), short)
        if target.is_api:
            client = self.clients[None]  # type: ignore[index]
            kwargs: dict[str, Any] = {"headers": self.bearer}
            if target.method == "GET":
                return client.get(path, params=query, **kwargs)
            return client.request(target.method, path, json=json_body(target.body_model, value), **kwargs)
        user = user_for(target.path)
        client = self.clients[user]  # type: ignore[index]
        if target.method == "GET":
            return client.get(path, params=query, follow_redirects=False)
        form = dict.fromkeys(FIELD_NAMES, value) | {
            CSRF_FIELD: self.csrf(user, "/lapor" if user is None else "/akun/sandi")
        }
        return client.request(target.method, path, data=form, follow_redirects=False)


def check_answer(world: SqlWorld, response: Any, before: dict[str, int], label: str, refused: bool) -> None:
    assert response.status_code < 500, f"{label}: {response.status_code} {response.text[:300]}"
    if refused:
        assert 400 <= response.status_code < 500, f"{label}: {response.status_code}"
        assert world.counts() == before, f"{label}: stored something"
    if "text/html" in response.headers.get("content-type", ""):
        doc = lxml.html.document_fromstring(response.text or "<html></html>")
        assert not doc.xpath("//script[contains(., 'netralitas')]"), f"{label}: script reflected"


def attack_every_route(world: SqlWorld, payloads: tuple[str, ...]) -> int:
    attacker, sent = Attacker(world), 0
    for target in targets(world):
        for name in payloads:
            value, refused = HOSTILE[name]
            for in_path in (False, True) if target.params and name in PATH_PAYLOADS else (False,):
                must_refuse = refused
                before = world.counts() if must_refuse else {}
                response = attacker.send(target, value, in_path=in_path)
                where = "path" if in_path else "query/body"
                check_answer(
                    world, response, before, f"{target.method} {target.path} {name} in {where}", must_refuse
                )
                sent += 1
    assert verify_trail(world.world.backend.make_uow(), world.world.backend.kit).ok
    return sent


def test_every_route_survives_hostile_values(sql_world: SqlWorld, backend: tuple[str, str]) -> None:
    payloads = tuple(HOSTILE) if backend[0] == "sqlite" else PG_PAYLOADS
    sent = attack_every_route(sql_world, payloads)
    assert sent > 200  # the router really was enumerated


def test_malformed_multipart_is_a_clean_4xx(sql_world: SqlWorld) -> None:
    client, before = sql_world.client(), sql_world.counts()
    for path in ("/lapor", "/api/v1/reports/files", "/status"):
        response = client.post(
            path, content=b"--xx\r\nContent-Disposition: form-data; name=\"a\r\n\r\nbroken",
            headers={"content-type": "multipart/form-data; boundary=xx"},
        )  # fmt: skip
        assert 400 <= response.status_code < 500, (path, response.status_code)
    assert sql_world.counts() == before


def test_disguised_files_are_refused_and_nothing_stored(sql_world: SqlWorld) -> None:
    client = sql_world.client()
    page = client.get("/lapor")
    fields = {
        "description": "Kepala dinas memasang spanduk calon di kantor dinas pada jam kerja.",
        "act_on": "2024-10-01", "region_code": "34.04", "person_name": "Budi", "employee_type": "pns",
        CSRF_FIELD: csrf_from(page.text),
        "form_nonce": lxml.html.document_fromstring(page.text).xpath("//input[@name='form_nonce']/@value")[0],
    }  # fmt: skip
    disguised = b"\x89PNG\r\n\x1a\n" + b"<script>alert(1)</script>"
    before = sql_world.counts()
    response = client.post("/lapor", data=fields, files={"files": ("foto.png", disguised, "image/png")})
    assert response.status_code == 422
    assert sql_world.counts() == before


def test_forged_csrf_session_and_token_are_refused(sql_world: SqlWorld) -> None:
    satgas = sql_world.client("satgas")
    before = sql_world.counts()
    case_id = sql_world.case["case_id"]
    forged = satgas.post(f"/petugas/kasus/{case_id}/pesan", data={"body": "halo", CSRF_FIELD: "palsu"})
    assert forged.status_code == 403
    stranger = sql_world.client()
    stranger.cookies.set(SESSION_COOKIE, "eyJ1aWQiOiAxfQ==.palsu.tandatangan")
    page = stranger.get(f"/petugas/kasus/{case_id}", follow_redirects=False)
    assert page.status_code in (303, 401) and "masuk" in page.headers.get("location", "/masuk")
    api = stranger.get(f"/api/v1/cases/{case_id}", headers={"authorization": "Bearer eyJ1aWQiOjF9.palsu"})
    assert api.status_code == 401
    assert sql_world.counts() == before


@pytest.mark.parametrize(
    "raw", [b'{"username": "\\ud800", "password": "x"}', b'{"username": "a\\u0000b", "password": "x"}']
)
def test_json_with_unencodable_or_nul_text_is_a_clean_422(sql_world: SqlWorld, raw: bytes) -> None:
    response = sql_world.client().post(
        "/api/v1/token", content=raw, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "input_not_allowed"
