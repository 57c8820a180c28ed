"""Guidance for the public: plain-language "Bolehkah?" questions answered from the catalogue.

Pure: the question patterns are YAML data under ``data/`` that point at catalogue rule ids; the
matching is keyword and fuzzy scoring (rapidfuzz). Every answer carries the review status of the
rules it cites, so a ``needs_review`` rule is never presented as settled.
"""

from __future__ import annotations

from netralitas.guidance.answers import Answer, Guide, RuleCitation
from netralitas.guidance.topics import Topic, Verdict, load_topics

__all__ = ["Answer", "Guide", "RuleCitation", "Topic", "Verdict", "load_topics"]
