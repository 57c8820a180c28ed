"""Officer corrections feed ``screening train``, never with a development-set text."""

from __future__ import annotations

import json
from pathlib import Path

from tests.unit.screening.test_detectors import ALLOWED, POSITIVES
from typer.testing import CliRunner

from netralitas.cli import app
from netralitas.screening.corpus import (
    Corpus,
    Example,
    excluded_hashes,
    merge_corrections,
    read_corpus,
    text_hash,
)
from netralitas.screening.model import load_model

DEV_TEXT = "Seorang camat mengajak warga memilih calon nomor urut 2 di acara desa."


def _example(id_: str, text: str, labels: tuple[str, ...]) -> Example:
    return Example(id_, text, labels, "complaint", False)


def test_corrections_are_added_dev_texts_excluded_and_officer_labels_win() -> None:
    train = Corpus((_example("tr-1", "Teks latih pertama tentang kampanye.", ("none",)),), ())
    corrections = Corpus(
        (
            _example("triage-a", "Guru itu membagikan amplop dari tim calon.", ("give_goods_or_money",)),
            _example(
                "triage-b",
                "  seorang CAMAT mengajak warga memilih calon nomor urut 2 di acara desa. ",
                ("other",),
            ),
            _example("triage-c", "teks latih pertama   tentang kampanye.", ("attend_campaign",)),
        ),
        (),
    )
    merged = merge_corrections(train, corrections, frozenset({text_hash(DEV_TEXT)}))
    assert (merged.added, merged.excluded, merged.replaced) == (2, 1, 1)
    assert [e.id for e in merged.corpus.examples] == ["triage-a", "triage-c"]
    assert merged.corpus.examples[1].labels == ("attend_campaign",)


def test_the_packaged_exclusion_list_holds_the_development_set_hashes() -> None:
    hashes = excluded_hashes()
    assert len(hashes) == 182
    assert all(len(h) == 64 and int(h, 16) >= 0 for h in hashes)


def test_train_reads_corrections_and_excludes_the_development_set(tmp_path: Path) -> None:
    data = tmp_path / "train.jsonl"
    rows = [{"id": f"p{i:03d}", "text": text, "labels": [label]} for i, (label, text) in enumerate(POSITIVES)]
    rows += [{"id": f"n{i:03d}", "text": text, "labels": ["none"]} for i, text in enumerate(ALLOWED)]
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    dev = tmp_path / "dev.jsonl"
    dev.write_text(
        json.dumps({"id": "dev-001", "text": DEV_TEXT, "labels": ["other"]}) + "\n", encoding="utf-8"
    )
    corrections = tmp_path / "corrections.jsonl"
    lines = [
        {
            "id": "triage-1",
            "text": "Lurah membagikan sembako bergambar calon.",
            "labels": ["give_goods_or_money"],
        },
        {"id": "triage-2", "text": DEV_TEXT.upper(), "labels": ["other"]},
    ]
    corrections.write_text(
        "".join(json.dumps({**r, "kind": "complaint", "hard_negative": False}) + "\n" for r in lines),
        encoding="utf-8",
    )
    output = tmp_path / "model.joblib"
    args = ["screening", "train", "--data", str(data), "--output", str(output)]
    result = CliRunner().invoke(
        app, [*args, "--corrections", str(corrections), "--exclude", str(dev)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "1 ditambahkan, 1 dikecualikan" in result.output
    model = load_model(output)
    assert model.meta["examples"] == len(read_corpus(data).examples) + 1
    missing = CliRunner().invoke(
        app, [*args, "--corrections", str(corrections), "--exclude", str(tmp_path / "x")]
    )
    assert missing.exit_code == 2
