"""Configuration from the environment, failing fast in production."""
import pytest

from portal import create_app
from portal.config import ConfigurationError, database_url, from_environment


def test_production_refuses_to_start_without_a_secret(tmp_path, monkeypatch):
    monkeypatch.setenv("MASATIR_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="SECRET_KEY is not set"):
        create_app()


def test_production_refuses_a_short_secret(tmp_path):
    with pytest.raises(ConfigurationError, match="at least 32"):
        from_environment(tmp_path, {"MASATIR_ENV": "production", "SECRET_KEY": "short"})


def test_development_keeps_a_generated_secret_under_instance(tmp_path):
    first = from_environment(tmp_path, {})["SECRET_KEY"]
    assert len(first) >= 32 and from_environment(tmp_path, {})["SECRET_KEY"] == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_refuses_to_start_without_a_receipt_signing_key(tmp_path):
    with pytest.raises(ConfigurationError, match="RECEIPT_SIGNING_KEY is not set"):
        from_environment(tmp_path, {"MASATIR_ENV": "production", "SECRET_KEY": "x" * 40,
                                    "PUBLIC_BASE_URL": "https://masatir.gov.ma"})


def test_production_cookies_are_secure(tmp_path):
    settings = from_environment(tmp_path, {"MASATIR_ENV": "production", "SECRET_KEY": "x" * 40,
                                           "RECEIPT_SIGNING_KEY": "a PEM key",
                                           "PUBLIC_BASE_URL": "https://masatir.gov.ma"})
    assert settings["SESSION_COOKIE_SECURE"] and settings["SESSION_COOKIE_HTTPONLY"]


@pytest.mark.parametrize("raw, expected", [
    (None, "sqlite:////srv/instance/masatir.sqlite3"),
    ("postgres://u@db/masatir", "postgresql+psycopg://u@db/masatir"),
    ("postgresql://u@db/masatir", "postgresql+psycopg://u@db/masatir"),
    ("sqlite:///elsewhere.db", "sqlite:///elsewhere.db"),
])
def test_database_url(raw, expected):
    assert database_url(raw, "/srv/instance") == expected


def test_languages_are_configuration(tmp_path):
    assert from_environment(tmp_path, {"LANGUAGES": "ar, fr, zgh"})["LANGUAGES"] == ["ar", "fr", "zgh"]
    with pytest.raises(ConfigurationError):
        from_environment(tmp_path, {"LANGUAGES": " , "})
