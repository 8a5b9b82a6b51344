"""Publishing: administrations draft, the national commission reviews, the law is checked."""


def init_app(app):
    from . import review, views

    app.register_blueprint(views.blueprint)
    app.register_blueprint(review.blueprint)
