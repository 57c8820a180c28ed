"""Validate data/screening/train/train.jsonl and print corpus statistics (stdlib only).

Checks: valid JSON object per line, required fields and types, unique ids, labels from the fixed list,
``none`` alone, kind values, every label present at least MIN_PER_LABEL times, hard-negative share,
exact duplicate texts and near-duplicates (word 3-gram Jaccard). Exit code 1 on any error.

Run: python data/screening/train/validate.py [path]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
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
KINDS = ("post", "complaint", "news", "announcement", "chat", "speech")
MIN_PER_LABEL = 40
MIN_TEXTS = 1500
HARD_SHARE = (0.25, 0.40)
NEAR_DUP = 0.6


def check_row(obj: object, n: int) -> list[str]:
    if not isinstance(obj, dict):
        return [f"baris {n}: bukan objek JSON"]
    errs = []
    keys = {"id", "text", "labels", "kind", "hard_negative"}
    if set(obj) != keys:
        errs.append(f"baris {n}: kolom harus tepat {sorted(keys)}, didapat {sorted(obj)}")
    if not isinstance(obj.get("id"), str) or not re.fullmatch(r"tr-\d{5}", obj.get("id", "")):
        errs.append(f"baris {n}: id tidak valid")
    if not isinstance(obj.get("text"), str) or len(obj.get("text", "").strip()) < 15:
        errs.append(f"baris {n}: text kosong atau terlalu pendek")
    labels = obj.get("labels")
    if not isinstance(labels, list) or not labels:
        errs.append(f"baris {n}: labels harus list tidak kosong")
    else:
        bad = [x for x in labels if x not in LABELS]
        if bad:
            errs.append(f"baris {n}: label tidak dikenal {bad}")
        if "none" in labels and len(labels) > 1:
            errs.append(f"baris {n}: 'none' tidak boleh digabung dengan label lain")
        if len(set(labels)) != len(labels):
            errs.append(f"baris {n}: label ganda")
    if obj.get("kind") not in KINDS:
        errs.append(f"baris {n}: kind tidak valid {obj.get('kind')!r}")
    hard = obj.get("hard_negative")
    if not isinstance(hard, bool):
        errs.append(f"baris {n}: hard_negative harus boolean")
    elif hard and labels != ["none"]:
        errs.append(f"baris {n}: hard_negative hanya untuk label none")
    return errs


def shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + 3]) for i in range(max(len(words) - 2, 0))}


def near_duplicates(texts: list[tuple[str, str]]) -> list[tuple[str, str, float]]:
    sets = [shingles(t) for _, t in texts]
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for g in s:
            index[g].append(i)
    found = []
    for i, s in enumerate(sets):
        shared: Counter[int] = Counter()
        for g in s:
            for j in index[g]:
                if j > i:
                    shared[j] += 1
        for j, k in shared.items():
            jac = k / len(s | sets[j])
            if jac >= NEAR_DUP:
                found.append((texts[i][0], texts[j][0], jac))
    return found


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent / "train.jsonl"
    errors: list[str] = []
    rows = []
    all_ids: Counter[str] = Counter()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"baris {n}: JSON tidak valid ({exc.msg})")
            continue
        if isinstance(obj, dict):
            all_ids[str(obj.get("id"))] += 1
        errs = check_row(obj, n)
        errors.extend(errs)
        if not errs:
            rows.append(obj)
    errors += [f"id ganda: {i}" for i, c in all_ids.items() if c > 1]
    texts = Counter(r["text"].strip().lower() for r in rows)
    errors += [f"teks ganda: {t[:60]!r}" for t, c in texts.items() if c > 1]
    per_label = Counter(lab for r in rows for lab in r["labels"])
    for lab in LABELS:
        if per_label[lab] < MIN_PER_LABEL:
            errors.append(f"label {lab}: {per_label[lab]} < {MIN_PER_LABEL}")
    if len(rows) < MIN_TEXTS:
        errors.append(f"jumlah teks {len(rows)} < {MIN_TEXTS}")
    hard = sum(r["hard_negative"] for r in rows)
    share = hard / len(rows) if rows else 0.0
    if not HARD_SHARE[0] <= share <= HARD_SHARE[1]:
        errors.append(f"porsi hard negative {share:.1%} di luar {HARD_SHARE}")
    dups = near_duplicates([(r["id"], r["text"]) for r in rows])

    print(f"texts: {len(rows)}")
    print(f"hard negatives: {hard} ({share:.1%}); none total: {per_label['none']}")
    print(f"multi-label texts: {sum(len(r['labels']) > 1 for r in rows)}")
    print("kinds:", dict(Counter(r["kind"] for r in rows).most_common()))
    print("per label:")
    for lab in LABELS:
        print(f"  {lab:32s} {per_label[lab]:5d}")
    print(f"near-duplicate pairs (3-gram Jaccard >= {NEAR_DUP}): {len(dups)}")
    for a, b, j in dups[:20]:
        print(f"  {a} ~ {b} ({j:.2f})")
    for e in errors:
        print("ERROR:", e, file=sys.stderr)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
