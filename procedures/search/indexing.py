"""Keeping the index equal to the catalogue: what is in force today, in both languages.

- ``rebuild``: everything, built aside and swapped in (searches go on meanwhile), then
  a catch-up for what changed during the build: no update is lost.
- ``reindex_procedure`` / ``remove_procedure``: one procedure, for the publishing
  workflow, after its commit.
- ``ensure_fresh``: called before searches; builds a missing index, rebuilds one made by
  another version of the analyser, and catches up with the database when its
  fingerprint changed — including at midnight, when versions scheduled for the new
  day take effect.

Every write holds the store's write lock, with a timeout: never Whoosh's AsyncWriter,
which retries in a thread and loses the update if the process dies.
"""
import contextlib
import time

import sqlalchemy as sa
from flask import current_app

from portal import pagecache
from portal.extensions import db
from procedures import clock
from procedures.catalogue.models import (
    Administration,
    Audience,
    Document,
    Fee,
    Procedure,
    Theme,
    Version,
    procedure_audience,
)
from procedures.catalogue.queries import in_force_on

from . import analysis, engine
from .backend import Entry
from .store import IndexBusy

BATCH = 500
_last_check = {}
_last_seen = {}  # the catalogue's generations and the day at the last check, per index


def CATALOGUE_GENERATIONS():  # noqa: N802  (a constant's spirit: what the index depends on)
    return pagecache.generations("catalogue", "taxonomy")


def fingerprint():
    """Changes whenever the catalogue or the day does (a scheduled version takes effect)."""
    row = db.session.execute(sa.select(
        sa.select(sa.func.count(Version.id)).scalar_subquery(),
        sa.select(sa.func.max(Version.id)).scalar_subquery(),
        sa.select(sa.func.max(Version.published_at)).scalar_subquery(),
        sa.select(sa.func.count(Procedure.id)).scalar_subquery(),
        sa.select(sa.func.max(Procedure.created_at)).scalar_subquery(),
        sa.select(sa.func.count()).select_from(procedure_audience).scalar_subquery(),
    )).one()
    # The generations (portal.pagecache) change with every write to the catalogue, withdrawals included.
    return "|".join(str(value) for value in (*row, *CATALOGUE_GENERATIONS(), clock.today(), analysis.VERSION))


def stamp(version_id, theme, administration, audiences):
    return f"{version_id}:{theme}:{administration}:{','.join(sorted(audiences))}"


def _in_force(condition):
    """What an entry needs of the procedures in force matching ``condition``, as plain
    rows: loading ORM objects (and every JSON column of their versions) was a third of a
    full rebuild."""
    return (sa.select(Procedure.id, Procedure.slug, Theme.slug, Administration.code, Version.id,
                      Version.title, Version.summary, Version.maturity)
            .join(Version, Version.procedure_id == Procedure.id)
            .join(Theme, Theme.id == Procedure.theme_id)
            .join(Administration, Administration.id == Procedure.administration_id)
            .where(in_force_on(clock.today()), condition).order_by(Procedure.id))


def entries(procedure_ids=None):
    """``Entry`` for every procedure in force (or those of ``procedure_ids``), in batches."""
    if procedure_ids is not None:
        ids = sorted(procedure_ids)
        for start in range(0, len(ids), BATCH):
            yield from _entries(db.session.execute(_in_force(Procedure.id.in_(ids[start:start + BATCH]))).all())
        return
    last = 0
    while True:
        rows = db.session.execute(_in_force(Procedure.id > last).limit(BATCH)).all()
        if not rows:
            return
        yield from _entries(rows)
        last = rows[-1][0]


def _entries(rows):
    """``Entry`` for each row of ``_in_force``, with three more queries for the whole batch."""
    procedure_ids, version_ids = [row[0] for row in rows], [row[4] for row in rows]
    documents, audiences = {}, {}
    for version_id, name in db.session.execute(
            sa.select(Document.version_id, Document.name).where(Document.version_id.in_(version_ids))
            .order_by(Document.version_id, Document.position)):
        documents.setdefault(version_id, []).append(name)
    paying = set(db.session.scalars(sa.select(Fee.version_id).distinct().where(
        Fee.version_id.in_(version_ids), Fee.amount_mad != 0)))
    for procedure_id, slug in db.session.execute(
            sa.select(procedure_audience.c.procedure_id, Audience.slug)
            .join(Audience, Audience.id == procedure_audience.c.audience_id)
            .where(procedure_audience.c.procedure_id.in_(procedure_ids)).order_by(Audience.position)):
        audiences.setdefault(procedure_id, []).append(slug)
    for procedure_id, slug, theme, administration, version_id, title, summary, maturity in rows:
        yield entry(procedure_id, slug, theme, administration, version_id, title, summary, maturity,
                    documents.get(version_id, []), audiences.get(procedure_id, []), version_id not in paying)


