"""Issue 12 §5: the daily jobs are queued jobs that change nothing when run twice."""
from datetime import timedelta

import sqlalchemy as sa

from portal.extensions import db
from procedures import clock
from procedures.requests.jobs import sweep_job
from procedures.statistics.jobs import open_data_job
from procedures.notices import jobs
from procedures.notices.models import Notice
from procedures.requests.models import Request
from tests.filing import file_request


def test_the_sweep_job_records_silence_and_its_notice_once(app, office, monkeypatch, fixed_today):
    file_request(app, app.test_client(), email="amina@example.ma")
    with app.app_context():
        silence_on = db.session.scalar(sa.select(Request.silence_on))
    monkeypatch.setattr(clock, "today", lambda: silence_on + timedelta(days=1))
    with app.test_request_context():
        assert sweep_job()["tacit_approval"] == 1
        assert set(sweep_job().values()) == {0}
        assert db.session.scalar(sa.select(Request.state)) == "tacitly_approved"
        keys = db.session.scalars(sa.select(Notice.key)).all()
        assert len(keys) == 2  # the filing and the tacit approval, never a third


def test_the_open_data_job_writes_only_what_changed(app, office, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "OPEN_DATA_DIR", str(tmp_path / "open-data"))
    with app.test_request_context():
        assert sorted(open_data_job()) == ["masatir-catalogue.csv", "masatir-catalogue.json"]
        before = (tmp_path / "open-data" / "masatir-catalogue.json").stat().st_mtime_ns
        assert open_data_job() == []
        assert (tmp_path / "open-data" / "masatir-catalogue.json").stat().st_mtime_ns == before
        assert b"permis-de-construire" in (tmp_path / "open-data" / "masatir-catalogue.json").read_bytes()


def test_every_scheduled_job_exists_and_the_schedule_parses():
    from croniter import croniter
    for path, line in jobs.SCHEDULE:
        module, name = path.rsplit(".", 1)
        assert callable(getattr(__import__(module, fromlist=[name]), name)), path
        assert croniter.is_valid(line), line
