"""Train the learned layer reproducibly and evaluate a screener on a labelled corpus.

Reproducible: examples sorted by id, fixed seeds, deterministic solver (liblinear), so the
same corpus gives the same weights and the same predictions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sklearn
from scipy import sparse  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

from netralitas.screening.corpus import Corpus
from netralitas.screening.detectors import LexicalAnalysis
from netralitas.screening.features import FeatureSpace
from netralitas.screening.model import DenseText, LabelModel
from netralitas.screening.screener import Screener
from netralitas.screening.vectors import WordVectors

SEED = 20240214
C = 4.0
FOLDS = 5
_GRID = [round(float(x), 2) for x in np.arange(0.1, 0.95, 0.05)]
_VETO_GRID = [0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5]
#: Labels whose detector hits the learned layer may veto. The out-of-fold floors help every label
#: on the (constructed) training corpus, but on real text a veto mostly costs recall; it is kept
#: only where it raised the label's F1 on both the frozen set and the development tuning half and
#: did not lower it on the held-out half (docs/screening.md, "Learned layer on real text").
VETO_LABELS = frozenset(
    {
        "like_comment_share",
        "photo_with_candidate",
        "partisan_gesture",
        "wear_party_attributes",
        "party_membership",
    }
)
#: A veto floor must raise the out-of-fold F1 of the detector label by this much.
VETO_GAIN = 0.01
ECE_BINS = 10
#: Smooth inverse frequency of a word in the training corpus: ``SIF / (SIF + p(word))``.
SIF = 1e-3
#: The distilled text vector (norm 1) is multiplied by this before it joins the sparse row (norm 1).
DENSE_SCALE = 1.0


def word_weights(vectors: WordVectors, analyses: Sequence[LexicalAnalysis]) -> np.ndarray:
    """SIF weight of every vocabulary word, from its frequency (distinct texts) in the corpus."""
    counts = np.zeros(len(vectors.words), dtype=np.float64)
    for analysis in analyses:
        rows = vectors.rows(analysis)
        if rows:
            counts[rows] += 1
    p = counts / max(float(counts.sum()), 1.0)
    # float16 as stored, so a trained and a loaded model agree exactly
    return np.asarray(SIF / (SIF + p), dtype=np.float16).astype(np.float32)


def _fit_weights(x: Any, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    coefs, biases = [], []
    for column in range(y.shape[1]):
        target = y[:, column]
        if target.min() == target.max():
            coefs.append(np.zeros(x.shape[1], dtype=np.float32))
            biases.append(10.0 if target.max() else -10.0)
            continue
        clf = LogisticRegression(
            solver="liblinear", dual=True, C=C, class_weight="balanced", random_state=SEED, max_iter=1000
        )
        clf.fit(x, target)
        coefs.append(clf.coef_[0].astype(np.float32))
        biases.append(float(clf.intercept_[0]))
    # the weights are stored as float16: round here, so a trained and a loaded model agree exactly
    weights = np.vstack(coefs).T.astype(np.float16).astype(np.float32)
    return weights, np.asarray(biases, dtype=np.float32)


def _cross_validated(x: Any, y: np.ndarray) -> np.ndarray:
    """Out-of-fold raw scores (before calibration)."""
    raw = np.zeros(y.shape, dtype=np.float64)
    for train, test in KFold(FOLDS, shuffle=True, random_state=SEED).split(np.arange(y.shape[0])):
        weights, bias = _fit_weights(x[train], y[train])
        raw[test] = np.asarray(x[test] @ weights) + bias
    return raw


def _platt(raw: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """(a, b) of ``sigmoid(a * raw + b)`` fitted to the out-of-fold scores."""
    if truth.min() == truth.max():
        return 1.0, 0.0
    clf = LogisticRegression(C=100.0, solver="lbfgs", max_iter=1000)
    clf.fit(raw.reshape(-1, 1), truth)
    return float(clf.coef_[0][0]), float(clf.intercept_[0])


def _f1(predicted: np.ndarray, truth: np.ndarray) -> float:
    tp = float(np.sum(predicted & truth))
    denominator = float(np.sum(predicted) + np.sum(truth))
    return 2 * tp / denominator if denominator else 0.0


def _threshold(probs: np.ndarray, lexical: np.ndarray, truth: np.ndarray) -> float:
    """The probability from which a label the detectors did not fire is worth a human read:
    best F1 on the texts without that detector label (out-of-fold)."""
    rest = ~lexical
    best = (-1.0, 0.9)
    for threshold in _GRID:
        score = _f1(probs[rest] >= threshold, truth[rest])
        if score > best[0] + 1e-9:
            best = (score, float(threshold))
    return best[1]


def _veto(probs: np.ndarray, lexical: np.ndarray, truth: np.ndarray) -> float:
    """The probability under which a detector label is dropped: the floor maximising the F1 of
    the detector label (out-of-fold), 0.0 (never) unless a floor gains at least ``VETO_GAIN``."""
    base = _f1(lexical, truth)
    best = (base + VETO_GAIN, 0.0)
    for floor in _VETO_GRID:
        score = _f1(lexical & (probs >= floor), truth)
        if score > best[0] + 1e-9:
            best = (score, floor)
    return best[1]


def _sigmoid(values: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-values)))


def train_model(
    corpus: Corpus,
    screener: Screener,
    veto_labels: frozenset[str] = VETO_LABELS,
    vectors: WordVectors | None = None,
    dense_scale: float = DENSE_SCALE,
) -> LabelModel:
    """Fit the learned layer on ``corpus``; ``screener`` supplies the lexical analysis; only
    ``veto_labels`` get a veto floor; with ``vectors`` the text's distilled word-vector mean
    joins the features."""
    labels = tuple(screener.cues.labels)
    analyses = [screener.analyse(e.text) for e in corpus.examples]
    y = np.array([[label in e.labels for label in labels] for e in corpus.examples], dtype=bool)
    space = FeatureSpace.fit(analyses)
    x = space.matrix(analyses)
    dense: DenseText | None = None
    if vectors is not None:
        dims = np.zeros((vectors.dims, len(labels)), dtype=np.float32)
        dense = DenseText(vectors, word_weights(vectors, analyses), dense_scale, dims)
        x = sparse.hstack([x, sparse.csr_matrix(dense.features(analyses))], format="csr")
    raw = _cross_validated(x, y)
    calibration = np.array([_platt(raw[:, i], y[:, i]) for i in range(len(labels))], dtype=np.float32).T
    probs = _sigmoid(raw * calibration[0] + calibration[1])
    lexical = np.array([[label in a.labels for label in labels] for a in analyses], dtype=bool)
    weights, bias = _fit_weights(x, y)
    if dense is not None:
        dense = DenseText(dense.vectors, dense.word_weights, dense_scale, weights[space.size :])
        weights = weights[: space.size]
    meta = {
        "examples": len(corpus.examples),
        "corpus_sha256": corpus.digest(),
        "seed": SEED,
        "C": C,
        "sklearn": sklearn.__version__,
        "features": space.size,
        "cv_ece": round(expected_calibration_error(probs.ravel(), y.ravel()), 4),
    }
    if dense is not None:
        meta.update(vectors_sha256=dense.vectors.digest(), dense_scale=dense_scale, sif=SIF)
    return LabelModel(
        labels=labels,
        space=space,
        weights=weights,
        bias=bias,
        calibration=calibration,
        thresholds={label: _threshold(probs[:, i], lexical[:, i], y[:, i]) for i, label in enumerate(labels)},
        vetoes={
            label: _veto(probs[:, i], lexical[:, i], y[:, i]) if label in veto_labels else 0.0
            for i, label in enumerate(labels)
        },
        meta=meta,
        dense=dense,
    )


def expected_calibration_error(
    probs: Sequence[float] | np.ndarray, truth: Sequence[bool] | np.ndarray
) -> float:
    """ECE over ``ECE_BINS`` equal-width bins: the mean |confidence - frequency|, weighted by
    the share of predictions in each bin."""
    p = np.asarray(probs, dtype=np.float64)
    t = np.asarray(truth, dtype=np.float64)
    if not len(p):
        return 0.0
    bins = np.minimum((p * ECE_BINS).astype(int), ECE_BINS - 1)
    total = 0.0
    for b in range(ECE_BINS):
        inside = bins == b
        if inside.any():
            total += inside.sum() / len(p) * abs(p[inside].mean() - t[inside].mean())
    return float(total)


@dataclass(frozen=True, slots=True)
class LabelScore:
    label: str
    support: int
    predicted: int
    true_positive: int

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_predictions(
    truth: Sequence[tuple[str, ...]], predicted: Sequence[tuple[str, ...]], labels: Sequence[str]
) -> list[LabelScore]:
    """Per-label counts; ``labels`` should include "none" to score the negatives too."""
    scores = []
    for label in labels:
        support = sum(label in t for t in truth)
        made = sum(label in p for p in predicted)
        hit = sum(label in t and label in p for t, p in zip(truth, predicted, strict=True))
        scores.append(LabelScore(label, support, made, hit))
    return scores


def micro(scores: Sequence[LabelScore]) -> LabelScore:
    return LabelScore(
        "micro",
        sum(s.support for s in scores),
        sum(s.predicted for s in scores),
        sum(s.true_positive for s in scores),
    )


def lexical_labels(analysis: LexicalAnalysis) -> tuple[str, ...]:
    return tuple(analysis.labels) or ("none",)
