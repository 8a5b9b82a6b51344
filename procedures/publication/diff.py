"""Side by side: the version in force and the proposed one, field by field.

The fields compared are the version's own (``schemas.content_fields()``, the one list): a field
added to a version appears here, labelled, without a line of this module changing.
"""
from dataclasses import dataclass, field

from procedures.catalogue.schemas import TranslatedText, content_fields


@dataclass
class Row:
    name: str
    label: str
    old: object
    new: object
    changed: bool
    is_text: bool = False  # a translated text ({"ar": …, "fr": …})
    added: list = field(default_factory=list)  # indices in ``new`` of items not in ``old``
    removed: list = field(default_factory=list)  # indices in ``old`` of items not in ``new``


def compare(old, new):
    """Rows for every field; ``old`` is None for a new procedure."""
    old = old or {}
    rows = []
    for name, declared in content_fields().items():
        before, after = old.get(name), new.get(name)
        row = Row(name, declared.metadata.get("label", name), before, after, changed=before != after,
                  is_text=isinstance(declared, TranslatedText))
        if isinstance(after, list) or isinstance(before, list):
            before, after = before or [], after or []
            row.added = [i for i, item in enumerate(after) if item not in before]
            row.removed = [i for i, item in enumerate(before) if item not in after]
        rows.append(row)
    return rows
