"""Search at national scale: Masatir's search against a plain SQLite FTS5 baseline.

    .venv/bin/python bench/search_benchmark.py            # 3,000 and 30,000 procedures
    .venv/bin/python bench/search_benchmark.py --small    # 300, for CI (a minute)

Generates a bilingual catalogue by recombining the demo catalogue's vocabulary (titles
with a qualifier, summaries and document lists mixed from other procedures), stores it
in a throwaway SQLite database, then prints for each size, side by side: full build
time and size on disk, and p50/p95 latency of typical (one word), multi-word, misspelt
and prefix queries, and of suggestions typed one key at a time. Masatir is measured
through its HTTP API (Flask's test client, so without the network), each query once
and uncached; FTS5 is measured as the SQL it needs (no HTTP, no facets, no typos).
"found" is the share of queries that return at least one result. The machine's load
average is printed with each size, and Masatir's CPU time beside its wall-clock time
(the rebuild's includes its indexing processes): on a shared machine the wall-clock
figures stretch with the load, the CPU ones much less.
"""
import argparse
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import flask_migrate  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402
from procedures.catalogue.cli import DEMO  # noqa: E402
from procedures.catalogue.models import (Administration, Audience, Document, Fee, Procedure, Theme,  # noqa: E402
                                         Version, procedure_audience)
from procedures.catalogue.transfer import import_documents, read_documents  # noqa: E402
from procedures.search import analysis, engine, indexing, synonyms  # noqa: E402

QUALIFIERS = [("Casablanca-Settat", "الدار البيضاء سطات"), ("Rabat-Salé-Kénitra", "الرباط سلا القنيطرة"),
              ("Fès-Meknès", "فاس مكناس"), ("Marrakech-Safi", "مراكش آسفي"), ("Souss-Massa", "سوس ماسة"),
              ("Tanger-Tétouan-Al Hoceïma", "طنجة تطوان الحسيمة"), ("l'Oriental", "الشرق"),
              ("Béni Mellal-Khénifra", "بني ملال خنيفرة"), ("Drâa-Tafilalet", "درعة تافيلالت"),
              ("Guelmim-Oued Noun", "كلميم واد نون"), ("Laâyoune-Sakia El Hamra", "العيون الساقية الحمراء"),
              ("Dakhla-Oued Ed-Dahab", "الداخلة وادي الذهب"), ("cas particulier", "حالة خاصة"),
              ("procédure simplifiée", "مسطرة مبسطة"), ("en milieu rural", "بالوسط القروي"),
              ("pour les Marocains du monde", "لفائدة مغاربة العالم"), ("pour les coopératives", "لفائدة التعاونيات"),
              ("pour les associations", "لفائدة الجمعيات"), ("régime transitoire", "نظام انتقالي")]
SEED = 55_19


def demo_procedures():
    documents = read_documents(DEMO)
    taxonomy = next(data for name, data in documents if name == "taxonomy.json")
    procedures = [item for _name, data in documents for item in data.get("procedures", [])]
    return taxonomy, procedures


def generate(size, procedures, rng):
    """``size`` procedures: the demo's, then recombinations of them."""
    made = []
    for number in range(size):
        base = procedures[number % len(procedures)]
        version = base["versions"][-1]
        title, summary = dict(version["title"]), dict(version["summary"])
        documents = [document["name"] for document in version["documents"]]
        if number >= len(procedures):
            other = rng.choice(procedures)["versions"][-1]
            fr, ar = rng.choice(QUALIFIERS)
            title = {"fr": f"{title['fr']} – {fr}", "ar": f"{title['ar']} - {ar}"}
            summary = {lang: f"{summary[lang]} {other['summary'][lang]}" for lang in summary}
            documents += [document["name"] for document in other["documents"][:2]]
        made.append({"code": f"B-{number:05}", "slug": f"{base['slug']}-{number}", "theme": base["theme"],
                     "administration": base["administration"], "audiences": base["audiences"],
                     "title": title, "summary": summary, "documents": documents,
                     "paid": bool(version["fees"]), "maturity": version["maturity"]})
    return made


