"""The Alembic migrations build exactly the schema that the models declare."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from app.persistence.database import Database
from app.persistence.models import Base


def test_migrations_match_models(db: Database) -> None:
    with db.write_engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
