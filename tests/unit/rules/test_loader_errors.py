"""One tiny invalid file per loader error kind: the error names the file and the kind."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from netralitas.errors import CatalogueError
from netralitas.rules.catalogue import load_catalogue

INVALID = Path(__file__).parent / "invalid"
DATA = Path(str(resources.files("netralitas.rules") / "data"))


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


CASES = [
    ("duplicate_key.yaml", "qualifiers.yaml", "duplicate_key"),
    ("unknown_key.yaml", "qualifiers.yaml", "unknown_key"),
    ("bad_date.yaml", "elections.yaml", "bad_date"),
    ("bad_date_order.yaml", "elections.yaml", "bad_date"),
    ("versions_not_ascending.yaml", "deadlines.yaml", "bad_date"),
    ("dangling_reference.yaml", "violations/skb-a1.yaml", "dangling_reference"),
    ("dangling_qualifier.yaml", "violations/skb-a1.yaml", "dangling_reference"),
    ("unknown_behaviour.yaml", "violations/skb-a1.yaml", "unknown_behaviour"),
    ("yaml_syntax.yaml", "deadlines.yaml", "yaml_syntax"),
    ("crime_without_range.yaml", "violations/uu7-494.yaml", "schema"),
]


@pytest.mark.parametrize(("invalid", "replaces", "kind"), CASES, ids=[c[0] for c in CASES])
def test_invalid_file_is_rejected_naming_the_file(
    data_copy: Path, invalid: str, replaces: str, kind: str
) -> None:
    shutil.copy(INVALID / invalid, data_copy / replaces)
    with pytest.raises(CatalogueError) as info:
        load_catalogue(data_copy)
    assert info.value.details["file"] == replaces
    assert info.value.details["kind"] == kind
    assert replaces in info.value.message


def test_untouched_copy_loads(data_copy: Path) -> None:
    assert len(load_catalogue(data_copy).violations) >= 37


def test_missing_file(data_copy: Path) -> None:
    (data_copy / "tracks.yaml").unlink()
    with pytest.raises(CatalogueError) as info:
        load_catalogue(data_copy)
    assert info.value.details == {**info.value.details, "file": "tracks.yaml", "kind": "missing_file"}


def test_unexpected_file(data_copy: Path) -> None:
    (data_copy / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(data_copy)
    assert info.value.details["kind"] == "unexpected_file"


def test_file_name_must_match_id(data_copy: Path) -> None:
    shutil.move(data_copy / "violations" / "skb-a1.yaml", data_copy / "violations" / "skb-a99.yaml")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(data_copy)
    assert info.value.details["file"] == "violations/skb-a99.yaml"


def test_content_change_changes_version(data_copy: Path) -> None:
    before = load_catalogue(data_copy).version
    path = data_copy / "qualifiers.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# komentar\n", encoding="utf-8")
    after = load_catalogue(data_copy).version
    assert before != after
    assert after.split("+")[0] == before.split("+")[0]
