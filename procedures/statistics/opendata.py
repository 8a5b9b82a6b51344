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

from portal.extensions import db
from procedures import spreadsheet
from procedures.catalogue.models import Administration, Audience, Procedure, Theme, Version, procedure_audience
from procedures.catalogue.transfer import export_catalogue

LICENCE = {  # the portal's choice; OPEN_DATA_LICENCE (name, url) in the configuration changes it
    "name": "Licence Ouverte / Open Licence",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
TEXTS = ("title", "summary", "eligibility", "change_note", "filing_places", "tacit_authority")
LISTS = ("documents", "steps", "fees", "legal_basis")
COLUMN_DOCS = [  # (column, meaning); {lang} columns repeat for each language
    ("procedure_code", _("the procedure's stable code")),
    ("procedure_slug", _("the end of its address on the portal: /fr/procedures/ followed by the slug")),
    ("administration", _("the competent administration's code")),
    ("theme", _("the theme's slug")),
    ("audiences", _("audience slugs, separated by spaces")),
    ("withdrawn_on", _("the day the procedure was withdrawn, if it was (YYYY-MM-DD)")),
    ("version_number", _("1, 2, 3…")),
    ("effective_from", _("the day the version takes effect (YYYY-MM-DD)")),
    ("title_{lang}", _("the procedure's name")),
    ("summary_{lang}", _("what it is for")),
    ("eligibility_{lang}", _("who may apply")),
    ("change_note_{lang}", _("what changed in this version")),
    ("filing_places_{lang}", _("where to file")),
    ("tacit_authority_{lang}", _("who certifies a tacit approval (may be empty)")),
    ("online_url", _("where to file online (may be empty)")),
    ("processing_days", _("the legal maximum processing time; 0: on the spot")),
    ("day_unit", _("calendar or working days")),
    ("silence", _("what the administration's silence means: approval, refusal or none")),
    ("silence_days", _("after how many days silence takes effect (empty: at the end of the deadline)")),
    ("extension_days", _("length of the one extension allowed (empty: none)")),
    ("on_incomplete", _("restart or suspend: what a complement does to the clock")),
    ("maturity", _("1 information only, 2 interaction, 3 partly online, 4 fully online")),
    ("investment", _("true for an investment act")),
    ("fees_total_mad", _("the sum of the fees in dirhams")),
    ("documents", _("the documents, as a JSON list in the import format")),
    ("steps", _("the steps, as a JSON list in the import format")),
    ("fees", _("the fees, as a JSON list in the import format")),
    ("legal_basis", _("the legal texts, as a JSON list in the import format")),
]

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


def _row(item, version, langs):
    row = {"procedure_code": item["code"], "procedure_slug": item["slug"], "administration": item["administration"],
           "theme": item["theme"], "audiences": " ".join(item["audiences"]), "withdrawn_on": item["withdrawn_on"] or "",
           "version_number": version["number"], "effective_from": version["effective_from"]}
    texts = {**{name: version.get(name) for name in TEXTS}, "filing_places": version["filing"]["places"]}
    for name in TEXTS:
        for lang in langs:
            row[f"{name}_{lang}"] = (texts[name] or {}).get(lang, "")
    row.update({
        "online_url": version["filing"]["online_url"] or "", "processing_days": version["processing_days"],
        "day_unit": version["day_unit"], "silence": version["silence"],
        "silence_days": "" if version["silence_days"] is None else version["silence_days"],
        "extension_days": "" if version["extension_days"] is None else version["extension_days"],
        "on_incomplete": version["on_incomplete"], "maturity": version["maturity"],
        "investment": "true" if version["investment"] else "false",
        "fees_total_mad": f"{sum(float(f['amount_mad']) for f in version['fees']):.2f}",
    })
    for name in LISTS:
        row[name] = json.dumps(version[name], ensure_ascii=False, separators=(",", ":"))
    return row


def columns(langs):
    names = []
    for name, _meaning in COLUMN_DOCS:
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

        def text(name, row=row):
            found = {key.removeprefix(name + "_"): value for key, value in row.items()
                     if key.startswith(name + "_") and len(key) - len(name) - 1 in (2, 3) and value}
            return found or None
        version = {name: text(name) for name in TEXTS if name != "filing_places"}
        version.update({
            "number": int(row["version_number"]), "effective_from": row["effective_from"],
            "filing": {"places": text("filing_places"), "online_url": row["online_url"] or None},
            "processing_days": int(row["processing_days"]), "day_unit": row["day_unit"], "silence": row["silence"],
            "silence_days": int(row["silence_days"]) if row["silence_days"] else None,
            "extension_days": int(row["extension_days"]) if row["extension_days"] else None,
            "on_incomplete": row["on_incomplete"], "maturity": int(row["maturity"]),
            "investment": row["investment"] == "true",
            **{name: json.loads(row[name]) for name in LISTS}})
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
