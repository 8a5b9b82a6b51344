"""Log lines leave together (portal/batched_log.py): what an operator reading the logs would notice is that
none is lost or reordered, a warning shows at once, and an idle worker's last lines show within a second."""
import contextlib
import io
import json
import logging
import subprocess
import sys
import threading

import pytest

from portal import production
from portal.batched_log import BatchedStreamHandler
from portal.config import ConfigurationError


class Broken:
    def write(self, text):
        raise BrokenPipeError

    def flush(self):
        pass


class Stream:
    """What the handler writes, write by write."""

    def __init__(self):
        self.writes, self.written = [], threading.Event()

    def write(self, text):
        self.writes.append(text)
        self.written.set()

    def flush(self):
        pass


@pytest.fixture
def log():
    stream, handlers = Stream(), []

    def make(**settings):
        handler = BatchedStreamHandler(stream, **settings)
        handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        logger = logging.getLogger(f"test.batched.{len(handlers)}")
        logger.propagate, logger.level = False, logging.INFO
        logger.addHandler(handler)
        handlers.append((logger, handler))
        return logger, stream

    yield make
    for logger, handler in handlers:
        logger.removeHandler(handler)
        handler.close()


def test_lines_leave_in_one_write_in_order_with_a_warning_at_once(log):
    logger, stream = log(interval=3600)
    for number in range(50):
        logger.info("GET /fr/procedures/%s 200", number)
    assert stream.writes == []  # held: no system call per line
    logger.warning("readiness: search index failed")
    assert len(stream.writes) == 1
    lines = stream.writes[0].splitlines()
    assert lines == [f"INFO GET /fr/procedures/{n} 200" for n in range(50)] + ["WARNING readiness: search index failed"]


def test_an_idle_worker_s_lines_are_written_without_another_line(log):
    logger, stream = log(interval=0.05)
    logger.info("GET /ar/ 200")
    assert stream.written.wait(timeout=30)  # the process's writer thread, not another line, wrote it
    assert stream.writes == ["INFO GET /ar/ 200\n"]


def test_lines_that_fill_the_buffer_leave_at_once(log):
    logger, stream = log(interval=3600, capacity=100)
    logger.info("a" * 60)
    assert stream.writes == []
    logger.info("b" * 60)
    assert stream.writes == [f"INFO {'a' * 60}\nINFO {'b' * 60}\n"]


def test_no_interval_writes_each_line_as_it_comes(log):
    logger, stream = log(interval=0)
    logger.info("one")
    logger.info("two")
    assert stream.writes == ["INFO one\n", "INFO two\n"]


def test_a_process_that_ends_writes_what_it_held():
    code = """
import logging, sys
from portal import production
from portal.batched_log import BatchedStreamHandler
from portal.config import ConfigurationError
handler = BatchedStreamHandler(sys.stdout, interval=3600)
logging.getLogger().addHandler(handler)
logging.getLogger().setLevel(logging.INFO)
for number in range(3):
    logging.info("line %s", number)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["line 0", "line 1", "line 2"]


def test_a_forked_process_writes_its_own_lines_not_its_parent_s_again():
    code = """
import logging, os, sys
from portal.batched_log import BatchedStreamHandler
from portal.config import ConfigurationError
handler = BatchedStreamHandler(sys.stdout, interval=3600)
logging.getLogger().addHandler(handler)
logging.getLogger().setLevel(logging.INFO)
logging.info("parent before the fork")
child = os.fork()
if child == 0:
    logging.info("child")
    logging.shutdown()
    os._exit(0)
os.waitpid(child, 0)
logging.info("parent after the fork")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert sorted(out.stdout.splitlines()) == ["child", "parent after the fork", "parent before the fork"]


def test_a_stream_that_fails_never_breaks_the_caller(log, capsys):
    logger, _ = log(interval=0)
    next(h for h in logger.handlers if isinstance(h, BatchedStreamHandler)).setStream(Broken())
    logger.warning("lost")  # no exception here: reported on stderr by logging, as a StreamHandler's failure is
    assert "BrokenPipeError" in capsys.readouterr().err


ODD = ["/fr/procedures/permis-de-construire", '/ar/search?q="رخصة" \\ \u200f', "/fr/\x01\x7f\ufeff/é"]


@pytest.mark.parametrize("path", ODD)
@pytest.mark.parametrize(("status", "duration", "remote_addr"), [(200, 0.0, "127.0.0.1"), (304, 12.3, None),
                                                                 (500, 1234.5, "::1")])
