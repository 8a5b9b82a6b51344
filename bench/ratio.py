"""Public pages against Flask's hello world: each endpoint's throughput as a ratio of it, in one run.

    .venv/bin/python bench/ratio.py              # 8 s per measure
    .venv/bin/python bench/ratio.py --small      # 2 s per measure (CI)

The deployment is bench/load.py's (a throwaway PostgreSQL database with the demo catalogue, the portal in
production mode under gunicorn with ``gunicorn.conf.py``, rate limits in Redis), here with 2 sync workers,
the page cache in Redis (``CACHE_REDIS_URL``) and workers never recycled (``GUNICORN_MAX_REQUESTS=0``: the
steady state); ``bench/hello.py`` runs under the very same settings. ``wrk`` (32 connections, 2 threads)
loads hello world, then the endpoint, then hello world, then the endpoint
(A B A B), so that a change in the machine's load touches both; the ratio is the endpoint's requests per
second over hello world's, both summed over their two runs. Caches are warmed first, as in production.
Before the throughput, the cold render of a sheet in process, under the deployment's own settings (production
mode, the page cache in Redis): the page cache empty, the first render after the templates are compiled (the
median of 30: five procedures, both languages, three times), and its number of queries, with Flask's hello world
requested in process after each render (the machine's speed in the same minutes), before the servers
start (their workers' start-up would share the cores) and before minutes of wrk leave a load that lingers.

The load generator runs on the same cores as the servers, as in bench/load.py: the figures include its cost.
"""
import load  # noqa: I001  (first: gevent's monkey patching, as bench/load.py does it)

import argparse
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONNECTIONS, THREADS = 32, 2
# ~50 real queries in both languages (typos, Latin-script Arabic, words people type).
SEARCHES = {
    "fr": ["acte de naissance", "permis de construire", "carte nationale", "casier judiciaire", "naissence",
           "certificat de residence", "legalisation", "patente", "passeport", "eau assainissement",
           "certificat de vie", "mariage", "deces", "permis d'habiter", "autorisation commerce", "copie conforme",
           "carte grise", "permis de conduire", "certificat administratif", "lotissement", "morcellement",
           "debit de boissons", "taxe", "inscription", "attestation de revenu"],
    "ar": ["رخصة البناء", "عقد الازدياد", "البطاقة الوطنية", "السجل العدلي", "شهادة السكنى", "لاكارط",
           "رخصة السياقة", "الباسبور", "تصحيح الإمضاء", "الواد الحار", "شهادة الحياة", "الزواج", "الوفاة",
           "رخصة السكن", "رخصة تجارية", "نسخة مطابقة", "البطاقة الرمادية", "شهادة إدارية", "التجزئة",
           "التقسيم", "الضريبة", "التسجيل", "شهادة الدخل", "chahadat sokna", "rokhsat lbina"],
}
LUA = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""
RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
TARGETS = {"sheet": 0.50, "home": 0.50, "theme listing": 0.50, "search page": 0.30, "search API": 0.50,
           "sheet, If-None-Match": 0.80}


def wrk(url, seconds, script=None, headers=()):
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses\n{output}")
    return float(RATE.search(output).group(1))


def script_for(paths, folder):
    path = Path(folder) / f"paths-{abs(hash(tuple(paths)))}.lua"
    path.write_text(LUA % ", ".join(json.dumps(p) for p in paths), encoding="utf-8")
    return str(path)


def endpoints(base, folder):
    """``{name: (path, script, headers)}``: what each measure asks for."""
    import urllib.parse
    import urllib.request

    slug = "permis-de-construire"
    sheet = f"/fr/procedures/{slug}"
    with urllib.request.urlopen(base + sheet) as response:
        etag = response.headers["ETag"]
    searches = [f"/{lang}/search?q={urllib.parse.quote(q)}" for lang, queries in SEARCHES.items() for q in queries]
    api = [f"/api/v1/search?q={urllib.parse.quote(q)}&lang={lang}" for lang, queries in SEARCHES.items()
           for q in queries]
    return {
        "sheet": (sheet, None, ()),
        "home": ("/ar/", None, ()),
        "theme listing": ("/fr/themes/civil-status", None, ()),
        "search page": ("/", script_for(searches, folder), ()),
        "search API": ("/", script_for(api, folder), ()),
        "sheet, If-None-Match": (sheet, None, (f"If-None-Match: {etag}",)),
    }


def warm(base, path, script):
    """Every address of the measure once, as production's traffic would have done."""
    import urllib.request
    paths = re.findall(r'"(/[^"]*)"', Path(script).read_text(encoding="utf-8")) if script else [path]
    for each in paths:
        with urllib.request.urlopen(base + each) as response:
            assert response.status == 200, each


