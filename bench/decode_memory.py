"""Peak memory of concurrent bomb-like image uploads, with the decode budget and without it.

    .venv/bin/python bench/decode_memory.py [--side 2500] [--threads 8] [--budget-mib 512]

Bomb-like: a PNG of ``side`` × ``side`` RGBA pixels of one colour (a few KB on disk, 4 bytes per
pixel once decoded). Each run is a fresh process (tests/unit/privacy/decode_memory_worker.py):
``threads`` threads pass one barrier and check one such upload each with ``accept_evidence``; the
process's peak resident memory above its baseline is printed, for the budget given and for an
unbounded one (the code before issue 10), and their ratio.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

WORKER = Path(__file__).parents[1] / "tests/unit/privacy/decode_memory_worker.py"


def run(png: Path, budget: int, threads: int) -> dict[str, int]:
    env = os.environ | {"MALLOC_ARENA_MAX": "2", "MALLOC_MMAP_THRESHOLD_": "131072"}
    out = subprocess.run(
        [sys.executable, str(WORKER), str(png), str(budget), str(threads)],
        capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    result: dict[str, int] = json.loads(out.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--side", type=int, default=2500)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--budget-mib", type=int, default=512)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "bomb.png"
        buffer = io.BytesIO()
        Image.new("RGBA", (args.side, args.side), (200, 10, 10, 128)).save(buffer, format="PNG")
        png.write_bytes(buffer.getvalue())
        print(f"{args.threads} threads, one {args.side}x{args.side} PNG each ({png.stat().st_size} bytes)")
        bounded = run(png, args.budget_mib * 1024 * 1024, args.threads)
        unbounded = run(png, 1 << 50, args.threads)
    for name, result in (("budget", bounded), ("unbounded", unbounded)):
        print(f"{name:>10}: peak RSS +{result['delta_kib'] / 1024:.0f} MiB (reserved at most "
              f"{result['budget_peak'] / 2**20:.0f} MiB)")  # fmt: skip
    print(f"ratio budget/unbounded: {bounded['delta_kib'] / max(1, unbounded['delta_kib']):.2f}")


if __name__ == "__main__":
    main()
