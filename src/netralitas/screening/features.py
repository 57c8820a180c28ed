"""Features of the learned layer, cheap enough to compute on every text the detectors flag.

Per text: its normalised words (``w:``), word pairs (``b:``), word roots with the common verb and
noun affixes stripped (``r:``, so "diunggah", "mengunggah" and "unggahan" share ``r:unggah``),
and the lexical analysis (``g:`` cue groups hit, ``l:`` detector labels fired). The vocabulary is
fixed at training time (sorted, plain ``int`` indices); a row is binary and L2-normalised, so a
long news text and a short post weigh alike.

Many texts are vectorised at once (``FeatureSpace.matrix``): the per-token work is memoised, and
the batch becomes one sparse matrix, so one matrix product scores a whole chunk. A row depends
only on its own text: batched and single results are the same numbers.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]

from netralitas.screening.detectors import LexicalAnalysis

PREFIXES = ("memper", "menge", "meng", "meny", "mem", "men", "me", "di", "ter", "ber", "per", "ng", "ny")
SUFFIXES = ("kannya", "annya", "nya", "kan", "lah", "an", "in", "i")
MIN_ROOT = 4
#: Tokens whose per-token features are memoised (bounded: a worker's memory stays flat).
MEMO_SIZE = 100_000


@lru_cache(maxsize=MEMO_SIZE)
def root(token: str) -> str:
    """A crude stem: one prefix and one suffix off, as long as four letters remain."""
    stem = token
    for prefix in PREFIXES:
        if stem.startswith(prefix) and len(stem) - len(prefix) >= MIN_ROOT:
            stem = stem[len(prefix) :]
            break
    for suffix in SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= MIN_ROOT:
            stem = stem[: -len(suffix)]
            break
    return stem


def words(analysis: LexicalAnalysis) -> list[str]:
    """The normalised word tokens (punctuation and symbols dropped)."""
    return [t for t in analysis.norm.text.split() if _is_word(t)]


def _is_word(token: str) -> bool:
    found = _WORDS.get(token)
    if found is None:
        found = any(c.isalnum() for c in token)
        if len(_WORDS) >= MEMO_SIZE:
            _WORDS.clear()
        _WORDS[token] = found
    return found


_WORDS: dict[str, bool] = {}
#: The memo entry of a token that is not a word.
_SKIP: tuple[int, ...] = (-1,)
#: The pairs of a token that begins none.
_NO_PAIRS: dict[str, int] = {}


def token_names(token: str) -> list[str]:
    stem = root(token)
    return [f"w:{token}", f"r:{stem}"] if stem != token else [f"w:{token}", f"r:{token}"]


def feature_names(analysis: LexicalAnalysis) -> list[str]:
    """Every feature name of a text (with repeats; training keeps the frequent ones)."""
    tokens = words(analysis)
    names = [name for token in tokens for name in token_names(token)]
    names += [f"b:{a} {b}" for a, b in itertools.pairwise(tokens)]
    names += [f"g:{group}" for group in analysis.groups]
    names += [f"l:{label}" for label in analysis.labels]
    return names


@dataclass
class FeatureSpace:
    """A fixed vocabulary: feature name → column."""

    vocabulary: dict[str, int]
    #: token → (its word and root columns, {next word: column of the pair}); ``_SKIP`` columns
    #: for punctuation and symbols
    _tokens: dict[str, tuple[tuple[int, ...], dict[str, int]]] = field(default_factory=dict, repr=False)
    _names: list[str] = field(default_factory=list, repr=False)
    _pairs: dict[str, dict[str, int]] = field(init=False, repr=False)
    _groups: dict[str, int] = field(init=False, repr=False)
    _labels: dict[str, int] = field(init=False, repr=False)

    @classmethod
    def fit(cls, analyses: Iterable[LexicalAnalysis], min_count: int = 2) -> FeatureSpace:
        counts: dict[str, int] = {}
        for analysis in analyses:
            for name in set(feature_names(analysis)):
                counts[name] = counts.get(name, 0) + 1
        kept = sorted(name for name, count in counts.items() if count >= min_count)
        return cls({name: index for index, name in enumerate(kept)})

    @property
    def size(self) -> int:
        return len(self.vocabulary)

    def names(self) -> list[str]:
        """Feature names by column (built once)."""
        if len(self._names) != len(self.vocabulary):
            self._names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return self._names

    def __post_init__(self) -> None:
        vocabulary = self.vocabulary
        #: first word → second word → column of the pair "first second"
        self._pairs = {}
        for name, i in vocabulary.items():
            if name.startswith("b:"):
                first, _, second = name[2:].partition(" ")
                self._pairs.setdefault(first, {})[second] = i
        #: cue group / detector label → column
        self._groups = {name[2:]: i for name, i in vocabulary.items() if name.startswith("g:")}
        self._labels = {name[2:]: i for name, i in vocabulary.items() if name.startswith("l:")}

    def _token(self, token: str) -> tuple[tuple[int, ...], dict[str, int]]:
        """The memo entry of a token: its word and root columns (``_SKIP`` for punctuation and
        symbols) and the columns of the pairs it begins."""
        if not _is_word(token):
            found = (_SKIP, _NO_PAIRS)
        else:
            vocabulary = self.vocabulary
            columns = tuple(vocabulary[n] for n in token_names(token) if n in vocabulary)
            found = (columns, self._pairs.get(token, _NO_PAIRS))
        if len(self._tokens) >= MEMO_SIZE:
            self._tokens.clear()
        self._tokens[token] = found
        return found

    def columns(self, analysis: LexicalAnalysis) -> list[int]:
        """The sorted distinct columns of one text."""
        memo = self._tokens
        found: list[int] = []
        follows: dict[str, int] | None = None  # the pairs begun by the previous word
        for token in analysis.norm.text.split():
            entry = memo.get(token)
            if entry is None:
                entry = self._token(token)
            columns, pairs = entry
            if columns is _SKIP:
                continue
            found.extend(columns)
            if follows:
                column = follows.get(token)
                if column is not None:
                    found.append(column)
            follows = pairs
        for name in analysis.groups:
            column = self._groups.get(name)
            if column is not None:
                found.append(column)
        for name in analysis.labels:
            column = self._labels.get(name)
            if column is not None:
                found.append(column)
        return sorted(set(found))

    def matrix(self, analyses: Sequence[LexicalAnalysis]) -> sparse.csr_matrix:
        """One binary, L2-normalised row per text."""
        indices: list[int] = []
        indptr = [0]
        data: list[float] = []
        for analysis in analyses:
            columns = self.columns(analysis)
            indices.extend(columns)
            indptr.append(len(indices))
            data.extend([1.0 / len(columns) ** 0.5] * len(columns) if columns else [])
        return sparse.csr_matrix(
            (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int32), np.asarray(indptr)),
            shape=(len(analyses), self.size),
        )