def cold_sheet(deployment):
    """Median in-process render of a sheet with an empty page cache (templates compiled), and its queries."""
    code = """
import statistics, sys, time, sqlalchemy as sa
from wsgi import app  # the application as gunicorn's workers hold it
sys.path.insert(0, "bench")
from hello import app as hello_world  # the machine's speed in the same minutes, in process too
from portal import pagecache
from portal.extensions import db
queries = []
client, hello = app.test_client(), hello_world.test_client()
hello.get("/")
slugs = ["permis-de-construire", "extrait-acte-naissance", "certificat-de-residence", "legalisation-signature",
         "declaration-naissance", "certification-conforme-copies"]
with app.app_context():
    slugs = [s for s in slugs if db.session.scalar(sa.text("SELECT 1 FROM procedure WHERE slug = :s"), dict(s=s))]
    sa.event.listen(db.engine, "before_cursor_execute", lambda *a: queries.append(1))
for lang in ("fr", "ar"):
    client.get(f"/{lang}/procedures/" + slugs[-1])  # compiles the templates (once per language)
times, hellos = [], []
for lang in ("fr", "ar") * 3:
    for slug in slugs[:-1]:
        with app.app_context():
            pagecache.clear()
        del queries[:]
        start = time.perf_counter()
        assert client.get(f"/{lang}/procedures/{slug}").status_code == 200
        times.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        hello.get("/")
        hellos.append((time.perf_counter() - start) * 1000)
print("cold:", statistics.median(times), max(times), len(queries), statistics.median(hellos))
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env={**deployment.environment(), "PYTHONPATH": str(ROOT)})
    if out.returncode:
        raise RuntimeError(out.stderr)
    line = next(line for line in out.stdout.splitlines() if line.startswith("cold:"))  # logs come around it
    median, worst, queries, hello = line.split()[1:]
    return float(median), float(worst), int(queries), float(hello)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=8, help="length of each measure (4 per endpoint)")
    parser.add_argument("--small", action="store_true", help="2 s per measure, for CI")
    parser.add_argument("--postgres-url", default=os.environ.get("TEST_POSTGRES_URL",
                                                                 "postgresql://postgres@127.0.0.1:5432/postgres"))
    arguments = parser.parse_args()
    seconds = 2 if arguments.small else arguments.seconds
    os.environ.setdefault("CACHE_REDIS_URL", "redis://127.0.0.1:6379/3")
    os.environ.setdefault("WEB_CONCURRENCY", "2")
    # Steady state: a worker recycled in the middle of one measure (every ~100,000 requests, a few seconds
    # at these rates) would charge that measure alone with its start-up; hello world's costs nothing.
    os.environ.setdefault("GUNICORN_MAX_REQUESTS", "0")
    started = time.monotonic()
    print(f"load before: {os.getloadavg()[0]:.2f} (the machine is shared: other work counts in every figure)")
    deployment = load.Deployment(arguments.postgres_url)
    with contextlib.ExitStack() as stack, tempfile.TemporaryDirectory() as folder:
        stack.callback(deployment.stop)
        deployment.prepare()
        subprocess.run(["redis-cli", "-n", "3", "FLUSHDB"], capture_output=True)
        # First, before any server runs (workers starting up would share the cores), and before minutes of wrk
        # leave a load that lingers.
        median, worst, queries, hello_ms = cold_sheet(deployment)
        print(f"cold sheet in process: median {median:.1f} ms, worst {worst:.1f} ms, {queries} queries "
              f"(target < 5 ms); hello world in process between them: median {hello_ms:.2f} ms")
        failed = ["cold sheet"] if median >= 5 else []
        deployment.serve_all()
        base, hello = deployment.url(), deployment.url("hello")
        print(f"gunicorn: {os.environ['WEB_CONCURRENCY']} sync workers for both; wrk {CONNECTIONS} connections, "
              f"{THREADS} threads, {seconds} s per measure, A B A B", flush=True)
        print(f"{'endpoint':<24}{'req/s':>10}{'hello':>10}{'ratio':>8}{'target':>8}")
        for name, (path, script, headers) in endpoints(base, folder).items():
            warm(base, path, script)
            ceiling = mine = 0.0
            for _ in range(2):
                ceiling += wrk(hello + "/", seconds)
                mine += wrk(base + path, seconds, script, headers)
            ratio = mine / ceiling
            target = TARGETS[name]
            failed += [name] if ratio < target else []
            print(f"{name:<24}{mine / 2:>10.0f}{ceiling / 2:>10.0f}{ratio:>8.2f}{target:>8.2f}", flush=True)
    print(f"load after: {os.getloadavg()[0]:.2f}; {time.monotonic() - started:.0f} s in all")
    print("below target: " + ("; ".join(failed) if failed else "none"))


if __name__ == "__main__":
    main()
