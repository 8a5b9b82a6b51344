"""What the administration's silence means, in one place (Law 55-19; issue 11, item 1).

A version says what silence means at the end of its period: ``approval`` (the law's
default, for the acts the decrees list), ``refusal`` (where a text provides it: the
citizen may then appeal) or ``none`` (delivery on the spot, information, reports of a
fault: no silence effect). A period of 0 days is a delivery on the spot. Nothing
here turns "none" into a refusal: only approval and refusal ever take effect.

Pure: no Flask, no database. The sentences built on it live in
``procedures.catalogue.wording``; the clock, the sweep and the statistics read the
states below.
"""
APPROVAL, REFUSAL, NONE = "approval", "refusal", "none"
MEANINGS = (APPROVAL, REFUSAL, NONE)
ON_THE_SPOT = "on_the_spot"  # a "none" whose period is 0 days

# What silence decides once it takes effect: the request's state and the event recorded.
FALLEN_STATE = {APPROVAL: "tacitly_approved", REFUSAL: "implicitly_refused"}


def takes_effect(meaning) -> bool:
    """Whether silence decides anything at the end of the period."""
    return meaning in FALLEN_STATE


def rule(meaning, processing_days) -> str:
    """The rule a citizen is told: approval, refusal, none, or on the spot."""
    if meaning not in MEANINGS:
        raise ValueError(f"silence must be one of {MEANINGS}, not {meaning!r}")
    if meaning == NONE and processing_days == 0:
        return ON_THE_SPOT
    return meaning
