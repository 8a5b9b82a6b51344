"""Import and export of the whole catalogue in its JSON format (docs/catalogue-format.md).

Import is all or nothing and idempotent: every error is collected (naming the
procedure, the field and the problem) before anything is written, and a version
already stored must be identical to the one in the file, since published versions
are never edited. An import never changes what was in force on a past day: once a
procedure has a version, a new one must take effect today or later. A procedure new to
the catalogue brings its history; the first load of an empty catalogue is written to the
audit log as such (``catalogue_first_load``), a later import as ``catalogue_imported``.
"""
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from marshmallow import ValidationError, fields

from portal import audit, bounded_json, transaction
from portal.extensions import db
from procedures import clock
from procedures.law import check_version

from . import article7
from .models import (FILING_COLUMNS, Administration, Audience, Document, Fee, LegalReference, Procedure, Step, Theme,
                     Version)
from .schemas import FORMAT, PUBLICATION_FIELDS, CatalogueSchema, VersionSchema, content_fields

TAXONOMY = (  # (key in the file, model, natural key)
    ("audiences", Audience, "slug"),
    ("themes", Theme, "slug"),
    ("administrations", Administration, "code"),
)


class ImportRejected(Exception):
    def __init__(self, errors):
        super().__init__(f"{len(errors)} error(s); nothing was imported")
        self.errors = errors


@dataclass
class ImportSummary:
    created: dict = field(default_factory=lambda: {"procedures": 0, "versions": 0, "taxonomy": 0})
    unchanged_versions: int = 0

    @property
    def changed_anything(self):
        return any(self.created.values())


def read_documents(path):
    """The JSON documents at ``path``: one file, or every ``*.json`` of a folder in name order."""
    path = Path(path)
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    documents, errors = [], []
    for file in files:
        try:
            documents.append((file.name, bounded_json.loads(file.read_text(encoding="utf-8"))))
        except (OSError, ValueError) as error:  # ValueError: not JSON, not UTF-8, or nested too deep
            errors.append(f"{file.name}: not a readable JSON file: {error}")
    if errors:
        raise ImportRejected(errors)
    return documents


def _flatten(messages, prefix=""):
    if isinstance(messages, dict):
        for key, value in messages.items():
            step = f"[{key}]" if isinstance(key, int) else (f".{key}" if prefix else str(key))
            yield from _flatten(value, prefix + step)
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        for message in messages:
            yield prefix, message
    else:
        for index, value in enumerate(messages):
            yield from _flatten(value, f"{prefix}[{index}]")


def _name_procedure(raw, index):
    try:
        return f"procedure {raw['procedures'][index].get('code', '?')}"
    except (KeyError, IndexError, TypeError, AttributeError):
        return f"procedure #{index + 1}"


def validate_document(source, raw):
    """The loaded document, or error lines such as ``demo.json: procedure CT-039: versions[0].title: …``."""
    try:
        return CatalogueSchema().load(raw), []
    except ValidationError as error:
        lines = []
        for path, message in _flatten(error.messages):
            where = path
            if path.startswith("procedures["):
                index = int(path[len("procedures["):path.index("]")])
                where = f"{_name_procedure(raw, index)}: {path[path.index(']') + 2:] or 'procedure'}"
            lines.append(f"{source}: {where}: {message}")
        return None, lines


def import_catalogue(path):
    """Read, check and write the catalogue at ``path`` in one transaction."""
    return import_documents(read_documents(path))


def import_documents(documents):
    """Check and write ``(source name, JSON document)`` pairs in one transaction, committed here: the
    unit of work of ``flask catalogue import`` and of scripts (all or nothing)."""
    try:
        summary = write_documents(documents)
        transaction.commit()
    except Exception:
        db.session.rollback()
        raise
    return summary


def write_documents(documents):
    """The operation: check ``(source name, JSON document)`` pairs and write them, flushed, not committed;
    ``ImportRejected`` if any is wrong (the caller rolls back what was flushed)."""
    loaded, errors = [], []
    for source, raw in documents:
        data, problems = validate_document(source, raw)
        errors += problems
        if data:
            loaded.append((source, data))
    if errors:
        raise ImportRejected(errors)
    summary = ImportSummary()
    first_load = db.session.scalar(sa.select(Version.id).limit(1)) is None
    with db.session.no_autoflush:
        errors = _write(loaded, summary, clock.today())
    if errors:
        raise ImportRejected(errors)
    if summary.changed_anything:
        audit.record("catalogue_first_load" if first_load else "catalogue_imported", "catalogue",
                     sources=[source for source, _data in loaded], **summary.created)
    db.session.flush()
    return summary


def _write(loaded, summary, not_before):
    errors = []
    for _source, data in loaded:
        for key, model, natural_key in TAXONOMY:
            for position, item in enumerate(data[key]):
                _upsert_taxonomy(model, natural_key, item, position, summary)
    db.session.flush()
    seen_slugs = {}
    for source, data in loaded:
        for item in data["procedures"]:
            where = f"{source}: procedure {item['code']}"
            if seen_slugs.setdefault(item["slug"], item["code"]) != item["code"]:
                errors.append(f"{where}: slug: '{item['slug']}' is already used by {seen_slugs[item['slug']]}")
                continue
            errors += [f"{where}: {problem}" for problem in _write_procedure(item, summary, not_before)]
    return errors


