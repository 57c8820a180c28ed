"""One vocabulary for the pages: Indonesian (and English) labels for the internal ids that cases
carry — roles, statuses, behaviours, elections, agencies, regions — plus the shared values the
templates need (upload ``accept`` lists). ``install`` adds them to the Jinja environment as
filters (``{{ case.status|status_label }}``) and globals; an unknown id is shown as it is, never
as ``None``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from netralitas import formats
from netralitas.cases.roles import ROLE_LABELS, Role
from netralitas.cases.workflow import STATUS_LABELS, CaseStatus
from netralitas.rules.behaviours import BEHAVIOUR_LABELS, Behaviour
from netralitas.web.downloads import DECREE_ACCEPT, EVIDENCE_ACCEPT
from netralitas.web.regions import region_name

#: What a page shows for a value that is not there.
MISSING = formats.MISSING


def _pick(labels: tuple[str, str], lang: str) -> str:
    return labels[1] if lang == "en" else labels[0]


def _lookup(
    table: Mapping[Any, tuple[str, str]], kind: Callable[[str], Any], value: object, lang: str
) -> str:
    if value is None or value == "":
        return MISSING
    raw = value.value if isinstance(value, Enum) else str(value)
    try:
        return _pick(table[kind(raw)], lang)
    except (KeyError, ValueError):
        return raw


def role_label(role: object, lang: str = "id") -> str:
    """``intake_officer`` -> "Petugas penerimaan (pemeriksaan administratif)"."""
    return _lookup(ROLE_LABELS, Role, role, lang)


def status_label(status: object, lang: str = "id") -> str:
    return _lookup(STATUS_LABELS, CaseStatus, status, lang)


def behaviour_label(behaviour: object, lang: str = "id") -> str:
    """``mobilize_subordinates_or_public`` -> its catalogue label."""
    return _lookup(BEHAVIOUR_LABELS, Behaviour, behaviour, lang)


def region_label(code: object) -> str:
    return region_name(str(code or ""))


def election_label(catalogue: Any, election_id: object) -> str:
    """``pilkada-2024`` -> the catalogue's name of that election."""
    if not election_id:
        return MISSING
    found = getattr(catalogue, "elections", {}).get(str(election_id))
    return str(found.name) if found is not None else str(election_id)


def step_label(catalogue: Any, step_id: object) -> str:
    """``bawaslu_validation`` -> the catalogue's Indonesian name of that procedure step."""
    versions = getattr(catalogue, "deadlines", {}).get(str(step_id or ""), ())
    labels = [d.label_id for _on, d in versions if d is not None and d.label_id]
    return labels[-1] if labels else text_or_dash(step_id)


#: Dates, moments, numbers and rupiah on pages: the one formatting helper (Babel's id/en locales).
long_day = formats.long_day
long_moment = formats.long_moment


def text_or_dash(value: object) -> str:
    """Never print Python's ``None`` on a page."""
    return MISSING if value is None or value == "" else str(value)


#: Service actions as a refusal names them ("Anda tidak berwenang <label>").
ACTION_LABELS: dict[str, tuple[str, str]] = {
    "view_case": ("membuka berkas kasus ini", "open this case file"),
    "list_cases": ("melihat daftar kasus ini", "list these cases"),
    "status_counts": ("melihat rekap kasus ini", "see these case counts"),
    "case_audit_trail": ("melihat jejak audit kasus ini", "see this case's audit trail"),
    "open_case": ("membuka kasus di wilayah ini", "open a case in this region"),
    "transition": ("memindahkan kasus ini ke tahap itu", "move this case to that stage"),
    "assess": ("menilai kasus ini", "assess this case"),
    "identify_person": ("mencocokkan terlapor kasus ini", "identify this case's reported person"),
    "merge": ("menggabungkan kasus ini", "merge this case"),
    "message": ("mengirim pesan pada kasus ini", "send a message on this case"),
    "escalate": ("mengeskalasi kasus ini", "escalate this case"),
    "confirm_followup": ("mengonfirmasi tindak lanjut kasus ini", "confirm this case's follow-up"),
    "read_decree": ("mengunduh SK ini", "download this decree"),
    "read_evidence": ("membuka bukti ini", "open this evidence"),
    "reveal_identity": ("membuka identitas pelapor", "reveal the reporter's identity"),
    "review_screening": ("meninjau hasil penyaringan kasus ini", "review this case's screening"),
    "set_hold": ("menangguhkan kasus ini", "put this case on hold"),
    "suggest_duplicates": ("melihat laporan serupa", "see similar reports"),
    "get_user": ("melihat akun ini", "see this account"),
    "update_user": ("mengubah akun ini", "change this account"),
    "set_user_active": ("mengaktifkan atau menonaktifkan akun ini", "(de)activate this account"),
    "change_password": ("mengganti kata sandi akun ini", "change this account's password"),
}


def error_text(error: Any, lang: str = "id") -> str:
    """An error's sentence for a page; a refusal names the action in words, not its id."""
    action = (
        getattr(error, "details", {}).get("action")
        if getattr(error, "code", "") == "permission_denied"
        else None
    )
    if not action:
        return str(error.message_en if lang == "en" else error.message)
    what_id, what_en = ACTION_LABELS.get(str(action), ("melakukan tindakan ini", "do this"))
    if lang == "en":
        return f"You may not {what_en} (your role or work area)."
    return f"Anda tidak berwenang {what_id} (peran atau wilayah kerja Anda)."


def _lang(context: Context) -> str:
    return str(context.get("lang", "id"))


def _agency_name(context: Context, agency_id: object) -> str:
    if not agency_id:
        return MISSING
    request = context.get("request")
    ctx = getattr(getattr(getattr(request, "app", None), "state", None), "ctx", None)
    if ctx is None:
        return str(agency_id)
    uow = ctx.backend.make_uow()
    with uow.reading():
        found = uow.agencies.get(str(agency_id))
    return found.name if found is not None else str(agency_id)


def _catalogue(context: Context) -> Any:
    request = context.get("request")
    ctx = getattr(getattr(getattr(request, "app", None), "state", None), "ctx", None)
    return ctx.catalogue if ctx is not None else None


def install(env: Environment) -> None:
    """Register the vocabulary's filters and globals (called once by ``create_app``)."""
    env.filters.update(
        role_label=pass_context(lambda c, v: role_label(v, _lang(c))),
        status_label=pass_context(lambda c, v: status_label(v, _lang(c))),
        behaviour_label=pass_context(lambda c, v: behaviour_label(v, _lang(c))),
        long_day=pass_context(lambda c, v: long_day(v, _lang(c))),
        long_moment=pass_context(lambda c, v: long_moment(v, _lang(c))),
        month_year=pass_context(lambda c, v: formats.month_year(v, _lang(c))),
        number=pass_context(lambda c, v: formats.number(v, _lang(c))),
        rupiah=pass_context(lambda c, v: formats.rupiah(v, _lang(c))),
        election_label=pass_context(lambda c, v: election_label(_catalogue(c), v)),
        step_label=pass_context(lambda c, v: step_label(_catalogue(c), v)),
        agency_label=pass_context(_agency_name),
        region_label=region_label,
        or_dash=text_or_dash,
    )
    env.globals.update(evidence_accept=EVIDENCE_ACCEPT, decree_accept=DECREE_ACCEPT, error_text=error_text)
