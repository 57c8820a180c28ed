"""Per-text predictions on a labelled corpus, for error analysis (prints to the terminal only:
development texts must never be copied into the repository).

    .venv/bin/python -m tools.dev_errors ../shared/real-dev/texts.jsonl [--half tuning|held-out]
        [--only negatives|errors|all] [--explain] [--lexical-only] [--no-kinds]

For every selected example: id, half, kind, gold and predicted labels, each label's evidence and
source, "perlu dibaca" hits; with ``--explain`` also the cue groups hit per sentence and which
sentences the detectors treat as appeals/rules or as an actor's own act (why a label fires or not).
The screener gets each example's text kind as ``screening evaluate`` does (``CORPUS_KINDS``).
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from netralitas.screening.corpus import half_of, read_corpus, select_half
from netralitas.screening.detectors import LexicalAnalysis
from netralitas.screening.evaluation import screener_kind
from netralitas.screening.screener import ScreenRequest, cached_screener


def _token(analysis: LexicalAnalysis, first: int, last: int) -> str:
    norm = analysis.norm
    start, end = norm.original_span(first, last)
    return norm.original[start:end]


def explain(analysis: LexicalAnalysis) -> list[str]:
    """Cue groups hit, by sentence, with the sentence's status (appeal/own)."""
    by_sentence: dict[int, list[str]] = defaultdict(list)
    sentences = analysis.norm.sentences
    for group, spans in sorted(analysis.groups.items()):
        for first, last in spans:
            by_sentence[sentences[first]].append(f"{group}={_token(analysis, first, last)!r}")
    lines = []
    for sentence in sorted(by_sentence):
        status = " [appeal/own]" if sentence in analysis.appeal_sentences else ""
        lines.append(f"    s{sentence}{status}: " + ", ".join(by_sentence[sentence]))
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--half", choices=("tuning", "held-out"))
    parser.add_argument("--only", choices=("negatives", "errors", "all"), default="errors")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--lexical-only", action="store_true")
    parser.add_argument("--no-kinds", action="store_true")
    args = parser.parse_args(argv)
    corpus = select_half(read_corpus(args.data), args.half)
    screener = cached_screener(None, not args.lexical_only)
    requests = [
        ScreenRequest(e.text, kind=None if args.no_kinds else screener_kind(e.kind)) for e in corpus.examples
    ]
    results = screener.screen_many(requests)
    for example, request, result in zip(corpus.examples, requests, results, strict=True):
        gold, predicted = set(example.labels), set(result.labels)
        if args.only == "negatives" and gold != {"none"}:
            continue
        if args.only == "errors" and gold == predicted:
            continue
        where = f"{example.id} ({half_of(example.id)}, {example.kind})"
        print(f"== {where} gold={sorted(gold)} pred={sorted(predicted)}")
        print("   " + example.text.replace("\n", " "))
        for hit in result.behaviours:
            words = " | ".join(span.text for span in hit.evidence)
            print(f"   + {hit.label} {hit.confidence:.2f} {hit.source}: {words}")
        for hit in result.review:
            words = " | ".join(span.text for span in hit.evidence)
            print(f"   ? perlu dibaca {hit.label} {hit.confidence:.2f}: {words}")
        if args.explain:
            print("\n".join(explain(screener.analyse(request.text, request.kind))))


if __name__ == "__main__":
    main()
