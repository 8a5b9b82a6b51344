"""Settings, read from the environment once, at start-up.

Nothing secret lives in the code. In production (``MASATIR_ENV=production``) a
missing or short ``SECRET_KEY`` stops start-up with a message saying what to do;
in development a random key is generated once and kept under ``instance/`` so
that sessions survive a restart.
"""
import json
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

MIN_SECRET_LENGTH = 32


class ConfigurationError(RuntimeError):
    """A setting is missing or wrong: the portal refuses to start."""


def json_text(value):
    return json.dumps(value, ensure_ascii=False)


def database_url(raw, instance_path):
    """The SQLAlchemy URL: SQLite under ``instance/`` unless DATABASE_URL says otherwise.

    ``postgres://`` and ``postgresql://`` (as hosting platforms write them) are
    sent to the psycopg 3 driver, the one the project installs.
    """
    if not raw:
        return "sqlite:///" + str(Path(instance_path) / "masatir.sqlite3")
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix):]
    return raw


def secret_key(env, instance_path, production):
    key = env.get("SECRET_KEY", "")
    if key:
        if production and len(key) < MIN_SECRET_LENGTH:
            raise ConfigurationError(
                f"SECRET_KEY is {len(key)} characters long; production needs at least "
                f"{MIN_SECRET_LENGTH}. Generate one with: python -c 'import secrets; print(secrets.token_hex(32))'"
            )
        return key
    if production:
        raise ConfigurationError(
            "SECRET_KEY is not set. In production it must come from the environment: "
            "export SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))')"
        )
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def receipt_key(env, production):
    key = env.get("RECEIPT_SIGNING_KEY", "")
    if production and not key:
        raise ConfigurationError(
            "RECEIPT_SIGNING_KEY is not set. Receipts are signed with an Ed25519 key kept outside the code: "
            "generate one with `flask requests new-signing-key` and export it as RECEIPT_SIGNING_KEY.")
    return key or None


def public_base_url(env, production):
    """``PUBLIC_BASE_URL``: where citizens reach the portal, the start of every address the portal
    writes for elsewhere (e-mails, PDFs, QR codes, the API's links). Never taken from a request's
    Host header, which the visitor chooses. Production needs it, over HTTPS."""
    raw = env.get("PUBLIC_BASE_URL", "").strip()
    if not raw:
        if production:
            raise ConfigurationError(
                "PUBLIC_BASE_URL is not set. In production the addresses written in e-mails, receipts and "
                "QR codes must come from it, e.g. export PUBLIC_BASE_URL=https://masatir.gov.ma")
        return "http://127.0.0.1:5000"
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment \
            or parts.username or parts.password:
        raise ConfigurationError(f"PUBLIC_BASE_URL={raw!r} is not an address such as https://masatir.gov.ma")
    if production and parts.scheme != "https":
        raise ConfigurationError(f"PUBLIC_BASE_URL={raw!r}: production is served over HTTPS only")
    return raw.rstrip("/")


def languages(raw):
    """Language codes from ``LANGUAGES`` (``ar,fr`` by default); the first is the default.

    Adding Tamazight is ``LANGUAGES=ar,fr,zgh`` plus its translation catalogue.
    """
    codes = [code.strip() for code in (raw or "ar,fr").split(",") if code.strip()]
    if not codes:
        raise ConfigurationError("LANGUAGES must name at least one language code, e.g. LANGUAGES=ar,fr")
    return codes


