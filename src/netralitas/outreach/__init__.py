"""Guidance (pembinaan) of ASN by their agencies: rosters, circulars (surat edaran) with personal
acknowledgement links and neutrality pledges, assembly briefs, self-check quizzes, the election
calendar as a feed, and a vulnerability index per region (pure: no database, no web).

The adapters implement :mod:`netralitas.outreach.ports`; everything here reads the legal
catalogue through :mod:`netralitas.rules` and never decides anything the catalogue does not say."""

from __future__ import annotations
