"""``flask open-data write FOLDER``: the open-data files, as the portal serves them."""
from pathlib import Path

import click
from flask.cli import AppGroup

from . import opendata

open_data_cli = AppGroup("open-data", help="The open-data files of the catalogue.")


@open_data_cli.command("write")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def write(folder):
    """Write masatir-catalogue.json and masatir-catalogue.csv into FOLDER."""
    folder.mkdir(parents=True, exist_ok=True)
    _stamp, built = opendata.files()
    for kind, content in built.items():
        (folder / f"masatir-catalogue.{kind}").write_bytes(content)
        click.echo(f"{folder / f'masatir-catalogue.{kind}'}: {len(content):,} bytes")
