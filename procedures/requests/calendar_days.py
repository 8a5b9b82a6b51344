"""The administrators' overlay of the working-day calendar: days off the government announces, lunar
holidays moved once the moon is sighted. Operations: they flush, never commit (the view commits)."""
import sqlalchemy as sa

from portal import audit
from portal.extensions import db

from .models import CalendarDay


def save_day(day, kind, label):
    """Mark ``day`` as ``kind`` ("off" or "worked"), with why (``{lang: text}``), audited."""
    row = db.session.scalar(sa.select(CalendarDay).filter_by(day=day)) or CalendarDay(day=day)
    row.kind, row.label = kind, {k: v for k, v in label.items() if v}
    db.session.add(row)
    audit.record("calendar_saved", f"calendar:{day.isoformat()}", kind=kind, label=row.label)
    db.session.flush()
    return row


def remove_day(day):
    """Give ``day`` back to the plain calendar; False when it was not marked."""
    row = db.session.scalar(sa.select(CalendarDay).filter_by(day=day))
    if row is None:
        return False
    db.session.delete(row)
    audit.record("calendar_removed", f"calendar:{day}")
    db.session.flush()
    return True
