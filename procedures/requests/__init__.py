"""Requests: filing online with a receipt, tracking, the administration's steps, the legal clock."""


def init_app(app):
    from portal import hooks

    from . import (agent_views, api, calendar_views, cli, conditions, counter_views, explain, files, openapi, readiness,
                   views)

    app.add_template_global(explain.state_name)
    app.add_template_global(explain.refusal_ground)
    app.add_template_global(conditions.is_conditional)

    app.register_blueprint(views.blueprint)
    app.register_blueprint(calendar_views.blueprint)
    app.register_blueprint(api.blueprint)
    app.register_blueprint(agent_views.blueprint)
    app.register_blueprint(files.blueprint)
    app.register_blueprint(counter_views.blueprint)
    app.cli.add_command(cli.requests_cli)
    hooks.register(app, "readiness", ("uploads", readiness.check_uploads))
    hooks.register(app, "api_paths", openapi.add_paths)
