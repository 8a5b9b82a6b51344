"""The plain data a printed paper (receipt, certificate of tacit approval) is made of.

Every string is already translated by the caller; this package only lays it out.
"""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    """One "label: value" row of the paper's table (tracking number, date of filing, deadline…)."""

    label: str
    value: str


@dataclass(frozen=True)
class Paper:
    """A receipt or a certificate, in one language and one writing direction.

    ``direction`` is "rtl" or "ltr" and comes from the caller (the language's
    direction is the portal's business, not this package's); ``lang`` is the
    language code written into the PDF's metadata (for screen readers).
    """

    lang: str
    direction: str
    title: str
    subtitle: str
    lines: list[Line] = field(default_factory=list)
    items_heading: str = ""
    items: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    verify_url: str = ""
    verify_label: str = ""
    footer: str = ""

    def __post_init__(self):
        if self.direction not in ("rtl", "ltr"):
            raise ValueError(f"direction must be 'rtl' or 'ltr', not {self.direction!r}")

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"
