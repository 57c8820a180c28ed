"""The screening pipeline: normalise → match → detect → (learned layer) → candidates, ASN cues,
findings. ``Screener`` holds the compiled data; ``screen_text`` uses a cached default one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from netralitas.errors import ValidationError
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
MODEL_LABEL_PROBABILITY = 0.95


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the learned layer made of one text: the detector labels it keeps (with calibrated
    confidences), the labels it adds alone (probability >= ``MODEL_LABEL_PROBABILITY``) and,
    when no label is left, what a human should read ("perlu dibaca": vetoed detector labels and
    likely labels of the model alone)."""

    confirmed: dict[str, float]
    added: tuple[tuple[str, float], ...]
    review: tuple[tuple[str, float], ...]
    vetoed: tuple[str, ...] = ()

    @property
    def plain(self) -> bool:
        """Only confirmations: the line is the lexical line with the model's confidences."""
        return not self.added and not self.review and not self.vetoed


@dataclass(frozen=True, slots=True)
class ScreenRequest:
    text: str
    on: date | None = None
    election_id: str | None = None
    employee_type: str | None = None
    #: What the caller says the text is: a key of ``Screener.kinds`` ("post", "speech",
    #: "complaint"), or None (not said).
    kind: str | None = None


def unknown_kind_error(kind: str, known: Sequence[str]) -> ValidationError:
    """The error for a ``kind`` the cue book does not know, listing the known ones."""
    return ValidationError(
        f"jenis teks tidak dikenal {kind!r}; yang dikenal: {', '.join(known)}",
        message_en=f"unknown text kind {kind!r}; known kinds: {', '.join(known)}",
        code="unknown_kind",
        details={"kind": kind, "known": list(known)},
    )


