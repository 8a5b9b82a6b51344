"""Where the demand was made: the commune typed in the report's "town" field, found with the same
commune finder as the online application (``offices.choice``), gives the office the report concerns.

A report made from a request concerns the request's office, whatever is typed. A procedure filed at
one central office sends its reports there. For an administration without offices the town stays
free text and the report concerns no office (its agents, all assigned to none, see it).
"""
from procedures import clock
from procedures.offices import choice

FIELDS = ("place_choice", "place_code")


def read(form, values, procedure, about, posted):
    """An ``offices.choice.PlaceAnswer``; ``asked`` is False when the town is not looked up. Where one
    files is read from the version in force today (the office network is today's)."""
    if about is not None:
        return choice.PlaceAnswer(asked=False, office=about.office)
    version = procedure.version_on(clock.today()) or procedure.versions[-1]
    typed = {"place": values.get("town", ""), **{name: form.get(name, "") for name in FIELDS}}
    return choice.read(typed, version, procedure.administration_id, posted)
