"""The learned layer: one-vs-rest logistic regression over TF-IDF word and character n-grams of
the normalised text plus the lexical detector features (which cue groups were hit, which
detectors fired). Stored as plain weight matrices (float32) with the two fitted vectorisers, so
the packaged file stays small and prediction is one sparse matrix product.

The decision per label combines both layers: flag when the probability reaches the label's
threshold, or when the detectors found evidence and the probability reaches the (lower) floor.
A flag without lexical evidence is explained by its top contributing n-grams.
"""

from __future__ import annotations

import copy
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

MODEL_FILE = "model/screening-model.joblib"
PICKLE_PROTOCOL = 4
FORMAT_VERSION = 1


def lexical_feature_names(groups: Sequence[str], labels: Sequence[str]) -> list[str]:
    return [f"g:{g}" for g in groups] + [f"l:{label}" for label in labels]


def lexical_matrix(analyses: Sequence[LexicalAnalysis], names: Sequence[str]) -> sparse.csr_matrix:
    index = {name: i for i, name in enumerate(names)}
    rows: list[int] = []
    cols: list[int] = []
    for row, analysis in enumerate(analyses):
        keys = [f"g:{g}" for g in analysis.groups] + [f"l:{label}" for label in analysis.labels]
        for key in keys:
            col = index.get(key)
            if col is not None:
                rows.append(row)
                cols.append(col)
    data = np.ones(len(rows), dtype=np.float32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(analyses), len(names)), dtype=np.float32)


@dataclass(frozen=True, slots=True)
class LabelModel:
    labels: tuple[str, ...]
    word: Any  # fitted TfidfVectorizer (words)
    char: Any  # fitted TfidfVectorizer (char_wb)
    lexical_names: tuple[str, ...]
    weights: Any  # np.ndarray (n_features, n_labels) float32
    bias: Any  # np.ndarray (n_labels,)
    thresholds: dict[str, float]
    floors: dict[str, float]
    meta: dict[str, Any]

    def features(self, analyses: Sequence[LexicalAnalysis]) -> sparse.csr_matrix:
        texts = [a.norm.text for a in analyses]
        blocks = [
            self.word.transform(texts),
            self.char.transform(texts),
            lexical_matrix(analyses, self.lexical_names),
        ]
        return sparse.hstack(blocks, format="csr", dtype=np.float32)

    def predict(self, analyses: Sequence[LexicalAnalysis]) -> list[dict[str, float]]:
        if not analyses:
            return []
        scores = self.features(analyses) @ self.weights + self.bias
        probs = 1.0 / (1.0 + np.exp(-np.asarray(scores, dtype=np.float64)))
        return [dict(zip(self.labels, (float(p) for p in row), strict=True)) for row in probs]

    def decide(self, label: str, probability: float, has_lexical: bool) -> tuple[float, str] | None:
        """(confidence, source) when the label is flagged, else None."""
        if probability >= self.thresholds[label]:
            return probability, "lexical+model" if has_lexical else "model"
        if has_lexical and probability >= self.floors[label]:
            return probability, "lexical+model"
        return None

    def explain(self, analysis: LexicalAnalysis, label: str, top: int = 3) -> list[TokenRange]:
        """Token ranges of the n-grams that pushed ``label`` up the most."""
        row = self.features([analysis])
        column = self.labels.index(label)
        contributions = row.multiply(self.weights[:, column].reshape(1, -1)).tocoo()
        order = np.argsort(-contributions.data)
        n_word = len(self.word.vocabulary_)
        names_word = _inverse(self.word.vocabulary_)
        names_char = _inverse(self.char.vocabulary_)
        ranges: list[TokenRange] = []
        for i in order:
            if contributions.data[i] <= 0 or len(ranges) >= top:
                break
            col = int(contributions.col[i])
            gram = names_word.get(col) if col < n_word else names_char.get(col - n_word)
            words = gram.split() if gram else []
            meaningful = any(w not in FUNCTION_WORDS and any(c.isalnum() for c in w) for w in words)
            found = _locate(analysis, gram) if gram and meaningful else None
            if found is not None and found not in ranges:
                ranges.append(found)
        return ranges


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


def _inverse(vocabulary: dict[str, int]) -> dict[int, str]:
    return {index: gram for gram, index in vocabulary.items()}


def _locate(analysis: LexicalAnalysis, gram: str) -> TokenRange | None:
    norm = analysis.norm
    phrase = gram.strip()
    if not phrase:
        return None
    found = norm.find_tokens(phrase)
    if found is not None:
        return found
    at = norm.text.find(phrase)
    if at < 0:
        return None
    return norm.token_at(max(at, 1)), norm.token_at(at + len(phrase) - 1)


def _stable(vectoriser: Any) -> Any:
    """A copy of a fitted vectoriser that pickles to the same bytes in every process: the
    vocabulary sorted by term with plain ``int`` indices, and without ``_stop_words_id`` (a cache
    of scikit-learn holding the memory address of ``stop_words``, which differs run to run)."""
    stable = copy.copy(vectoriser)
    stable.vocabulary_ = {term: int(index) for term, index in sorted(vectoriser.vocabulary_.items())}
    if hasattr(stable, "_stop_words_id"):
        del stable._stop_words_id
    return stable


def save_model(model: LabelModel, path: Path) -> None:
    """Save with a fixed pickle protocol and deterministic content: training twice on the same
    corpus gives a byte-identical file (tested in separate processes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "format": FORMAT_VERSION,
        "labels": list(model.labels),
        "word": _stable(model.word),
        "char": _stable(model.char),
        "lexical_names": list(model.lexical_names),
        "weights": np.asarray(model.weights, dtype=np.float16),  # halves the file
        "bias": model.bias,
        "thresholds": model.thresholds,
        "floors": model.floors,
        "meta": model.meta,
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


def load_model(path: Path | Any) -> LabelModel:
    payload = joblib.load(path)
    if payload.get("format") != FORMAT_VERSION:
        raise ValueError(f"unsupported screening model format in {path}")
    return LabelModel(
        labels=tuple(payload["labels"]),
        word=payload["word"],
        char=payload["char"],
        lexical_names=tuple(payload["lexical_names"]),
        weights=np.asarray(payload["weights"], dtype=np.float32),
        bias=payload["bias"],
        thresholds=dict(payload["thresholds"]),
        floors=dict(payload["floors"]),
        meta=dict(payload["meta"]),
    )


def packaged_model_path() -> Path:
    return Path(str(resources.files("netralitas.screening").joinpath(MODEL_FILE)))


@cache
def default_model() -> LabelModel | None:
    """The packaged model, or None when none has been trained yet (lexical layer only)."""
    path = packaged_model_path()
    return load_model(path) if path.is_file() else None