def store(catalogue):
    """Write the generated catalogue with bulk inserts (the import checks each procedure: too slow here)."""
    themes = dict(db.session.execute(sa.select(Theme.slug, Theme.id)).all())
    administrations = dict(db.session.execute(sa.select(Administration.code, Administration.id)).all())
    audiences = dict(db.session.execute(sa.select(Audience.slug, Audience.id)).all())
    text = {"fr": "—", "ar": "—"}
    for start in range(0, len(catalogue), 2000):
        chunk = catalogue[start:start + 2000]
        db.session.execute(sa.insert(Procedure), [
            {"code": item["code"], "slug": item["slug"], "theme_id": themes[item["theme"]],
             "administration_id": administrations[item["administration"]]} for item in chunk])
        ids = dict(db.session.execute(sa.select(Procedure.code, Procedure.id).where(
            Procedure.code.in_([item["code"] for item in chunk]))).all())
        db.session.execute(sa.insert(procedure_audience), [
            {"procedure_id": ids[item["code"]], "audience_id": audiences[slug]}
            for item in chunk for slug in item["audiences"]])
        db.session.execute(sa.insert(Version), [
            {"procedure_id": ids[item["code"]], "number": 1, "effective_from": date(2022, 1, 1),
             "change_note": text, "title": item["title"], "summary": item["summary"], "eligibility": text,
             "filing_places": text, "processing_days": 10, "silence": "none", "maturity": item["maturity"],
             "investment": False} for item in chunk])
        versions = dict(db.session.execute(sa.select(Version.procedure_id, Version.id).where(
            Version.procedure_id.in_(ids.values()))).all())
        db.session.execute(sa.insert(Document), [
            {"version_id": versions[ids[item["code"]]], "position": position, "name": name, "form": "original",
             "quantity": 1} for item in chunk for position, name in enumerate(item["documents"])])
        db.session.execute(sa.insert(Fee), [
            {"version_id": versions[ids[item["code"]]], "position": 0, "label": text, "amount_mad": 50}
            for item in chunk if item["paid"]])
    db.session.commit()


def title_words(procedures):
    words = []
    for item in procedures:
        for text in item["versions"][-1]["title"].values():
            words += [word.text for word in analysis.words(text) if len(word.key) >= 4]
    return sorted(set(words))


def misspell(word, rng):
    letters = list(word)
    position = rng.randrange(1, len(letters) - 1)
    action = rng.choice(("swap", "delete", "double", "replace"))
    if action == "swap":
        letters[position], letters[position + 1] = letters[position + 1], letters[position]
    elif action == "delete":
        del letters[position]
    elif action == "double":
        letters.insert(position, letters[position])
    else:
        letters[position] = rng.choice("aeiourstn" if word.isascii() else "اويهنترس")
    return "".join(letters)


