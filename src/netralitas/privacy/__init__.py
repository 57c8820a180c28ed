"""Privacy and integrity building blocks of public reports, pure: receipts (shown once, stored
hashed), the reporter's identity encrypted apart, evidence checked and stripped of metadata under a
decoding budget, the reasons an audited read must give, retention, and the hash chain of the audit
trail. The report command itself is ``cases.public_report``; the evidence files on disk are
``db.evidence_files``.

No database, no web: the cases services call these building blocks (see docs/privacy.md).
"""

from __future__ import annotations
