"""Privacy building blocks of public reports, pure: receipts, reporter identity, evidence, link and
NIP normalisation, duplicates, audit chain, retention. The report command itself is
``cases.public_report``.

No database, no web: the cases services call these building blocks (see docs/privacy.md).
"""

from __future__ import annotations
