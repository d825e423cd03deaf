"""`kg validate`: SHACL validation of the built graph."""
from __future__ import annotations

import sys

import click

from . import main


@main.command()
@click.option("--store", default="output", show_default=True, type=click.Path(file_okay=False),
              help="The build's output folder (or its store/ folder) to validate.")
def validate(store: str) -> None:
    """Check the graph against the SHACL shapes in ontology/shapes.ttl.

    Exits 0 when it conforms; otherwise prints the violations and exits 1.
    """
    from ..shacl import validate as run_validate
    from ..store import StoreError

    try:
        result = run_validate(store)
    except StoreError as e:
        click.echo(f"kg validate: {e}", err=True)
        sys.exit(2)
    if result.conforms:
        click.echo("The graph conforms to ontology/shapes.ttl.")
        return
    lines = result.text.splitlines()
    shown = "\n".join(lines[:60])
    click.echo(shown + (f"\n… {len(lines) - 60} more lines" if len(lines) > 60 else ""), err=True)
    click.echo(f"{result.violations} violation(s): the graph does not conform to ontology/shapes.ttl.", err=True)
    sys.exit(1)
