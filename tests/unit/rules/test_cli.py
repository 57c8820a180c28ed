"""The rules CLI through Typer's runner."""

from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netralitas.cli import app

runner = CliRunner()
DATA = Path(str(resources.files("netralitas.rules") / "data"))


def test_rules_check_ok() -> None:
    result = runner.invoke(app, ["rules", "check"])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output


def test_rules_check_broken_names_file(tmp_path: Path) -> None:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    (target / "qualifiers.yaml").write_text("qualifiers:\n  - id: x\n    id: y\n", encoding="utf-8")
    result = runner.invoke(app, ["rules", "check", "--path", str(target)])
    assert result.exit_code == 1
    assert "qualifiers.yaml" in result.output


def test_rules_list_on_date_filters() -> None:
    old = runner.invoke(app, ["rules", "list", "--on", "2020-01-01"]).output
    new = runner.invoke(app, ["rules", "list", "--on", "2024-01-01"]).output
    assert "skb-b2" not in old and "skb-b2" in new


def test_rules_show() -> None:
    result = runner.invoke(app, ["rules", "show", "pp94-5n1", "--on", "2020-01-01"])
    assert result.exit_code == 0
    versions = [line for line in result.output.splitlines() if line.strip().startswith("Sejak")]
    assert len(versions) == 1
    assert "PP 53/2010" in versions[0] and "PP 94/2021" not in versions[0]


def test_rules_show_unknown_id() -> None:
    result = runner.invoke(app, ["rules", "show", "skb-z9"])
    assert result.exit_code == 2


def test_assess_json_and_text() -> None:
    args = [
        "assess",
        "--behaviour",
        "social_media_post",
        "--employee-type",
        "pns",
        "--on",
        "2024-10-10",
        "--election",
        "pilkada-2024",
    ]
    data = json.loads(runner.invoke(app, [*args, "--json"]).output)
    assert [f["rule_id"] for f in data["findings"]] == ["skb-b2"]
    text = runner.invoke(app, args).output
    assert "skb-b2" in text and "needs_review" in text


def test_assess_bad_label_lists_valid_values() -> None:
    result = runner.invoke(app, ["assess", "-b", "foo", "--on", "2024-10-10"])
    assert result.exit_code == 2
    assert "social_media_post" in result.output


def test_assess_bad_date() -> None:
    result = runner.invoke(app, ["assess", "-b", "none", "--on", "10-10-2024"])
    assert result.exit_code == 2


def test_assess_comma_separated_behaviours_and_handled_on() -> None:
    args = [
        "assess",
        "-b",
        "give_goods_or_money,social_media_post",
        "--employee-type",
        "pns",
        "--on",
        "2024-09-01",
        "--handled-on",
        "2024-09-10",
        "--election",
        "pilkada-2024",
        "--json",
    ]
    data = json.loads(runner.invoke(app, args).output)
    assert data["facts"]["behaviours"] == ["give_goods_or_money", "social_media_post"]
    b8 = next(f for f in data["findings"] if f["rule_id"] == "skb-b8")
    assert "bkn" in [s["id"] for s in b8["supervision"]]


def test_rules_deadlines_due_date() -> None:
    result = runner.invoke(app, ["rules", "deadlines", "--on", "2024-12-24", "--start", "2024-12-24"])
    assert result.exit_code == 0
    line = next(x for x in result.output.splitlines() if x.startswith("bawaslu_validation"))
    assert "2024-12-31" in line


def test_rules_elections() -> None:
    result = runner.invoke(app, ["rules", "elections"])
    assert "pilkada-2024" in result.output and "2024-09-22" in result.output


def test_assess_bad_employee_type_and_election_list_valid_values() -> None:
    bad_type = runner.invoke(
        app, ["assess", "-b", "none", "--on", "2024-10-10", "--employee-type", "honorer"]
    )
    assert bad_type.exit_code == 2 and "non_asn" in bad_type.output
    bad_election = runner.invoke(
        app, ["assess", "-b", "none", "--on", "2024-10-10", "--election", "pilkada-2099"]
    )
    assert bad_election.exit_code == 2 and "pilkada-2024" in bad_election.output


