"""Queued jobs on RQ: delivering notices (with retries and back-off) and the scheduled ones.

Why RQ: the production mode already runs Redis (rate limits); RQ needs nothing else, its jobs are
plain functions, ``Retry`` gives back-off, and its ``CronScheduler`` enqueues the daily jobs, so
one small, well-kept library covers both. Without ``JOBS_REDIS_URL`` (``make run``, the tests) a
notice is delivered in the same process after the commit; what fails stays pending for
``flask jobs requeue``.

Every job runs inside the application context of ``flask jobs worker`` and is safe to run twice.
"""
import sqlalchemy as sa
from flask import current_app, has_app_context

from portal.extensions import db

from . import outbox
from .models import Notice

RETRY_INTERVALS = (30, 120, 600, 1800, 7200)  # seconds between attempts: then `flask jobs requeue` takes over
SCHEDULE = (  # (job, cron line in UTC): what DEPLOY.md documents
    # Named, not imported: the jobs of the areas above this one (requests, statistics) stay theirs.
    ("procedures.requests.jobs.sweep_job", "5 * * * *"),  # hourly: the day turns at midnight Morocco time
    ("procedures.statistics.jobs.open_data_job", "20 2 * * *"),
    ("procedures.notices.jobs.requeue_job", "*/10 * * * *"),
    ("procedures.requests.jobs.expire_staging_job", "40 * * * *"),  # hourly: files of refused forms
)


@sa.event.listens_for(sa.orm.Session, "after_flush")
def _collect(session, _context):
    for instance in session.new:
        if isinstance(instance, Notice):
            session.info.setdefault("notices", []).append(instance.id)


@sa.event.listens_for(sa.orm.Session, "after_commit")
def _dispatch(session):
    ids = session.info.pop("notices", None)
    if ids and has_app_context():
        dispatch(ids)


@sa.event.listens_for(sa.orm.Session, "after_rollback")
def _forget(session):
    session.info.pop("notices", None)


def connection():
    from redis import Redis
    return Redis.from_url(current_app.config["JOBS_REDIS_URL"])


def queue():
    from rq import Queue
    return Queue(current_app.config["JOBS_QUEUE"], connection=connection())


def dispatch(ids):
    """After the commit: to the workers, or delivered here when there are none."""
    if current_app.config.get("JOBS_REDIS_URL"):
        from redis.exceptions import RedisError
        from rq import Retry
        try:
            for notice_id in ids:
                queue().enqueue(deliver_job, notice_id, retry=Retry(max=len(RETRY_INTERVALS),
                                                                      interval=list(RETRY_INTERVALS)),
                                job_timeout=120, description=f"notice {notice_id}")
        except RedisError:  # the notices stay pending in the database: the requeue job finds them
            current_app.logger.exception("Redis unreachable; notices %s left for the next requeue", ids)
        return
    if not outbox.mail_configured():
        return
    for notice_id in ids:
        try:
            outbox.deliver(notice_id)
        except outbox.DeliveryFailed:
            current_app.logger.warning("Notice %s not delivered; pending for `flask jobs requeue`", notice_id)
        except Exception:  # noqa: BLE001  (the event is committed: a failure here, e.g. a locked database
            # while identical posts race, must not turn its answer into an error; the notice stays pending)
            current_app.logger.exception("Notice %s not delivered; pending for `flask jobs requeue`", notice_id)
            db.session.rollback()


def deliver_job(notice_id):
    return outbox.deliver(notice_id)


def requeue_job():
    """Hand every pending notice (and any whose worker died) to the workers again."""
    ids = outbox.due_ids()
    if ids:
        dispatch(ids)
    return len(ids)
