"""Benchmark of the screening pass.

A seeded synthetic corpus of posts (templates with candidate names, ballot numbers, ASN cues,
slang, hashtags and emoji) and a gazetteer of the real entries plus synthetic candidates are
generated; then, in the same run:

- the lexical analysis alone (normalise + Aho-Corasick + detectors), for reference;
- the full lexical pass, what ``netralitas screen --lexical-only`` does per line: read the JSONL
  input, parse it, screen (labels, evidence spans, candidates, ASN cues, suggested qualifiers),
  write the output JSON line; on one core (CPU and wall time of this process), and through
  ``--workers`` processes (the same ``batch.run_stream`` code path as the CLI; wall time);
- the learned layer on a subset (lexical + model), reported separately;
- the default path beside ``--lexical-only`` on real-length texts (the training and frozen
  corpora cycled: complaints, news-style descriptions and posts of 20-60 words);
- a naive baseline on a subset: one compiled regular expression per gazetteer entry;
- peak memory: this process (``resource.getrusage``) and the largest worker (its ``VmHWM`` in
  ``/proc``, read before the pool closes: the children's ``ru_maxrss`` also counts the moment
  between fork and exec of a spawned worker, when it still has this process's pages).

    .venv/bin/python bench/screening.py               # 200,000 posts
    .venv/bin/python bench/screening.py --posts 20000 # quicker
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import multiprocessing
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

from netralitas.screening import ACCELERATION, Screener, ScreenRequest, cached_screener
from netralitas.screening.batch import Chunk, Mapper, PoolMapper, Record, ScreenOptions, run_stream
from netralitas.screening.corpus import read_corpus
from netralitas.screening.gazetteer import COLUMNS, Gazetteer, load_gazetteer
from netralitas.screening.model import default_model

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


def write_input(path: Path, n: int, gazetteer: Gazetteer, seed: int) -> None:
    """The generated posts as the JSONL input of ``netralitas screen`` (not timed)."""
    with path.open("w", encoding="utf-8") as handle:
        for i, text in enumerate(posts(n, gazetteer, seed), 1):
            handle.write(json.dumps({"id": f"p{i}", "text": text}, ensure_ascii=False) + "\n")


def full_pass(
    path: Path, options: ScreenOptions, mapper: Mapper | None, window: int
) -> tuple[Stopwatch, int]:
    """What ``netralitas screen --lexical-only`` does (the same ``batch.run_stream`` loop as the
    CLI): read the lines, parse JSON, screen, write the output JSON lines (to a null sink).
    Returns the stopwatch and the flagged count."""
    flagged = 0
    with path.open("rb") as source, open(os.devnull, "w", encoding="utf-8") as sink, Stopwatch() as watch:
        for block in run_stream(source, "jsonl", options, mapper, window):
            sink.write(block.text)
            flagged += block.count - block.text.count('"labels":["none"]')
    return watch, flagged


def analysis_only(screener: Screener, n: int, gazetteer: Gazetteer, seed: int) -> Stopwatch:
    """Normalise + Aho-Corasick + detectors alone (no output)."""
    watch = Stopwatch()
    generated = posts(n, gazetteer, seed)
    while chunk := list(islice(generated, 1000)):
        with watch:
            for text in chunk:
                screener.analyse(text)
    return watch


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory of a live process (``VmHWM``), in MB; 0 when unknown."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def with_workers(path: Path, options: ScreenOptions, workers: int) -> tuple[Stopwatch, float, float]:
    """The full pass through ``--workers`` processes; also the workers' CPU seconds and the
    largest worker's peak memory (MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    pool = PoolMapper(workers, options)  # each worker builds its screener once, at start
    try:
        pool([Chunk(options, records=[Record(0, "warm", "warm up")])] * workers)
        watch, _ = full_pass(path, options, pool, window=workers * 4)
        peak = max((peak_rss_mb(p.pid or 0) for p in multiprocessing.active_children()), default=0.0)
    finally:
        pool.close()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return watch, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime), peak


def write_real_length(path: Path, n: int) -> float:
    """``n`` lines cycling through the texts of the training and frozen corpora (complaints,
    news-style descriptions, posts: 20-60 words); returns the mean words per text."""
    root = Path(__file__).resolve().parents[1] / "data/screening"
    texts = [e.text for name in ("train", "frozen") for e in read_corpus(root / name).examples]
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            text = texts[i % len(texts)]
            words += len(text.split())
            handle.write(json.dumps({"id": f"r{i}", "text": text}, ensure_ascii=False) + "\n")
    return words / max(n, 1)


