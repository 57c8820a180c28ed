"""CLI commands of the screening area: ``netralitas screen``, ``netralitas screening train``,
``netralitas screening evaluate``."""

from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from netralitas.errors import DomainError

screening_app = typer.Typer(
    help="Penyaringan teks: melatih dan mengevaluasi model / screening model training and evaluation.",
    no_args_is_help=True,
)

EMPLOYEE_TYPES = ("pns", "cpns", "pppk", "non_asn", "unknown")
DEFAULT_TRAIN = Path("data/screening/train")


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _parse_on(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"tanggal harus YYYY-MM-DD, bukan {value!r} / date must be YYYY-MM-DD"
        ) from None


def _format_of(path: str, fmt: str) -> str:
    if fmt != "auto":
        return fmt
    return "csv" if path.lower().endswith(".csv") else "jsonl"


def _progress(stack: ExitStack) -> Any:
    if not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    progress = stack.enter_context(
        Progress(SpinnerColumn(), TextColumn("{task.completed} teks disaring"), console=Console(stderr=True))
    )
    return progress, progress.add_task("screen", total=None)


def screen_command(
    file: Annotated[str, typer.Argument(help="Berkas JSONL/CSV, atau '-' untuk stdin")] = "-",
    election: Annotated[str | None, typer.Option(help="Id pemilihan, mis. pilkada-2024")] = None,
    on: Annotated[
        str | None, typer.Option(help="Tanggal perbuatan (YYYY-MM-DD) bila baris tidak punya 'date'")
    ] = None,
    employee_type: Annotated[str | None, typer.Option(help="pns | cpns | pppk | non_asn | unknown")] = None,
    gazetteer: Annotated[Path | None, typer.Option(help="Gazetir CSV pengganti bawaan")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Jumlah proses pekerja")] = 1,
    dask: Annotated[str | None, typer.Option(help="'local' atau alamat scheduler Dask")] = None,
    fmt: Annotated[str, typer.Option("--format", help="auto | jsonl | csv")] = "auto",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Berkas keluaran (bawaan: stdout)")
    ] = None,
    lexical_only: Annotated[bool, typer.Option(help="Tanpa lapisan model (hanya leksikal)")] = False,
    kind: Annotated[
        str | None,
        typer.Option(help="Jenis teks bila baris tidak punya 'kind': post | speech | complaint"),
    ] = None,
) -> None:
    """Saring teks JSONL/CSV menjadi label perilaku dengan bukti / screen texts into behaviour labels."""
    from netralitas.screening import batch

    if employee_type is not None and employee_type not in EMPLOYEE_TYPES:
        raise typer.BadParameter(f"--employee-type harus salah satu dari {', '.join(EMPLOYEE_TYPES)}")
    if fmt not in ("auto", "jsonl", "csv"):
        raise typer.BadParameter("--format harus auto, jsonl atau csv")
    options = batch.ScreenOptions(
        str(gazetteer) if gazetteer else None, _parse_on(on), election, employee_type, not lexical_only, kind
    )
    try:
        from netralitas.screening.screener import cached_screener, unknown_kind_message

        screener = cached_screener(options.gazetteer_path, options.use_model)
        known = screener.gazetteer.election_ids()
    except DomainError as exc:
        _err(exc.message)
        raise typer.Exit(2) from exc
    if election is not None and election not in known:
        raise typer.BadParameter(batch.unknown_election_message(election, known), param_hint="--election")
    if kind is not None and kind not in screener.kinds:
        raise typer.BadParameter(unknown_kind_message(kind, screener.kinds), param_hint="--kind")
    with ExitStack() as stack:
        source: IO[bytes] = sys.stdin.buffer if file == "-" else stack.enter_context(_open_input(file))
        sink = stack.enter_context(output.open("w", encoding="utf-8")) if output else sys.stdout
        mapper, window = None, 1
        if dask:
            mapper, close = batch.dask_mapper(dask, workers)
            stack.callback(close)
            window = max(2, workers * 2)
        elif workers > 1:
            mapper, close = batch.pool_mapper(workers)
            stack.callback(close)
            window = workers * 2
        bar = _progress(stack)
        screened, problems = _drive(batch, source, _format_of(file, fmt), options, mapper, window, sink, bar)
    _err(
        f"Selesai: {screened} teks disaring, {problems} baris dilewati / "
        f"done: {screened} screened, {problems} skipped"
    )
    if problems:
        raise typer.Exit(1)


def _open_input(file: str) -> Any:
    path = Path(file)
    if not path.is_file():
        _err(f"Berkas tidak ditemukan: {file} / file not found")
        raise typer.Exit(2)
    return path.open("rb")


