"""How long the statistics pages take over many requests (issue 7): a benchmark, not a test.

    .venv/bin/python bench/statistics_benchmark.py --requests 1000000

Builds a fresh PostgreSQL database with the migrations, loads the demo catalogue, inserts the
requests and their events in set-based statements (``INSERT … SELECT generate_series``): filed
over the last 24 months and spread over every procedure version; 70% decided by the
administration (a third refused), 10% tacitly approved, 10% implicitly refused, 10% open; one in
ten declared incomplete. The request's copies of its events (``decided_on``, ``incomplete``) are
written with it, as the application does. Then ``VACUUM ANALYZE``, as autovacuum would after such
a load (index-only scans need the visibility map).

For each page it prints three times: its figures' queries with an empty cache (``queries``), the
whole page through the application with an empty cache (``cold page``: what the first reader after
the cache expires, or after a restart, waits), and the page again from the cache (``cached``);
the best and the median of ``--repeat`` runs. Then the database's size and the load average: the
machine may be shared, and the times depend on it.
"""
import argparse
import os
import statistics
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
                         receipt, signature, decided_on, incomplete)
    WITH v AS (SELECT pv.id, pv.procedure_id, p.administration_id, pv.processing_days, pv.silence,
                      row_number() OVER (ORDER BY pv.id) - 1 AS k
               FROM procedure_version pv JOIN procedure p ON p.id = pv.procedure_id)
    SELECT 'S' || i, 'x', 's' || i, v.procedure_id, v.id, v.administration_id, '{}', '', 'fr', :now,
           CAST(:today AS DATE) - (i % 730), v.silence,
           CASE WHEN i % 10 < 7 THEN CASE WHEN i % 3 = 0 THEN 'refused' ELSE 'approved' END
                WHEN i % 10 = 7 THEN 'tacitly_approved' WHEN i % 10 = 8 THEN 'implicitly_refused' ELSE 'open' END,
           CAST(:today AS DATE) - (i % 730) + GREATEST(v.processing_days, 1), NULL, '{}', '',
           CASE WHEN i % 10 < 7 THEN CAST(:today AS DATE) - (i % 730) + (i % 45) END, i % 10 = 3
    FROM generate_series(1, :n) AS i JOIN v ON v.k = i % (SELECT count(*) FROM procedure_version)"""
EVENTS = [
    "INSERT INTO request_event (request_id, kind, at, \"on\", data) SELECT id, 'filed', :now, filed_on, '{}' "
    "FROM request",
    "INSERT INTO request_event (request_id, kind, at, \"on\", data) SELECT id, state, :now, decided_on, '{}' "
    "FROM request WHERE decided_on IS NOT NULL",
    "INSERT INTO request_event (request_id, kind, at, \"on\", data) SELECT id, 'incomplete', :now, filed_on + 2, '{}' "
    "FROM request WHERE incomplete",
]


def times(action, repeat, cold=True):
    """Best and median of ``repeat`` runs of ``action``, the cache emptied before each if ``cold``."""
    found = []
    for _ in range(repeat):
        if cold:
            figures_cache.clear()
        started = time.perf_counter()
        action()
        found.append(time.perf_counter() - started)
    return min(found), statistics.median(found)


def shown(pair):
    return f"{pair[0]:6.3f} / {pair[1]:6.3f}"


def get(client, path):
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"GET {path}: {response.status_code}")


def load(requests):
    today, now = clock.today(), clock.now().replace(tzinfo=None)
    started = time.perf_counter()
    db.session.execute(sa.text(REQUESTS), {"n": requests, "today": today.isoformat(), "now": now})
    for statement in EVENTS:
        db.session.execute(sa.text(statement), {"now": now})
    db.session.commit()
    inserted = time.perf_counter() - started
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(sa.text("VACUUM ANALYZE"))
    events = db.session.scalar(sa.text("SELECT count(*) FROM request_event"))
    print(f"postgresql: {requests:,} requests and {events:,} events inserted in {inserted:.1f} s, "
          f"VACUUM ANALYZE {time.perf_counter() - started - inserted:.1f} s")


def pages(today):
    """``(label, figures call, paths)``: the overview and the busiest and the quietest administration's
    page for the default period (the last twelve months), and the overview over every request."""
    by_count = sa.text("SELECT administration_id FROM request GROUP BY 1 ORDER BY count(*) {} LIMIT 1")
    busiest, quietest = (db.session.scalar(sa.select(Administration).where(
        Administration.id == sa.text(f"({by_count.text.format(order)})"))) for order in ("DESC", "ASC"))
    period = figures.Period.default(today)
    every = figures.Period(today - timedelta(days=729), today)
    found = [("overview, 12 months", lambda: figures.table(period, today),
              ["/fr/statistics/", "/ar/statistics/", "/api/v1/statistics", "/statistics.csv"])]
    for administration in (busiest, quietest):
        code, count = administration.code, db.session.scalar(sa.text(
            "SELECT count(*) FROM request WHERE administration_id = :a AND filed_on >= :start"),
            {"a": administration.id, "start": period.start})
        found.append((f"administration {code} ({count:,} requests), 12 months",
                      lambda a=administration: figures.table(period, today, a),
                      [f"/fr/statistics/administrations/{code}", f"/ar/statistics/administrations/{code}",
                       f"/api/v1/statistics?administration={code}", f"/statistics.csv?administration={code}"]))
    span = f"from={every.start}&to={every.end}"
    found.append(("overview, 24 months (every request)", lambda: figures.table(every, today),
                  [f"/fr/statistics/?{span}", f"/api/v1/statistics?{span}", f"/statistics.csv?{span}"]))
    return found


def sizes():
    return db.session.execute(sa.text(
        "SELECT pg_database_size(current_database()), pg_total_relation_size('request'), "
        "pg_relation_size('ix_request_statistics'), pg_total_relation_size('request_event')")).one()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", metavar="NAME", help="keep the database under this name (to explain queries)")
    args = parser.parse_args()
    name = args.keep or f"masatir_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    app = create_app({"SQLALCHEMY_DATABASE_URI": ADMIN_URL.rsplit("/", 1)[0] + "/" + name, "TESTING": True,
                      "SECRET_KEY": "bench" * 8})
    load_before = os.getloadavg()
    try:
        with app.app_context():
            flask_migrate.upgrade()
            import_catalogue(DEMO)
            load(args.requests)
            chosen = pages(clock.today())
            database, request, index, events = sizes()
        client = app.test_client()
        print(f"\nseconds, best / median of {args.repeat}; queries and cold page with an empty cache")
        print(f"{'page':<58} {'queries':>15} {'cold page':>15} {'cached':>15}")
        for label, compute, paths in chosen:
            with app.app_context():
                queries = times(compute, args.repeat)
                db.session.remove()
            print(f"{label:<58} {shown(queries):>15}")
            for path in paths:
                cold = times(lambda path=path: get(client, path), args.repeat)
                warm = times(lambda path=path: get(client, path), args.repeat, cold=False)
                print(f"  GET {path:<54} {'':>15} {shown(cold):>15} {shown(warm):>15}")
        mb = 1024 * 1024
        print(f"\ndatabase {database / mb:,.0f} MB: request {request / mb:,.0f} MB with its indexes "
              f"(ix_request_statistics {index / mb:,.0f} MB), request_event {events / mb:,.0f} MB")
        print("load average (1, 5, 15 min) before: {:.2f} {:.2f} {:.2f}".format(*load_before)
              + ", after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()) + f" on {os.cpu_count()} CPUs")
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    finally:
        if not args.keep:
            with admin.connect() as connection:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
