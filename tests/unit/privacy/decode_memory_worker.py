"""Run by test_decode_budget.py in a fresh process: decode bomb-like PNGs from several threads
at once and print the peak resident memory (KiB) above the baseline, as JSON."""

from __future__ import annotations

import io
import json
import resource
import sys
import threading
from pathlib import Path

from PIL import Image

from netralitas.privacy.decode_budget import DecodeBudget
from netralitas.privacy.evidence_checks import EvidencePolicy, accept_evidence


def peak_kib() -> int:
    """This process's peak resident memory. ``VmHWM`` belongs to the process's own address space;
    ``ru_maxrss`` also keeps the parent's size from before ``exec`` (a big pytest process)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def small_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (64, 64), (1, 2, 3, 4)).save(out, format="PNG")
    return out.getvalue()


def main() -> None:
    data = Path(sys.argv[1]).read_bytes()
    budget_bytes, threads = int(sys.argv[2]), int(sys.argv[3])
    budget = DecodeBudget(budget_bytes)
    policy = EvidencePolicy(max_bytes=len(data) + 1, max_pixels=30_000_000, decode_budget=budget)
    accept_evidence(small_png(), policy)  # warm-up: imports, codecs (not the big decode itself)
    baseline = peak_kib()
    barrier = threading.Barrier(threads)

    def upload() -> None:
        barrier.wait()
        accept_evidence(data, policy)

    workers = [threading.Thread(target=upload) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print(
        json.dumps({"baseline_kib": baseline, "delta_kib": peak_kib() - baseline, "budget_peak": budget.peak})
    )


if __name__ == "__main__":
    main()
