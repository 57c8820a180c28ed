"""requirements.lock pins every dependency of pyproject.toml, inside its range, with hashes."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[3]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\]+)", re.M)


def _pins() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]]


def test_every_declared_dependency_is_pinned_inside_its_range() -> None:
    pins = _pins()
    for requirement in _declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, (
            f"{requirement.name} is not in requirements.lock: refresh it (docs/dev/dependencies.md)"
        )
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{requirement.name}=={pins[name]} is outside {requirement.specifier}: refresh the lock"
        )


def test_every_pin_carries_a_hash_and_no_machine_paths() -> None:
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9_.\-]+==)", text)
    pinned = [b for b in blocks if PIN.match(b)]
    assert len(pinned) == len(_pins()) > 50
    assert all("--hash=sha256:" in block for block in pinned)
    assert "--find-links" not in text and "--extra-index-url" not in text and "file://" not in text
