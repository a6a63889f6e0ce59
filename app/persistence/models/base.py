"""Declarative base with the project's reusable column types."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase, mapped_column

from app.persistence.types import Money, UtcDateTime, utcnow

# Constraint names are fixed so that migrations can refer to them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

int_pk = Annotated[int, mapped_column(primary_key=True)]
counter = Annotated[int, mapped_column(default=0)]  # a count of units that starts at zero
created_at = Annotated[datetime, mapped_column(UtcDateTime, default=utcnow)]
money = Annotated[Decimal, mapped_column(Money, default=Decimal("0.00"))]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UtcDateTime}
