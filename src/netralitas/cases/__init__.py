"""The case core (pure): the public report command (``public_report``), the use-case services (one
function per use case, one transaction each: ``reporting``, ``handling``, ``decisions``, ``triage``,
``reading``, ``queries``, ``accounts``, ``agencies``, ``maintenance``), the workflow built from the
dated procedure (``workflow``, ``moves``), the case-file read model and its permissions
(``case_file``), the records and the ports the adapters implement (``records``, ``ports``, ``kit``).
Imports ``rules`` and ``intake``; receives the screener and the rule engine through typed ports."""

from __future__ import annotations
