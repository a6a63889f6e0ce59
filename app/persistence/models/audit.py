"""Audit events: who did what to which record, with values before and after."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.models.base import Base, int_pk
from app.persistence.types import UtcDateTime, utcnow


class AuditEvent(Base):
    __tablename__ = "audit_event"

    id: Mapped[int_pk]
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    user_name: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(60))
    number: Mapped[str] = mapped_column(String(20), default="")
    sales_order_id: Mapped[int | None] = mapped_column(ForeignKey("sales_order.id"), index=True)
    purchase_order_id: Mapped[int | None] = mapped_column(
        ForeignKey("purchase_order.id"), index=True
    )
    before: Mapped[dict[str, object] | None] = mapped_column(JSON)
    after: Mapped[dict[str, object] | None] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(String(1000), default="")
