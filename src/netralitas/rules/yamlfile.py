"""Reading catalogue YAML strictly: duplicate keys are errors, every error names the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from netralitas.errors import CatalogueError

try:  # the C parser is much faster; the constructor (and our duplicate check) stays in Python
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader


class _StrictLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that refuses duplicate mapping keys."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"kunci ganda / duplicate key {key!r} (baris {seen[key]} dan {key_node.start_mark.line + 1})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


#: Every ``details['kind']`` a catalogue error can carry, with its Indonesian label (each pinned by a
#: file in tests/unit/rules/invalid, except the two about the directory itself).
ERROR_KINDS: dict[str, str] = {
    "yaml_syntax": "sintaks YAML salah",
    "duplicate_key": "kunci ganda",
    "unknown_key": "kunci tidak dikenal",
    "bad_date": "tanggal tidak sah atau tidak berurutan",
    "duplicate_date": "dua versi pada tanggal yang sama",
    "bad_repeal": "null yang tidak mencabut apa pun",
    "dangling_reference": "merujuk sesuatu yang tidak ada",
    "unknown_behaviour": "label perilaku tidak dikenal",
    "unknown_level": "tingkat tidak dikenal",
    "level_not_in_ladder": "tingkat tidak ada pada tangga sanksi",
    "duplicate_id": "id ganda",
    "schema": "bentuk data salah",
    "missing_file": "berkas wajib tidak ada",
    "unexpected_file": "berkas tak terduga",
}


def catalogue_error(file: Path | str, problem: str, kind: str) -> CatalogueError:
    if kind not in ERROR_KINDS:  # a programming error, not bad data
        raise ValueError(f"unknown catalogue error kind {kind!r}")
    name = str(file)
    return CatalogueError(
        f"Katalog tidak valid di {name}: {problem}",
        message_en=f"Invalid catalogue file {name}: {problem}",
        details={"file": name, "kind": kind, "problem": problem},
    )


def parse_yaml(text: str, file: Path | str) -> Any:
    """Parse one YAML document; raise CatalogueError naming ``file`` on any problem."""
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.constructor.ConstructorError as exc:
        kind = "duplicate_key" if "duplicate key" in str(exc.problem) else "yaml_syntax"
        raise catalogue_error(file, str(exc), kind) from exc
    except yaml.YAMLError as exc:
        raise catalogue_error(file, str(exc), "yaml_syntax") from exc
    except ValueError as exc:  # e.g. 2024-02-30 matches the timestamp pattern but is no date
        raise catalogue_error(file, f"tanggal tidak sah / bad date: {exc}", "bad_date") from exc
