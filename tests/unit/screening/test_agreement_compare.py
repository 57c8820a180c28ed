"""compare.py of data/screening/agreement: Cohen's kappa by hand, and a run on the real files."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[3]
SCRIPT = REPO / "data" / "screening" / "agreement" / "compare.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("agreement_compare", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


compare = _load()


def test_kappa_of_a_hand_computed_binary_example() -> None:
    # 10 items. Both say yes on 5, both no on 3, A yes / B no on 1, A no / B yes on 1.
    # p_o = 8/10 = 0.8. Each annotator says yes 6 times: p_e = 0.6*0.6 + 0.4*0.4 = 0.52.
    # kappa = (0.8 - 0.52) / (1 - 0.52) = 0.28 / 0.48 = 7/12 = 0.58333...
    a = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0]
    b = [1, 1, 1, 1, 1, 0, 1, 0, 0, 0]
    assert compare.cohen_kappa(a, b) == pytest.approx(7 / 12)


def test_kappa_of_a_hand_computed_three_category_example() -> None:
    # 6 items, categories x/y/z. Agreement on items 1, 2, 4, 6: p_o = 4/6.
    # A: x=3, y=2, z=1; B: x=2, y=2, z=2. p_e = (3*2 + 2*2 + 1*2) / 36 = 12/36 = 1/3.
    # kappa = (2/3 - 1/3) / (1 - 1/3) = 1/2.
    a = ["x", "x", "x", "y", "y", "z"]
    b = ["x", "x", "y", "y", "z", "z"]
    assert compare.cohen_kappa(a, b) == pytest.approx(0.5)


def test_kappa_edge_cases() -> None:
    assert compare.cohen_kappa([True, False], [False, True]) == pytest.approx(-1.0)  # p_o 0, p_e 1/2
    assert compare.cohen_kappa([True, True, False], [True, True, False]) == pytest.approx(1.0)
    assert compare.cohen_kappa([False, False], [False, False]) is None  # p_e = 1: undefined
    with pytest.raises(ValueError):
        compare.cohen_kappa([True], [True, False])


def test_merge_keeps_the_human_reading_around_the_generated_block() -> None:
    old = f"# Title\n\nreading before\n\n{compare.BEGIN}\nold numbers\n{compare.END}\n\nreading after\n"
    new = compare.merge(old, "new numbers\n")
    assert "old numbers" not in new
    assert new.startswith("# Title\n\nreading before\n\n")
    assert "new numbers" in new
    assert new.endswith("reading after\n")


def test_runs_on_the_real_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "RESULTS.md"
    assert compare.main(["--out", str(out), "--bootstrap", "0"]) == 0
    printed = capsys.readouterr().out
    written = out.read_text(encoding="utf-8")
    assert printed in written

    items = compare.load(REPO)
    assert len(items) == 300
    assert sum(item.id.startswith("fz-") for item in items) == 150
    disagreements = [item for item in items if item.gold != item.second]
    assert f"Disagreements ({len(disagreements)} of 300 texts)" in printed
    for item in disagreements:
        assert f"| {item.id} |" in printed
    # Every label row is there, for all texts and for each half.
    for label in compare.LABELS:
        assert printed.count(f"| {label} | ") >= 3
    # Deterministic, including the seeded bootstrap.
    assert compare.render(items, REPO, 20) == compare.render(items, REPO, 20)
