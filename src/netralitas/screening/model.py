"""The learned layer: one-vs-rest logistic regression over the words, word pairs and roots of the
normalised text plus the lexical detector features (``features.py``), with calibrated
probabilities. Stored as a plain weight matrix (float16) with the sorted vocabulary, so the
packaged file stays small and scoring a chunk of texts is one sparse matrix product.

How the screener uses it (``screener.py``): it may drop a detector label whose probability is
under the label's veto floor, it confirms the others with a calibrated confidence, and a label
it alone finds likely is a "perlu dibaca" (needs a human read) or, when very likely, a label.
A flag without lexical evidence is explained by its top contributing words.
"""

from __future__ import annotations

import io
import pickle
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from scipy import sparse  # type: ignore[import-untyped]

from netralitas.screening.detectors import LexicalAnalysis, TokenRange
from netralitas.screening.features import FeatureSpace, root
from netralitas.screening.vectors import WordVectors, default_vectors

MODEL_FILE = "model/screening-model.joblib"
PICKLE_PROTOCOL = 4
#: 2: words, pairs, roots, cue groups and detector labels; 3: also the distilled word vectors
FORMAT_VERSION = 3
FORMATS = (2, 3)


@dataclass(frozen=True, slots=True)
class DenseText:
    """The distilled-encoder part of a model: the text vector (``WordVectors.embed`` with
    ``word_weights``) times ``scale`` gets its own weight rows ``weights`` (dims, n_labels)."""

    vectors: WordVectors
    word_weights: Any  # np.ndarray (n_words,) float32
    scale: float
    weights: Any  # np.ndarray (dims, n_labels) float32

    def features(self, analyses: Sequence[LexicalAnalysis]) -> np.ndarray:
        return np.asarray(self.vectors.embed(analyses, self.word_weights) * np.float32(self.scale))


@dataclass(frozen=True, slots=True)
class LabelModel:
    """One-vs-rest logistic regression over ``FeatureSpace`` rows, with a per-label Platt
    calibration (``a * score + b``, fitted on out-of-fold scores) so that a probability of 0.8
    means about 8 in 10. ``thresholds``: from here a label the detectors did not fire is worth a
    human read; ``vetoes``: below this probability a detector label is dropped (0.0: never)."""

    labels: tuple[str, ...]
    space: FeatureSpace
    weights: Any  # np.ndarray (n_features, n_labels) float32
    bias: Any  # np.ndarray (n_labels,)
    calibration: Any  # np.ndarray (2, n_labels): a, b
    thresholds: dict[str, float]
    vetoes: dict[str, float]
    meta: dict[str, Any]
    dense: DenseText | None = None

    def features(self, analyses: Sequence[LexicalAnalysis]) -> sparse.csr_matrix:
        return self.space.matrix(analyses)

    def raw_scores(self, analyses: Sequence[LexicalAnalysis]) -> np.ndarray:
        """Uncalibrated scores (texts, labels)."""
        raw: np.ndarray = np.asarray(self.features(analyses) @ self.weights, dtype=np.float64) + self.bias
        if self.dense is not None:
            raw += self.dense.features(analyses) @ self.dense.weights
        return raw

    def scores(self, analyses: Sequence[LexicalAnalysis]) -> np.ndarray:
        """Calibrated probabilities, one row per text, one column per label."""
        if not analyses:
            return np.zeros((0, len(self.labels)))
        raw = self.raw_scores(analyses)
        return np.asarray(1.0 / (1.0 + np.exp(-(raw * self.calibration[0] + self.calibration[1]))))

    def predict(self, analyses: Sequence[LexicalAnalysis]) -> list[dict[str, float]]:
        return [dict(zip(self.labels, (float(p) for p in row), strict=True)) for row in self.scores(analyses)]

    def explain(self, analysis: LexicalAnalysis, label: str, top: int = 3) -> list[TokenRange]:
        """Token ranges of the words and word pairs that pushed ``label`` up the most."""
        columns = self.space.columns(analysis)
        column_weights = self.weights[columns, self.labels.index(label)]
        weights: list[float] = column_weights.tolist()
        names = self.space.names()
        ranges: list[TokenRange] = []
        tokens = analysis.norm.text.split()
        for position in np.argsort(-column_weights, kind="stable").tolist():
            if weights[position] <= 0 or len(ranges) >= top:
                break
            found = _locate(analysis, names[columns[position]], tokens)
            if found is not None and found not in ranges:
                ranges.append(found)
        return ranges


