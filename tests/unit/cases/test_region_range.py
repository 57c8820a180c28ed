"""A scope as one index range: ``region_range`` agrees with ``region_contains`` on any codes,
including the ones that break naive ranges or LIKE patterns ("64" vs "640", "64-x", "64/")."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from netralitas.cases.roles import region_contains, region_range

#: Digits and dots, plus the characters right around "." and "/" in code-point order.
CODES = st.text(alphabet="0123456789.-/ _%", max_size=9)


def in_range(scope: str, code: str) -> bool:
    low, children, high = region_range(scope)
    return low <= code < high and (code == low or code >= children)


@given(scope=CODES.filter(bool), code=CODES)
@example(scope="64", code="64.01")
@example(scope="64", code="640")
@example(scope="64", code="64-x")
@example(scope="64", code="64/")
@example(scope="64.0", code="64.01")
@example(scope="64.01", code="64.01.2")
def test_the_range_holds_exactly_the_codes_in_scope(scope: str, code: str) -> None:
    assert in_range(scope, code) == region_contains(scope, code)


def test_the_range_is_one_interval_in_code_point_order() -> None:
    codes = sorted(["6", "64", "64-x", "64.01", "64.01.05", "64.7", "64/", "640", "65", "64.", "63.99"])
    low, _, high = region_range("64")
    inside = [c for c in codes if low <= c < high]
    assert inside == ["64", "64-x", "64.", "64.01", "64.01.05", "64.7"]  # "64-x" is dropped by the filter
    assert [c for c in inside if in_range("64", c)] == ["64", "64.", "64.01", "64.01.05", "64.7"]
