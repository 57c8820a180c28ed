"""Identifiers of the reported person and of what was reported, pure: NIP validation and formatting,
person-name and link normalisation, and the scoring of probable duplicate reports built on them.

No database, no web; imports neither ``cases`` nor ``rules``."""

from __future__ import annotations
