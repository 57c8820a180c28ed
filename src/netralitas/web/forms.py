"""The public report form: read, check field by field (Indonesian errors), keep what was typed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import FormData, UploadFile

from netralitas.errors import DomainError
from netralitas.intake.identity import ReporterIdentity
from netralitas.intake.nip import validate_nip
from netralitas.rules.model import EmployeeType
from netralitas.web.input_guard import strip_disallowed
from netralitas.web.messages import field_messages
from netralitas.web.regions import known_codes

#: (Indonesian, English) message for one field.
FieldError = tuple[str, str]

TEXT_FIELDS = (
    "person_name", "person_position", "person_nip", "agency_name", "employee_type", "description",
    "act_on", "known_on", "place", "region_code", "election_id", "links", "reporter_name", "reporter_contact",
)  # fmt: skip
#: Longest text per single-line field (the template's ``maxlength`` uses the same numbers).
FIELD_LIMITS = {
    "person_name": 200, "person_position": 200, "place": 300, "agency_name": 200,
    "reporter_name": 200, "reporter_contact": 200,
}  # fmt: skip
MAX_LINKS = 20
MAX_FILES = 5


@dataclass
class ReportForm:
    values: dict[str, str]
    files: list[tuple[str, bytes]] = field(default_factory=list)
    errors: dict[str, FieldError] = field(default_factory=dict)

    @property
    def links(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.values.get("links", "").splitlines() if line.strip())

    def fail(self, name: str, message_id: str, message_en: str) -> None:
        self.errors.setdefault(name, (message_id, message_en))

    def absorb(self, error: DomainError) -> None:
        """Put a service's validation error beside the field it names (or on the form)."""
        details = error.details
        if error.code.startswith("evidence_"):
            self.fail("files", error.message, error.message_en)
        elif isinstance(details.get("fields"), dict):
            for name, message in field_messages(error).items():
                self.fail(
                    name, f"Isian tidak sah: {message}.", f"Not valid: {details['fields'].get(name, message)}"
                )
        else:
            self.fail(str(details.get("field", "_form")), error.message, error.message_en)

    def identity(self) -> ReporterIdentity | None:
        """The reporter's own details, or None to stay anonymous (the default)."""
        name, contact = self.values["reporter_name"], self.values["reporter_contact"]
        return ReporterIdentity(name=name or None, contact=contact or None) if name or contact else None

    def case_open(self) -> dict[str, Any]:
        v = self.values
        return {
            "description": v["description"],
            "act_on": v["act_on"] or None,
            "known_on": v["known_on"] or None,
            "place": v["place"] or None,
            "region_code": v["region_code"],
            "links": self.links,
            "person_name": v["person_name"] or None,
            "person_nip": v["person_nip"] or None,
            "person_position": v["person_position"] or None,
            "employee_type": v["employee_type"] or "unknown",
            "election_id": v["election_id"] or None,
        }


def empty_form() -> ReportForm:
    return ReportForm({name: "" for name in TEXT_FIELDS} | {"employee_type": "unknown"})


async def read_report_form(form: FormData, max_bytes: int) -> ReportForm:
    values = {name: _text(form.get(name)) for name in TEXT_FIELDS}
    result = ReportForm(values)
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    if len(uploads) > MAX_FILES:
        result.fail("files", f"Paling banyak {MAX_FILES} berkas.", f"At most {MAX_FILES} files.")
    for upload in uploads[:MAX_FILES]:
        data = await upload.read(max_bytes + 1)
        await upload.close()
        if len(data) > max_bytes:
            mb = max_bytes // (1024 * 1024)
            result.fail(
                "files",
                f"Berkas «{upload.filename}» terlalu besar (batas {mb} MB).",
                f"File «{upload.filename}» is too large (limit {mb} MB).",
            )
        result.files.append((upload.filename or "berkas", data))
    return result


def _text(value: object) -> str:
    return strip_disallowed(value).strip() if isinstance(value, str) else ""


