"""`kg viz`: write an HTML view of the graph (the whole graph, an entity's neighbourhood,
chosen types or a SPARQL query's result) and refresh index.html beside it."""
from __future__ import annotations

from pathlib import Path

import click

from . import main


@main.command()
@click.option("--store", "store", default="output", show_default=True, type=click.Path(file_okay=False),
              help="The embedded store, or the `kg build` output folder that holds it.")
@click.option("-o", "--out", "out_dir", default=None, type=click.Path(file_okay=False),
              help="Folder for the view and index.html [default: the build folder of the store].")
@click.option("--focus", default=None, metavar="NAME",
              help="Show the entity with this name or alias and its neighbourhood.")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(min=0),
              help="With --focus: how many relation steps away from the entity to show.")
@click.option("--types", default=None, metavar="T,...",
              help="Only entities of these classes, e.g. Organization,Plan or 机构,规划 (with --focus: narrows the neighbours).")
@click.option("--query", "query", default=None, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              metavar="FILE.rq", help="Show a SPARQL CONSTRUCT's triples, or a SELECT whose rows are edges (?s ?p ?o).")
@click.option("--max-nodes", default=None, type=click.IntRange(min=1),
              help="Show at most this many entities; the view says which it left out (lowest degree first). [default: 3000]")
def viz(store: str, out_dir: str | None, focus: str | None, depth: int, types: str | None, query: Path | None,
        max_nodes: int | None) -> None:
    """Write an interactive HTML view of the graph and print its path.

    With no option, the whole graph (graph.html). Every view is one HTML file that opens
    offline; index.html in the same folder links them all.

    \b
    Examples:
      kg viz --focus 官渡区 --depth 2
      kg viz --types Organization,Place
      kg viz --query queries/people-and-posts.rq
    """
    from ..store import StoreError
    from ..views import DEFAULT_MAX_NODES, ViewError, view_counts
    from ..views import viz as run_viz

    try:
        path = run_viz(store=store, out_dir=out_dir, focus=focus, depth=depth, types=types, query=query,
                       max_nodes=max_nodes or DEFAULT_MAX_NODES)
    except (StoreError, ViewError) as e:
        raise click.ClickException(str(e)) from e
    info = view_counts(path)
    click.echo(f"{info['title']}: {info['nodes']} entities, {info['edges']} relations"
               + (f" ({info['omitted']} left out)" if info.get("omitted") else ""))
    click.echo(str(path))
    click.echo(f"All views: {path.parent / 'index.html'}")
