"""Which texts of a labelled corpus moved closer to or further from their gold labels after a
change to the cues or detectors (lexical layer alone, kinds passed as ``screening evaluate``
does). Dump the labels before the change, dump them after, compare:

    .venv/bin/python -m tools.lexical_diff dump data/screening/train /tmp/before.json
    (change cues.yaml / detectors.py)
    .venv/bin/python -m tools.lexical_diff dump data/screening/train /tmp/after.json
    .venv/bin/python -m tools.lexical_diff compare data/screening/train /tmp/before.json /tmp/after.json

A text is closer when the symmetric difference between its labels and its gold labels shrank
(``none`` counts as no label), further when it grew; ``compare`` prints each moved text with its
gold, before and after labels (``--quiet``: counts only; development texts must stay on the
terminal, never in the repository).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from netralitas.screening.corpus import read_corpus
from netralitas.screening.evaluation import screener_kind
from netralitas.screening.screener import ScreenRequest, cached_screener


def dump(data: Path, out: Path) -> None:
    corpus = read_corpus(data)
    screener = cached_screener(None, False)
    requests = [ScreenRequest(e.text, kind=screener_kind(e.kind)) for e in corpus.examples]
    results = screener.screen_many(requests)
    labels = {e.id: list(r.labels) for e, r in zip(corpus.examples, results, strict=True)}
    out.write_text(json.dumps(labels, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")


def _distance(gold: set[str], labels: set[str]) -> int:
    return len((gold - {"none"}) ^ (labels - {"none"}))


def compare(data: Path, before: Path, after: Path, quiet: bool) -> tuple[int, int]:
    corpus = read_corpus(data)
    old = json.loads(before.read_text(encoding="utf-8"))
    new = json.loads(after.read_text(encoding="utf-8"))
    closer = further = 0
    for example in corpus.examples:
        a, b = set(old[example.id]), set(new[example.id])
        if a == b:
            continue
        gold = set(example.labels)
        change = _distance(gold, b) - _distance(gold, a)
        verdict = "closer" if change < 0 else "further" if change > 0 else "moved (same distance)"
        closer += change < 0
        further += change > 0
        if not quiet:
            print(f"{verdict}: {example.id} gold={sorted(gold)} before={sorted(a)} after={sorted(b)}")
            print("   " + example.text.replace("\n", " ")[:400])
    print(f"{closer} closer, {further} further")
    return closer, further


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("data", type=Path)
    d.add_argument("out", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("data", type=Path)
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.data, args.out)
    else:
        compare(args.data, args.before, args.after, args.quiet)


if __name__ == "__main__":
    main()
