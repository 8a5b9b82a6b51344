"""The web forms, fuzzed with Hypothesis: any Unicode, very long texts, control characters, RTL
marks, NUL, unknown field names, missing fields. Whatever is sent, each form answers with a page
(never a 500, never a traceback) and the database holds nothing half-written.

Each example fetches its form first, as a browser does, for a valid CSRF token (and, for the
apply form, a fresh submission token); throttles are reset so that every example reaches the view.
"""
import io
import re

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from portal.extensions import db, limiter
from procedures.publication.models import Draft
from tests.attacks.helpers import assert_nothing_half_written, assert_safe_page, unchecked_client
from tests.attacks.test_escaping import draft_fields
from tests.filing import PDF, PERMIT, PNG, document_ids, file_request
from tests.office_fixtures import csrf_token

# Bounded for CI: few examples, the same ones on every run, reported as found (no shrinking: each
# example is several requests, and the failing one is printed whole).
FUZZ = settings(max_examples=15, deadline=None, derandomize=True, database=None,
                phases=[Phase.explicit, Phase.generate], print_blob=False,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])

ODD = ["\x00", "\u202e", "\u200f", "\u200e", "\u061c", "\ufeff", "\r\n", "\x1b[31m", "\x7f", "\u2028",
       "'\";--", "<script>alert(1)</script>", "../../", "%s%n%x", "{{7*7}}", "${7*7}", "ﷺ", "𝕏", "٣٤", "e\u0301",
       "\U0010ffff", " ", ""]
CHARACTERS = st.characters(exclude_categories=("Cs",))  # lone surrogates cannot be sent as UTF-8 at all
TEXT = st.one_of(
    st.text(CHARACTERS, max_size=40),
    st.sampled_from(ODD),
    st.builds(lambda piece, times: piece * times, st.sampled_from(["a", "ب", "\u202e", "x\x00", "<b>"]),
              st.integers(1000, 5000)),
)
NAMES = st.one_of(st.text(CHARACTERS, min_size=1, max_size=20), st.sampled_from(
    ["csrf_token", "submission", "documents-0-name-fr", "documents-999999999999-form", "fees-0-amount_mad",
     "steps--1-actor-ar", "document-0", "step", "documents", "effective_from", "lang_code", "__proto__"]))
EXTRA = st.dictionaries(NAMES, TEXT, max_size=4)


def maybe(value):
    """A field sent with any text, or not sent at all."""
    return st.one_of(st.none(), TEXT, st.just(value))


def fields(**known):
    return st.fixed_dictionaries({name: maybe(value) for name, value in known.items()})


def sent(data):
    return {name: value for name, value in data.items() if value is not None}


@pytest.fixture(autouse=True)
def no_throttle():
    limiter.reset()


def test_the_apply_form(app, office, lang):
    ids = document_ids(app)
    files = st.lists(st.tuples(st.sampled_from([PDF, PNG, b"", b"MZ\x90\x00", b"%PDF-"]), TEXT.map(lambda t: t[:300])),
                     max_size=3)

    @FUZZ
    @given(identity=fields(name="Amina", cin="BK123456", phone="0612345678", email="a@b.ma", details="Permis"),
           extra=EXTRA, uploads=files)
    def fuzz(identity, extra, uploads):
        limiter.reset()
        client = unchecked_client(app)
        page = client.get(PERMIT.format(lang=lang))
        data = {**extra, **sent(identity), "csrf_token": csrf_token(page),
                "submission": re.search(r'name="submission" value="([^"]+)"', page.get_data(as_text=True)).group(1)}
        for document_id, (content, name) in zip(ids, uploads, strict=False):
            data[f"document-{document_id}"] = (io.BytesIO(content), name)
        response = client.post(PERMIT.format(lang=lang), data=data, content_type="multipart/form-data")
        assert_safe_page(response)
        assert response.status_code in (302, 400), response.status_code
        if response.status_code == 302:
            assert_safe_page(client.get(response.headers["Location"]))
        assert_nothing_half_written(app)

    fuzz()


def test_the_tracking_form(app, office, lang):
    number = file_request(app, app.test_client(), lang)

    @FUZZ
    @given(data=fields(number=number, secret="ABCDEFGH"), extra=EXTRA)
    def fuzz(data, extra):
        limiter.reset()
        client = unchecked_client(app)
        token = csrf_token(client.get(f"/{lang}/track"))
        response = client.post(f"/{lang}/track", data={**extra, **sent(data), "csrf_token": token})
        assert_safe_page(response)
        assert response.status_code == 400

    fuzz()


def test_the_login_form(app, office, lang):
    @FUZZ
    @given(data=fields(email="editor@commune-rabat.ma", password="correct horse battery staple"), extra=EXTRA)
    def fuzz(data, extra):
        limiter.reset()
        client = unchecked_client(app)
        token = csrf_token(client.get(f"/{lang}/office/login"))
        response = client.post(f"/{lang}/office/login", data={**extra, **sent(data), "csrf_token": token})
        assert_safe_page(response)
        assert response.status_code in (200, 400, 401)

    fuzz()


