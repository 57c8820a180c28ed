"""Keep the interface's gettext catalogues in step with the code (Babel underneath).

    .venv/bin/python -m tools.i18n update     # extract, update id + en catalogues, compile .mo
    .venv/bin/python -m tools.i18n check      # what the test suite checks; exit 1 on a problem
    .venv/bin/python -m tools.i18n compile    # .po -> .mo only (pip install does this too)
    .venv/bin/python -m tools.i18n extract --pot messages.pot   # the template, for a look
    .venv/bin/python -m tools.i18n update --import-legacy old-en.po [--prefer-legacy]
    .venv/bin/python -m tools.i18n merge-branch issue-N   # after `git merge --no-commit issue-N`

``update`` is ``pybabel extract -F babel.cfg -k t -k tn:1,2 -k N_ --no-default-keywords`` followed by
``pybabel update`` and ``pybabel compile``, with the project's choices: no source locations (a
moved line changes nothing), messages sorted by id (two branches adding messages rarely touch the
same lines), messages no longer in the code dropped, dates in the header kept. New messages arrive
with an empty ``msgstr``; a changed Indonesian text keeps its old English as ``#, fuzzy`` for a
person to confirm (fuzzy entries are not compiled). ``--import-legacy`` folds in the English of a
flat ``en.po`` of the old layout (one ``msgid``/``msgstr`` pair per message): it fills messages
that are untranslated or fuzzy, and with ``--prefer-legacy`` also replaces translations that
differ. See docs/dev/translations.md.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po, write_po

from netralitas.web.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, catalogue_path, compile_po

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "babel.cfg"
KEYWORDS: dict[str, Any] = {"t": None, "tn": (1, 2), "N_": None}
#: The catalogue whose every message must be translated (Indonesian is the source language).
TRANSLATED = ("en",)
HEADER = """\
# Netralitas interface messages ({lang}). msgid = the Indonesian text.
# Do not edit by hand what `python -m tools.i18n update` writes: msgstr values only.
#"""


def extract(root: Path = ROOT) -> Catalog:
    """The messages the code and templates use, as Babel extracts them with ``babel.cfg``."""
    with CONFIG.open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config, str(CONFIG))
    template = Catalog(domain=DOMAIN, project="netralitas", fuzzy=False)
    for path, line, message, comments, context in extract_from_dir(
        root, method_map, options_map, keywords=KEYWORDS
    ):
        template.add(message, None, [(path, line)], auto_comments=comments, context=context)
    return template


def read_catalogue(lang: str) -> Catalog | None:
    path = catalogue_path(lang)
    if not path.exists():
        return None
    with path.open("rb") as source:
        return read_po(source, locale=lang, domain=DOMAIN)


def new_catalogue(lang: str) -> Catalog:
    return Catalog(
        locale=lang,
        domain=DOMAIN,
        project="Netralitas",
        version="main",
        msgid_bugs_address="the project's issue tracker",
        last_translator="Netralitas contributors",
        language_team=f"Netralitas ({lang})",
        header_comment=HEADER.format(lang=lang),
        fuzzy=False,
    )


def _key(message: Message) -> str:
    return str(message.id[0] if isinstance(message.id, list | tuple) else message.id)


def _is_translated(message: Message) -> bool:
    forms = message.string if isinstance(message.string, list | tuple) else (message.string,)
    return not message.fuzzy and all(forms)


def fold_legacy(catalogue: Catalog, legacy: Catalog, *, prefer_legacy: bool = False) -> dict[str, list[str]]:
    """Copy the translations of ``legacy`` (old flat ``en.po``) into ``catalogue``, by message id."""
    report: dict[str, list[str]] = {"filled": [], "replaced": [], "differs": [], "plural": [], "unused": []}
    known = {_key(m): m for m in catalogue if m.id}
    for old in legacy:
        text = old.string if isinstance(old.string, str) else None
        if not old.id or not text or old.fuzzy:
            continue
        current = known.get(_key(old))
        if current is None:  # not in the code any more, or shown through a table babel.cfg misses
            report["unused"].append(_key(old))
            continue
        if isinstance(current.id, list | tuple):  # now a plural message: a person writes the forms
            if not _is_translated(current):
                current.string = tuple(text for _ in range(catalogue.num_plurals))
                current.flags.add("fuzzy")
                report["plural"].append(_key(old))
            continue
        if not _is_translated(current):
            current.string = text
            current.flags.discard("fuzzy")
            report["filled"].append(_key(old))
        elif current.string != text:
            if prefer_legacy:
                current.string = text
                report["replaced"].append(_key(old))
            else:
                report["differs"].append(_key(old))
    return report


