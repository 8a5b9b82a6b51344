"""Reports of unlisted demands (issue 7): a citizen says an administration asked for something the
sheet does not list; the administration answers, the commission examines, the citizen follows."""


def init_app(app):
    from . import office_views, views

    app.register_blueprint(views.blueprint)
    app.register_blueprint(office_views.blueprint)
