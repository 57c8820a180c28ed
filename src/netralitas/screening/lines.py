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
from json.encoder import encode_basestring
from typing import Any

from netralitas.screening.candidates import group_candidates
from netralitas.screening.detectors import LexicalAnalysis, TokenRange
from netralitas.screening.findings import assess_findings, employee_type_of
from netralitas.screening.gazetteer import Candidate
from netralitas.screening.normalise import Normalised
from netralitas.screening.result import MAX_EVIDENCE_CHARS, FindingRef
from netralitas.screening.screener import MAX_EVIDENCE_SPANS, MAX_TEXT_CHARS, Screener, ScreenRequest

_CANDIDATE_SPANS = 5


def dumps(obj: Any) -> str:
    """Compact JSON, UTF-8 kept as is (the format of every output line)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _span(norm: Normalised, first: int, last: int) -> str:
    return _spans(norm, [(first, last)])


def _spans(norm: Normalised, ranges: list[TokenRange]) -> str:
    bounds, original = norm.bounds, norm.original
    out = []
    for first, last in ranges:
        start, end = bounds[2 * first], bounds[2 * last + 1]
        snippet = original[start:end]
        if len(snippet) > MAX_EVIDENCE_CHARS:
            snippet = snippet[: MAX_EVIDENCE_CHARS - 1] + "…"
        out.append(f'{{"start":{start},"end":{end},"text":{encode_basestring(snippet)}}}')
    return ",".join(out)


class LineWriter:
    """Writes the output line of the lexical pass for one record (no learned layer)."""

    def __init__(self, screener: Screener) -> None:
        if screener.model is not None:
            raise ValueError("LineWriter writes the lexical pass only (screener without model)")
        self.screener = screener
        self._label_heads: dict[tuple[str, float], str] = {}
        self._labels = {
            label: f'{{"label":{encode_basestring(label)},"confidence":' for label in screener.cues.labels
        }
        self._heads: dict[tuple[str, int | None, bool, str | None], str] = {}
        self._cues: dict[tuple[str, str], str] = {}
        self._findings: dict[tuple[FindingRef, ...], str] = {}

    def line(self, record_id: str, request: ScreenRequest) -> str:
        screener = self.screener
        analysis = screener.analyse(request.text)
        norm = analysis.norm
        labels = list(analysis.labels)
        behaviours = [
            f"{self._label(label, confidence)}{_spans(norm, ranges[:MAX_EVIDENCE_SPANS])}]}}"
            for label, (confidence, ranges) in analysis.labels.items()
        ]
        cues, cue_names = self._asn_cues(analysis)
        parts = [
            f'{{"id":{encode_basestring(record_id)},"labels":[',
            ",".join([f'"{label}"' for label in labels]) if labels else '"none"',
            '],"behaviours":[',
            ",".join(behaviours),
            '],"candidates":[',
            self._candidates(analysis, request.election_id),
            '],"asn_cues":[',
            ",".join(cues),
            '],"findings":[',
        ]
        warnings: list[str] = []
        if len(request.text) > MAX_TEXT_CHARS:
            warnings.append(f"teks dipotong: hanya {MAX_TEXT_CHARS} karakter pertama yang disaring")
        qualifiers = analysis.qualifiers if labels else {}
        if request.on is not None and labels:
            employee_type = request.employee_type or employee_type_of(cue_names)
            findings, notes = assess_findings(
                labels, request.on, request.election_id, employee_type, frozenset(qualifiers)
            )
            parts.append(self._findings_json(findings))
            warnings.extend(notes)
        parts.append("]")
        if qualifiers:
            hints = [
                f'{{"qualifier":"{name}","evidence":[{_spans(norm, ranges[:MAX_EVIDENCE_SPANS])}]}}'
                for name, ranges in qualifiers.items()
            ]
            parts.append(f',"suggested_qualifiers":[{",".join(hints)}]')
        if warnings:
            parts.append(f',"warnings":[{",".join(encode_basestring(w) for w in warnings)}]')
        parts.append("}")
        return "".join(parts)

    def _label(self, label: str, confidence: float) -> str:
        head = self._label_heads.get((label, confidence))
        if head is None:
            head = f'{self._labels[label]}{round(confidence, 3)!r},"source":"lexical","evidence":['
            self._label_heads[(label, confidence)] = head
        return head

    def _asn_cues(self, analysis: LexicalAnalysis) -> tuple[list[str], list[tuple[str, str]]]:
        if not analysis.asn:
            return [], []
        norm = analysis.norm
        text, starts = norm.text, norm.starts
        out: list[str] = []
        names: list[tuple[str, str]] = []
        seen: set[TokenRange] = set()
        for category, (first, last) in sorted(analysis.asn, key=lambda item: item[1]):
            if (first, last) in seen:
                continue
            seen.add((first, last))
            end = starts[last + 1] - 1 if last + 1 < len(starts) else len(text) - 1
            cue = text[starts[first] : end]
            head = self._cues.get((cue, category))
            if head is None:
                head = self._cues[(cue, category)] = dumps({"cue": cue, "category": category})[:-1] + ","
            out.append(head + _span(norm, first, last)[1:])
            names.append((cue, category))
        return out, names

    def _candidates(self, analysis: LexicalAnalysis, election_id: str | None) -> str:
        if not analysis.entries and not analysis.numbers:
            return ""
        norm = analysis.norm
        found = group_candidates(analysis, self.screener.gazetteer, election_id)
        items: list[tuple[int, str, str]] = []
        for key, (candidate, number, confirmed, ranges) in found.items():
            chosen = sorted(set(ranges))[:_CANDIDATE_SPANS]
            head = self._head(key, candidate, number, confirmed, election_id)
            start = norm.bounds[2 * chosen[0][0]] if chosen else 0
            items.append((start, key, f"{head}{_spans(norm, chosen)}]}}"))
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
