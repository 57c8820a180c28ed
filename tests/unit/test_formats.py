"""netralitas.formats: dates, moments, numbers and rupiah through Babel's id and en locales."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netralitas import formats


def test_days_in_both_languages_from_dates_datetimes_and_iso_text() -> None:
    assert formats.long_day(date(2024, 11, 27)) == "27 November 2024"
    assert formats.long_day(date(2024, 2, 14), "en") == "14 February 2024"
    assert formats.long_day("2024-08-17") == "17 Agustus 2024"
    assert formats.long_day(date(2024, 5, 1), "xx") == "1 Mei 2024"  # unknown language: Indonesian
    # A moment is dated in Jakarta: 20:00 UTC on 31 December is already 1 January there.
    assert formats.long_day(datetime(2024, 12, 31, 20, 0, tzinfo=UTC)) == "1 Januari 2025"
    assert formats.long_day(None) == formats.long_day("") == "—"
    assert formats.long_day("belum tahu") == "belum tahu"  # free text is shown as it is


def test_moments_are_jakarta_time() -> None:
    moment = datetime(2024, 11, 27, 3, 5, tzinfo=UTC)
    assert formats.long_moment(moment) == "27 November 2024 10.05 WIB"
    assert formats.long_moment(moment, "en") == "27 November 2024 10:05 WIB"
    assert formats.long_moment(None) == "—"


def test_months_numbers_and_rupiah() -> None:
    assert formats.month_year(date(2024, 11, 1)) == "November 2024"
    assert formats.month_year(date(2024, 8, 1), "en") == "August 2024"
    assert formats.number(1234567) == "1.234.567"
    assert formats.number(1234567, "en") == "1,234,567"
    assert formats.number(2.5) == "2,5"
    assert formats.number(None) == "—"
    assert formats.rupiah(36_000_000) == "Rp36.000.000"
    assert formats.rupiah(Decimal(1_500_000), "en") == "IDR1,500,000"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_language_has_a_babel_locale(lang: str) -> None:
    from netralitas.web.i18n import LANGUAGES

    assert set(formats.LOCALES) == set(LANGUAGES)
    assert formats.babel_locale(lang).startswith(lang)


@settings(max_examples=300, deadline=None)
@given(
    value=st.one_of(st.integers(min_value=-(10**15), max_value=10**15), st.sampled_from([0, 999, 1000])),
    lang=st.sampled_from(["id", "en", "xx"]),
)
def test_counts_are_written_as_babel_writes_them(value: int, lang: str) -> None:
    """``number`` writes whole counts without Babel (every page shows some): same text."""
    from babel.numbers import format_decimal

    from netralitas.formats import babel_locale, number

    assert number(value, lang) == format_decimal(value, locale=babel_locale(lang))
