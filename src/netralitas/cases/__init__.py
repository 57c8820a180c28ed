"""The case core (pure): what happens to a report from its submission to the PPK's decision.

- The public report command: ``public_report`` (``ReportSubmission``, one model for every channel).
- Use cases, one function each, one transaction each: ``reporting`` (the public reporter),
  ``officer_actions`` (open, move, identify, merge, message), ``decisions`` (assessment,
  recommendation, PPK decision, follow-up, escalation), ``triage``, ``sensitive_reads`` (audited
  reads of a case file, identity, evidence), ``case_lists`` (audited lists and queues),
  ``accounts``, ``agencies``, ``agency_admin``, ``maintenance`` (retention), ``corrections``.
- The workflow built from the dated procedure: ``workflow`` (the table), ``transitions`` (applying
  a move), ``deadlines``.
- The case-file read model and what the viewer may do: ``case_file``; the role and scope checks:
  ``roles``, ``access_checks``; the audit trail: ``audit``.
- The shapes at the edges: ``records`` (stored things), ``inputs`` (service payloads),
  ``field_errors`` (pydantic errors in Indonesian), ``suggestions`` (stored screenings, typed),
  ``ports`` (repositories and unit of work the adapters implement), ``dependencies`` (the ``Kit``
  of typed ports built by ``netralitas.composition``).

Imports ``rules`` and ``privacy``; receives the screener and the rule engine through typed ports."""

from __future__ import annotations
