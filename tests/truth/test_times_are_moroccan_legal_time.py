"""Issue 11, item 8: every time shown or printed is Moroccan legal time, from the clock's own zone:
around midnight and across a change of offset for Ramadan (UTC+1 -> UTC+0 on 15 Feb 2026)."""
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from flask_babel import get_timezone

from portal.extensions import db
from procedures import clock
from procedures.requests.models import Request
from tests.documents import pdfread
from tests.pages import text_of
from tests.truth.test_silence_is_said_the_same_everywhere import file_any

MONTHS = {"fr": {12: "déc.", 2: "fév.", 9: "sept."}}
PDF_MONTHS = {"fr": {12: "décembre", 2: "février", 9: "septembre"}, "ar": {12: "دجنبر", 2: "فبراير", 9: "شتنبر"}}


@pytest.mark.parametrize("instant", [
    datetime(2026, 9, 19, 23, 30, tzinfo=UTC),  # just after midnight in Rabat (UTC+1 until 20 Sept. 2026, 02:00)
    datetime(2026, 12, 1, 23, 30, tzinfo=UTC),  # UTC+0 since then: still 1 December, "1er" in French
    datetime(2026, 12, 2, 3, 38, tzinfo=UTC),
    datetime(2026, 2, 14, 23, 30, tzinfo=UTC),  # the night the clocks go back for Ramadan: UTC+1 until 03:00
    datetime(2026, 2, 15, 23, 30, tzinfo=UTC),  # UTC+0 during Ramadan
])
def test_the_receipt_shows_the_moroccan_time_and_day_of_filing(app, office, monkeypatch, lang, instant):
    local = instant.astimezone(clock.MOROCCO)
    monkeypatch.setattr(clock, "now", lambda: local)
    monkeypatch.setattr(clock, "today", lambda: local.date())
    client = app.test_client()
    slug = "permis-de-construire"
    number = file_any(client, lang, slug)
    with app.app_context():
        found = db.session.scalar(sa.select(Request).filter_by(number=number))
        assert found.filed_at == instant.replace(tzinfo=None) and found.filed_on == local.date()
    page = text_of(client.get(f"/{lang}/requests/{number}/receipt")).replace("\u200f", "")
    hour = local.strftime("%H:%M")
    first = "1er" if local.day == 1 else str(local.day)
    day = f"{first} {MONTHS['fr'][local.month]} {local.year}" if lang == "fr" else f"{local:%d/%m/%Y}"
    assert day in page and hour in page, page
    pdf = " ".join(pdfread.logical(line) for line in pdfread.visual_lines(
        client.get(f"/{lang}/requests/{number}/receipt.pdf").data))
    assert f"{local.day} {PDF_MONTHS[lang][local.month]} {local.year}" in pdf and hour in pdf, pdf


def test_ramadan_changes_the_offset_and_midnight_changes_the_day():
    assert datetime(2026, 2, 14, 12, tzinfo=clock.MOROCCO).utcoffset().total_seconds() == 3600
    assert datetime(2026, 2, 16, 12, tzinfo=clock.MOROCCO).utcoffset().total_seconds() == 0
    assert datetime(2026, 3, 23, 12, tzinfo=clock.MOROCCO).utcoffset().total_seconds() == 3600
    assert clock.local(datetime(2026, 2, 14, 23, 30)).date().isoformat() == "2026-02-15"
    assert clock.local(datetime(2026, 2, 15, 23, 30)).date().isoformat() == "2026-02-15"


def test_morocco_is_on_utc_from_20_september_2026_whatever_the_system_files_say():
    """IANA 2026c: Morocco left UTC+1 for permanent UTC+0 on 2026-09-20 at 02:00 (01:00 UTC). The zone comes
    from the pinned tzdata package, so a server whose own files predate the decree still prints the right hour."""
    assert datetime(2026, 9, 20, 0, 59, tzinfo=UTC).astimezone(clock.MOROCCO).hour == 1
    assert datetime(2026, 9, 20, 1, 0, tzinfo=UTC).astimezone(clock.MOROCCO).hour == 1
    assert datetime(2026, 12, 2, 12, tzinfo=clock.MOROCCO).utcoffset().total_seconds() == 0
    filed = clock.local(datetime(2026, 12, 2, 4, 38))  # the issue's example: 04:38 UTC
    assert (filed.day, filed.hour, filed.minute) == (2, 4, 38)
    assert clock.local(datetime(2026, 12, 1, 23, 30)).date().isoformat() == "2026-12-01"


def test_pages_use_the_clock_zone_not_pytz(app):
    with app.test_request_context("/fr/"):
        assert get_timezone() is clock.MOROCCO
