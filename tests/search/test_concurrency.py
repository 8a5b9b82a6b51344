"""Several processes at once: two publish and reindex (one also rebuilds the whole
index meanwhile) while a third searches. No error anywhere, and no update lost."""
import multiprocessing
import traceback

from portal.extensions import db
from procedures import clock
from tests import samples

PROCEDURES = 16


def catalogue(numbers, second_version=False):
    data = samples.catalogue()
    data["procedures"] = []
    for number in numbers:
        versions = [samples.version(1, "2021-01-01", title=samples.text(f"Démarche {number}", f"إجراء {number}"))]
        if second_version:
            # An import never adds a past-dated version to a procedure that has one: the new one starts today.
            versions.append(samples.version(2, clock.today().isoformat(), title=samples.text(
                f"Démarche {number} révisée", f"إجراء {number} معدل")))
        data["procedures"].append({"code": f"CT-{number:03}", "slug": f"procedure-{number}",
                                   "administration": "communes", "theme": "civil-status",
                                   "audiences": ["citizens"], "versions": versions})
    return data


def make_app(database_url, index_folder):
    from portal import create_app
    from tests.conftest import TODAY

    clock.today = lambda: TODAY  # the same day as the test's process: it now catches up with what they write
    return create_app({"TESTING": True, "SECRET_KEY": "x" * 40, "SQLALCHEMY_DATABASE_URI": database_url,
                       "SEARCH_INDEX_DIR": index_folder, "SEARCH_WRITE_TIMEOUT": 60,
                       "PAGE_CACHE_DIR": index_folder + "-pages"})


def publisher(database_url, index_folder, numbers, rebuild_midway, errors):
    """Publish a second version of each procedure, then reindex it, as the workflow will."""
    try:
        from procedures.catalogue.models import Procedure
        from procedures.search import indexing

        app = make_app(database_url, index_folder)
        with app.app_context():
            for position, number in enumerate(numbers):
                samples.load(catalogue([number], second_version=True))
                procedure_id = db.session.scalar(db.select(Procedure.id).where(Procedure.slug == f"procedure-{number}"))
                indexing.reindex_procedure(procedure_id)
                if rebuild_midway and position == len(numbers) // 2:
                    indexing.rebuild()
                db.session.remove()
    except Exception:
        errors.put(traceback.format_exc())


def reader(database_url, index_folder, stop, errors, searches):
    try:
        app = make_app(database_url, index_folder)
        client = app.test_client()
        while not stop.is_set():
            response = client.get("/api/v1/search?q=démarche&per_page=50&lang=fr")
            assert response.status_code == 200, response.get_data(as_text=True)
            assert response.get_json()["total"] == PROCEDURES
            searches.put(1)
    except Exception:
        errors.put(traceback.format_exc())


def test_two_writers_and_a_reader_lose_nothing(app, client, database_url, index_folder, monkeypatch):
    with app.app_context():
        samples.load(catalogue(range(1, PROCEDURES + 1)))
    assert client.get("/api/v1/search?q=démarche").get_json()["total"] == PROCEDURES  # builds the index
    monkeypatch.setitem(app.config, "SEARCH_FRESHNESS_SECONDS", 3600)  # from now on, only the writers write
    context = multiprocessing.get_context("spawn")
    errors, searches, stop = context.Queue(), context.Queue(), context.Event()
    half = PROCEDURES // 2
    writers = [context.Process(target=publisher, args=(database_url, str(index_folder), numbers, rebuild, errors))
               for numbers, rebuild in ((range(1, half + 1), False), (range(half + 1, PROCEDURES + 1), True))]
    searching = context.Process(target=reader, args=(database_url, str(index_folder), stop, errors, searches))
    searching.start()
    for process in writers:
        process.start()
    for process in writers:
        process.join(180)
    stop.set()
    searching.join(60)
    failures = []
    while not errors.empty():
        failures.append(errors.get())
    assert not failures, "\n".join(failures)
    assert all(process.exitcode == 0 for process in [*writers, searching])
    assert not searches.empty()
    revised = client.get("/api/v1/search?q=révisée&per_page=50&lang=fr").get_json()
    assert sorted(result["slug"] for result in revised["results"]) == sorted(
        f"procedure-{number}" for number in range(1, PROCEDURES + 1))
