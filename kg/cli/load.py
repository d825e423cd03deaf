"""`kg load`: the graph into an external triplestore (kg.loader.load)."""
from __future__ import annotations

import sys

import click

from . import main


@main.command()
@click.option("--endpoint", metavar="URL", default=None,
              help="The server's SPARQL query endpoint (counts what was loaded; SPARQL Update goes here too "
                   "when neither --graph-store nor --update-endpoint is given).")
@click.option("--graph-store", metavar="URL", default=None,
              help="SPARQL 1.1 Graph Store Protocol URL: each graph is PUT, replacing what was there "
                   "(Oxigraph /store, Fuseki /DATASET/data, Virtuoso /sparql-graph-crud-auth, "
                   "GraphDB /repositories/REPO/rdf-graphs/service).")
@click.option("--update-endpoint", metavar="URL", default=None,
              help="SPARQL Update URL, for servers without the Graph Store Protocol: DROP + INSERT DATA in batches.")
@click.option("--store", default="output", show_default=True, type=click.Path(file_okay=False),
              help="The embedded store to load from: the build's output folder or its store/ folder.")
@click.option("--resume", is_flag=True, help="Skip the graphs the state file records as loaded, unchanged, "
              "into the same server (after a failed load).")
@click.option("--state-file", type=click.Path(dir_okay=False), default=None,
              help="Where to record loaded graphs [default: STORE/load-state.json].")
@click.option("--batch-size", type=int, default=5000, show_default=True, help="Triples per SPARQL Update request.")
@click.option("--retries", type=int, default=5, show_default=True,
              help="Retries per request on connection errors, timeouts and 5xx, with exponential back-off.")
@click.option("--timeout", type=float, default=120.0, show_default=True, help="Seconds per HTTP request.")
@click.option("--concurrency", type=click.IntRange(1, 32), default=3, show_default=True,
              help="Graph Store PUTs in flight at once (one connection each); the next graph is read from the "
                   "store meanwhile.")
@click.option("--bulk/--no-bulk", default=None,
              help="Ask an Oxigraph server to load with its bulk loader (its no_transaction option, about twice "
                   "as fast). Default: on when the server's reply says it is Oxigraph.")
def load(endpoint, graph_store, update_endpoint, store, resume, state_file, batch_size, retries, timeout,
         concurrency, bulk) -> None:
    """Load the ontology and each document's named graph into a triplestore.

    Each graph is replaced as a whole, so loading twice never duplicates triples.
    Credentials come from KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD (KG_ENDPOINT_AUTH=basic,
    digest or auto) and are never printed. After a failure the graphs already loaded stay
    loaded; run the same command with --resume to send the rest.

    \b
      kg load --endpoint http://localhost:7878/query --graph-store http://localhost:7878/store
      KG_ENDPOINT_USER=dba KG_ENDPOINT_PASSWORD=dba kg load --endpoint http://localhost:8890/sparql \\
          --graph-store http://localhost:8890/sparql-graph-crud-auth
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from ..loader import LoadError
    from ..loader import load as run_load

    if not (endpoint or graph_store or update_endpoint):
        click.echo("error: give --graph-store URL (Graph Store Protocol) or --update-endpoint / --endpoint URL "
                   "(SPARQL Update); see `kg load --help`", err=True)
        sys.exit(2)
    err = Console(stderr=True, highlight=False)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("loading", total=None)

        def on_graph(name: str, i: int, total: int, what: str) -> None:
            progress.update(task, total=total, completed=i, description=f"{what} {name.rsplit('/', 1)[-1][:40]}")

        try:
            report = run_load(store, endpoint=endpoint, graph_store=graph_store, update_endpoint=update_endpoint,
                              resume=resume, state_file=state_file, batch_size=batch_size, retries=retries,
                              timeout=timeout, progress=on_graph, concurrency=concurrency, bulk=bulk)
        except LoadError as e:
            progress.stop()
            click.echo(f"error: {e}", err=True)
            sys.exit(1)

    out = Console(highlight=False)
    table = Table(title=f"Loaded into {report.target} ({report.method}) in {report.seconds:.1f} s")
    table.add_column("what")
    table.add_column("n", justify="right")
    table.add_row("graphs loaded", str(len(report.graphs)))
    if report.skipped:
        table.add_row("graphs skipped (already loaded)", str(len(report.skipped)))
    table.add_row("triples sent", str(report.triples))
    if report.server_triples is not None:
        table.add_row("triples now in these graphs on the server", str(report.server_triples))
        table.add_row("graphs on the server under this base", str(report.server_graphs))
    out.print(table)
    out.print(f"State: {report.state_file}")
