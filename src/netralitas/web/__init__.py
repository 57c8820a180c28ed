"""The web adapter: ``create_app(settings)``, server-rendered pages (Jinja2) and the JSON API.
Routes only translate request → service call → response; the rules live in the core."""

from __future__ import annotations
