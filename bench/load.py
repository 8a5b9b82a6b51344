"""Load: search, sheets, filing and tracking against the production mode, beside Flask's hello world.

    .venv/bin/python bench/load.py                 # 30 s per phase, 16 simulated users
    .venv/bin/python bench/load.py --seconds 10    # a quicker look

The script starts what it measures and stops it afterwards: a throwaway PostgreSQL
database (on ``--postgres-url``) with the demo catalogue, the portal under gunicorn
(``gunicorn.conf.py``: MASATIR_ENV=production, 2 x cores + 1 sync workers, rate limits
in Redis) and ``bench/hello.py`` served by the same settings. Loopback only.

Rate limits stay as the code declares them and are counted in Redis: the portal runs
with ``PROXY_HOPS=1`` and every simulated citizen sends its own ``X-Forwarded-For``
address (a new one per filing or tracking), as they would arrive through a load
balancer. Nothing is throttled, and the limiter's Redis round trips are measured.

Each endpoint is first loaded alone (its requests per second as a share of hello
world's), then all together in a mix like a day's traffic. locust drives the load from
this process (FastHttpUser, no waiting between requests), on the same 2 cores as the
servers: the ceiling includes the load generator's own cost, as the figures do.
"""
from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import secrets  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
import uuid  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402
import psycopg  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

QUERIES = {
    "fr": ["acte de naissance", "permis de construire", "carte nationale", "casier judiciaire", "naissence",
           "certificat de residence", "legalisation", "patente", "passeport", "eau assainissement"],
    "ar": ["رخصة البناء", "عقد الازدياد", "البطاقة الوطنية", "السجل العدلي", "شهادة السكنى", "لاكارط",
           "رخصة السياقة", "الباسبور", "تصحيح الإمضاء", "الواد الحار"],
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n" + b"% scanned page\n" * 120 + b"trailer<<>>\n%%EOF\n"  # 1.8 KB
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
SUBMISSION = re.compile(r'name="submission" value="([^"]+)"')
DOCUMENT = re.compile(r'name="(document-\d+)"')


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url, timeout=2):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return None, b""


def random_address():
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


