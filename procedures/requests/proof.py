"""What a browser has proved: that it holds the secret code of a request or of a report.

The session keeps, per number, the hash of the secret typed (or handed out at filing) and the
secret itself, so that whoever filed or tracked a request or a report follows it, and sees its
receipt or confirmation again, without retyping. One ``Proofs`` per kind of tracked thing.
"""
import sqlalchemy as sa
from flask import current_app, session

from portal.extensions import db

from . import numbers
from .models import Request


class Proofs:
    def __init__(self, model, kind):
        self.model, self.kind = model, kind  # ``kind`` names the session's entries: "requests", "reports"

    def _hash(self, secret):
        return numbers.secret_hash(current_app.config["SECRET_KEY"], secret)

    def _secret_key(self, number):
        return f"{self.kind}-secret:{number}"

    def remember(self, number, secret):
        known = session.get(self.kind, {})
        known[number] = self._hash(secret)
        session[self.kind] = known
        session[self._secret_key(number)] = secret

    def secret(self, number):
        """The secret this browser typed or was given for ``number``, to show it again."""
        return session.get(self._secret_key(number))

    def accessible(self, number):
        """The request or report ``number``, when this browser proved it holds its secret."""
        found = db.session.scalar(sa.select(self.model).filter_by(number=number))
        if found is None or session.get(self.kind, {}).get(number) != found.secret_hash:
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
