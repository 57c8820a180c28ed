"""Babel extraction of the label tables that reach ``t()`` as variables.

Pages translate some stored values through a table of Indonesian labels, e.g.
``{{ t(level_labels.get(f.level, f.level)) }}``: the message id is a value of
``rules.model.LEVEL_LABELS``, which no ``t("...")`` literal names. ``babel.cfg`` runs
:func:`extract` over the modules holding such tables: it yields what Babel's Python extractor
finds plus every string value of the module-level dict literals named in the section's ``tables``
option. It reads the source (no import), and a table that is not there is an error, so a renamed
table cannot silently drop its messages from the catalogues.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python


def table_values(source: str, names: Collection[str]) -> Iterator[tuple[int, str]]:
    """``(line, text)`` of every string value of the dict literals assigned to ``names``."""
    found: set[str] = set()
    for node in ast.parse(source).body:
        target: ast.expr | None = None
        if isinstance(node, ast.AnnAssign):
            target = node.target
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        value = getattr(node, "value", None)
        if not isinstance(target, ast.Name) or target.id not in names or not isinstance(value, ast.Dict):
            continue
        found.add(target.id)
        for item in value.values:
            if isinstance(item, ast.Constant) and isinstance(item.value, str):
                yield item.lineno, item.value
    missing = sorted(set(names) - found)
    if missing:
        raise ValueError(f"label tables not found (babel.cfg names them): {', '.join(missing)}")


def extract(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Any
) -> Iterator[tuple[Any, ...]]:
    """A Babel extraction method (``label_tables`` in babel.cfg's ``[extractors]``)."""
    yield from extract_python(fileobj, keywords, comment_tags, options)
    fileobj.seek(0)
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    for line, text in table_values(source, str(options.get("tables", "")).split()):
        yield line, "", text, []
