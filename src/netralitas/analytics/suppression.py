"""Statistical disclosure control of a two-way table with its margins (what the open data
publishes): cells from 1 to 4 are suppressed (primary), then more cells are suppressed
(secondary) until no suppressed value can be worked out from what is published.

Secondary suppression first gives every row and column that has one suppressed cell a second
one (the smallest other cell, else its total); then every suppressed cell is checked by linear
programming (SciPy's HiGHS): the smallest and largest value it can take given the published
cells, the row, column and grand totals and non-negativity. A cell whose range is a single value
is recoverable, so another cell of its row is suppressed, and the check runs again. Tables of
counts with margins are totally unimodular, so the LP bounds are whole numbers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog  # type: ignore[import-untyped]

THRESHOLD = 5
TOTAL = "__total__"
Cell = tuple[str, str]  # (row key, column key); TOTAL in either position is a margin


@dataclass(frozen=True)
class Protected:
    rows: tuple[str, ...]
    cols: tuple[str, ...]
    values: Mapping[Cell, int]
    suppressed: frozenset[Cell]
    primary: frozenset[Cell]

    def shown(self, cell: Cell) -> int | None:
        return None if cell in self.suppressed else self.values[cell]


def with_margins(rows: Sequence[str], cols: Sequence[str], counts: Mapping[Cell, int]) -> dict[Cell, int]:
    values = {(r, c): int(counts.get((r, c), 0)) for r in rows for c in cols}
    for r in rows:
        values[(r, TOTAL)] = sum(values[(r, c)] for c in cols)
    for c in cols:
        values[(TOTAL, c)] = sum(values[(r, c)] for r in rows)
    values[(TOTAL, TOTAL)] = sum(values[(r, TOTAL)] for r in rows)
    return values


def _lines(rows: Sequence[str], cols: Sequence[str]) -> list[list[Cell]]:
    rr, cc = [*rows, TOTAL], [*cols, TOTAL]
    return [[(r, c) for c in cc] for r in rr] + [[(r, c) for r in rr] for c in cc]


def _lines_of(rows: Sequence[str], cols: Sequence[str], r: str, col: str) -> list[list[Cell]]:
    return [[(r, c) for c in [*cols, TOTAL]], [(x, col) for x in [*rows, TOTAL]]]


def _partner(line: list[Cell], values: Mapping[Cell, int], hidden: set[Cell]) -> Cell | None:
    """The cheapest other cell of a line to hide: smallest positive inner cell, then zeros, then totals."""
    options = [c for c in line if c not in hidden]
    return min(options, key=lambda c: (TOTAL in c, values[c] == 0, values[c]), default=None)


def _line_pass(
    rows: Sequence[str], cols: Sequence[str], values: Mapping[Cell, int], hidden: set[Cell]
) -> bool:
    changed = False
    for line in _lines(rows, cols):
        if sum(1 for c in line if c in hidden) == 1:
            found = _partner(line, values, hidden)
            if found is not None:
                hidden.add(found)
                changed = True
    return changed


def bounds(
    rows: Sequence[str], cols: Sequence[str], values: Mapping[Cell, int], hidden: set[Cell]
) -> dict[Cell, tuple[float, float]]:
    """(min, max) of each hidden cell given everything published (an intruder's best bounds)."""
    unknown = sorted(hidden)
    if not unknown:
        return {}
    index = {c: i for i, c in enumerate(unknown)}
    eq_rows, eq_rhs = [], []
    for line in _lines(rows, cols):
        total = line[-1]
        coeffs = np.zeros(len(unknown))
        rhs = 0.0
        for cell in line[:-1]:
            if cell in index:
                coeffs[index[cell]] += 1
            else:
                rhs -= values[cell]
        if total in index:
            coeffs[index[total]] -= 1
        else:
            rhs += values[total]
        eq_rows.append(coeffs)
        eq_rhs.append(rhs)
    a_eq, b_eq = np.array(eq_rows), np.array(eq_rhs)
    out = {}
    for cell, i in index.items():
        c = np.zeros(len(unknown))
        c[i] = 1
        low = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        high = linprog(-c, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        out[cell] = (float(low.fun), float(-high.fun) if high.status == 0 else float("inf"))
    return out


def protect(rows: Sequence[str], cols: Sequence[str], counts: Mapping[Cell, int]) -> Protected:
    values = with_margins(rows, cols, counts)
    primary = {c for c, n in values.items() if 0 < n < THRESHOLD}
    hidden = set(primary)
    for _ in range(len(values)):
        while _line_pass(rows, cols, values, hidden):
            pass
        exact = [c for c, (lo, hi) in bounds(rows, cols, values, hidden).items() if hi - lo < 0.5]
        if not exact:
            break
        r, col = exact[0]
        candidates = (_partner(line, values, hidden) for line in _lines_of(rows, cols, r, col))
        found = next((c for c in candidates if c is not None), None)
        if found is None:
            break
        hidden.add(found)
    return Protected(tuple(rows), tuple(cols), values, frozenset(hidden), frozenset(primary))
