"""Dates, moments, numbers and rupiah amounts as people read them, in Indonesian or English.

The one place that formats values for people: page filters (``long_day``, ``long_moment``,
``month_year``, ``number``, ``rupiah``, registered by ``web.vocabulary``), letters
(``analytics.letter_facts``), circulars and briefs (``outreach``) and the catalogue's penalty
texts all call these functions. Babel's CLDR data does the work; nothing here knows a month name.

- ``id`` uses Babel's ``id`` locale: "27 November 2024", "27 November 2024 10.05 WIB",
  "1.234.567", "Rp1.500.000".
- ``en`` uses Babel's ``en_GB`` (English with the day before the month, as the Indonesian
  original reads and as international readers of Indonesian documents expect):
  "27 November 2024", "27 November 2024 10:05 WIB", "1,234,567", "IDR1,500,000".

Data files, exports and the API keep ISO 8601 dates (``date.isoformat()``): these helpers are for
text that a person reads.
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from decimal import Decimal

from babel.dates import format_date, format_time
from babel.numbers import format_currency, format_decimal

from netralitas.clock import JAKARTA

#: The interface languages and the Babel (CLDR) locale each one formats with.
LOCALES = {"id": "id", "en": "en_GB"}
#: What is shown for a value that is not there.
MISSING = "—"


def babel_locale(lang: str) -> str:
    """The Babel locale for an interface language (anything unknown reads as Indonesian)."""
    return LOCALES.get(lang, LOCALES["id"])


def _as_day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.astimezone(JAKARTA).date() if value.tzinfo is not None else value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def long_day(value: object, lang: str = "id") -> str:
    """A day in words: "27 November 2024" (dates, aware datetimes in Jakarta, ISO strings).

    ``None`` or an empty value reads "—"; a string that is not a date is shown as it is."""
    day = _as_day(value)
    if day is None:
        return value if isinstance(value, str) and value else MISSING
    return _long_day(day, lang)


@functools.lru_cache(maxsize=4096)
def _long_day(day: date, lang: str) -> str:
    """Babel's long date, kept: a queue page writes a few dozen per view, ~40 µs each."""
    return format_date(day, "long", locale=babel_locale(lang))


def long_moment(value: datetime | None, lang: str = "id") -> str:
    """A moment in Jakarta time: "27 November 2024 10.05 WIB" ("—" when there is none)."""
    if value is None:
        return MISSING
    local = value.astimezone(JAKARTA)
    where = babel_locale(lang)
    return (
        f"{format_date(local.date(), 'long', locale=where)} {format_time(local, 'short', locale=where)} WIB"
    )


def month_year(value: object, lang: str = "id") -> str:
    """A month: "November 2024"."""
    day = _as_day(value)
    if day is None:
        return MISSING
    return format_date(day, "MMMM y", locale=babel_locale(lang))


def short_month(value: object, lang: str = "id") -> str:
    """A month where space is short (chart axes): "Agu 2024" / "Aug 2024"."""
    day = _as_day(value)
    if day is None:
        return MISSING
    return format_date(day, "MMM y", locale=babel_locale(lang))


def number(value: int | float | Decimal | None, lang: str = "id") -> str:
    """A count or measure with the language's separators: "1.234.567" / "1,234,567"."""
    if value is None:
        return MISSING
    if type(value) is int and value >= 0:  # counts: every page shows some, Babel's path is ~100x slower
        return f"{value:,}".replace(",", _group_symbol(lang))
    return format_decimal(value, locale=babel_locale(lang))


@functools.cache
def _group_symbol(lang: str) -> str:
    """The thousands separator Babel writes for ``lang`` (read from Babel once)."""
    return format_decimal(1000, locale=babel_locale(lang))[1:-3]


def rupiah(amount: int | Decimal | None, lang: str = "id") -> str:
    """An amount in rupiah: "Rp1.500.000" (Indonesian), "IDR1,500,000" (English)."""
    if amount is None:
        return MISSING
    return format_currency(amount, "IDR", locale=babel_locale(lang))


__all__ = [
    "LOCALES",
    "MISSING",
    "babel_locale",
    "long_day",
    "long_moment",
    "month_year",
    "number",
    "rupiah",
    "short_month",
]
