"""Who may do what with a report, in which order, and who is told."""
import re

import flask_migrate
import pytest
import sqlalchemy as sa

from portal.extensions import db
from procedures.reports.models import Report, ReportEvent, ReportHistoryIsAppendOnly
from tests.requests.test_mail import body, inbox  # noqa: F401 (a local SMTP server)
from tests.reports.reporting import report
from tests.reports.test_flow import step


def events(app, number):
    with app.app_context():
        return db.session.scalars(sa.select(ReportEvent.kind).join(Report).where(Report.number == number)
                                  .order_by(ReportEvent.id)).all()


def test_each_body_takes_its_own_steps(app, office, as_role):
    number, _ = report(app.test_client(), contact="0612345678")
    agent, editor, reviewer, admin = (as_role(who) for who in ("agent", "editor", "reviewer", "admin"))
    assert step(reviewer, number, step="answer", outcome="withdrawn", response="x").status_code == 403
    assert step(agent, number, step="finding", text="x").status_code == 403
    assert step(admin, number, step="acknowledge").status_code == 403  # admins read
    seen_by = {who: "0612345678" in client.get(f"/fr/office/reports/{number}").get_data(as_text=True)
               for who, client in (("agent", agent), ("reviewer", reviewer), ("admin", admin))}
    assert seen_by == {"agent": True, "reviewer": True, "admin": False}  # as the form promises
    assert step(agent, number, step="teleport").status_code == 400
    assert step(editor, number, step="acknowledge").status_code == 302  # the editor acts for the administration
    refused = step(agent, number, step="acknowledge")
    assert refused.status_code == 400 and "déjà été accusée" in refused.get_data(as_text=True)
    no_outcome = step(agent, number, step="answer", outcome="", response="Nous vérifions.")
    assert no_outcome.status_code == 400 and "Choisissez la suite donnée à la demande." in no_outcome.get_data(
        as_text=True)
    assert "Nous vérifions." in no_outcome.get_data(as_text=True)  # what the agent wrote is kept
    assert step(agent, number, step="answer", outcome="listed", response="").status_code == 400
    assert step(agent, number, step="answer", outcome="listed", response="x" * 2001).status_code == 400
    assert step(agent, number, step="answer", outcome="listed", response="Elle figure au point 2.").status_code == 302
    assert step(agent, number, step="answer", outcome="withdrawn", response="Autre").status_code == 400
    assert step(reviewer, number, step="finding", text="").status_code == 400
    assert events(app, number) == ["filed", "acknowledged", "answered"]


def test_the_queue_puts_waiting_reports_first_newest_first(app, office, as_role):
    first, _ = report(app.test_client())
    second, _ = report(app.test_client())
    third, _ = report(app.test_client())
    reviewer = as_role("reviewer")
    step(reviewer, third, step="close", text="Doublon.")
    html = as_role("agent").get("/fr/office/reports/").get_data(as_text=True)
    assert re.findall(r"/fr/office/reports/([0-9A-Z]{11})", html) == [second, first, third]
    pending = as_role("agent").get("/fr/office/reports/?show=pending").get_data(as_text=True)
    assert third not in pending and first in pending


def test_the_citizen_is_told_by_email_of_the_answer(app, office, as_role, inbox):  # noqa: F811
    number, _ = report(app.test_client(), "ar", contact="amina@example.ma")
    agent = as_role("agent")
    step(agent, number, step="acknowledge")
    assert inbox == []  # an acknowledgement is shown on the follow page, not mailed
    step(agent, number, step="answer", outcome="sheet_corrected", response="سنصحح البطاقة.")
    [message] = inbox
    assert message["To"] == "amina@example.ma" and number[:4] in message["Subject"]
    assert "سنصحح البطاقة." in body(message) and "/ar/reports/follow" in body(message)


def test_a_report_without_mail_is_answered_all_the_same(app, office, as_role):
    number, _ = report(app.test_client(), contact="0612345678")
    assert step(as_role("agent"), number, step="answer", outcome="withdrawn", response="Retiré.").status_code == 302


def test_the_migration_goes_down_and_up(app):
    with app.app_context():
        flask_migrate.downgrade(revision="0006")
        try:
            assert not {"report", "report_event", "feedback"} & set(sa.inspect(db.engine).get_table_names())
        finally:
            flask_migrate.upgrade()
        assert {"report", "report_event", "feedback"} <= set(sa.inspect(db.engine).get_table_names())


@pytest.mark.parametrize("change", ["update", "delete"])
def test_the_history_of_a_report_is_never_rewritten(app, office, change):
    number, _ = report(app.test_client())
    with app.app_context():
        event = db.session.scalar(sa.select(ReportEvent).join(Report).where(Report.number == number))
        if change == "update":
            event.data = {"forged": True}
        else:
            db.session.delete(event)
        with pytest.raises(ReportHistoryIsAppendOnly):
            db.session.flush()
        db.session.rollback()
