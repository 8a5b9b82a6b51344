"""Where the index lives, and how several processes share it safely.

``<SEARCH_INDEX_DIR>/current`` is a symbolic link to one folder of ``builds/``. A full
rebuild fills a new folder aside, then replaces the link in one ``rename`` (atomic
on POSIX): a search opens either the old index or the new one, never half of one.
Every write (one procedure, a catch-up, the swap) holds ``write.lock``; a rebuild also
holds ``build.lock`` so that two rebuilds do not run at once. Both are ``flock`` locks,
released by the kernel if the process dies, taken with a timeout.
"""
import errno
import fcntl
import json
import os
import shutil
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

META = "masatir.json"
KEEP_BUILDS = 2  # the current one and the previous one, which slow readers may still use


class IndexBusy(TimeoutError):
    """Another process held the lock longer than the timeout."""


class Store:
    def __init__(self, root):
        self.root = Path(root)
        self.builds = self.root / "builds"
        self.link = self.root / "current"

    def current(self):
        """The folder of the index in use, or None when there is none yet."""
        try:
            target = os.readlink(self.link)
        except OSError:
            return None
        return self.builds / Path(target).name

    def new_build(self):
        self.builds.mkdir(parents=True, exist_ok=True)
        folder = self.builds / f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        folder.mkdir()
        return folder

    def swap(self, folder):
        """Make ``folder`` the index in use, atomically; old builds beyond the last two go."""
        temporary = self.root / f".current-{uuid.uuid4().hex}"
        os.symlink(Path("builds") / folder.name, temporary)
        os.replace(temporary, self.link)
        self._prune(keep=folder)

    def _prune(self, keep):
        builds = sorted((path for path in self.builds.iterdir() if path.is_dir()), key=lambda p: p.stat().st_mtime)
        old = [path for path in builds if path != keep][:-(KEEP_BUILDS - 1) or None]
        for path in old:
            shutil.rmtree(path, ignore_errors=True)

    def discard(self, folder):
        shutil.rmtree(folder, ignore_errors=True)

    def read_meta(self, folder=None):
        folder = folder or self.current()
        try:
            return json.loads((folder / META).read_text())
        except (OSError, TypeError, ValueError):
            return {}

    def write_meta(self, folder, meta):
        temporary = folder / f".{META}.{uuid.uuid4().hex}"
        temporary.write_text(json.dumps(meta))
        os.replace(temporary, folder / META)

    @contextmanager
    def lock(self, name, timeout):
        """Hold ``<root>/<name>.lock``; IndexBusy after ``timeout`` seconds of waiting."""
        self.root.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + timeout
        with open(self.root / f"{name}.lock", "a") as handle:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as error:
                    if error.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() >= deadline:
                        raise IndexBusy(f"the search index is locked ({name}); try again later") from None
                    time.sleep(0.02)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
