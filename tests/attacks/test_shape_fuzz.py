"""The shapes of input that once answered 500, fuzzed with Hypothesis so that the class stays closed:
page numbers of any size on every listing, the API and the audit log; JSON nested to any depth;
e-mail addresses with line breaks and lists; file names of any length in scripts of 3 or 4 bytes a
letter; any text where a day is expected in an address; import files nested to any depth.
Each answers a page or a JSON error (never a 500, never a traceback), or a clear command error."""
import io
import json

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from portal.extensions import db, limiter
from procedures.requests.models import Request, Upload
from tests import samples
from tests.attacks.helpers import assert_nothing_half_written, assert_safe_page, post_application, unchecked_client
from tests.attacks.leaks import assert_no_leak
from tests.filing import PDF
from tests.office_fixtures import csrf_token

FUZZ = settings(max_examples=12, deadline=None, derandomize=True, database=None,
                phases=[Phase.explicit, Phase.generate], print_blob=False,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
PAGES = st.one_of(st.integers(min_value=-10**30, max_value=10**30).map(str),
                  st.sampled_from(["99999999999999999999", "9223372036854775808", "1e9", "0x10", "", "-0", "٣"]))
LISTINGS = ["/{lang}/themes/civil-status", "/{lang}/administrations/communes", "/{lang}/audiences/citizens",
            "/{lang}/search?q=permis", "/api/v1/procedures", "/api/v1/search?q=permis"]
TIFINAGH, CJK, EMOJI = "ⵜⴰⵎⴰⵣⵉⵖⵜ", "申请许可证明書", "📄🏠"


@pytest.fixture
def catalogue(app):
    with app.app_context():
        samples.load()


@FUZZ
@given(page=PAGES, listing=st.sampled_from(LISTINGS))
@example(page="99999999999999999999", listing="/api/v1/procedures")
def test_any_page_number_on_any_listing(app, catalogue, page, listing):
    joiner = "&" if "?" in listing else "?"
    response = unchecked_client(app).get(listing.format(lang="fr") + f"{joiner}page={page}")
    assert response.status_code in (200, 400), (listing, page, response.status_code)
    assert_no_leak(response.get_data(as_text=True))


def test_any_page_number_on_the_audit_log(app, office):
    admin = unchecked_client(app, "admin")

    @FUZZ
    @given(page=PAGES)
    @example(page="99999999999999999999")
    def fuzz(page):
        response = admin.get(f"/fr/office/audit/?page={page}")
        assert response.status_code in (200, 400)
        assert_safe_page(response)
    fuzz()


def nested(depth, kind):
    return ("[" * depth + "]" * depth) if kind == "array" else ('{"a":' * depth + "1" + "}" * depth)


@FUZZ
@given(depth=st.integers(min_value=1, max_value=20_000), kind=st.sampled_from(["array", "object"]))
@example(depth=3000, kind="array")
def test_json_nested_to_any_depth_on_the_api(app, depth, kind):
    limiter.reset()
    response = app.test_client().post("/api/v1/track", data=nested(depth, kind), content_type="application/json")
    assert response.status_code == 400 and response.get_json()["error"]["status"] == 400


ADDRESSES = st.builds("{}{}{}".format, st.sampled_from(["amina@example.ma", "a@x.ma", "Amina <a@x.ma>"]),
                      st.sampled_from(["\r\n", "\n", "\r", ",", ";", " ", "\r\nBcc: b@y.ma", ", b@y.ma"]),
                      st.sampled_from(["", "c@z.ma", "Subject: x", "\r\n"]))


def test_any_address_list_or_line_break_in_the_e_mail(app, office):
    @FUZZ
    @given(address=ADDRESSES)
    def fuzz(address):
        limiter.reset()
        response = post_application(app, unchecked_client(app), "fr", email=address)
        assert_safe_page(response)
        if response.status_code == 302:  # a break at the very end is trimmed: one address remains
            with app.app_context():
                emails = [r.applicant["email"] for r in db.session.scalars(sa.select(Request))]
            assert all("\n" not in e and "\r" not in e and "," not in e for e in emails)
        else:
            assert response.status_code == 400
        assert_nothing_half_written(app)
    fuzz()


def test_file_names_of_any_length_in_any_script(app, office):
    names = st.builds(lambda letters, times, ext: letters * times + ext, st.sampled_from([TIFINAGH, CJK, EMOJI, "a"]),
                      st.integers(1, 120), st.sampled_from([".pdf", ".PDF", "", ".pdf.exe", "." + CJK]))

    @FUZZ
    @given(name=names)
    @example(name=TIFINAGH[0] * 79 + ".pdf")
    @example(name=CJK[0] * 200 + ".pdf")
    def fuzz(name):
        limiter.reset()
        response = post_application(app, unchecked_client(app), "fr", files={0: (PDF, name)})
        assert_safe_page(response)
        assert response.status_code == 302
        with app.app_context():
            for upload in db.session.scalars(sa.select(Upload)):
                assert len(upload.key.rsplit("/", 1)[-1].encode()) <= 255 and upload.filename.endswith(".pdf")
        assert_nothing_half_written(app)
    fuzz()


def test_any_text_where_the_calendar_expects_a_day(app, office):
    admin = unchecked_client(app, "admin")
    token = csrf_token(admin.get("/fr/office/calendar/"))

    @FUZZ
    @given(day=st.one_of(st.text(st.characters(exclude_categories=("Cs",), exclude_characters="/?#%"),
                                 min_size=1, max_size=30),
                         st.sampled_from(["not-a-date", "2026-02-30", "9999-99-99", "20261123", "2026-W48-1"])))
    @example(day="not-a-date")
    def fuzz(day):
        from urllib.parse import quote
        response = admin.post(f"/fr/office/calendar/{quote(day, safe='')}/remove", data={"csrf_token": token})
        assert response.status_code in (302, 400, 404), (day, response.status_code)
        assert_safe_page(response)
    fuzz()


@FUZZ
@given(depth=st.integers(min_value=1, max_value=20_000), kind=st.sampled_from(["array", "object"]))
@example(depth=5000, kind="object")
def test_import_files_nested_to_any_depth(app, tmp_path_factory, depth, kind):
    folder = tmp_path_factory.mktemp("import")
    path = folder / "catalogue.json"
    path.write_text('{"format": "masatir-catalogue/1", "procedures": ' + nested(depth, kind) + "}")
    result = app.test_cli_runner().invoke(args=["catalogue", "import", str(path)])
    assert result.exit_code != 0 or depth < 3
    assert "Traceback" not in result.output and not isinstance(result.exception, RecursionError)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def test_a_json_body_that_is_not_an_object(app):
    for body in ("[]", "1", '"x"', "null", json.dumps([{"number": "X"}])):
        response = app.test_client().post("/api/v1/track", data=io.BytesIO(body.encode()),
                                          content_type="application/json")
        assert response.status_code == 400, body
