"""Batch screening: read JSONL or CSV records, screen them in chunks (in this process, in a
pool of worker processes, or on Dask) and give the output JSON lines in input order. Memory stays
constant: only a window of chunks is held at a time.

Two entry points:

- ``run_stream(stream, fmt, ...)`` (the CLI): JSONL input is cut into chunks of raw byte lines
  that the worker decodes, parses and screens, returning ONE block of output lines per chunk;
  the calling process only reads lines and writes blocks (so it keeps up with the workers).
  CSV is parsed in the calling process (a quoted field may span lines).
- ``run(items, ...)``: parsed ``Record`` objects in, one output line (or problem) out per item.

Bad input never stops a batch: each problem is reported as an ``InputProblem`` with its line
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
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import islice
from typing import IO, Any

from netralitas.screening.detectors import LexicalAnalysis
from netralitas.screening.lines import LineWriter
from netralitas.screening.screener import Screener, ScreenRequest, cached_screener, unknown_kind_message

CHUNK_SIZE = 256
#: Texts past the pre-filter scored in one model call (smaller than a chunk: see ``_lines``).
MODEL_BATCH = 256


@dataclass(frozen=True, slots=True)
class Record:
    line: int
    id: str
    text: str
    on: date | None = None
    election_id: str | None = None
    employee_type: str | None = None
    kind: str | None = None


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
    #: The text kind of records whose "kind" is empty ("post", "speech", "complaint").
    kind: str | None = None


#: (id, text, date, election, employee type, kind) of a good record
Fields = tuple[str, str, date | None, str | None, str | None, str | None]


def _fields(raw: dict[str, Any], line: int) -> Fields | InputProblem:
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
    return (
        str(raw_id) if raw_id not in (None, "") else f"baris-{line}",
        text,
        on,
        (str(raw["election"]) if raw.get("election") else None),
        (str(raw["employee_type"]) if raw.get("employee_type") else None),
        (str(raw["kind"]).strip() if raw.get("kind") else None) or None,
    )


def _record(raw: dict[str, Any], line: int) -> Record | InputProblem:
    fields = _fields(raw, line)
    if isinstance(fields, InputProblem):
        return fields
    return Record(line, *fields)


def _decode(data: bytes, line: int) -> tuple[str, InputProblem | None]:
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        warning = InputProblem(
            line, "byte bukan UTF-8 diganti dengan U+FFFD / non-UTF-8 bytes replaced", False
        )
        return data.decode("utf-8", errors="replace"), warning


#: The C scanner behind ``json.loads`` (default options), called directly on well-formed lines.
_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
#: What may follow the value on a line for the direct call to stand for ``json.loads``.
_LINE_ENDS = frozenset({"", "\n", "\r\n"})


def _loads(text: str) -> Any:
    """``json.loads(text)``, without its Python-level wrapping for the usual line: one value
    from the first character, then nothing or a line end. Anything else (leading white space,
    a BOM, extra data, malformed JSON) goes through ``json.loads`` itself, so the result and the
    error messages are always those of ``json.loads``."""
    try:
        value, end = _SCAN(text, 0)
    except Exception:  # StopIteration, JSONDecodeError, RecursionError: let json.loads decide
        return json.loads(text)
    if text[end:] in _LINE_ENDS:
        return value
    return json.loads(text)


def _parse(data: bytes, line: int, problems: list[InputProblem]) -> dict[str, Any] | None:
    """The JSON object on one input line, or None (blank or bad: the problems are appended)."""
    text, warning = _decode(data, line)
    if not text.strip():
        return None
    if warning:
        problems.append(warning)
    try:
        raw = _loads(text)
    except json.JSONDecodeError as exc:
        problems.append(InputProblem(line, f"JSON tidak sah: {exc.msg} / malformed JSON"))
        return None
    if not isinstance(raw, dict):
        problems.append(InputProblem(line, "baris harus objek JSON / line must be a JSON object"))
        return None
    return raw


def read_jsonl(stream: IO[bytes]) -> Iterator[Record | InputProblem]:
    problems: list[InputProblem] = []
    for line, data in enumerate(stream, start=1):
        raw = _parse(data, line, problems)
        if problems:
            yield from problems
            problems.clear()
        if raw is not None:
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


@dataclass(frozen=True, slots=True)
class Chunk:
    """What a worker screens: raw JSONL ``lines`` (numbered from ``first_line``), or parsed
    ``records``."""

    options: ScreenOptions
    first_line: int = 1
    lines: list[bytes] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Screened:
    """A screened chunk: the JSON lines of its ``count`` good records, each ending in a newline,
    in input order, and the problems of its lines in line order."""

    text: str
    count: int
    problems: list[InputProblem]


def _lines(screener: Screener, options: ScreenOptions, items: list[Fields]) -> list[str]:
    """Output lines of (id, text, date, election, employee type, kind) items; the options fill
    what a record leaves empty."""
    writer = _writer(screener)
    write = writer.write
    if screener.model is None:
        return [
            write(
                record_id,
                text,
                on or options.on,
                election_id or options.election_id,
                employee_type or options.employee_type,
                screener.analyse(text, kind or options.kind) if kind or options.kind else None,
            )
            for record_id, text, on, election_id, employee_type, kind in items
        ]
    # A text the pre-filter keeps from the model is written at once, while its analysis is fresh
    # in the cache; the others wait (at most MODEL_BATCH of them) and are scored in one matrix
    # product. Holding every analysis of a chunk cost more analysis time than batching saved.
    lines: list[str] = []
    waiting: list[tuple[int, str, ScreenRequest, LexicalAnalysis]] = []
    needs_model = screener.needs_model
    for record_id, text, on, election_id, employee_type, kind in items:
        on, election_id = on or options.on, election_id or options.election_id
        employee_type, kind = employee_type or options.employee_type, kind or options.kind
        analysis = screener.analyse(text, kind)
        if needs_model(analysis):
            request = ScreenRequest(text, on, election_id, employee_type, kind)
            waiting.append((len(lines), record_id, request, analysis))
            lines.append("")
            if len(waiting) >= MODEL_BATCH:
                _model_lines(screener, writer, waiting, lines)
        else:
            lines.append(write(record_id, text, on, election_id, employee_type, analysis))
    if waiting:
        _model_lines(screener, writer, waiting, lines)
    return lines


def _model_lines(
    screener: Screener,
    writer: LineWriter,
    waiting: list[tuple[int, str, ScreenRequest, LexicalAnalysis]],
    lines: list[str],
) -> None:
    """Scores the waiting texts in one model call and puts their lines in place."""
    verdicts = screener.verdicts([analysis for *_, analysis in waiting])
    for (at, record_id, request, analysis), verdict in zip(waiting, verdicts, strict=True):
        head = (record_id, request.text, request.on, request.election_id, request.employee_type, analysis)
        if verdict is None or verdict.plain:
            lines[at] = writer.write(*head, verdict.confirmed if verdict is not None else None)
        else:
            lines[at] = writer.write_verdict(*head, verdict)
    waiting.clear()


def screen_work(chunk: Chunk) -> Screened:
    """Screen one chunk (runs in any process: the screener is built once per process). Raw
    lines are decoded and parsed here, so with workers the parent only reads and writes."""
    screener = _screener(chunk.options)
    problems: list[InputProblem] = []
    items: list[Fields] = []
    item_lines: list[int] = []
    if chunk.lines:
        for line, data in enumerate(chunk.lines, chunk.first_line):
            raw = _parse(data, line, problems)
            if raw is None:
                continue
            fields = _fields(raw, line)
            if isinstance(fields, InputProblem):
                problems.append(fields)
            else:
                items.append(fields)
                item_lines.append(line)
    else:
        items = [(r.id, r.text, r.on, r.election_id, r.employee_type, r.kind) for r in chunk.records]
        item_lines = [r.line for r in chunk.records]
    items = _known_kinds(screener, *_known_elections(screener, items, item_lines, problems), problems)
    out = _lines(screener, chunk.options, items)
    return Screened("\n".join(out) + "\n" if out else "", len(out), problems)


def unknown_election_message(election_id: str, known: list[str]) -> str:
    return (
        f"pemilihan tidak dikenal {election_id!r}; yang dikenal: {', '.join(known)} / "
        f"unknown election, known ids: {', '.join(known)}"
    )


def _known_elections(
    screener: Screener, items: list[Fields], lines: list[int], problems: list[InputProblem]
) -> tuple[list[Fields], list[int]]:
    """Items whose "election" the gazetteer knows (and their lines); the others become
    problems of their line."""
    if not any(item[3] for item in items):
        return items, lines
    known = screener.gazetteer.election_ids()
    return _keep(items, lines, problems, 3, known, lambda value: unknown_election_message(value, known))


def _known_kinds(
    screener: Screener, items: list[Fields], lines: list[int], problems: list[InputProblem]
) -> list[Fields]:
    """Items whose "kind" the cue book knows; the others become problems of their line."""
    if not any(item[5] for item in items):
        return items
    known = screener.kinds
    return _keep(items, lines, problems, 5, known, lambda value: unknown_kind_message(value, known))[0]


def _keep(
    items: list[Fields],
    lines: list[int],
    problems: list[InputProblem],
    column: int,
    known: Iterable[str],
    message: Callable[[str], str],
) -> tuple[list[Fields], list[int]]:
    allowed = frozenset(known)
    kept: list[Fields] = []
    kept_lines: list[int] = []
    bad: list[InputProblem] = []
    for item, line in zip(items, lines, strict=True):
        value = item[column]
        if value is None or value in allowed:
            kept.append(item)
            kept_lines.append(line)
        else:
            bad.append(InputProblem(line, message(str(value))))
    if bad:
        problems.extend(bad)
        problems.sort(key=lambda p: p.line)
    return kept, kept_lines


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


def _line_chunks(stream: IO[bytes], size: int) -> Iterator[tuple[int, list[bytes]]]:
    """Raw lines of ``stream`` by ``size``, with the number of the first line of each chunk."""
    first = 1
    while lines := list(islice(stream, size)):
        yield first, lines
        first += len(lines)


Mapper = Callable[[list[Chunk]], list[Screened]]
#: A chunk to screen and the problems the reading process found before it (CSV).
Pending = tuple[Chunk, list[InputProblem]]


def _execute(
    chunks: Iterator[Pending], mapper: Mapper | None, window: int
) -> Iterator[tuple[list[InputProblem], Screened]]:
    """Screen the chunks in order. With a process pool, chunks are pipelined: up to ``window``
    are in flight and a new one is sent as soon as the oldest is done (workers never wait for
    a whole window; memory stays bounded). Other mappers (Dask) get ``window`` chunks at once."""
    if isinstance(mapper, PoolMapper):
        pending: deque[tuple[list[InputProblem], Future[Screened]]] = deque()
        for chunk, before in chunks:
            pending.append((before, mapper.submit(chunk)))
            if len(pending) >= window:
                done, result = pending.popleft()
                yield done, result.result()
        while pending:
            done, result = pending.popleft()
            yield done, result.result()
        return
    while batch := list(islice(chunks, window)):
        outputs = (
            mapper([chunk for chunk, _ in batch]) if mapper else [screen_work(chunk) for chunk, _ in batch]
        )
        for (_, before), out in zip(batch, outputs, strict=True):
            yield before, out


def run(
    items: Iterable[Record | InputProblem],
    options: ScreenOptions,
    mapper: Mapper | None = None,
    window: int = 1,
) -> Iterator[str | InputProblem]:
    """Screen parsed ``items`` chunk by chunk into JSON lines (one per record, in order; each
    chunk's problems first); ``mapper`` maps the chunks (pool, Dask)."""
    chunks = ((Chunk(options, records=records), problems) for records, problems in _chunks(items, CHUNK_SIZE))
    for before, block in _execute(chunks, mapper, max(1, window)):
        yield from before
        yield from block.problems
        if block.count:
            yield from block.text.split("\n")[:-1]  # JSON escapes newlines: one line per record


def run_stream(
    stream: IO[bytes],
    fmt: str,
    options: ScreenOptions,
    mapper: Mapper | None = None,
    window: int = 1,
) -> Iterator[Screened]:
    """Screen a JSONL or CSV stream into blocks of output lines, in input order (what
    ``netralitas screen`` writes). A block's problems are those of its input lines, in order."""
    chunks: Iterator[Pending]
    if fmt == "csv":
        chunks = (
            (Chunk(options, records=records), problems)
            for records, problems in _chunks(read_csv(stream), CHUNK_SIZE)
        )
    else:
        chunks = ((Chunk(options, first, lines), []) for first, lines in _line_chunks(stream, CHUNK_SIZE))
    for before, block in _execute(chunks, mapper, max(1, window)):
        yield Screened(block.text, block.count, before + block.problems) if before else block


def _warm(options: ScreenOptions | None) -> None:
    if options is not None:
        _screener(options)


class PoolMapper:
    """``workers`` spawned processes (safe with threads around); each builds its screener once
    (at start when ``options`` are given) and gets chunks, returning blocks of JSON lines.

    A ``ProcessPoolExecutor`` rather than ``multiprocessing.Pool``: the Pool's worker-handler
    thread waits on the result pipe too and spins while a large result is being read (about
    5 µs of parent CPU per post with blocks of 256 lines); the executor's manager thread reads
    the results itself."""

    def __init__(self, workers: int, options: ScreenOptions | None = None) -> None:
        context = multiprocessing.get_context("spawn")
        self.pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_warm, initargs=(options,))

    def __call__(self, chunks: list[Chunk]) -> list[Screened]:
        return list(self.pool.map(screen_work, chunks))

    def submit(self, chunk: Chunk) -> Future[Screened]:
        return self.pool.submit(screen_work, chunk)

    def close(self) -> None:
        self.pool.shutdown(wait=True)


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

    def mapper(chunks: list[Chunk]) -> list[Screened]:
        bag = db.from_sequence(chunks, npartitions=len(chunks))  # type: ignore[no-untyped-call]
        return list(bag.map(screen_work).compute(scheduler=client.get))

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
