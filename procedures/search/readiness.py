"""``/readyz``'s check of this node's search index (registered by ``search.init_app``)."""
from flask import current_app

from .store import Store


def check_search_index():
    store = Store(current_app.config["SEARCH_INDEX_DIR"])
    folder = store.current()
    if folder is None or not store.read_meta(folder):
        raise LookupError("no index yet: run `flask search update`")
    next(folder.iterdir())
