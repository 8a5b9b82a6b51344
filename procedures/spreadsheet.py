"""Cells of the CSV files the portal publishes, safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
Excel or LibreOffice as a formula (CSV injection): a procedure title or an administration name
typed by an editor could then run a command or leak data on the reader's machine. OWASP's rule:
such a text cell gets a leading apostrophe, which spreadsheets show as text. Numbers are left as
they are. A cell already starting with an apostrophe gets one more, so that ``plain`` undoes the
rule exactly (the catalogue's CSV is read back by the import).
"""
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def safe(value):
    if isinstance(value, str) and value.startswith((*TRIGGERS, QUOTE)):
        return QUOTE + value
    return value


def plain(value):
    """The text a ``safe`` cell was made from."""
    if isinstance(value, str) and value.startswith(QUOTE) and value[1:].startswith((*TRIGGERS, QUOTE)):
        return value[1:]
    return value


def safe_row(values):
    return [safe(value) for value in values]
