"""Evaluate screening on a labelled corpus: per-label precision, recall and F1 (plus "none",
micro and macro averages), as a JSON-ready report and a Markdown table."""

from __future__ import annotations

from typing import Any

from netralitas.screening.corpus import Corpus
from netralitas.screening.screener import ScreenRequest, cached_screener
from netralitas.screening.training import LabelScore, micro, score_predictions


def _row(score: LabelScore) -> dict[str, Any]:
    return {
        "label": score.label,
        "support": score.support,
        "predicted": score.predicted,
        "precision": round(score.precision, 3),
        "recall": round(score.recall, 3),
        "f1": round(score.f1, 3),
    }


def evaluate(corpus: Corpus, use_model: bool = True) -> dict[str, Any]:
    screener = cached_screener(None, use_model)
    results = screener.screen_many([ScreenRequest(e.text) for e in corpus.examples])
    truth = [e.labels for e in corpus.examples]
    predicted = [r.labels for r in results]
    labels = [*screener.cues.labels, "none"]
    scores = score_predictions(truth, predicted, labels)
    behaviour_scores = [s for s in scores if s.label != "none"]
    present = [s for s in behaviour_scores if s.support]
    exact = sum(set(t) == set(p) for t, p in zip(truth, predicted, strict=True))
    model = screener.model
    return {
        "examples": len(corpus.examples),
        "corpus_sha256": corpus.digest(),
        "layer": "lexical+model" if model is not None else "lexical",
        "model": dict(model.meta) if model is not None else None,
        "labels": [_row(s) for s in scores],
        "micro": _row(micro(behaviour_scores)),
        "macro_f1": round(sum(s.f1 for s in present) / len(present), 3) if present else 0.0,
        "exact_match": round(exact / len(truth), 3) if truth else 0.0,
        "skipped_lines": len(corpus.errors),
    }


def render_table(report: dict[str, Any]) -> str:
    lines = [
        f"Contoh / examples: {report['examples']} · lapisan / layer: {report['layer']} · "
        f"sha256 {report['corpus_sha256'][:12]}",
        "",
        "| label | support | predicted | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in [*report["labels"], report["micro"]]:
        lines.append(
            f"| {row['label']} | {row['support']} | {row['predicted']} | {row['precision']:.3f} | "
            f"{row['recall']:.3f} | {row['f1']:.3f} |"
        )
    lines.append("")
    lines.append(
        f"macro F1 (label dengan support > 0): {report['macro_f1']:.3f} · "
        f"exact match: {report['exact_match']:.3f}"
    )
    return "\n".join(lines)
