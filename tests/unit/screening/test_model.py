from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from tests.unit.screening.test_detectors import ALLOWED, POSITIVES

from netralitas.screening import Screener, ScreenRequest
from netralitas.screening.corpus import Corpus, Example, read_corpus
from netralitas.screening.model import LabelModel, load_model, packaged_model_path, save_model
from netralitas.screening.training import train_model


def _corpus() -> Corpus:
    examples = [
        Example(f"p{i:03d}", text, (label,), "post", False) for i, (label, text) in enumerate(POSITIVES)
    ]
    examples += [Example(f"n{i:03d}", text, ("none",), "post", True) for i, text in enumerate(ALLOWED)]
    return Corpus(tuple(sorted(examples, key=lambda e: e.id)), ())


@pytest.fixture(scope="module")
def tiny_model(lexical: Screener) -> LabelModel:
    return train_model(_corpus(), lexical)


def test_training_is_reproducible(lexical: Screener, tiny_model: LabelModel) -> None:
    again = train_model(_corpus(), lexical)
    assert np.array_equal(again.weights, tiny_model.weights)
    assert np.array_equal(again.bias, tiny_model.bias)
    assert again.thresholds == tiny_model.thresholds and again.vetoes == tiny_model.vetoes
    assert np.array_equal(again.calibration, tiny_model.calibration)
    assert again.meta["corpus_sha256"] == tiny_model.meta["corpus_sha256"]


_TRAIN_AND_SAVE = """
import sys
from tests.unit.screening.test_model import _corpus
from netralitas.screening.screener import cached_screener
from netralitas.screening.model import save_model
from netralitas.screening.training import train_model
from pathlib import Path
save_model(train_model(_corpus(), cached_screener(None, False)), Path(sys.argv[1]))
"""


def test_training_twice_gives_a_byte_identical_model_file(tmp_path: Path, tiny_model: LabelModel) -> None:
    """This process and another one with a different hash seed (set order, object addresses)
    train on the same corpus and save: the files are the same bytes."""
    here = tmp_path / "here.joblib"
    save_model(tiny_model, here)
    there = tmp_path / "there.joblib"
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(root)}
    subprocess.run([sys.executable, "-c", _TRAIN_AND_SAVE, str(there)], check=True, cwd=root, env=env)
    assert here.read_bytes() == there.read_bytes()


def test_a_saved_model_predicts_the_same_after_loading(
    tmp_path: Path, lexical: Screener, tiny_model: LabelModel
) -> None:
    path = tmp_path / "m.joblib"
    save_model(tiny_model, path)
    loaded = load_model(path)
    analyses = [lexical.analyse(text) for _, text in POSITIVES[:5]]
    for before, after in zip(tiny_model.predict(analyses), loaded.predict(analyses), strict=True):
        assert before.keys() == after.keys()
        assert all(abs(before[k] - after[k]) < 1e-6 for k in before)  # trained weights are float16 already


def test_model_only_flags_are_explained_by_ngrams(lexical: Screener, tiny_model: LabelModel) -> None:
    text = "Kepala dinas itu pengurus DPC partai di kabupaten"
    analysis = lexical.analyse(text)
    ranges = tiny_model.explain(analysis, "party_membership")
    assert ranges
    for first, last in ranges:
        start, end = analysis.norm.original_span(first, last)
        assert text[start:end].strip()


def test_veto_confirm_add_and_perlu_dibaca(lexical: Screener, tiny_model: LabelModel) -> None:
    model = replace(
        tiny_model,
        thresholds=dict.fromkeys(tiny_model.labels, 0.5),
        vetoes={**dict.fromkeys(tiny_model.labels, 0.0), "social_media_post": 0.3},
    )
    screener = Screener(lexical.cues, lexical.gazetteer, lexical.lexicon, model)
    analysis = lexical.analyse("Pak camat pasang status WA dukung paslon 02 #menang")
    assert "social_media_post" in analysis.labels
    index = {label: i for i, label in enumerate(model.labels)}
    row = np.zeros(len(model.labels))
    row[index["social_media_post"]] = 0.8
    confirmed = screener.decide(analysis, row.tolist(), True)
    detector_confidence = analysis.labels["social_media_post"][0]
    assert confirmed.confirmed["social_media_post"] == detector_confidence and confirmed.plain
    row[index["social_media_post"]] = 0.1  # under the veto floor: dropped, left for a human read
    vetoed = screener.decide(analysis, row.tolist(), True)
    assert "social_media_post" not in vetoed.confirmed
    assert ("social_media_post", 0.1) in vetoed.review and not vetoed.plain
    row[index["other"]] = 0.95  # the model alone, very likely: a label
    added = screener.decide(analysis, row.tolist(), True)
    assert ("other", 0.95) in added.added and not added.review
    result = screener.result(ScreenRequest(analysis.norm.original), analysis, vetoed)
    assert result.labels == ("none",) and result.review[0].label == "social_media_post"
    assert "perlu_dibaca" in result.to_dict()


def test_every_flag_of_the_full_screener_carries_evidence(lexical: Screener, tiny_model: LabelModel) -> None:
    screener = Screener(lexical.cues, lexical.gazetteer, lexical.lexicon, tiny_model)
    for _, text in POSITIVES:
        for hit in screener.screen(ScreenRequest(text)).behaviours:
            assert hit.evidence, (text, hit.label)


def test_the_packaged_model_is_small_and_matches_the_labels(lexical: Screener) -> None:
    path = packaged_model_path()
    assert path.is_file(), "run `netralitas screening train` to build the packaged model"
    assert path.stat().st_size < 5 * 1024 * 1024
    assert load_model(path).labels == tuple(lexical.cues.labels)


def test_corpus_reader_reports_bad_lines_and_sorts_by_id(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl").write_text(
        '{"id": "z", "text": "satu", "labels": ["none"]}\n'
        "{broken\n"
        '{"id": "y", "text": "dua", "labels": ["flying"]}\n'
        '{"id": "a", "text": "tiga", "labels": ["other", "none"]}\n',
        encoding="utf-8",
    )
    corpus = read_corpus(tmp_path)
    assert [e.id for e in corpus.examples] == ["a", "z"]
    assert corpus.examples[0].labels == ("other",)
    assert len(corpus.errors) == 2 and "b.jsonl:2" in corpus.errors[0] and "flying" in corpus.errors[1]


def test_fast_columns_equal_the_training_feature_names(lexical: Screener) -> None:
    """The memoised vectoriser gives exactly the columns of the names training counted."""
    from netralitas.screening.features import FeatureSpace, feature_names

    texts = [text for _, text in POSITIVES] + list(ALLOWED) + ["Halo... !!! ✌️ ayo-ayo, pilih 02 ya?? #menang"]
    analyses = [lexical.analyse(text) for text in texts]
    space = FeatureSpace.fit(analyses, min_count=1)
    for analysis in analyses:
        want = sorted({space.vocabulary[n] for n in feature_names(analysis)})
        assert space.columns(analysis) == want == sorted(set(space.columns(analysis)))
