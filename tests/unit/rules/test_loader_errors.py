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
    ("duplicate_date.yaml", "deadlines.yaml", "duplicate_date"),
    ("bad_repeal.yaml", "violations/skb-a1.yaml", "bad_repeal"),
    ("level_not_in_ladder.yaml", "violations/skb-a1.yaml", "level_not_in_ladder"),
    ("unknown_level.yaml", "violations/skb-a1.yaml", "unknown_level"),
    ("dangling_covered_by.yaml", "violations/skb-a1.yaml", "dangling_reference"),
    ("procedure_unknown_function.yaml", "procedure.yaml", "dangling_reference"),
    ("position_unknown_qualifier.yaml", "positions.yaml", "dangling_reference"),
    ("duplicate_id.yaml", "qualifiers.yaml", "duplicate_id"),
    ("reviewed_without_date.yaml", "violations/skb-a1.yaml", "schema"),
    ("reviewed_but_needs_review.yaml", "violations/skb-a1.yaml", "schema"),
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


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_invalid_file_is_pinned() -> None:
    assert sorted(p.name for p in INVALID.glob("*.yaml")) == sorted(c[0] for c in CASES)


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        ("violations/uu7-494.yaml", "level: criminal", "level: heavy"),
        ("violations/skb-b2.yaml", "level: heavy", "level: criminal"),
        ("violations/pp94-5n1.yaml", "level: moderate", "level: moral"),
    ],
    ids=["crime-with-ladder-level", "discipline-with-criminal", "discipline-with-moral"],
)
def test_level_must_fit_track_and_ladder(data_copy: Path, rel: str, old: str, new: str) -> None:
    _edit(data_copy / rel, old, new)
    with pytest.raises(CatalogueError) as info:
        load_catalogue(data_copy)
    assert (info.value.details["file"], info.value.details["kind"]) == (rel, "level_not_in_ladder")


def test_null_repeal_after_a_value_loads_and_applies(data_copy: Path) -> None:
    _edit(
        data_copy / "violations/skb-a2.yaml",
        "examples:",
        "- from: 2030-01-01\n  level: null\n  review_status: needs_review\nexamples:",
    )
    cat = load_catalogue(data_copy)
    from datetime import date

    assert "skb-a2" in {v.id for v in cat.violations_on(date(2029, 12, 31))}
    assert "skb-a2" not in {v.id for v in cat.violations_on(date(2030, 1, 1))}


def test_repeal_twice_in_a_row_is_rejected(data_copy: Path) -> None:
    _edit(
        data_copy / "violations/skb-a2.yaml",
        "examples:",
        "- from: 2030-01-01\n  level: null\n  review_status: needs_review\n"
        "- from: 2031-01-01\n  level: null\n  review_status: needs_review\nexamples:",
    )
    with pytest.raises(CatalogueError) as info:
        load_catalogue(data_copy)
    assert info.value.details["kind"] == "bad_repeal"
    assert "2031-01-01" in info.value.message


def test_empty_versions_are_rejected(data_copy: Path) -> None:
    _edit(
        data_copy / "authorities.yaml",
        "    versions:\n      - from: 2004-10-27\n        authority: ppk\n        review_status: confirmed\n",
        "    versions: []\n",
    )
    with pytest.raises(CatalogueError) as info:
        load_catalogue(data_copy)
    assert info.value.details["file"] == "authorities.yaml"


def test_duplicate_position_synonym(data_copy: Path) -> None:
    _edit(
        data_copy / "positions.yaml",
        "synonyms: [sekretaris camat, sekcam]",
        "synonyms: [sekretaris camat, camat]",
    )
    with pytest.raises(CatalogueError) as info:
        load_catalogue(data_copy)
    assert (info.value.details["file"], info.value.details["kind"]) == ("positions.yaml", "duplicate_id")


def test_procedure_step_with_unknown_deadline(data_copy: Path) -> None:
    _edit(data_copy / "procedure.yaml", "deadline: taskforce_verification", "deadline: instant_justice")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(data_copy)
    assert (info.value.details["file"], info.value.details["kind"]) == (
        "procedure.yaml",
        "dangling_reference",
    )


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ("case_statuses: [verification]", "case_statuses: [interrogation]", "dangling_reference"),
        ("case_statuses: [validation]", "case_statuses: [verification]", "duplicate_id"),
    ],
    ids=["unknown", "twice-in-a-version"],
)
def test_procedure_case_statuses_are_known_and_claimed_once(
    data_copy: Path, old: str, new: str, kind: str
) -> None:
    _edit(data_copy / "procedure.yaml", old, new)
    with pytest.raises(CatalogueError) as info:
        load_catalogue(data_copy)
    assert (info.value.details["file"], info.value.details["kind"]) == ("procedure.yaml", kind)
    assert ("interrogation" if kind == "dangling_reference" else "verification") in str(info.value)


def test_every_error_kind_has_an_invalid_file() -> None:
    from netralitas.rules.yamlfile import ERROR_KINDS

    assert {c[2] for c in CASES} == set(ERROR_KINDS) - {"missing_file", "unexpected_file"}


def test_a_confirmation_is_a_data_change_with_reviewer_and_date(data_copy: Path) -> None:
    """Confirming an item: review_status confirmed + reviewed_by + reviewed_on; it leaves `rules review`."""
    from netralitas.rules.review import review_items

    before = {(i.item, i.since) for i in review_items(load_catalogue(data_copy))}
    path = data_copy / "violations" / "skb-b3.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  review_status: needs_review\n" in text
    path.write_text(
        text.replace(
            "  review_status: needs_review\n",
            "  review_status: confirmed\n  reviewed_by: Petugas Hukum BKN\n  reviewed_on: 2026-12-01\n",
            1,
        ),
        encoding="utf-8",
    )
    cat = load_catalogue(data_copy)
    version = cat.violation("skb-b3").versions[0]
    assert version.review.reviewed_by == "Petugas Hukum BKN"
    assert str(version.review.reviewed_on) == "2026-12-01"
    after = {(i.item, i.since) for i in review_items(cat)}
    assert ("skb-b3", version.from_on) in before - after
