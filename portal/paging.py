"""The ``?page=`` of a listing, read the same way everywhere.

Missing or not a number: the first page (a mistyped address still shows something). Beyond
``MAX_PAGE``: 400, before any query: an offset that large means nothing to a reader and overflows
PostgreSQL's bigint (a 500 otherwise).
"""
from flask import abort, request

MAX_PAGE = 10_000


def page_number(name="page"):
    number = request.args.get(name, 1, type=int) or 1
    if number > MAX_PAGE:
        abort(400)
    return max(number, 1)
