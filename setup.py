"""Build hooks: compile the interface's translations (.po -> .mo) and the screening hot path to C
with mypyc (part of the mypy project).

Everything else about the package lives in ``pyproject.toml``. This file only adds two build steps.

Translations: ``build_py`` (run by ``pip install``, editable or not, and by wheel builds) compiles
every ``src/netralitas/web/locale/<lang>/LC_MESSAGES/messages.po`` to ``messages.mo`` beside it
with Babel (a build requirement), so the ``.mo`` files are installed with the package and found by
an editable install. ``python -m tools.i18n compile`` does the same by hand (docs/dev/translations.md);
without a ``.mo`` the application compiles the ``.po`` in memory at first use.

Extension modules: the pure-Python modules listed in ``ACCELERATED`` (src/netralitas/screening) are
compiled by mypyc from the very same source, which stays the one source of truth. The bulk
screening pass (``netralitas screen``) runs about 1.5x faster compiled; results are identical
(tests compare the two).

- ``NETRALITAS_PURE_PYTHON=1 pip install -e .`` builds nothing (pure Python everywhere).
- A failed compilation is not fatal: the package installs and runs as pure Python, and
  ``netralitas.screening.ACCELERATION`` says so (CI requires the compiled build).
- Next to the compiled modules the build writes ``_accelerated.json`` with the SHA-256 of each
  compiled source. At import, ``netralitas.screening._accel`` compares it with the ``.py`` files:
  when a source was edited after the build, the pure-Python modules are loaded instead of the
  stale compiled ones (so an edit is never silently ignored); reinstall to compile again.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
PACKAGE = "netralitas.screening"
SOURCE_DIR = HERE / "src" / "netralitas" / "screening"
#: Keep in sync with ``netralitas.screening._accel.ACCELERATED`` (a test checks it).
ACCELERATED = ("normalise", "matcher", "detectors", "features", "candidates", "lines")
MANIFEST = "_accelerated.json"
LOCALE_DIR = HERE / "src" / "netralitas" / "web" / "locale"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class BuildWithManifest(build_ext):
    """Builds the extensions (failures only warn) and records the digests of their sources."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # no compiler, no headers: install pure Python instead
            self.warn(f"mypyc build failed, netralitas installs as pure Python: {exc}")
            return
        built = [ext for ext in self.extensions if ext.name.startswith(PACKAGE + ".")]
        if not built:
            return
        target = Path(self.get_ext_fullpath(built[0].name)).parent
        manifest = {name: _digest(SOURCE_DIR / f"{name}.py") for name in ACCELERATED}
        target.mkdir(parents=True, exist_ok=True)
        (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")


def compile_catalogues() -> None:
    """``messages.po`` -> ``messages.mo`` for every language (fuzzy entries left out)."""
    try:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po
    except ImportError:  # built without Babel: the application compiles the .po at first use
        print("warning: Babel is missing at build time, translations are compiled at run time")
        return
    for po in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as source:
            catalogue = read_po(source)
        with po.with_suffix(".mo").open("wb") as out:
            write_mo(out, catalogue)


class BuildPyWithCatalogues(build_py):
    """Compiles the translation catalogues before the package's files are collected."""

    def run(self) -> None:
        compile_catalogues()
        super().run()


def _extensions() -> list[Any]:
    if os.environ.get("NETRALITAS_PURE_PYTHON"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []
    paths = [f"src/netralitas/screening/{name}.py" for name in ACCELERATED]
    try:
        return list(
            mypycify(
                [
                    f"--config-file={HERE / 'mypyc.ini'}",
                    *paths,
                ],
                opt_level="3",
                group_name="netralitas_screening_accel",
            )
        )
    except BaseException as exc:  # mypyc's own type check failed (it exits): stay pure Python
        print(f"warning: mypyc could not compile the screening modules, pure Python: {exc!r}")
        return []


setup(ext_modules=_extensions(), cmdclass={"build_ext": BuildWithManifest, "build_py": BuildPyWithCatalogues})
