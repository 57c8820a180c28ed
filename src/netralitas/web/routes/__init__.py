"""Routes grouped by audience: public, guidance, officer, ppk, admin, api."""

from __future__ import annotations
