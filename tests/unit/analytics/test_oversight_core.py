"""Pure parts of oversight: filters, narrowing, charts, maps, series phases, comparison, templates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import lxml.etree
import pytest

from netralitas.analytics.dashboard import Names, build_series, compare, previous_election
from netralitas.analytics.filters import FactFilter, OversightFilter, Scope, narrow, parse_filter
from netralitas.analytics.letters import (
    FACT_LABELS,
    Block,
    LetterFacts,
    compose,
    load_template,
    missing_facts,
)
from netralitas.analytics.maps import VIRIDIS, choropleth, class_breaks, colour_for, shapes
from netralitas.analytics.mapview import build_map
from netralitas.analytics.model import Breakdown, Dimension, PpkCounts, Row
from netralitas.analytics.svg import bar_chart, series_chart
from netralitas.errors import ValidationError
from netralitas.rules.catalogue import default_catalogue

CATALOGUE = default_catalogue()


def test_unknown_filter_values_are_named_and_dropped() -> None:
    params = {"pemilihan": "pemilu-2099", "wilayah": "33.74", "dari": "2024-13-01", "sampai": "2024-02",
              "perilaku": "like_comment_share", "instansi": "x"}  # fmt: skip
    found, errors = parse_filter(
        params, elections=CATALOGUE.elections, regions={"33", "33.74"}, agencies={"a"}
    )
    assert {e.field for e in errors} == {"pemilihan", "dari", "instansi"}
    assert found == OversightFilter(None, "33.74", None, None, date(2024, 2, 1), "like_comment_share")
    assert all(e.message and e.message_en for e in errors)
    _, errors = parse_filter({"wilayah": "33.99"}, elections=(), regions={"33"})
    assert errors[0].field == "wilayah" and "33.99" in errors[0].message


def test_narrowing_never_widens_the_scope() -> None:
    applied, errors = narrow(OversightFilter(region="33"), Scope("33.74", "pemda-33.74"))
    assert (applied.region, applied.agency_id, errors) == ("33.74", "pemda-33.74", ())
    applied, errors = narrow(OversightFilter(region="34", agency_id="other"), Scope("33.74", "pemda-33.74"))
    assert (applied.region, applied.agency_id) == ("33.74", "pemda-33.74")
    assert {e.field for e in errors} == {"wilayah", "instansi"}


def _parse_svg(svg: str) -> lxml.etree._Element:
    return lxml.etree.fromstring(svg.encode())


def test_bar_chart_escapes_labels_and_carries_numbers() -> None:
    chart = Breakdown(
        "x", "Judul <b>", "Title", (Row("a", "<script>", "<script>", 7), Row("b", "B & C", "B", 0))
    )
    doc = _parse_svg(bar_chart(chart))
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert [g.get("data-count") for g in doc.xpath("//s:g[@class='bar']", namespaces=ns)] == ["7", "0"]
    assert "<script>" not in bar_chart(chart)


def test_series_marks_the_election_phases_from_the_catalogue() -> None:
    where = FactFilter(election_ids=("pemilu-2024",))
    series = build_series({date(2023, 11, 1): 3, date(2024, 2, 1): 9}, CATALOGUE, where)
    assert [m for m, _ in series.months] == [
        date(2023, 11, 1),
        date(2023, 12, 1),
        date(2024, 1, 1),
        date(2024, 2, 1),
    ]
    assert [n for _, n in series.months] == [3, 0, 0, 9]
    kinds = {p.kind: (p.start_on, p.end_on) for p in series.phases}
    e = CATALOGUE.elections["pemilu-2024"]
    assert kinds["vote"] == (e.vote_on, e.vote_on) and kinds["campaign"] == (
        e.campaign_start_on,
        e.campaign_end_on,
    )
    doc = _parse_svg(series_chart(series))
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert len(doc.xpath("//s:rect[@class='month']", namespaces=ns)) == 4
    assert doc.xpath("//s:rect[contains(@class, 'phase-vote')]", namespaces=ns)


class _Source:
    def counts(self, dimension: Dimension, where: FactFilter) -> dict[str, int]:
        return {
            "pemilu-2024": {"social_media_post": 12},
            "pemilu-2019": {"social_media_post": 4, "other": 2},
        }[where.election_ids[0]]

    def ppk(self, where: FactFilter, today: date, by: str = "agency_id") -> list[PpkCounts]:
        return []


def test_comparison_takes_the_previous_election_of_the_same_kind() -> None:
    previous = previous_election(CATALOGUE, "pemilu-2024")
    assert previous is not None and previous.id == "pemilu-2019"
    found = compare(_Source(), CATALOGUE, FactFilter(election_ids=("pemilu-2024",)))  # type: ignore[arg-type]
    assert found is not None and found.previous_id == "pemilu-2019"
    rows = {r.key: (r.current, r.previous, r.change) for r in found.rows}
    assert rows == {"social_media_post": (12, 4, 8), "other": (0, 2, -2), "total": (12, 6, 6)}
    assert compare(_Source(), CATALOGUE, FactFilter()) is None  # type: ignore[arg-type]


def test_choropleth_colours_by_any_value_per_region_and_links_each() -> None:
    values = {"33": 10.0, "34": 2.0, "35": None}
    svg = choropleth("provinsi", values, title="t", link=lambda code: f"/x?r={code}")
    doc = _parse_svg(svg)
    ns = {"s": "http://www.w3.org/2000/svg"}
    fills = {
        p.get("data-code"): p.get("fill") for p in doc.xpath("//s:path", namespaces=ns) if p.get("data-code")
    }
    assert len(fills) == len(shapes("provinsi")) == 38
    assert fills["33"] == VIRIDIS[-1] and fills["35"] == "url(#nodata)" and fills["11"] == "url(#nodata)"
    assert doc.xpath("//s:a[@href='/x?r=33']", namespaces=ns)
    assert class_breaks([0.0, 1.0, 2.0, 3.0]) == (1.0, 2.0, 3.0)
    assert colour_for(0.0, (1.0,)) == "#ffffff"
    semarang = choropleth("kabkota", {"33.74": 1.0}, title="t", within="33")
    assert semarang.count('class="region"') == 35  # Jawa Tengah: 29 kabupaten + 6 kota


def test_geometry_is_lng_lat_inside_indonesia() -> None:
    for s in shapes("kabkota"):
        x0, y0, x1, y1 = s.bounds
        assert 0 <= x0 < x1 <= 50 * 20 and 0 <= y0 < y1 <= 20 * 20, s.code


def test_letter_templates_name_missing_facts_and_refuse_unknown_placeholders(tmp_path: Path) -> None:
    template = load_template("recommendation")
    facts = LetterFacts({"case_number": "NTR-1", "today": "1 Januari 2025"}, (), (), ())
    missing = missing_facts(template, facts)
    assert {"person_name", "findings", "ppk_due_on", "signer_name"} <= set(missing)
    with pytest.raises(ValidationError) as caught:
        compose(template, facts, "001")
    assert caught.value.code == "letter_facts_missing" and FACT_LABELS["person_name"] in caught.value.message
    (tmp_path / "summary.yaml").write_text(
        (Path(__file__).parents[3] / "src/netralitas/analytics/data/letters/summary.yaml")
        .read_text(encoding="utf-8")
        .replace("{case_number}", "{case.__class__}", 1),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="tidak dikenal"):
        load_template("summary", tmp_path)
    values = {k: "v" for k in FACT_LABELS}
    letter = compose(load_template("summary"), LetterFacts(values, (("a", "b"),), (), ()), "007/X")
    assert letter.number == "007/X" and Block(rows=(("a", "b"),)) in letter.blocks


def test_names_are_used_for_regions() -> None:
    names = Names(region=lambda c: f"R{c}", agency=lambda a: f"A{a}")
    assert names.region("33") == "R33"


def test_the_map_colours_a_given_measure_inside_the_scope_only() -> None:
    """``kerawanan`` (the guidance vulnerability index) is handed in per region; the map shows the
    values of the regions inside the filter's region and hatches those without one."""

    class Counts(_Source):
        def counts(self, dimension: Dimension, where: FactFilter) -> dict[str, int]:
            return {"33.74": 3}

    given = {"33.74": 62.5, "33.01": 10.0, "34.04": 80.0}
    view = build_map(
        Counts(), "kabkota", "kerawanan", FactFilter(region="33"), date(2024, 10, 1), given=given
    )  # type: ignore[arg-type]
    rows = {r.code: r for r in view.rows}
    assert "34.04" not in rows and rows["33.74"].value == 62.5 and rows["33.74"].count == 3
    assert rows["33.02"].value is None  # no roster there: no index, hatched
    assert view.title == "Indeks kerawanan (0-100)"
    ns = {"s": "http://www.w3.org/2000/svg"}
    fills = {p.get("data-code"): p.get("fill") for p in _parse_svg(view.svg).xpath("//s:path", namespaces=ns)}
    assert fills["33.02"] == "url(#nodata)" and fills["33.74"] != "url(#nodata)"
