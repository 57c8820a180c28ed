"""The screening pipeline: normalise → match → detect → (learned layer) → candidates, ASN cues,
findings. ``Screener`` holds the compiled data; ``screen_text`` uses a cached default one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from netralitas.screening.candidates import entry_table, resolve_candidates
from netralitas.screening.cues import CueBook, default_cue_book
from netralitas.screening.detectors import Detector, LexicalAnalysis, anchor_index
from netralitas.screening.findings import assess_findings, infer_employee_type
from netralitas.screening.gazetteer import Gazetteer, default_gazetteer, load_gazetteer
from netralitas.screening.matcher import Matcher, build_matcher
from netralitas.screening.model import LabelModel, default_model
from netralitas.screening.normalise import Normaliser, default_lexicon
from netralitas.screening.result import (
    AsnCue,
    BehaviourHit,
    FindingRef,
    QualifierHint,
    ScreeningResult,
    Span,
)

#: Texts longer than this are screened on their first part only (and the output says so).
MAX_TEXT_CHARS = 200_000
MAX_EVIDENCE_SPANS = 6
#: The learned layer is trained on posts and complaints of a few dozen words. On longer texts
#: (news articles, letters) a label needs detector evidence; the model alone does not flag.
MODEL_ONLY_MAX_TOKENS = 120
#: A label by the learned layer alone (no detector evidence) needs at least this probability;
#: below it, down to the label's cross-validated threshold, the text is "perlu dibaca".
MODEL_LABEL_PROBABILITY = 0.9


@dataclass(frozen=True, slots=True)
class ScreenRequest:
    text: str
    on: date | None = None
    election_id: str | None = None
    employee_type: str | None = None


class Screener:
    """Compiled screening data. Build once, reuse for many texts (it is cheap to pickle-free
    rebuild in worker processes from the same paths)."""

    def __init__(
        self,
        cues: CueBook,
        gazetteer: Gazetteer,
        lexicon: Mapping[str, str],
        model: LabelModel | None,
    ) -> None:
        self.cues = cues
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.model = model
        self.matcher: Matcher = build_matcher(cues, gazetteer, lexicon)
        self.anchors = anchor_index(cues)
        self.detector = Detector(cues)
        self.normaliser = Normaliser(lexicon)
        self.entry_table = entry_table(gazetteer)

    def analyse(self, text: str) -> LexicalAnalysis:
        norm = self.normaliser.normalise(text[:MAX_TEXT_CHARS])
        return self.detector.analyse(norm, self.matcher.collect(norm))

    def screen(self, request: ScreenRequest) -> ScreeningResult:
        return self.screen_many([request])[0]

    def screen_many(self, requests: Sequence[ScreenRequest]) -> list[ScreeningResult]:
        analyses = [self.analyse(r.text) for r in requests]
        probabilities: list[Mapping[str, float] | None] = [None] * len(analyses)
        if self.model is not None:  # the pre-filter: only texts that may need a human read
            chosen = [i for i, analysis in enumerate(analyses) if self.needs_model(analysis)]
            for i, probs in zip(chosen, self.model.predict([analyses[i] for i in chosen]), strict=True):
                probabilities[i] = probs
        return [
            self._result(request, analysis, probs)
            for request, analysis, probs in zip(requests, analyses, probabilities, strict=True)
        ]

    def screen_analysed(self, request: ScreenRequest, analysis: LexicalAnalysis) -> ScreeningResult:
        """The result of one text whose analysis is done (the model runs past the pre-filter)."""
        probs = self.model.predict([analysis])[0] if self.model and self.needs_model(analysis) else None
        return self._result(request, analysis, probs)

    def needs_model(self, analysis: LexicalAnalysis) -> bool:
        """The cheap pre-filter of the learned layer: the detectors found no act, but the text
        is short enough and has a partisan cue outside appeal sentences."""
        return not analysis.labels and self._model_may_flag_alone(analysis)

    def _behaviours(self, analysis: LexicalAnalysis, probs: Mapping[str, float] | None) -> list[BehaviourHit]:
        norm = analysis.norm
        hits: list[BehaviourHit] = []
        for label, (confidence, ranges) in analysis.labels.items():
            spans = tuple(
                Span.of(norm.original, *norm.original_span(a, b)) for a, b in ranges[:MAX_EVIDENCE_SPANS]
            )
            hits.append(BehaviourHit(label, confidence, spans, "lexical"))
        if probs is not None and self.model is not None:
            hits.extend(
                h for h in self._model_hits(analysis, probs) if h.confidence >= MODEL_LABEL_PROBABILITY
            )
        return hits

    def _review(
        self, analysis: LexicalAnalysis, probs: Mapping[str, float] | None
    ) -> tuple[BehaviourHit, ...]:
        """Labels the learned layer finds likely (probability from its cross-validated threshold
        up to ``MODEL_LABEL_PROBABILITY``) on a text the detectors did not flag: "perlu dibaca"."""
        if probs is None or self.model is None:
            return ()
        return tuple(h for h in self._model_hits(analysis, probs) if h.confidence < MODEL_LABEL_PROBABILITY)

    def _model_hits(self, analysis: LexicalAnalysis, probs: Mapping[str, float]) -> list[BehaviourHit]:
        assert self.model is not None
        norm = analysis.norm
        hits: list[BehaviourHit] = []
        for label in self.cues.labels:
            if probs[label] < self.model.thresholds[label]:
                continue
            spans = tuple(
                Span.of(norm.original, *norm.original_span(a, b))
                for a, b in self.model.explain(analysis, label)[:MAX_EVIDENCE_SPANS]
            )
            hits.append(BehaviourHit(label, round(probs[label], 3), spans, "model"))
        return hits

    def _model_may_flag_alone(self, analysis: LexicalAnalysis) -> bool:
        return analysis.norm.token_count <= MODEL_ONLY_MAX_TOKENS and analysis.has_partisan_context(
            self.cues.partisan_context
        )

    def _asn_cues(self, analysis: LexicalAnalysis) -> tuple[AsnCue, ...]:
        if not analysis.asn:
            return ()
        norm = analysis.norm
        seen: dict[tuple[int, int], AsnCue] = {}
        for category, (first, last) in sorted(analysis.asn, key=lambda item: item[1]):
            span = Span.of(norm.original, *norm.original_span(first, last))
            cue = _token_text(norm.text, norm.starts, first, last)
            seen.setdefault((first, last), AsnCue(cue, category, span))
        return tuple(seen.values())

    def _result(
        self, request: ScreenRequest, analysis: LexicalAnalysis, probs: Mapping[str, float] | None
    ) -> ScreeningResult:
        behaviours = self._behaviours(analysis, probs)
        labels = tuple(b.label for b in behaviours) or ("none",)
        candidates = resolve_candidates(analysis, self.gazetteer, request.election_id, self.entry_table)
        asn_cues = self._asn_cues(analysis)
        warnings: list[str] = []
        if len(request.text) > MAX_TEXT_CHARS:
            warnings.append(f"teks dipotong: hanya {MAX_TEXT_CHARS} karakter pertama yang disaring")
        findings: tuple[FindingRef, ...] = ()
        qualifiers = self._qualifiers(analysis) if behaviours else ()
        if request.on is not None and labels != ("none",):
            employee_type = request.employee_type or infer_employee_type(asn_cues)
            suggested = frozenset(q.qualifier for q in qualifiers)
            findings, notes = assess_findings(
                labels, request.on, request.election_id, employee_type, suggested
            )
            warnings.extend(notes)
        return ScreeningResult(
            labels,
            tuple(behaviours),
            candidates,
            asn_cues,
            findings,
            tuple(warnings),
            qualifiers,
            self._review(analysis, probs),
        )

    def _qualifiers(self, analysis: LexicalAnalysis) -> tuple[QualifierHint, ...]:
        norm = analysis.norm
        return tuple(
            QualifierHint(
                qualifier,
                tuple(
                    Span.of(norm.original, *norm.original_span(a, b)) for a, b in ranges[:MAX_EVIDENCE_SPANS]
                ),
            )
            for qualifier, ranges in analysis.qualifiers.items()
        )


def _token_text(text: str, starts: list[int], first: int, last: int) -> str:
    end = starts[last + 1] - 1 if last + 1 < len(starts) else len(text) - 1
    return text[starts[first] : end]


@cache
def cached_screener(gazetteer_path: str | None = None, use_model: bool = True) -> Screener:
    """A screener per (gazetteer, model) choice, built once per process."""
    gazetteer = load_gazetteer(Path(gazetteer_path)) if gazetteer_path else default_gazetteer()
    return Screener(default_cue_book(), gazetteer, default_lexicon(), default_model() if use_model else None)


def screen_text(
    text: str, on: date | None = None, election_id: str | None = None, employee_type: str | None = None
) -> ScreeningResult:
    """Screen one text with the packaged data and model (pure; the screener is cached)."""
    return cached_screener().screen(ScreenRequest(text, on, election_id, employee_type))
