"""The legal catalogue: loading the packaged YAML strictly and answering dated questions.

``default_catalogue()`` loads ``rules/data`` once per process. ``load_catalogue(path)`` loads any
directory with the same layout (tests use it for broken copies).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from netralitas import __version__
from netralitas.errors import NotFoundError, ValidationError
from netralitas.rules import build
from netralitas.rules import schema as s
from netralitas.rules.calendar import WorkingDayCalendar
from netralitas.rules.checks import check_levels, dangling
from netralitas.rules.model import (
    AllowedConduct,
    Authority,
    Deadline,
    Election,
    EmployeeType,
    Gesture,
    Instrument,
    LadderVersion,
    Qualifier,
    ReviewStatus,
    SanctionLadder,
    Track,
    TrackInfo,
    Violation,
)
from netralitas.rules.positions import Position, build_positions, find_position
from netralitas.rules.procedures import Procedure, ProcedureStep, build_procedures, steps_on
from netralitas.rules.procedures import version_on as procedure_version_on
from netralitas.rules.yamlfile import catalogue_error, parse_yaml

#: The files every catalogue directory has, besides ``violations/*.yaml``.
FILES: dict[str, type[BaseModel]] = {
    "instruments.yaml": s.InstrumentsFile,
    "qualifiers.yaml": s.QualifiersFile,
    "authorities.yaml": s.AuthoritiesFile,
    "deadlines.yaml": s.DeadlinesFile,
    "elections.yaml": s.ElectionsFile,
    "calendar.yaml": s.CalendarFile,
    "sanctions.yaml": s.SanctionsFile,
    "tracks.yaml": s.TracksFile,
    "allowed_conduct.yaml": s.AllowedFile,
    "gestures.yaml": s.GesturesFile,
    "positions.yaml": s.PositionsFile,
    "procedure.yaml": s.ProceduresFile,
}
VIOLATIONS_DIR = "violations"

M = TypeVar("M", bound=BaseModel)
Dated = tuple[tuple[date, Any], ...]


def _valid(values: Mapping[str, object] | list[str]) -> str:
    return ", ".join(sorted(values))


@dataclass(frozen=True, eq=False)  # identity hash: safe as a cache key
class Catalogue:
    version: str
    instruments: Mapping[str, Instrument]
    violations: Mapping[str, Violation]
    elections: Mapping[str, Election]
    authorities: Mapping[str, Authority]
    functions: Mapping[str, tuple[tuple[date, Authority | None], ...]]
    function_labels: Mapping[str, str]
    deadlines: Mapping[str, tuple[tuple[date, Deadline | None], ...]]
    ladders: tuple[SanctionLadder, ...]
    tracks: Mapping[str, TrackInfo]
    qualifiers: Mapping[str, Qualifier]
    allowed_conduct: tuple[AllowedConduct, ...]
    calendar: WorkingDayCalendar
    source: str
    gestures: tuple[Gesture, ...] = ()
    positions: Mapping[str, Position] = dataclasses.field(default_factory=dict)
    procedures: Mapping[str, Procedure] = dataclasses.field(default_factory=dict)

    def procedure_on(self, on: date, procedure: str = "neutrality") -> tuple[ProcedureStep, ...]:
        """The ordered steps of ``procedure`` in force on ``on``, each with the authority acting and
        the deadline in force on that date (empty if the procedure was not yet, or no longer, in force).

        Procedures: ``neutrality`` (ASN neutrality case), ``pemilu_report``, ``pilkada_report``.
        """
        if procedure not in self.procedures:
            raise ValidationError(
                f"Prosedur {procedure!r} tidak dikenal. Yang sah: {_valid(self.procedures)}",
                message_en=f"Unknown procedure {procedure!r}",
                details={"field": "procedure", "valid": sorted(self.procedures)},
            )
        version = procedure_version_on(self.procedures[procedure], on)
        if version is None:
            return ()
        return steps_on(version, on, self.authority_on, self.deadline_on, self.function_labels)

    def position_for(self, text: str) -> Position | None:
        """The position (jabatan) a free-text title names, e.g. 'Camat Sukamaju' -> camat; None if unknown."""
        found = find_position(text, self.positions)
        return found[0] if found is not None else None

    def violation(self, rule_id: str) -> Violation:
        try:
            return self.violations[rule_id]
        except KeyError:
            raise NotFoundError(
                f"Aturan {rule_id!r} tidak ada di katalog. Yang sah: {_valid(self.violations)}",
                message_en=f"Unknown rule id {rule_id!r}",
                details={"field": "rule_id", "valid": sorted(self.violations)},
            ) from None

    def violations_on(self, on: date) -> tuple[Violation, ...]:
        """The violations in force on ``on`` (a version in effect and not repealed)."""
        return tuple(v for v in self.violations.values() if v.version_on(on) is not None)

    def election(self, election_id: str) -> Election:
        try:
            return self.elections[election_id]
        except KeyError:
            raise ValidationError(
                f"Pemilihan {election_id!r} tidak dikenal. Yang sah: {_valid(self.elections)}",
                message_en=f"Unknown election {election_id!r}",
                details={"field": "election_id", "valid": sorted(self.elections)},
            ) from None

    def elections_covering(self, on: date) -> tuple[Election, ...]:
        return tuple(e for e in self.elections.values() if e.covers(on))

    def partisan_gestures_for(self, election_id: str | None = None) -> tuple[Gesture, ...]:
        """Poses that count as evidence of partisanship; for a Pemilu, those mimicking its ballot numbers."""
        numbers = self.election(election_id).ballot_numbers if election_id is not None else ()
        return tuple(
            g
            for g in self.gestures
            if not g.allowed and (not numbers or g.mimics_number is None or g.mimics_number in numbers)
        )

    def authority_on(self, function: str, on: date) -> Authority:
        """The authority carrying out ``function`` on ``on`` (e.g. neutrality_supervision: KASN, then BKN)."""
        found = _dated(self.functions, function, on, "function")
        if found is None:
            raise NotFoundError(
                f"Tidak ada instansi untuk fungsi {function!r} pada {on.isoformat()}",
                message_en=f"No authority for {function!r} on {on.isoformat()}",
                details={"function": function, "on": on.isoformat()},
            )
        assert isinstance(found, Authority)
        return found

    def deadline_on(self, step_id: str, on: date) -> Deadline:
        """The deadline of a procedure step in force on ``on``."""
        found = _dated(self.deadlines, step_id, on, "step_id")
        if found is None:
            raise NotFoundError(
                f"Tidak ada tenggat untuk langkah {step_id!r} pada {on.isoformat()}",
                message_en=f"No deadline for step {step_id!r} on {on.isoformat()}",
                details={"step_id": step_id, "on": on.isoformat()},
            )
        assert isinstance(found, Deadline)
        return found

    def ladder_on(
        self, track: Track, employee_type: EmployeeType, on: date
    ) -> tuple[SanctionLadder, LadderVersion] | None:
        """The penalty ladder for a track and employee type in force on ``on``."""
        for ladder in self.ladders:
            if ladder.track == track and employee_type in ladder.employee_types:
                version = _latest(ladder.versions, on)
                if version is not None and version.levels is not None:
                    return ladder, version
        return None

    def track(self, track: Track | str) -> TrackInfo:
        return self.tracks[str(track)]

    def with_deadline(self, step_id: str, amount: int, unit: Literal["days", "working_days"]) -> Catalogue:
        """A copy where a *configurable* deadline (e.g. ``ppk_decision``) is set by the operator."""
        if step_id not in self.deadlines:
            raise ValidationError(
                f"Langkah {step_id!r} tidak dikenal. Yang sah: {_valid(self.deadlines)}",
                details={"field": "step_id", "valid": sorted(self.deadlines)},
            )
        if amount < 1:
            raise ValidationError(
                "Tenggat harus minimal 1 hari", message_en="Deadline must be at least 1 day"
            )
        versions = []
        for start, dl in self.deadlines[step_id]:
            if dl is not None and not dl.configurable:
                raise ValidationError(
                    f"Tenggat {step_id!r} ditetapkan undang-undang dan tidak dapat diubah",
                    message_en=f"Deadline {step_id!r} is fixed by law",
                )
            versions.append(
                (start, dataclasses.replace(dl, amount=amount, unit=unit) if dl is not None else None)
            )
        deadlines = {**self.deadlines, step_id: tuple(versions)}
        return dataclasses.replace(
            self, deadlines=deadlines, version=f"{self.version}+{step_id}={amount}{unit}"
        )


def _latest(versions: tuple[LadderVersion, ...], on: date) -> LadderVersion | None:
    found = None
    for v in versions:
        if v.from_on <= on:
            found = v
    return found


def _dated(table: Mapping[str, Dated], key: str, on: date, field: str) -> Any:
    if key not in table:
        raise ValidationError(
            f"{field} {key!r} tidak dikenal. Yang sah: {_valid(table)}",
            message_en=f"Unknown {field} {key!r}",
            details={"field": field, "valid": sorted(table)},
        )
    found = None
    for start, value in table[key]:
        if start <= on:
            found = value
    return found


# --- loading ---------------------------------------------------------------------------------------


def _read_dir(root: Path) -> dict[str, str]:
    """All catalogue files as ``relative path -> text``; unexpected or missing files are errors."""
    texts: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if path.is_dir():
            continue
        rel = path.relative_to(root).as_posix()
        ok = rel in FILES or (
            rel.startswith(f"{VIOLATIONS_DIR}/") and rel.endswith(".yaml") and rel.count("/") == 1
        )
        if not ok:
            raise catalogue_error(rel, "berkas tak terduga di katalog / unexpected file", "unexpected_file")
        try:
            texts[rel] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise catalogue_error(rel, "bukan UTF-8 / not UTF-8", "yaml_syntax") from exc
    for name in FILES:
        if name not in texts:
            raise catalogue_error(name, "berkas wajib tidak ada / required file missing", "missing_file")
    return texts


def _kind_of(exc: PydanticValidationError) -> str:
    first = exc.errors()[0]
    loc = [str(p) for p in first["loc"]]
    if first["type"] == "extra_forbidden":
        return "unknown_key"
    if first["type"].startswith("date") or first["type"].startswith("datetime"):
        return "bad_date"
    if "behaviours_any" in loc:
        return "unknown_behaviour"
    if first["type"] == "enum" and ("level" in loc or "levels" in loc):
        return "unknown_level"
    return "schema"


def _validate(model: type[M], text: str, file: str) -> M:
    data = parse_yaml(text, file)
    try:
        return model.model_validate(data)
    except PydanticValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors(include_url=False)[:5]
        )
        raise catalogue_error(file, problems, _kind_of(exc)) from exc


def _content_hash(texts: Mapping[str, str]) -> str:
    digest = hashlib.sha256()
    for rel in sorted(texts):
        digest.update(rel.encode())
        digest.update(b"\0")
        digest.update(texts[rel].encode())
        digest.update(b"\0")
    return digest.hexdigest()[:12]


def load_catalogue(path: Path | str | None = None) -> Catalogue:
    """Load and check a catalogue directory (default: the packaged data). Raises CatalogueError."""
    root = Path(path) if path is not None else Path(str(resources.files("netralitas.rules") / "data"))
    texts = _read_dir(root)
    inst = build.instruments(
        _validate(s.InstrumentsFile, texts["instruments.yaml"], "instruments.yaml"), "instruments.yaml"
    )
    refs = build.Refs(inst)
    quals = build.qualifiers(
        _validate(s.QualifiersFile, texts["qualifiers.yaml"], "qualifiers.yaml"), "qualifiers.yaml"
    )
    auths, functions, labels = build.authorities(
        _validate(s.AuthoritiesFile, texts["authorities.yaml"], "authorities.yaml"), "authorities.yaml", refs
    )
    deadlines = build.deadlines(
        _validate(s.DeadlinesFile, texts["deadlines.yaml"], "deadlines.yaml"),
        "deadlines.yaml",
        refs,
        functions,
    )
    procedures = build_procedures(
        _validate(s.ProceduresFile, texts["procedure.yaml"], "procedure.yaml"),
        "procedure.yaml",
        refs,
        functions,
        deadlines,
    )
    tracks = build.tracks(
        _validate(s.TracksFile, texts["tracks.yaml"], "tracks.yaml"), "tracks.yaml", functions, deadlines
    )
    ladders = build.ladders(
        _validate(s.SanctionsFile, texts["sanctions.yaml"], "sanctions.yaml"), "sanctions.yaml", refs
    )
    violations: dict[str, Violation] = {}
    for rel in sorted(r for r in texts if r.startswith(f"{VIOLATIONS_DIR}/")):
        model = _validate(s.ViolationIn, texts[rel], rel)
        if rel != f"{VIOLATIONS_DIR}/{model.id}.yaml":
            raise catalogue_error(
                rel, f"nama berkas harus {model.id}.yaml / file name must match id", "schema"
            )
        violations[model.id] = build.violation(model, rel, refs, quals)
        check_levels(violations[model.id], ladders, rel)
    for rel_id, v in violations.items():
        for other in v.covered_by:
            if other not in violations:
                raise dangling(f"{VIOLATIONS_DIR}/{rel_id}.yaml", "violation", other, violations)
    return Catalogue(
        version=f"{__version__}+{_content_hash(texts)}",
        instruments=inst,
        violations=violations,
        elections=build.elections(
            _validate(s.ElectionsFile, texts["elections.yaml"], "elections.yaml"), "elections.yaml", refs
        ),
        authorities=auths,
        functions=functions,
        function_labels=labels,
        deadlines=deadlines,
        ladders=ladders,
        tracks=tracks,
        qualifiers=quals,
        allowed_conduct=build.allowed(
            _validate(s.AllowedFile, texts["allowed_conduct.yaml"], "allowed_conduct.yaml"),
            "allowed_conduct.yaml",
            refs,
        ),
        calendar=build.calendar(
            _validate(s.CalendarFile, texts["calendar.yaml"], "calendar.yaml"), "calendar.yaml"
        ),
        source=str(root),
        gestures=build.gestures(
            _validate(s.GesturesFile, texts["gestures.yaml"], "gestures.yaml"), "gestures.yaml"
        ),
        procedures=procedures,
        positions=build_positions(
            _validate(s.PositionsFile, texts["positions.yaml"], "positions.yaml"),
            "positions.yaml",
            refs,
            quals,
        ),
    )


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    """The packaged catalogue, loaded once per process."""
    return load_catalogue()


__all__ = ["Catalogue", "ReviewStatus", "default_catalogue", "load_catalogue"]
