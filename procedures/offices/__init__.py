"""Where requests are filed and handled: the territory (HCP's register), the administrations'
offices, and the agents who belong to them (issue 12)."""
from flask_babel import lazy_gettext as _l


def where_to_file_labels():
    """What each value of ``Version.filing_place`` means, for the sheet and the editor's form."""
    return {
        "residence": _l("At the office of the commune where you live."),
        "property": _l("At the office of the commune where the property lies."),
        "any_office": _l("At any office of the administration."),
        "central": _l("At the administration's central office."),
    }


def init_app(app):
    from portal import hooks

    from . import assignment, cli

    hooks.register(app, "offices", assignment)  # the accounts' form assigns agents to offices
    app.jinja_env.globals["where_to_file_labels"] = where_to_file_labels
    app.cli.add_command(cli.offices_cli)
