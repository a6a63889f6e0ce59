"""create tables

Revision ID: 0001
Revises:
Create Date: 2026-12-04 21:07:48.475026
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.persistence.types

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "customer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=80), nullable=False),
        sa.Column("address", sa.String(length=1000), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer")),
        sa.UniqueConstraint("code", name=op.f("uq_customer_code")),
    )
    op.create_table(
        "product",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=40), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("always_back_to_back", sa.Boolean(), nullable=False),
        sa.Column("on_hand", sa.Integer(), nullable=False),
        sa.Column("reserved", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product")),
        sa.UniqueConstraint("sku", name=op.f("uq_product_sku")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.String(length=2000), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "supplier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=80), nullable=False),
        sa.Column("lead_time_days", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("terms", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier")),
        sa.UniqueConstraint("code", name=op.f("uq_supplier_code")),
    )
    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column(
            "role",
            sa.Enum("clerk", "manager", "admin", name="role", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", app.persistence.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("name", name=op.f("uq_user_account_name")),
    )
    op.create_table(
        "catalog_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("supplier_sku", sa.String(length=60), nullable=False),
        sa.Column("unit_cost", app.persistence.types.UnitPrice(), nullable=False),
        sa.Column("min_order_qty", sa.Integer(), nullable=False),
        sa.Column("pack_size", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_catalog_entry_product_id_product")
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["supplier.id"], name=op.f("fk_catalog_entry_supplier_id_supplier")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalog_entry")),
        sa.UniqueConstraint("product_id", "supplier_id", name=op.f("uq_catalog_entry_product_id")),
    )
    with op.batch_alter_table("catalog_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_catalog_entry_product_id"), ["product_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_catalog_entry_supplier_id"), ["supplier_id"], unique=False
        )

    op.create_table(
        "purchase_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=True),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "awaiting_approval",
                "approved",
                "sent",
                "confirmed",
                "partly_received",
                "received",
                "closed",
                "cancelled",
                name="postatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("terms", sa.String(length=200), nullable=False),
        sa.Column("total", app.persistence.types.Money(), nullable=False),
        sa.Column("supplier_reference", sa.String(length=80), nullable=False),
        sa.Column("rejection_reason", sa.String(length=1000), nullable=False),
        sa.Column("created_at", app.persistence.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("submitted_by", sa.String(length=80), nullable=True),
        sa.Column("submitted_at", app.persistence.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("approved_by", sa.String(length=80), nullable=True),
        sa.Column("approved_at", app.persistence.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("approval_comment", sa.String(length=1000), nullable=False),
        sa.Column("sent_by", sa.String(length=80), nullable=True),
        sa.Column("sent_at", app.persistence.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["supplier.id"], name=op.f("fk_purchase_order_supplier_id_supplier")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase_order")),
        sa.UniqueConstraint("number", name=op.f("uq_purchase_order_number")),
    )
    with op.batch_alter_table("purchase_order", schema=None) as batch_op:
        batch_op.create_index("ix_purchase_order_status_id", ["status", "id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_purchase_order_supplier_id"), ["supplier_id"], unique=False
        )

    op.create_table(
        "sales_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=True),
        sa.Column("reference", sa.String(length=80), nullable=False),
        sa.Column("import_key", sa.String(length=120), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("order_date", sa.Date(), nullable=False),
        sa.Column("promised_date", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "open",
                "awaiting_purchase",
                "on_order",
                "partly_ready",
                "ready_to_ship",
                "partly_shipped",
                "shipped",
                "delivered",
                "completed",
                "cancelled",
                name="sostatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("attention", sa.Boolean(), nullable=False),
        sa.Column("allow_partial_shipment", sa.Boolean(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("total", app.persistence.types.Money(), nullable=False),
        sa.Column("paid", app.persistence.types.Money(), nullable=False),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.Column("delivered_at", app.persistence.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("created_at", app.persistence.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customer.id"], name=op.f("fk_sales_order_customer_id_customer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_order")),
        sa.UniqueConstraint("import_key", name=op.f("uq_sales_order_import_key")),
        sa.UniqueConstraint("number", name=op.f("uq_sales_order_number")),
    )
    with op.batch_alter_table("sales_order", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sales_order_attention"), ["attention"], unique=False)
        batch_op.create_index("ix_sales_order_customer_id", ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sales_order_reference"), ["reference"], unique=False)
        batch_op.create_index("ix_sales_order_status_id", ["status", "id"], unique=False)

    op.create_table(
        "attention_reason",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sales_order_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("message", sa.String(length=500), nullable=False),
        sa.Column("purchase_order_id", sa.Integer(), nullable=True),
        sa.Column("created_at", app.persistence.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", app.persistence.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(
            ["purchase_order_id"],
            ["purchase_order.id"],
            name=op.f("fk_attention_reason_purchase_order_id_purchase_order"),
        ),
        sa.ForeignKeyConstraint(
            ["sales_order_id"],
            ["sales_order.id"],
            name=op.f("fk_attention_reason_sales_order_id_sales_order"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attention_reason")),
    )
    with op.batch_alter_table("attention_reason", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attention_reason_sales_order_id"), ["sales_order_id"], unique=False
        )

    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", app.persistence.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("user_name", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("sales_order_id", sa.Integer(), nullable=True),
        sa.Column("purchase_order_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("note", sa.String(length=1000), nullable=False),
        sa.ForeignKeyConstraint(
            ["purchase_order_id"],
            ["purchase_order.id"],
            name=op.f("fk_audit_event_purchase_order_id_purchase_order"),
        ),
        sa.ForeignKeyConstraint(
            ["sales_order_id"],
            ["sales_order.id"],
            name=op.f("fk_audit_event_sales_order_id_sales_order"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_audit_event_purchase_order_id"), ["purchase_order_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_audit_event_sales_order_id"), ["sales_order_id"], unique=False
        )

    op.create_table(
        "payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sales_order_id", sa.Integer(), nullable=False),
        sa.Column("amount", app.persistence.types.Money(), nullable=False),
        sa.Column("method", sa.String(length=60), nullable=False),
        sa.Column("paid_at", app.persistence.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["sales_order_id"],
            ["sales_order.id"],
            name=op.f("fk_payment_sales_order_id_sales_order"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment")),
    )
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_payment_sales_order_id"), ["sales_order_id"], unique=False
        )

    op.create_table(
        "purchase_order_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purchase_order_id", sa.Integer(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("supplier_sku", sa.String(length=60), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_cost", app.persistence.types.UnitPrice(), nullable=False),
        sa.Column("confirmed", sa.Integer(), nullable=True),
        sa.Column("expected_date", sa.Date(), nullable=True),
        sa.Column("received", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_purchase_order_line_product_id_product")
        ),
        sa.ForeignKeyConstraint(
            ["purchase_order_id"],
            ["purchase_order.id"],
            name=op.f("fk_purchase_order_line_purchase_order_id_purchase_order"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase_order_line")),
        sa.UniqueConstraint(
            "purchase_order_id", "line_no", name=op.f("uq_purchase_order_line_purchase_order_id")
        ),
    )
    with op.batch_alter_table("purchase_order_line", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_purchase_order_line_product_id"), ["product_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_purchase_order_line_purchase_order_id"),
            ["purchase_order_id"],
            unique=False,
        )

    op.create_table(
        "receipt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purchase_order_id", sa.Integer(), nullable=False),
        sa.Column("received_at", app.persistence.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("received_by", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["purchase_order_id"],
            ["purchase_order.id"],
            name=op.f("fk_receipt_purchase_order_id_purchase_order"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipt")),
    )
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_receipt_purchase_order_id"), ["purchase_order_id"], unique=False
        )

    op.create_table(
        "sales_order_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sales_order_id", sa.Integer(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("cancelled", sa.Integer(), nullable=False),
        sa.Column("unit_price", app.persistence.types.UnitPrice(), nullable=False),
        sa.Column(
            "sourcing",
            sa.Enum("auto", "stock", "back_to_back", name="sourcing", native_enum=False, length=24),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_sales_order_line_product_id_product")
        ),
        sa.ForeignKeyConstraint(
            ["sales_order_id"],
            ["sales_order.id"],
            name=op.f("fk_sales_order_line_sales_order_id_sales_order"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_order_line")),
        sa.UniqueConstraint(
            "sales_order_id", "line_no", name=op.f("uq_sales_order_line_sales_order_id")
        ),
    )
    with op.batch_alter_table("sales_order_line", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sales_order_line_product_id"), ["product_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_sales_order_line_sales_order_id"), ["sales_order_id"], unique=False
        )

    op.create_table(
        "shipment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=True),
        sa.Column("sales_order_id", sa.Integer(), nullable=False),
        sa.Column("shipped_at", app.persistence.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("shipped_by", sa.String(length=80), nullable=False),
        sa.Column("carrier", sa.String(length=80), nullable=False),
        sa.Column("tracking", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["sales_order_id"],
            ["sales_order.id"],
            name=op.f("fk_shipment_sales_order_id_sales_order"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shipment")),
        sa.UniqueConstraint("number", name=op.f("uq_shipment_number")),
    )
    with op.batch_alter_table("shipment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_shipment_sales_order_id"), ["sales_order_id"], unique=False
        )

    op.create_table(
        "allocation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("so_line_id", sa.Integer(), nullable=False),
        sa.Column("po_line_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("confirmed", sa.Integer(), nullable=False),
        sa.Column("received", sa.Integer(), nullable=False),
        sa.Column("shipped", sa.Integer(), nullable=False),
        sa.Column("created_at", app.persistence.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["po_line_id"],
            ["purchase_order_line.id"],
            name=op.f("fk_allocation_po_line_id_purchase_order_line"),
        ),
        sa.ForeignKeyConstraint(
            ["so_line_id"],
            ["sales_order_line.id"],
            name=op.f("fk_allocation_so_line_id_sales_order_line"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allocation")),
        sa.UniqueConstraint("so_line_id", "po_line_id", name=op.f("uq_allocation_so_line_id")),
    )
    with op.batch_alter_table("allocation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_allocation_po_line_id"), ["po_line_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_allocation_so_line_id"), ["so_line_id"], unique=False)

    op.create_table(
        "receipt_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("receipt_id", sa.Integer(), nullable=False),
        sa.Column("po_line_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("to_stock", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["po_line_id"],
            ["purchase_order_line.id"],
            name=op.f("fk_receipt_line_po_line_id_purchase_order_line"),
        ),
        sa.ForeignKeyConstraint(
            ["receipt_id"], ["receipt.id"], name=op.f("fk_receipt_line_receipt_id_receipt")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipt_line")),
    )
    with op.batch_alter_table("receipt_line", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_receipt_line_po_line_id"), ["po_line_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_receipt_line_receipt_id"), ["receipt_id"], unique=False
        )

    op.create_table(
        "shipment_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shipment_id", sa.Integer(), nullable=False),
        sa.Column("so_line_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("ordered_then", sa.Integer(), nullable=False),
        sa.Column("shipped_to_date_then", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["shipment_id"], ["shipment.id"], name=op.f("fk_shipment_line_shipment_id_shipment")
        ),
        sa.ForeignKeyConstraint(
            ["so_line_id"],
            ["sales_order_line.id"],
            name=op.f("fk_shipment_line_so_line_id_sales_order_line"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shipment_line")),
    )
    with op.batch_alter_table("shipment_line", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_shipment_line_shipment_id"), ["shipment_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_shipment_line_so_line_id"), ["so_line_id"], unique=False
        )

    op.create_table(
        "stock_reservation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("so_line_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("shipped", sa.Integer(), nullable=False),
        sa.Column("created_at", app.persistence.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_stock_reservation_product_id_product")
        ),
        sa.ForeignKeyConstraint(
            ["so_line_id"],
            ["sales_order_line.id"],
            name=op.f("fk_stock_reservation_so_line_id_sales_order_line"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_reservation")),
    )
    with op.batch_alter_table("stock_reservation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stock_reservation_product_id"), ["product_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_stock_reservation_so_line_id"), ["so_line_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("stock_reservation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_reservation_so_line_id"))
        batch_op.drop_index(batch_op.f("ix_stock_reservation_product_id"))

    op.drop_table("stock_reservation")
    with op.batch_alter_table("shipment_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shipment_line_so_line_id"))
        batch_op.drop_index(batch_op.f("ix_shipment_line_shipment_id"))

    op.drop_table("shipment_line")
    with op.batch_alter_table("receipt_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_receipt_line_receipt_id"))
        batch_op.drop_index(batch_op.f("ix_receipt_line_po_line_id"))

    op.drop_table("receipt_line")
    with op.batch_alter_table("allocation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_allocation_so_line_id"))
        batch_op.drop_index(batch_op.f("ix_allocation_po_line_id"))

    op.drop_table("allocation")
    with op.batch_alter_table("shipment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shipment_sales_order_id"))

    op.drop_table("shipment")
    with op.batch_alter_table("sales_order_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sales_order_line_sales_order_id"))
        batch_op.drop_index(batch_op.f("ix_sales_order_line_product_id"))

    op.drop_table("sales_order_line")
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_receipt_purchase_order_id"))

    op.drop_table("receipt")
    with op.batch_alter_table("purchase_order_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_purchase_order_line_purchase_order_id"))
        batch_op.drop_index(batch_op.f("ix_purchase_order_line_product_id"))

    op.drop_table("purchase_order_line")
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_sales_order_id"))

    op.drop_table("payment")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_sales_order_id"))
        batch_op.drop_index(batch_op.f("ix_audit_event_purchase_order_id"))

    op.drop_table("audit_event")
    with op.batch_alter_table("attention_reason", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attention_reason_sales_order_id"))

    op.drop_table("attention_reason")
    with op.batch_alter_table("sales_order", schema=None) as batch_op:
        batch_op.drop_index("ix_sales_order_status_id")
        batch_op.drop_index(batch_op.f("ix_sales_order_reference"))
        batch_op.drop_index("ix_sales_order_customer_id")
        batch_op.drop_index(batch_op.f("ix_sales_order_attention"))

    op.drop_table("sales_order")
    with op.batch_alter_table("purchase_order", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_purchase_order_supplier_id"))
        batch_op.drop_index("ix_purchase_order_status_id")

    op.drop_table("purchase_order")
    with op.batch_alter_table("catalog_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_catalog_entry_supplier_id"))
        batch_op.drop_index(batch_op.f("ix_catalog_entry_product_id"))

    op.drop_table("catalog_entry")
    op.drop_table("user_account")
    op.drop_table("supplier")
    op.drop_table("setting")
    op.drop_table("product")
    op.drop_table("customer")
