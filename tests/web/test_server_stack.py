"""The server under ``netralitas serve``: uvicorn's C HTTP parser (httptools) and event loop
(uvloop), which ``serve`` gets from uvicorn's ``auto`` choice once both are installed (they are
dependencies: ~9% less server CPU per officer page than h11 and asyncio's loop, docs/operations.md).
Dropping either dependency would silently fall back to the slower pure-Python pair."""

from __future__ import annotations

import uvicorn
from uvicorn.protocols.http.auto import AutoHTTPProtocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


def test_serve_gets_the_c_http_parser() -> None:
    assert AutoHTTPProtocol is HttpToolsProtocol


def test_serve_gets_uvloop() -> None:
    import uvloop

    factory = uvicorn.Config("netralitas.web.asgi:app_from_env", factory=True).get_loop_factory()
    assert factory is not None
    loop = factory()
    try:
        assert isinstance(loop, uvloop.Loop)
    finally:
        loop.close()
