"""Alembic environment for pestcli: always online, on the connection pestcli passes in.

``pestcli.store.backend.migrate`` opens the transaction (BEGIN IMMEDIATE, foreign keys
off) and hands its connection over in ``config.attributes["connection"]``.
"""

from alembic import context

from pestcli.store.models import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("pestcli runs its migrations from code: see pestcli.store.backend.migrate")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    transactional_ddl=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
