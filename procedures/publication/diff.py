"""Side by side: the version in force and the proposed one, field by field."""
from dataclasses import dataclass, field

FIELDS = ("title", "summary", "eligibility", "documents", "steps", "filing", "processing_days", "fees",
          "legal_basis", "silence", "maturity", "investment")


@dataclass
class Row:
    name: str
    old: object
    new: object
    changed: bool
    added: list = field(default_factory=list)  # indices in ``new`` of items not in ``old``
    removed: list = field(default_factory=list)  # indices in ``old`` of items not in ``new``


def compare(old, new):
    """Rows for every field; ``old`` is None for a new procedure."""
    old = old or {}
    rows = []
    for name in FIELDS:
        before, after = old.get(name), new.get(name)
        row = Row(name, before, after, changed=before != after)
        if isinstance(after, list) or isinstance(before, list):
            before, after = before or [], after or []
            row.added = [i for i, item in enumerate(after) if item not in before]
            row.removed = [i for i, item in enumerate(before) if item not in after]
        rows.append(row)
    return rows
