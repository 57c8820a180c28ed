"""Helpers for web tests: settings, HTML parsing, form fields."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from lxml.html import HtmlElement

from netralitas.config import Settings


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": tmp_path,
        "secret_key": "test-secret-key-for-web-tests",
        "secure_cookies": False,
        "receipt_hash_time_cost": 1,
        "receipt_hash_memory_kib": 1024,
        "password_hash_time_cost": 1,
        "password_hash_memory_kib": 1024,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def parse(html: str) -> HtmlElement:
    return lxml.html.document_fromstring(html)


def text_of(doc: HtmlElement, xpath: str) -> str:
    found = doc.xpath(xpath)
    assert found, f"nothing at {xpath}"
    return " ".join(" ".join(e.text_content().split()) for e in found)


def form_values(doc: HtmlElement, form_xpath: str = "//form[@method='post']") -> dict[str, str]:
    """The hidden and pre-filled fields of the first matching form (CSRF token included)."""
    form = doc.xpath(form_xpath)[0]
    values: dict[str, str] = {}
    for field in form.xpath(".//input[@name]"):
        if field.get("type") in ("checkbox", "radio") and field.get("checked") is None:
            continue
        if field.get("type") == "file":
            continue
        values[field.get("name")] = field.get("value", "")
    return values


def csrf_from(html: str) -> str:
    doc = parse(html)
    token = doc.xpath("//input[@name='csrf_token']/@value")
    token = token or doc.xpath("//meta[@name='csrf-token']/@content")
    assert token, "no CSRF token in page"
    return str(token[0])


def login(client: object, username: str, password: str) -> object:
    """Sign in through the form; returns the final response."""
    page = client.get("/masuk")  # type: ignore[attr-defined]
    token = csrf_from(page.text)
    return client.post(  # type: ignore[attr-defined]
        "/masuk", data={"username": username, "password": password, "csrf_token": token}
    )


def post_form(
    client: object, page_url: str, action: str, data: dict[str, object], **kwargs: object
) -> object:
    """Post ``data`` to ``action`` with the CSRF token taken from ``page_url``."""
    token = csrf_from(client.get(page_url).text)  # type: ignore[attr-defined]
    return client.post(action, data={**data, "csrf_token": token}, **kwargs)  # type: ignore[attr-defined]
