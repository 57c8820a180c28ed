"""NIP (Nomor Induk Pegawai) shape validation for civil servants (PNS).

18 digits: birth date ``YYYYMMDD``, TMT (start of CPNS service) ``YYYYMM``, sex digit (1 male,
2 female), sequence ``001``–``999``. Example: ``19850312 201001 1 003``. This checks the shape
only; it never proves that the person exists. A NIP is optional everywhere in intake: reporters
often do not know it (see DOMAIN.md § 4), so a missing NIP must never block a report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from netralitas.errors import ValidationError

NIP_DIGITS = 18
MIN_APPOINTMENT_AGE = 15
_SEPARATORS = re.compile(r"[\s.\-_/]+")


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


SEX_LABELS_ID = {Sex.MALE: "laki-laki", Sex.FEMALE: "perempuan"}


@dataclass(frozen=True)
class NipParts:
    nip: str
    birth_on: date
    appointed_year: int
    appointed_month: int
    sex: Sex
    sequence: int

    @property
    def formatted(self) -> str:
        return format_nip(self.nip)


def format_nip(nip: str) -> str:
    """``198503122010011003`` → ``19850312 201001 1 003``."""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def normalise_nip(text: str) -> str:
    """Remove spaces, dots, dashes and slashes (as NIPs are often written)."""
    return _SEPARATORS.sub("", text.strip())


def _nip_error(code: str, message: str, message_en: str, nip: str) -> ValidationError:
    return ValidationError(
        f"NIP tidak sah: {message}",
        message_en=f"Invalid NIP: {message_en}",
        code=code,
        details={"field": "nip", "value": nip},
    )


def _birth_date(nip: str) -> date:
    try:
        return date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError as exc:
        raise _nip_error(
            "nip_birth_date_invalid",
            f"8 angka pertama ({nip[:8]}) harus tanggal lahir TTTTBBHH yang ada.",
            f"the first 8 digits ({nip[:8]}) must be a real birth date YYYYMMDD.",
            nip,
        ) from exc


def _check_appointment(nip: str, birth_on: date, today: date | None) -> tuple[int, int]:
    year, month = int(nip[8:12]), int(nip[12:14])
    too_early = (year - birth_on.year) * 12 + (month - birth_on.month) < MIN_APPOINTMENT_AGE * 12
    in_future = today is not None and (year, month) > (today.year, today.month)
    if not 1 <= month <= 12 or too_early or in_future:
        raise _nip_error(
            "nip_appointment_invalid",
            f"angka ke-9 s.d. 14 ({nip[8:14]}) harus TMT CPNS TTTTBB, "
            f"paling cepat {MIN_APPOINTMENT_AGE} tahun setelah tanggal lahir dan tidak di masa depan.",
            f"digits 9–14 ({nip[8:14]}) must be the CPNS start YYYYMM, at least "
            f"{MIN_APPOINTMENT_AGE} years after birth and not in the future.",
            nip,
        )
    return year, month


def validate_nip(text: str, *, today: date | None = None) -> NipParts:
    """Parse a NIP or raise ``ValidationError`` with codes ``nip_malformed``,
    ``nip_birth_date_invalid``, ``nip_appointment_invalid``, ``nip_sex_invalid``,
    ``nip_sequence_invalid``. With ``today``, dates in the future are refused too."""
    nip = normalise_nip(text)
    if len(nip) != NIP_DIGITS or not nip.isascii() or not nip.isdigit():
        raise _nip_error(
            "nip_malformed",
            f"NIP terdiri atas {NIP_DIGITS} angka, misalnya 19850312 201001 1 003.",
            f"a NIP has {NIP_DIGITS} digits, e.g. 19850312 201001 1 003.",
            nip,
        )
    birth_on = _birth_date(nip)
    if birth_on.year < 1930 or (today is not None and birth_on > today):
        raise _nip_error(
            "nip_birth_date_invalid",
            f"tanggal lahir {birth_on.isoformat()} tidak masuk akal.",
            f"birth date {birth_on.isoformat()} is not plausible.",
            nip,
        )
    year, month = _check_appointment(nip, birth_on, today)
    if nip[14] not in "12":
        raise _nip_error(
            "nip_sex_invalid",
            f"angka ke-15 ({nip[14]}) harus 1 (laki-laki) atau 2 (perempuan).",
            f"digit 15 ({nip[14]}) must be 1 (male) or 2 (female).",
            nip,
        )
    if nip[15:] == "000":
        raise _nip_error(
            "nip_sequence_invalid",
            "tiga angka terakhir (nomor urut) tidak boleh 000.",
            "the last three digits (sequence) cannot be 000.",
            nip,
        )
    sex = Sex.MALE if nip[14] == "1" else Sex.FEMALE
    return NipParts(nip, birth_on, year, month, sex, int(nip[15:]))


def is_valid_nip(text: str, *, today: date | None = None) -> bool:
    try:
        validate_nip(text, today=today)
    except ValidationError:
        return False
    return True
