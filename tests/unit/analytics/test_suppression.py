"""Open-data suppression: no cell under 5 is published and no suppressed cell can be worked out
from what is published (checked by an LP written independently of the module's own)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from netralitas.analytics.suppression import TOTAL, Protected, protect


def _intruder_range(p: Protected, cell: tuple[str, str]) -> tuple[float, float]:
    """All cells (inner and margins) are variables; published ones are fixed by their bounds."""
    cells = list(p.values)
    at = {c: i for i, c in enumerate(cells)}
    equations = []
    for r in (*p.rows, TOTAL):
        row = np.zeros(len(cells))
        for c in p.cols:
            row[at[(r, c)]] = 1
        row[at[(r, TOTAL)]] = -1
        equations.append(row)
    for c in (*p.cols, TOTAL):
        col = np.zeros(len(cells))
        for r in p.rows:
            col[at[(r, c)]] = 1
        col[at[(TOTAL, c)]] = -1
        equations.append(col)
    fixed = [(None, None) if c in p.suppressed else (p.values[c], p.values[c]) for c in cells]
    limits = [(0, None) if lo is None else (lo, hi) for lo, hi in fixed]
    goal = np.zeros(len(cells))
    goal[at[cell]] = 1
    a, b = np.array(equations), np.zeros(len(equations))
    low = linprog(goal, A_eq=a, b_eq=b, bounds=limits, method="highs")
    high = linprog(-goal, A_eq=a, b_eq=b, bounds=limits, method="highs")
    return low.fun, (-high.fun if high.status == 0 else float("inf"))


tables = st.integers(1, 5).flatmap(
    lambda n_rows: st.integers(1, 4).flatmap(
        lambda n_cols: st.lists(
            st.one_of(st.integers(0, 6), st.integers(0, 40)),
            min_size=n_rows * n_cols,
            max_size=n_rows * n_cols,
        ).map(lambda flat: (n_rows, n_cols, flat))
    )
)


@settings(max_examples=40, deadline=None)
@given(tables)
def test_no_small_cell_is_published_and_none_is_recoverable(table: tuple[int, int, list[int]]) -> None:
    n_rows, n_cols, flat = table
    rows, cols = [f"r{i}" for i in range(n_rows)], [f"c{j}" for j in range(n_cols)]
    counts = {(r, c): flat[i * n_cols + j] for i, r in enumerate(rows) for j, c in enumerate(cols)}
    p = protect(rows, cols, counts)
    for cell, n in p.values.items():
        if 0 < n < 5:
            assert cell in p.suppressed, cell
    for cell in p.suppressed:
        low, high = _intruder_range(p, cell)
        assert low <= p.values[cell] <= high
        assert high - low >= 1 - 1e-6, (cell, low, high, p.values[cell])


def test_one_small_cell_in_a_row_takes_a_partner_and_totals_stay_true() -> None:
    rows, cols = ["33", "34"], ["a", "b", "c"]
    counts = {
        ("33", "a"): 3,
        ("33", "b"): 20,
        ("33", "c"): 30,
        ("34", "a"): 12,
        ("34", "b"): 15,
        ("34", "c"): 9,
    }
    p = protect(rows, cols, counts)
    assert ("33", "a") in p.primary and len(p.suppressed) >= 4  # a rectangle at least
    assert p.values[(TOTAL, TOTAL)] == 89
    assert ("33", "b") in p.suppressed or ("34", "a") in p.suppressed
