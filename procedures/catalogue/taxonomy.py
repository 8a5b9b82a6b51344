"""The catalogue's lists kept by administrators (administrations, themes). Operations: they flush, never
commit (the view commits once, through ``portal.transaction``)."""
import sqlalchemy as sa

from portal import audit
from portal.extensions import db


def save_entry(kind, model, key_name, key, choice_name, choice, name):
    """Create the entry ``key`` of list ``kind`` (last in the list), or change its name and choice; audited."""
    row = db.session.scalar(sa.select(model).filter_by(**{key_name: key}))
    if row is None:
        position = db.session.scalar(sa.select(sa.func.count()).select_from(model))
        row = model(position=position, name=name, **{key_name: key, choice_name: choice})
        db.session.add(row)
    else:
        setattr(row, choice_name, choice)
        row.name = name
    db.session.flush()
    audit.record(f"{kind}_saved", f"{kind}:{key}", name=name, **{choice_name: choice})
    return row
