"""The statistics' scheduled job (``procedures.notices.jobs.SCHEDULE`` names it): the open-data files."""
from pathlib import Path

from flask import current_app

from . import opendata


def open_data_job():
    """Write the open-data files where the web server serves them from, only if they changed."""
    folder = Path(current_app.config["OPEN_DATA_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    _stamp, built = opendata.files()
    changed = []
    for kind, content in built.items():
        path = folder / f"masatir-catalogue.{kind}"
        if not path.exists() or path.read_bytes() != content:
            temporary = path.with_suffix(path.suffix + ".tmp")
            temporary.write_bytes(content)
            temporary.replace(path)
            changed.append(path.name)
    return changed
