"""The period of the statistics, from the query string (``from``, ``to``; default: the last twelve months)."""
from datetime import date

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from .figures import Period

# Far enough on both sides for any real period, near enough for date arithmetic never to overflow.
SENSIBLE = validate.Range(min=date(2000, 1, 1), max=date(2099, 12, 31))


class PeriodArguments(Schema):
    start = fields.Date(data_key="from", load_default=None, validate=SENSIBLE)
    end = fields.Date(data_key="to", load_default=None, validate=SENSIBLE)
    administration = fields.String(load_default=None, validate=validate.Length(max=64))

    @validates_schema(skip_on_field_errors=True)
    def in_order(self, data, **kwargs):
        if data["start"] and data["end"] and data["start"] > data["end"]:
            raise ValidationError("must not be after 'to'", "from")


def read(args, today):
    """``(Period, administration code or None, errors)``. Without ``to``: today; without ``from``:
    twelve months before ``to``. On errors, the default period and the messages by field."""
    relevant = {key: value for key, value in args.items() if key in ("from", "to", "administration") and value}
    try:
        data = PeriodArguments().load(relevant)
    except ValidationError as error:
        return Period.default(today), None, error.messages
    end = data["end"] or today
    start = data["start"] or Period.default(end).start
    if start > end:
        return Period.default(today), None, {"from": ["must not be after 'to'"]}
    return Period(start, end), data["administration"], {}
