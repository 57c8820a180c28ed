"""Tables of media monitoring (pantau media): one row per uploaded batch, one per post with its
screening (``netralitas.monitoring``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from netralitas.db.models import ID, REGION, Base


class MonitoringBatchRow(Base):
    __tablename__ = "monitoring_batches"
    __table_args__ = (Index("ix_monitoring_batches_scope", "region_code", "created_at"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    filename: Mapped[str] = mapped_column(String(200))
    region_code: Mapped[str] = mapped_column(REGION)
    agency_id: Mapped[str | None] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(ID)
    created_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20))
    total: Mapped[int] = mapped_column(Integer)
    screened: Mapped[int] = mapped_column(Integer)
    flagged: Mapped[int] = mapped_column(Integer)
    election_id: Mapped[str | None] = mapped_column(String(40))
    problems: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    claimed_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(String(300))
    #: The uploader's username when uploaded (None for batches uploaded before it was kept).
    created_by_name: Mapped[str | None] = mapped_column(String(64))


class MonitoringPostRow(Base):
    __tablename__ = "monitoring_posts"
    __table_args__ = (Index("ix_monitoring_posts_pending", "batch_id", "screened"),)
    batch_id: Mapped[str] = mapped_column(ForeignKey("monitoring_batches.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    line: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(2000))
    posted_on: Mapped[date | None]
    author: Mapped[str | None] = mapped_column(String(200))
    region_code: Mapped[str] = mapped_column(REGION)
    screened: Mapped[bool] = mapped_column(Boolean)
    #: The suggested labels as " label1 label2 " (one LIKE finds a label on both databases).
    labels: Mapped[str] = mapped_column(String(1000))
    confidence: Mapped[float] = mapped_column(Float)
    needs_reading: Mapped[bool] = mapped_column(Boolean)
    flagged: Mapped[bool] = mapped_column(Boolean)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    case_id: Mapped[str | None] = mapped_column(ID)
    #: post, speech or complaint (``monitoring.records.POST_KINDS``); None when not given.
    kind: Mapped[str | None] = mapped_column(String(20))
