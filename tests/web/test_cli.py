"""The web area's commands are registered with the options the README relies on."""

from __future__ import annotations

from typer.testing import CliRunner

from netralitas.cli import app


def test_serve_and_demo_take_host_and_port() -> None:
    runner = CliRunner()
    for command in ("serve", "demo"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, result.output
        assert "--host" in result.output and "--port" in result.output
