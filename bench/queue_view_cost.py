"""What one officer queue view costs the server, in process: CPU time and Python function calls
per view of ``GET /petugas``, one view after another through the app's whole ASGI stack
(middleware, session, template, audit entry), no HTTP client or server in the way.

    .venv/bin/python bench/queue_view_cost.py [--views 400] [--cases 300] [--calls]

The CPU time per view swings with the other work on a shared machine (2-3x on the development
machine); ``--calls`` also counts the Python function calls per view under cProfile, which does not
swing: compare versions by it (run this script from each checkout, e.g. ``cd ../main && ...``).
The database is seeded as ``bench/web_load.py`` seeds it (300 cases in Sleman, an intake officer
of province 34)."""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import anyio.to_thread
import httpx

sys.path.insert(0, str(Path(__file__).parent))
import web_load


async def _views(app: Any, cookie: str, count: int) -> list[int]:
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": "/petugas", "raw_path": b"/petugas", "query_string": b"",
        "root_path": "", "headers": [(b"host", b"bench"), (b"cookie", cookie.encode())],
        "client": ("127.0.0.1", 1), "server": ("bench", 80),
    }  # fmt: skip
    statuses: list[int] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    for _ in range(count):
        await app(dict(scope), receive, send)
    return statuses


async def _inline(func: Any, *args: Any, **_: Any) -> Any:
    return func(*args)


async def _measure(folder: str, views: int, calls: bool, top: int = 0, concurrency: int = 1) -> None:
    from netralitas.web.app import create_app

    app = create_app(web_load._settings(folder, production_hash=True))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            token = web_load._token((await client.get("/masuk")).text)
            form = {"username": "intake", "password": web_load.PASSWORD, "csrf_token": token}
            assert (await client.post("/masuk", data=form)).status_code in (200, 303)
            # The first page gives the session its CSRF token (a new cookie); a browser, like the
            # clients of ``web_load.py``, sends that cookie from then on. Without it every view
            # would mint a token and re-sign the cookie, which no real client makes it do.
            assert (await client.get("/petugas")).status_code == 200
            cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
        assert set(await _views(app, cookie, 30)) == {200}  # warm: templates, statement caches
        cpu, wall = time.process_time(), time.perf_counter()
        each = views // concurrency
        done = await asyncio.gather(*(_views(app, cookie, each) for _ in range(concurrency)))
        assert {s for d in done for s in d} == {200}
        cpu, wall, views = time.process_time() - cpu, time.perf_counter() - wall, each * concurrency
        print(
            f"{views} views, {concurrency} at a time: server CPU {cpu / views * 1000:.2f} ms/view,"
            f" wall {wall / views * 1000:.2f} ms/view"
        )
        if calls:  # worker threads are not profiled: the sync parts run inline while counting
            threaded = anyio.to_thread.run_sync
            anyio.to_thread.run_sync = _inline  # type: ignore[assignment]
            profile = cProfile.Profile()
            try:
                profile.enable()
                await _views(app, cookie, 100)
                profile.disable()
            finally:
                anyio.to_thread.run_sync = threaded
            total = sum(nc for _, nc, _, _, _ in pstats.Stats(profile).stats.values())  # type: ignore[attr-defined]
            print(f"Python function calls per view (the whole stack): {total / 100:.0f}")
            if top:
                pstats.Stats(profile).sort_stats(os.environ.get("QSORT", "tottime")).print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--views", type=int, default=400)
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--calls", action="store_true", help="also count Python calls per view (cProfile)")
    parser.add_argument("--top", type=int, default=0, help="with --calls: print the N costliest functions")
    parser.add_argument(
        "--concurrency", type=int, default=1,
        help="views at once (each in the app's thread pool, NETRALITAS_WEB_THREADS of them at most)",
    )  # fmt: skip
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print(f"seeding {args.cases} cases ...", file=sys.stderr)
        web_load._seed(folder, args.cases)
        asyncio.run(_measure(folder, args.views, args.calls, args.top, args.concurrency))


if __name__ == "__main__":
    main()
