"""Adapter: sending circulars — SMTP e-mail, and background jobs on a durable queue (huey:
SQLite by default, Redis for many workers). The database's ``deliveries`` rows are the truth:
a queue task only says "send these keys", and sends nothing already recorded as sent."""

from __future__ import annotations
