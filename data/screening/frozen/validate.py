"""Validate the frozen screening test set and print statistics (stdlib only).

Usage: python data/screening/frozen/validate.py [file.jsonl ...]
Exits non-zero if any check fails. Default: every *.jsonl next to this file.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

LABELS = (
    "social_media_post",
    "like_comment_share",
    "photo_with_candidate",
    "partisan_gesture",
    "attend_campaign",
    "declaration_attendance",
    "campaign_speaker_or_organizer",
    "wear_party_attributes",
    "install_campaign_props",
    "mobilize_subordinates_or_public",
    "use_state_facilities",
    "decision_benefiting_candidate",
    "give_goods_or_money",
    "support_letter_ktp",
    "party_membership",
    "candidacy_without_resign",
    "other",
    "none",
)
KINDS = ("post", "complaint", "news", "announcement", "chat")
KEYS = {"id", "text", "labels", "kind", "hard_negative"}
MIN_PER_LABEL = 12
MIN_TOTAL = 300


def check_record(rec: object, where: str) -> list[str]:
    if not isinstance(rec, dict):
        return [f"{where}: bukan objek JSON / not a JSON object"]
    errs: list[str] = []
    if set(rec) != KEYS:
        errs.append(f"{where}: kunci harus {sorted(KEYS)}, didapat {sorted(rec)}")
        return errs
    if not (isinstance(rec["text"], str) and len(rec["text"].strip()) >= 15):
        errs.append(f"{where}: teks kosong atau terlalu pendek / text empty or too short")
    labels = rec["labels"]
    if not (isinstance(labels, list) and labels and all(isinstance(x, str) for x in labels)):
        errs.append(f"{where}: labels harus daftar string tak kosong / labels must be a non-empty list")
        return errs
    bad = [x for x in labels if x not in LABELS]
    if bad:
        errs.append(f"{where}: label tidak dikenal / unknown labels {bad}")
    if len(set(labels)) != len(labels):
        errs.append(f"{where}: label ganda / duplicate labels {labels}")
    if "none" in labels and len(labels) > 1:
        errs.append(f"{where}: 'none' harus sendirian / 'none' must stand alone")
    if rec["kind"] not in KINDS:
        errs.append(f"{where}: kind tidak dikenal / unknown kind {rec['kind']!r}")
    if not isinstance(rec["hard_negative"], bool):
        errs.append(f"{where}: hard_negative harus boolean")
    elif rec["hard_negative"] and labels != ["none"]:
        errs.append(f"{where}: hard_negative hanya untuk teks 'none'")
    return errs


def load(paths: list[Path]) -> tuple[list[dict[str, object]], list[str]]:
    records: list[dict[str, object]] = []
    errs: list[str] = []
    for path in paths:
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.name}:{lineno}"
            if not line.strip():
                errs.append(f"{where}: baris kosong / empty line")
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                errs.append(f"{where}: JSON tidak valid / invalid JSON: {exc}")
                continue
            rec_errs = check_record(rec, where)
            errs.extend(rec_errs)
            if not rec_errs:
                records.append(rec)
    return records, errs


def check_set(records: list[dict[str, object]]) -> list[str]:
    errs: list[str] = []
    ids = Counter(r["id"] for r in records)
    errs += [f"id ganda / duplicate id {i}" for i, n in ids.items() if n > 1]
    norm = Counter(" ".join(str(r["text"]).lower().split()) for r in records)
    errs += [f"teks ganda / duplicate text: {t[:60]}..." for t, n in norm.items() if n > 1]
    counts = Counter(x for r in records for x in r["labels"])  # type: ignore[attr-defined]
    errs += [
        f"label {lab} hanya {counts[lab]} kali (min {MIN_PER_LABEL})"
        for lab in LABELS
        if counts[lab] < MIN_PER_LABEL
    ]
    if len(records) < MIN_TOTAL:
        errs.append(f"hanya {len(records)} teks (min {MIN_TOTAL})")
    return errs


def print_stats(records: list[dict[str, object]]) -> None:
    n = len(records)
    counts = Counter(x for r in records for x in r["labels"])  # type: ignore[attr-defined]
    none = sum(1 for r in records if r["labels"] == ["none"])
    hard = sum(1 for r in records if r["hard_negative"])
    multi = sum(1 for r in records if len(r["labels"]) > 1)  # type: ignore[arg-type]
    kinds = Counter(r["kind"] for r in records)
    print(f"texts: {n}")
    print(f"none: {none} ({none / n:.0%}), hard negatives: {hard}")
    print(f"multi-label: {multi} ({multi / n:.0%})")
    print("kinds: " + ", ".join(f"{k}={kinds[k]}" for k in KINDS))
    print("per label:")
    for lab in LABELS:
        print(f"  {lab:32s} {counts[lab]:4d}")


def main(argv: list[str]) -> int:
    here = Path(__file__).resolve().parent
    paths = [Path(a) for a in argv] or sorted(here.glob("*.jsonl"))
    if not paths:
        print("tidak ada berkas JSONL / no JSONL files found")
        return 1
    records, errs = load(paths)
    errs += check_set(records)
    if records:
        print_stats(records)
    for e in errs:
        print("GALAT/ERROR:", e)
    print("OK" if not errs else f"{len(errs)} galat / errors")
    return 0 if not errs else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
