"""Public guidance: "Bolehkah?" answered by the rule engine, and the election calendar."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from netralitas.errors import NotFoundError
from netralitas.guidance import Guide
from netralitas.guidance.topics import VERDICT_LABELS
from netralitas.rules.model import LEVEL_LABELS, TRACK_LABELS, Level, Track, review_label
from netralitas.web.context import get_ctx
from netralitas.web.routing import AppRoute
from netralitas.web.templating import render

router = APIRouter(route_class=AppRoute, include_in_schema=False)

MAX_QUESTION = 300


def _labels() -> dict[str, object]:
    return {
        "verdict_labels": {k.value: v for k, v in VERDICT_LABELS.items()},
        "level_labels": {Level(k).value: v for k, v in LEVEL_LABELS.items()},
        "track_labels": {Track(k).value: v for k, v in TRACK_LABELS.items()},
        "review_label": review_label,
    }


def _page(request: Request, guide: Guide, question: str) -> HTMLResponse:
    """One verdict from the engine (or, with no act recognised, the closest topic); related questions."""
    advice = guide.advise(question) if question else None
    answers = guide.ask(question, limit=1) if question and advice is None else ()
    related = (guide.related(question) or guide.topics[:5]) if question else guide.topics
    context = {
        "question": question, "advice": advice, "answers": answers, "related": related,
        "topics": guide.topics, **_labels(),
    }  # fmt: skip
    return render(request, "public/guidance.html", context)


@router.get("/bolehkah", response_class=HTMLResponse)
def ask(request: Request, q: str = "") -> HTMLResponse:
    return _page(request, get_ctx(request).guide(), q.strip()[:MAX_QUESTION])


@router.get("/bolehkah/{topic_id}", response_class=HTMLResponse)
def topic(request: Request, topic_id: str) -> HTMLResponse:
    guide = get_ctx(request).guide()
    found = next((t for t in guide.topics if t.id == topic_id), None)
    if found is None:
        raise NotFoundError("Pertanyaan tidak ditemukan.", message_en="Question not found.")
    return _page(request, guide, found.questions[0])


@router.get("/kalender", response_class=HTMLResponse)
def calendar(request: Request) -> HTMLResponse:
    ctx = get_ctx(request)
    elections = sorted(ctx.catalogue.elections.values(), key=lambda e: e.vote_on, reverse=True)
    return render(request, "public/calendar.html", {"elections": elections, "today": ctx.clock.today()})
