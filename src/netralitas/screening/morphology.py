"""Indonesian verb morphology for cue phrases: a cue written ``~unggah`` stands for the root and
its common affixed forms, so the cue book names an act once and matches it in news-report
(passive ``diunggah``, ``ditempelkan``), formal (``mengunggah``, ``menempelkan``) and spoken or
regional-colloquial form (``ngunggah``, ``nempel``, ``masangin``, ``dipasangin``).

Only the first word of a phrase is expanded ("~pasang spanduk" → "memasang spanduk", ...).
Nominal forms (``-an``, ``pe-an``) are not generated: they change meaning too often ("pasangan")
and are written out where wanted.
"""

from __future__ import annotations

VOWELS = frozenset("aeiou")
#: Root-initial consonants that the meN- prefix replaces (formal); colloquial usage often keeps
#: them ("mempost", "mengkampanyekan"), so both forms are generated.
DROPPED = {"p": "m", "t": "n", "k": "ng", "s": "ny"}


def nasal_forms(root: str) -> tuple[str, ...]:
    """The meN- forms of ``root`` without the "me" (``pasang`` → "masang", "mpasang")."""
    first = root[0]
    if first in DROPPED and len(root) > 1 and root[1] not in "y":
        kept = {"p": "m", "t": "n", "k": "ng", "s": "n"}[first] + root
        return (DROPPED[first] + root[1:], kept)
    if first in VOWELS or first in "gh":
        return ("ng" + root,)
    if first in "bfv":
        return ("m" + root,)
    if first in "dcjz":
        return ("n" + root,)
    return (root,)  # l, m, n, r, w, y: "me" + root


def verb_forms(root: str) -> tuple[str, ...]:
    """Root, active, passive, -kan/-i/-in forms and colloquial nasal forms, in a stable order."""
    ter = "te" + root if root.startswith("r") else "ter" + root
    forms: list[str] = [root, "di" + root, ter, root + "kan", "di" + root + "kan", "di" + root + "i"]
    forms += ["di" + root + "in", "nge" + root]
    for number, nasal in enumerate(nasal_forms(root)):
        forms += ["me" + nasal, "me" + nasal + "kan", "me" + nasal + "i"]
        if number == 0:  # the spoken forms only from the regular nasal ("masang", "nempelin")
            forms += [nasal + "in"] + ([nasal, nasal + "kan"] if nasal != root else [])
    # with the object clitic: "mengunggahnya", "diunggahnya", "menempelkannya"
    forms += [form + "nya" for form in forms[:] if form.startswith(("me", "di")) and not form.endswith("in")]
    seen: dict[str, None] = {}
    for form in forms:
        seen.setdefault(form, None)
    return tuple(seen)


def expand_phrase(phrase: str) -> tuple[str, ...]:
    """``~root rest`` → every verb form of ``root`` followed by ``rest``; other phrases as they are."""
    if not phrase.startswith("~"):
        return (phrase,)
    head, _, rest = phrase[1:].partition(" ")
    tail = f" {rest}" if rest else ""
    return tuple(form + tail for form in verb_forms(head.lower()))
