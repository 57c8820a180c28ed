"""Notifications for officers: new cases, deadlines due soon or missed, reporter replies and
assignments; in the app (a count and a list, marked read) and by e-mail.

``sweep`` finds what happened and adds one notification per officer concerned; the id of each
is derived from what it is about, so running it again (``netralitas notifications sweep``, e.g.
every few minutes) adds nothing twice. ``send_pending`` e-mails the new ones through a
``Mailer`` port (SMTP in the adapter) to officers who gave an address and did not opt out.
Nothing a notification holds (case number, kind, a date, a step id) identifies the reporter,
and the e-mail body says no more than the notification."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol

from netralitas.cases import audit
from netralitas.cases.access_checks import deny
from netralitas.cases.dependencies import Kit
from netralitas.cases.ports import CaseQuery, UnitOfWork
from netralitas.cases.records import Case, Notification, NotificationKind, NotificationPrefs, Sender, User
from netralitas.cases.roles import CASE_READERS, Actor, Role, is_in_scope
from netralitas.errors import ValidationError

#: Who gets notes about cases nobody is assigned to (new cases: intake officers only).
_HANDLERS = frozenset({Role.INTAKE_OFFICER, Role.TASKFORCE, Role.BAWASLU, Role.EXAMINER})

KIND_TEXTS: dict[NotificationKind, tuple[str, str]] = {
    NotificationKind.NEW_CASE: ("Kasus baru masuk", "New case received"),
    NotificationKind.DEADLINE_SOON: ("Tenggat segera jatuh tempo", "Deadline due soon"),
    NotificationKind.DEADLINE_MISSED: ("Tenggat terlewati", "Deadline missed"),
    NotificationKind.REPORTER_REPLY: ("Pelapor mengirim pesan", "The reporter sent a message"),
    NotificationKind.ASSIGNED: ("Kasus ditugaskan kepada Anda", "A case was assigned to you"),
}

_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")


def _note_id(user_id: str, kind: NotificationKind, subject: str) -> str:
    return hashlib.sha256(f"{user_id}|{kind.value}|{subject}".encode()).hexdigest()[:32]


def notify(
    uow: UnitOfWork,
    kit: Kit,
    user_id: str,
    kind: NotificationKind,
    case_id: str,
    case_number: str,
    detail: str = "",
    *,
    subject: str | None = None,
) -> bool:
    """Add one notification (inside the caller's transaction) unless the same one exists."""
    note_id = _note_id(user_id, kind, subject or f"{case_id}|{detail}")
    if uow.notifications.get(note_id) is not None:
        return False
    uow.notifications.add(Notification(note_id, user_id, kind, case_id, case_number, detail, kit.clock.now()))
    return True


@dataclass(frozen=True)
class SweepResult:
    new_cases: int = 0
    deadlines_soon: int = 0
    deadlines_missed: int = 0
    replies: int = 0

    @property
    def total(self) -> int:
        return self.new_cases + self.deadlines_soon + self.deadlines_missed + self.replies


def _recipients(
    users: list[User], assignee: str | None, region_code: str, agency_id: str | None, roles: frozenset[Role]
) -> list[str]:
    if assignee is not None:
        return [assignee]
    return [
        u.id
        for u in users
        if u.role in roles
        and is_in_scope(Actor(u.id, u.username, u.role, u.region_code, u.agency_id), region_code, agency_id)
    ]


def sweep(
    uow: UnitOfWork, kit: Kit, today: date, *, soon_days: int = 3, window_days: int = 2, limit: int = 20_000
) -> SweepResult:
    """Notify officers of cases opened since ``window_days`` before ``today`` (intake officers in scope),
    of open deadlines due within ``soon_days`` or missed, and of reporter messages of the last
    ``window_days`` (the assignee, or every handling officer in scope when nobody is assigned).
    The notes already there are found in batches (``NotificationRepository.existing``), so a sweep
    that finds nothing new costs a few reads. Audited once (``notifications.swept``) with the counts."""
    since = datetime.combine(today - timedelta(days=window_days), time.min, tzinfo=UTC)
    now = kit.clock.now()
    wanted: dict[str, tuple[str, Notification]] = {}

    def want(bucket: str, uid: str, kind: NotificationKind, case_id: str, number: str, detail: str = "",
             subject: str | None = None) -> None:  # fmt: skip
        note_id = _note_id(uid, kind, subject or f"{case_id}|{detail}")
        wanted.setdefault(note_id, (bucket, Notification(note_id, uid, kind, case_id, number, detail, now)))

    with uow:
        near = uow.users.active_near("", None, frozenset(r.value for r in _HANDLERS))  # roles in SQL
        users = sorted(near, key=lambda u: (u.created_at, u.id))
        fresh = list(_opened_since(uow, since, limit))
        holders = uow.assignments.for_cases([c.id for c in fresh])
        intake = frozenset({Role.INTAKE_OFFICER})
        for case in fresh:
            holder = holders.get(case.id)
            where = (case.region_code, case.agency_id)
            for uid in _recipients(users, holder.assignee_id if holder else None, *where, intake):
                want("new", uid, NotificationKind.NEW_CASE, case.id, case.number)
        rows = uow.deadlines.overdue(today + timedelta(days=soon_days + 1), None, limit=limit)
        holders = uow.assignments.for_cases(sorted({r.case_id for r in rows}))
        for r in rows:
            missed = r.due_on < today
            kind = NotificationKind.DEADLINE_MISSED if missed else NotificationKind.DEADLINE_SOON
            holder = holders.get(r.case_id)
            for uid in _recipients(users, holder.assignee_id if holder else None, r.region_code, r.agency_id,
                                   _HANDLERS):  # fmt: skip
                want("missed" if missed else "soon", uid, kind, r.case_id, r.case_number,
                     f"{r.step_id}|{r.due_on.isoformat()}")  # fmt: skip
        for message in uow.messages.since(Sender.REPORTER.value, since):  # the window in SQL
            report = uow.reports.get(message.report_id)
            replied = uow.cases.get(report.case_id) if report and report.case_id else None
            if replied is None:
                continue
            holder = uow.assignments.get(replied.id)
            for uid in _recipients(users, holder.assignee_id if holder else None, replied.region_code,
                                   replied.agency_id, _HANDLERS):  # fmt: skip
                want("replies", uid, NotificationKind.REPORTER_REPLY, replied.id, replied.number,
                     message.created_at.date().isoformat(), subject=f"message|{message.id}")  # fmt: skip
        counts = {"new": 0, "soon": 0, "missed": 0, "replies": 0}
        ids = list(wanted)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            there = uow.notifications.existing(chunk)
            for note_id in chunk:
                if note_id not in there:
                    bucket, note = wanted[note_id]
                    uow.notifications.add(note)
                    counts[bucket] += 1
        audit.record(uow, kit, audit.SYSTEM_ACTOR, "notifications.swept", "system", "-", dict(counts))
        uow.commit()
    return SweepResult(counts["new"], counts["soon"], counts["missed"], counts["replies"])


def _opened_since(uow: UnitOfWork, since: datetime, limit: int) -> Iterator[Case]:
    """The cases opened at or after ``since``, newest first (keyset pages of the newest)."""
    seen, after = 0, None
    while seen < limit:
        page = uow.cases.page(CaseQuery(limit=200, after=after))
        for case in page:
            if case.opened_at < since:
                return
            seen += 1
            yield case
        if len(page) < 200:
            return
        after = (page[-1].opened_at, page[-1].id)


@dataclass(frozen=True)
class Inbox:
    items: tuple[Notification, ...]
    unread: int


def inbox(uow: UnitOfWork, kit: Kit, actor: Actor, *, unread_only: bool = False, limit: int = 50) -> Inbox:
    """The actor's own notifications, newest first, and how many are unread. Audited
    (``notifications.listed``: they name cases)."""
    with uow.reading():
        if actor.role not in CASE_READERS:
            deny(uow, kit, actor, "list_notifications", "notification", "*")
        items = uow.notifications.for_user(actor.user_id, unread_only=unread_only, limit=min(limit, 200))
        unread = uow.notifications.count_unread(actor.user_id)
    with uow:
        audit.record(uow, kit, actor.user_id, "notifications.listed", "notification", "*",
                     {"rows": len(items), "unread": unread})  # fmt: skip
        uow.commit()
    return Inbox(tuple(items), unread)


def unread_count(uow: UnitOfWork, actor: Actor) -> int:
    """The bell's number (a count of the actor's own notes: not audited)."""
    with uow.reading():
        return uow.notifications.count_unread(actor.user_id)


def mark_read(uow: UnitOfWork, kit: Kit, actor: Actor, note_ids: Iterable[str] | None = None) -> int:
    """Mark the actor's notifications read (all unread ones when ``note_ids`` is None); another
    user's ids are ignored. Returns how many changed."""
    now, changed = kit.clock.now(), 0
    with uow:
        if note_ids is None:
            targets = uow.notifications.for_user(actor.user_id, unread_only=True, limit=10_000)
        else:
            targets = [n for i in list(note_ids)[:500] if (n := uow.notifications.get(i)) is not None]
        for note in targets:
            if note.user_id == actor.user_id and note.read_at is None:
                uow.notifications.replace(replace(note, read_at=now))
                changed += 1
        uow.commit()
    return changed


def prefs_of(uow: UnitOfWork, actor: Actor) -> NotificationPrefs:
    with uow.reading():
        return uow.notification_prefs.get(actor.user_id) or NotificationPrefs(actor.user_id, None, False)


def set_prefs(uow: UnitOfWork, kit: Kit, actor: Actor, email: str, email_opt_out: bool) -> NotificationPrefs:
    """Store the actor's e-mail address (empty: none) and whether they want e-mails. Audited
    (``notifications.prefs``; the address is not written to the trail)."""
    address = email.strip()
    if address and (len(address) > 254 or not _EMAIL.match(address)):
        raise ValidationError(
            "Alamat surel tidak sah (contoh: nama@instansi.go.id).",
            message_en="Invalid e-mail address (e.g. name@agency.go.id).",
            code="invalid_email",
            details={"field": "email"},
        )
    prefs = NotificationPrefs(actor.user_id, address or None, email_opt_out)
    with uow:
        if uow.notification_prefs.get(actor.user_id) is None:
            uow.notification_prefs.add(prefs)
        else:
            uow.notification_prefs.replace(prefs)
        audit.record(uow, kit, actor.user_id, "notifications.prefs", "user", actor.user_id,
                     {"email_set": bool(address), "email_opt_out": email_opt_out})  # fmt: skip
        uow.commit()
    return prefs


@dataclass(frozen=True)
class OutgoingMail:
    to: str
    subject: str
    body: str
    message_id: str


class Mailer(Protocol):
    def send(self, mail: OutgoingMail) -> None: ...


def mail_for(note: Notification, to: str, base_url: str) -> OutgoingMail:
    """The e-mail of a notification: the kind, the case number, the date or step, a link to the
    case. Nothing about the reporter (their name, contact or words) is ever in it."""
    text_id, text_en = KIND_TEXTS[note.kind]
    due = note.detail.partition("|")[2]
    extra = ""
    if note.kind in (NotificationKind.DEADLINE_SOON, NotificationKind.DEADLINE_MISSED):
        extra = f"Jatuh tempo {due}.\nDue on {due}.\n"
    link = f"{base_url.rstrip('/')}/petugas/kasus/{note.case_id}"
    body = (
        f"{text_id}: {note.case_number}\n{text_en}: {note.case_number}\n{extra}\n"
        f"Buka kasus / open the case: {link}\n\n"
        "Ubah atau hentikan surel pemberitahuan / change or stop these e-mails: "
        f"{base_url.rstrip('/')}/petugas/notifikasi\n"
    )
    domain = base_url.split("//")[-1].split("/")[0].split(":")[0] or "netralitas"
    return OutgoingMail(to, f"[Netralitas] {text_id}: {note.case_number}", body, f"<{note.id}@{domain}>")


def send_pending(
    uow: UnitOfWork, kit: Kit, mailer: Mailer, base_url: str, *, limit: int = 1000
) -> tuple[int, int]:
    """E-mail the notifications not yet offered to e-mail; each is marked once sent or skipped
    (no address, opted out), committed one by one so a failure stops without resending the
    ones before it. Returns ``(sent, skipped)``."""
    sent = skipped = 0
    with uow:
        pending = uow.notifications.unsent(limit)
    for note in pending:
        with uow:
            current = uow.notifications.get(note.id)
            if current is None or current.emailed_at is not None:
                continue
            prefs = uow.notification_prefs.get(note.user_id)
            if prefs is not None and prefs.email and not prefs.email_opt_out:
                mailer.send(mail_for(note, prefs.email, base_url))
                sent += 1
            else:
                skipped += 1
            uow.notifications.replace(replace(current, emailed_at=kit.clock.now()))
            uow.commit()
    return sent, skipped
