"""One list of a version's fields (``VersionSchema``): the commission sees every change, and a field added
to that list reaches the diff, the editor's form, the checks and the open-data export by itself."""
import html
import json
from datetime import datetime

import pytest
from flask_babel import force_locale
from marshmallow import fields

from procedures.catalogue.schemas import (CatalogueSchema, TranslatedText, VersionSchema, choices_of, content_fields,
                                          described)
from procedures.publication import checks, content, diff, form
from procedures.statistics import opendata
from tests import samples


def changed(declared, value):
    """A value of ``declared``'s kind that differs from ``value``."""
    if isinstance(declared, TranslatedText):
        return {"ar": f"{(value or {}).get('ar', '')} نص آخر", "fr": f"{(value or {}).get('fr', '')} autre texte"}
    if isinstance(declared, fields.Nested):
        first, inner = next(iter(declared.schema.fields.items()))
        return {**(value or {}), first: changed(inner, (value or {}).get(first))}
    if isinstance(declared, fields.List):
        nested = declared.inner
        if value:
            return [changed(nested, value[0])] + value[1:]
        return [{name: changed(inner, None) for name, inner in nested.schema.fields.items()}]
    if choices_of(declared):
        return next(choice for choice in choices_of(declared) if choice != value)
    if isinstance(declared, fields.Boolean):
        return not value
    if isinstance(declared, fields.Decimal):
        return "10.00"
    if isinstance(declared, fields.Integer):
        return 7 if value != 7 else 8
    return "https://example.ma/autre"


@pytest.fixture
def submitted(app, office):
    """``submit(content)``: a submitted draft of a new version of the sample procedure; returns its id."""
    from portal.extensions import db
    from procedures.catalogue.models import Procedure
    from procedures.publication.models import SUBMITTED, Draft

    def submit(change):
        with app.app_context():
            procedure = Procedure.query.filter_by(slug="extrait-acte-naissance").one()
            Draft.query.filter_by(procedure_id=procedure.id).delete()  # one change under way at a time
            base = content.from_version(procedure.versions[-1])
            draft = Draft(kind="version", status=SUBMITTED, administration_id=procedure.administration_id,
                          procedure_id=procedure.id, based_on_id=procedure.versions[-1].id,
                          created_by_id=office["editor"], content=change(base), submitted_at=datetime(2026, 11, 20))
            db.session.add(draft)
            db.session.commit()
            return draft.id
    return submit


def label_in(app, lang, declared):
    with app.test_request_context(), force_locale(lang):
        translated = str(declared.metadata["label"])
    with app.test_request_context(), force_locale("en"):
        assert translated != str(declared.metadata["label"]), f"the label is not translated into {lang}"
    return translated


def test_the_commission_sees_every_field_change(app, as_role, submitted, lang):
    reviewer = as_role("reviewer", lang)
    for name, declared in content_fields().items():
        draft_id = submitted(lambda base, name=name, declared=declared: {**base, name: changed(declared, base[name])})
        page = reviewer.get(f"/{lang}/office/review/{draft_id}").get_data(as_text=True)
        marker = '<section class="diff-row changed" aria-labelledby="diff-'
        assert [part.split('"', 1)[0] for part in page.split(marker)[1:]] == [name]
        heading = page.split(f'<h3 id="diff-{name}">', 1)[1].split("<span", 1)[0].strip()
        assert html.unescape(heading) == label_in(app, lang, declared)


@pytest.fixture
def where_to_file(monkeypatch):
    """A field added to a version the way a developer would add it: one line in ``VersionSchema``."""
    added = TranslatedText(allow_none=True, load_default=None,
                           metadata=described("Where to file", "the office where the file is handed in"))
    monkeypatch.setitem(VersionSchema._declared_fields, "where_to_file", added)
    return {"ar": "شباك الجماعة", "fr": "Guichet de la commune"}


def test_a_field_added_to_the_list_reaches_the_diff_form_checks_and_export(app, where_to_file):
    with app.test_request_context():
        before = {**content.empty(), **samples.version()}
        assert before["where_to_file"] is None
        after = {**before, "where_to_file": where_to_file}
        rows = {row.name: row for row in diff.compare(before, after)}
        assert rows["where_to_file"].changed and rows["where_to_file"].label == "Where to file"
        assert [name for name, row in rows.items() if row.changed] == ["where_to_file"]

        typed = form.content_from_form({"where_to_file-ar": where_to_file["ar"], "where_to_file-fr": ""}, ["ar", "fr"])
        assert typed["where_to_file"] == {"ar": where_to_file["ar"]}
        assert "where_to_file.fr" in {finding.field for finding in checks.check_completeness(typed)}

        document = samples.catalogue()
        document["procedures"][0]["versions"][0]["where_to_file"] = where_to_file
        exported = json.loads(json.dumps(CatalogueSchema().dump(CatalogueSchema().load(document))))
        assert exported["procedures"][0]["versions"][0]["where_to_file"] == where_to_file
        csv_text = opendata.to_csv(exported)
        assert "where_to_file_ar" in csv_text.splitlines()[0] and where_to_file["fr"] in csv_text
        assert opendata.from_csv(csv_text)[0]["versions"][0]["where_to_file"] == where_to_file
        assert ("where_to_file_{lang}", "the office where the file is handed in") in opendata.column_docs()
