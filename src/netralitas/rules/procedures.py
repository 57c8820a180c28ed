"""Procedures: the ordered steps of handling a case, dated like every other value.

``procedure.yaml`` lists, per procedure (``neutrality``, ``pemilu_report``, ``pilkada_report``)
and date of effect, the steps in order: who acts (a function of ``authorities.yaml``) and which
deadline of ``deadlines.yaml`` applies. :func:`steps_on` resolves both on a date, so the KASN →
BKN switch and a configured PPK deadline show up without code changes.

A step may name the stages of a case (``case_statuses``, from :data:`CASE_STAGES`) it covers: the
case workflow (``cases.workflow``) is built from them, so each version of the law has its own line
of stages. The loader refuses an unknown stage and a stage claimed by two steps of one version.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from netralitas.errors import NotFoundError
from netralitas.rules import schema as s
from netralitas.rules.checks import ascending, dangling, unique
from netralitas.rules.model import Authority, Deadline, LegalBasis, ReviewStatus

if TYPE_CHECKING:
    from netralitas.rules.build import Refs


#: The stages of a case's main line a procedure step can cover, in workflow order (the values of
#: ``cases.workflow.CaseStatus`` that are neither closing outcomes nor the escalation branch; a test
#: keeps the two lists equal).
CASE_STAGES: tuple[str, ...] = (
    "received",
    "admin_check",
    "verification",
    "validation",
    "examination",
    "recommendation_sent",
    "ppk_decided",
    "followup_confirmed",
)


@dataclass(frozen=True)
class StepSpec:
    id: str
    title_id: str
    title_en: str
    actor_function: str
    deadline_step: str | None
    note: str | None
    case_statuses: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProcedureVersion:
    from_on: date
    review_status: ReviewStatus
    legal_basis: tuple[LegalBasis, ...]
    steps: tuple[StepSpec, ...] | None  # None: repealed
    note: str | None


@dataclass(frozen=True)
class Procedure:
    id: str
    label_id: str
    label_en: str
    versions: tuple[ProcedureVersion, ...]


@dataclass(frozen=True)
class ProcedureStep:
    """One step in force on a date: who acts (the authority holding ``actor_function`` then),
    and the deadline in force then (None when the step has no deadline)."""

    id: str
    order: int
    title_id: str
    title_en: str
    actor_function: str
    actor_label: str
    authority: Authority | None
    deadline: Deadline | None
    review_status: ReviewStatus
    legal_basis: tuple[LegalBasis, ...]
    note: str | None = None
    #: The stages of a case (:data:`CASE_STAGES`) while this step is done; empty for steps that are
    #: not a stage of the case (sanctions on a PPK, the escalation branch).
    case_statuses: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = self.deadline
        return {
            "id": self.id,
            "order": self.order,
            "title": self.title_id,
            "title_en": self.title_en,
            "actor_function": self.actor_function,
            "actor_label": self.actor_label,
            "authority": {"id": self.authority.id, "name": self.authority.name} if self.authority else None,
            "deadline": {"step_id": d.step_id, "amount": d.amount, "unit": d.unit, "text": d.describe()}
            if d is not None
            else None,
            "review_status": str(self.review_status),
            "legal_basis": [b.cite() for b in self.legal_basis],
            "note": self.note,
        }


def build_procedures(
    model: s.ProceduresFile, file: str, refs: Refs, functions: Iterable[str], deadline_steps: Iterable[str]
) -> dict[str, Procedure]:
    known_fn, known_dl = set(functions), set(deadline_steps)
    out: dict[str, Procedure] = {}
    for pid, spec in model.procedures.items():
        ascending(file, [v.from_ for v in spec.versions], pid, [v.steps is None for v in spec.versions])
        versions = []
        for v in spec.versions:
            steps = None if v.steps is None else tuple(_step(st, file, known_fn, known_dl) for st in v.steps)
            if steps is not None:
                unique(file, [st.id for st in steps], f"{pid} {v.from_}: langkah")
                stages = [stage for st in steps for stage in st.case_statuses]
                unique(file, stages, f"{pid} {v.from_}: status kasus / case status")
            basis = refs.basis(v.legal_basis, file)
            versions.append(ProcedureVersion(v.from_, ReviewStatus(v.review_status), basis, steps, v.note))
        out[pid] = Procedure(pid, spec.label_id, spec.label_en, tuple(versions))
    return out


def _step(st: s.ProcedureStepIn, file: str, functions: set[str], deadlines: set[str]) -> StepSpec:
    if st.actor_function not in functions:
        raise dangling(file, "function", st.actor_function, functions)
    if st.deadline is not None and st.deadline not in deadlines:
        raise dangling(file, "deadline step", st.deadline, deadlines)
    for stage in st.case_statuses:
        if stage not in CASE_STAGES:
            raise dangling(file, "case status", stage, CASE_STAGES)
    stages = tuple(st.case_statuses)
    return StepSpec(st.id, st.title_id, st.title_en, st.actor_function, st.deadline, st.note, stages)


def version_on(procedure: Procedure, on: date) -> ProcedureVersion | None:
    found = None
    for v in procedure.versions:
        if v.from_on <= on:
            found = v
    return found


def steps_on(
    version: ProcedureVersion,
    on: date,
    authority_on: Callable[[str, date], Authority],
    deadline_on: Callable[[str, date], Deadline],
    function_labels: Mapping[str, str],
) -> tuple[ProcedureStep, ...]:
    out = []
    for order, spec in enumerate(version.steps or (), start=1):
        authority = _maybe(authority_on, spec.actor_function, on)
        deadline = _maybe(deadline_on, spec.deadline_step, on) if spec.deadline_step else None
        statuses = {version.review_status}
        statuses |= {x.review_status for x in (authority, deadline) if x is not None}
        out.append(
            ProcedureStep(
                spec.id,
                order,
                spec.title_id,
                spec.title_en,
                spec.actor_function,
                function_labels.get(spec.actor_function, spec.actor_function),
                authority,
                deadline,
                ReviewStatus.NEEDS_REVIEW
                if ReviewStatus.NEEDS_REVIEW in statuses
                else ReviewStatus.CONFIRMED,
                version.legal_basis + (deadline.legal_basis if deadline is not None else ()),
                spec.note,
                spec.case_statuses,
            )
        )
    return tuple(out)


def _maybe(lookup: Callable[[str, date], Any], key: str, on: date) -> Any:
    try:
        return lookup(key, on)
    except NotFoundError:
        return None