def real_length(tmp: str, n: int) -> None:
    """Default path beside the lexical pass on real-length texts (packaged gazetteer)."""
    path = Path(tmp) / "real.jsonl"
    mean = write_real_length(path, n)
    rates = []
    for use_model in (False, True):
        cached_screener(None, use_model)  # built before timing
        watch, flagged = full_pass(path, ScreenOptions(use_model=use_model), None, 1)
        name = "default path" if use_model else "--lexical-only"
        rates.append(
            report(f"real-length {name}, 1 core", n, watch, f", {mean:.0f} words/text, {flagged} flagged")
        )
    print(f"real-length default path / lexical pass (CPU time): {rates[1] / rates[0]:.2f}")


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


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--posts", type=int, default=200_000)
    parser.add_argument("--gazetteer-size", type=int, default=3_000)
    parser.add_argument("--baseline-posts", type=int, default=5_000)
    parser.add_argument("--model-posts", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--real-posts", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    real = Path(__file__).resolve().parents[1] / "src/netralitas/screening/data/gazetteer.csv"
    with tempfile.TemporaryDirectory() as tmp:
        gazetteer_path = Path(tmp) / "gazetteer.csv"
        gazetteer = synthetic_gazetteer(real, args.gazetteer_size, rng, gazetteer_path)
        corpus = Path(tmp) / "posts.jsonl"
        write_input(corpus, args.posts, gazetteer, args.seed)
        options = ScreenOptions(gazetteer_path=str(gazetteer_path), use_model=False)
        screener = cached_screener(str(gazetteer_path), False)
        gc.collect()
        gc.freeze()  # static data (gazetteer, cue book) is never garbage: keep it out of collections
        print(
            f"gazetteer entries: {len(gazetteer.entries)} · python {sys.version.split()[0]} · "
            f"{os.cpu_count()} CPUs · load average at start {load()}"
        )
        print(f"screening modules: {ACCELERATION} (NETRALITAS_PURE_PYTHON=1 for pure Python)")
        analysis = analysis_only(screener, args.posts, gazetteer, args.seed)
        report("analysis only, 1 core", args.posts, analysis, ", normalise + match + detect")
        single, flagged = full_pass(corpus, options, None, 1)
        rate = report(
            "full lexical pass, 1 core",
            args.posts,
            single,
            f", JSONL in -> JSON lines out, {flagged} flagged",
        )
        default_options = ScreenOptions(gazetteer_path=str(gazetteer_path), use_model=True)
        cached_screener(str(gazetteer_path), True)  # built before timing, like the lexical one
        default_time, default_flagged = full_pass(corpus, default_options, None, 1)
        report(
            "default path (learned layer past the pre-filter), 1 core",
            args.posts,
            default_time,
            f", JSONL in -> JSON lines out, {default_flagged} flagged",
        )
        parallel, worker_cpu, worker_peak = with_workers(corpus, options, args.workers)
        report(
            f"full lexical pass, {args.workers} workers",
            args.posts,
            parallel.wall,
            f", workers' CPU {worker_cpu:.1f} s, parent CPU {parallel.cpu:.1f} s",
        )
        print(f"speed-up of {args.workers} workers over 1 core (wall): {single.wall / parallel.wall:.2f}x")
        with_model = Screener(screener.cues, gazetteer, screener.lexicon, default_model())
        model_time = model_layer(with_model, args.model_posts, gazetteer, args.seed)
        if model_time is not None:
            report("lexical + learned layer, 1 core", args.model_posts, model_time, ", result objects")
        real_length(tmp, args.real_posts)
        baseline = naive_baseline(gazetteer, args.baseline_posts, args.seed)
        base_rate = report("naive regex baseline, 1 core", args.baseline_posts, baseline, ", gazetteer only")
        print(f"ratio full lexical pass / naive baseline (CPU time): {rate / base_rate:.1f}x")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): main process {own:.0f} MB, largest worker {worker_peak:.0f} MB")
    print(f"load average at end {load()}")


if __name__ == "__main__":
    main()
