"""The rules CLI through Typer's runner."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

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
