"""docs/dev/contracts.md and the other pages stay true: the import-linter contracts the page lists
are the ones CI checks, and every ``from netralitas... import ...`` line any page (docs, docs/dev,
README) shows still works. Dotted names, service tables and commands: ``test_docs_true.py``."""

from __future__ import annotations

import importlib
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "docs" / "dev" / "contracts.md", ROOT / "docs" / "cases.md"]
PAGES += [*sorted(set((ROOT / "docs").glob("*.md")) - set(PAGES)), ROOT / "README.md"]
IMPORT = re.compile(r"^from (netralitas[\w.]*) import ([\w, ]+)", re.MULTILINE)


def _contract_names() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [c["name"] for c in config["tool"]["importlinter"]["contracts"]]


def _listed_contracts() -> list[str]:
    page = PAGES[0].read_text(encoding="utf-8")
    section = page.split("## Layering inside the core", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^- \*\*(.+?)\*\*", section, re.MULTILINE)


def test_the_page_lists_exactly_the_contracts_ci_checks() -> None:
    assert sorted(_listed_contracts()) == sorted(_contract_names())
    assert len(_contract_names()) >= 5


def _imports() -> list[tuple[str, str]]:
    found = []
    for page in PAGES:
        for module, names in IMPORT.findall(page.read_text(encoding="utf-8")):
            found += [(module, name.strip()) for name in names.split(",") if name.strip()]
    return found


@pytest.mark.parametrize(("module", "name"), _imports(), ids=lambda v: str(v))
def test_every_shown_import_works(module: str, name: str) -> None:
    assert hasattr(importlib.import_module(module), name), f"{module}.{name} named in the docs is gone"
