"""How fast the commune finder answers (issue 12: under 50 ms p95 for any prefix).

Every prefix (1 to 12 letters) of the Arabic and French names of a fixed sample of communes and
arrondissements, plus their skeleton spellings, timed one by one. Also times loading the territory
into a fresh SQLite database twice (the second run must change nothing).

    .venv/bin/python bench/commune_finder.py [--sample 300]
"""
import argparse
import random
import statistics
import tempfile
import time

from procedures.offices import finder, territory


def prefixes(sample_size):
    places = [unit for unit in territory.units() if unit["level"] in ("commune", "arrondissement")]
    random.Random(55_19).shuffle(places)
    for unit in places[:sample_size]:
        for name in unit["name"].values():
            for length in range(1, min(len(name), 12) + 1):
                yield name[:length]


def load_figures():
    from portal import create_app
    from portal.extensions import db
    import flask_migrate
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3", "SECRET_KEY": "x" * 40})
        with app.app_context():
            flask_migrate.upgrade()
            runs = []
            for _ in range(2):
                started = time.perf_counter()
                result = territory.load()
                db.session.commit()
                runs.append((time.perf_counter() - started, result))
            db.engine.dispose()
    return runs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=300)
    args = parser.parse_args()
    started = time.perf_counter()
    finder.find("a")  # builds the index
    print(f"index built in {(time.perf_counter() - started) * 1000:.0f} ms")
    timings = []
    for typed in prefixes(args.sample):
        started = time.perf_counter()
        finder.find(typed)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95)]
    print(f"{len(timings)} prefixes: median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms, "
          f"max {timings[-1]:.2f} ms")
    for seconds, (added, changed) in load_figures():
        print(f"territory load: {added} added, {changed} corrected in {seconds:.2f} s")


if __name__ == "__main__":
    main()
