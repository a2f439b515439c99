"""Alembic environment: runs the package's migrations on the connection `quotes.db` hands it."""

from alembic import context
from sqlmodel import SQLModel

from quotes import models  # noqa: F401  (registers the tables for autogenerate)

target_metadata = SQLModel.metadata
connection = context.config.attributes.get("connection")

if connection is None:
    from quotes.db import create, database_url

    with create(database_url()).begin() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
