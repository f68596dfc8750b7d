"""The migrations build exactly the schema the models describe.

Production databases are made by ``meeting db upgrade``, tests by ``create_all``: if a
migration forgot a column, an index or a constraint, only this test would notice.
"""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app

from meeting.extensions import db


def _ours(obj, name, type_, reflected, compare_to):
    # Search indexes live in tables no model maps (SQLite FTS5 and its shadow tables).
    return not (type_ == "table" and reflected and compare_to is None and "fts" in name)


def test_the_migrations_have_one_head(app):
    script = ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config())
    assert len(script.get_heads()) == 1, script.get_heads()


def test_a_migrated_database_matches_the_models(migrated_app):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "compare_type": True, "include_object": _ours,
            "render_as_batch": True})
        diff = compare_metadata(context, db.metadata)
    assert diff == []