# Enum values that must not reach a human reader untranslated (JSON keeps them).
_RAW = re.compile(
    r"(?<![\w-])(days|working_days|ethics|discipline|dismissal|crime|candidate_consequence|light|moderate|heavy|"
    r"case_by_case|criminal|confirmed|needs_review|non_asn|bakal_calon|unknown|any|campaign)(?![\w-])"
)
# Allowed: the stable value after its Indonesian label ("perlu ditinjau · needs_review").
_BILINGUAL = re.compile(
    r"(terkonfirmasi · confirmed|perlu ditinjau · needs_review|perlu ditinjau \(needs_review\))"
)


def _untranslated(output: str) -> list[str]:
    problems = []
    for line in output.splitlines():
        if line.startswith("  (") or line.startswith("Penilaian / assessment"):
            continue  # the English title of `rules show`; the catalogue version
        for match in _RAW.finditer(_BILINGUAL.sub("", line)):
            problems.append(f"{match.group(0)!r} in {line.strip()!r}")
    return problems


def test_untranslated_detector_catches_raw_values() -> None:
    assert _untranslated("    tenggat: Verifikasi 7 days [needs_review]") == [
        "'days' in 'tenggat: Verifikasi 7 days [needs_review]'",
        "'needs_review' in 'tenggat: Verifikasi 7 days [needs_review]'",
    ]
    assert _untranslated("    tenggat: Verifikasi: 3 hari kerja [perlu ditinjau · needs_review]") == []


ASSESS_CASES = [
    [
        "-b",
        "social_media_post",
        "-b",
        "give_goods_or_money",
        "--on",
        "2024-10-10",
        "--election",
        "pilkada-2024",
    ],
    ["-b", "decision_benefiting_candidate", "--on", "2024-10-20", "--position", "Kepala Desa Suka"],
    ["-b", "social_media_post", "--on", "2026-05-01", "--employee-type", "pppk"],
    ["-b", "campaign_speaker_or_organizer", "--on", "2024-01-20", "--employee-type", "non_asn"],
    ["-b", "none", "--on", "2024-02-14", "--position", "sekretaris daerah provinsi"],
    ["-b", "decision_benefiting_candidate", "--on", "2020-11-01", "--position", "camat", "--stage", "calon"],
]


@pytest.mark.parametrize("args", ASSESS_CASES, ids=[a[1] for a in ASSESS_CASES])
def test_assess_text_has_no_untranslated_values(args: list[str]) -> None:
    result = runner.invoke(app, ["assess", *args])
    assert result.exit_code == 0, result.output
    assert _untranslated(result.output) == []


def test_assess_text_renders_deadline_units_in_indonesian() -> None:
    args = ["assess", "-b", "give_goods_or_money", "--on", "2024-10-10", "--employee-type", "pns"]
    text = runner.invoke(app, args).output
    assert "7 hari [" in text and "3 hari kerja [" in text


def test_rules_commands_have_no_untranslated_values() -> None:
    from netralitas.rules.catalogue import default_catalogue

    commands = [["rules", "list"], ["rules", "list", "--on", "2020-01-01"], ["rules", "elections"]]
    commands += [["rules", "deadlines", "--on", "2024-10-01"], ["rules", "allowed"], ["rules", "check"]]
    commands += [["rules", "procedure", "--on", "2024-10-01"], ["rules", "procedure", "--on", "2020-01-01"]]
    commands += [["rules", "procedure", "--on", "2024-10-01", "--procedure", "pilkada_report"]]
    commands += [["rules", "show", rule_id] for rule_id in default_catalogue().violations]
    for command in commands:
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.output)
        assert _untranslated(result.output) == [], command


