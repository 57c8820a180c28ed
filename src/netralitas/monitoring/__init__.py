"""Media monitoring (pantau media): an officer uploads the posts their monitoring team collected
(CSV or JSON Lines), the batch is screened in the background, and the flagged posts can be read
with their evidence, exported and turned into cases. Pure: storage comes through ``ports``, the
screener through the case kit's port (``cases.dependencies.Screener``)."""

from __future__ import annotations