def test_the_access_line_written_directly_is_the_formatter_s_to_the_character(path, status, duration, remote_addr):
    fields = {"request_id": "0123abcd" * 4, "method": "GET", "path": path, "status": status,
              "duration_ms": duration, "remote_addr": remote_addr}
    record = production.ACCESS.makeRecord(production.ACCESS.name, logging.INFO, __file__, 1, "%s %s %s %.1f ms",
                                          ("GET", path, status, duration), None, extra=fields)
    production.RequestIdFilter().filter(record)
    direct = production.access_line(record.created, "GET", path, status, duration, fields["request_id"], remote_addr)
    assert direct == production.JsonFormatter().format(record)


@contextlib.contextmanager
def alone_on_root(handler):
    """``handler`` as configure_logging installs it in production: alone on the root logger, at INFO. Inside
    a test's body only: pytest's own capturing handlers, on the root logger around it, are put back after."""
    saved, level = logging.root.handlers, logging.root.level
    logging.root.handlers = [handler]
    logging.root.setLevel(logging.INFO)
    try:
        yield
    finally:
        logging.root.handlers = saved
        logging.root.setLevel(level)


@pytest.fixture
def json_handler():
    """The handler configure_logging installs in production, writing to a Stream."""
    stream = Stream()
    handler = BatchedStreamHandler(stream, interval=0)
    handler.masatir = True
    handler.setFormatter(production.JsonFormatter())
    handler.addFilter(production.RequestIdFilter())
    yield handler, stream
    handler.close()


def test_an_access_line_reaches_the_log_directly_or_through_every_handler(json_handler, monkeypatch):
    handler, stream = json_handler
    with alone_on_root(handler):
        monkeypatch.setattr(production.ACCESS, "makeRecord", None)  # the direct way makes no record
        production.log_access("GET", "/ar/", 200, None, "f" * 32, "10.0.0.1")
        monkeypatch.undo()
        written = json.loads(stream.writes[-1])
        assert written == {"time": written["time"], "level": "info", "logger": "masatir.access", "request_id": "f" * 32,
                           "message": "GET /ar/ 200 0.0 ms", "method": "GET", "path": "/ar/", "status": 200,
                           "duration_ms": 0.0, "remote_addr": "10.0.0.1"}
        other = Stream()
        logging.root.addHandler(logging.StreamHandler(other))  # another handler: the logging module's way, to both
        production.log_access("GET", "/fr/", 304, None, "e" * 32, "10.0.0.2")
    assert json.loads(stream.writes[-1])["path"] == "/fr/" and other.writes == ["GET /fr/ 304 0.0 ms\n"]


def test_an_access_line_that_cannot_be_written_never_breaks_the_request(json_handler, capsys):
    handler, _ = json_handler
    handler.setStream(Broken())
    with alone_on_root(handler):
        production.log_access("GET", "/fr/", 200, None, "f" * 32, None)  # no exception here: reported on stderr
    assert "BrokenPipeError" in capsys.readouterr().err


def test_a_line_that_cannot_be_written_loses_only_itself(log, capsys):
    logger, _ = log(interval=3600)
    handler = next(h for h in logger.handlers if isinstance(h, BatchedStreamHandler))
    raw = io.BytesIO()
    handler.setStream(io.TextIOWrapper(raw, encoding="utf-8", errors="strict", write_through=True))
    for number in range(5):
        logger.info("line %s", number)
    logger.info("bad \udcff")  # a lone surrogate: no UTF-8 for it
    logger.warning("after")
    assert raw.getvalue().decode().splitlines() == [f"INFO line {n}" for n in range(5)] + ["WARNING after"]
    assert "UnicodeEncodeError" in capsys.readouterr().err


@pytest.mark.parametrize("typed", ["nan", "inf", "-1", "61", "soon", "1e300"])
def test_a_flush_delay_that_is_no_sane_number_of_seconds_stops_the_start(typed):
    with pytest.raises(ConfigurationError, match="LOG_FLUSH_SECONDS"):
        production.flush_seconds(typed)
    assert production.flush_seconds("0") == 0 and production.flush_seconds("2.5") == 2.5


def test_a_logger_on_the_way_that_keeps_its_records_keeps_the_access_line_too(json_handler):
    handler, stream = json_handler
    between = logging.getLogger("masatir")
    with alone_on_root(handler):
        between.propagate = False
        try:
            production.log_access("GET", "/fr/", 200, None, None, None)
        finally:
            between.propagate = True
        assert stream.writes == []
        production.log_access("GET", "/fr/", 200, None, None, None)  # no id given, none in a request: "-"
    assert json.loads(stream.writes[-1])["request_id"] == "-"