def _drive(
    batch: Any, source: IO[bytes], fmt: str, options: Any, mapper: Any, window: int, sink: IO[str], bar: Any
) -> tuple[int, int]:
    screened = problems = 0
    for block in batch.run_stream(source, fmt, options, mapper, window):
        for item in block.problems:
            _err(f"baris {item.line}: {item.message}")
            problems += 1 if item.fatal else 0
        if block.count:
            sink.write(block.text)
            screened += block.count
            if bar is not None:
                bar[0].update(bar[1], completed=screened)
    sink.flush()
    return screened, problems


@screening_app.command("train")
def train_command(
    data: Annotated[Path, typer.Option(help="Direktori/berkas korpus latih JSONL")] = DEFAULT_TRAIN,
    output: Annotated[Path | None, typer.Option(help="Berkas model (bawaan: model dalam paket)")] = None,
    corrections: Annotated[
        list[Path] | None,
        typer.Option(help="Koreksi petugas (format export-corrections) / officer corrections JSONL"),
    ] = None,
    exclude: Annotated[
        list[Path] | None,
        typer.Option(
            help="Korpus yang teksnya tidak boleh dilatih / corpus whose texts are never trained on"
        ),
    ] = None,
) -> None:
    """Latih ulang model secara reprodusibel / retrain the model reproducibly."""
    from netralitas.screening.corpus import read_corpus
    from netralitas.screening.model import packaged_model_path, save_model
    from netralitas.screening.screener import cached_screener
    from netralitas.screening.training import train_model

    corpus = read_corpus(data)
    if corrections:
        corpus = _with_corrections(corpus, corrections, exclude or [])
    for problem in corpus.errors:
        _err(problem)
    if not corpus.examples:
        _err(f"Tidak ada contoh di {data} / no examples")
        raise typer.Exit(2)
    model = train_model(corpus, cached_screener(None, False))
    target = output or packaged_model_path()
    save_model(model, target)
    typer.echo(json.dumps({"model": str(target), **model.meta}, ensure_ascii=False))


def _with_corrections(corpus: Any, files: list[Path], exclude: list[Path]) -> Any:
    """The training corpus plus officers' corrections, without any development-set text (the
    packaged hash list, plus the texts of every ``--exclude`` corpus)."""
    from netralitas.screening.corpus import (
        Corpus,
        excluded_hashes,
        merge_corrections,
        read_corpus,
        text_hash,
    )

    hashes = set(excluded_hashes())
    for path in exclude:
        if not path.exists():
            _err(f"Tidak ditemukan / not found: {path}")
            raise typer.Exit(2)
        hashes.update(text_hash(e.text) for e in read_corpus(path).examples)
    found = [read_corpus(path) for path in files]
    joined = Corpus(
        tuple(e for c in found for e in c.examples), tuple(err for c in found for err in c.errors)
    )
    merged = merge_corrections(corpus, joined, frozenset(hashes))
    _err(
        f"koreksi / corrections: {merged.added} ditambahkan, {merged.excluded} dikecualikan "
        f"(teks set pengembangan), {merged.replaced} contoh latih diganti label petugas"
    )
    return merged.corpus


@screening_app.command("evaluate")
def evaluate_command(
    data: Annotated[Path, typer.Argument(help="Direktori/berkas korpus berlabel JSONL")],
    lexical_only: Annotated[bool, typer.Option(help="Evaluasi lapisan leksikal saja")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Keluaran JSON")] = False,
    half: Annotated[
        str | None, typer.Option(help="Hanya separuh korpus menurut hash id: tuning | held-out")
    ] = None,
    kinds: Annotated[
        bool,
        typer.Option(
            "--kinds/--no-kinds",
            help="Beri penyaring jenis teks contoh (post_quote→post, speech_quote→speech; "
            "lainnya tidak) / pass each example's text kind",
        ),
    ] = True,
) -> None:
    """Presisi, recall dan F1 per label / per-label precision, recall, F1."""
    from netralitas.screening.corpus import HALVES, read_corpus, select_half
    from netralitas.screening.evaluation import evaluate, render_table

    if half is not None and half not in HALVES:
        raise typer.BadParameter(f"--half harus salah satu dari {', '.join(HALVES)}")
    corpus = select_half(read_corpus(data), half)
    for problem in corpus.errors:
        _err(problem)
    report = evaluate(corpus, use_model=not lexical_only, kinds=kinds)
    typer.echo(json.dumps(report, ensure_ascii=False, indent=2) if as_json else render_table(report))


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.command("screen")(screen_command)
    from netralitas.cli.triage import export_corrections_command  # triage export (cases area)

    screening_app.command("export-corrections")(export_corrections_command)
    app.add_typer(screening_app, name="screening")
