"""Statistics and exports built on named read queries of the case core (pure: no database or web
imports; may import ``rules``)."""

from __future__ import annotations
