"""Requests: filing online with a receipt, tracking, the administration's steps, the legal clock."""


def init_app(app):
    from . import agent_views, api, calendar_views, cli, counter_views, files, views

    app.register_blueprint(views.blueprint)
    app.register_blueprint(calendar_views.blueprint)
    app.register_blueprint(api.blueprint)
    app.register_blueprint(agent_views.blueprint)
    app.register_blueprint(files.blueprint)
    app.register_blueprint(counter_views.blueprint)
    app.cli.add_command(cli.requests_cli)