def _upsert_taxonomy(model, natural_key, item, position, summary):
    row = model.query.filter_by(**{natural_key: item[natural_key]}).one_or_none()
    if row is None:
        row = model(position=position, **item)
        db.session.add(row)
        summary.created["taxonomy"] += 1
        return
    for attribute, value in item.items():
        if getattr(row, attribute) != value:
            setattr(row, attribute, value)


def _write_procedure(item, summary, not_before):
    """Write one procedure; once it has a version, a new one may not take effect before ``not_before``."""
    problems = []
    administration = Administration.query.filter_by(code=item["administration"]["code"]).one_or_none()
    theme = Theme.query.filter_by(slug=item["theme"]["slug"]).one_or_none()
    audience_slugs = [a["slug"] for a in item["audiences"]]
    audiences = Audience.query.filter(Audience.slug.in_(audience_slugs)).all()
    if administration is None:
        problems.append(f"administration: unknown administration '{item['administration']['code']}'")
    if theme is None:
        problems.append(f"theme: unknown theme '{item['theme']['slug']}'")
    unknown = sorted(set(audience_slugs) - {a.slug for a in audiences})
    if unknown:
        problems.append(f"audiences: unknown audience(s) {', '.join(unknown)}")
    wordings = article7.rules()
    for index, version in enumerate(item["versions"]):
        problems += [f"versions[{index}].{f.field}: {f.code} {f.params or ''}".rstrip()
                     for f in check_version(version, wordings) if f.is_error]
    procedure = Procedure.query.filter_by(code=item["code"]).one_or_none()
    slug_owner = Procedure.query.filter_by(slug=item["slug"]).one_or_none()
    if slug_owner is not None and slug_owner is not procedure:
        problems.append(f"slug: '{item['slug']}' is already used by {slug_owner.code}")
    if procedure is not None and procedure.slug != item["slug"]:
        problems.append(f"slug: the procedure's slug is '{procedure.slug}'; a slug never changes")
    if problems:
        return problems
    if procedure is None:
        procedure = Procedure(code=item["code"], slug=item["slug"])
        db.session.add(procedure)
        summary.created["procedures"] += 1
    procedure.administration, procedure.theme = administration, theme
    if item["withdrawn_on"] is not None and item["withdrawn_on"] != procedure.withdrawn_on:
        if procedure.withdrawn_on is not None:
            return [f"withdrawn_on: withdrawn on {procedure.withdrawn_on}, not {item['withdrawn_on']}"]
        procedure.withdrawn_on = item["withdrawn_on"]
    if {a.slug for a in procedure.audiences} != set(audience_slugs):
        procedure.audiences = sorted(audiences, key=lambda a: a.position)
    stored = {version.number: version for version in procedure.versions}
    schema = VersionSchema()
    for index, version in enumerate(item["versions"]):
        existing = stored.get(version["number"])
        if existing is None and stored and version["effective_from"] < not_before:
            problems.append(f"versions[{index}].effective_from: version {version['number']} would take effect on "
                            f"{version['effective_from']}, in the past; an import never changes what was in force "
                            f"on a past day — date it {not_before} or later")
        elif existing is None:
            procedure.versions.append(build_version(version))
            summary.created["versions"] += 1
        elif schema.dump(existing) != schema.dump(version):
            problems.append(f"versions[{index}]: version {version['number']} is published and differs from "
                            "the file; a published version is never edited — add it as a new version")
        else:
            summary.unchanged_versions += 1
    return problems


PARTS = {"documents": Document, "steps": Step, "fees": Fee, "legal_basis": LegalReference}  # lists -> their rows


def build_version(data):
    """A new ``Version`` (with its documents, steps, fees and legal references) from loaded data.

    Every field of ``VersionSchema`` is stored: a list in its rows (``PARTS``), the filing group
    in ``filing_<name>`` columns (``online_url`` keeps its name), any other field in its column.
    """
    columns = {name: data[name] for name in PUBLICATION_FIELDS}
    for name, declared in content_fields().items():
        if name in PARTS:
            columns[name] = [PARTS[name](position=i, **item) for i, item in enumerate(data[name])]
        elif isinstance(declared, fields.Nested):
            columns.update({FILING_COLUMNS.get(key, f"{name}_{key}"): value for key, value in data[name].items()})
        else:
            columns[name] = data[name]
    return Version(**columns)


def export_catalogue():
    """The whole catalogue, every version included, as a document of the import format."""
    return CatalogueSchema().dump({
        "format": FORMAT,
        "audiences": Audience.query.order_by(Audience.position, Audience.slug).all(),
        "themes": Theme.query.order_by(Theme.position, Theme.slug).all(),
        "administrations": Administration.query.order_by(Administration.position, Administration.code).all(),
        "procedures": Procedure.query.order_by(Procedure.code).all(),
    })