def unknown_kind_message(kind: str, known: Sequence[str]) -> str:
    """One bilingual line for a batch problem or a CLI usage error."""
    error = unknown_kind_error(kind, known)
    return f"{error.message} / {error.message_en}"


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
        self._label_index = {label: i for i, label in enumerate(model.labels)} if model else {}
        self._thresholds = [model.thresholds[label] for label in model.labels] if model else []
        self._vetoable = (
            frozenset(label for label, floor in model.vetoes.items() if floor > 0) if model else frozenset()
        )

    @property
    def kinds(self) -> tuple[str, ...]:
        """The text kinds a caller may give (``cues.yaml`` ``kinds``)."""
        return tuple(self.cues.kinds)

    def check_kind(self, kind: str | None) -> None:
        """Refuse a kind the cue book does not know (a ``ValidationError`` listing the known)."""
        if kind is not None and kind not in self.cues.kinds:
            raise unknown_kind_error(kind, self.kinds)

    def analyse(self, text: str, kind: str | None = None) -> LexicalAnalysis:
        """The lexical analysis of ``text``; ``kind`` must be known (see ``check_kind``)."""
        norm = self.normaliser.normalise(text[:MAX_TEXT_CHARS])
        return self.detector.analyse(norm, self.matcher.collect(norm), kind)

    def screen(self, request: ScreenRequest) -> ScreeningResult:
        return self.screen_many([request])[0]

    def screen_many(self, requests: Sequence[ScreenRequest]) -> list[ScreeningResult]:
        for request in requests:
            self.check_kind(request.kind)
        analyses = [self.analyse(r.text, r.kind) for r in requests]
        verdicts = self.verdicts(analyses)
        return [
            self.result(request, analysis, verdict)
            for request, analysis, verdict in zip(requests, analyses, verdicts, strict=True)
        ]

    def verdicts(self, analyses: Sequence[LexicalAnalysis]) -> list[Verdict | None]:
        """The learned layer's verdict on each text past the pre-filter (None for the others),
        all chosen texts scored in one matrix product; a row depends only on its own text."""
        out: list[Verdict | None] = [None] * len(analyses)
        if self.model is None:
            return out
        chosen: list[int] = []
        alone: list[bool] = []
        vetoable = self._vetoable
        for i, analysis in enumerate(analyses):
            may = self._model_may_flag_alone(analysis)
            if may or any(label in vetoable for label in analysis.labels):
                chosen.append(i)
                alone.append(may)
        if chosen:
            rows: list[list[float]] = self.model.scores([analyses[i] for i in chosen]).tolist()
            for i, row, may in zip(chosen, rows, alone, strict=True):
                out[i] = self.decide(analyses[i], row, may)
        return out

    def needs_model(self, analysis: LexicalAnalysis) -> bool:
        """The cheap pre-filter of the learned layer: a text with a detector label the model may
        veto, or a short unflagged one with a partisan cue outside appeal sentences (the model
        may add a label or ask for a human read). Anywhere else it could change nothing:
        chatter, appeals and rules news that name no side, texts with labels it does not veto."""
        vetoable = self._vetoable
        return self._model_may_flag_alone(analysis) or any(label in vetoable for label in analysis.labels)

    def decide(self, analysis: LexicalAnalysis, row: Sequence[float], alone: bool) -> Verdict:
        """Combine the detector labels with one text's calibrated probabilities (``row``, by
        label); ``alone``: the model may add labels (a short text with a partisan cue)."""
        assert self.model is not None
        model, index, fired = self.model, self._label_index, analysis.labels
        confirmed: dict[str, float] = {}
        vetoed: list[tuple[str, float]] = []
        for label, (confidence, _) in fired.items():
            p = round(row[index[label]], 3)
            if p < model.vetoes[label]:
                vetoed.append((label, p))
            else:  # the detector's confidence: better calibrated on real text than p (docs)
                confirmed[label] = confidence
        added: list[tuple[str, float]] = []
        maybe: list[tuple[str, float]] = []
        if alone:
            for label, p, threshold in zip(model.labels, row, self._thresholds, strict=True):
                if p >= threshold and label not in fired:
                    hit = (label, round(p, 3))
                    (added if hit[1] >= MODEL_LABEL_PROBABILITY else maybe).append(hit)
        dropped = tuple(label for label, _ in vetoed)
        if confirmed or added:
            return Verdict(confirmed, tuple(added), (), dropped)
        return Verdict(confirmed, (), tuple(vetoed) + tuple(maybe), dropped)

    def _hits(
        self, analysis: LexicalAnalysis, chosen: Sequence[tuple[str, float]], lexical_source: str
    ) -> list[BehaviourHit]:
        """Hits with evidence: the detector's words for a detector label (``lexical_source``),
        the top contributing words for a label of the model alone (``model``)."""
        norm = analysis.norm
        hits: list[BehaviourHit] = []
        for label, confidence in chosen:
            fired = analysis.labels.get(label)
            if fired is not None:
                ranges, source = fired[1], lexical_source
            else:
                assert self.model is not None
                ranges, source = self.model.explain(analysis, label), "model"
            spans = tuple(
                Span.of(norm.original, *norm.original_span(a, b)) for a, b in ranges[:MAX_EVIDENCE_SPANS]
            )
            hits.append(BehaviourHit(label, confidence, spans, source))
        return hits

    def _behaviours(self, analysis: LexicalAnalysis, verdict: Verdict | None) -> list[BehaviourHit]:
        if verdict is None:
            fired = [(label, confidence) for label, (confidence, _) in analysis.labels.items()]
            return self._hits(analysis, fired, "lexical")
        return self._hits(analysis, list(verdict.confirmed.items()), "lexical+model") + self._hits(
            analysis, verdict.added, "model"
        )

    def _model_may_flag_alone(self, analysis: LexicalAnalysis) -> bool:
        """The model may add a label: no detector label (adding to flagged texts lowered micro-F1
        on the dev tuning half, 0.794 → 0.791), a short text, a partisan cue outside appeals."""
        if analysis.labels:
            return False
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

    def result(
        self, request: ScreenRequest, analysis: LexicalAnalysis, verdict: Verdict | None
    ) -> ScreeningResult:
        behaviours = self._behaviours(analysis, verdict)
        labels = tuple(b.label for b in behaviours) or ("none",)
        candidates = resolve_candidates(analysis, self.gazetteer, request.election_id, self.entry_table)
        asn_cues = self._asn_cues(analysis)
        warnings: list[str] = []
        if len(request.text) > MAX_TEXT_CHARS:
            warnings.append(f"teks dipotong: hanya {MAX_TEXT_CHARS} karakter pertama yang disaring")
        findings: tuple[FindingRef, ...] = ()
        qualifiers = self._qualifiers(analysis, behaviours) if behaviours else ()
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
            tuple(self._hits(analysis, verdict.review, "lexical")) if verdict else (),
        )

    def _qualifiers(
        self, analysis: LexicalAnalysis, behaviours: list[BehaviourHit]
    ) -> tuple[QualifierHint, ...]:
        if not any(b.label in analysis.labels for b in behaviours):
            return ()  # the detectors' labels were all vetoed: no qualifier without a behaviour
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
    text: str,
    on: date | None = None,
    election_id: str | None = None,
    employee_type: str | None = None,
    kind: str | None = None,
) -> ScreeningResult:
    """Screen one text with the packaged data and model (pure; the screener is cached).
    ``kind``: what the text is, if the caller knows ("post", "speech", "complaint"); an
    unknown kind raises ``ValidationError`` listing the known ones."""
    return cached_screener().screen(ScreenRequest(text, on, election_id, employee_type, kind))