class Deployment:
    """A throwaway production deployment on this machine: database, portal, hello world."""

    def __init__(self, postgres_url, workers=None, redis_url="redis://127.0.0.1:6379/0"):
        self.admin_url, self.workers, self.redis_url = postgres_url, workers, redis_url
        self.name = f"masatir_bench_{uuid.uuid4().hex[:10]}"
        self.folder = Path(tempfile.mkdtemp(prefix="masatir-bench-"))
        self.servers = {}

    @property
    def database_url(self):
        return self.admin_url.rsplit("/", 1)[0] + "/" + self.name

    def environment(self):
        env = dict(os.environ)
        env.update({
            "FLASK_APP": "wsgi", "MASATIR_ENV": "production", "SECRET_KEY": self.secret_key,
            "RECEIPT_SIGNING_KEY": self.signing_key, "DATABASE_URL": self.database_url,
            "PUBLIC_BASE_URL": "https://masatir.gov.ma",
            "RATELIMIT_STORAGE_URI": self.redis_url, "PROXY_HOPS": "1", "LOG_FORMAT": "json",
            "INSTANCE_PATH": str(self.folder / "instance"), "UPLOAD_DIR": str(self.folder / "uploads"),
            "SEARCH_INDEX_DIR": str(self.folder / "search-index"),
        })
        if self.workers:
            env["WEB_CONCURRENCY"] = str(self.workers)
        return env

    def flask(self, *args):
        subprocess.run([str(BIN / "flask"), *args], cwd=ROOT, env=self.environment(), check=True,
                       stdout=subprocess.DEVNULL)

    def start(self, hello=True):
        self.prepare()
        self.serve_all(hello)
        return self

    def serve_all(self, hello=True):
        """The portal, and hello world beside it."""
        self.serve("portal", "wsgi:app")
        if hello:
            self.serve("hello", "bench.hello:app")

    def prepare(self):
        """The database with the demo catalogue, and the search index: all but the servers."""
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{self.name}"')
        self.secret_key = secrets.token_hex(32)
        self.signing_key = subprocess.run([str(BIN / "flask"), "requests", "new-signing-key"], cwd=ROOT,
                                          env={**os.environ, "FLASK_APP": "wsgi"}, check=True,
                                          capture_output=True, text=True).stdout
        self.signing_key = self.signing_key.strip() + "\n"
        print(f"setting up: database {self.name}, demo catalogue, search index …", flush=True)
        self.flask("db", "upgrade")
        self.flask("catalogue", "demo")
        self.flask("search", "update")

    def serve(self, name, app):
        port = free_port()
        env = self.environment() | {"BIND": f"127.0.0.1:{port}"}
        with open(self.folder / f"{name}.log", "wb") as log:  # the child keeps its own descriptor
            process = subprocess.Popen([str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", app], cwd=ROOT, env=env,
                                       stdout=log, stderr=subprocess.STDOUT)
        self.servers[name] = (process, f"http://127.0.0.1:{port}")
        path = "/readyz" if name == "portal" else "/"
        deadline = time.monotonic() + 60
        while get(self.url(name) + path)[0] != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not start; see {self.folder / f'{name}.log'}")
            time.sleep(0.3)

    def url(self, name="portal"):
        return self.servers[name][1]

    def master(self, name="portal"):
        return self.servers[name][0]

    def stop(self):
        for process, _ in self.servers.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process, _ in self.servers.values():
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
        try:
            with psycopg.connect(self.admin_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        except psycopg.OperationalError as error:
            print(f"could not drop {self.name}: {error}", file=sys.stderr)
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()


def online_procedures(base):
    """Slugs of the demo procedures filed online, with the names of their document fields."""
    import json
    status, body = get(f"{base}/api/v1/procedures?online=true&per_page=50&lang=fr", timeout=10)
    assert status == 200, status
    found = {}
    for item in json.loads(body)["items"]:
        status, page = get(f"{base}/fr/procedures/{item['slug']}/apply", timeout=10)
        if status == 200:
            found[item["slug"]] = DOCUMENT.findall(page.decode())
    return found


def all_slugs(base):
    import json
    slugs, page = [], 1
    while True:
        status, body = get(f"{base}/api/v1/procedures?per_page=50&page={page}", timeout=10)
        items = json.loads(body)["items"] if status == 200 else []
        if not items:
            return slugs
        slugs += [item["slug"] for item in items]
        page += 1


def session_cookie(response):
    """The session cookie, sent back by hand: in production it is ``Secure`` and the bench speaks plain HTTP."""
    header = response.headers.get("set-cookie") or ""
    return header.split(";", 1)[0] if "=" in header else None


def file_one(client, slug, fields, name_prefix="file", submission=None, address=None):
    """Get the form, post it with small PDFs; returns (number or None, submission, cookie, form data)."""
    address = address or random_address()
    form = client.get(f"/fr/procedures/{slug}/apply", name=f"{name_prefix}: form",
                      headers={"X-Forwarded-For": address})
    html = form.text or ""
    token, sub = CSRF.search(html), SUBMISSION.search(html)
    if form.status_code != 200 or not token or not sub:
        return None, None, None, None
    cookie = session_cookie(form)
    data = {"csrf_token": token.group(1), "submission": submission or sub.group(1), "name": "Amina El Idrissi",
            "cin": "BK123456", "phone": "0612345678", "email": "", "details": "Demande de charge."}
    number, cookie = post_form(client, slug, fields, data, cookie, address, name_prefix)
    return number, data["submission"], cookie, data


def post_form(client, slug, fields, data, cookie, address, name_prefix="file"):
    """Post the form; (number, the session cookie that proves the receipt) or (None, None)."""
    files = [(field, ("scan.pdf", PDF + field.encode(), "application/pdf")) for field in fields]
    headers = {"X-Forwarded-For": address, "Referer": f"{client.base_url}/fr/procedures/{slug}/apply"}
    if cookie:
        headers["Cookie"] = cookie
    body, content_type = multipart(data, files)
    headers["Content-Type"] = content_type
    with client.post(f"/fr/procedures/{slug}/apply", data=body, headers=headers, name=f"{name_prefix}: post",
                     allow_redirects=False, catch_response=True) as response:
        if response.status_code == 302 and "/requests/" in (response.headers.get("location") or ""):
            response.success()
            return response.headers["location"].split("/requests/")[1].split("/")[0], session_cookie(response)
        response.failure(f"status {response.status_code}")
    return None, None


def multipart(data, files):
    boundary = uuid.uuid4().hex
    parts = []
    for key, value in data.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
    for key, (filename, content, mime) in files:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; filename="{filename}"\r\n'
                     f"Content-Type: {mime}\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


# The load ---------------------------------------------------------------------------------------------------------

def user_classes(state):
    """locust users: one per endpoint, and the mix. ``state``: procedures, slugs, filed receipts, keys."""
    from locust import FastHttpUser, constant, task

    class Base(FastHttpUser):
        abstract = True
        wait_time = constant(0)
        connection_timeout, network_timeout = 10.0, 30.0

        def search_page(self):
            lang = random.choice(("fr", "ar"))
            self.client.get(f"/{lang}/search?q={random.choice(QUERIES[lang])}", name="search page")

        def search_api(self):
            lang = random.choice(("fr", "ar"))
            self.client.get(f"/api/v1/search?q={random.choice(QUERIES[lang])}&lang={lang}", name="search API")

        def sheet(self):
            self.client.get(f"/{random.choice(('fr', 'ar'))}/procedures/{random.choice(state['slugs'])}",
                            name="procedure sheet")

        def file(self):
            slug = random.choice(list(state["online"]))
            number, submission, cookie, _ = file_one(self.client, slug, state["online"][slug])
            if number:
                self.client.get(f"/fr/requests/{number}/receipt", name="file: receipt",
                                headers={"Cookie": cookie, "X-Forwarded-For": random_address()})
                state["filed"].append((number, submission))

        def track(self):
            if not state["filed"]:
                return self.file()
            number, submission = random.choice(state["filed"])
            secret = state["tracking_secret"](submission)
            address = random_address()
            form = self.client.get("/fr/track", name="track: form", headers={"X-Forwarded-For": address})
            token = CSRF.search(form.text or "")
            if not token:
                return
            with self.client.post("/fr/track", data={"number": number, "secret": secret, "csrf_token": token.group(1)},
                                  name="track: post", allow_redirects=False, catch_response=True,
                                  headers={"X-Forwarded-For": address, "Cookie": session_cookie(form) or "",
                                           "Referer": f"{self.client.base_url}/fr/track"}) as response:
                if response.status_code != 302:
                    response.failure(f"status {response.status_code}")
                    return
                cookie = session_cookie(response)
            self.client.get(f"/fr/requests/{number}", name="track: request page",
                            headers={"Cookie": cookie or "", "X-Forwarded-For": address})

    class Hello(Base):
        @task
        def hello(self):
            self.client.get("/", name="hello world")

    def alone(method_name):
        return type(method_name, (Base,), {"tasks": [lambda self: getattr(self, method_name)()]})

    class Mix(Base):
        tasks = {Base.search_page: 30, Base.search_api: 15, Base.sheet: 40, Base.file: 5, Base.track: 10}

    return Hello, {name: alone(name) for name in ("search_page", "search_api", "sheet", "file", "track")}, Mix


def run_phase(user_class, host, users, seconds):
    from locust.env import Environment

    before = os.getloadavg()[0]
    env = Environment(user_classes=[user_class], host=host)
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=min(users * 10, 100))
    gevent.sleep(seconds)
    runner.quit()
    rows = {}
    for (name, _method), entry in sorted(env.stats.entries.items()):
        rows[name] = {"requests": entry.num_requests, "rps": entry.num_requests / seconds,
                      "p50": entry.get_response_time_percentile(0.5), "p95": entry.get_response_time_percentile(0.95),
                      "p99": entry.get_response_time_percentile(0.99), "errors": entry.num_failures}
    print(f"  {user_class.__name__}: load average {before:.1f} before, {os.getloadavg()[0]:.1f} after "
          f"(other processes on the machine count too)", flush=True)
    for error in env.stats.errors.values():
        print(f"  errors: {error.occurrences} x {error.method} {error.name}: {error.error}", flush=True)
    return rows


def table(title, rows, ceiling=None):
    lines = [f"\n{title}\n", "| endpoint | requests | req/s | p50 ms | p95 ms | p99 ms | errors |"
             + (" share of hello world |" if ceiling else ""),
             "| --- | --- | --- | --- | --- | --- | --- |" + (" --- |" if ceiling else "")]
    for name, row in rows.items():
        ratio = f" {row['rps'] / ceiling:.1%} |" if ceiling else ""
        lines.append(f"| {name} | {row['requests']} | {row['rps']:.1f} | {row['p50']:.0f} | {row['p95']:.0f} | "
                     f"{row['p99']:.0f} | {row['errors']} |{ratio}")
    print("\n".join(lines), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=30, help="length of each phase")
    parser.add_argument("--users", type=int, default=16, help="simulated users, each without pause")
    parser.add_argument("--postgres-url", default=os.environ.get("TEST_POSTGRES_URL",
                                                                 "postgresql://postgres@127.0.0.1:5432/postgres"))
    arguments = parser.parse_args()
    from procedures.requests.numbers import tracking_secret

    with Deployment(arguments.postgres_url) as deployment:
        state = {"online": online_procedures(deployment.url()), "filed": [],
                 "tracking_secret": lambda submission: tracking_secret(deployment.secret_key, submission)}
        state["slugs"] = all_slugs(deployment.url())
        workers = len(__import__("psutil").Process(deployment.master().pid).children())
        print(f"portal: {workers} gunicorn workers, {len(state['online'])} procedures filed online; "
              f"{arguments.users} users, {arguments.seconds} s per phase; {os.cpu_count()} cores", flush=True)
        hello, alone, mix = user_classes(state)
        ceiling = run_phase(hello, deployment.url("hello"), arguments.users, arguments.seconds)
        table("hello world (ceiling)", ceiling)
        results = {}
        for user_class in alone.values():
            results.update(run_phase(user_class, deployment.url(), arguments.users, arguments.seconds))
        table("each endpoint alone", results, ceiling["hello world"]["rps"])
        table("the mix (search 45%, sheets 40%, tracking 10%, filing 5% of users' actions)",
              run_phase(mix, deployment.url(), arguments.users, arguments.seconds), ceiling["hello world"]["rps"])


if __name__ == "__main__":
    main()