DRAFT_NAMES = st.one_of(NAMES, st.builds(
    "{}-{}-{}".format, st.sampled_from(["documents", "steps", "fees", "legal_basis"]),
    st.one_of(st.integers(0, 3), st.integers(-5, 10**30), st.text("0123456789٠١٢٣", min_size=1, max_size=4)),
    st.sampled_from(["name-fr", "name-ar", "note-ar", "form", "quantity", "actor-fr", "action-ar", "label-fr",
                     "amount_mad", "title-ar", "url", "remove", "name-zz"])))


def new_draft(editor, lang, slug="extrait-acte-naissance"):
    listing = editor.get(f"/{lang}/office/procedures/")
    response = editor.post(f"/{lang}/office/procedures/{slug}/new-version", data={"csrf_token": csrf_token(listing)})
    assert response.status_code == 302
    return response.headers["Location"]


def test_the_editors_draft_form(app, office, lang):
    editor = unchecked_client(app, "editor", lang)
    draft_url = new_draft(editor, lang)
    plain = {"fr": "Texte", "ar": "نص"}

    @FUZZ
    @given(base=st.booleans(), changes=st.dictionaries(DRAFT_NAMES, TEXT, max_size=6),
           action=st.sampled_from([None, "save", "submit"]), add=maybe("documents"))
    def fuzz(base, changes, action, add):
        data = {**(draft_fields(plain) if base else {}), **changes,
                "csrf_token": csrf_token(editor.get(draft_url)), "action": action, "add": add}
        response = editor.post(draft_url, data=sent(data))
        assert_safe_page(response)
        assert response.status_code in (200, 302, 400)
        assert_safe_page(editor.get(draft_url))
        assert_safe_page(editor.get(draft_url + "/preview"))

    fuzz()


def test_the_reviewers_publish_and_return_forms(app, office, lang):
    editor, reviewer = unchecked_client(app, "editor", lang), unchecked_client(app, "reviewer", lang)
    plain = {"fr": "Texte", "ar": "نص"}

    def submitted_draft():
        with app.app_context():
            draft = db.session.scalar(sa.select(Draft).where(Draft.status.in_(("draft", "submitted", "returned"))))
            status, draft_id = (draft.status, draft.id) if draft else (None, None)
        if status == "submitted":
            return draft_id
        url = f"/{lang}/office/drafts/{draft_id}" if draft_id else new_draft(editor, lang)
        response = editor.post(url, data={**draft_fields(plain), "action": "submit",
                                          "csrf_token": csrf_token(editor.get(url))})
        assert response.status_code == 302
        return int(url.rstrip("/").rsplit("/", 1)[-1])

    dates = st.one_of(TEXT, st.dates().map(str), st.sampled_from(["2026-11-23", "2026-11-22", "9999-12-31",
                                                                  "0001-01-01", "20261123", "2026-W48-1"]))

    @FUZZ
    @given(form=st.sampled_from(["publish", "return"]), effective_from=maybe("2026-11-24"),
           note=fields(**{"change_note-fr": "Note", "change_note-ar": "ملاحظة"}), comment=maybe("Corrigez"),
           day=dates, extra=EXTRA)
    def fuzz(form, effective_from, note, comment, day, extra):
        draft_id = submitted_draft()
        review_url = f"/{lang}/office/review/{draft_id}"
        page = reviewer.get(review_url)
        assert_safe_page(page)
        data = {**extra, **sent(note), "effective_from": effective_from if effective_from is not None else day,
                "comment": comment, "csrf_token": csrf_token(page)}
        response = reviewer.post(f"{review_url}/{form}", data=sent(data))
        assert_safe_page(response)
        assert response.status_code in (302, 400)

    fuzz()


def test_the_agents_step_form(app, office, lang):
    agent = unchecked_client(app, "agent", lang)
    ids = [str(i) for i in document_ids(app)]
    numbers = [file_request(app, app.test_client(), lang) for _ in range(2)]
    steps = st.one_of(st.sampled_from(["acknowledge", "incomplete", "complement", "extend", "approve", "refuse",
                                       "note"]), TEXT)
    documents = st.lists(st.one_of(st.sampled_from(ids), st.text("0123456789٠١٢", max_size=30), TEXT), max_size=3)

    @FUZZ
    @given(which=st.sampled_from(numbers), step=maybe("note"), choice=steps, documents=documents,
           texts=fields(message="Plan illisible", reason="expertise", text="Vu"), extra=EXTRA)
    def fuzz(which, step, choice, documents, texts, extra):
        url = f"/{lang}/office/requests/{which}"
        page = agent.get(url)
        assert_safe_page(page)
        data = {**extra, **sent(texts), "step": step if step is not None else choice, "documents": documents,
                "csrf_token": csrf_token(page)}
        response = agent.post(url, data=data)
        assert_safe_page(response)
        assert response.status_code in (302, 400, 409)
        assert_safe_page(agent.get(f"/{lang}/office/requests/"))
        assert_nothing_half_written(app)

    fuzz()
