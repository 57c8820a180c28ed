"""Public reports, pure: receipts, reporter identity, evidence, duplicates, audit chain, retention.

No database, no web: the cases services call these building blocks (see docs/privacy.md).
"""

from __future__ import annotations
