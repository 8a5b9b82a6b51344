"""Faults: workers killed and PostgreSQL stopped in the middle of filings, then what was kept is checked.

    .venv/bin/python bench/faults.py                # about 90 s; needs root to stop PostgreSQL
    .venv/bin/python bench/faults.py --no-postgres  # workers only

Run on a developer machine, never in CI: it stops this machine's PostgreSQL cluster
for a few seconds (``pg_ctlcluster … stop`` then ``start``; started again whatever
happens). The deployment is bench/load.py's: a throwaway database, the portal under
gunicorn in production mode, rate limits in Redis.

Citizens (greenlets) file requests without pause, each with its own PDFs; when a post
fails (connection reset by a killed worker, an error while the database is away) the
citizen sends the same form again (same submission token) until it gets a receipt.
Meanwhile: SIGKILL to one worker, then to two at once, PostgreSQL stopped for a few
seconds, then a storm of five kills two seconds apart. Afterwards:

1. every receipt a citizen got matches exactly one stored request, of that submission,
   with all its files on disk and their checksums;
2. every stored request can be retrieved by its citizen: the same submission sent again
   gives the same receipt (those the citizen never saw included);
3. the portal serves again by itself: workers back, ready, a new filing goes through.
"""
import load  # noqa: I001  (first: gevent's monkey patching)

import argparse
import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import gevent
import psutil
import psycopg
import requests

PG_VERSION = sorted(os.listdir("/etc/postgresql"))[-1] if os.path.isdir("/etc/postgresql") else None


def pg_ctl(action):
    return subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, "main", action],
                          capture_output=True, text=True)


def ensure_postgres_running():
    if PG_VERSION and pg_ctl("status").returncode != 0:
        print("starting PostgreSQL again", flush=True)
        pg_ctl("start")


@dataclass
class Filing:
    slug: str
    fields: list
    data: dict = field(default_factory=dict)
    cookie: str = ""
    files: dict = field(default_factory=dict)  # field name -> content
    number: str | None = None
    attempts: int = 0


class Citizens:
    def __init__(self, base, online):
        self.base, self.online = base, online
        self.filings, self.receipts, self.gave_up = [], [], []
        self.errors = {}
        self.running = True

    def note(self, what):
        self.errors[what] = self.errors.get(what, 0) + 1

    def start_filing(self, http):
        slug = random.choice(list(self.online))
        page = http.get(f"{self.base}/fr/procedures/{slug}/apply", timeout=30,
                        headers={"X-Forwarded-For": load.random_address()})
        token, submission = load.CSRF.search(page.text), load.SUBMISSION.search(page.text)
        if page.status_code != 200 or not token or not submission:
            raise RuntimeError(f"form {page.status_code}")
        filing = Filing(slug, self.online[slug], cookie=load.session_cookie(page) or "")
        filing.data = {"csrf_token": token.group(1), "submission": submission.group(1), "name": "Amina El Idrissi",
                       "cin": "BK123456", "phone": "0612345678", "email": "", "details": "Panne simulée."}
        filing.files = {name: load.PDF + os.urandom(16).hex().encode() for name in filing.fields}
        return filing

    def post(self, http, filing):
        """Send the form; the receipt's number, or None."""
        filing.attempts += 1
        response = http.post(f"{self.base}/fr/procedures/{filing.slug}/apply", data=filing.data,
                             files={name: ("scan.pdf", content, "application/pdf")
                                    for name, content in filing.files.items()},
                             headers={"Cookie": filing.cookie, "X-Forwarded-For": load.random_address(),
                                      "Referer": f"{self.base}/fr/procedures/{filing.slug}/apply"},
                             allow_redirects=False, timeout=60)
        location = response.headers.get("location", "")
        if response.status_code == 302 and "/requests/" in location:
            number = location.split("/requests/")[1].split("/")[0]
            receipt = http.get(f"{self.base}/fr/requests/{number}/receipt", timeout=30,
                               headers={"Cookie": load.session_cookie(response) or ""})
            if receipt.status_code == 200 and number in receipt.text.replace("-", ""):
                return number
            self.note(f"receipt page {receipt.status_code}")
            return None
        self.note(f"post {response.status_code}")
        return None

    def citizen(self):
        http = requests.Session()
        while self.running:
            try:
                filing = self.start_filing(http)
            except (requests.RequestException, RuntimeError) as error:
                self.note(f"form: {type(error).__name__}")
                gevent.sleep(0.3)
                continue
            self.filings.append(filing)
            deadline = time.monotonic() + 60
            while filing.number is None and time.monotonic() < deadline:
                try:
                    filing.number = self.post(http, filing)
                except requests.RequestException as error:
                    self.note(f"post: {type(error).__name__}")
                if filing.number is None:
                    gevent.sleep(0.5)  # then the same form again, as a citizen presses "send" again
            (self.receipts if filing.number else self.gave_up).append(filing)


