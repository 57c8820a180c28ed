"""netralitas.web.queue_rows: the queue's rows written in Python escape what the records and the
translations carry, as the template's autoescaping did, and show assignees and deadline badges."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

from netralitas.cases.records import CaseAssignment
from netralitas.cases.workflow import CaseStatus
from netralitas.web.i18n import plural_translator, translator
from netralitas.web.queue_rows import queue_rows

TODAY = date(2024, 11, 20)


def _case(cid: str, title: str, number: str = "NTR-1", act_on: date | None = None) -> Any:
    return SimpleNamespace(
        id=cid, number=number, title=title, region_code="34.04", act_on=act_on, status=CaseStatus.RECEIVED
    )


def _rows(lang: str, cases: list[Any], **kw: Any) -> str:
    return str(
        queue_rows(
            cases, kw.get("holders", {}), kw.get("names", {}), kw.get("badges", {}), TODAY, lang,
            translator(lang), plural_translator(lang),
        )
    )  # fmt: skip


def test_record_text_is_escaped_and_the_markup_around_it_is_not() -> None:
    html = _rows("id", [_case("c1", '<script>alert("x")</script>', number='N"1&')])
    assert "<script>" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert 'aria-label="Pilih kasus N&#34;1&amp;"' in html and ">N&#34;1&amp;</a>" in html
    assert '<tr data-case-id="c1">' in html and '<span class="muted">belum ditugaskan</span>' in html
    assert "Kabupaten Sleman" in html and ">Diterima<" in html
    assert 'name="v_c1" value="0"' in html


def test_assignee_version_badges_and_english() -> None:
    holder = CaseAssignment("c1", "u1", "u0", datetime(2024, 11, 1, tzinfo=UTC), version=3)
    badges: dict[str, Any] = {
        "c1": SimpleNamespace(due_on=date(2024, 11, 17)),
        "c2": SimpleNamespace(due_on=date(2024, 11, 25)),
    }
    cases = [_case("c1", "A", act_on=date(2024, 10, 1)), _case("c2", "B")]
    html = _rows("en", cases, holders={"c1": holder}, names={"u1": "Budi <b>"}, badges=badges)
    assert '<td class="assignee">Budi &lt;b&gt;</td>' in html and 'name="v_c1" value="3"' in html
    assert "3 days late" in html
    assert "deadline-overdue" in html and "deadline-soon" in html and "25 November 2024" in html
    assert "1 October 2024" in html and "Select case NTR-1" in html and "not assigned" in html


def test_values_are_escaped_exactly_as_markupsafe_escapes_them() -> None:
    """The rows escape with markupsafe's own escaper (no ``Markup`` per value): the same text
    as ``markupsafe.escape`` for every character it replaces, and for values that are no str."""
    from markupsafe import escape

    from netralitas.web import queue_rows as module

    for value in ["a&b<c>d\"e'f", "", "Jalan Ä ' \" & <b>", "&amp;", 7]:
        assert module._text(str(value)) == str(escape(value))
    tricky = "&<>\"'"
    holder = CaseAssignment("c&1", "u1", "u0", datetime(2024, 11, 1, tzinfo=UTC), version=3)
    case = _case("c&1", tricky, number=tricky, act_on=date(2024, 10, 1))
    html = _rows("en", [case], holders={"c&1": holder}, names={"u1": tricky})
    e = str(escape(tricky))
    assert html.count(e) == 4  # the title, the number, its aria label, the assignee
    assert f'aria-label="Select case {e}"' in html and f">{e}</a>" in html and f"<td>{e}<br>" in html
    assert '<tr data-case-id="c&amp;1">' in html and 'name="v_c&amp;1" value="3"' in html
    assert tricky not in html


def test_status_options_mark_the_chosen_statuses_with_counts_in_the_language() -> None:
    from netralitas.web.queue_rows import status_options

    html = str(status_options({"received": 1234, "examination": 2}, {"received", "merged"}, "id"))
    lines = html.split("\n")
    assert len(lines) == len(CaseStatus) and all(line.startswith("      <option value=") for line in lines)
    assert '      <option value="received" selected>Diterima (1234)</option>' in lines
    assert '<option value="merged" selected>' in html and '<option value="examination">' in html
    assert (
        "(2)</option>" in html and html.count(" selected") == 2 and html.count("(0)") == len(CaseStatus) - 2
    )
    english = str(status_options({}, set(), "en"))
    assert '<option value="received">Received (0)</option>' in english and "selected" not in english
