"""Issue 12: "Bolehkah?" gives one verdict and stays short on a 390 px phone (it ran to ~5,900 px)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from tests.browser.conftest import Site

PHONE_390 = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
#: About 1,000-1,400 px measured on 3 Dec 2026; the old page was 4,470-5,926 px for these questions.
MAX_HEIGHT = 2200


@pytest.mark.parametrize(
    "question",
    ["boleh gak PNS jadi admin grup WA relawan paslon?", "bolehkah istri ASN jadi caleg",
     "bolehkah ASN like postingan calon?"],
)  # fmt: skip
def test_one_verdict_card_and_a_short_page(browser: Any, site: Site, question: str) -> None:
    context = browser.new_context(**PHONE_390)
    page = context.new_page()
    page.goto(f"{site.url}/bolehkah?q={quote(question)}")
    assert page.locator("article.answer").count() == 1
    assert page.locator("details.rules[open]").count() == 0
    height = page.evaluate("document.documentElement.scrollHeight")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert height <= MAX_HEIGHT, height
    assert width <= 390, width  # no sideways scrolling
    if page.locator("details.rules").count():
        page.click("details.rules summary")
        assert page.locator("details.rules section.rule").first.is_visible()
    context.close()
