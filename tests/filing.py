"""Filing a request through the web form, as a citizen's browser does (for tests)."""
import io
import re

from tests.conftest import TODAY
from tests.office_fixtures import csrf_token

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PERMIT = "/{lang}/procedures/permis-de-construire/apply"


def document_ids(app, slug="permis-de-construire"):
    from procedures.catalogue.queries import procedure_by_slug
    with app.app_context():
        return [d.id for d in procedure_by_slug(slug).version_on(TODAY).documents]


def form(page, ids, files=(PDF, PNG), **changes):
    html = page.get_data(as_text=True)
    data = {"csrf_token": csrf_token(page),
            "submission": re.search(r'name="submission" value="([^"]+)"', html).group(1),
            "name": "Amina El Idrissi", "cin": "BK123456", "phone": "0612345678", "email": ""}
    for document_id, content in zip(ids, files, strict=False):
        if content is not None:
            data[f"document-{document_id}"] = (io.BytesIO(content), "scan.pdf")
    data.update(changes)
    return data


def file_request(app, client, lang="fr", **changes):
    page = client.get(PERMIT.format(lang=lang))
    response = client.post(PERMIT.format(lang=lang), data=form(page, document_ids(app), **changes),
                           content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    return response.headers["Location"].split("/requests/")[1].split("/")[0]
