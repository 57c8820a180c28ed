"""Collect ``tests/scenarios/*.yaml`` as legal scenarios (see plugin.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scenarios.plugin import ScenarioFile

HERE = Path(__file__).parent


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and file_path.parent == HERE:
        return ScenarioFile.from_parent(parent, path=file_path)
    return None
