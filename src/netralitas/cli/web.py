"""CLI commands of the web area: ``serve`` and ``demo``."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.command("serve")(serve_command)


def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Alamat yang didengarkan / address to bind."),
    port: int = typer.Option(8000, "--port", help="Port / port."),
) -> None:
    """Jalankan aplikasi web / serve the web application."""
    import uvicorn

    from netralitas.config import get_settings
    from netralitas.web.app import create_app

    uvicorn.run(create_app(get_settings()), host=host, port=port, proxy_headers=False)
