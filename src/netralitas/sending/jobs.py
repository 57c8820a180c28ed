"""Background sending on huey. A task carries only delivery keys; the worker claims them (with a
lease), sends each e-mail and records it as sent at once, so a task that runs twice, or again
after a crash, sends nothing twice. Tasks a crashed worker lost are found again by ``resume``
(rows still queued, or claimed under an expired lease) — the database, not the queue, is the truth."""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from huey import Huey, RedisHuey, SqliteHuey
from sqlalchemy import Engine

from netralitas.clock import Clock
from netralitas.config import Settings
from netralitas.outreach.links import make_token
from netralitas.outreach.messages import email_for
from netralitas.sending import store
from netralitas.sending.settings import SendingSettings
from netralitas.sending.smtp import SmtpMailer

TASK_NAME = "netralitas.outreach.send_keys"
LINK_SECRET_SUFFIX = ":outreach-links"


def link_secret(settings: Settings) -> str:
    return settings.secret_key.get_secret_value() + LINK_SECRET_SUFFIX


def build_huey(settings: Settings, sending: SendingSettings) -> Huey:
    """Redis when ``queue_url`` names it (many workers), else an embedded SQLite queue file."""
    if sending.queue_url.startswith("redis"):
        return RedisHuey(sending.queue_name, url=sending.queue_url)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("netralitas-outreach", filename=str(settings.data_dir / "outreach-queue.db"))


@dataclass
class Sender:
    engine: Engine
    settings: Settings
    sending: SendingSettings
    clock: Clock
    huey: Huey

    def __post_init__(self) -> None:
        self.mailer = SmtpMailer(self.sending)
        self._task: Callable[..., object] = self.huey.task(name=TASK_NAME)(self.send_keys)

    def link(self, circular_id: str, member_id: str, days: int) -> str:
        token = make_token(link_secret(self.settings), circular_id, member_id, self.clock.now(), days)
        return f"{self.sending.public_base_url.rstrip('/')}/t/{token}"

    def enqueue(self, keys: Sequence[str]) -> int:
        """One queue task per ``batch_size`` keys; returns how many tasks."""
        size = self.sending.batch_size
        chunks = [list(keys[i : i + size]) for i in range(0, len(keys), size)]
        for chunk in chunks:
            self._task(chunk)
        return len(chunks)

    def resume(self, circular_id: str | None = None) -> int:
        """Queue again everything not yet sent (after a restart); sent rows are never touched."""
        return self.enqueue(store.pending_keys(self.engine, circular_id))

    def send_keys(self, keys: list[str]) -> int:
        """The task: send the claimable keys over one SMTP connection; returns how many were sent."""
        claimed = store.claim(self.engine, keys, self.clock.now())
        if not claimed:
            return 0
        sent = 0
        with self.mailer.connection() as smtp, self.engine.connect() as conn:
            for out in store.load(self.engine, claimed):
                link = self.link(out.circular.id, out.member.id, out.circular.link_days)
                email = email_for(out.circular, out.member, link, out.key, reminder=out.kind != "initial")
                try:
                    smtp.send_message(self.mailer.message(email))
                except smtplib.SMTPRecipientsRefused as exc:
                    store.mark(conn, out.key, "failed", self.clock.now(), str(exc)[:300])
                    continue
                store.mark(conn, out.key, "sent", self.clock.now())
                sent += 1
        return sent

    def drain(self, workers: int = 1) -> int:
        """Run every task waiting in the queue in this process, on ``workers`` threads (tests, the
        bench, ``circular send --wait``); returns how many tasks ran."""

        def work() -> int:
            count = 0
            while (task := self.huey.dequeue()) is not None:
                self.huey.execute(task)
                count += 1
            return count

        with ThreadPoolExecutor(max_workers=workers) as pool:
            return sum(pool.map(lambda _: work(), range(workers)))