def check_report(form: ReportForm, today: date, elections: frozenset[str]) -> None:
    """Field checks the reporter can fix; the services validate again."""
    v = form.values
    if len(v["description"]) < 20:
        form.fail(
            "description",
            "Ceritakan kejadiannya minimal 20 huruf.",
            "Describe what happened in 20+ characters.",
        )
    elif len(v["description"]) > 20_000:
        form.fail(
            "description", "Cerita terlalu panjang (maks. 20.000 huruf).", "Too long (max 20,000 characters)."
        )
    if not v["person_name"] and not v["person_position"]:
        msg = (
            "Isi nama atau jabatan ASN yang dilaporkan.",
            "Give the name or the position of the reported ASN.",
        )
        form.fail("person_name", *msg)
    _check_date(form, today)
    if v["region_code"] not in known_codes():
        form.fail(
            "region_code", "Pilih provinsi atau kabupaten/kota kejadian.", "Choose the province or regency."
        )
    if v["employee_type"] not in {e.value for e in EmployeeType}:
        form.fail(
            "employee_type",
            "Pilih status kepegawaian dari daftar.",
            "Choose an employment type from the list.",
        )
    if v["election_id"] and v["election_id"] not in elections:
        form.fail("election_id", "Pilih pemilihan dari daftar.", "Choose an election from the list.")
    _check_links(form)
    if v["person_nip"]:
        try:
            validate_nip(v["person_nip"], today=today)
        except DomainError as exc:
            hint = ("Kosongkan NIP bila tidak yakin.", "Leave the NIP empty if unsure.")
            form.fail("person_nip", f"{exc.message} {hint[0]}", f"{exc.message_en} {hint[1]}")
    for name, limit in FIELD_LIMITS.items():
        if len(v[name]) > limit:
            form.fail(name, f"Terlalu panjang (maks. {limit} huruf).", f"Too long (max {limit} characters).")


def _check_date(form: ReportForm, today: date) -> None:
    raw = form.values["act_on"]
    if not raw:
        form.fail(
            "act_on",
            "Isi tanggal kejadian (perkiraan pun boleh).",
            "Give the date it happened (an estimate is fine).",
        )
        return
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        form.fail(
            "act_on",
            "Tanggal tidak dikenali; gunakan format TTTT-BB-HH.",
            "Date not recognised; use YYYY-MM-DD.",
        )
        return
    if day > today:
        form.fail(
            "act_on", "Tanggal kejadian tidak boleh di masa depan.", "The date cannot be in the future."
        )
    elif day.year < 2014:
        form.fail("act_on", "Tanggal terlalu lama (sebelum 2014).", "The date is too old (before 2014).")
    else:
        _check_known_on(form, today, day)


def _check_known_on(form: ReportForm, today: date, act_on: date) -> None:
    """The optional date the reporter learnt of the act: on or after the act, not in the future."""
    raw = form.values["known_on"]
    if not raw:
        return
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        form.fail("known_on", "Tanggal tidak dikenali; gunakan format TTTT-BB-HH.", "Use YYYY-MM-DD.")
        return
    if day > today:
        form.fail("known_on", "Tanggal tidak boleh di masa depan.", "The date cannot be in the future.")
    elif day < act_on:
        form.fail(
            "known_on",
            "Tanggal mengetahui tidak boleh sebelum tanggal kejadian.",
            "You cannot have learnt of it before it happened.",
        )


def is_web_link(link: str) -> bool:
    """An http(s) address with a host: the only kind of link shown as a link to officers."""
    parts = urlsplit(link)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and len(link) <= 2000


def _check_links(form: ReportForm) -> None:
    links = form.links
    if len(links) > MAX_LINKS:
        form.fail("links", f"Paling banyak {MAX_LINKS} tautan.", f"At most {MAX_LINKS} links.")
    for link in links:
        if not is_web_link(link):
            form.fail(
                "links",
                f"Tautan «{link[:80]}» tidak sah; awali dengan https://",
                f"Link «{link[:80]}» is not valid; start it with https://",
            )
