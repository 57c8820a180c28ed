"""Evaluate screening on a labelled corpus: per-label precision, recall and F1 (plus "none",
micro and macro averages), as a JSON-ready report and a Markdown table."""

from __future__ import annotations

from typing import Any

from netralitas.screening.corpus import Corpus
from netralitas.screening.result import ScreeningResult
from netralitas.screening.screener import ScreenRequest, cached_screener
from netralitas.screening.training import LabelScore, expected_calibration_error, micro, score_predictions


def _row(score: LabelScore) -> dict[str, Any]:
    return {
        "label": score.label,
        "support": score.support,
        "predicted": score.predicted,
        "precision": round(score.precision, 3),
        "recall": round(score.recall, 3),
        "f1": round(score.f1, 3),
    }


#: A corpus's text kind → the screener's ``kind`` it honestly stands for. Only kinds that say what
#: the text IS (a post, a speech, a complaint) are passed; every other kind is not given. In
#: particular the development set's ``negative`` is its label, and is never passed.
CORPUS_KINDS = {
    "post_quote": "post",
    "post": "post",
    "speech_quote": "speech",
    "speech": "speech",
    "case_description": "complaint",
    "complaint": "complaint",
}


def screener_kind(corpus_kind: str) -> str | None:
    """The ``kind`` given to the screener for an example of this corpus kind (or None)."""
    return CORPUS_KINDS.get(corpus_kind)


def evaluate(corpus: Corpus, use_model: bool = True, kinds: bool = True) -> dict[str, Any]:
    """Screen every example and score it; ``kinds``: give the screener the example's text kind
    when it honestly says what the text is (``CORPUS_KINDS``)."""
    screener = cached_screener(None, use_model)
    results = screener.screen_many(
        [ScreenRequest(e.text, kind=screener_kind(e.kind) if kinds else None) for e in corpus.examples]
    )
    truth = [e.labels for e in corpus.examples]
    predicted = [r.labels for r in results]
    labels = [*screener.cues.labels, "none"]
    scores = score_predictions(truth, predicted, labels)
    behaviour_scores = [s for s in scores if s.label != "none"]
    present = [s for s in behaviour_scores if s.support]
    exact = sum(set(t) == set(p) for t, p in zip(truth, predicted, strict=True))
    model = screener.model
    return {
        **_flag_counts(corpus, predicted),
        "needs_reading": _reading_counts(corpus, [bool(r.review) for r in results]),
        "calibration": _calibration(truth, results),
        "examples": len(corpus.examples),
        "corpus_sha256": corpus.digest(),
        "layer": "lexical+model" if model is not None else "lexical",
        "kinds_given": kinds,
        "model": dict(model.meta) if model is not None else None,
        "labels": [_row(s) for s in scores],
        "micro": _row(micro(behaviour_scores)),
        "macro_f1": round(sum(s.f1 for s in present) / len(present), 3) if present else 0.0,
        "exact_match": round(exact / len(truth), 3) if truth else 0.0,
        "skipped_lines": len(corpus.errors),
    }


def _flag_counts(corpus: Corpus, predicted: list[tuple[str, ...]]) -> dict[str, Any]:
    """Negatives flagged / positives flagged (any label), overall and by text kind."""
    kinds: dict[str, dict[str, int]] = {}
    for example, labels in zip(corpus.examples, predicted, strict=True):
        row = kinds.setdefault(example.kind or "-", {"examples": 0, "exact": 0, "flagged": 0, "positives": 0})
        row["examples"] += 1
        row["exact"] += set(example.labels) == set(labels)
        row["flagged"] += labels != ("none",)
        row["positives"] += example.labels != ("none",)
    negatives = [p for e, p in zip(corpus.examples, predicted, strict=True) if e.labels == ("none",)]
    positives = [p for e, p in zip(corpus.examples, predicted, strict=True) if e.labels != ("none",)]
    return {
        "negatives": len(negatives),
        "negatives_flagged": sum(p != ("none",) for p in negatives),
        "positives": len(positives),
        "positives_flagged": sum(p != ("none",) for p in positives),
        "by_kind": dict(sorted(kinds.items())),
    }


def _calibration(truth: list[tuple[str, ...]], results: list[ScreeningResult]) -> dict[str, Any]:
    """Expected calibration error of the confidences the screener reports (labels and
    "perlu dibaca" hits): is a label given with confidence 0.8 right about 8 times in 10?"""
    pairs = [
        (hit.confidence, hit.label in labels)
        for labels, result in zip(truth, results, strict=True)
        for hit in (*result.behaviours, *result.review)
    ]
    return {
        "hits": len(pairs),
        "ece": round(expected_calibration_error([p for p, _ in pairs], [t for _, t in pairs]), 3),
        "mean_confidence": round(sum(p for p, _ in pairs) / len(pairs), 3) if pairs else 0.0,
        "accuracy": round(sum(t for _, t in pairs) / len(pairs), 3) if pairs else 0.0,
    }


def _reading_counts(corpus: Corpus, review: list[bool]) -> dict[str, int]:
    """Texts sent to a human read ("perlu dibaca", no labels): negatives and positives."""
    return {
        "negatives": sum(r and e.labels == ("none",) for e, r in zip(corpus.examples, review, strict=True)),
        "positives": sum(r and e.labels != ("none",) for e, r in zip(corpus.examples, review, strict=True)),
    }


def render_table(report: dict[str, Any]) -> str:
    lines = [
        f"Contoh / examples: {report['examples']} · lapisan / layer: {report['layer']} · "
        f"sha256 {report['corpus_sha256'][:12]} · jenis teks / kinds: "
        f"{'diberikan / given' if report.get('kinds_given') else 'tidak / not given'}",
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
    lines.append(
        f"negatif ditandai / negatives flagged: {report['negatives_flagged']} dari {report['negatives']} · "
        f"positif ditandai / positives flagged: {report['positives_flagged']} dari {report['positives']}"
    )
    calibration = report["calibration"]
    lines.append(
        f"kalibrasi / calibration: ECE {calibration['ece']:.3f} atas {calibration['hits']} label "
        f"(rata-rata keyakinan {calibration['mean_confidence']:.3f}, tepat {calibration['accuracy']:.3f})"
    )
    reading = report["needs_reading"]
    lines.append(
        f"perlu dibaca (tanpa label) / needs a human read: {reading['negatives']} negatif, "
        f"{reading['positives']} positif"
    )
    for kind, row in report["by_kind"].items():
        lines.append(
            f"  {kind}: {row['examples']} teks, label tepat {row['exact']}, ditandai {row['flagged']} "
            f"(positif {row['positives']})"
        )
    return "\n".join(lines)
