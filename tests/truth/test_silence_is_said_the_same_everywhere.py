"""Issue 11, item 1: what silence means is said the same way on the sheet, the receipt page and the
receipt PDF, for every procedure of the demo catalogue that can be filed online, in both languages;
"none" never becomes a refusal, and a delivery on the spot never reads "0 days"."""
import html
import io
import re

import pytest
import sqlalchemy as sa

from portal.extensions import db, limiter
from procedures.catalogue.cli import DEMO
from procedures.catalogue.models import ONLINE_MATURITY, Procedure
from procedures.catalogue.transfer import import_catalogue
from tests.conftest import empty_tables
from tests.conftest import TODAY
from tests.documents import pdfread
from tests.filing import PDF
from tests.office_fixtures import csrf_token
from tests.pages import text_of

REFUSAL_WORDS = {"fr": "vaut refus", "ar": "يعني الرفض"}
ZERO_DAYS = {"fr": re.compile(r"\b0 jours?\b"), "ar": re.compile(r"\b0 (يوم|أيام)")}


@pytest.fixture(scope="module")
def demo_online(app):
    with app.app_context():
        import_catalogue(DEMO)
        rows = []
        for procedure in db.session.scalars(sa.select(Procedure).order_by(Procedure.code)):
            version = procedure.version_on(TODAY)
            if version is not None and version.maturity >= ONLINE_MATURITY:
                rows.append((procedure.slug, version.silence, version.processing_days))
    return rows  # outside the app context: each page then gets its own (and its own language)


@pytest.fixture(autouse=True)
def empty_database():
    """The demo is loaded once for this module (overrides the per-test emptying)."""
    yield


@pytest.fixture(scope="module", autouse=True)
def empty_database_after_module(app):
    yield
    with app.app_context(), db.engine.begin() as connection:
        empty_tables(connection)


def definition(page, label_of_row):
    """The text of the ``<dd>`` whose ``<dt>`` is the row's label, without the small print."""
    page = page.replace("&#39;", "'")
    found = re.search(r"<dt>" + re.escape(label_of_row) + r"</dt><dd>(.*?)</dd>", page, re.S)
    assert found, label_of_row
    return " ".join(html.unescape(re.sub(r"<small>.*?</small>|<[^>]+>", " ", found.group(1))).split())


def file_any(client, lang, slug):
    limiter.reset()  # one browser filing 44 requests in a row: not what the hourly limit is for
    url = f"/{lang}/procedures/{slug}/apply"
    page = client.get(url)
    body = page.get_data(as_text=True)
    data = {"csrf_token": csrf_token(page),
            "submission": re.search(r'name="submission" value="([^"]+)"', body).group(1),
            "name": "Amina El Idrissi", "cin": "BK123456", "phone": "0612345678", "email": ""}
    for key in re.findall(r'<input id="(document-\d+)"', body):
        data[key] = (io.BytesIO(PDF), "scan.pdf")
    response = client.post(url, data=data, content_type="multipart/form-data")
    assert response.status_code == 302, (slug, text_of(response)[:600])
    return response.headers["Location"].split("/requests/")[1].split("/")[0]


MARKS = re.compile("[\u064b-\u0652]")  # Arabic vowel marks: text extraction may move them within a letter


def plain(text):
    return MARKS.sub("", text)


def pdf_words(pdf):
    return plain(" ".join(" ".join(pdfread.logical(line) for line in pdfread.visual_lines(pdf)).split()))


def test_every_demo_receipt_says_what_the_sheet_says_about_silence(app, demo_online, lang):
    assert len(demo_online) >= 40  # the demo's online procedures (44 when written)
    assert {silence for _, silence, _ in demo_online} >= {"approval", "none"}
    on_the_spot = [slug for slug, silence, days in demo_online if silence == "none" and days == 0]
    assert on_the_spot, "the demo has online deliveries on the spot"
    client = app.test_client()
    label = {"fr": "Si l'administration ne répond pas dans le délai", "ar": "إذا لم تجب الإدارة داخل الأجل"}[lang]
    deadline_label = {"fr": "Délai légal", "ar": "الأجل القانوني"}[lang]
    for slug, silence, days in demo_online:
        sheet = client.get(f"/{lang}/procedures/{slug}").get_data(as_text=True)
        said = definition(sheet, label)
        number = file_any(client, lang, slug)
        receipt = client.get(f"/{lang}/requests/{number}/receipt").get_data(as_text=True)
        on_receipt = definition(receipt, label)
        assert on_receipt.startswith(said), (slug, said, on_receipt)
        pdf = pdf_words(client.get(f"/{lang}/requests/{number}/receipt.pdf").data)
        assert plain(said) in pdf, (slug, said, pdf)
        if silence != "refusal":  # "none" (and approval) never read as a refusal
            for text in (said, on_receipt, pdf):
                assert REFUSAL_WORDS[lang] not in text, (slug, text)
        deadline = definition(receipt, deadline_label)
        if days == 0:
            assert deadline == {"fr": "sur place, immédiatement", "ar": "في الحين"}[lang], (slug, deadline)
            assert not ZERO_DAYS[lang].search(pdf) and plain(deadline) in pdf, (slug, pdf)


def test_a_private_person_can_file_ct_003_without_the_documents_only_legal_persons_send(app, demo_online, lang):
    """Issue 11, item 7: a document the sheet asks "only for legal persons" is optional online, its condition shown."""
    with app.app_context():
        procedure = db.session.scalar(sa.select(Procedure).filter_by(code="CT-003"))
        slug, version = procedure.slug, procedure.version_on(TODAY)
        statutes = next(d for d in version.documents if "morales" in (d.note or {}).get("fr", ""))
        others = [d.id for d in version.documents if d.id != statutes.id]
    limiter.reset()
    client = app.test_client()
    url = f"/{lang}/procedures/{slug}/apply"
    page = client.get(url)
    assert {"fr": "Uniquement pour les personnes morales", "ar": "بالنسبة للأشخاص المعنويين فقط"}[lang] in \
        text_of(page)
    body = page.get_data(as_text=True)
    data = {"csrf_token": csrf_token(page),
            "submission": re.search(r'name="submission" value="([^"]+)"', body).group(1),
            "name": "Amina El Idrissi", "cin": "BK123456", "phone": "0612345678", "email": "",
            **{f"document-{i}": (io.BytesIO(PDF), "scan.pdf") for i in others}}
    response = client.post(url, data=data, content_type="multipart/form-data")
    assert response.status_code == 302, text_of(response)[:800]
    # Without one of the documents everyone sends, the form still says what is missing.
    page = client.get(url)
    body = page.get_data(as_text=True)
    data = {**data, "csrf_token": csrf_token(page),
            "submission": re.search(r'name="submission" value="([^"]+)"', body).group(1),
            **{f"document-{i}": (io.BytesIO(PDF), "scan.pdf") for i in others[1:]}}
    del data[f"document-{others[0]}"]
    assert client.post(url, data=data, content_type="multipart/form-data").status_code == 400