def write_catalogue(lang: str, catalogue: Catalog) -> None:
    path = catalogue_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = BytesIO()
    write_po(out, catalogue, width=0, no_location=True, sort_output=True, ignore_obsolete=True)
    path.write_bytes(out.getvalue())


def compile_all() -> list[Path]:
    written = []
    for lang in LANGUAGES:
        mo = catalogue_path(lang, ".mo")
        mo.write_bytes(compile_po(catalogue_path(lang)))
        written.append(mo)
    return written


def update(legacy_paths: Iterable[Path] = (), *, prefer_legacy: bool = False) -> list[str]:
    """Extract, update both catalogues, fold legacy English in, write, compile; say what changed."""
    template = extract()
    legacies = []
    for path in legacy_paths:
        if not path.is_file():
            raise SystemExit(f"no legacy catalogue at {path}")
        with path.open("rb") as source:
            legacies.append((path, read_po(source)))
    lines = [f"extracted {sum(1 for m in template if m.id)} messages"]
    for lang in LANGUAGES:
        catalogue = read_catalogue(lang) or new_catalogue(lang)
        before = {_key(m) for m in catalogue if m.id}
        catalogue.update(template, update_creation_date=False)
        after = {_key(m) for m in catalogue if m.id}
        lines.append(f"{lang}: +{len(after - before)} new, -{len(before - after)} gone")
        if lang in TRANSLATED:
            for path, legacy in legacies:
                report = fold_legacy(catalogue, legacy, prefer_legacy=prefer_legacy)
                lines.append(f"{lang}: from {path}: " + ", ".join(f"{len(v)} {k}" for k, v in report.items()))
                lines += [
                    f"  differs (kept ours; --prefer-legacy takes theirs): {m!r}" for m in report["differs"]
                ]
                lines += [f"  plural now, check the forms (fuzzy): {m!r}" for m in report["plural"]]
                lines += [
                    f"  not extracted (unused, or t(variable) of a table babel.cfg misses): {m!r}"
                    for m in report["unused"]
                ]
        write_catalogue(lang, catalogue)
    compile_all()
    problems = check(template)
    lines += [f"to do: {p}" for p in problems] or ["catalogues complete and compiled"]
    return lines


LEGACY = "src/netralitas/web/locale/en.po"


def merge_branch(ref: str, *, prefer_legacy: bool = False) -> list[str]:
    """After ``git merge --no-commit REF`` of a branch that still has the flat ``en.po``: keep this
    side's catalogues (git may have merged ``en.po`` into ``en/.../messages.po`` as a rename),
    drop ``en.po``, and fold the branch's English in while updating from the merged code."""

    def git(*args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, check=check)

    legacy = git("show", f"{ref}:{LEGACY}", check=False)
    catalogues = [str(catalogue_path(lang).relative_to(ROOT)) for lang in LANGUAGES]
    git("checkout", "HEAD", "--", *catalogues)
    git("rm", "-q", "-f", "--ignore-unmatch", "--", LEGACY)
    (ROOT / LEGACY).unlink(missing_ok=True)
    if legacy.returncode != 0:
        lines = update()
        lines.insert(0, f"{ref} has no {LEGACY}: nothing to import")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"en-{ref.replace('/', '-')}.po"
            path.write_bytes(legacy.stdout)
            lines = update([path], prefer_legacy=prefer_legacy)
    git("add", "-A", "--", str(LOCALE_DIR.relative_to(ROOT)))
    return lines


