"""The catalogue: administrations, themes, audiences, procedures and their versions."""


def init_app(app):
    import sqlalchemy as sa

    from portal import hooks
    from portal.extensions import db

    from . import admin_views, api, article7, cli, immutability, views, wording  # noqa: F401  (article7: its table)
    from .models import Administration

    immutability.install()
    wording.init_app(app)  # the sheet and the receipts say periods and silence with the same words
    app.register_blueprint(views.blueprint)
    app.register_blueprint(admin_views.blueprint)
    app.register_blueprint(api.blueprint)
    app.cli.add_command(cli.catalogue)
    hooks.register(app, "administrations", lambda: db.session.scalars(
        sa.select(Administration).order_by(Administration.position)).all())
