"""One vocabulary for the pages: Indonesian (and English) labels for the internal ids that cases
carry — roles, statuses, behaviours, elections, agencies, regions — plus the shared values the
templates need (upload ``accept`` lists). ``install`` adds them to the Jinja environment as
filters (``{{ case.status|status_label }}``) and globals; an unknown id is shown as it is, never
as ``None``."""

from __future__ import annotations

import re
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


#: What each status means for the reporter and what comes next (the status page shows it under
#: the status label; Indonesian first, English second). One table for every status.
STATUS_EXPLANATIONS: dict[CaseStatus, tuple[str, str]] = {
    CaseStatus.RECEIVED: (
        "Laporan Anda sudah masuk dan tersimpan. Berikutnya petugas memeriksa kelengkapannya "
        "(pemeriksaan administratif); bila ada yang kurang, petugas akan menulis pesan di halaman ini.",
        "Your report is in and stored. Next an officer checks that it is complete (administrative "
        "check); if something is missing, the officer writes to you on this page.",
    ),
    CaseStatus.ADMIN_CHECK: (
        "Petugas sedang memeriksa kelengkapan laporan (identitas terlapor, waktu, tempat, bukti). "
        "Periksa halaman ini sesekali: petugas dapat meminta keterangan atau bukti tambahan.",
        "An officer is checking that the report is complete (who, when, where, evidence). Check this "
        "page now and then: the officer may ask for more details or evidence.",
    ),
    CaseStatus.VERIFICATION: (
        "Satgas Netralitas ASN sedang memverifikasi laporan: apakah terlapor ASN dan apakah "
        "perbuatannya termasuk yang diatur. Berikutnya laporan diteruskan untuk validasi atau pemeriksaan.",
        "The ASN neutrality task force is verifying the report: is the person a civil servant and is the "
        "act one the rules cover. Next it goes on to validation or examination.",
    ),
    CaseStatus.VALIDATION: (
        "Bawaslu sedang menilai apakah laporan memenuhi syarat sebagai dugaan pelanggaran pemilihan. "
        "Berikutnya, bila memenuhi syarat, diteruskan kepada tim pemeriksa.",
        "Bawaslu is assessing whether the report qualifies as an alleged election violation. Next, if it "
        "does, it goes to the examining team.",
    ),
    CaseStatus.EXAMINATION: (
        "Tim pemeriksa (Inspektorat/BKPSDM) sedang memeriksa terlapor dan bukti. Berikutnya mereka "
        "mengirim rekomendasi kepada pejabat yang berwenang menjatuhkan hukuman (PPK).",
        "The examining team (inspectorate/staffing agency) is examining the person and the evidence. "
        "Next they send a recommendation to the official who may impose a sanction (the PPK).",
    ),
    CaseStatus.RECOMMENDATION_SENT: (
        "Rekomendasi sudah dikirim kepada Pejabat Pembina Kepegawaian (PPK) terlapor. Berikutnya PPK "
        "memutuskan hukumannya dalam tenggat yang ditentukan; bila tidak, pengawas dapat mengeskalasi.",
        "A recommendation was sent to the person's staffing official (PPK). Next the PPK decides the "
        "sanction within the deadline; if not, the supervisor may escalate.",
    ),
    CaseStatus.PPK_DECIDED: (
        "PPK sudah memutuskan dan menerbitkan surat keputusan. Berikutnya pengawas memastikan keputusan "
        "itu benar-benar dijalankan (tindak lanjut).",
        "The PPK has decided and issued a decree. Next the supervisor makes sure the decision is carried "
        "out (follow-up).",
    ),
    CaseStatus.FOLLOWUP_CONFIRMED: (
        "Pelaksanaan keputusan PPK sudah dikonfirmasi pengawas. Penanganan laporan ini selesai.",
        "The supervisor confirmed that the PPK's decision was carried out. Handling of this report is done.",
    ),
    CaseStatus.ESCALATED: (
        "PPK belum memutuskan dalam tenggatnya, sehingga pengawas mengajukan langkah lanjutan "
        "(permohonan pemblokiran data kepegawaian). Penanganan masih berjalan.",
        "The PPK did not decide within the deadline, so the supervisor took a further step (a request to "
        "block the staffing records). Handling continues.",
    ),
    CaseStatus.SANCTIONED: (
        "Terlapor sudah dijatuhi hukuman. Penanganan laporan ini selesai. Terima kasih atas laporan Anda.",
        "The person was sanctioned. Handling of this report is done. Thank you for your report.",
    ),
    CaseStatus.NOT_PROVEN: (
        "Setelah diperiksa, pelanggaran tidak terbukti. Penanganan laporan ini selesai.",
        "After examination the violation was not proven. Handling of this report is done.",
    ),
    CaseStatus.DISMISSED: (
        "Laporan tidak dapat ditindaklanjuti (misalnya tidak lengkap atau bukan pelanggaran netralitas). "
        "Anda dapat mengirim laporan baru bila punya keterangan atau bukti baru.",
        "The report cannot be pursued (for example incomplete, or not a neutrality violation). You may "
        "send a new report if you have new details or evidence.",
    ),
    CaseStatus.MERGED: (
        "Laporan Anda digabungkan dengan laporan lain tentang kejadian yang sama; penanganannya berlanjut "
        "di sana dan pesan tetap dapat dikirim dari halaman ini.",
        "Your report was merged with another report of the same event; it is handled there and you can "
        "still send messages from this page.",
    ),
    CaseStatus.OUT_OF_SCOPE: (
        "Perbuatan yang dilaporkan bukan kewenangan sistem pengawasan netralitas ASN (misalnya terlapor "
        "bukan ASN). Penanganan di sini selesai.",
        "The reported act is outside ASN neutrality supervision (for example the person is not a civil "
        "servant). Handling here is done.",
    ),
    CaseStatus.FORWARDED: (
        "Laporan diteruskan kepada instansi yang berwenang (misalnya Bawaslu atau kepolisian); "
        "penanganan selanjutnya dilakukan di sana.",
        "The report was forwarded to the competent body (for example Bawaslu or the police); it is "
        "handled there.",
    ),
}


