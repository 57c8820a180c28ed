"""Compare learned-layer variants on every set at once (issue 11, "Round 3" in docs/screening.md).

    .venv/bin/python -m tools.compare_learned                       # current features vs + vectors
    .venv/bin/python -m tools.compare_learned --vectors DIR --scale 1 --scale 2

Each variant is trained in this process on the training corpus, then measured with the full
screener (detectors + learned layer, defaults) on: 5-fold cross-validation on the training corpus
(a model trained on four fifths screens the fifth; the folds of ``training``), the development set
(all, tuning half, held-out half; only aggregates are printed) and the frozen set. Rows: micro-F1,
negatives flagged, positives flagged, "perlu dibaca" texts (negatives / positives), ECE of the
reported confidences. ``--lexical`` adds the detectors alone.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import KFold

from netralitas.screening import evaluation
from netralitas.screening.corpus import Corpus, read_corpus, select_half
from netralitas.screening.screener import Screener, ScreenRequest, cached_screener
from netralitas.screening.training import FOLDS, SEED, train_model
from netralitas.screening.vectors import WordVectors, load_vectors

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ROOT / "data" / "screening" / "train"
FROZEN = ROOT / "data" / "screening" / "frozen"
DEV = ROOT.parent / "shared" / "real-dev" / "texts.jsonl"


def _screener(model: Any) -> Screener:
    base = cached_screener(None, False)
    return Screener(base.cues, base.gazetteer, base.lexicon, model)


def _report(corpus: Corpus, screener: Screener) -> dict[str, Any]:
    original = evaluation.cached_screener
    evaluation.cached_screener = lambda *_: screener  # type: ignore[assignment]
    try:
        return evaluation.evaluate(corpus)
    finally:
        evaluation.cached_screener = original


def _cells(report: dict[str, Any]) -> str:
    reading = report["needs_reading"]
    return (
        f"{report['micro']['f1']:.3f} | {report['macro_f1']:.3f} | {report['negatives_flagged']}/"
        f"{report['negatives']} | {report['positives_flagged']}/{report['positives']} | "
        f"{reading['negatives']}/{reading['positives']} | {report['calibration']['ece']:.3f}"
    )


def cv_report(corpus: Corpus, vectors: WordVectors | None, scale: float, lexical: bool) -> dict[str, Any]:
    """Screen every training text with a model trained without its fold (other folds than the
    ones ``train_model`` uses inside), and report on all of them."""
    examples = corpus.examples
    order = np.arange(len(examples))
    base = cached_screener(None, False)
    truth: list[tuple[str, ...]] = []
    results: list[Any] = []
    chosen: list[Any] = []
    for train, test in KFold(FOLDS, shuffle=True, random_state=SEED + 1).split(order):
        fold = Corpus(tuple(examples[i] for i in train), ())
        model = None if lexical else train_model(fold, base, vectors=vectors, dense_scale=scale)
        screener = _screener(model)
        held = Corpus(tuple(examples[i] for i in test), ())
        chosen.extend(held.examples)
        truth.extend(e.labels for e in held.examples)
        results.extend(screener.screen_many([ScreenRequest(e.text) for e in held.examples]))
    ordered = Corpus(tuple(chosen), ())

    class _Fixed:
        def __init__(self) -> None:
            self.cues = base.cues
            self.model = None

        def screen_many(self, _: Sequence[Any]) -> list[Any]:
            return results

    original = evaluation.cached_screener
    evaluation.cached_screener = lambda *_: _Fixed()  # type: ignore[assignment,return-value]
    try:
        return evaluation.evaluate(ordered)
    finally:
        evaluation.cached_screener = original


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vectors", type=Path, action="append", default=[])
    parser.add_argument("--scale", type=float, action="append", default=[])
    parser.add_argument("--lexical", action="store_true")
    parser.add_argument("--no-cv", action="store_true")
    parser.add_argument("--dev", type=Path, default=DEV)
    args = parser.parse_args(argv)
    train = read_corpus(TRAIN)
    dev = read_corpus(args.dev)
    sets = {
        "dev all": dev,
        "dev tuning": select_half(dev, "tuning"),
        "dev held-out": select_half(dev, "held-out"),
        "frozen": read_corpus(FROZEN),
    }
    base = cached_screener(None, False)
    variants: list[tuple[str, WordVectors | None, float, bool]] = [("current", None, 1.0, False)]
    for directory in args.vectors:
        vectors = load_vectors(directory)
        for scale in args.scale or [1.0]:
            variants.append((f"+vectors {directory.name} x{scale:g}", vectors, scale, False))
    if args.lexical:
        variants.append(("lexical only", None, 1.0, True))
    print(
        "| variant | set | micro-F1 | macro-F1 | negatives flagged | positives flagged | perlu dibaca n/p"
        " | ECE |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name, vectors, scale, lexical in variants:
        model = None if lexical else train_model(train, base, vectors=vectors, dense_scale=scale)
        if not args.no_cv:
            print(
                f"| {name} | train 5-fold CV | {_cells(cv_report(train, vectors, scale, lexical))} |",
                flush=True,
            )
        screener = _screener(model)
        for label, corpus in sets.items():
            print(f"| {name} | {label} | {_cells(_report(corpus, screener))} |", flush=True)
        if model is not None:
            print(
                f"|   | model meta | cv_ece {model.meta['cv_ece']} · thresholds {model.thresholds} · vetoes "
                f"{ {k: v for k, v in model.vetoes.items() if v} } |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