def queries(procedures, rng, count):
    words = title_words(procedures)
    titles = [text for item in procedures for text in item["versions"][-1]["title"].values()]
    typical = rng.sample(words, min(count, len(words)))
    multi = []
    for title in rng.sample(titles, min(count, len(titles))):
        parts = title.replace("(", " ").replace(")", " ").replace(":", " ").split()
        length = rng.randint(2, min(4, len(parts))) if len(parts) >= 2 else 1
        start = rng.randrange(0, len(parts) - length + 1)
        multi.append(" ".join(parts[start:start + length]))
    long_words = [word for word in words if len(word) >= 6]
    misspelt = [misspell(word, rng) for word in rng.sample(long_words, min(count, len(long_words)))]
    prefixes = []
    for word in rng.sample(words, min(count, len(words))):
        article = "ال" if word.startswith("ال") else ""
        prefixes.append(article + word[len(article):][:rng.randint(1 if article else 2, 3)])
    typed = []  # every keystroke of the first two words of a few titles, from the first letter
    for title in rng.sample(titles, min(count // 4 or 1, len(titles))):
        beginning = " ".join(title.split()[:2])
        typed += [beginning[:end] for end in range(1, len(beginning) + 1)]
    # The longest walks: one letter, and French stop words typed on the way to a word.
    short = [*"abcdefghijklmnopqrstuvwxyz", *"ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
             "pas", "ce", "de", "la", "le", "les", "du", "en", "par", "pour", "sur", "une", "ال", "في", "من"]
    return {"typical": typical, "multi-word": multi, "misspelt": misspelt, "prefix": prefixes, "typed": typed,
            "short": short}


def percentiles(timings):
    timings = sorted(timings)
    p95 = timings[min(len(timings) - 1, int(round(0.95 * (len(timings) - 1))))]
    return statistics.median(timings), p95


def measure(run, texts):
    timings, cpu, found = [], [], 0
    for text in texts:
        start, start_cpu = time.perf_counter(), time.process_time()
        found += bool(run(text))
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    p50, p95 = percentiles(timings)
    return {"p50": p50, "p95": p95, "cpu_p95": percentiles(cpu)[1], "found": found / len(texts)}


def cpu_seconds():
    """CPU time of this process and of its finished children (a rebuild's indexing processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def folder_size(path):
    return sum(file.stat().st_size for file in Path(path).rglob("*") if file.is_file())


def masatir(app, workload):
    client = app.test_client()
    current = engine.current()

    def uncached(path, key):
        def run(text):
            current._cache.clear()
            response = client.get(path, query_string={key: text, "lang": "fr"})
            assert response.status_code == 200, response.get_data(as_text=True)
            body = response.get_json()
            return body.get("total", len(body.get("suggestions", [])))
        return run

    started, started_cpu = time.perf_counter(), cpu_seconds()
    count = indexing.rebuild()
    build, build_cpu = time.perf_counter() - started, cpu_seconds() - started_cpu
    size = folder_size(current.store.current())
    started = time.perf_counter()
    uncached("/api/v1/search", "q")("permis")
    uncached("/api/v1/suggest", "q")("perm")
    warm_up = time.perf_counter() - started
    results = {"build_s": build, "build_cpu_s": build_cpu, "size_mb": size / 1e6, "indexed": count,
               "first_query_s": warm_up}
    for name in ("typical", "multi-word", "misspelt"):
        results[name] = measure(uncached("/api/v1/search", "q"), workload[name])
    results["prefix"] = measure(uncached("/api/v1/suggest", "q"), workload["prefix"])
    results["typed"] = measure(uncached("/api/v1/suggest", "q"), workload["typed"])
    results["short"] = measure(uncached("/api/v1/suggest", "q"), workload["short"])
    cached = [client.get("/api/v1/search", query_string={"q": text, "lang": "fr"}) for text in workload["typical"]]
    assert all(response.status_code == 200 for response in cached)
    results["typical (cached)"] = measure(
        lambda text: client.get("/api/v1/search", query_string={"q": text, "lang": "fr"}).get_json()["total"],
        workload["typical"])
    return results


def fts5(catalogue, folder, workload):
    path = Path(folder) / "fts5.sqlite3"
    started = time.perf_counter()
    connection = sqlite3.connect(path)
    connection.execute("CREATE VIRTUAL TABLE doc USING fts5(slug UNINDEXED, title, summary, documents, "
                       "tokenize = 'unicode61 remove_diacritics 2')")
    connection.executemany("INSERT INTO doc VALUES (?, ?, ?, ?)", [
        (item["slug"], " ".join(item["title"].values()), " ".join(item["summary"].values()),
         " ".join(text for name in item["documents"] for text in name.values())) for item in catalogue])
    connection.commit()
    build = time.perf_counter() - started

    def match(text, prefix=False):
        tokens = [token for token in analysis.WORD.findall(text) if token]
        if not tokens:
            return 0
        expression = " AND ".join('"{}"'.format(token.replace('"', "")) for token in tokens)
        if prefix:
            expression += "*"
            rows = connection.execute("SELECT slug FROM doc WHERE doc MATCH ? LIMIT 8",
                                      (f"title : ({expression})",)).fetchall()
            return len(rows)
        total = connection.execute("SELECT count(*) FROM doc WHERE doc MATCH ?", (expression,)).fetchone()[0]
        connection.execute("SELECT slug FROM doc WHERE doc MATCH ? ORDER BY bm25(doc, 0, 4.0, 1.5, 0.5) LIMIT 20",
                           (expression,)).fetchall()
        return total

    results = {"build_s": build, "size_mb": path.stat().st_size / 1e6}
    for name in ("typical", "multi-word", "misspelt"):
        results[name] = measure(match, workload[name])
    results["prefix"] = measure(lambda text: match(text, prefix=True), workload["prefix"])
    results["typed"] = measure(lambda text: match(text, prefix=True), workload["typed"])
    results["short"] = measure(lambda text: match(text, prefix=True), workload["short"])
    connection.close()
    return results


def run_size(size, count, procedures, taxonomy):
    folder = tempfile.mkdtemp(prefix=f"masatir-bench-{size}-")
    try:
        app = create_app({"SECRET_KEY": "b" * 40, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3",
                          "SEARCH_INDEX_DIR": f"{folder}/index", "SEARCH_FRESHNESS_SECONDS": 3600,
                          "SEARCH_SYNONYMS_TTL": 3600})
        rng = random.Random(SEED)
        catalogue = generate(size, procedures, rng)
        workload = queries(procedures, rng, count)
        with app.app_context():
            flask_migrate.upgrade()
            import_documents([("taxonomy.json", taxonomy)])
            synonyms.load_seed()
            store(catalogue)
            ours = masatir(app, workload)
        baseline = fts5(catalogue, folder, workload)
        return ours, baseline, workload
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def report(size, ours, baseline, workload, load):
    print(f"\n## {size:,} procedures (Arabic and French)\n")
    print("Load average (1, 5, 15 min) before and after: " + " → ".join(
        ", ".join(f"{value:.1f}" for value in values) for values in load) + f" on {os.cpu_count()} cores\n")
    print(f"Masatir: full rebuild {ours['build_s']:.1f} s (CPU {ours['build_cpu_s']:.1f} s), "
          f"index {ours['size_mb']:.1f} MB, first query after a rebuild {ours['first_query_s'] * 1000:.0f} ms · "
          f"FTS5: build {baseline['build_s']:.1f} s, {baseline['size_mb']:.1f} MB\n")
    print("| queries | n | Masatir p50 / p95 (ms) | CPU p95 (ms) | found | FTS5 p50 / p95 (ms) | found |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    labels = {"typical": "typical (one word)", "multi-word": "multi-word", "misspelt": "misspelt",
              "prefix": "prefix (suggest)", "typed": "suggestions, each keystroke",
              "short": "suggestions, one letter or a stop word"}
    for name, label in labels.items():
        mine, theirs = ours[name], baseline[name]
        print(f"| {label} | {len(workload[name])} | {mine['p50']:.1f} / {mine['p95']:.1f} | {mine['cpu_p95']:.1f} "
              f"| {mine['found']:.0%} | {theirs['p50']:.1f} / {theirs['p95']:.1f} | {theirs['found']:.0%} |")
    cached = ours["typical (cached)"]
    print(f"| typical, cached | {len(workload['typical'])} | {cached['p50']:.1f} / {cached['p95']:.1f} | "
          f"{cached['cpu_p95']:.1f} | {cached['found']:.0%} | – | – |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="3000,30000", help="catalogue sizes, comma-separated")
    parser.add_argument("--small", action="store_true", help="one small catalogue (300), for CI")
    parser.add_argument("--queries", type=int, default=200, help="queries per kind")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    sizes = [300] if args.small else [int(size) for size in args.sizes.split(",")]
    count = 50 if args.small else args.queries
    taxonomy, procedures = demo_procedures()
    figures = {}
    for size in sizes:
        before = os.getloadavg()
        ours, baseline, workload = run_size(size, count, procedures, taxonomy)
        load = (before, os.getloadavg())
        report(size, ours, baseline, workload, load)
        figures[size] = {"masatir": ours, "fts5": baseline, "load_average": load}
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
