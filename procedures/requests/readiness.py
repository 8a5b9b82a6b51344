"""``/readyz``'s check of the upload store (registered by ``requests.init_app``)."""
import os
import socket

from flask import current_app

from .storage import from_config


def check_uploads():
    """The upload store (folder or bucket) takes a file, gives it back, and lets it go."""
    store, folder = from_config(current_app.config), f"readiness/{socket.gethostname()}-{os.getpid()}"
    store.put(f"{folder}/probe", b"ok")
    try:
        if store.get(f"{folder}/probe") != b"ok":
            raise OSError("the probe came back different")
    finally:
        store.delete_tree(folder)
