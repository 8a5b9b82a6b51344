"""Hostile payloads, and what must hold whatever a visitor sends."""
import io
import re

import sqlalchemy as sa
from flask.testing import FlaskClient

from portal.extensions import db
from procedures.requests.models import Request, Upload
from procedures.requests.operations import storage
from tests.attacks.leaks import assert_no_leak
from tests.filing import PDF, PERMIT, document_ids
from tests.office_fixtures import csrf_token, sign_in

# Script and markup, each with a tell-tale that must never reach a page unescaped.
SCRIPT = {"fr": '<script>alert("xss-fr")</script><img src=x onerror=alert(1)>"\'&',
          "ar": '<script>alert("xss-ar")</script><b onmouseover=alert(2)>عربي</b>"\'&'}
RAW = re.compile(r"<script>alert|<img src=x|<b onmouseover", re.IGNORECASE)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"


def assert_safe_page(response, tell=None):
    """No 500, nothing of the server's inner workings, no markup from the visitor left raw."""
    assert response.status_code < 500, response.status_code
    text = response.get_data(as_text=True)
    assert_no_leak(text)
    raw = RAW.search(text)
    assert raw is None, f"visitor's markup shown raw: …{text[max(0, raw.start() - 80):raw.end() + 40]}…"
    if tell is not None:
        assert tell in text, f"{tell!r} is not shown (escaped) on the page"


def escaped(payload):
    """How a payload reads once escaped in HTML (Jinja's escaping)."""
    return payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;") \
        .replace("'", "&#39;")


def apply_form(app, page, files=None, **fields):
    """The apply form's fields: ``files`` maps each document to (bytes, filename); by default a PDF each."""
    html = page.get_data(as_text=True)
    data = {"csrf_token": csrf_token(page),
            "submission": re.search(r'name="submission" value="([^"]+)"', html).group(1),
            "name": "Amina El Idrissi", "cin": "BK123456", "phone": "0612345678", "email": ""}
    ids = document_ids(app)
    for index, document_id in enumerate(ids):
        content, name = (files or {}).get(index, (PDF, "scan.pdf"))
        if content is not None:
            data[f"document-{document_id}"] = (io.BytesIO(content), name)
    data.update(fields)
    return data


def post_application(app, client, lang="fr", files=None, **fields):
    page = client.get(PERMIT.format(lang=lang))
    return client.post(PERMIT.format(lang=lang), data=apply_form(app, page, files, **fields),
                       content_type="multipart/form-data")


def number_of(response):
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    return response.headers["Location"].split("/requests/")[1].split("/")[0]


def assert_nothing_half_written(app):
    """Every request has its receipt, signature and first event; every upload its file, in the store."""
    with app.app_context():
        store = storage()
        for found in db.session.scalars(sa.select(Request)):
            assert found.receipt and found.signature, f"request {found.number} without its receipt"
            assert found.events and found.events[0].kind == "filed", f"request {found.number} without its story"
        for upload in db.session.scalars(sa.select(Upload)):
            assert store.exists(upload.key), f"upload {upload.key!r} without its file"
            assert ".." not in upload.key.split("/") and not upload.key.startswith("/"), upload.key
            assert "/" not in upload.filename and "\\" not in upload.filename and "\x00" not in upload.filename


def count(app, model):
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def unchecked_client(app, who=None, lang="fr"):
    """A client that does not parse its pages as strict HTML5 (the fuzzers check other things, and
    ``test_control_characters_typed_are_not_echoed_into_pages`` checks that), signed in as ``who``."""
    client = FlaskClient(app, app.response_class, use_cookies=True)
    if who is not None:
        assert sign_in(client, who, lang).status_code == 302
    return client