def test_rules_procedure_lists_ordered_steps() -> None:
    result = runner.invoke(app, ["rules", "procedure", "--on", "2024-10-01"])
    assert result.exit_code == 0, result.output
    numbered = [line.strip() for line in result.output.splitlines() if line.strip()[:2] in ("1.", "2.", "3.")]
    assert numbered[0].startswith("1. Laporan diterima") and numbered[1].startswith("2. Verifikasi")
    assert "tenggat 3 hari kerja" in result.output and "Badan Kepegawaian Negara" in result.output
    bad = runner.invoke(app, ["rules", "procedure", "--procedure", "appeal"])
    assert bad.exit_code == 2 and "pilkada_report" in bad.output


def test_rules_check_names_file_and_kind_in_indonesian(tmp_path: Path) -> None:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    invalid = Path(__file__).parent / "invalid"
    shutil.copy(invalid / "level_not_in_ladder.yaml", target / "violations" / "skb-a1.yaml")
    result = runner.invoke(app, ["rules", "check", "--path", str(target)])
    assert result.exit_code == 1
    assert (
        "violations/skb-a1.yaml — tingkat tidak ada pada tangga sanksi (level_not_in_ladder)" in result.output
    )


def test_rules_list_shows_every_version_and_never_settles_a_rule_under_review() -> None:
    out = runner.invoke(app, ["rules", "list"]).output
    lines = out.splitlines()
    b2 = next(line for line in lines if line.startswith("skb-b2 "))
    assert "perlu ditinjau" in b2 and "terkonfirmasi" not in b2  # list A/B reading unverified
    n1 = lines.index(next(line for line in lines if line.startswith("pp94-5n1 ")))
    assert "perlu ditinjau" in lines[n1]  # its PP 53/2010 version needs review
    block = "\n".join(lines[n1 : n1 + 5])
    assert "versi sejak 2010-06-06: sedang · perlu ditinjau" in block
    assert "versi sejak 2021-08-31: sedang · terkonfirmasi" in block
    on_2024 = runner.invoke(app, ["rules", "list", "--on", "2024-01-01"]).output
    n1_line = next(line for line in on_2024.splitlines() if line.startswith("pp94-5n1 "))
    assert "terkonfirmasi" in n1_line and "sebagian perlu ditinjau" in on_2024


def test_rules_review_text_csv_and_file(tmp_path: Path) -> None:
    import csv

    text = runner.invoke(app, ["rules", "review"])
    assert text.exit_code == 0, text.output
    assert "skb-b4" in text.output and "pertanyaan:" in text.output and "sumber:" in text.output
    target = tmp_path / "review.csv"
    result = runner.invoke(app, ["rules", "review", "--format", "csv", "-o", str(target)])
    assert result.exit_code == 0 and str(target) in result.output
    rows = list(csv.DictReader(target.read_text(encoding="utf-8").splitlines()))
    assert rows and set(rows[0]) >= {"butir", "sumber", "pertanyaan", "berkas"}
    uu10 = [r for r in rows if r["butir"] == "uu10-188"]
    assert any("masa kampanye" in r["pertanyaan"] for r in uu10)
    assert all(r["pertanyaan"] for r in rows)
    b4 = next(r for r in rows if r["butir"] == "skb-b4" and r["jenis"] == "versi aturan")
    assert "Pasal 14" in b4["pertanyaan"] and b4["berkas"] == "violations/skb-b4.yaml"


def test_assess_shows_conditional_findings_in_text_and_json() -> None:
    args = ["assess", "-b", "decision_benefiting_candidate", "--on", "2024-10-10", "--employee-type", "pns"]
    args += ["--election", "pilkada-2024"]
    text = runner.invoke(app, args).output
    assert "BERSYARAT — jika pelaku memegang jabatan" in text and "uu10-188" in text
    data = json.loads(runner.invoke(app, [*args, "--json"]).output)
    assert [f["rule_id"] for f in data["conditional_findings"]] == ["uu10-188"]
    assert data["conditional_findings"][0]["conditional"] is True
    assert "camat" in data["conditional_findings"][0]["condition"]
    assert all(f["conditional"] is False for f in data["findings"])
