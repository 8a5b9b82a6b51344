"""Publishing: administrations draft, the national commission reviews, the law is checked."""


def init_app(app):
    from procedures.catalogue.schemas import DAYS_BOUND

    from . import article7_views, review, views

    app.jinja_env.globals["days_bound"] = DAYS_BOUND  # the editor's number fields take what the schema takes
    app.register_blueprint(views.blueprint)
    app.register_blueprint(review.blueprint)
    app.register_blueprint(article7_views.blueprint)
