""""Was this page useful?" on every sheet, and what editors learn from it (issue 7)."""


def init_app(app):
    from . import office_views, views

    app.register_blueprint(views.blueprint)
    app.register_blueprint(office_views.blueprint)
