"""How long the statistics pages take over many requests (issue 7): a benchmark, not a test.

    .venv/bin/python bench/statistics_benchmark.py --requests 1000000

Builds a fresh PostgreSQL database with the migrations, loads the demo catalogue, inserts the
requests and their events in set-based statements (``INSERT … SELECT generate_series``): filed
over the last 24 months and spread over every procedure version; 70% decided by the
administration (a third refused), 10% tacitly approved, 10% implicitly refused, 10% open; one in
ten declared incomplete. Then times each statistics page's queries with an empty cache (what the
first reader after the cache expires waits), the whole page through the application, and the page
again from the cache. Prints one line per measure.
"""
import argparse
import time
import uuid
from datetime import timedelta
from pathlib import Path

import flask_migrate
import sqlalchemy as sa

from portal import create_app
from portal.extensions import db
from procedures import clock
from procedures.catalogue.models import Administration
from procedures.catalogue.transfer import import_catalogue
from procedures.statistics import figures
from procedures.statistics.cache import figures_cache

DEMO = Path(__file__).resolve().parent.parent / "procedures" / "catalogue" / "demo"
ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"

REQUESTS = """
    INSERT INTO request (number, secret_hash, idempotency_key, procedure_id, version_id, administration_id,
                         applicant, details, language, filed_at, filed_on, silence, state, due_on, silence_on,
                         receipt, signature)
    WITH v AS (SELECT pv.id, pv.procedure_id, p.administration_id, pv.processing_days, pv.silence,
                      row_number() OVER (ORDER BY pv.id) - 1 AS k
               FROM procedure_version pv JOIN procedure p ON p.id = pv.procedure_id)
    SELECT 'S' || i, 'x', 's' || i, v.procedure_id, v.id, v.administration_id, '{}', '', 'fr', :now,
           CAST(:today AS DATE) - (i % 730), v.silence,
           CASE WHEN i % 10 < 7 THEN CASE WHEN i % 3 = 0 THEN 'refused' ELSE 'approved' END
                WHEN i % 10 = 7 THEN 'tacitly_approved' WHEN i % 10 = 8 THEN 'implicitly_refused' ELSE 'open' END,
           CAST(:today AS DATE) - (i % 730) + GREATEST(v.processing_days, 1), NULL, '{}', ''
    FROM generate_series(1, :n) AS i JOIN v ON v.k = i % (SELECT count(*) FROM procedure_version)"""
EVENTS = [
    "INSERT INTO request_event (request_id, kind, at, \"on\", data) SELECT id, 'filed', :now, filed_on, '{}' "
    "FROM request",
    "INSERT INTO request_event (request_id, kind, at, \"on\", data) SELECT id, state, :now, filed_on + (id % 45), '{}' "
    "FROM request WHERE state IN ('approved', 'refused')",
    "INSERT INTO request_event (request_id, kind, at, \"on\", data) SELECT id, 'incomplete', :now, filed_on + 2, '{}' "
    "FROM request WHERE id % 10 = 3",
]


def timed(label, action, repeat=3):
    best = None
    for _ in range(repeat):
        figures_cache.clear()
        started = time.perf_counter()
        action()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    print(f"{label}: {best:.2f} s (best of {repeat}, empty cache)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--keep", metavar="NAME", help="keep the database under this name (to explain queries)")
    args = parser.parse_args()
    name = args.keep or f"masatir_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    app = create_app({"SQLALCHEMY_DATABASE_URI": ADMIN_URL.rsplit("/", 1)[0] + "/" + name, "TESTING": True,
                      "SECRET_KEY": "bench" * 8})
    try:
        with app.app_context():
            flask_migrate.upgrade()
            import_catalogue(DEMO)
            today, now = clock.today(), clock.now().replace(tzinfo=None)
            started = time.perf_counter()
            db.session.execute(sa.text(REQUESTS), {"n": args.requests, "today": today.isoformat(), "now": now})
            for statement in EVENTS:
                db.session.execute(sa.text(statement), {"now": now})
            db.session.commit()
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(sa.text("ANALYZE"))
            events = db.session.scalar(sa.text("SELECT count(*) FROM request_event"))
            print(f"postgresql: {args.requests:,} requests and {events:,} events inserted "
                  f"in {time.perf_counter() - started:.1f} s")
            busiest = db.session.scalar(sa.select(Administration).where(Administration.id == sa.text(
                "(SELECT administration_id FROM request GROUP BY 1 ORDER BY count(*) DESC LIMIT 1)")))
            period = figures.Period.default(today)
            year = figures.Period(today - timedelta(days=729), today)
            timed("overview, queries (last 12 months)", lambda: figures.table(period, today))
            timed("overview, queries (24 months: every request)", lambda: figures.table(year, today))
            timed(f"administration page ({busiest.code}), queries", lambda: figures.table(period, today, busiest))
            db.session.remove()
        client = app.test_client()
        for path in ("/fr/statistics/", f"/ar/statistics/administrations/{busiest.code}", "/api/v1/statistics",
                     "/statistics.csv"):
            timed(f"GET {path}, whole page", lambda path=path: client.get(path).status_code == 200 or exit(path))
            started = time.perf_counter()
            client.get(path)
            print(f"GET {path}, from the cache: {time.perf_counter() - started:.3f} s")
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    finally:
        if not args.keep:
            with admin.connect() as connection:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
