"""Labelled corpora (training and frozen test sets): JSONL, one object per line
``{"id", "text", "labels", "kind", "hard_negative", "note"?}``. Files of a directory are read in
sorted order and examples are sorted by id, so training is independent of file layout."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from netralitas.rules.behaviours import ALL_BEHAVIOURS
from netralitas.screening.datafiles import read_data_text


@dataclass(frozen=True, slots=True)
class Example:
    id: str
    text: str
    labels: tuple[str, ...]
    kind: str
    hard_negative: bool


@dataclass(frozen=True, slots=True)
class Corpus:
    examples: tuple[Example, ...]
    errors: tuple[str, ...]

    def digest(self) -> str:
        """SHA-256 over ids, texts and labels in id order (what the model was trained on)."""
        sha = hashlib.sha256()
        for e in self.examples:
            sha.update(json.dumps([e.id, e.text, list(e.labels)], ensure_ascii=False).encode())
        return sha.hexdigest()


def corpus_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*.jsonl") if p.is_file())
    return [path]


def _parse(line: str, where: str) -> Example | str:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"{where}: JSON tidak sah ({exc.msg})"
    if not isinstance(raw, dict):
        return f"{where}: baris harus objek JSON"
    text, labels = raw.get("text"), raw.get("labels")
    if not isinstance(text, str) or not text.strip():
        return f"{where}: 'text' kosong atau tidak ada"
    if not isinstance(labels, list) or not labels or not all(isinstance(x, str) for x in labels):
        return f"{where}: 'labels' harus daftar label"
    unknown = sorted(set(labels) - set(ALL_BEHAVIOURS))
    if unknown:
        return f"{where}: label tidak dikenal {unknown}"
    clean = tuple(sorted(set(labels) - {"none"})) or ("none",)
    return Example(
        str(raw.get("id", where)),
        text,
        clean,
        str(raw.get("kind", "")),
        bool(raw.get("hard_negative", False)),
    )


def _iter_file(path: Path) -> Iterator[Example | str]:
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield _parse(line, f"{path}:{number}")


def read_corpus(path: Path) -> Corpus:
    """All examples under ``path`` (file or directory); bad lines are collected, not fatal."""
    examples: list[Example] = []
    errors: list[str] = []
    seen: set[str] = set()
    for file in corpus_files(path):
        for item in _iter_file(file):
            if isinstance(item, str):
                errors.append(item)
            elif item.id in seen:
                errors.append(f"{file}: id ganda {item.id!r}")
            else:
                seen.add(item.id)
                examples.append(item)
    examples.sort(key=lambda e: e.id)
    return Corpus(tuple(examples), tuple(errors))


#: Halves of a development set, by a hash of each id (stable, independent of order): tune on
#: one, report the other separately ("held-out" was not looked at while writing cues).
HALVES = ("tuning", "held-out")


def half_of(example_id: str) -> str:
    return HALVES[hashlib.sha256(example_id.encode()).digest()[0] % 2]


def select_half(corpus: Corpus, half: str | None) -> Corpus:
    """The examples of one half (``HALVES``), or the whole corpus for ``None``."""
    if half is None:
        return corpus
    if half not in HALVES:
        raise ValueError(f"half must be one of {HALVES}")
    return Corpus(tuple(e for e in corpus.examples if half_of(e.id) == half), corpus.errors)


def fold_text(text: str) -> str:
    return " ".join(text.lower().split())


def text_hash(text: str) -> str:
    """SHA-256 of a text with case and white space folded: how a development text is kept out
    of training without its words being stored in the repository."""
    return hashlib.sha256(fold_text(text).encode("utf-8")).hexdigest()


EXCLUDED_FILE = "excluded-texts.txt"


def excluded_hashes() -> frozenset[str]:
    """The packaged hashes of texts never to train on (the real-text development set)."""
    lines = (line.split("#", 1)[0].strip() for line in read_data_text(EXCLUDED_FILE).splitlines())
    return frozenset(line for line in lines if line)


def excluding(corpus: Corpus, hashes: frozenset[str]) -> tuple[Corpus, int]:
    """The corpus without examples whose ``text_hash`` is in ``hashes``, and how many were
    dropped (keeps a development set out of training)."""
    kept = tuple(e for e in corpus.examples if text_hash(e.text) not in hashes)
    return Corpus(kept, corpus.errors), len(corpus.examples) - len(kept)


@dataclass(frozen=True, slots=True)
class Merged:
    """A training corpus with officers' corrections: ``added`` corrections in it, ``excluded``
    dropped because their text is a development text, ``replaced`` training examples whose text
    an officer labelled (the officer's labels win)."""

    corpus: Corpus
    added: int
    excluded: int
    replaced: int


def merge_corrections(corpus: Corpus, corrections: Corpus, excluded: frozenset[str]) -> Merged:
    """``corpus`` plus the reviewed ``corrections`` (``netralitas screening export-corrections``),
    never a text whose hash is in ``excluded``."""
    kept, dropped = excluding(corrections, excluded)
    hashes = {text_hash(e.text) for e in kept.examples}
    base = tuple(e for e in corpus.examples if text_hash(e.text) not in hashes)
    ids = {e.id for e in base}
    errors = [f"koreksi: id ganda {e.id!r}" for e in kept.examples if e.id in ids]
    added = tuple(e for e in kept.examples if e.id not in ids)
    examples = tuple(sorted(base + added, key=lambda e: e.id))
    merged = Corpus(examples, corpus.errors + corrections.errors + tuple(errors))
    return Merged(merged, len(added), dropped, len(corpus.examples) - len(base))
