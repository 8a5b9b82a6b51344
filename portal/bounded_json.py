"""JSON from outside (request bodies, import files), refused when nested too deep.

Python's parser recurses: a 3,000-deep array raises ``RecursionError``, which no handler expects
(a 500, or a bare traceback from a command), and a document a little less deep still breaks the
validation that walks it. Nothing the portal reads is nested more than a few levels, so anything
deeper than ``MAX_DEPTH`` is refused as malformed (``ValueError``), like invalid JSON.
"""
import json

from flask.json.provider import DefaultJSONProvider

MAX_DEPTH = 64


class TooDeep(ValueError):
    pass


def depth(value):
    """The nesting depth of a parsed document, measured without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level > MAX_DEPTH:
                return level
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def loads(text, **options):
    try:
        value = json.loads(text, **options)
    except RecursionError as error:
        raise TooDeep(f"nested deeper than {MAX_DEPTH} levels") from error
    if depth(value) > MAX_DEPTH:
        raise TooDeep(f"nested deeper than {MAX_DEPTH} levels")
    return value


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, with request bodies read through ``loads`` above."""

    def loads(self, s, **kwargs):
        return loads(s, **kwargs)
