"""Assemble the hand-written source batches into frozen.jsonl (stdlib only).

Source format (sources/batch_*.txt), one record per block:

    @<kind> <label>[,<label>...] [hn]
    <text, one or more lines, joined with a space>

Lines starting with '#' are comments. 'hn' marks a hard negative. Ids are
assigned in file order (fz-0001, ...), so new batches must only be appended.
This script only assembles; every text and label was written by hand.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def parse(path: Path) -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    header: list[str] | None = None
    lines: list[str] = []

    def flush() -> None:
        if header is None:
            return
        text = " ".join(s.strip() for s in lines if s.strip())
        if not text:
            sys.exit(f"{path.name}: record without text after header {header}")
        kind, labels = header[0], header[1].split(",")
        hn = len(header) > 2 and header[2] == "hn"
        records.append({"text": text, "labels": labels, "kind": kind, "hard_negative": hn})

    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if raw.startswith("#"):
            continue
        if raw.startswith("@"):
            flush()
            header = raw[1:].split()
            if len(header) not in (2, 3):
                sys.exit(f"{path.name}:{lineno}: bad header {raw!r}")
            lines = []
        else:
            lines.append(raw)
    flush()
    return records


def main() -> None:
    out: list[dict[str, object]] = []
    for src in sorted((HERE / "sources").glob("batch_*.txt")):
        out.extend(parse(src))
    with (HERE / "frozen.jsonl").open("w", encoding="utf-8") as fh:
        for i, rec in enumerate(out, 1):
            fh.write(json.dumps({"id": f"fz-{i:04d}", **rec}, ensure_ascii=False) + "\n")
    print(f"wrote {len(out)} records to frozen.jsonl")


if __name__ == "__main__":
    main()
