"""The place a citizen chooses on a form, read without JavaScript: typed text, a choice among
the matches offered, or the place already found on a previous round (kept in a hidden field)."""
from dataclasses import dataclass, field

from . import finder, routing


@dataclass
class PlaceAnswer:
    asked: bool
    text: str = ""
    place: finder.Place | None = None
    choices: list = field(default_factory=list)
    office: object = None
    problem: str | None = None  # missing, unknown, ambiguous, no_office


def read(form, version, administration_id, posted):
    if not routing.asks_for_place(version, administration_id):
        return PlaceAnswer(asked=False, office=routing.office_for(version, administration_id))
    text = form.get("place", "").strip()[:finder.MAX_QUERY]
    place, choices = finder.by_code(form.get("place_choice", "")), []
    if place is None:
        kept = finder.by_code(form.get("place_code", ""))
        # The place found before, as long as the text still names it (else the citizen typed another).
        if kept is not None and finder.words(text) in [finder.words(name) for name in kept.name.values()]:
            place = kept
    if place is None and text:
        place, choices = finder.resolve(text)
    answer = PlaceAnswer(asked=True, text=text, place=place, choices=choices)
    if place is not None:
        answer.office = routing.office_for(version, administration_id, place.code)
    if posted:
        if place is None:
            answer.problem = "missing" if not text else ("ambiguous" if choices else "unknown")
        elif answer.office is None:
            answer.problem = "no_office"
    return answer
