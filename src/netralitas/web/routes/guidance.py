"""Public guidance: "Bolehkah?" answers and the election calendar, straight from the catalogue."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from netralitas.errors import NotFoundError
from netralitas.guidance.topics import VERDICT_LABELS
from netralitas.rules.model import LEVEL_LABELS, TRACK_LABELS, Level, Track
from netralitas.web.context import get_ctx
from netralitas.web.templating import render

router = APIRouter(include_in_schema=False)

MAX_QUESTION = 300


def _labels() -> dict[str, object]:
    return {
        "verdict_labels": {k.value: v for k, v in VERDICT_LABELS.items()},
        "level_labels": {Level(k).value: v for k, v in LEVEL_LABELS.items()},
        "track_labels": {Track(k).value: v for k, v in TRACK_LABELS.items()},
    }


@router.get("/bolehkah", response_class=HTMLResponse)
def ask(request: Request, q: str = "") -> HTMLResponse:
    guide = get_ctx(request).guide()
    question = q.strip()[:MAX_QUESTION]
    answers = guide.ask(question) if question else ()
    return render(
        request,
        "public/guidance.html",
        {"question": question, "answers": answers, "topics": guide.topics, **_labels()},
    )


@router.get("/bolehkah/{topic_id}", response_class=HTMLResponse)
def topic(request: Request, topic_id: str) -> HTMLResponse:
    guide = get_ctx(request).guide()
    found = next((t for t in guide.topics if t.id == topic_id), None)
    if found is None:
        raise NotFoundError("Pertanyaan tidak ditemukan.", message_en="Question not found.")
    answer = guide.answer_topic(found)
    return render(
        request,
        "public/guidance.html",
        {"question": found.questions[0], "answers": (answer,), "topics": guide.topics, **_labels()},
    )


@router.get("/kalender", response_class=HTMLResponse)
def calendar(request: Request) -> HTMLResponse:
    ctx = get_ctx(request)
    elections = sorted(ctx.catalogue.elections.values(), key=lambda e: e.vote_on, reverse=True)
    return render(request, "public/calendar.html", {"elections": elections, "today": ctx.clock.today()})