def _locate(analysis: LexicalAnalysis, name: str, tokens: list[str]) -> TokenRange | None:
    """The first token range of a word (``w:``), root (``r:``), word-pair (``b:``), cue-group
    (``g:``) or detector (``l:``) feature; ``tokens``: the words of the normalised text."""
    kind, _, value = name.partition(":")
    if kind == "g" and analysis.groups.get(value):
        return analysis.groups[value][0]
    if kind == "l" and value in analysis.labels and analysis.labels[value][1]:
        return analysis.labels[value][1][0]
    if kind not in ("w", "r", "b"):
        return None
    parts = value.split()
    if not any(p not in FUNCTION_WORDS and any(c.isalnum() for c in p) for p in parts):
        return None
    if kind == "w":
        if value not in tokens:
            return None
        at = tokens.index(value)
        return at, at
    if kind == "r":
        for i, token in enumerate(tokens):
            if root(token) == value:
                return i, i
        return None
    for i in range(len(tokens) - 1):
        if tokens[i] == parts[0] and [tokens[i], tokens[i + 1]] == parts:
            return i, i + 1
    return None


#: Function words never shown as the evidence of a model flag ("kita", "yang", "di").
FUNCTION_WORDS = frozenset(
    {
        "kita",
        "kami",
        "saya",
        "anda",
        "yang",
        "dan",
        "di",
        "ke",
        "dari",
        "untuk",
        "dengan",
        "itu",
        "ini",
        "ada",
        "akan",
        "atau",
        "juga",
        "pada",
        "dalam",
        "para",
        "bahwa",
        "tidak",
        "sudah",
        "telah",
        "karena",
        "agar",
        "sebagai",
        "oleh",
        "ya",
        "pak",
        "bu",
        "bapak",
        "ibu",
    }
)


def save_model(model: LabelModel, path: Path) -> None:
    """Save with a fixed pickle protocol and deterministic content: training twice on the same
    corpus gives a byte-identical file (tested in separate processes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload: dict[str, Any] = {
        "format": FORMAT_VERSION if model.dense is not None else 2,
        "labels": list(model.labels),
        "vocabulary": {name: int(index) for name, index in sorted(model.space.vocabulary.items())},
        "weights": np.asarray(model.weights, dtype=np.float16),  # halves the file
        "bias": np.asarray(model.bias, dtype=np.float32),
        "calibration": np.asarray(model.calibration, dtype=np.float32),
        "thresholds": dict(sorted(model.thresholds.items())),
        "vetoes": dict(sorted(model.vetoes.items())),
        "meta": dict(sorted(model.meta.items())),
    }
    if model.dense is not None:
        payload["dense"] = {
            "vectors_sha256": model.dense.vectors.digest(),
            "words": len(model.dense.vectors.words),
            "word_weights": np.asarray(model.dense.word_weights, dtype=np.float16),
            "scale": float(model.dense.scale),
            "weights": np.asarray(model.dense.weights, dtype=np.float16),
        }
    path.write_bytes(zlib.compress(_canonical_pickle(payload), 6))


def _canonical_pickle(payload: Any) -> bytes:
    """Pickle without the memo: with it, whether two equal strings are written once or twice
    depends on object identity (interning, what the process loaded before), so the bytes would
    depend on the process's history. The payload has no cycles, so fast mode is safe. The file is
    a zlib-compressed pickle, which ``joblib.load`` reads."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=PICKLE_PROTOCOL)
    pickler.fast = True  # no memo
    pickler.dump(payload)
    return buffer.getvalue()


def load_model(path: Path | Any, vectors: WordVectors | None = None) -> LabelModel:
    """``vectors``: the word vectors of a format-3 model (default: the packaged ones, which must
    be the ones it was trained with: their SHA-256 is checked)."""
    payload = joblib.load(path)
    if payload.get("format") not in FORMATS:
        raise ValueError(f"unsupported screening model format in {path}")
    dense = None
    if "dense" in payload:
        found = vectors or default_vectors()
        stored = payload["dense"]
        if found is None or found.digest() != stored["vectors_sha256"]:
            raise ValueError(f"{path}: the model needs the word vectors {stored['vectors_sha256'][:12]}…")
        dense = DenseText(
            found,
            np.asarray(stored["word_weights"], dtype=np.float32),
            float(stored["scale"]),
            np.asarray(stored["weights"], dtype=np.float32),
        )
    return LabelModel(
        labels=tuple(payload["labels"]),
        space=FeatureSpace(dict(payload["vocabulary"])),
        weights=np.asarray(payload["weights"], dtype=np.float32),
        bias=np.asarray(payload["bias"], dtype=np.float32),
        calibration=np.asarray(payload["calibration"], dtype=np.float32),
        thresholds=dict(payload["thresholds"]),
        vetoes=dict(payload["vetoes"]),
        meta=dict(payload["meta"]),
        dense=dense,
    )


def packaged_model_path() -> Path:
    return Path(str(resources.files("netralitas.screening").joinpath(MODEL_FILE)))


@cache
def default_model() -> LabelModel | None:
    """The packaged model, or None when none has been trained yet (lexical layer only)."""
    path = packaged_model_path()
    return load_model(path) if path.is_file() else None
