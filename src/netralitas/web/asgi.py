"""The production entry point: the app factory each server worker calls
(``uvicorn netralitas.web.asgi:app_from_env --factory``), and the start-up checks ``serve``
runs before it. Settings come from the environment, so every worker builds the same app."""

from __future__ import annotations

from fastapi import FastAPI

from netralitas.config import Settings, get_settings, key_problems


def startup_problem(settings: Settings) -> str | None:
    """One line naming the variables a production start still needs, or None."""
    problems = key_problems(settings)
    identity = settings.identity_key.get_secret_value()
    if identity.strip() and "NETRALITAS_IDENTITY_KEY" not in problems and not _parses(identity):
        problems.append("NETRALITAS_IDENTITY_KEY")
    if not problems:
        return None
    names = ", ".join(problems)
    return (
        f"Atur {names} sebelum menjalankan layanan (kosong, terlalu pendek atau kunci pengembangan "
        f"ditolak; lihat docs/settings.md) / set {names} first: missing, short or development keys "
        "are refused."
    )


def _parses(identity_key: str) -> bool:
    from netralitas.privacy.reporter_identity import IdentityKeyring

    try:
        IdentityKeyring.parse(identity_key)
    except Exception:  # any parse failure means "not a usable key"
        return False
    return True


def app_from_env() -> FastAPI:
    """Build the app for one server worker; refuses development keys like ``serve`` does."""
    import logging.config

    from netralitas.web.app import create_app
    from netralitas.web.requestlog import logging_config
    from netralitas.web.templating import compile_all

    settings = get_settings()
    problem = startup_problem(settings)
    if problem is not None:
        raise SystemExit(problem)
    logging.config.dictConfig(logging_config(settings.log_format))
    app = create_app(settings)
    compile_all(app.state.ctx.templates)
    return app
