"""index sales order lines by product and order, attention reasons by PO

The lists filter orders by the SKU of their lines. Two-column indexes on
(product_id, sales_order_id) and (sales_order_id, product_id) answer that from
the index alone and replace the one-column indexes on the same leading
columns. Submitting or cancelling a PO looks up its open attention reasons,
so those are indexed by (purchase_order_id, resolved_at).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 22:10:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sales_order_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sales_order_line_product_id"))
        batch_op.drop_index(batch_op.f("ix_sales_order_line_sales_order_id"))
        batch_op.create_index(
            "ix_sales_order_line_product_id_sales_order_id",
            ["product_id", "sales_order_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_sales_order_line_sales_order_id_product_id",
            ["sales_order_id", "product_id"],
            unique=False,
        )
    with op.batch_alter_table("attention_reason", schema=None) as batch_op:
        batch_op.create_index(
            "ix_attention_reason_purchase_order_id",
            ["purchase_order_id", "resolved_at"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("attention_reason", schema=None) as batch_op:
        batch_op.drop_index("ix_attention_reason_purchase_order_id")
    with op.batch_alter_table("sales_order_line", schema=None) as batch_op:
        batch_op.drop_index("ix_sales_order_line_sales_order_id_product_id")
        batch_op.drop_index("ix_sales_order_line_product_id_sales_order_id")
        batch_op.create_index(
            batch_op.f("ix_sales_order_line_sales_order_id"), ["sales_order_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_sales_order_line_product_id"), ["product_id"], unique=False
        )
