"""How long the silence sweep takes over many open requests (issue 5): a benchmark, not a test.

    .venv/bin/python bench/sweep_benchmark.py --db sqlite --requests 1000000
    .venv/bin/python bench/sweep_benchmark.py --db postgresql --requests 1000000

Builds a fresh database with the migrations, loads demo procedures, inserts the
requests in one set-based statement with silence dates spread over 90 days, then
times ``sweep`` (and a second, idempotent run). Two cases:
- daily (default): earlier days were swept already, so today's sweep meets the ~1/90
  of requests whose silence falls today — what the nightly command does;
- ``--backlog``: nothing was ever swept and 60% of the requests have fallen — the worst case.
Prints one line per run.
"""
import argparse
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

import flask_migrate
import sqlalchemy as sa

from portal import create_app
from portal.extensions import db
from procedures import clock
from procedures.catalogue.models import Version
from procedures.catalogue.transfer import import_catalogue
from procedures.requests.sweep import sweep

DEMO = Path(__file__).resolve().parent.parent / "procedures" / "catalogue" / "demo"
ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def database(kind):
    if kind == "sqlite":
        return "sqlite:///" + str(Path(tempfile.mkdtemp()) / "bench.sqlite3"), None
    name = f"masatir_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    return ADMIN_URL.rsplit("/", 1)[0] + "/" + name, (admin, name)


def series(dialect, n):
    if dialect == "postgresql":
        return f"SELECT i FROM generate_series(1, {n}) AS i"
    return f"WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n}) SELECT i FROM s"


def fill(n, today, backlog):
    approval = db.session.scalar(sa.select(Version).filter_by(silence="approval").limit(1))
    refusal = db.session.scalar(sa.select(Version).where(Version.silence != "approval").limit(1))
    dialect = db.engine.dialect.name
    if dialect == "postgresql":
        today_sql, day = "CAST(:today AS DATE)", "CAST(:today AS DATE) - (i % 90 - 30)"
    else:
        today_sql, day = ":today", "date(:today, '-' || (i % 90 - 30) || ' days')"
    sql = f"""
        INSERT INTO request (number, secret_hash, idempotency_key, procedure_id, version_id, administration_id,
                             applicant, details, language, filed_at, filed_on, silence, state, due_on, silence_on,
                             receipt, signature)
        SELECT 'B' || i, 'x', 'k' || i,
               CASE WHEN i % 2 = 0 THEN :pa ELSE :pr END, CASE WHEN i % 2 = 0 THEN :va ELSE :vr END, :admin,
               '{{}}', '', 'fr', :now, :today, CASE WHEN i % 2 = 0 THEN 'approval' ELSE 'refusal' END,
               CASE WHEN i % 7 = 0 THEN 'approved' WHEN {day} >= {today_sql} OR :backlog THEN 'open'
                    WHEN i % 2 = 0 THEN 'tacitly_approved' ELSE 'implicitly_refused' END,
               {day}, {day}, '{{}}', ''
        FROM ({series(dialect, n)}) AS numbers"""
    db.session.execute(sa.text(sql), {
        "pa": approval.procedure_id, "pr": refusal.procedure_id, "va": approval.id, "vr": refusal.id,
        "admin": approval.procedure.administration_id, "now": clock.now().replace(tzinfo=None),
        "today": today.isoformat(), "backlog": backlog})
    db.session.commit()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--backlog", action="store_true", help="nothing swept before: 60%% of requests fall at once")
    args = parser.parse_args()
    url, cleanup = database(args.db)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "SECRET_KEY": "bench" * 8})
    try:
        with app.app_context():
            flask_migrate.upgrade()
            import_catalogue(DEMO / "taxonomy.json")
            import_catalogue(DEMO / "procedures-town-planning.json")
            import_catalogue(DEMO / "procedures-civil-status.json")
            today = clock.today()
            started = time.perf_counter()
            fill(args.requests, today, args.backlog)
            print(f"{args.db}: {args.requests:,} requests inserted in {time.perf_counter() - started:.1f} s")
            for run in ("first", "second"):
                started = time.perf_counter()
                changed = sweep(today + timedelta(days=0))
                db.session.commit()
                case = "backlog" if args.backlog else "daily"
                print(f"{args.db}: {case} sweep ({run} run) over {args.requests:,} requests: "
                      f"{time.perf_counter() - started:.2f} s, changed {changed}")
            db.session.remove()
            db.engine.dispose()
    finally:
        if cleanup:
            admin, name = cleanup
            with admin.connect() as connection:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
