""""Was this page useful?": a vote from the sheet with no session, an optional comment, no personal data,
rate limits and a honeypot; editors see what was said of their own procedures only."""
import re

import sqlalchemy as sa

from portal.extensions import db
from procedures.feedback.models import Feedback

SHEET = "/{lang}/procedures/extrait-acte-naissance"
QUESTION = {"fr": "Cette page vous a-t-elle été utile ?", "ar": "هل كانت هذه الصفحة مفيدة؟"}


def vote(client, lang="fr", useful="yes", **changes):
    return client.post(SHEET.format(lang=lang) + "/feedback", data={"version": "1", "useful": useful, **changes})


def ticket(response):
    return response.headers["Location"].split("ticket=")[1]


def comment(client, lang, ticket_value, text, **changes):
    return client.post(SHEET.format(lang=lang) + "/feedback/comment",
                       data={"ticket": ticket_value, "comment": text, **changes})


def stored(app):
    with app.app_context():
        return db.session.execute(sa.select(Feedback.useful, Feedback.comment, Feedback.version_id)
                                  .order_by(Feedback.id)).all()


def test_the_sheet_asks_without_a_session_and_the_vote_counts(app, office, lang):
    reader = app.test_client()
    sheet = reader.get(SHEET.format(lang=lang))
    html = sheet.get_data(as_text=True)
    block = html[html.index('class="feedback"'):]
    assert QUESTION[lang] in block and "csrf_token" not in block.split("</form>")[0]
    assert "Set-Cookie" not in sheet.headers  # the sheet stays the same for everyone, and cacheable offline
    response = vote(reader, lang, "no")
    assert response.status_code == 303
    thanks = reader.get(response.headers["Location"])
    assert thanks.status_code == 200 and 'name="comment"' in thanks.get_data(as_text=True)
    assert comment(reader, lang, ticket(response), "Le délai n'est pas clair <b>du tout</b>").status_code == 200
    [(useful, text, version_id)] = stored(app)
    assert useful is False and text == "Le délai n'est pas clair <b>du tout</b>" and version_id is not None


def test_nothing_about_the_reader_is_kept(app):
    with app.app_context():
        assert set(Feedback.__table__.columns.keys()) == {"id", "procedure_id", "version_id", "useful", "comment",
                                                            "at"}


def test_one_comment_per_vote_and_bad_comments_refused(app, office, lang):
    reader = app.test_client()
    given = ticket(vote(reader, lang))
    too_long = comment(reader, lang, given, "x" * 1001)
    assert too_long.status_code == 400 and "1000" in too_long.get_data(as_text=True)
    assert comment(reader, lang, given, "   ").status_code == 400
    assert comment(reader, lang, given, "Merci", website="http://spam.example").status_code == 400
    assert comment(reader, lang, given + "x", "Forgé").status_code == 400
    assert stored(app)[0][1] is None
    assert comment(reader, lang, given, "Très clair").status_code == 200
    assert comment(reader, lang, given, "Remplacé ?").status_code == 200
    assert stored(app)[0][1] == "Très clair"
    # A ticket is for the procedure it was given on.
    assert reader.post(f"/{lang}/procedures/permis-de-construire/feedback/comment",
                       data={"ticket": given, "comment": "Ailleurs"}).status_code == 400


def test_honeypot_and_bad_votes_store_nothing(app, office):
    reader = app.test_client()
    assert vote(reader, website="http://spam.example").status_code == 400
    assert vote(reader, useful="maybe").status_code == 400
    assert vote(reader, version="9").status_code == 400
    assert reader.post("/fr/procedures/nope/feedback", data={"version": "1", "useful": "yes"}).status_code == 404
    assert stored(app) == []


def test_votes_are_rate_limited_per_address(app, office):
    reader = app.test_client()
    assert all(vote(reader).status_code == 303 for _ in range(20))
    refused = vote(reader)
    assert refused.status_code == 429
    assert len(stored(app)) == 20
    other_address = app.test_client()
    assert other_address.post(SHEET.format(lang="fr") + "/feedback", data={"version": "1", "useful": "yes"},
                              environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 303


def test_editors_see_the_feedback_on_their_procedures_only(app, office, as_role, lang):
    reader = app.test_client()
    comment(reader, lang, ticket(vote(reader, lang, "yes")), "Bien expliqué")
    comment(reader, lang, ticket(vote(reader, lang, "no")), "<script>alert(1)</script>")
    vote(reader, lang, "no")
    editor = as_role("editor", lang)
    listing = editor.get(f"/{lang}/office/feedback/").get_data(as_text=True)
    assert re.search(r"<td>1</td><td>2</td><td>2</td>", listing)
    page = editor.get(f"/{lang}/office/feedback/extrait-acte-naissance").get_data(as_text=True)
    assert page.index("&lt;script&gt;alert(1)&lt;/script&gt;") < page.index("Bien expliqué")  # newest first
    assert "<script>alert" not in page
    assert as_role("reviewer", lang).get(f"/{lang}/office/feedback/extrait-acte-naissance").status_code == 200
    other = as_role("other_editor", lang)
    assert "extrait-acte-naissance" not in other.get(f"/{lang}/office/feedback/").get_data(as_text=True)
    assert other.get(f"/{lang}/office/feedback/extrait-acte-naissance").status_code == 404
    assert as_role("agent", lang).get(f"/{lang}/office/feedback/").status_code == 403
