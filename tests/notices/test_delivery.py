"""Issue 12 §5: a notice is recorded with its event and delivered by a worker, exactly once,
whatever happens to the mail server or to the worker."""
import asyncio
import email
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from portal.extensions import db
from procedures.notices.models import Notice
from tests.filing import file_request
from tests.requests.test_mail import free_port

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/15"


class Inbox:
    """An SMTP server's handler; with ``hold``, the first conversation stops at RCPT until released."""

    def __init__(self, hold=False):
        self.messages, self.hold = [], hold
        self.held, self.release = threading.Event(), threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self.hold and not self.held.is_set():
            self.held.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def redis_queue(app, monkeypatch):
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisDown
    try:
        Redis.from_url(REDIS_URL).ping()
    except RedisDown:
        pytest.skip("Redis is not reachable at 127.0.0.1:6379: start it with "
                    "`redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no`")
    name = f"test-{uuid.uuid4().hex[:8]}"
    monkeypatch.setitem(app.config, "JOBS_REDIS_URL", REDIS_URL)
    monkeypatch.setitem(app.config, "JOBS_QUEUE", name)
    yield name
    from rq import Queue
    Queue(name, connection=Redis.from_url(REDIS_URL)).delete(delete_jobs=True)


def smtp(app, monkeypatch, handler, port):
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", port)
    return controller


def run_worker(app):
    from rq import SimpleWorker
    from procedures.notices import jobs
    with app.app_context():
        SimpleWorker([jobs.queue()], connection=jobs.connection()).work(burst=True)


def notices(app):
    with app.app_context():
        return [(n.key, n.state, n.attempts) for n in db.session.scalars(sa.select(Notice).order_by(Notice.id))]


def requeue(app):
    from procedures.notices import jobs
    with app.app_context():
        return jobs.requeue_job()


def test_mail_down_at_filing_then_up_the_worker_delivers_the_notice_once(app, office, redis_queue, monkeypatch):
    inbox = Inbox()
    controller = smtp(app, monkeypatch, inbox, free_port())  # not started: the mail server is down
    number = file_request(app, app.test_client(), lang="ar", email="amina@example.ma")
    [(key, state, attempts)] = notices(app)
    assert key.startswith("request-event:") and state == "pending"  # recorded with the filing
    run_worker(app)  # mail still down: the attempt fails, the notice stays pending
    assert notices(app)[0][1:] == ("pending", 1) and inbox.messages == []
    controller.start()
    try:
        assert requeue(app) == 1
        run_worker(app)
        assert requeue(app) == 0  # nothing left to deliver
        run_worker(app)
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    assert inbox.messages[0]["To"] == "amina@example.ma" and "رخصة البناء" in inbox.messages[0].get_payload(
        decode=True).decode()
    assert number.replace("-", "")[:4] in inbox.messages[0]["Subject"].replace("-", "")
    assert notices(app)[0][1] == "sent"


def test_a_worker_killed_mid_delivery_loses_nothing_and_sends_nothing_twice(app, office, redis_queue,
                                                                             monkeypatch, tmp_path):
    inbox = Inbox(hold=True)
    port = free_port()
    controller = smtp(app, monkeypatch, inbox, port)
    controller.start()
    monkeypatch.setitem(app.config, "NOTICE_LEASE_SECONDS", 1)
    file_request(app, app.test_client(), email="amina@example.ma")  # enqueued for the worker started below
    env = {**os.environ, "FLASK_APP": "wsgi", "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "SECRET_KEY": app.config["SECRET_KEY"], "JOBS_REDIS_URL": REDIS_URL, "JOBS_QUEUE": redis_queue,
           "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(port), "NOTICE_LEASE_SECONDS": "1",
           "INSTANCE_PATH": str(tmp_path), "UPLOAD_DIR": app.config["UPLOAD_DIR"]}
    worker = subprocess.Popen([sys.executable, "-m", "flask", "jobs", "worker"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert inbox.held.wait(120), "the worker never reached the mail server"
        assert notices(app)[0][1] == "sending"
        os.killpg(worker.pid, signal.SIGKILL)  # killed in the middle of the SMTP conversation
        worker.wait(30)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
    inbox.release.set()
    assert inbox.messages == []
    deadline = time.monotonic() + 30
    while requeue(app) == 0:  # the dead worker's claim expires (one second), then the notice is due again
        assert time.monotonic() < deadline, "the killed worker's notice never became due again"
    run_worker(app)
    requeue(app)
    run_worker(app)
    controller.stop()
    assert len(inbox.messages) == 1
    assert [(state, attempts) for _key, state, attempts in notices(app)] == [("sent", 2)]
