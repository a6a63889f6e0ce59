"""Column types for money, quantities and timestamps.

Money is :class:`~decimal.Decimal` in Python. PostgreSQL stores it as
``NUMERIC``. SQLite has no exact decimal type (its NUMERIC affinity keeps
fractions as binary floats), so there it is stored as a whole number of the
smallest unit: pence for amounts, hundredths of a penny for unit prices.
Sums in SQL stay exact on both, and results come back as Decimal.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect, Numeric
from sqlalchemy.types import TypeDecorator, TypeEngine


class _ScaledDecimal(TypeDecorator[Decimal]):
    impl = Numeric
    cache_ok = True
    scale = 2

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(18, self.scale))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        quantum = Decimal(1).scaleb(-self.scale)
        exact = Decimal(value).quantize(quantum)
        if dialect.name == "sqlite":
            return int(exact.scaleb(self.scale))
        return exact

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return Decimal(int(value)).scaleb(-self.scale)
        return Decimal(value).quantize(Decimal(1).scaleb(-self.scale))


class Money(_ScaledDecimal):
    """An amount in the document's currency, to the penny."""

    cache_ok = True
    scale = 2


class UnitPrice(_ScaledDecimal):
    """A price or cost per unit, to four decimal places."""

    cache_ok = True
    scale = 4


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp; SQLite returns naive values, read back as UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware UTC time")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    """Return the current time in UTC; used as a column default callable."""
    return datetime.now(UTC)
