"""Templates a reviewer can read side by side in a diff: no line over 160 characters.

A long line is broken where the break renders nothing: at whitespace inside a ``{{ }}``/``{% %}`` tag, or
beside a tag with Jinja's whitespace control (``{{-``, ``-%}``), which strips exactly the break; a long
message is split into adjacent literals ('abc ' 'def'), which Jinja joins into the same msgid.
"""
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
WIDTH = 160


def test_no_template_line_is_over_160_characters():
    long_lines = [f"{path.relative_to(TEMPLATES)}:{number}: {len(line)} characters"
                  for path in sorted(TEMPLATES.rglob("*.html"))
                  for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                  if len(line) > WIDTH]
    assert long_lines == []
