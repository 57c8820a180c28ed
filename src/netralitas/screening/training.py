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
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

from netralitas.screening.corpus import Corpus
from netralitas.screening.detectors import LexicalAnalysis
from netralitas.screening.model import LabelModel, lexical_feature_names, lexical_matrix
from netralitas.screening.screener import Screener

SEED = 20240214
C = 4.0
FOLDS = 5
_GRID = [round(x, 2) for x in np.arange(0.1, 0.95, 0.05)]


def _vectorisers() -> tuple[TfidfVectorizer, TfidfVectorizer]:
    word = TfidfVectorizer(
        analyzer="word", token_pattern=r"\S+", ngram_range=(1, 2), min_df=2, max_features=12000,
        sublinear_tf=True, lowercase=False, dtype=np.float32,
    )  # fmt: skip
    char = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), min_df=2, max_features=20000,
        sublinear_tf=True, lowercase=False, dtype=np.float32,
    )  # fmt: skip
    return word, char


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
    return np.vstack(coefs).T, np.asarray(biases, dtype=np.float32)


def _cross_validated(x: Any, y: np.ndarray) -> np.ndarray:
    probs = np.zeros(y.shape, dtype=np.float64)
    for train, test in KFold(FOLDS, shuffle=True, random_state=SEED).split(np.arange(y.shape[0])):
        weights, bias = _fit_weights(x[train], y[train])
        probs[test] = 1.0 / (1.0 + np.exp(-(np.asarray(x[test] @ weights) + bias)))
    return probs


def _f1(predicted: np.ndarray, truth: np.ndarray) -> float:
    tp = float(np.sum(predicted & truth))
    denominator = float(np.sum(predicted) + np.sum(truth))
    return 2 * tp / denominator if denominator else 0.0


def _tune(probs: np.ndarray, lexical: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """(threshold, floor) maximising F1 of: p >= threshold or (lexical and p >= floor)."""
    best = (-1.0, 0.5, 0.5)
    for threshold in _GRID:
        for floor in [f for f in _GRID if f <= threshold]:
            predicted = (probs >= threshold) | (lexical & (probs >= floor))
            score = _f1(predicted, truth)
            if score > best[0] + 1e-9:
                best = (score, threshold, floor)
    return best[1], best[2]


def train_model(corpus: Corpus, screener: Screener) -> LabelModel:
    """Fit the learned layer on ``corpus``; ``screener`` supplies the lexical analysis."""
    labels = tuple(screener.cues.labels)
    analyses = [screener.analyse(e.text) for e in corpus.examples]
    y = np.array([[label in e.labels for label in labels] for e in corpus.examples], dtype=bool)
    word, char = _vectorisers()
    texts = [a.norm.text for a in analyses]
    names = lexical_feature_names([*sorted(screener.cues.groups), "named", "gesture", "asn"], labels)
    x = sparse.hstack(
        [word.fit_transform(texts), char.fit_transform(texts), lexical_matrix(analyses, names)], format="csr"
    )
    for vectoriser in (word, char):
        vectoriser.stop_words_ = None  # the discarded vocabulary is not needed to predict
    probs = _cross_validated(x, y)
    lexical = np.array([[label in a.labels for label in labels] for a in analyses], dtype=bool)
    tuned = [_tune(probs[:, i], lexical[:, i], y[:, i]) for i in range(len(labels))]
    weights, bias = _fit_weights(x, y)
    meta = {
        "examples": len(corpus.examples),
        "corpus_sha256": corpus.digest(),
        "seed": SEED,
        "C": C,
        "sklearn": sklearn.__version__,
        "features": int(x.shape[1]),
    }
    return LabelModel(
        labels=labels,
        word=word,
        char=char,
        lexical_names=tuple(names),
        weights=weights,
        bias=bias,
        thresholds={label: t for label, (t, _) in zip(labels, tuned, strict=True)},
        floors={label: f for label, (_, f) in zip(labels, tuned, strict=True)},
        meta=meta,
    )


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
