"""Where uploaded files are kept: a folder outside the web root (``UPLOAD_DIR``).

Writes are atomic (a temporary file renamed into place), so a crash never leaves a
half-written file under a key that a request points to.
"""
import os
import tempfile
from pathlib import Path


class LocalStorage:
    def __init__(self, root):
        self.root = Path(root)

    def _path(self, key):
        path = (self.root / key).resolve()
        if self.root.resolve() not in path.parents:
            raise ValueError(f"storage key outside the storage folder: {key!r}")
        return path

    def put(self, key, data):
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(out.name, path)

    def get(self, key):
        return self._path(key).read_bytes()

    def exists(self, key):
        return self._path(key).exists()

    def move(self, source, target):
        path = self._path(target)
        path.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self._path(source), path)

    def delete_tree(self, prefix):
        folder = self._path(prefix)
        if folder.is_dir():
            for item in folder.iterdir():
                item.unlink()
            folder.rmdir()
