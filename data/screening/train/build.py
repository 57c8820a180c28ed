"""Assemble train.jsonl from the hand-written batch files in src/ (stdlib only).

Each non-empty, non-comment line of src/batch_*.txt is ``KIND|LABELS|TEXT``:

- KIND: p=post, c=complaint, n=news, a=announcement, h=chat, s=speech (transcribed)
- LABELS: comma-separated short codes (see CODES), or ``n`` (none, hard negative)
  or ``e`` (none, ordinary negative that does not look political).

Ids are assigned in file order (tr-00001, ...). Run: python build.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

KINDS = {"p": "post", "c": "complaint", "n": "news", "a": "announcement", "h": "chat", "s": "speech"}
CODES = {
    "smp": "social_media_post",
    "lcs": "like_comment_share",
    "pwc": "photo_with_candidate",
    "pg": "partisan_gesture",
    "ac": "attend_campaign",
    "da": "declaration_attendance",
    "cso": "campaign_speaker_or_organizer",
    "wpa": "wear_party_attributes",
    "icp": "install_campaign_props",
    "msp": "mobilize_subordinates_or_public",
    "usf": "use_state_facilities",
    "dbc": "decision_benefiting_candidate",
    "ggm": "give_goods_or_money",
    "slk": "support_letter_ktp",
    "pm": "party_membership",
    "cwr": "candidacy_without_resign",
    "oth": "other",
}


def parse_line(line: str, where: str) -> dict[str, object]:
    parts = line.split("|", 2)
    if len(parts) != 3:
        raise ValueError(f"{where}: expected KIND|LABELS|TEXT")
    kind, codes, text = (p.strip() for p in parts)
    if kind not in KINDS:
        raise ValueError(f"{where}: unknown kind {kind!r}")
    if codes in ("n", "e"):
        labels, hard = ["none"], codes == "n"
    else:
        try:
            labels = [CODES[c.strip()] for c in codes.split(",")]
        except KeyError as exc:
            raise ValueError(f"{where}: unknown label code {exc}") from None
        hard = False
        if len(set(labels)) != len(labels):
            raise ValueError(f"{where}: duplicate label")
    if len(text) < 15:
        raise ValueError(f"{where}: text too short")
    return {"text": text, "labels": labels, "kind": KINDS[kind], "hard_negative": hard}


def main() -> int:
    rows: list[dict[str, object]] = []
    errors = 0
    for path in sorted((HERE / "src").glob("batch_*.txt")):
        for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            try:
                rows.append(parse_line(line, f"{path.name}:{n}"))
            except ValueError as exc:
                print(exc, file=sys.stderr)
                errors += 1
    with (HERE / "train.jsonl").open("w", encoding="utf-8") as out:
        for i, row in enumerate(rows, 1):
            obj = {"id": f"tr-{i:05d}", **row}
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} rows, {errors} bad lines")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