def status_explanation(status: object, lang: str = "id") -> str:
    """The plain explanation of a status for a reporter (empty for an unknown status)."""
    try:
        return _pick(STATUS_EXPLANATIONS[CaseStatus(str(getattr(status, "value", status)))], lang)
    except (KeyError, ValueError):
        return ""


_ID_TOKEN = re.compile(r"\b[a-z][a-z0-9]*(?:[_-][a-z0-9]+)+\b")


def readable_rule_text(catalogue: Any, text: object, lang: str = "id") -> str:
    """An engine explanation line with its internal ids replaced by what officers read: a rule id
    by its title and citation, a behaviour by its label, an election by its name ("Perilaku
    use_state_facilities termasuk ... pp94-5n3" -> "Perilaku Menggunakan fasilitas ... termasuk ...
    "Larangan ..." (PP 94/2021 Pasal 5 huruf n angka 3)")."""
    if text is None:
        return MISSING
    violations = getattr(catalogue, "violations", {}) or {}
    elections = getattr(catalogue, "elections", {}) or {}

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        found = violations.get(token)
        if found is not None:
            title = found.title_en if lang == "en" else found.title_id
            cites = "; ".join(b.cite() for b in found.current.legal_basis)
            return f"\u201c{title}\u201d ({cites})" if cites else f"\u201c{title}\u201d"
        if token in elections:
            return str(elections[token].name)
        ladder = next((x for x in getattr(catalogue, "ladders", ()) if x.id == token), None)
        if ladder is not None:
            return str(ladder.label_id)
        try:
            return _pick(BEHAVIOUR_LABELS[Behaviour(token)], lang)
        except (KeyError, ValueError):
            return token

    return _ID_TOKEN.sub(swap, str(text))


def rule_citation(catalogue: Any, rule_id: object) -> str:
    """A rule's legal basis in force today ("PP 94/2021 Pasal 5 huruf n angka 3"); the id if unknown."""
    found = (getattr(catalogue, "violations", {}) or {}).get(str(rule_id or ""))
    if found is None:
        return text_or_dash(rule_id)
    return "; ".join(b.cite() for b in found.current.legal_basis) or str(rule_id)


def officer_label(officer: Any, lang: str = "id") -> str:
    """Who acted, as the history names them: "Nama (peran, instansi)"; "—" when unknown."""
    if officer is None:
        return t_unknown(lang)
    body = f", {officer.agency_name}" if getattr(officer, "agency_name", None) else ""
    return f"{officer.display_name} ({role_label(officer.role, lang)}{body})"


def t_unknown(lang: str) -> str:
    return "an officer" if lang == "en" else "petugas"


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
        status_explanation=pass_context(lambda c, v: status_explanation(v, _lang(c))),
        rule_text=pass_context(lambda c, v: readable_rule_text(_catalogue(c), v, _lang(c))),
        officer_label=pass_context(lambda c, v: officer_label(v, _lang(c))),
        rule_citation=pass_context(lambda c, v: rule_citation(_catalogue(c), v)),
    )
    env.globals.update(evidence_accept=EVIDENCE_ACCEPT, decree_accept=DECREE_ACCEPT, error_text=error_text)
