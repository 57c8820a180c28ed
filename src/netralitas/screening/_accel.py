"""Which screening modules run compiled (mypyc, see ``setup.py``) and a guard against stale builds.

The install may compile the hot-path modules listed in ``ACCELERATED`` to C extensions placed next
to their sources. Python imports an extension before a ``.py`` file of the same name, so after an
edit of ``detectors.py`` without reinstalling, the old compiled code would run. ``activate()``
(called by ``netralitas.screening`` before anything else in the package is imported) prevents that:
it compares the digests recorded at build time (``_accelerated.json``) with the sources and, when
any differs, when the manifest is missing or when ``NETRALITAS_PURE_PYTHON`` is set, loads every
accelerated module from its ``.py`` file instead. All or none: compiled modules call each other
directly, so a mix of stale compiled and fresh pure modules is never used.

``ACCELERATION`` tells what happened: ``"compiled"``, ``"pure"`` (no extension built),
``"pure (forced)"`` or ``"pure (stale build: reinstall to compile)"``.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path

#: Compiled by ``setup.py`` in this order of dependency (keep both lists equal; tested).
ACCELERATED = ("normalise", "matcher", "detectors", "features", "candidates", "lines")
MANIFEST = "_accelerated.json"
PACKAGE = "netralitas.screening"
HERE = Path(__file__).resolve().parent


def has_extension(directory: Path, name: str) -> bool:
    return any((directory / f"{name}{suffix}").is_file() for suffix in importlib.machinery.EXTENSION_SUFFIXES)


def build_state(directory: Path = HERE, forced_pure: bool = False) -> str:
    """``"compiled"`` when every accelerated module has a fresh extension in ``directory``;
    otherwise the reason the pure-Python modules must be used."""
    if not any(has_extension(directory, name) for name in ACCELERATED):
        return "pure"
    if forced_pure:
        return "pure (forced)"
    try:
        recorded = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "pure (stale build: reinstall to compile)"
    for name in ACCELERATED:
        source = directory / f"{name}.py"
        fresh = (
            has_extension(directory, name)
            and source.is_file()
            and recorded.get(name) == hashlib.sha256(source.read_bytes()).hexdigest()
        )
        if not fresh:
            return "pure (stale build: reinstall to compile)"
    return "compiled"


def _load_sources(directory: Path) -> None:
    """Import every accelerated module from its ``.py`` file (before anything imports them)."""
    for name in ACCELERATED:
        qualified = f"{PACKAGE}.{name}"
        if qualified in sys.modules:
            continue
        loader = importlib.machinery.SourceFileLoader(qualified, str(directory / f"{name}.py"))
        spec = importlib.util.spec_from_file_location(qualified, directory / f"{name}.py", loader=loader)
        if spec is None:  # pragma: no cover - a .py path always gives a spec
            raise ImportError(qualified)
        module = importlib.util.module_from_spec(spec)
        sys.modules[qualified] = module
        try:
            loader.exec_module(module)
        except BaseException:
            del sys.modules[qualified]
            raise
        parent = sys.modules.get(PACKAGE)
        if parent is not None:
            setattr(parent, name, module)


def activate() -> str:
    state = build_state(HERE, bool(os.environ.get("NETRALITAS_PURE_PYTHON")))
    if state != "compiled" and state != "pure":
        _load_sources(HERE)
    return state


ACCELERATION = activate()
