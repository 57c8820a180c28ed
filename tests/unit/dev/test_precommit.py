"""The pre-commit hooks and CI's static checks name the same tools."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]


def _ci_static_checks() -> set[str]:
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    tools = re.findall(r"^\.venv/bin/(ruff check|ruff format|mypy|lint-imports)\b", text, flags=re.M)
    return set(tools)


def _hook_tools() -> set[str]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    tools = set()
    for repo in config["repos"]:
        assert repo["repo"] == "local", "hooks must use the project's venv, not fetch a repository"
        for hook in repo["hooks"]:
            assert hook["language"] == "system"
            entry = hook["entry"].removeprefix(".venv/bin/").split()
            name = " ".join(entry[:2]) if entry[0] == "ruff" else entry[0]
            tools.add(name)
    return tools


def test_every_ci_check_has_a_hook_and_back() -> None:
    ci = _ci_static_checks()
    assert ci == {"ruff check", "ruff format", "mypy", "lint-imports"}
    assert _hook_tools() == ci


def test_hook_executables_are_installed_by_the_dev_extra() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for tool in ("ruff", "mypy", "import-linter"):
        assert re.search(rf'"{tool}[=><]', pyproject), tool
