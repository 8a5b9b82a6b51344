"""Log lines written together: at most ``interval`` seconds after the first of them, at once for a warning.

The access log (``LOG_REQUESTS``) has one line per request. Written as it came, each line cost a system call,
and under load that was a fifth of what a kept page costs a worker (with wrk against gunicorn: a revalidation
at 0.80 of hello world's throughput with the line, 0.94 without). nginx buffers its own access log the same
way (``access_log … buffer= flush=``). Here:

- lines keep their order, and leave in one write when the oldest has waited ``interval`` seconds (a thread
  of the process writes them if nothing else comes), when they fill ``capacity`` characters, or when a
  warning or an error comes (written at once, after the lines before it);
- a process that stops writes what it holds: ``logging.shutdown`` (at exit, after gunicorn's SIGTERM or
  SIGQUIT too) flushes every handler. Only a process killed outright (SIGKILL) loses up to ``interval``
  seconds of lines, never a warning;
- ``interval=0`` writes each line as it comes, as ``logging.StreamHandler`` does.
"""
import logging
import os
import threading
import time


class BatchedStreamHandler(logging.StreamHandler):
    def __init__(self, stream=None, interval=1.0, capacity=64 * 1024):
        super().__init__(stream)
        self.interval, self.capacity = interval, capacity
        self.pending, self.size, self.oldest = [], 0, None
        self.pid, self.writer_pid, self.closed = os.getpid(), None, threading.Event()

    def emit(self, record):  # called by handle(), which holds the handler's lock
        try:
            self.add(self.format(record) + self.terminator, record.levelno)
        except Exception:  # noqa: BLE001  (as logging.StreamHandler: a log line never breaks the caller)
            self.handleError(record)

    def add(self, line, level=logging.INFO):
        """One line, already formatted (``emit``'s, or one written without a record: portal.production).
        A failure to write is reported as the logging module reports one, never raised to the caller."""
        with self.lock:
            self.own_lines()
            self.pending.append(line)
            self.size += len(line)
            now = time.monotonic()
            self.oldest = now if self.oldest is None else self.oldest
            if level >= logging.WARNING or self.size >= self.capacity or now - self.oldest >= self.interval:
                self.write_safely()
            elif self.writer_pid != self.pid:  # none yet in this process (a fork inherits no thread)
                self.writer_pid = self.pid
                threading.Thread(target=self.write_late, name="log-lines", daemon=True).start()

    def own_lines(self):
        """After a fork, the lines held are the parent's, which writes them: the child forgets them."""
        if self.pid != os.getpid():
            self.pid, self.pending, self.size, self.oldest = os.getpid(), [], 0, None

    def flush(self):
        with self.lock:
            self.own_lines()
            lines, self.pending, self.size, self.oldest = self.pending, [], 0, None
            if lines:
                try:
                    self.stream.write("".join(lines))
                except Exception:  # noqa: BLE001
                    self.write_each(lines)
            super().flush()

    def write_each(self, lines):
        """Line by line: one that cannot be written loses only itself, as with a StreamHandler, and is
        reported (the first failure is raised, once the others are written)."""
        failure = None
        for line in lines:
            try:
                self.stream.write(line)
            except Exception as error:  # noqa: BLE001
                failure = failure or error
        if failure is not None:
            raise failure

    def write_safely(self):
        try:
            self.flush()
        except Exception:  # noqa: BLE001
            self.handleError(logging.makeLogRecord({"msg": "log lines that could not be written"}))

    def write_late(self):
        """The lines nothing else came to write: at most ``interval`` seconds late."""
        while not self.closed.wait(self.interval):
            self.write_safely()

    def close(self):
        self.closed.set()
        super().close()  # logging.shutdown flushes before it closes
