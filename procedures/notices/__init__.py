"""Notices to citizens, kept in an outbox and delivered by queued jobs (issue 12 §5).

A notice is written in the same transaction as the event it announces (``outbox.record``), so an
event is never committed without its notice nor a notice without its event. After the commit it is
handed to a worker (``jobs``): RQ on Redis when ``JOBS_REDIS_URL`` is set, else delivered in the
same process (``make run`` needs no Redis). A notice that could not be delivered stays pending and
is delivered by the next attempt: RQ's retries with back-off, then ``flask jobs requeue`` (scheduled).
"""


def init_app(app):
    from . import cli, jobs  # noqa: F401 (jobs listens to the sessions' commits)

    app.cli.add_command(cli.jobs_cli)