def from_environment(instance_path, env=None):
    env = os.environ if env is None else env
    production = env.get("MASATIR_ENV", "development") == "production"
    return {
        "PRODUCTION": production,
        "SECRET_KEY": secret_key(env, instance_path, production),
        "PUBLIC_BASE_URL": public_base_url(env, production),
        "SQLALCHEMY_DATABASE_URI": database_url(env.get("DATABASE_URL"), instance_path),
        # Arabic stays readable (and searchable with LIKE) in the database's JSON text.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "json_serializer": json_text},
        "LANGUAGES": languages(env.get("LANGUAGES")),
        "COUNTRY": env.get("COUNTRY", "MA"),
        "BABEL_DEFAULT_TIMEZONE": "Africa/Casablanca",  # times are shown as Moroccans read them
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).resolve().parent.parent / "translations"),
        "PAGE_SIZE": int(env.get("PAGE_SIZE", "20")),
        "JSON_SORT_KEYS": False,
        # Back-office sessions (OWASP ASVS 3): 30 minutes idle, 12 hours at most; in production
        # the __Host- prefix pins the cookie to this host, over HTTPS, for the whole site.
        "SESSION_COOKIE_NAME": "__Host-masatir" if production else "masatir",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "SESSION_IDLE_SECONDS": int(env.get("SESSION_IDLE_SECONDS", 30 * 60)),
        "SESSION_MAX_SECONDS": 12 * 60 * 60,
        "PERMANENT_SESSION_LIFETIME": 12 * 60 * 60,
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        # Public pages rendered once (portal/pagecache.py): in this Redis, shared by a node's workers; unset,
        # in files under instance/page-cache. Browsers and proxies keep them PUBLIC_MAX_AGE seconds.
        "CACHE_REDIS_URL": env.get("CACHE_REDIS_URL"),
        "PUBLIC_MAX_AGE": int(env.get("PUBLIC_MAX_AGE", 30)),
        "PUBLIC_STALE_SECONDS": int(env.get("PUBLIC_STALE_SECONDS", 30)),
        "RATELIMIT_HEADERS_ENABLED": True,
        # Requests: files are kept outside the web root; limits per file and per request.
        "RECEIPT_SIGNING_KEY": receipt_key(env, production),
        "UPLOAD_DIR": env.get("UPLOAD_DIR", str(Path(instance_path) / "uploads")),
        "UPLOAD_S3_BUCKET": env.get("UPLOAD_S3_BUCKET"),  # set: uploads go to this S3-compatible bucket
        "UPLOAD_S3_ENDPOINT_URL": env.get("UPLOAD_S3_ENDPOINT_URL"),
        "UPLOAD_S3_PREFIX": env.get("UPLOAD_S3_PREFIX", ""),
        "MAX_FILE_BYTES": int(env.get("MAX_FILE_BYTES", 5 * 1024 * 1024)),
        "MAX_REQUEST_BYTES": int(env.get("MAX_REQUEST_BYTES", 20 * 1024 * 1024)),
        # Files of forms not accepted yet: kept a day, capped per address and in all (procedures/requests/staging.py).
        "STAGING_HOURS": int(env.get("STAGING_HOURS", 24)),
        "STAGING_BYTES_PER_ADDRESS": int(env.get("STAGING_BYTES_PER_ADDRESS", 60 * 1024 * 1024)),
        "STAGING_BYTES_TOTAL": int(env.get("STAGING_BYTES_TOTAL", 2 * 1024 * 1024 * 1024)),
        "MAIL_SERVER": env.get("MAIL_SERVER"),
        "MAIL_PORT": int(env.get("MAIL_PORT", 25)),
        "MAIL_STARTTLS": env.get("MAIL_STARTTLS", "") == "1",
        "MAIL_USERNAME": env.get("MAIL_USERNAME"),
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD"),
        "MAIL_SENDER": env.get("MAIL_SENDER", "Masatir <no-reply@masatir.ma>"),
        # Queued jobs (procedures/notices): RQ on this Redis; unset, notices are delivered in-process.
        "JOBS_REDIS_URL": env.get("JOBS_REDIS_URL"),
        "JOBS_QUEUE": env.get("JOBS_QUEUE", "masatir"),
        "NOTICE_LEASE_SECONDS": int(env.get("NOTICE_LEASE_SECONDS", 300)),  # a dead worker's notice waits this long
        "OPEN_DATA_DIR": env.get("OPEN_DATA_DIR", str(Path(instance_path) / "open-data")),
        # Larger than the request limit, so that an oversized form still gets a page that keeps its fields.
        "MAX_CONTENT_LENGTH": int(env.get("MAX_REQUEST_BYTES", 20 * 1024 * 1024)) * 2,
    }
