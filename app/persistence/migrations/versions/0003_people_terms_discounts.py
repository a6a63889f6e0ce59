"""add passwords and approval limits, customer terms and line discounts

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 22:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.persistence.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(sa.Column("password_hash", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("approval_limit", app.persistence.types.Money(),
                                   nullable=True))
    with op.batch_alter_table("customer") as batch:
        batch.add_column(sa.Column("terms", sa.String(length=200), server_default="",
                                   nullable=False))
    with op.batch_alter_table("sales_order") as batch:
        batch.add_column(sa.Column("terms", sa.String(length=200), server_default="",
                                   nullable=False))
    with op.batch_alter_table("sales_order_line") as batch:
        batch.add_column(sa.Column("discount_percent", app.persistence.types.Money(),
                                   server_default="0", nullable=False))
    with op.batch_alter_table("purchase_order") as batch:
        batch.add_column(sa.Column("approved_revision", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("purchase_order") as batch:
        batch.drop_column("approved_revision")
    with op.batch_alter_table("sales_order_line") as batch:
        batch.drop_column("discount_percent")
    with op.batch_alter_table("sales_order") as batch:
        batch.drop_column("terms")
    with op.batch_alter_table("customer") as batch:
        batch.drop_column("terms")
    with op.batch_alter_table("user_account") as batch:
        batch.drop_column("approval_limit")
        batch.drop_column("password_hash")
