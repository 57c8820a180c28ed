"""Batch screening: read JSONL or CSV records, screen them in chunks (in this process, in a
pool of worker processes, or on Dask) and yield one output object per good record, in input
order. Memory stays constant: only a window of chunks is held at a time.

Bad input never stops a batch: each problem is yielded as an ``InputProblem`` with its line
number, and the rest is processed.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import islice
from typing import IO, Any

from netralitas.screening.lines import LineWriter
from netralitas.screening.screener import Screener, ScreenRequest, cached_screener

CHUNK_SIZE = 256


@dataclass(frozen=True, slots=True)
class Record:
    line: int
    id: str
    text: str
    on: date | None = None
    election_id: str | None = None
    employee_type: str | None = None


@dataclass(frozen=True, slots=True)
class InputProblem:
    line: int
    message: str
    fatal: bool = True  # False: a warning, the record is still screened


@dataclass(frozen=True, slots=True)
class ScreenOptions:
    gazetteer_path: str | None = None
    on: date | None = None
    election_id: str | None = None
    employee_type: str | None = None
    use_model: bool = True


def _record(raw: dict[str, Any], line: int) -> Record | InputProblem:
    text = raw.get("text")
    if not isinstance(text, str):
        return InputProblem(line, "kolom 'text' tidak ada atau bukan teks / missing 'text'")
    if not text.strip():
        return InputProblem(line, "teks kosong / empty text")
    on_text = raw.get("date") or None
    on = None
    if on_text is not None:
        try:
            on = date.fromisoformat(str(on_text))
        except ValueError:
            return InputProblem(line, f"tanggal tidak sah {on_text!r}; gunakan YYYY-MM-DD / bad date")
    raw_id = raw.get("id")
    return Record(
        line=line,
        id=str(raw_id) if raw_id not in (None, "") else f"baris-{line}",
        text=text,
        on=on,
        election_id=(str(raw["election"]) if raw.get("election") else None),
        employee_type=(str(raw["employee_type"]) if raw.get("employee_type") else None),
    )


def _decode(data: bytes, line: int) -> tuple[str, InputProblem | None]:
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        warning = InputProblem(
            line, "byte bukan UTF-8 diganti dengan U+FFFD / non-UTF-8 bytes replaced", False
        )
        return data.decode("utf-8", errors="replace"), warning


def read_jsonl(stream: IO[bytes]) -> Iterator[Record | InputProblem]:
    for line, data in enumerate(stream, start=1):
        text, warning = _decode(data, line)
        if not text.strip():
            continue
        if warning:
            yield warning
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            yield InputProblem(line, f"JSON tidak sah: {exc.msg} / malformed JSON")
            continue
        if not isinstance(raw, dict):
            yield InputProblem(line, "baris harus objek JSON / line must be a JSON object")
            continue
        yield _record(raw, line)


def read_csv(stream: IO[bytes]) -> Iterator[Record | InputProblem]:
    warnings: list[InputProblem] = []

    def lines() -> Iterator[str]:
        for line, data in enumerate(stream, start=1):
            text, warning = _decode(data, line)
            if warning:
                warnings.append(warning)
            yield text

    reader = csv.DictReader(lines())
    if reader.fieldnames is None or "text" not in reader.fieldnames:
        yield InputProblem(1, "CSV butuh kolom 'text' (dan sebaiknya 'id') / CSV needs a 'text' column")
        return
    for row in reader:
        yield from warnings
        warnings.clear()
        yield _record({k: v for k, v in row.items() if k is not None}, reader.line_num)


def read_records(stream: IO[bytes], fmt: str) -> Iterator[Record | InputProblem]:
    return read_csv(stream) if fmt == "csv" else read_jsonl(stream)


@cache
def _writer(screener: Screener) -> LineWriter:
    return LineWriter(screener)


def _screener(options: ScreenOptions) -> Screener:
    first_time = cached_screener.cache_info().currsize == 0
    screener = cached_screener(options.gazetteer_path, options.use_model)
    if first_time:
        gc.collect()
        gc.freeze()  # the compiled data lives as long as the process: keep it out of GC passes
    return screener


def screen_chunk(payload: tuple[ScreenOptions, list[Record]]) -> list[str]:
    """Screen one chunk into JSON lines (runs in any process: the screener is built once per
    process; returning text keeps the transfer back to the parent cheap)."""
    options, records = payload
    screener = _screener(options)
    if screener.model is None:
        write = _writer(screener).line
        return [
            write(
                r.id,
                ScreenRequest(
                    r.text,
                    r.on or options.on,
                    r.election_id or options.election_id,
                    r.employee_type or options.employee_type,
                ),
            )
            for r in records
        ]
    requests = [
        ScreenRequest(
            r.text,
            r.on or options.on,
            r.election_id or options.election_id,
            r.employee_type or options.employee_type,
        )
        for r in records
    ]
    results = screener.screen_many(requests)
    return [dumps({"id": r.id, **result.to_dict()}) for r, result in zip(records, results, strict=True)]


def _chunks(
    items: Iterable[Record | InputProblem], size: int
) -> Iterator[tuple[list[Record], list[InputProblem]]]:
    records: list[Record] = []
    problems: list[InputProblem] = []
    for item in items:
        if isinstance(item, InputProblem):
            problems.append(item)
        else:
            records.append(item)
        if len(records) >= size:
            yield records, problems
            records, problems = [], []
    if records or problems:
        yield records, problems


Mapper = Callable[[list[tuple[ScreenOptions, list[Record]]]], list[list[str]]]


def run(
    items: Iterable[Record | InputProblem],
    options: ScreenOptions,
    mapper: Mapper | None = None,
    window: int = 1,
) -> Iterator[str | InputProblem]:
    """Screen ``items`` chunk by chunk into JSON lines; ``mapper`` maps a window of chunks
    (pool, Dask). With a process pool, chunks are pipelined: up to ``window`` chunks are in
    flight and a new one is sent as soon as the oldest is written (workers never wait for a
    whole window; memory stays bounded)."""
    chunks = _chunks(items, CHUNK_SIZE)
    if isinstance(mapper, PoolMapper):
        yield from _pipelined(chunks, options, mapper, max(1, window))
        return
    while True:
        batch = list(islice(chunks, window))
        if not batch:
            return
        payloads = [(options, records) for records, _ in batch]
        outputs = mapper(payloads) if mapper else [screen_chunk(p) for p in payloads]
        for (_, problems), out in zip(batch, outputs, strict=True):
            yield from problems
            yield from out


def _pipelined(
    chunks: Iterator[tuple[list[Record], list[InputProblem]]],
    options: ScreenOptions,
    pool: PoolMapper,
    window: int,
) -> Iterator[str | InputProblem]:
    pending: deque[tuple[list[InputProblem], Any]] = deque()
    for records, problems in chunks:
        pending.append((problems, pool.submit((options, records))))
        if len(pending) >= window:
            done, result = pending.popleft()
            yield from done
            yield from result.get()
    while pending:
        done, result = pending.popleft()
        yield from done
        yield from result.get()


def _warm(options: ScreenOptions | None) -> None:
    if options is not None:
        _screener(options)


class PoolMapper:
    """``workers`` spawned processes (safe with threads around); each builds its screener once
    (at start when ``options`` are given) and gets chunks of records, returning JSON lines."""

    def __init__(self, workers: int, options: ScreenOptions | None = None) -> None:
        context = multiprocessing.get_context("spawn")
        self.pool = context.Pool(workers, initializer=_warm, initargs=(options,))

    def __call__(self, payloads: list[tuple[ScreenOptions, list[Record]]]) -> list[list[str]]:
        return self.pool.map(screen_chunk, payloads)

    def submit(self, payload: tuple[ScreenOptions, list[Record]]) -> Any:
        return self.pool.apply_async(screen_chunk, (payload,))

    def close(self) -> None:
        self.pool.close()
        self.pool.join()


def pool_mapper(workers: int, options: ScreenOptions | None = None) -> tuple[Mapper, Callable[[], None]]:
    """A mapper over ``workers`` processes (see ``PoolMapper``)."""
    pool = PoolMapper(workers, options)
    return pool, pool.close


def dask_mapper(address: str, workers: int) -> tuple[Mapper, Callable[[], None]]:
    """A mapper over Dask: ``local`` starts an in-process cluster, else connect to ``address``."""
    import dask.bag as db
    from distributed import Client, LocalCluster

    client: Any

    cluster = None
    if address == "local":
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=max(1, workers), threads_per_worker=1, processes=False, dashboard_address=None
        )
        client = Client(cluster)  # type: ignore[no-untyped-call]
    else:
        client = Client(address)  # type: ignore[no-untyped-call]

    def mapper(payloads: list[tuple[ScreenOptions, list[Record]]]) -> list[list[str]]:
        bag = db.from_sequence(payloads, npartitions=len(payloads))  # type: ignore[no-untyped-call]
        return list(bag.map(screen_chunk).compute(scheduler=client.get))

    def close() -> None:
        client.close()
        if cluster is not None:
            cluster.close()

    return mapper, close


def dumps(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def text_stream(data: str) -> IO[bytes]:
    """Bytes stream over ``data`` (tests, small inputs)."""
    return io.BytesIO(data.encode("utf-8"))
