"""Production start (issue 10 item 1): ``serve`` and the worker factory refuse missing or
development keys with one line naming the variable; the settings page is generated and current."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from netralitas.cases.dependencies import Kit
from netralitas.config import DEV_SECRET_KEY, Settings, settings_reference
from netralitas.privacy.reporter_identity import generate_identity_key
from netralitas.web.asgi import app_from_env, startup_problem

ROOT = Path(__file__).parents[2]
GOOD = {
    "NETRALITAS_SECRET_KEY": "s" * 40,
    "NETRALITAS_IDENTITY_KEY": generate_identity_key(),
    "NETRALITAS_RECEIPT_LOOKUP_KEY": "r" * 40,
}


def _serve(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NETRALITAS_")}
    clean.update({"NETRALITAS_DATA_DIR": str(tmp_path), **env})
    command = [str(Path(sys.executable).with_name("netralitas")), "serve", "--port", "1", *args]
    return subprocess.run(command, env=clean, capture_output=True, text=True, timeout=120, cwd=tmp_path)


@pytest.mark.parametrize("missing", sorted(GOOD))
def test_serve_refuses_a_missing_key_with_one_line_naming_it(tmp_path: Path, missing: str) -> None:
    env = {k: v for k, v in GOOD.items() if k != missing}
    result = _serve(tmp_path, env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and missing in lines[0] and "Atur" in lines[0] and "set" in lines[0]
    assert [name for name in GOOD if name in lines[0]] == [missing]
    assert not (tmp_path / "netralitas.db").exists()  # refused before touching anything


def test_serve_refuses_the_development_secret_and_short_or_broken_keys() -> None:
    def problem(**values: str) -> str:
        settings = Settings(
            **{k.removeprefix("NETRALITAS_").lower(): v for k, v in {**GOOD, **values}.items()}
        )  # type: ignore[arg-type]
        return startup_problem(settings) or ""

    assert problem() == ""
    assert "NETRALITAS_SECRET_KEY" in problem(NETRALITAS_SECRET_KEY=DEV_SECRET_KEY)
    assert "NETRALITAS_SECRET_KEY" in problem(NETRALITAS_SECRET_KEY="short")
    assert "NETRALITAS_IDENTITY_KEY" in problem(NETRALITAS_IDENTITY_KEY="not-a-key")
    assert "NETRALITAS_RECEIPT_LOOKUP_KEY" in problem(NETRALITAS_RECEIPT_LOOKUP_KEY="s" * 40)  # = secret


def test_the_worker_factory_refuses_development_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (*GOOD, "NETRALITAS_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(SystemExit, match="NETRALITAS_SECRET_KEY"):
        app_from_env()


def test_serve_against_an_unreachable_database_prints_one_line_and_exits(tmp_path: Path) -> None:
    url = "postgresql+psycopg://postgres:rahasia@127.0.0.1:1/none"
    result = _serve(tmp_path, {**GOOD, "NETRALITAS_DATABASE_URL": url}, "--wait-db", "0")
    assert result.returncode == 3
    assert "Traceback" not in result.stderr and "rahasia" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "unreachable" in lines[0] and "127.0.0.1:1" in lines[0]


def test_the_kit_has_no_built_in_audit_key() -> None:
    with pytest.raises(TypeError, match="audit_key"):
        Kit(catalogue=None, clock=None, receipts=None, keyring=None, evidence_policy=None,  # type: ignore[arg-type]
            files=None, assessor=None)  # fmt: skip


def test_the_settings_reference_page_is_current() -> None:
    page = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert page == settings_reference(), (
        "docs/settings.md is stale: netralitas settings-doc > docs/settings.md"
    )
    for name in Settings.model_fields:
        assert f"`NETRALITAS_{name.upper()}`" in page
    assert all(info.description for info in Settings.model_fields.values()), (
        "every setting needs a description"
    )


@pytest.mark.parametrize("threads", [2, 40])
def test_the_web_thread_pool_takes_its_size_from_the_settings(tmp_path: Path, threads: int) -> None:
    import warnings

    import anyio

    from netralitas.web.app import create_app
    from tests.web.helpers import make_settings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    app = create_app(make_settings(tmp_path, web_threads=threads))
    with TestClient(app) as client:
        size = client.portal.call(lambda: anyio.to_thread.current_default_thread_limiter().total_tokens)
        assert size == threads
        assert client.get("/healthz").status_code == 200
