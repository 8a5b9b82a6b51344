"""Search over the published catalogue."""


def init_app(app):
    from . import views

    app.register_blueprint(views.blueprint)
