"""The mypyc build of the screening hot path (setup.py, netralitas.screening._accel).

In CI the package must be installed compiled, and the compiled modules must give exactly the
output of the pure-Python ones. Locally, a pure install skips those two tests.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import require_or_skip

import netralitas.screening as screening
from netralitas.screening import _accel

ROOT = Path(__file__).resolve().parents[3]
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def _setup_list() -> tuple[str, ...]:
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            if any(isinstance(t, ast.Name) and t.id == "ACCELERATED" for t in targets):
                assert node.value is not None
                value = ast.literal_eval(node.value)
                assert isinstance(value, tuple)
                return value
    raise AssertionError("ACCELERATED not found in setup.py")


def test_setup_and_runtime_agree_on_the_compiled_modules() -> None:
    assert _setup_list() == _accel.ACCELERATED
    for name in _accel.ACCELERATED:
        assert (ROOT / "src/netralitas/screening" / f"{name}.py").is_file()


def _fake_build(directory: Path, digests: dict[str, str] | None = None) -> None:
    for name in _accel.ACCELERATED:
        source = directory / f"{name}.py"
        source.write_text(f"# {name}\n", encoding="utf-8")
        (directory / f"{name}{SUFFIX}").write_bytes(b"")
    manifest = digests or {
        name: hashlib.sha256((directory / f"{name}.py").read_bytes()).hexdigest()
        for name in _accel.ACCELERATED
    }
    (directory / _accel.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def test_build_state_without_extensions_is_pure(tmp_path: Path) -> None:
    for name in _accel.ACCELERATED:
        (tmp_path / f"{name}.py").write_text("", encoding="utf-8")
    assert _accel.build_state(tmp_path) == "pure"
    assert _accel.build_state(tmp_path, forced_pure=True) == "pure"


def test_build_state_fresh_build_is_compiled_unless_forced(tmp_path: Path) -> None:
    _fake_build(tmp_path)
    assert _accel.build_state(tmp_path) == "compiled"
    assert _accel.build_state(tmp_path, forced_pure=True) == "pure (forced)"


def test_an_edited_source_makes_the_build_stale(tmp_path: Path) -> None:
    _fake_build(tmp_path)
    (tmp_path / "detectors.py").write_text("# edited after the build\n", encoding="utf-8")
    assert _accel.build_state(tmp_path).startswith("pure (stale")


def test_a_missing_manifest_or_extension_makes_the_build_stale(tmp_path: Path) -> None:
    _fake_build(tmp_path)
    (tmp_path / f"lines{SUFFIX}").unlink()
    assert _accel.build_state(tmp_path).startswith("pure (stale")
    _fake_build(tmp_path)
    (tmp_path / _accel.MANIFEST).unlink()
    assert _accel.build_state(tmp_path).startswith("pure (stale")
    _fake_build(tmp_path)
    (tmp_path / _accel.MANIFEST).write_text("{not json", encoding="utf-8")
    assert _accel.build_state(tmp_path).startswith("pure (stale")


def _module_files(env: dict[str, str]) -> dict[str, str]:
    code = (
        "import json, netralitas.screening as s\n"
        "from netralitas.screening import _accel\n"
        "import importlib\n"
        "names = _accel.ACCELERATED\n"
        "files = {n: importlib.import_module('netralitas.screening.' + n).__file__ for n in names}\n"
        "print(json.dumps({'state': s.ACCELERATION, **files}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    result: dict[str, str] = json.loads(out.stdout)
    return result


def test_forced_pure_python_loads_every_module_from_source() -> None:
    env = {**os.environ, "NETRALITAS_PURE_PYTHON": "1"}
    files = _module_files(env)
    for name in _accel.ACCELERATED:
        assert files[name].endswith(f"{name}.py"), files
    assert files["state"] in {"pure", "pure (forced)"}


def test_installed_compiled_in_ci() -> None:
    require_or_skip(
        screening.ACCELERATION == "compiled",
        f"screening runs as {screening.ACCELERATION!r}: install with a C compiler to build the mypyc modules",
    )
    files = _module_files(dict(os.environ))
    for name in _accel.ACCELERATED:
        assert files[name].endswith(SUFFIX), files


@pytest.mark.parametrize("lexical_only", [False, True], ids=["with-model", "lexical-only"])
def test_compiled_and_pure_output_are_identical(tmp_path: Path, lexical_only: bool) -> None:
    require_or_skip(screening.ACCELERATION == "compiled", "the package is not installed compiled")
    corpus = tmp_path / "corpus.jsonl"
    lines: list[str] = []
    for path in [ROOT / "data/screening/train/train.jsonl", ROOT / "data/screening/frozen/frozen.jsonl"]:
        for raw in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(raw)
            lines.append(json.dumps({"id": item["id"], "text": item["text"], "date": "2024-01-10"}))
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = [
        str(Path(sys.executable).parent / "netralitas"),
        "screen",
        str(corpus),
        "--election",
        "pemilu-2024",
    ]
    if lexical_only:
        command.append("--lexical-only")
    compiled = subprocess.run(command, capture_output=True, check=True, env=dict(os.environ))
    pure = subprocess.run(
        command, capture_output=True, check=True, env={**os.environ, "NETRALITAS_PURE_PYTHON": "1"}
    )
    assert compiled.stdout.count(b"\n") == len(lines)
    assert compiled.stdout == pure.stdout