def workers(deployment):
    return psutil.Process(deployment.master().pid).children()


def kill_workers(deployment, count, log):
    victims = random.sample(workers(deployment), count)
    for victim in victims:
        os.kill(victim.pid, signal.SIGKILL)
    log(f"SIGKILL to {count} worker(s): {', '.join(str(v.pid) for v in victims)}")


def faults(deployment, stop_postgres, log):
    gevent.sleep(8)
    kill_workers(deployment, 1, log)
    gevent.sleep(8)
    kill_workers(deployment, 2, log)
    gevent.sleep(8)
    if stop_postgres:
        log("PostgreSQL: stop")
        result = pg_ctl("stop")
        if result.returncode:
            log(f"PostgreSQL did not stop: {result.stderr.strip()}")
        try:
            gevent.sleep(5)
        finally:
            result = pg_ctl("start")
            log("PostgreSQL: started again" + (f" ({result.stderr.strip()})" if result.returncode else ""))
    gevent.sleep(6)
    for _ in range(5):  # a storm: some kills land between a filing's commit and its answer
        kill_workers(deployment, 1, log)
        gevent.sleep(2)


# Afterwards ---------------------------------------------------------------------------------------------------------

def stored(deployment):
    with psycopg.connect(deployment.database_url) as connection:
        rows = connection.execute("SELECT r.number, r.idempotency_key, u.key, u.sha256 FROM request r "
                                  "LEFT JOIN upload u ON u.request_id = r.id ORDER BY r.id, u.id").fetchall()
    found = {}
    for number, key, upload_key, sha in rows:
        found.setdefault(number, {"submission": key, "files": {}})
        if upload_key:
            found[number]["files"][upload_key] = sha
    return found


def files_missing(deployment, requests_):
    root = Path(deployment.folder / "uploads")
    missing = []
    for number, request in requests_.items():
        for key, sha in request["files"].items():
            path = root / key
            if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != sha:
                missing.append(f"{number}: {key}")
    return missing


def check(deployment, citizens, findings):
    http = requests.Session()
    kept = stored(deployment)
    by_submission = {request["submission"]: number for number, request in kept.items()}
    filings = {filing.data["submission"]: filing for filing in citizens.filings}

    # 1. Every receipt: one stored request of that submission, with all its files, as sent.
    wrong = []
    for filing in citizens.receipts:
        request = kept.get(filing.number)
        if request is None or request["submission"] != filing.data["submission"]:
            wrong.append(f"{filing.number}: no stored request of this submission")
            continue
        sent = sorted(hashlib.sha256(content).hexdigest() for content in filing.files.values())
        if sorted(request["files"].values()) != sent:
            wrong.append(f"{filing.number}: stored files differ from those sent")
    findings.append(("receipts the citizens got", len(citizens.receipts)))
    findings.append(("… each matching exactly one stored request with the files sent", not wrong and "yes" or wrong))
    findings.append(("stored requests", len(kept)))
    findings.append(("… of a submission no citizen sent", [n for n, r in kept.items() if r["submission"] not in filings]
                     or "none"))
    findings.append(("files missing or altered on disk, before any re-post", files_missing(deployment, kept) or "none"))

    # 2. Every stored request retrievable: the same submission again gives the same receipt.
    unseen = [filing for filing in citizens.filings if filing.data["submission"] in by_submission
              and filing.number is None]
    different, reposted = [], 0
    for filing in citizens.filings:
        number = by_submission.get(filing.data["submission"])
        if number is None:
            continue
        reposted += 1
        try:
            again = citizens.post(http, filing)
        except requests.RequestException as error:
            again = f"error {error}"
        if again != number:
            different.append(f"{number}: the same submission now gives {again}")
    findings.append(("stored requests whose citizen never saw the receipt (crash after the commit)", len(unseen)))
    findings.append(("stored requests whose submission, sent again, gives the same receipt",
                     f"{reposted - len(different)} of {len(kept)}" + (f": {different}" if different else "")))
    findings.append(("files missing or altered on disk, after the re-posts",
                     files_missing(deployment, stored(deployment)) or "none"))
    findings.append(("filings abandoned after 60 s of retries (no request stored)",
                     len([f for f in citizens.gave_up if f.data["submission"] not in by_submission])))
    staging = deployment.folder / "uploads" / "staging"
    findings.append(("staging folders left (forms posted but never filed)",
                     len(list(staging.iterdir())) if staging.is_dir() else 0))


