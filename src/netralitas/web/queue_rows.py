"""The rows of the officer queue's table, written once in Python per view instead of by ~20
template expressions per row (issue 10: the template was ~40% of a view's Python calls).

Every value that comes from a record (number, title, officer name, region, dates) or from a
translation is escaped as ``markupsafe.escape`` escapes it (the template's autoescaping did); only
the fixed markup around them is trusted. The translations are looked up once per page."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date
from typing import Any

from markupsafe import Markup, escape

try:  # the escaper ``markupsafe.escape`` calls, without wrapping each value in a ``Markup``
    from markupsafe._speedups import _escape_inner as _text
except ImportError:  # pragma: no cover (a build of markupsafe without its C speedups)
    from markupsafe._native import _escape_inner as _text

from netralitas import formats
from netralitas.cases.deadlines import OverdueItem
from netralitas.cases.records import Case, CaseAssignment
from netralitas.cases.workflow import STATUS_LABELS
from netralitas.web.regions import region_name

Translate = Callable[..., str]


def queue_rows(
    items: Sequence[Case],
    holders: Mapping[str, CaseAssignment],
    names: Mapping[str, str],
    badges: Mapping[str, OverdueItem],
    today: date,
    lang: str,
    t: Translate,
    tn: Translate,
) -> Markup:
    """The ``<tr>`` of each case of the page (the template writes the empty-page row)."""
    # Translations once per page (``t`` without values returns the message unformatted).
    pick = t("Pilih kasus {n}")
    due_soon = t("jatuh tempo {d}")
    unassigned = escape(t("belum ditugaskan"))
    label = 0 if lang == "id" else 1
    statuses: dict[Any, Markup] = {}
    regions: dict[str, Markup] = {}
    days: dict[date, str] = {}
    out: list[str] = []
    # ``_text(str(v))`` is ``str(escape(v))`` for the plain values of records (no ``__html__``)
    for c in items:
        cid = _text(str(c.id))
        number = _text(str(c.number))
        status = statuses.get(c.status)
        if status is None:
            status = statuses[c.status] = escape(STATUS_LABELS[c.status][label])
        region = regions.get(c.region_code)
        if region is None:
            region = regions[c.region_code] = escape(region_name(str(c.region_code or "")))
        if c.act_on:
            day = days.get(c.act_on)
            if day is None:
                day = days[c.act_on] = _text(formats.long_day(c.act_on, lang))
            where = f"{region} · {day}"
        else:
            where = region
        h = holders.get(c.id)
        if h:
            who = _text(str(names.get(h.assignee_id, "—")))
            version = _text(str(h.version))
        else:
            who, version = f'<span class="muted">{unassigned}</span>', "0"
        b = badges.get(c.id)
        if b and b.due_on < today:
            late = _text(tn("lewat {n} hari", "lewat {n} hari", (today - b.due_on).days))
            badge = f'<span class="badge bad deadline-overdue">{late}</span>\n'
        elif b:
            soon = _text(due_soon.format(d=formats.long_day(b.due_on, lang)))
            badge = f'<span class="badge warn deadline-soon">{soon}</span>\n'
        else:
            badge = '<span class="muted">—</span>'
        out.append(
            f'    <tr data-case-id="{cid}">\n'
            f'      <td><input type="checkbox" name="case_ids" value="{cid}" form="bulk" id="pick-{cid}"'
            f' aria-label="{_text(pick.format(n=c.number))}"><input type="hidden" name="v_{cid}"'
            f' value="{version}" form="bulk"> <a href="/petugas/kasus/{cid}">{number}</a></td>\n'
            f'      <td>{_text(str(c.title))}<br><span class="muted">{where}</span></td>\n'
            f"      <td>{status}</td>\n"
            f'      <td class="assignee">{who}</td>\n'
            f"      <td>\n{badge}      </td>\n"
            "    </tr>\n"
        )
    return Markup("".join(out))


#: (value, label) of each status per label language, escaped once (``status_options``)
_OPTIONS: dict[int, tuple[tuple[str, str, str], ...]] = {
    label: tuple((s.value, _text(s.value), _text(labels[label])) for s, labels in STATUS_LABELS.items())
    for label in (0, 1)
}


def status_options(counts: Mapping[str, int], selected: Collection[str], lang: str) -> Markup:
    """The status filter's ``<option>`` of each status, ``label (count)``, the chosen ones
    selected: one line each, as the template's loop wrote them (the labels are escaped once per
    process, the counts are numbers)."""
    return Markup(
        "\n".join(
            f'      <option value="{value}"{" selected" if raw in selected else ""}>{label}'
            f" ({_text(str(counts.get(raw, 0)))})</option>"
            for raw, value, label in _OPTIONS[0 if lang == "id" else 1]
        )
    )
