"""Interleaved A/B of the officer queue under load: one app server per version of the code (each
its own ``src`` folder, e.g. this checkout's and the main checkout's) and a bare FastAPI, loaded
in turn in short bursts, round after round.

    .venv/bin/python bench/web_ab.py main=../main/src this=src [--rounds 8] [--burst 2]
        [--concurrency 8] [--cases 300] [--path /petugas]
    .venv/bin/python bench/web_ab.py t2=src@NETRALITAS_WEB_THREADS=2 t4=src@NETRALITAS_WEB_THREADS=4

``bench/web_load.py`` runs old and new code minutes apart, and on a shared machine the rate of the
same code swings 2x between such runs (other work on the cores, a disk busy with someone's
tests): a difference of a few percent is lost in it. Here every version meets the same noise:
each round loads every server for ``--burst`` seconds (the order rotates), the queue's rate is
divided by the bare route's of the same round, and the medians over the rounds are printed with
the server CPU time per request (user + system, from ``/proc``), which swings less than the rate.

The database is seeded once by this checkout's code, as ``web_load.py`` seeds it, and copied for
each server: the versions compared must share the database schema. Each server runs with its
``src`` first on ``PYTHONPATH`` (the package's editable install is a plain path entry, which
``PYTHONPATH`` precedes) and ``NETRALITAS_*`` settings from the environment, as ``web_load.py``'s."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import web_load  # noqa: E402

Servers = dict[str, tuple[subprocess.Popen[bytes], str]]


def _start(
    code: str, src: str | None, folder: str, extra: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    path = [str(Path(src).resolve())] if src else []
    env = dict(os.environ, **(extra or {}), PYTHONPATH=os.pathsep.join([*path, str(BENCH)]))
    return subprocess.Popen([sys.executable, "-c", code], env=env, cwd=folder)


def _request(path: str) -> Callable[[httpx.Client], tuple[bool, float]]:
    def run(client: httpx.Client) -> tuple[bool, float]:
        start = time.perf_counter()
        ok = client.get(path).status_code == 200
        return ok, time.perf_counter() - start

    return run


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "versions", nargs="+",
        help="NAME=SRC_FOLDER[@VAR=VALUE,...] (the folder holding netralitas/; settings for that server)",
    )  # fmt: skip
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--burst", type=float, default=2.0, help="seconds per server per round")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--path", default="/petugas")
    args = parser.parse_args()
    versions = dict(v.split("=", 1) for v in args.versions)
    envs = {name: _env_of(spec) for name, spec in versions.items()}
    versions = {name: spec.split("@", 1)[0] for name, spec in versions.items()}
    if "bare" in versions or any(not (Path(src) / "netralitas").is_dir() for src in versions.values()):
        raise SystemExit("each version is NAME=SRC with SRC/netralitas/, and no version is called 'bare'")

    with tempfile.TemporaryDirectory() as base:
        seed = os.path.join(base, "seed")
        os.mkdir(seed)
        print(f"seeding {args.cases} cases ...", file=sys.stderr)
        web_load._seed(seed, args.cases)
        servers: Servers = {}
        try:
            for name, src in versions.items():
                folder = os.path.join(base, name)
                shutil.copytree(seed, folder)
                port = web_load._free_port()
                code = f"import web_load; web_load._serve_app({folder!r}, {port}, True)"
                servers[name] = (_start(code, src, base, envs[name]), f"http://127.0.0.1:{port}")
            port = web_load._free_port()
            servers["bare"] = (_start(f"import web_load; web_load._serve_bare({port})", None, base),
                               f"http://127.0.0.1:{port}")  # fmt: skip
            for name, (_, url) in servers.items():
                web_load._wait(url if name == "bare" else f"{url}/healthz")
            rows = _rounds(servers, args)
        finally:
            for process, _ in servers.values():
                process.terminate()
            for process, _ in servers.values():
                process.wait(10)
    _print(rows, args)


def _env_of(spec: str) -> dict[str, str]:
    """The ``@VAR=VALUE,...`` part of a version: environment for that server only (e.g. the same
    code with ``NETRALITAS_WEB_THREADS=2`` against ``=4``)."""
    if "@" not in spec:
        return {}
    pairs = [p.split("=", 1) for p in spec.split("@", 1)[1].split(",") if p]
    if any(len(p) != 2 for p in pairs):
        raise SystemExit(f"settings of a version are VAR=VALUE pairs separated by commas: {spec!r}")
    return dict(pairs)  # type: ignore[arg-type]


def _rounds(servers: Servers, args: argparse.Namespace) -> dict[str, Any]:
    clients: dict[str, tuple[Callable[[], httpx.Client], Any]] = {}
    for name, (_, url) in servers.items():
        cookies = httpx.Cookies() if name == "bare" else web_load._officer_cookies(url)
        path = "/" if name == "bare" else args.path
        clients[name] = (
            lambda url=url, cookies=cookies: httpx.Client(base_url=url, timeout=30, cookies=cookies),
            _request(path),
        )
    names = list(servers)
    for name in names:  # warm: templates, statement caches, connections
        web_load._run(name, *clients[name], 0.5, args.concurrency, servers[name][0].pid)
    rates: dict[str, list[float]] = {n: [] for n in names}
    cpu: dict[str, list[float]] = {n: [] for n in names}
    errors = dict.fromkeys(names, 0)
    for r in range(args.rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            result = web_load._run(name, *clients[name], args.burst, args.concurrency, servers[name][0].pid)
            rates[name].append(result.rps)
            cpu[name].append(result.cpu_ms)
            errors[name] += result.errors
        print(f"round {r + 1}: " + "  ".join(f"{n} {rates[n][-1]:.0f}/s {cpu[n][-1]:.2f} ms" for n in names),
              file=sys.stderr, flush=True)  # fmt: skip
    ratios = {n: [rate / bare for rate, bare in zip(rates[n], rates["bare"], strict=True)] for n in names}
    return {"names": names, "rates": rates, "cpu": cpu, "ratios": ratios, "errors": errors}


def _print(rows: dict[str, Any], args: argparse.Namespace) -> None:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"web A/B: {args.rounds} rounds of {args.burst:.1f} s per server, {args.concurrency} clients,"
        f" {args.cases} seeded cases, GET {args.path} (bare: GET /); load average at the end {load}"
    )
    print(
        f"{'server':<12} {'req/s med':>10} {'vs bare med':>11} {'(min-max)':>13}"
        f" {'cpu ms/req med':>14} {'errors':>7}"
    )
    for n in rows["names"]:
        ratios, cpu = rows["ratios"][n], rows["cpu"][n]
        print(
            f"{n:<12} {statistics.median(rows['rates'][n]):10.1f} {statistics.median(ratios):11.3f}"
            f" {min(ratios):6.3f}-{max(ratios):.3f} {statistics.median(cpu):14.2f} {rows['errors'][n]:7d}"
        )


if __name__ == "__main__":
    main()
