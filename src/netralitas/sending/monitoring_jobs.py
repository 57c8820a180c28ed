"""Background screening of media monitoring batches. The database is the truth: a batch's posts
are screened chunk by chunk by ``monitoring.service.run_batch`` under a lease, so a batch handed
over twice is screened once, and a batch whose worker died is taken up again.

Two ways to run it (``NETRALITAS_MONITORING_RUNNER``):

- ``web`` (default): a thread of the web process screens the batch right after the upload; nothing
  else to run, works with the embedded SQLite database. A batch left unfinished by a restart is
  handed over again when its page is opened.
- ``queue``: a huey task (``netralitas.monitoring.screen_batch``, the queue of ``sending``: an
  embedded SQLite file, or Redis via ``NETRALITAS_QUEUE_URL``) served by ``netralitas pantau
  worker`` on as many machines as wanted."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from huey import Huey, RedisHuey, SqliteHuey

from netralitas.cases.dependencies import Screener
from netralitas.clock import Clock
from netralitas.config import Settings
from netralitas.monitoring.ports import MonitoringUnitOfWork
from netralitas.monitoring.service import run_batch
from netralitas.sending.settings import SendingSettings

log = logging.getLogger(__name__)
TASK_NAME = "netralitas.monitoring.screen_batch"
RUNNERS = ("web", "queue")


def build_monitoring_huey(settings: Settings, sending: SendingSettings) -> Huey:
    """Redis when ``queue_url`` names it, else an embedded SQLite queue file beside the data."""
    if sending.queue_url.startswith("redis"):
        return RedisHuey("netralitas-monitoring", url=sending.queue_url)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("netralitas-monitoring", filename=str(settings.data_dir / "monitoring-queue.db"))


@dataclass
class MonitorJobs:
    make_uow: Callable[[], MonitoringUnitOfWork]
    clock: Clock
    screener: Screener
    runner: str = "web"
    huey: Huey | None = None
    _threads: list[threading.Thread] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        if self.runner not in RUNNERS:
            raise ValueError(f"NETRALITAS_MONITORING_RUNNER must be one of {', '.join(RUNNERS)}")
        if self.runner == "queue" and self.huey is None:
            raise ValueError("the queue runner needs a huey queue")
        self._task: Callable[..., object] | None = None
        if self.huey is not None:
            self._task = self.huey.task(name=TASK_NAME)(self.run)

    def run(self, batch_id: str) -> int:
        """Screen one batch now, in this thread (the task's body)."""
        return run_batch(self.make_uow, self.clock, self.screener, batch_id)

    def submit(self, batch_id: str) -> None:
        """Hand a batch to a worker (a thread here, or the queue)."""
        if self.runner == "queue" and self._task is not None:
            self._task(batch_id)
            return

        def work() -> None:
            try:
                self.run(batch_id)
            except Exception:  # logged by run_batch; the batch is marked failed
                log.warning("monitoring batch %s stopped", batch_id)

        thread = threading.Thread(target=work, name=f"pantau-{batch_id[:8]}", daemon=True)
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
        thread.start()

    def resume(self) -> int:
        """Hand over again every batch not finished (after a restart); returns how many."""
        with self.make_uow() as uow:
            waiting = uow.batches.unfinished()
        for batch_id in waiting:
            self.submit(batch_id)
        return len(waiting)

    def wait(self, timeout: float = 60.0) -> None:
        """Wait for the threads started here (tests, ``pantau run``)."""
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout)

    def drain(self) -> int:
        """Run every task waiting in the queue in this process; returns how many ran."""
        count = 0
        while self.huey is not None and (task := self.huey.dequeue()) is not None:
            self.huey.execute(task)
            count += 1
        return count
