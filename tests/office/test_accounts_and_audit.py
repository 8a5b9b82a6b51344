"""Admins manage accounts; every action lands in an append-only audit log."""
import pytest
import sqlalchemy as sa

from portal.audit.models import AuditEntry, AuditLogIsAppendOnly
from portal.auth.models import Account
from portal.extensions import db
from tests.office_fixtures import csrf_token, sign_in


def test_an_admin_creates_an_editor_who_can_then_sign_in(app, office, as_role):
    admin = as_role("admin")
    page = admin.get("/fr/office/accounts/new")
    with app.app_context():
        communes = db.session.scalar(sa.text("select id from administration where code = 'communes'"))
    response = admin.post("/fr/office/accounts/new", data={
        "email": "New.Editor@Commune-Rabat.ma", "name": "Nouvelle éditrice", "role": "editor",
        "administration": str(communes), "password": "une phrase de passe assez longue", "active": "y",
        "csrf_token": csrf_token(page)})
    assert response.status_code == 302
    assert sign_in(app.test_client(), "new.editor@commune-rabat.ma",
                   password="une phrase de passe assez longue").status_code == 302


@pytest.mark.parametrize("role, administration, field_error", [
    ("editor", "", "Editors and agents belong to one administration."),
    ("reviewer", "communes", "Reviewers and administrators do not belong to one administration."),
])
def test_roles_and_administrations_go_together(app, office, as_role, role, administration, field_error):
    admin = as_role("admin")
    page = admin.get("/fr/office/accounts/new")
    with app.app_context():
        admin_id = db.session.scalar(sa.text("select id from administration where code = 'communes'"))
    response = admin.post("/fr/office/accounts/new", data={
        "email": "x@example.ma", "name": "X", "role": role, "administration": str(admin_id) if administration else "",
        "password": "une phrase de passe assez longue", "csrf_token": csrf_token(page)})
    assert response.status_code == 200
    with app.app_context():
        assert db.session.scalar(sa.select(Account).filter_by(email="x@example.ma")) is None


def test_deactivating_an_account_ends_its_sessions(app, office, as_role):
    admin, agent = as_role("admin"), as_role("agent")
    page = admin.get(f"/fr/office/accounts/{office['agent']}")
    with app.app_context():
        communes = db.session.scalar(sa.text("select id from administration where code = 'communes'"))
    response = admin.post(f"/fr/office/accounts/{office['agent']}", data={
        "email": "agent@commune-rabat.ma", "name": "Agent", "role": "agent", "administration": str(communes),
        "csrf_token": csrf_token(page)})  # "active" unticked
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    assert agent.get("/fr/office/").status_code == 302


def test_actions_are_in_the_audit_log_and_admins_can_filter_it(app, office, as_role):
    as_role("editor")
    admin = as_role("admin")
    page = admin.get("/fr/office/audit/?action=login")
    text = page.get_data(as_text=True)
    assert "editor@commune-rabat.ma" in text and "admin@masatir.ma" in text
    assert "editor@commune-rabat.ma" not in admin.get("/fr/office/audit/?actor=admin").get_data(as_text=True)


def test_the_audit_log_cannot_be_rewritten(app, office, as_role):
    as_role("editor")
    with app.app_context():
        entry = db.session.scalar(sa.select(AuditEntry).limit(1))
        entry.action = "nothing happened"
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.flush()
        db.session.rollback()
        db.session.delete(db.session.scalar(sa.select(AuditEntry).limit(1)))
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.flush()
        db.session.rollback()


def test_accounts_can_be_created_from_the_command_line(app, office):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["accounts", "create", "cli@masatir.ma", "--name", "CLI", "--role", "reviewer",
                                 "--password", "a long passphrase from the shell"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["accounts", "create", "weak@masatir.ma", "--name", "W", "--role", "admin",
                                 "--password", "password1234"])
    assert result.exit_code != 0 and "too common" in result.output
    result = runner.invoke(args=["accounts", "create", "ed@masatir.ma", "--name", "E", "--role", "editor",
                                 "--password", "a long passphrase from the shell"])
    assert result.exit_code != 0 and "--administration" in result.output
    assert sign_in(app.test_client(), "cli@masatir.ma", password="a long passphrase from the shell").status_code == 302
