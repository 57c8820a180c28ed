"""Building the real ``Kit`` from settings: the legal catalogue and engine from
``netralitas.rules``, the privacy blocks from ``netralitas.intake``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from netralitas.cases.kit import Catalogue, Kit
from netralitas.clock import Clock, SystemClock
from netralitas.config import Settings
from netralitas.intake.evidence import EvidencePolicy
from netralitas.intake.evidence_store import EvidenceStore
from netralitas.intake.identity import keyring_from_settings
from netralitas.intake.receipts import ReceiptHasher
from netralitas.rules.catalogue import default_catalogue
from netralitas.rules.engine import EmployeeType, Facts, assess


def engine_assessor(catalogue: Any) -> Any:
    """An assessor running ``rules.engine.assess`` on the facts a service gathered."""

    def run(facts: Mapping[str, Any]) -> Any:
        values = dict(facts)
        values["employee_type"] = EmployeeType(values.get("employee_type") or "unknown")
        return assess(Facts(**values), catalogue)

    return run


def build_kit(settings: Settings, catalogue: Any = None, clock: Clock | None = None) -> Kit:
    """The services' dependencies for one process (build once, share between requests)."""
    cat: Catalogue = catalogue if catalogue is not None else default_catalogue()
    return Kit(
        catalogue=cat,
        clock=clock or SystemClock(),
        receipts=ReceiptHasher.from_settings(settings),
        keyring=keyring_from_settings(settings),
        evidence_policy=EvidencePolicy.from_settings(settings),
        files=EvidenceStore(settings.evidence_dir),
        assessor=engine_assessor(cat),
        retention_days=settings.retention_days,
        password_time_cost=settings.receipt_hash_time_cost,
        password_memory_kib=settings.receipt_hash_memory_kib,
    )
