"""Screening of Indonesian text (complaints and public posts) into behaviour labels with
evidence. Pure: no database, web or CLI imports.

    from netralitas.screening import screen_text
    result = screen_text("Pak camat pasang status WA dukung paslon 02 #PrabowoGibran")
    result.labels, result.to_dict()
"""

from __future__ import annotations

# First: decides whether the compiled hot-path modules may be used (see _accel and setup.py).
from netralitas.screening._accel import ACCELERATION
from netralitas.screening.result import (
    AsnCue,
    BehaviourHit,
    CandidateRef,
    FindingRef,
    QualifierHint,
    ScreeningResult,
    Span,
)
from netralitas.screening.screener import Screener, ScreenRequest, cached_screener, screen_text

__all__ = [
    "ACCELERATION",
    "AsnCue",
    "BehaviourHit",
    "CandidateRef",
    "FindingRef",
    "QualifierHint",
    "ScreenRequest",
    "Screener",
    "ScreeningResult",
    "Span",
    "cached_screener",
    "screen_text",
]
