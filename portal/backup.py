"""``flask backup create PATH`` and ``flask backup restore PATH``: the database and the uploads in one archive.

The archive is a tar.gz holding ``database.pgdump`` (``pg_dump --format=custom``) or
``database.sqlite3`` (SQLite's online backup API), the upload folder under ``uploads/``,
and ``manifest.json``: rows per table and the size and SHA-256 of every file.

The database is copied first, then the files: files are written after their request's
commit, so every file the copied database refers to is already on disk (except for a
filing in flight at that very moment, which the manifest counts as missing). Rows are
counted inside the dump's own snapshot, so the counts are the dump's.

Keys are not in the archive: ``SECRET_KEY`` and ``RECEIPT_SIGNING_KEY`` live in the
secret store, and receipts verify after a restore only with the same signing key.
"""
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from .extensions import db

FORMAT = "masatir-backup/1"
MANIFEST = "manifest.json"


class BackupError(click.ClickException):
    pass


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def _libpq(url):
    """A libpq URL without the password (passed as PGPASSWORD, never on a command line) and the environment."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _table_names(connection):
    return sorted(name for name in sa.inspect(connection).get_table_names())


def _counts(connection):
    return {name: connection.execute(sa.text(f'SELECT count(*) FROM "{name}"')).scalar()
            for name in _table_names(connection)}


# The database ------------------------------------------------------------------------------------------------------

def dump_database(folder):
    """Copy the database into ``folder``; returns (file name, rows per table)."""
    engine = db.engine
    if engine.dialect.name == "sqlite":
        target = Path(folder) / "database.sqlite3"
        source = sqlite3.connect(engine.url.database)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            source.close()
            copy.close()
        counted = sa.create_engine(f"sqlite:///{target}")
        with counted.connect() as connection:
            counts = _counts(connection)
        counted.dispose()
        return target.name, counts
    if engine.dialect.name == "postgresql":
        target = Path(folder) / "database.pgdump"
        url, env = _libpq(engine.url)
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection, connection.begin():
            snapshot = connection.execute(sa.text("SELECT pg_export_snapshot()")).scalar()
            counts = _counts(connection)
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                  f"--file={target}", f"--dbname={url}"], env)
        return target.name, counts
    raise BackupError(f"cannot back up a {engine.dialect.name} database")


def target_is_empty(connection):
    counts = _counts(connection)
    return not any(counts.values())


def load_database(archived, force):
    """Replace the (empty, unless ``force``) configured database with the archived copy."""
    engine = db.engine
    db.session.remove()
    with engine.connect() as connection:
        if not force and not target_is_empty(connection):
            raise BackupError("the database is not empty; restore into an empty one, or pass --force to replace it")
    engine.dispose()
    if engine.dialect.name == "sqlite" and archived.name == "database.sqlite3":
        source, target = sqlite3.connect(archived), sqlite3.connect(engine.url.database)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
    elif engine.dialect.name == "postgresql" and archived.name == "database.pgdump":
        with engine.begin() as connection:  # an upgraded but unused schema is replaced too
            connection.execute(sa.text("DROP SCHEMA public CASCADE"))
            connection.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()
        url, env = _libpq(engine.url)
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
              f"--dbname={url}", str(archived)], env)
    else:
        raise BackupError(f"this archive holds {archived.name}; the configured database is {engine.dialect.name}")
    engine.dispose()


# The uploads -------------------------------------------------------------------------------------------------------

def upload_files(root):
    """Every file under the upload folder (relative POSIX paths), leaving out half-written temporary ones."""
    root = Path(root)
    if not root.is_dir():
        return []
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*")
                  if path.is_file() and not path.name.startswith("tmp")
                  and not path.relative_to(root).as_posix().startswith("readiness/"))


def safe_member(name):
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"unsafe path in the archive: {name!r}")
    return path


def _add(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(datetime.now(UTC).timestamp()), 0o600
    archive.addfile(info, io.BytesIO(data))


# The commands ------------------------------------------------------------------------------------------------------

def create(path):
    path = Path(path)
    manifest = {"format": FORMAT, "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "database": {}, "uploads": {}}
    with tempfile.TemporaryDirectory(prefix="masatir-backup-") as work:
        name, counts = dump_database(work)
        dumped = (Path(work) / name).read_bytes()
        manifest["database"] = {"dialect": db.engine.dialect.name, "file": name, "sha256": sha256(dumped),
                                "tables": counts}
        partial = path.with_name(f".{path.name}.partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add(archive, name, dumped)
            root = Path(current_app.config["UPLOAD_DIR"])
            files = {}
            if current_app.config.get("UPLOAD_S3_BUCKET"):  # the bucket keeps its own versions and replicas
                root = Path("/nonexistent")
                manifest["uploads_in_bucket"] = current_app.config["UPLOAD_S3_BUCKET"]
            for relative in upload_files(root):
                try:
                    data = (root / relative).read_bytes()
                except FileNotFoundError:  # moved meanwhile (a staged file filed): its new place is copied too
                    continue
                files[relative] = {"size": len(data), "sha256": sha256(data)}
                _add(archive, f"uploads/{relative}", data)
            manifest["uploads"] = {"count": len(files), "bytes": sum(f["size"] for f in files.values()),
                                   "files": files}
            _add(archive, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
        os.replace(partial, path)
    return manifest


def read_manifest(archive):
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except KeyError:
        raise BackupError("no manifest.json in this archive: not a Masatir backup") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    return manifest


def restore(path, force=False):
    """Restore the archive; returns the list of differences found against its manifest (empty: all good)."""
    root = Path(current_app.config["UPLOAD_DIR"])
    if not force and upload_files(root):
        raise BackupError(f"the upload folder {root} is not empty; restore into an empty one, or pass --force")
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory(prefix="masatir-restore-") as work:
        manifest = read_manifest(archive)
        database = Path(work) / safe_member(manifest["database"]["file"]).name
        with archive.extractfile(manifest["database"]["file"]) as source, open(database, "wb") as target:
            shutil.copyfileobj(source, target)
        if sha256(database.read_bytes()) != manifest["database"]["sha256"]:
            raise BackupError("the database copy in the archive does not match its checksum")
        load_database(database, force)
        if force and root.is_dir():
            for item in root.iterdir():
                shutil.rmtree(item) if item.is_dir() else item.unlink()
        for member in archive:
            if member.isfile() and member.name.startswith("uploads/"):
                relative = safe_member(member.name[len("uploads/"):])
                target = root / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.extractfile(member) as source, open(target, "wb") as out:
                    shutil.copyfileobj(source, out)
    return verify(manifest)


def verify(manifest):
    problems = []
    with db.engine.connect() as connection:
        counts = _counts(connection)
    for table, expected in manifest["database"]["tables"].items():
        if counts.get(table) != expected:
            problems.append(f"table {table}: {counts.get(table)} rows, the manifest says {expected}")
    root = Path(current_app.config["UPLOAD_DIR"])
    for relative, expected in manifest["uploads"]["files"].items():
        file = root / relative
        if not file.is_file():
            problems.append(f"file {relative}: missing")
        elif sha256(file.read_bytes()) != expected["sha256"]:
            problems.append(f"file {relative}: its checksum differs from the manifest's")
    return problems


@click.group("backup")
def backup_cli():
    """Back up and restore the database and the uploaded files."""


@backup_cli.command("create")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@with_appcontext
def create_command(path):
    """Write one archive (tar.gz) with the database, the uploads and a manifest."""
    manifest = create(path)
    rows = sum(manifest["database"]["tables"].values())
    if manifest.get("uploads_in_bucket"):
        click.echo(f"uploads are in the bucket {manifest['uploads_in_bucket']}: not copied (use the bucket's "
                   "versioning and replication)", err=True)
    click.echo(f"{path}: {len(manifest['database']['tables'])} tables, {rows} rows, "
               f"{manifest['uploads']['count']} files ({manifest['uploads']['bytes']} bytes)")


@backup_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--force", is_flag=True, help="Replace a database and an upload folder that are not empty.")
@with_appcontext
def restore_command(path, force):
    """Restore an archive into an empty database and upload folder, then check it against its manifest."""
    problems = restore(path, force=force)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise click.ClickException(f"restored, but {len(problems)} difference(s) from the manifest")
    click.echo(f"{path}: restored and checked against its manifest. Next: `flask db upgrade` "
               "(if the code is newer) and `flask search update` on every node.")
