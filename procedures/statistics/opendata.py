"""Open data: the published catalogue with every version, as JSON (the import format) and CSV.

Both files are built from ``transfer.export_catalogue`` and kept until the catalogue changes:
the cache is keyed by a fingerprint of the tables an import, a publication, a withdrawal or an
administrator's edit of the taxonomy writes to.
"""
import csv
import hashlib
import io
import json
import threading

import sqlalchemy as sa
from flask_babel import lazy_gettext as _
from marshmallow import fields

from portal.extensions import db
from procedures import spreadsheet
from procedures.catalogue.models import (FILING_COLUMNS, Administration, Audience, Procedure, Theme, Version,
                                         procedure_audience)
from procedures.catalogue.schemas import TranslatedText, content_fields
from procedures.catalogue.transfer import export_catalogue

LICENCE = {  # the portal's choice; OPEN_DATA_LICENCE (name, url) in the configuration changes it
    "name": "Licence Ouverte / Open Licence",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
PROCEDURE_COLUMNS = [  # (column, meaning); {lang} columns repeat for each language
    ("procedure_code", _("the procedure's stable code")),
    ("procedure_slug", _("the end of its address on the portal: /fr/procedures/ followed by the slug")),
    ("administration", _("the competent administration's code")),
    ("theme", _("the theme's slug")),
    ("audiences", _("audience slugs, separated by spaces")),
    ("withdrawn_on", _("the day the procedure was withdrawn, if it was (YYYY-MM-DD)")),
    ("version_number", _("1, 2, 3…")),
    ("effective_from", _("the day the version takes effect (YYYY-MM-DD)")),
    ("change_note_{lang}", _("what changed in this version")),
]
FEES_TOTAL = ("fees_total_mad", _("the sum of the fees in dirhams"))


def version_columns():
    """``(column, kind, path, meaning)`` for every field of a version (``content_fields()``, the one list):
    a text gives a column per language, the filing group its own columns, a list one JSON column."""
    found = []
    for name, declared in content_fields().items():
        if isinstance(declared, fields.Nested):
            for key, inner in declared.schema.fields.items():
                column = FILING_COLUMNS.get(key, f"{name}_{key}")
                found.append((column, _kind(inner), (name, key), inner.metadata.get("meaning", "")))
        else:
            found.append((name, _kind(declared), (name,), declared.metadata.get("meaning", "")))
    return found


def _kind(declared):
    if isinstance(declared, TranslatedText):
        return "text"
    return next((kind for kind, types in KINDS if isinstance(declared, types)), "plain")


KINDS = (("list", fields.List), ("boolean", fields.Boolean), ("integer", fields.Integer))


def column_docs():
    docs = list(PROCEDURE_COLUMNS)
    for column, kind, path, meaning in version_columns():
        docs.append((f"{column}_{{lang}}" if kind == "text" else column, meaning))
        if path == ("fees",):
            docs.append(FEES_TOTAL)
    return docs


_lock = threading.Lock()
_built = {}


def licence(config):
    return {**LICENCE, **(config.get("OPEN_DATA_LICENCE") or {})}


def fingerprint():
    """A short hash that changes whenever the exported catalogue can change."""
    p = Procedure
    stamps = [
        db.session.execute(sa.select(sa.func.count(Version.id), sa.func.max(Version.id))).one(),
        db.session.execute(sa.select(sa.func.count(p.id), sa.func.max(p.id), sa.func.sum(p.administration_id),
                                     sa.func.sum(p.theme_id), sa.func.count(p.withdrawn_on),
                                     sa.func.max(p.withdrawn_on))).one(),
        db.session.execute(sa.select(sa.func.count(), sa.func.sum(procedure_audience.c.audience_id *
                                                                   procedure_audience.c.procedure_id))).one(),
    ]
    for model, key in ((Audience, Audience.slug), (Theme, Theme.slug), (Administration, Administration.code)):
        stamps += db.session.execute(sa.select(*model.__table__.c).order_by(key)).all()
    return hashlib.sha256(repr(stamps).encode()).hexdigest()[:24]


def languages(document):
    found = {"ar", "fr"}
    for item in document["procedures"]:
        for version in item["versions"]:
            found |= set(version["title"])
    return sorted(found)


def _get(version, path):
    value = version
    for key in path:
        value = (value or {}).get(key)
    return value


def _row(item, version, langs):
    row = {"procedure_code": item["code"], "procedure_slug": item["slug"], "administration": item["administration"],
           "theme": item["theme"], "audiences": " ".join(item["audiences"]), "withdrawn_on": item["withdrawn_on"] or "",
           "version_number": version["number"], "effective_from": version["effective_from"]}
    for lang in langs:
        row[f"change_note_{lang}"] = (version.get("change_note") or {}).get(lang, "")
    for column, kind, path, _meaning in version_columns():
        value = _get(version, path)
        if kind == "text":
            row.update({f"{column}_{lang}": (value or {}).get(lang, "") for lang in langs})
        elif kind == "list":
            row[column] = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        elif kind == "boolean":
            row[column] = "true" if value else "false"
        else:
            row[column] = "" if value is None else value
        if path == ("fees",):
            row[FEES_TOTAL[0]] = f"{sum(float(f['amount_mad']) for f in value or []):.2f}"
    return row


def columns(langs):
    names = []
    for name, _meaning in column_docs():
        names += [name.format(lang=lang) for lang in langs] if "{lang}" in name else [name]
    return names


def to_csv(document):
    """One row per version, in UTF-8 with a byte-order mark (so that Excel reads the Arabic)."""
    langs = languages(document)
    out = io.StringIO()
    writer = csv.DictWriter(out, columns(langs), lineterminator="\r\n")
    writer.writeheader()
    for item in document["procedures"]:
        for version in item["versions"]:
            writer.writerow({name: spreadsheet.safe(value) for name, value in _row(item, version, langs).items()})
    return "\ufeff" + out.getvalue()


def _text(row, column):
    found = {key.removeprefix(column + "_"): value for key, value in row.items()
             if key.startswith(column + "_") and len(key) - len(column) - 1 in (2, 3) and value}
    return found or None


def _read(row, column, kind):
    raw = row[column] if kind != "text" else None
    if kind == "text":
        return _text(row, column)
    if kind == "list":
        return json.loads(raw)
    if kind == "boolean":
        return raw == "true"
    if kind == "integer":
        return int(raw) if raw else None
    return raw or None


def from_csv(content):
    """The ``procedures`` of an import document, read back from ``to_csv``'s output."""
    reader = csv.DictReader(io.StringIO(content.removeprefix("\ufeff")))
    procedures = {}
    for read in reader:
        row = {name: spreadsheet.plain(value) for name, value in read.items()}
        item = procedures.setdefault(row["procedure_code"], {
            "code": row["procedure_code"], "slug": row["procedure_slug"], "administration": row["administration"],
            "theme": row["theme"], "audiences": row["audiences"].split(), "withdrawn_on": row["withdrawn_on"] or None,
            "versions": []})
        version = {"number": int(row["version_number"]), "effective_from": row["effective_from"],
                   "change_note": _text(row, "change_note")}
        for column, kind, path, _meaning in version_columns():
            if len(path) == 1:
                version[path[0]] = _read(row, column, kind)
            else:
                version.setdefault(path[0], {})[path[1]] = _read(row, column, kind)
        item["versions"].append(version)
    return list(procedures.values())


def files():
    """``(fingerprint, {"json": bytes, "csv": bytes})`` for the catalogue as it is now; rebuilt on change."""
    stamp = fingerprint()
    with _lock:
        if stamp not in _built:
            document = export_catalogue()
            _built.clear()
            _built[stamp] = {"json": json.dumps(document, ensure_ascii=False, indent=1).encode(),
                             "csv": to_csv(document).encode()}
        return stamp, _built[stamp]
