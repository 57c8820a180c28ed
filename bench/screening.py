"""Benchmark of the screening pass.

A seeded synthetic corpus of posts (templates with candidate names, ballot numbers, ASN cues,
slang, hashtags and emoji) and a gazetteer of the real entries plus synthetic candidates are
generated; then, in the same run:

- lexical pass (normalise + Aho-Corasick + detectors + candidates + ASN cues; no learned layer)
  on one core, and through ``--workers`` processes (``netralitas screen --workers``' code path);
- the learned layer on a subset (lexical + model), reported separately;
- a naive baseline on a subset: one compiled regular expression per gazetteer entry;
- peak memory (``resource.getrusage``: this process and the worker processes).

    .venv/bin/python bench/screening.py               # 200,000 posts
    .venv/bin/python bench/screening.py --posts 20000 # quicker
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from netralitas.screening import Screener, ScreenRequest
from netralitas.screening.batch import Record, ScreenOptions, pool_mapper, run
from netralitas.screening.cues import default_cue_book
from netralitas.screening.gazetteer import COLUMNS, Gazetteer, load_gazetteer
from netralitas.screening.model import default_model
from netralitas.screening.normalise import default_lexicon

FIRST = [
    "Budi",
    "Siti",
    "Agus",
    "Dewi",
    "Rudi",
    "Sri",
    "Andi",
    "Rina",
    "Joko",
    "Wati",
    "Hendra",
    "Yuni",
    "Bambang",
    "Lestari",
    "Made",
    "Putu",
    "Asep",
    "Ujang",
    "Fajar",
    "Indah",
    "Rizal",
    "Nur",
    "Teguh",
    "Ayu",
    "Dedi",
    "Eka",
]
LAST = [
    "Santoso",
    "Wijaya",
    "Saputra",
    "Hidayat",
    "Pratama",
    "Kurniawan",
    "Siregar",
    "Nasution",
    "Lubis",
    "Harahap",
    "Simanjuntak",
    "Manurung",
    "Sitompul",
    "Wibowo",
    "Setiawan",
    "Gunawan",
    "Rahman",
    "Hakim",
    "Syahputra",
    "Tanjung",
]
PLATFORMS = ["status WA", "story IG", "FB", "TikTok", "grup WA kantor", "twitter", "reels"]
ASN = [
    "pak camat",
    "bu lurah",
    "guru SD",
    "kadis",
    "staf kelurahan",
    "PNS dinas",
    "PPPK puskesmas",
    "satpol PP",
]
FILLER = [
    "mantap",
    "semangat",
    "wkwk",
    "bgt",
    "yg",
    "gk",
    "sdh",
    "hari ini",
    "di kampung",
    "besok pagi",
    "🙏",
    "🔥",
    "😎",
]
TEMPLATES = [
    "{asn} pasang {platform} dukung {ref} {filler} #{tag}",
    "ayo pilih {ref} {filler} {filler}, {asn} jg ikut lho",
    "{asn} hadir di kampanye {ref} pake kaos {filler}",
    "foto bareng {ref} ✌️ {filler} #{tag}",
    "selamat pagi semua {filler} jangan lupa sarapan {filler}",
    "ayo gunakan hak pilih, jangan golput {filler}",
    "{asn} bagi2 sembako dr {ref} ke warga {filler}",
    "netralitas ASN harga mati, {asn} harus netral {filler}",
    "rapat rutin di kantor {filler} bahas program kerja {filler}",
    "{asn} like dan share postingan tim pemenangan {ref} {filler}",
]


def synthetic_gazetteer(real: Path, size: int, rng: random.Random, out: Path) -> Gazetteer:
    with real.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle)]
    region = 0
    while len(rows) < size:
        region += 1
        for number in range(1, 5):
            head, mate = f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            pair = f"{head} – {mate} ({region}-{number})"
            for kind, alias in [
                ("name", head),
                ("name", mate),
                ("hashtag", f"#{head.split()[0]}{region}{number}"),
            ]:
                rows.append(
                    {
                        "election_id": "pilkada-sintetis",
                        "region": f"wilayah-{region}",
                        "ballot_number": str(number),
                        "candidate": pair,
                        "kind": kind,
                        "alias": alias,
                        "source": "sintetis",
                        "review_status": "needs_review",
                    }
                )
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return load_gazetteer(out)


def posts(n: int, gazetteer: Gazetteer, seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    aliases = [e.alias for e in gazetteer.entries if e.kind in {"name", "pair", "nickname"}]
    for _ in range(n):
        ref = rng.choice(aliases) if rng.random() < 0.6 else f"paslon 0{rng.randint(1, 4)}"
        yield rng.choice(TEMPLATES).format(
            asn=rng.choice(ASN),
            platform=rng.choice(PLATFORMS),
            ref=ref,
            tag=ref.replace(" ", ""),
            filler=rng.choice(FILLER),
        )


class Stopwatch:
    """Accumulates wall time and this process's CPU time (the machine may be shared: CPU time
    is what one core actually spent)."""

    def __init__(self) -> None:
        self.wall = 0.0
        self.cpu = 0.0

    def __enter__(self) -> Stopwatch:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall += time.perf_counter() - self._wall
        self.cpu += time.process_time() - self._cpu


def lexical_single(screener: Screener, n: int, gazetteer: Gazetteer, seed: int) -> tuple[Stopwatch, int]:
    """Time spent screening (post generation is not timed), and how many posts were flagged."""
    flagged = 0
    watch = Stopwatch()
    generated = posts(n, gazetteer, seed)
    while chunk := [ScreenRequest(text) for text in islice(generated, 1000)]:
        with watch:
            results = screener.screen_many(chunk)
        flagged += sum(r.labels != ("none",) for r in results)
    return watch, flagged


def analysis_only(screener: Screener, n: int, gazetteer: Gazetteer, seed: int) -> Stopwatch:
    """Normalise + Aho-Corasick + detectors alone (no result objects)."""
    watch = Stopwatch()
    generated = posts(n, gazetteer, seed)
    while chunk := list(islice(generated, 1000)):
        with watch:
            for text in chunk:
                screener.analyse(text)
    return watch


def lexical_workers(workers: int, n: int, gazetteer: Gazetteer, gazetteer_path: Path, seed: int) -> float:
    """Wall seconds through the worker pool of ``netralitas screen --workers`` (input generated
    and output collected by this process)."""
    options = ScreenOptions(gazetteer_path=str(gazetteer_path), use_model=False)
    records = (Record(i, str(i), t) for i, t in enumerate(posts(n, gazetteer, seed), 1))
    mapper, close = pool_mapper(workers)
    try:
        mapper([(options, [Record(0, "warm", "warm up")])] * workers)  # start the workers first
        start = time.perf_counter()
        count = sum(1 for _ in run(records, options, mapper, window=workers * 4))
        elapsed = time.perf_counter() - start
    finally:
        close()
    assert count == n
    return elapsed


def naive_baseline(gazetteer: Gazetteer, n: int, seed: int) -> Stopwatch:
    patterns = [re.compile(r"(?<!\w)" + re.escape(e.alias.lower()) + r"(?!\w)") for e in gazetteer.entries]
    texts = list(posts(n, gazetteer, seed))
    with Stopwatch() as watch:
        for text in texts:
            lowered = text.lower()
            [p.pattern for p in patterns if p.search(lowered)]
    return watch


def model_layer(screener: Screener, n: int, gazetteer: Gazetteer, seed: int) -> Stopwatch | None:
    if screener.model is None:
        return None
    texts = [ScreenRequest(t) for t in posts(n, gazetteer, seed)]
    with Stopwatch() as watch:
        for i in range(0, n, 1000):
            screener.screen_many(texts[i : i + 1000])
    return watch


def report(name: str, count: int, watch: Stopwatch | float, note: str = "") -> float:
    """Print the rate; returns posts per CPU second (per wall second for a float)."""
    if isinstance(watch, float):
        print(f"{name:<34}{count / watch:10,.0f} posts/s wall  ({count} posts, {watch:.1f} s{note})")
        return count / watch
    rate = count / watch.cpu
    print(
        f"{name:<34}{rate:10,.0f} posts/s CPU, {count / watch.wall:8,.0f} posts/s wall  ({count} posts{note})"
    )
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--posts", type=int, default=200_000)
    parser.add_argument("--gazetteer-size", type=int, default=3_000)
    parser.add_argument("--baseline-posts", type=int, default=5_000)
    parser.add_argument("--model-posts", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    real = Path(__file__).resolve().parents[1] / "src/netralitas/screening/data/gazetteer.csv"
    with tempfile.TemporaryDirectory() as tmp:
        gazetteer_path = Path(tmp) / "gazetteer.csv"
        gazetteer = synthetic_gazetteer(real, args.gazetteer_size, rng, gazetteer_path)
        lexicon, cues = default_lexicon(), default_cue_book()
        screener = Screener(cues, gazetteer, lexicon, None)
        gc.collect()
        gc.freeze()  # static data (gazetteer, cue book) is never garbage: keep it out of collections
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"gazetteer entries: {len(gazetteer.entries)} · python {sys.version.split()[0]} · "
            f"load average {load}"
        )
        analysis = analysis_only(screener, args.posts, gazetteer, args.seed)
        report("analysis only, 1 core", args.posts, analysis, ", normalise + match + detect")
        single, flagged = lexical_single(screener, args.posts, gazetteer, args.seed)
        rate = report("lexical pass, 1 core", args.posts, single, f", full results, {flagged} flagged")
        parallel = lexical_workers(args.workers, args.posts, gazetteer, gazetteer_path, args.seed)
        report(f"lexical pass, {args.workers} workers", args.posts, parallel, ", output as JSON lines")
        with_model = Screener(cues, gazetteer, lexicon, default_model())
        model_time = model_layer(with_model, args.model_posts, gazetteer, args.seed)
        if model_time is not None:
            report("lexical + learned layer, 1 core", args.model_posts, model_time)
        baseline = naive_baseline(gazetteer, args.baseline_posts, args.seed)
        base_rate = report("naive regex baseline, 1 core", args.baseline_posts, baseline, ", gazetteer only")
        print(f"ratio lexical pass / naive baseline (CPU time): {rate / base_rate:.1f}x")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory (max RSS): main process {own:.0f} MB, largest worker {children:.0f} MB")


if __name__ == "__main__":
    main()
