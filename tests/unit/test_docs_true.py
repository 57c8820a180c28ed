"""The docs state interfaces and commands; these tests keep them true.

- Every dotted name in backticks that starts with a package of ``netralitas`` (``cases.officer_actions``,
  ``netralitas.db.audit_group.AuditGroup``) resolves to a module or an attribute, or is a string the
  code uses (an audit action such as ``cases.listed``). A renamed module fails here.
- Every service table row ``| `function(...)` | `module` |`` names a function the module has.
- Every ``netralitas ...`` command shown (in backticks, or at the start of a line of a code block)
  exists, with its subcommands and every ``--option`` it shows (``a|b`` alternatives each checked).

The ``from netralitas... import ...`` lines of the pages are checked by ``test_contracts_doc.py``."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import shlex
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import typer.main

import netralitas
from netralitas.cli import app

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "docs").glob("*.md")) + sorted((ROOT / "docs" / "dev").glob("*.md"))
PAGES.append(ROOT / "README.md")
PACKAGES = {m.name for m in pkgutil.iter_modules(netralitas.__path__)}
DOTTED = re.compile(r"`((?:netralitas\.)?[a-z_]+(?:\.[A-Za-z_]\w*)+)")
SERVICE_ROW = re.compile(r"^\| `(\w+)\(.*?\| `((?:netralitas\.)?[a-z_]+(?:\.[a-z_]\w*)+)` \|", re.MULTILINE)
COMMAND_SPAN = re.compile(r"`(netralitas [^`\n]+)`")
COMMAND_LINE = re.compile(r"^(?:\$ )?(?:[A-Z_]+=\S+ )*(netralitas [^#\n]+)")


def _page_id(page: Path) -> str:
    return str(page.relative_to(ROOT))


@cache
def _code_strings() -> frozenset[str]:
    """Every string literal of the source (audit actions, permission names...)."""
    found: set[str] = set()
    for path in (ROOT / "src" / "netralitas").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return frozenset(found)


def _resolves(reference: str) -> bool:
    parts = reference.removeprefix("netralitas.").split(".")
    if parts[-1] == "py":  # a file: cases/records.py written as cases.records.py or config.py
        return (ROOT / "src" / "netralitas" / ("/".join(parts[:-1]) + ".py")).is_file()
    for cut in range(len(parts), 0, -1):
        try:
            found: Any = importlib.import_module("netralitas." + ".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            if not hasattr(found, name):
                return False
            found = getattr(found, name)
        return True
    return False


def _references() -> list[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for page in PAGES:
        for reference in DOTTED.findall(page.read_text(encoding="utf-8")):
            if reference.removeprefix("netralitas.").split(".")[0] in PACKAGES | {"config", "errors"}:
                found.add((_page_id(page), reference))
    return sorted(found)


@pytest.mark.parametrize(("page", "reference"), _references(), ids=lambda v: str(v))
def test_every_dotted_name_in_the_docs_exists(page: str, reference: str) -> None:
    assert _resolves(reference) or reference in _code_strings(), f"{page}: `{reference}` is gone"


def _service_rows() -> list[tuple[str, str, str]]:
    rows: set[tuple[str, str, str]] = set()
    for page in PAGES:
        for function, module in SERVICE_ROW.findall(page.read_text(encoding="utf-8")):
            rows.add((_page_id(page), function, module))
    return sorted(rows)


def test_the_service_tables_are_found() -> None:
    assert len([r for r in _service_rows() if r[0] == "docs/cases.md"]) >= 20


@pytest.mark.parametrize(("page", "function", "module"), _service_rows(), ids=lambda v: str(v))
def test_every_service_is_in_the_module_its_table_names(page: str, function: str, module: str) -> None:
    found = importlib.import_module("netralitas." + module.removeprefix("netralitas."))
    assert callable(getattr(found, function, None)), f"{page}: {module}.{function} is gone"


def _commands() -> list[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for page in PAGES:
        text, in_code = page.read_text(encoding="utf-8"), False
        found.update((_page_id(page), span) for span in COMMAND_SPAN.findall(text))
        for line in text.splitlines():
            if line.startswith("```"):
                in_code = not in_code
            elif in_code and (match := COMMAND_LINE.match(line.strip())):
                found.add((_page_id(page), match.group(1).strip()))
    return sorted(found)


def _alternatives(tokens: list[str]) -> list[list[str]]:
    """``a|b`` (or ``a\\|b`` inside a table) as separate command lines."""
    lines: list[list[str]] = [[]]
    for token in tokens:
        choices = token.replace("\\|", "|").split("|") if not token.startswith("-") else [token]
        lines = [[*line, choice] for line in lines for choice in choices]
    return lines


def _check(tokens: list[str]) -> str | None:
    command: Any = typer.main.get_command(app)
    path: list[str] = []
    rest = tokens[1:]
    while hasattr(command, "commands") and rest and not rest[0].startswith("-"):
        if rest[0] not in command.commands:
            return f"no command {' '.join([*path, rest[0]])!r}"
        command = command.commands[rest[0]]
        path.append(rest.pop(0))
    options = {"--help"} | {o for p in command.params for o in (*p.opts, *p.secondary_opts)}
    for token in rest:
        name = token.strip("[]").split("=")[0]
        if name.startswith("-") and name != "-" and name not in options:  # "-": standard input
            return f"no option {name} for {' '.join(path) or 'netralitas'}"
    return None


@pytest.mark.parametrize(("page", "command"), _commands(), ids=lambda v: str(v))
def test_every_command_shown_exists_with_its_options(page: str, command: str) -> None:
    try:
        tokens = shlex.split(command.replace("…", ""))
    except ValueError:
        tokens = command.split()
    for line in _alternatives(tokens):
        problem = _check(line)
        assert problem is None, f"{page}: `{command}`: {problem}"


def test_commands_are_found_in_the_docs() -> None:
    assert len(_commands()) >= 40
