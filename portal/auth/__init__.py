"""Accounts, roles, sessions and the sign-in pages of the back office."""
from flask_babel import lazy_gettext as _l

from portal.extensions import csrf, limiter, login_manager


def init_app(app):
    from . import admin, cli, sessions, views

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    csrf.init_app(app)
    limiter.init_app(app)
    app.before_request(sessions.enforce_timeouts)
    app.register_blueprint(views.blueprint)
    app.register_blueprint(admin.blueprint)
    app.cli.add_command(cli.accounts)