def entry(procedure_id, slug, theme, administration, version_id, title, summary, maturity, documents, audiences,
          free):
    title_terms, title_words = _analysed(title)
    summary_terms, _summary_words = _analysed(summary)
    document_terms, document_words = _analysed(*documents)
    return Entry(
        procedure_id=procedure_id, slug=slug, stamp=stamp(version_id, theme, administration, audiences),
        titles=dict(title), summaries=dict(summary),
        title_terms=title_terms, summary_terms=summary_terms, document_terms=document_terms,
        title_skeletons=analysis.skeletons(title.get("ar")),
        text_skeletons=[*analysis.skeletons(summary.get("ar")),
                        *(term for document in documents for term in analysis.skeletons(document.get("ar")))],
        words=sorted(title_words | document_words),
        theme=theme, administration=administration, audiences=audiences, maturity=maturity, free=free,
    )


def _analysed(*texts):
    """The terms to index for ``texts`` (``{"ar": …, "fr": …}`` each), and their words as
    offered back by "did you mean" (titles' and documents' words: what people type)."""
    terms, displays = [], set()
    for text in texts:
        for value in text.values():
            value_terms, value_displays = analysis.indexed(value)
            terms += value_terms
            displays.update(value_displays)
    return terms, displays


def in_force_stamps():
    """``{procedure id: stamp}`` as the database has it, without loading texts."""
    rows = db.session.execute(
        sa.select(Procedure.id, Version.id, Theme.slug, Administration.code)
        .join(Version, Version.procedure_id == Procedure.id)
        .join(Theme, Theme.id == Procedure.theme_id)
        .join(Administration, Administration.id == Procedure.administration_id)
        .where(in_force_on(clock.today()))).all()
    audiences = {}
    for procedure_id, slug in db.session.execute(
            sa.select(procedure_audience.c.procedure_id, Audience.slug)
            .join(Audience, Audience.id == procedure_audience.c.audience_id)):
        audiences.setdefault(procedure_id, []).append(slug)
    return {pid: stamp(vid, theme, code, audiences.get(pid, [])) for pid, vid, theme, code in rows}


def _timeout():
    return current_app.config["SEARCH_WRITE_TIMEOUT"]


def rebuild(progress=None):
    """Index the whole catalogue aside, swap it in, catch up. Returns how many procedures."""
    current = engine.current()
    store = current.store
    with store.lock("build", current_app.config["SEARCH_BUILD_TIMEOUT"]):
        marker = fingerprint()
        folder = store.new_build()
        try:
            backend = engine.create_backend(folder)
            backend.fill(entries(), progress=progress)
            store.write_meta(folder, {"analysis": analysis.VERSION, "fingerprint": marker})
            backend.close()
            with store.lock("write", _timeout()):
                store.swap(folder)
                _catch_up(current)
        except BaseException:
            if store.current() != folder:
                store.discard(folder)
            raise
    return len(current.backend())


def _catch_up(current):
    """Bring the index in use to the database's state (the write lock is held)."""
    marker = fingerprint()
    backend = current.backend()
    wanted, indexed = in_force_stamps(), backend.stamps()
    changed = [pid for pid, value in wanted.items() if indexed.get(pid) != value]
    removed = [pid for pid in indexed if pid not in wanted]
    if changed or removed:
        backend.write(entries(changed), removed=removed, timeout=_timeout())
    current.store.write_meta(backend.folder, {"analysis": analysis.VERSION, "fingerprint": marker})
    return len(changed) + len(removed)


def catch_up():
    """Apply what changed in the database since the index was last brought up to date."""
    current = engine.current()
    with current.store.lock("write", _timeout()):
        return _catch_up(current)


def reindex_procedure(procedure_id):
    """Index the version in force of one procedure (or drop it if none is): call after
    the commit that published, replaced or withdrew it."""
    _write_one(procedure_id, remove=False)


def remove_procedure(procedure_id):
    """Drop one procedure from the index (after the commit that withdrew or deleted it)."""
    _write_one(procedure_id, remove=True)


def _write_one(procedure_id, remove):
    current = engine.current()
    if current.store.current() is None:
        return ensure_fresh(force=True)
    with current.store.lock("write", _timeout()):
        found = [] if remove else list(entries([procedure_id]))
        current.backend().write(found, removed=[] if found else [procedure_id], timeout=_timeout())
        # Not just this procedure's fingerprint: whatever else changed meanwhile is caught up too,
        # or the index would be marked fresh while holding stale entries.
        _catch_up(current)


def ensure_fresh(force=False):
    """Build, rebuild or catch up as needed; at most every ``SEARCH_FRESHNESS_SECONDS``, and at once when the
    catalogue's generations or the day changed (a page kept under them must not come from an older index)."""
    current = engine.current()
    now = time.monotonic()
    last = _last_check.get(current.store.root)
    seen = (CATALOGUE_GENERATIONS(), clock.today())
    if (not force and last is not None and now - last < current_app.config["SEARCH_FRESHNESS_SECONDS"]
            and _last_seen.get(current.store.root) == seen):
        return
    _last_seen[current.store.root] = seen
    _last_check[current.store.root] = now
    meta = current.store.read_meta()
    if current.store.current() is None or meta.get("analysis") != analysis.VERSION:
        with current.store.lock("build", current_app.config["SEARCH_BUILD_TIMEOUT"]):
            meta = current.store.read_meta()
            missing = current.store.current() is None or meta.get("analysis") != analysis.VERSION
        if missing:
            rebuild()
        return
    if meta.get("fingerprint") != fingerprint():
        with contextlib.suppress(IndexBusy):  # another process is writing; it or the next check catches up
            catch_up()
