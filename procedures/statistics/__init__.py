"""Accountability in the open (issue 7): deadline statistics and open data.

Pages: ``/<lang>/statistics/``, ``/<lang>/statistics/administrations/<code>``, ``/<lang>/open-data``.
Data: ``/api/v1/statistics``, ``/statistics.csv``, ``/open-data/catalogue.json``, ``/open-data/catalogue.csv``.
"""


def init_app(app):
    from portal import hooks

    from . import api, cli, openapi, views

    app.register_blueprint(views.blueprint)
    app.register_blueprint(api.blueprint)
    app.cli.add_command(cli.open_data_cli)
    hooks.register(app, "api_paths", openapi.add_paths)