def recovery(deployment, citizens, findings, expected_workers):
    started = time.monotonic()
    while time.monotonic() - started < 60:
        if load.get(deployment.url() + "/readyz")[0] == 200 and len(workers(deployment)) == expected_workers:
            break
        time.sleep(0.5)
    findings.append(("ready again, all workers back (s after the load ended)", round(time.monotonic() - started, 1)))
    http = requests.Session()
    try:
        filing = citizens.start_filing(http)
        citizens.filings.append(filing)
        filing.number = citizens.post(http, filing)
        findings.append(("a new filing afterwards", f"receipt {filing.number}"))
    except (requests.RequestException, RuntimeError) as error:
        findings.append(("a new filing afterwards", f"failed: {error}"))


def run(deployment, arguments, stop_postgres, log):
    expected_workers = len(workers(deployment))
    citizens = Citizens(deployment.url(), load.online_procedures(deployment.url()))
    log(f"{expected_workers} workers, {arguments.citizens} citizens filing for {arguments.seconds} s")
    crowd = [gevent.spawn(citizens.citizen) for _ in range(arguments.citizens)]
    injector = gevent.spawn(faults, deployment, stop_postgres, log)
    gevent.sleep(arguments.seconds)
    injector.join()
    citizens.running = False
    gevent.joinall(crowd, timeout=90)
    log(f"load over: {len(citizens.filings)} forms, {len(citizens.receipts)} receipts; "
        f"errors seen by citizens: {citizens.errors or 'none'}")
    findings = [("errors the citizens saw (then retried)", citizens.errors or "none")]
    recovery(deployment, citizens, findings, expected_workers)
    check(deployment, citizens, findings)
    print("\n| finding | result |\n| --- | --- |")
    for what, result in findings:
        print(f"| {what} | {result} |")
    print(f"\nlogs: {deployment.folder / 'portal.log'} (removed on exit)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--citizens", type=int, default=12)
    parser.add_argument("--seconds", type=int, default=50, help="length of the load (the faults need 46)")
    parser.add_argument("--no-postgres", action="store_true", help="do not stop PostgreSQL")
    parser.add_argument("--postgres-url", default=os.environ.get("TEST_POSTGRES_URL",
                                                                 "postgresql://postgres@127.0.0.1:5432/postgres"))
    arguments = parser.parse_args()
    stop_postgres = not arguments.no_postgres and PG_VERSION is not None
    began = time.monotonic()

    def log(message):
        print(f"[{time.monotonic() - began:5.1f} s] {message}", flush=True)

    try:
        with load.Deployment(arguments.postgres_url) as deployment:
            try:
                run(deployment, arguments, stop_postgres, log)
            finally:
                ensure_postgres_running()  # before the deployment drops its database
    finally:
        ensure_postgres_running()


if __name__ == "__main__":
    sys.exit(main())
