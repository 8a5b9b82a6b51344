"""``flask jobs …``: the RQ worker, the scheduler of daily jobs, and handing pending notices out again."""
import click
from flask import current_app
from flask.cli import with_appcontext

from . import jobs


def _redis_required():
    if not current_app.config.get("JOBS_REDIS_URL"):
        raise click.ClickException("JOBS_REDIS_URL is not set: without Redis, notices are delivered in-process "
                                   "and the daily jobs run from cron (`flask requests sweep`, see DEPLOY.md).")


@click.group("jobs")
def jobs_cli():
    """Queued jobs: notices and the daily jobs."""


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty (tests, cron).")
@with_appcontext
def worker_command(burst):
    """Run an RQ worker in this application (jobs need its database and settings)."""
    _redis_required()
    from rq import SimpleWorker
    worker = SimpleWorker([jobs.queue()], connection=jobs.connection())
    worker.work(burst=burst, with_scheduler=True)


@jobs_cli.command("scheduler")
@with_appcontext
def scheduler_command():
    """Enqueue the scheduled jobs at their times (one scheduler for the whole deployment)."""
    _redis_required()
    from rq.cron import CronScheduler
    scheduler = CronScheduler(connection=jobs.connection())
    for function, line in jobs.SCHEDULE:
        scheduler.register(_function(function), current_app.config["JOBS_QUEUE"], cron=line, job_timeout=3600)
    scheduler.start()


def _function(path):
    module, name = path.rsplit(".", 1)
    return getattr(__import__(module, fromlist=[name]), name)


@jobs_cli.command("requeue")
@with_appcontext
def requeue_command():
    """Hand pending notices (and those of a worker that died) to the workers, or deliver them here."""
    click.echo(f"{jobs.requeue_job()} notice(s) handed out again.")


@jobs_cli.command("open-data")
@with_appcontext
def open_data_command():
    """Refresh the open-data files in OPEN_DATA_DIR (only what changed is written)."""
    changed = _function(next(path for path, _ in jobs.SCHEDULE if path.endswith(".open_data_job")))()
    click.echo(", ".join(changed) + " written." if changed else "Open data unchanged.")