def stale_messages(template: Catalog, catalogue: Catalog) -> list[str]:
    """Differences between what the code uses and what a catalogue holds (ids and plural ids)."""
    wanted = {m.id if isinstance(m.id, str) else tuple(m.id) for m in template if m.id}
    held = {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalogue if m.id}
    return [f"not in the catalogue: {m!r}" for m in sorted(wanted - held, key=str)] + [
        f"no longer used: {m!r}" for m in sorted(held - wanted, key=str)
    ]


def untranslated(catalogue: Catalog) -> list[str]:
    return [_key(m) for m in catalogue if m.id and not _is_translated(m)]


def format_errors(catalogue: Catalog) -> list[str]:
    """What ``pybabel compile`` refuses: a translation whose ``%`` placeholders differ from the id's
    (Babel reads "25% s..." as a placeholder, so the English must not turn it into "% c...")."""
    return [f"{_key(m)!r}: {'; '.join(map(str, errors))}" for m, errors in catalogue.check()]


def stale_mo(po: Path, mo: Path) -> str | None:
    """Why the compiled ``mo`` does not hold what ``po`` says (``None`` when it does)."""
    if not mo.exists():
        return f"{mo.name} missing next to {po.name} (python -m tools.i18n compile)"
    with mo.open("rb") as compiled:
        have = {_key(m): m.string for m in read_mo(compiled) if m.id}
    want = {_key(m): m.string for m in read_mo(BytesIO(compile_po(po))) if m.id}
    if have != want:
        return f"{mo.name} out of date with {po.name} (python -m tools.i18n compile)"
    return None


def check(template: Catalog | None = None) -> list[str]:
    """Every problem with the catalogues, as sentences (empty when all is well)."""
    template = template if template is not None else extract()
    problems: list[str] = []
    for lang in LANGUAGES:
        catalogue = read_catalogue(lang)
        if catalogue is None:
            problems.append(f"{lang}: no catalogue at {catalogue_path(lang).relative_to(ROOT)}")
            continue
        problems += [f"{lang}: {p}" for p in stale_messages(template, catalogue)]
        if lang in TRANSLATED:
            problems += [f"{lang}: untranslated or fuzzy: {m!r}" for m in untranslated(catalogue)]
        problems += [f"{lang}: {p}" for p in format_errors(catalogue)]
        reason = stale_mo(catalogue_path(lang), catalogue_path(lang, ".mo"))
        if reason:
            problems.append(f"{lang}: {reason}")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.i18n", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    up = commands.add_parser("update", help="extract, update the id and en catalogues, compile")
    up.add_argument("--import-legacy", type=Path, action="append", default=[], metavar="PO")
    up.add_argument("--prefer-legacy", action="store_true")
    merge = commands.add_parser("merge-branch", help="after git merge --no-commit REF: fold REF's en.po in")
    merge.add_argument("ref")
    merge.add_argument("--prefer-legacy", action="store_true")
    commands.add_parser("check", help="exit 1 when a catalogue is stale, untranslated or not compiled")
    commands.add_parser("compile", help="compile every .po to .mo")
    ex = commands.add_parser("extract", help="count the messages (and write the template)")
    ex.add_argument("--pot", type=Path)
    args = parser.parse_args(argv)
    if not LOCALE_DIR.is_relative_to(ROOT):  # the venv's netralitas is another checkout's
        print(f"netralitas is imported from {LOCALE_DIR.parents[2]}, not {ROOT / 'src'}: "
              f"run with PYTHONPATH={ROOT / 'src'}", file=sys.stderr)  # fmt: skip
        return 2
    if args.command == "update":
        print("\n".join(update(args.import_legacy, prefer_legacy=args.prefer_legacy)))
        return 0
    if args.command == "merge-branch":
        print("\n".join(merge_branch(args.ref, prefer_legacy=args.prefer_legacy)))
        return 0
    if args.command == "compile":
        for path in compile_all():
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    if args.command == "extract":
        template = extract()
        print(f"{sum(1 for m in template if m.id)} messages")
        if args.pot:
            with args.pot.open("wb") as out:
                write_po(out, template, width=0, no_location=True, sort_output=True)
        return 0
    problems = check()
    print("\n".join(problems) or "catalogues complete and compiled")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
