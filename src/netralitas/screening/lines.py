"""JSON lines of the lexical pass (``netralitas screen --lexical-only``) written straight from
the analysis, without building the result objects first.

The bulk path screens hundreds of thousands of posts; most of its time went into result objects
that were turned into dictionaries and then into JSON and thrown away. ``LineWriter`` writes the
same bytes directly: the JSON of every candidate, label and ASN cue head is computed once and
kept, spans are formatted with the standard library's C string encoder. The output is identical
to ``dumps({"id": id, **screener.screen(request).to_dict()})`` (tested on the corpora).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from json.encoder import encode_basestring
from typing import Any

from netralitas.screening.candidates import group_candidates
from netralitas.screening.detectors import LexicalAnalysis, TokenRange
from netralitas.screening.findings import assess_findings, employee_type_of
from netralitas.screening.gazetteer import Candidate
from netralitas.screening.normalise import Normalised
from netralitas.screening.result import MAX_EVIDENCE_CHARS, FindingRef
from netralitas.screening.screener import MAX_EVIDENCE_SPANS, MAX_TEXT_CHARS, Screener, ScreenRequest, Verdict

_CANDIDATE_SPANS = 5


def dumps(obj: Any) -> str:
    """Compact JSON, UTF-8 kept as is (the format of every output line)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _evidence(original: str, start: int, end: int) -> str:
    """One evidence span as JSON (``Span.to_dict``)."""
    snippet = original[start:end]
    if len(snippet) > MAX_EVIDENCE_CHARS:
        snippet = snippet[: MAX_EVIDENCE_CHARS - 1] + "…"
    return f'{{"start":{start},"end":{end},"text":{encode_basestring(snippet)}}}'


def _spans(norm: Normalised, ranges: list[TokenRange]) -> str:
    """The evidence of token ranges, comma-separated."""
    bounds, original = norm.bounds, norm.original
    if len(ranges) == 1:  # the common case, inline
        first, last = ranges[0]
        start, end = bounds[2 * first], bounds[2 * last + 1]
        snippet = original[start:end]
        if len(snippet) > MAX_EVIDENCE_CHARS:
            snippet = snippet[: MAX_EVIDENCE_CHARS - 1] + "…"
        return f'{{"start":{start},"end":{end},"text":{encode_basestring(snippet)}}}'
    return ",".join([_evidence(original, bounds[2 * first], bounds[2 * last + 1]) for first, last in ranges])


def _confirmed_head(heads: dict[str, str], confidences: dict[str, float]) -> Callable[[str, float], str]:
    """Label heads with the learned layer's confidence (not cached: confidences vary)."""

    def head(label: str, _: float) -> str:
        return f'{heads[label]}{round(confidences[label], 3)!r},"source":"lexical+model","evidence":['

    return head


def _second(item: tuple[str, TokenRange]) -> TokenRange:
    return item[1]


