"""What media monitoring needs from storage (``netralitas.db.monitoring_repositories`` implements
it on SQLAlchemy). Repositories never commit; the unit of work does."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self

from netralitas.cases.ports import AuditRepository
from netralitas.monitoring.records import Batch, BatchStatus, Post, PostFilter, PostInput, Screened


class BatchRepository(Protocol):
    def add(self, batch: Batch, posts: Sequence[PostInput]) -> None: ...

    def get(self, batch_id: str) -> Batch | None: ...

    def in_scope(self, region_prefix: str, agency_id: str | None, limit: int, offset: int = 0) -> list[Batch]:
        """Newest first: batches whose uploader's region lies inside ``region_prefix`` (and, when
        ``agency_id`` is given, of that agency)."""
        ...

    def count_in_scope(self, region_prefix: str, agency_id: str | None) -> int: ...

    def created_before(self, cutoff: datetime, limit: int, offset: int = 0) -> list[Batch]:
        """Oldest first: batches uploaded before ``cutoff`` (retention)."""
        ...

    def delete(self, batch_id: str) -> int:
        """Remove a batch with its posts and their screenings; how many posts went."""
        ...

    def claim(self, batch_id: str, now: datetime, stale_before: datetime) -> bool:
        """Take a queued batch (or one whose worker's claim is older than ``stale_before``)."""
        ...

    def pending(self, batch_id: str, limit: int) -> list[Post]:
        """Posts not screened yet, in upload order."""
        ...

    def save(self, batch_id: str, screened: Sequence[Screened], now: datetime) -> None:
        """Store screenings (posts already screened are left as they are) and count progress."""
        ...

    def finish(self, batch_id: str, status: BatchStatus, now: datetime, error: str | None = None) -> None: ...

    def unfinished(self) -> list[str]: ...

    def posts(self, batch_id: str, where: PostFilter) -> tuple[list[Post], int]:
        """One page of posts matching ``where`` (upload order) and how many match in all."""
        ...

    def post(self, batch_id: str, seq: int) -> Post | None: ...

    def set_case(self, batch_id: str, seq: int, case_id: str) -> None: ...

    def label_counts(self, batch_id: str) -> dict[str, int]: ...


class MonitoringUnitOfWork(Protocol):
    batches: BatchRepository
    audit: AuditRepository

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def commit(self) -> None: ...
