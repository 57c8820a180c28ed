"""Every output line of the default path over the training, frozen and development texts, to
compare two versions of the screening code byte for byte (speed work must not change a decision).

Writes, per text: the ``netralitas screen`` line (``batch.run_stream``, chunks as the CLI makes
them) without and with a date (findings), and ``screen()`` of the text alone; prints the SHA-256
of the whole output and the number of lines. Run it with two checkouts and compare the files::

    .venv/bin/python bench/screening_outputs.py --out /tmp/new.jsonl [--dev ../shared/real-dev/texts.jsonl]
    PYTHONPATH=/tmp/old/src .venv/bin/python bench/screening_outputs.py --out /tmp/old.jsonl ...
    cmp /tmp/old.jsonl /tmp/new.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
from datetime import date
from pathlib import Path

from netralitas.screening._accel import ACCELERATION
from netralitas.screening.batch import ScreenOptions, dumps, run_stream, text_stream
from netralitas.screening.corpus import read_corpus
from netralitas.screening.screener import screen_text

ROOT = Path(__file__).resolve().parents[1]


def texts(dev: Path | None) -> list[str]:
    found = [
        e.text for name in ("train", "frozen") for e in read_corpus(ROOT / "data/screening" / name).examples
    ]
    if dev is not None and dev.is_file():
        with dev.open(encoding="utf-8") as handle:
            found += [json.loads(line)["text"] for line in handle if line.strip()]
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--dev", type=Path, default=ROOT.parent / "shared/real-dev/texts.jsonl")
    args = parser.parse_args()
    found = texts(args.dev)
    data = "".join(dumps({"id": f"t{i}", "text": text}) + "\n" for i, text in enumerate(found))
    out: list[str] = []
    for options in (ScreenOptions(), ScreenOptions(on=date(2024, 1, 10))):
        for block in run_stream(text_stream(data), "jsonl", options):
            out.append(block.text)
            out.extend(f"problem {p}\n" for p in block.problems)
    out.extend(dumps(screen_text(text).to_dict()) + "\n" for text in found)
    blob = "".join(out).encode("utf-8")
    args.out.write_bytes(blob)
    lines = blob.count(b"\n")
    print(
        f"{ACCELERATION}: {len(found)} texts, {lines} lines, sha256 {hashlib.sha256(blob).hexdigest()[:16]}"
    )


if __name__ == "__main__":
    main()