class LineWriter:
    """Writes the output line of the lexical pass for one record. With a learned layer, for the
    texts the pre-filter keeps from it (``Screener.needs_model`` false: their line is the same)
    and for those whose detector labels it only confirmed (``confidences``)."""

    def __init__(self, screener: Screener) -> None:
        self.screener = screener
        self._label_heads: dict[tuple[str, float], str] = {}
        self._labels = {
            label: f'{{"label":{encode_basestring(label)},"confidence":' for label in screener.cues.labels
        }
        #: '"a","b"],"behaviours":[' per tuple of fired labels
        self._label_lists: dict[tuple[str, ...], str] = {}
        self._heads: dict[tuple[str, int | None, bool, str | None], str] = {}
        self._cues: dict[tuple[str, str], str] = {}
        self._findings: dict[tuple[FindingRef, ...], str] = {}

    def line(self, record_id: str, request: ScreenRequest) -> str:
        self.screener.check_kind(request.kind)
        analysis = self.screener.analyse(request.text, request.kind) if request.kind is not None else None
        return self.write(
            record_id, request.text, request.on, request.election_id, request.employee_type, analysis
        )

    def write(
        self,
        record_id: str,
        text: str,
        on: date | None = None,
        election_id: str | None = None,
        employee_type: str | None = None,
        analysis: LexicalAnalysis | None = None,
        confidences: dict[str, float] | None = None,
    ) -> str:
        """The output line of ``text`` (what ``line`` gives for the same request); ``analysis``:
        the text's lexical analysis when the caller has it already; ``confidences``: the
        learned layer confirmed every detector label with these (``Verdict.plain``)."""
        if analysis is None:
            analysis = self.screener.analyse(text)
        norm = analysis.norm
        fired = analysis.labels
        parts = ['{"id":', encode_basestring(record_id)]
        if fired:
            names = tuple(fired)
            label_list = self._label_lists.get(names)
            if label_list is None:
                label_list = ",".join([f'"{label}"' for label in names]) + '],"behaviours":['
                self._label_lists[names] = label_list
            parts.append(',"labels":[')
            parts.append(label_list)
            label_head = self._label if confidences is None else _confirmed_head(self._labels, confidences)
            parts.append(
                ",".join(
                    [
                        f"{label_head(label, confidence)}{_spans(norm, ranges[:MAX_EVIDENCE_SPANS])}]}}"
                        for label, (confidence, ranges) in fired.items()
                    ]
                )
            )
        else:
            parts.append(',"labels":["none"],"behaviours":[')
        parts.append('],"candidates":[')
        if analysis.entries or analysis.numbers:
            parts.append(self._candidates(analysis, election_id))
        parts.append('],"asn_cues":[')
        cue_names: list[tuple[str, str]] = []
        if analysis.asn:
            cue_names = self._asn_cues(analysis, parts)
        qualifiers = analysis.qualifiers if fired else {}
        warnings = self._findings_and_qualifiers(
            parts, text, norm, list(fired), qualifiers, on, election_id, employee_type, cue_names
        )
        if warnings:
            parts.append(f'],"warnings":[{",".join([encode_basestring(w) for w in warnings])}')
        parts.append("]}")
        return "".join(parts)

    def write_verdict(
        self,
        record_id: str,
        text: str,
        on: date | None,
        election_id: str | None,
        employee_type: str | None,
        analysis: LexicalAnalysis,
        verdict: Verdict,
    ) -> str:
        """The output line of a text the learned layer changed (a veto, a label of its own or
        "perlu dibaca"): ``dumps({"id": id, **screener.result(request, analysis,
        verdict).to_dict()})`` without the result objects."""
        norm = analysis.norm
        names = [*verdict.confirmed, *(label for label, _ in verdict.added)]
        parts = ['{"id":', encode_basestring(record_id), ',"labels":[']
        parts.append(",".join([f'"{label}"' for label in names]) if names else '"none"')
        parts.append('],"behaviours":[')
        hits = [(label, confidence, "lexical+model") for label, confidence in verdict.confirmed.items()]
        hits += [(label, confidence, "model") for label, confidence in verdict.added]
        parts.append(self._hits(analysis, hits))
        parts.append('],"candidates":[')
        if analysis.entries or analysis.numbers:
            parts.append(self._candidates(analysis, election_id))
        parts.append('],"asn_cues":[')
        cue_names: list[tuple[str, str]] = []
        if analysis.asn:
            cue_names = self._asn_cues(analysis, parts)
        # no qualifier without a detector behaviour (the model's own labels have none)
        qualifiers = analysis.qualifiers if verdict.confirmed else {}
        warnings = self._findings_and_qualifiers(
            parts, text, norm, names, qualifiers, on, election_id, employee_type, cue_names
        )
        if verdict.review:
            review = [(label, confidence, "lexical") for label, confidence in verdict.review]
            parts.append(f'],"perlu_dibaca":[{self._hits(analysis, review)}')
        if warnings:
            parts.append(f'],"warnings":[{",".join([encode_basestring(w) for w in warnings])}')
        parts.append("]}")
        return "".join(parts)

    def _findings_and_qualifiers(
        self,
        parts: list[str],
        text: str,
        norm: Normalised,
        names: list[str],
        qualifiers: dict[str, list[TokenRange]],
        on: date | None,
        election_id: str | None,
        employee_type: str | None,
        cue_names: list[tuple[str, str]],
    ) -> list[str]:
        """Appends the findings (when dated and labelled) and the suggested qualifiers of a line;
        returns its warnings (a cut text, the engine's notes)."""
        parts.append('],"findings":[')
        warnings: list[str] = []
        if len(text) > MAX_TEXT_CHARS:
            warnings.append(f"teks dipotong: hanya {MAX_TEXT_CHARS} karakter pertama yang disaring")
        if on is not None and names:
            findings, notes = assess_findings(
                names,
                on,
                election_id,
                employee_type or employee_type_of(cue_names),
                frozenset(qualifiers),
            )
            parts.append(self._findings_json(findings))
            warnings.extend(notes)
        if qualifiers:
            hints = [
                f'{{"qualifier":"{name}","evidence":[{_spans(norm, ranges[:MAX_EVIDENCE_SPANS])}]}}'
                for name, ranges in qualifiers.items()
            ]
            parts.append(f'],"suggested_qualifiers":[{",".join(hints)}')
        return warnings

    def _hits(self, analysis: LexicalAnalysis, hits: list[tuple[str, float, str]]) -> str:
        """Behaviours as JSON (``Screener._hits``): a detector label with the detector's words
        and ``source``, a label of the model alone with its top contributing words."""
        out: list[str] = []
        for label, confidence, source in hits:
            found = analysis.labels.get(label)
            if found is not None:
                ranges = found[1]
            else:
                model = self.screener.model
                assert model is not None
                ranges, source = model.explain(analysis, label), "model"
            evidence = _spans(analysis.norm, ranges[:MAX_EVIDENCE_SPANS]) if ranges else ""
            out.append(
                f'{{"label":{encode_basestring(label)},"confidence":{round(confidence, 3)!r},'
                f'"source":"{source}","evidence":[{evidence}]}}'
            )
        return ",".join(out)

    def _label(self, label: str, confidence: float) -> str:
        head = self._label_heads.get((label, confidence))
        if head is None:
            head = f'{self._labels[label]}{round(confidence, 3)!r},"source":"lexical","evidence":['
            self._label_heads[(label, confidence)] = head
        return head

    def _asn_cues(self, analysis: LexicalAnalysis, parts: list[str]) -> list[tuple[str, str]]:
        """Appends the ASN cues (comma-separated) to ``parts``; returns their (cue, category)."""
        norm = analysis.norm
        text, starts, bounds, original = norm.text, norm.starts, norm.bounds, norm.original
        names: list[tuple[str, str]] = []
        seen: set[TokenRange] = set()
        asn = analysis.asn if len(analysis.asn) == 1 else sorted(analysis.asn, key=_second)
        for category, (first, last) in asn:
            if (first, last) in seen:
                continue
            seen.add((first, last))
            end = starts[last + 1] - 1 if last + 1 < len(starts) else len(text) - 1
            cue = text[starts[first] : end]
            head = self._cues.get((cue, category))
            if head is None:
                head = self._cues[(cue, category)] = dumps({"cue": cue, "category": category})[:-1] + ","
            if names:
                parts.append(",")
            parts.append(head)
            parts.append(_evidence(original, bounds[2 * first], bounds[2 * last + 1])[1:])
            names.append((cue, category))
        return names

    def _candidates(self, analysis: LexicalAnalysis, election_id: str | None) -> str:
        norm = analysis.norm
        found = group_candidates(analysis, self.screener.gazetteer, election_id, self.screener.entry_table)
        items: list[tuple[int, str, str]] = []
        bounds = norm.bounds
        for key, (candidate, number, confirmed, ranges) in found.items():
            chosen = sorted(set(ranges))[:_CANDIDATE_SPANS] if len(ranges) > 1 else ranges
            head = self._head(key, candidate, number, confirmed, election_id)
            start = bounds[2 * chosen[0][0]] if chosen else 0
            items.append((start, key, f"{head}{_spans(norm, chosen) if chosen else ''}]}}"))
        if len(items) == 1:
            return items[0][2]
        items.sort()
        return ",".join([item[2] for item in items])

    def _head(
        self,
        key: str,
        candidate: Candidate | None,
        number: int | None,
        confirmed: bool,
        election_id: str | None,
    ) -> str:
        cache_key = (key, number, confirmed, None if candidate else election_id)
        head = self._heads.get(cache_key)
        if head is None:
            data = {
                "id": key,
                "name": candidate.name if candidate else None,
                "election_id": candidate.election_id if candidate else election_id,
                "region": candidate.region if candidate else None,
                "ballot_number": number,
                "kind": candidate.kind if candidate else "number",
                "review_status": "confirmed" if confirmed else "needs_review",
            }
            head = self._heads[cache_key] = dumps(data)[:-1] + ',"evidence":['
        return head

    def _findings_json(self, findings: tuple[FindingRef, ...]) -> str:
        encoded = self._findings.get(findings)
        if encoded is None:
            encoded = self._findings[findings] = ",".join(dumps(f.to_dict()) for f in findings)
        return encoded
