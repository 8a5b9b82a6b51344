"""A small in-process cache with a time to live: enough for figures that change slowly.

Each worker keeps its own; a key is the query (kind, period, administration, day).
"""
import threading
import time

from flask import current_app

DEFAULT_SECONDS = 300


class TTLCache:
    def __init__(self, size=256):
        self.size, self._items, self._lock = size, {}, threading.Lock()

    def get_or_compute(self, key, compute, seconds):
        now = time.monotonic()
        with self._lock:
            hit = self._items.get(key)
            if hit and hit[0] > now:
                return hit[1]
        value = compute()
        if seconds > 0:
            with self._lock:
                if len(self._items) >= self.size:
                    self._items = {k: v for k, v in self._items.items() if v[0] > now}
                    if len(self._items) >= self.size:
                        self._items.clear()
                self._items[key] = (now + seconds, value)
        return value

    def clear(self):
        with self._lock:
            self._items.clear()


figures_cache = TTLCache()


def cached(key, compute):
    seconds = current_app.config.get("STATISTICS_CACHE_SECONDS", DEFAULT_SECONDS)
    return figures_cache.get_or_compute(key, compute, seconds)
