"""Master data: users, settings, suppliers, products, the supplier catalog, customers."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.persistence.models.base import Base, created_at, int_pk
from app.persistence.types import Money, UnitPrice


class Role(StrEnum):
    CLERK = "clerk"
    MANAGER = "manager"
    ADMIN = "admin"


def enum_column(enum: type[StrEnum]) -> Enum:
    """Store a StrEnum by its values in a plain string column."""
    return Enum(
        enum,
        native_enum=False,
        length=24,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[int_pk]
    name: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[Role] = mapped_column(enum_column(Role))
    active: Mapped[bool] = mapped_column(default=True)
    # Salted scrypt hash from app.services.passwords; None until a password is set.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    # The largest PO total this manager may approve; None means no limit.
    approval_limit: Mapped[Decimal | None] = mapped_column(Money)
    created_at: Mapped[created_at]


class Setting(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(String(2000))


class Supplier(Base):
    __tablename__ = "supplier"

    id: Mapped[int_pk]
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[str] = mapped_column(String(80), default="")
    lead_time_days: Mapped[int] = mapped_column(default=0)
    currency: Mapped[str] = mapped_column(String(3), default="GBP")
    terms: Mapped[str] = mapped_column(String(200), default="")


class Product(Base):
    """A stock item. ``on_hand`` counts units in the warehouse; ``reserved``
    counts those of them that belong to SO lines, so free stock is the
    difference. Both are kept current in the transaction that moves goods."""

    __tablename__ = "product"

    id: Mapped[int_pk]
    sku: Mapped[str] = mapped_column(String(40), unique=True)
    description: Mapped[str] = mapped_column(String(500), default="")
    always_back_to_back: Mapped[bool] = mapped_column(default=False)
    on_hand: Mapped[int] = mapped_column(default=0)
    reserved: Mapped[int] = mapped_column(default=0)

    catalog_entries: Mapped[list[CatalogEntry]] = relationship(back_populates="product")

    @property
    def free_stock(self) -> int:
        return self.on_hand - self.reserved


class CatalogEntry(Base):
    """One supplier's price and terms for a product."""

    __tablename__ = "catalog_entry"
    __table_args__ = (UniqueConstraint("product_id", "supplier_id"),)

    id: Mapped[int_pk]
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("supplier.id"), index=True)
    supplier_sku: Mapped[str] = mapped_column(String(60), default="")
    unit_cost: Mapped[Decimal] = mapped_column(UnitPrice)
    min_order_qty: Mapped[int] = mapped_column(default=1)
    pack_size: Mapped[int] = mapped_column(default=1)

    product: Mapped[Product] = relationship(back_populates="catalog_entries")
    supplier: Mapped[Supplier] = relationship()


class Customer(Base):
    __tablename__ = "customer"

    id: Mapped[int_pk]
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(80), default="")
    address: Mapped[str] = mapped_column(String(1000), default="")
    terms: Mapped[str] = mapped_column(String(200), default="", server_default="")
