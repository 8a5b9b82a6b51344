"""What a browser has proved: that it holds the secret code of a request or of a report.

The session (a signed cookie) keeps, per kind, the numbers and secret codes this browser typed or
was handed out at filing, so that whoever filed or tracked a request or a report follows it, and
sees its receipt or confirmation again, without retyping. Only the secret is kept (its hash is
computed when needed), and only the ``KEPT`` most recent per kind: a browser that files a hundred
times keeps a cookie of bounded size (a cookie over 4 KB is dropped by the browser, and the
receipt would no longer open). An older one opens again with its number and code.
"""
import sqlalchemy as sa
from flask import current_app, session

from portal.extensions import db
from portal.security import mark_private

from . import numbers
from .models import Request

KEPT = 10


class Proofs:
    def __init__(self, model, kind):
        self.model, self.kind = model, kind  # ``kind`` names the session's entry: "requests", "reports"

    def _hash(self, secret):
        return numbers.secret_hash(current_app.config["SECRET_KEY"], secret)

    def _known(self):
        """``[[number, secret], ...]``, the most recent last (a list: the cookie's JSON sorts keys)."""
        known = session.get(self.kind)
        return [entry for entry in known if isinstance(entry, list) and len(entry) == 2] \
            if isinstance(known, list) else []

    def remember(self, number, secret):
        mark_private()
        known = [entry for entry in self._known() if entry[0] != number]
        session[self.kind] = [*known, [number, secret]][-KEPT:]

    def secret(self, number):
        """The secret this browser typed or was given for ``number``, to show it again."""
        mark_private()
        return next((secret for known, secret in self._known() if known == number), None)

    def accessible(self, number):
        """The request or report ``number``, when this browser proved it holds its secret."""
        secret = self.secret(number)
        if secret is None:
            return None
        found = db.session.scalar(sa.select(self.model).filter_by(number=number))
        if found is None or found.secret_hash != self._hash(secret):
            return None
        return found

    def open(self, typed_number, secret):
        """The request or report a number and a secret code, as typed, designate (then
        remembered), or None when either is wrong."""
        number = numbers.normalise(typed_number)
        found = db.session.scalar(sa.select(self.model).filter_by(number=number)) if number else None
        if found is None or found.secret_hash != self._hash(secret):
            return None
        self.remember(found.number, secret)
        return found


REQUESTS = Proofs(Request, "requests")  # what this browser proved about requests, read by requests and reports
