"""The public report form: read, check field by field (Indonesian errors), keep what was typed.

The rules of a report are the core's (``cases.public_report``); this module only reads the form,
checks what belongs to the page (file count and size, choices from its lists) and puts every
message beside its field."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from starlette.datastructures import FormData, UploadFile

from netralitas.cases.inputs import MAX_LINKS
from netralitas.cases.public_report import ReportSubmission, parse_report_submission
from netralitas.errors import DomainError, ValidationError
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
            english = details.get("fields_en", {})
            for name, message in field_messages(error).items():
                self.fail(name, f"Isian tidak sah: {message}.", f"Not valid: {english.get(name, message)}")
        else:
            self.fail(str(details.get("field", "_form")), error.message, error.message_en)

    def submission(self) -> dict[str, object]:
        """The typed values as the report command reads them (the reporter stays anonymous unless
        they give a name or a contact)."""
        v = self.values
        reporter = {"name": v["reporter_name"], "contact": v["reporter_contact"]}
        return {
            "description": v["description"],
            "act_on": v["act_on"] or None,
            "known_on": v["known_on"] or None,
            "place": v["place"],
            "region_code": v["region_code"],
            "links": self.links,
            "person_name": v["person_name"],
            "person_nip": v["person_nip"],
            "person_position": v["person_position"],
            "person_agency": v["agency_name"],
            "employee_type": v["employee_type"] or "unknown",
            "election_id": v["election_id"],
            "anonymous": not (reporter["name"] or reporter["contact"]),
            "reporter": reporter,
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


#: Form field of each field path of the report command (others keep their own name).
_FORM_FIELD = {
    "person_agency": "agency_name",
    "reporter.name": "reporter_name",
    "reporter.contact": "reporter_contact",
}


def check_report(form: ReportForm, today: date, elections: frozenset[str]) -> ReportSubmission | None:
    """The report command, or None with every problem beside its field: the form's own checks (a
    choice from its lists), then the core's rules (``parse_report_submission``), each said once."""
    v, data = form.values, form.submission()
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
    if len(form.links) > MAX_LINKS:
        form.fail("links", f"Paling banyak {MAX_LINKS} tautan.", f"At most {MAX_LINKS} links.")
    try:
        submission = parse_report_submission(data, today=today, elections=elections)
    except ValidationError as exc:
        fields, fields_en = exc.details["fields"], exc.details["fields_en"]
        for path, message in fields.items():
            name = _FORM_FIELD.get(path, path.split(".")[0])
            form.fail("_form" if name in ("__all__", "reporter") else name, message, fields_en[path])
        return None
    return None if form.errors else submission
