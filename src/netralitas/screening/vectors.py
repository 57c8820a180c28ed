"""Static word vectors distilled from a multilingual sentence encoder (``tools/distil_vectors.py``):
a text becomes the weighted mean of its words' vectors, so words the training corpus never used
("berswafoto", "mengerahkan") land near the words it did ("berfoto", "menggerakkan").

At run time this is a table look-up per token and one sparse-times-dense product per chunk of
texts; the encoder itself is never loaded. A token missing from the vocabulary is looked up by its
crude root (``features.root``), else skipped. Word weights (``a / (a + p(word))``, the smooth
inverse frequency of the training corpus) are given by the model that uses the vectors.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]

from netralitas.screening.detectors import LexicalAnalysis
from netralitas.screening.features import MEMO_SIZE, root

VECTORS_FILE = "word-vectors.npy"
VOCABULARY_FILE = "word-vectors.txt"
_NONE = -1


def packaged_data_dir() -> Path:
    return Path(str(resources.files("netralitas.screening").joinpath("data")))


@dataclass
class WordVectors:
    """``words`` (sorted) and their ``vectors`` (float32 rows, same order)."""

    words: tuple[str, ...]
    vectors: Any  # np.ndarray (n_words, dims) float32
    _index: dict[str, int] = field(init=False, repr=False)
    _memo: dict[str, int] = field(default_factory=dict, repr=False)

    _digest: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        self._index = {w: i for i, w in enumerate(self.words)}

    def digest(self) -> str:
        """SHA-256 of the vocabulary and the float16 vectors (what a model was trained with)."""
        if not self._digest:
            h = hashlib.sha256("\n".join(self.words).encode())
            h.update(np.ascontiguousarray(self.vectors, dtype=np.float16).tobytes())
            self._digest = h.hexdigest()
        return self._digest

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    def row(self, token: str) -> int:
        """The vocabulary row of a normalised token (its root's when the word is unknown), -1."""
        found = self._memo.get(token)
        if found is None:
            found = self._index.get(token, _NONE)
            if found == _NONE:
                found = self._index.get(root(token), _NONE)
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[token] = found
        return found

    def rows(self, analysis: LexicalAnalysis) -> list[int]:
        """The distinct vocabulary rows of a text's words."""
        row = self.row
        return sorted({r for t in analysis.norm.text.split() if (r := row(t)) != _NONE})

    def bag(self, analyses: Sequence[LexicalAnalysis], weights: Any) -> sparse.csr_matrix:
        """(texts, words): each text's distinct known words, with ``weights`` by word, each row
        summing to 1 (an empty row stays empty)."""
        indices: list[int] = []
        indptr = [0]
        for analysis in analyses:
            indices.extend(self.rows(analysis))
            indptr.append(len(indices))
        columns = np.asarray(indices, dtype=np.int32)
        data = np.asarray(weights, dtype=np.float32)[columns]
        bag = sparse.csr_matrix((data, columns, np.asarray(indptr)), shape=(len(analyses), len(self.words)))
        totals = np.asarray(bag.sum(axis=1)).ravel()
        return sparse.diags(1.0 / np.where(totals > 0, totals, 1.0)).astype(np.float32) @ bag

    def embed(self, analyses: Sequence[LexicalAnalysis], weights: Any) -> np.ndarray:
        """(texts, dims) weighted means of the word vectors, L2-normalised (zero for a text
        without a known word)."""
        means = np.asarray(self.bag(analyses, weights) @ self.vectors, dtype=np.float32)
        norms = np.linalg.norm(means, axis=1, keepdims=True)
        return np.asarray(means / np.where(norms > 0, norms, 1.0))


def load_vectors(directory: Path) -> WordVectors:
    words = tuple((directory / VOCABULARY_FILE).read_text("utf-8").split())
    vectors = np.load(directory / VECTORS_FILE, allow_pickle=False).astype(np.float32)
    if vectors.shape[0] != len(words):
        raise ValueError(f"{directory}: {len(words)} words but {vectors.shape[0]} vectors")
    return WordVectors(words, vectors)


@cache
def default_vectors() -> WordVectors | None:
    """The packaged vectors, or None when none have been distilled."""
    directory = packaged_data_dir()
    return load_vectors(directory) if (directory / VECTORS_FILE).is_file() else None
