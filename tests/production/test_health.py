"""Health and readiness, request ids, structured logs and the proxy setting."""
import json
import logging

from portal import create_app, production
from tests.pages import CheckedClient  # noqa: F401  (the session app's client checks pages; JSON passes through)


def test_health_answers_without_touching_anything(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_ready_when_database_uploads_and_index_answer(app, client):
    client.get("/fr/search?q=permis")  # the first search builds the index
    response = client.get("/readyz")
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["checks"] == {"database": "ok", "uploads": "ok", "search_index": "ok"}


def test_not_ready_names_what_failed(app, tmp_path):
    broken = create_app({
        "TESTING": True, "SECRET_KEY": app.config["SECRET_KEY"],
        "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:1/none",
        "UPLOAD_DIR": str(tmp_path / "uploads"), "SEARCH_INDEX_DIR": str(tmp_path / "no-index"),
    })
    response = broken.test_client().get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "not ready"
    assert body["checks"]["database"].startswith("failed") and body["checks"]["uploads"] == "ok"
    assert "flask search update" in body["checks"]["search_index"]


def test_a_sane_request_id_is_kept_and_an_odd_one_replaced(client):
    kept = client.get("/healthz", headers={"X-Request-ID": "lb-4f2a9c1e-77"})
    assert kept.headers["X-Request-ID"] == "lb-4f2a9c1e-77"
    for odd in ("short", "x" * 300, "evil\r\nSet-Cookie: a=b", "<script>"):
        given = client.get("/healthz", headers={"X-Request-ID": odd.replace("\r\n", " ")}).headers["X-Request-ID"]
        assert given != odd and len(given) == 32
    assert client.get("/healthz").headers["X-Request-ID"] != client.get("/healthz").headers["X-Request-ID"]


def test_every_request_ends_with_one_structured_line(app, client, caplog):
    app.config["LOG_REQUESTS"] = True
    production.ACCESS.disabled = False  # the migrations' fileConfig (run by the app fixture) disables other loggers
    try:
        with caplog.at_level(logging.INFO, logger="masatir.access"):
            response = client.get("/fr/", headers={"X-Request-ID": "req-0123456789"})
    finally:
        app.config["LOG_REQUESTS"] = False
    [record] = [r for r in caplog.records if r.name == "masatir.access"]
    line = json.loads(production.JsonFormatter().format(record))
    assert response.headers["X-Request-ID"] == "req-0123456789"
    assert {key: line[key] for key in ("level", "request_id", "method", "path", "status")} == {
        "level": "info", "request_id": "req-0123456789", "method": "GET", "path": "/fr/", "status": 200}
    assert line["duration_ms"] >= 0 and line["remote_addr"] == "127.0.0.1" and line["time"].endswith("Z")


def test_log_lines_written_during_a_request_carry_its_id(app):
    record = logging.LogRecord("portal", logging.WARNING, __file__, 1, "something %s", ("odd",), None)
    with app.test_request_context("/fr/"):
        production.start_request()
        production.RequestIdFilter().filter(record)
        text = production.TextFormatter().format(record)
        line = json.loads(production.JsonFormatter().format(record))
    assert line["request_id"] == record.request_id and len(record.request_id) == 32
    assert f"[{record.request_id}]" in text and "something odd" in text


def test_json_by_default_in_production_text_in_development(app):
    assert app.config["LOG_FORMAT"] == "text" and app.config["LOG_REQUESTS"] is False

    class Production:
        config = {"PRODUCTION": True}
    production.settings(Production, env={})
    assert Production.config["LOG_FORMAT"] == "json" and Production.config["LOG_REQUESTS"] is True
    assert Production.config["PROXY_HOPS"] == 0


def test_behind_a_load_balancer_the_client_address_is_the_forwarded_one(app):
    proxied = create_app({"TESTING": True, "SECRET_KEY": app.config["SECRET_KEY"], "PROXY_HOPS": 1,
                          "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                          "UPLOAD_DIR": app.config["UPLOAD_DIR"]})
    seen = {}

    @proxied.get("/whoami")
    def whoami():
        from flask import request
        seen.update(addr=request.remote_addr, scheme=request.scheme)
        return "ok"

    proxied.test_client().get("/whoami", headers={"X-Forwarded-For": "203.0.113.9, 198.51.100.7",
                                                  "X-Forwarded-Proto": "https"})
    assert seen == {"addr": "198.51.100.7", "scheme": "https"}
