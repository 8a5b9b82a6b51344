"""What a response must never show anyone: a traceback, an exception, the server's inner workings."""
import re

LEAKS = re.compile(
    r"Traceback \(most recent call last\)|File \"[^\"]+\.py\", line \d+|\b(?:sqlalchemy|psycopg|sqlite3|werkzeug)\."
    r"|\b(?:OperationalError|IntegrityError|ProgrammingError|DataError|KeyError|TypeError|ValueError|AttributeError"
    r"|UnicodeDecodeError|UnicodeEncodeError|jinja2\.exceptions)\b|/site-packages/|\[SQL: ")


def assert_no_leak(text):
    found = LEAKS.search(text or "")
    assert found is None, f"the response shows the server's inner workings: {found.group(0)!r}"
