"""`kg export`: JSON-LD and Neo4j/Gephi CSV from the embedded store (kg.export.write_exports)."""
from __future__ import annotations

import sys

import click

from . import main


@main.command()
@click.option("--store", default="output", show_default=True, type=click.Path(file_okay=False),
              help="The embedded store: the build's output folder or its store/ folder.")
@click.option("-o", "--out", "out_dir", default=None, type=click.Path(file_okay=False),
              help="Folder for graph.jsonld, context.jsonld, nodes.csv and edges.csv [default: the --store folder].")
def export(store: str, out_dir: str | None) -> None:
    """Write graph.jsonld (JSON-LD with a @context), nodes.csv and edges.csv.

    The CSV pair is read by Neo4j (neo4j-admin database import full --nodes=nodes.csv
    --relationships=edges.csv) and by Gephi (File > Import spreadsheet: nodes.csv as the
    nodes table, edges.csv as the edges table).
    """
    from ..exports import write_exports
    from ..store import StoreError

    try:
        files = write_exports(store, out_dir or store)
    except StoreError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    for what, path in files.items():
        click.echo(f"  {what:<8} {path}")
