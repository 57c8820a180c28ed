from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from netralitas.cli import app

runner = CliRunner()

GOOD = [
    {"id": "a1", "text": "Pak camat pasang status WA dukung paslon 02 #PrabowoGibran", "date": "2024-01-10"},
    {"id": "a2", "text": "Ayo gunakan hak pilih, jangan golput!"},
    {"id": "a3", "text": "Guru itu nge-like postingan akun resmi tim pemenangan paslon 01"},
]


def _jsonl(rows: list[dict[str, str]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()


def _outputs(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_screen_writes_one_line_per_input_in_order(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(_jsonl(GOOD))
    result = runner.invoke(app, ["screen", str(source), "--election", "pemilu-2024"])
    assert result.exit_code == 0, result.stderr
    out = _outputs(result.stdout)
    assert [o["id"] for o in out] == ["a1", "a2", "a3"]
    assert set(out[0]) == {"id", "labels", "behaviours", "candidates", "asn_cues", "findings"}
    assert out[0]["labels"] == ["social_media_post"]
    assert out[1]["labels"] == ["none"]
    assert out[0]["candidates"][0]["id"] == "pemilu-2024/nasional/2"


def test_bad_lines_are_reported_with_line_numbers_and_the_rest_processed() -> None:
    data = (
        _jsonl(GOOD[:1])
        + b"{not json\n"
        + b'{"id": "empty", "text": "   "}\n'
        + b'{"id": "notext"}\n'
        + b'{"id": "latin1", "text": "caf\xe9 ayo pilih 02"}\n'
        + b'{"id": "baddate", "text": "halo", "date": "kemarin"}\n'
        + _jsonl(GOOD[1:])
    )
    result = runner.invoke(app, ["screen", "-"], input=data)
    assert result.exit_code == 1
    assert [o["id"] for o in _outputs(result.stdout)] == ["a1", "latin1", "a2", "a3"]
    for line in ("baris 2:", "baris 3:", "baris 4:", "baris 5:", "baris 6:"):
        assert line in result.stderr
    assert "4 teks disaring, 4 baris dilewati" in result.stderr


def test_csv_input_with_the_same_columns(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "id,text,date,election\n"
        'c1,"Lurah membagikan sembako agar warga memilih paslon 1",2024-10-01,pilkada-2024\n'
        "c2,Selamat pagi semua,,\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["screen", str(source)])
    assert result.exit_code == 0, result.stderr
    out = _outputs(result.stdout)
    assert [o["id"] for o in out] == ["c1", "c2"]
    assert "give_goods_or_money" in out[0]["labels"]


def test_a_very_long_text_is_handled_with_truncated_evidence() -> None:
    long_text = "Camat memasang baliho paslon 02. " + ("kata biasa " * 30_000) + "a" * 5_000
    result = runner.invoke(
        app, ["screen", "-", "--lexical-only"], input=_jsonl([{"id": "L", "text": long_text}])
    )
    assert result.exit_code == 0, result.stderr
    (out,) = _outputs(result.stdout)
    assert "install_campaign_props" in out["labels"]
    assert all(len(e["text"]) <= 200 for b in out["behaviours"] for e in b["evidence"])


def test_bad_options_are_refused_in_indonesian() -> None:
    result = runner.invoke(app, ["screen", "-", "--employee-type", "pejabat"], input=b"")
    assert result.exit_code != 0
    assert "--employee-type" in result.output
    missing = runner.invoke(app, ["screen", "/nonexistent/file.jsonl"])
    assert missing.exit_code == 2
    assert "tidak ditemukan" in missing.stderr


def test_workers_give_the_same_output_as_one_process(tmp_path: Path) -> None:
    rows = [{"id": f"r{i}", "text": GOOD[i % 3]["text"] + f" ({i})"} for i in range(600)]
    source = tmp_path / "in.jsonl"
    source.write_bytes(_jsonl(rows))
    single = runner.invoke(app, ["screen", str(source), "--lexical-only"])
    multi = runner.invoke(app, ["screen", str(source), "--lexical-only", "--workers", "2"])
    assert single.exit_code == multi.exit_code == 0
    assert multi.stdout == single.stdout
    assert len(_outputs(single.stdout)) == 600


def test_dask_option_gives_the_single_process_output(tmp_path: Path) -> None:
    rows = [{"id": f"d{i}", "text": GOOD[i % 3]["text"]} for i in range(300)]
    source = tmp_path / "in.jsonl"
    source.write_bytes(_jsonl(rows))
    single = runner.invoke(app, ["screen", str(source), "--lexical-only"])
    dask = runner.invoke(app, ["screen", str(source), "--lexical-only", "--dask", "local"])
    assert single.exit_code == dask.exit_code == 0, dask.stderr
    assert dask.stdout == single.stdout
