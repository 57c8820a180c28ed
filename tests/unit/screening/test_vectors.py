"""The distilled word vectors (screening/vectors.py), the model that uses them, and the
distillation tool's code path with a stand-in encoder (the real one is a dev extra)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from tests.unit.screening.test_model import _corpus
from tools import distil_vectors

from netralitas.screening import Screener
from netralitas.screening.model import LabelModel, load_model, save_model
from netralitas.screening.training import train_model
from netralitas.screening.vectors import WordVectors, load_vectors

ROOT = Path(__file__).resolve().parents[3]


def _fake_encoder(texts: list[str]) -> np.ndarray:
    """Deterministic stand-in for the encoder: a vector seeded by the text's bytes."""
    rows = []
    for text in texts:
        seed = int.from_bytes(text.encode()[-8:].rjust(8, b"\0"), "little") % (2**32)
        rows.append(np.random.default_rng(seed).standard_normal(12))
    return np.asarray(rows, dtype=np.float32)


def _tiny_vectors(directory: Path, lexical: Screener) -> WordVectors:
    words = distil_vectors.vocabulary(
        {w for e in _corpus().examples for w in lexical.analyse(e.text).norm.text.split()},
        ["unggah", "swafoto", "a", "abal-abal", "x2"],
    )
    raw = distil_vectors.embed(words, _fake_encoder, batch=7)
    distil_vectors.write(words, distil_vectors.pca(raw, 8), directory)
    return load_vectors(directory)


@pytest.fixture(scope="module")
def vectors(tmp_path_factory: pytest.TempPathFactory, lexical: Screener) -> WordVectors:
    return _tiny_vectors(tmp_path_factory.mktemp("vectors"), lexical)


@pytest.fixture(scope="module")
def dense_model(lexical: Screener, vectors: WordVectors) -> LabelModel:
    return train_model(_corpus(), lexical, vectors=vectors)


def test_vocabulary_keeps_plain_words_sorted_and_distinct() -> None:
    assert distil_vectors.vocabulary(["b", "ab", "ab", "x2", "abal-abal", "Besar"], ["aa"]) == ["aa", "ab"]


def test_pca_is_deterministic_and_reduces() -> None:
    raw = _fake_encoder([f"query: w{i}" for i in range(40)])
    once, twice = distil_vectors.pca(raw, 5), distil_vectors.pca(raw.copy(), 5)
    assert once.dtype == np.float16 and once.shape == (40, 5)
    assert once.tobytes() == twice.tobytes()
    assert abs(float(np.linalg.norm(once.astype(np.float32), axis=1).mean()) - 1.0) < 0.01


def test_a_text_is_the_weighted_mean_of_its_known_words(lexical: Screener, vectors: WordVectors) -> None:
    weights = np.linspace(0.5, 1.0, len(vectors.words)).astype(np.float32)
    analysis = lexical.analyse("Camat diunggahnya swafoto, xyzqw!")
    assert "diunggahnya" not in vectors.words
    rows = vectors.rows(analysis)
    # "diunggahnya" is unknown to the vocabulary: found by its root "unggah"; "xyzqw" is skipped
    assert vectors.words.index("unggah") in rows and vectors.words.index("swafoto") in rows
    mean = (weights[rows, None] * vectors.vectors[rows]).sum(axis=0) / weights[rows].sum()
    want = mean / np.linalg.norm(mean)
    got = vectors.embed([analysis], weights)[0]
    assert np.allclose(got, want, atol=1e-5)
    empty = vectors.embed([lexical.analyse("!!! ...")], weights)
    assert not empty.any()


def test_rows_of_a_batch_equal_the_texts_alone(lexical: Screener, vectors: WordVectors) -> None:
    analyses = [lexical.analyse(e.text) for e in _corpus().examples[:12]] + [lexical.analyse("?")]
    weights = np.ones(len(vectors.words), dtype=np.float32)
    batch = vectors.embed(analyses, weights)
    for i, analysis in enumerate(analyses):
        assert np.allclose(batch[i], vectors.embed([analysis], weights)[0], atol=1e-6)


def test_a_model_with_vectors_loads_and_predicts_the_same(
    tmp_path: Path, lexical: Screener, dense_model: LabelModel, vectors: WordVectors
) -> None:
    assert dense_model.dense is not None and dense_model.dense.weights.shape == (8, len(dense_model.labels))
    assert dense_model.meta["vectors_sha256"] == vectors.digest()
    path = tmp_path / "m.joblib"
    save_model(dense_model, path)
    loaded = load_model(path, vectors)
    analyses = [lexical.analyse(e.text) for e in _corpus().examples[:8]]
    assert np.allclose(dense_model.scores(analyses), loaded.scores(analyses), atol=1e-6)
    other = WordVectors(vectors.words, vectors.vectors[::-1].copy())
    with pytest.raises(ValueError, match="word vectors"):
        load_model(path, other)


def test_the_vector_features_change_the_scores(lexical: Screener, dense_model: LabelModel) -> None:
    from dataclasses import replace

    assert dense_model.dense is not None
    analyses = [lexical.analyse(e.text) for e in _corpus().examples[:8]]
    flat = replace(dense_model, dense=replace(dense_model.dense, weights=dense_model.dense.weights * 0))
    assert not np.allclose(dense_model.scores(analyses), flat.scores(analyses))


_TRAIN_AND_SAVE = """
import sys
from pathlib import Path
from tests.unit.screening.test_model import _corpus
from netralitas.screening.screener import cached_screener
from netralitas.screening.model import save_model
from netralitas.screening.training import train_model
from netralitas.screening.vectors import load_vectors
model = train_model(_corpus(), cached_screener(None, False), vectors=load_vectors(Path(sys.argv[2])))
save_model(model, Path(sys.argv[1]))
"""


def test_training_with_vectors_gives_a_byte_identical_file_in_another_process(
    tmp_path: Path, dense_model: LabelModel, lexical: Screener
) -> None:
    directory = tmp_path / "vectors"
    again = _tiny_vectors(directory, lexical)  # the tool writes the same bytes twice
    assert again.digest() == dense_model.meta["vectors_sha256"]
    here = tmp_path / "here.joblib"
    save_model(dense_model, here)
    there = tmp_path / "there.joblib"
    env = {**os.environ, "PYTHONHASHSEED": "4321", "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [sys.executable, "-c", _TRAIN_AND_SAVE, str(there), str(directory)], check=True, cwd=ROOT, env=env
    )
    assert here.read_bytes() == there.read_bytes()
