"""Question topics: YAML data written for the public, each pointing at catalogue entries."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticValidationError

from netralitas.errors import ValidationError

DATA_DIR = Path(__file__).parent / "data"


class Verdict(StrEnum):
    NOT_ALLOWED = "not_allowed"
    ALLOWED = "allowed"
    DEPENDS = "depends"


VERDICT_LABELS: dict[Verdict, tuple[str, str]] = {
    Verdict.NOT_ALLOWED: ("Tidak boleh", "Not allowed"),
    Verdict.ALLOWED: ("Boleh", "Allowed"),
    Verdict.DEPENDS: ("Tergantung keadaannya", "It depends"),
}


@dataclass(frozen=True)
class Topic:
    id: str
    questions: tuple[str, ...]
    keywords: tuple[str, ...]
    verdict: Verdict
    summary_id: str
    summary_en: str
    rule_ids: tuple[str, ...]
    allowed_ids: tuple[str, ...]
    #: The topic only answers questions that contain at least one of these words (when given).
    requires: tuple[str, ...] = ()


class _TopicIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    questions: list[str] = Field(min_length=1)
    keywords: list[str] = []
    verdict: Verdict
    summary_id: str = Field(min_length=10)
    summary_en: str = Field(min_length=10)
    rules: list[str] = []
    allowed: list[str] = []
    requires: list[str] = []


class _TopicsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    topics: list[_TopicIn]


def parse_topics(text: str, *, source: str) -> tuple[Topic, ...]:
    """Validate one topics file; errors name the file and the entry."""
    try:
        parsed = _TopicsFile.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, PydanticValidationError) as exc:
        raise ValidationError(
            f"Berkas pertanyaan {source} tidak sah: {exc}",
            message_en=f"Question file {source} is not valid: {exc}",
            details={"file": source},
        ) from None
    seen: set[str] = set()
    topics = []
    for item in parsed.topics:
        if item.id in seen:
            raise ValidationError(
                f"Berkas {source}: id topik {item.id!r} ganda.",
                message_en=f"File {source}: duplicate topic id {item.id!r}.",
                details={"file": source, "id": item.id},
            )
        seen.add(item.id)
        topics.append(_to_topic(item))
    return tuple(topics)


def _to_topic(item: _TopicIn) -> Topic:
    return Topic(
        id=item.id,
        questions=tuple(item.questions),
        keywords=tuple(item.keywords),
        verdict=item.verdict,
        summary_id=item.summary_id.strip(),
        summary_en=item.summary_en.strip(),
        rule_ids=tuple(item.rules),
        allowed_ids=tuple(item.allowed),
        requires=tuple(item.requires),
    )


@cache
def load_topics(path: Path = DATA_DIR / "questions.yaml") -> tuple[Topic, ...]:
    return parse_topics(path.read_text(encoding="utf-8"), source=path.name)
