"""The counters that name the catalogue's state, read fresh on every request.

Database triggers (migration 0014) bump a counter in ``cache_generation`` in the transaction of every
change to what the counter names (``catalogue``, ``taxonomy``, ``synonyms``), whoever makes it: the
commission, an import, a command, someone in psql. A page kept under the counters it read is therefore
good exactly as long as they have not moved, on every worker of every node, since they all read the same
table.

They are read on every request that needs them, never copied for a while: a copy, however short-lived,
would let a worker serve a page withdrawn a moment ago. To make that read cheap (it is the one query a
kept page costs), each process, and each thread in it, keeps its own connection for it, outside the
pool and in autocommit, so that it sees the last committed values and never holds a transaction; on
PostgreSQL the statement is prepared once and run through libpq directly.

The pages rendered when a counter moved read what they show on that same connection (``public_rows``):
through the session, each of those requests paid a pool checkout, a ping, ``BEGIN`` and ``ROLLBACK``
around its two queries, four round trips for nothing, since a public page reads committed rows and writes
none (each statement sees what was committed when it starts, as in a READ COMMITTED transaction).
"""
import contextlib
import os
import threading

import psycopg
import sqlalchemy as sa
from flask import current_app, has_request_context, request
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import db

QUERY = "SELECT name, value FROM cache_generation"
PREPARED = b"masatir_generations"
MEMO = "masatir.generations"  # this request's reading, in its WSGI environ


class Generation(db.Model):
    """A counter bumped by the database's triggers whenever what it names changes (migration 0014)."""
    __tablename__ = "cache_generation"

    name: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


class Reader:
    """Reads with this thread's own connection to ``engine``'s database, in autocommit: every counter
    (``read``), and the rows public pages show (``rows``)."""

    def __init__(self, engine):
        self.engine, self.local = engine, threading.local()

    def read(self):
        """``{name: value}``, as last committed."""
        return self._again_if_lost(self._read)

    def rows(self, statement, parameters):
        """``statement``'s rows (SQLAlchemy's, typed as through the session)."""
        return self._again_if_lost(lambda: self._connection().execute(statement, parameters).all())

    def _again_if_lost(self, read):
        try:
            return read()
        except Exception:  # noqa: BLE001  (a connection lost since, e.g. the database restarted)
            self.close()
            return read()  # once more, on a new connection; a second failure is the caller's

    def _read(self):
        connection = self._connection().connection.dbapi_connection
        if self.engine.dialect.name != "postgresql":
            return dict(connection.execute(QUERY).fetchall())
        # psycopg's libpq layer (psycopg.pq): half the cost of a cursor, for a statement prepared once.
        result = connection.pgconn.exec_prepared(PREPARED, None)
        if result.status != psycopg.pq.ExecStatus.TUPLES_OK:
            raise psycopg.OperationalError(result.error_message.decode(errors="replace"))
        return {result.get_value(row, 0).decode(): int(result.get_value(row, 1)) for row in range(result.ntuples)}

    def _connection(self):
        local = self.local
        if getattr(local, "pid", None) != os.getpid():  # a fork inherits no connection
            local.connection, local.pid = None, os.getpid()
        if local.connection is None:
            connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            connection.detach()  # ours alone, never returned to the pool
            if self.engine.dialect.name == "postgresql":
                prepared = connection.connection.dbapi_connection.pgconn.prepare(PREPARED, QUERY.encode())
                if prepared.status != psycopg.pq.ExecStatus.COMMAND_OK:
                    raise psycopg.OperationalError(prepared.error_message.decode(errors="replace"))
            local.connection = connection
        return local.connection

    def close(self):
        connection, self.local.connection = getattr(self.local, "connection", None), None
        if connection is not None:
            with contextlib.suppress(Exception):  # already broken: nothing to close
                connection.close()


def public_rows(statement, parameters):
    """``statement``'s rows, read for a public page on this thread's own connection, outside any
    transaction: committed rows only, as every public page shows."""
    return current_app.extensions["masatir.generations"].rows(statement, parameters)


def current(reader, *names):
    """The values of the named counters (0 for one never bumped), read once per request (the front door
    may have read them already for this request: the page and its state then agree on one reading)."""
    memo = request.environ if has_request_context() else {}
    found = memo.get(MEMO)
    if found is None:
        found = memo[MEMO] = reader.read()
    return tuple(found.get(name, 0) for name in names)
