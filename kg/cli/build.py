"""`kg build`: documents in, graph files, embedded store and HTML views out."""
from __future__ import annotations

import sys
from pathlib import Path

import click
import rich.markup
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import main
from ..vocab import DEFAULT_BASE


def _base(value: str) -> str:
    from ..builder import check_base

    try:
        return check_base(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--out", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Folder for graph.ttl, graph.trig, mentions.jsonl, the HTML views and the embedded store.")
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True, callback=lambda ctx, param, v: _base(v),
              help="Base under which entity, document and graph IRIs are minted; the same name always gets the same IRI.")
@click.option("--encoding", default=None,
              help="Decode every input with this encoding (e.g. gb18030) instead of detecting it per file.")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes for extraction; use the number of cores for large corpora.")
@click.option("--no-views", is_flag=True, help="Skip writing the HTML views.")
@click.option("--exports", is_flag=True,
              help="Also write graph.jsonld and nodes.csv/edges.csv for Neo4j and Gephi (or run `kg export` later).")
@click.option("--full", is_flag=True,
              help="Process every document again instead of only those whose text changed since the last build.")
def build(paths: tuple[str, ...], out_dir: str, base_iri: str, encoding: str | None, jobs: int,
          no_views: bool, exports: bool, full: bool) -> None:
    """Build the knowledge graph of the documents under PATHS.

    PATHS are files or folders (searched recursively) of .txt, .md, .html and .jsonl
    (one document a line: "text", optional "id", "title", "date"). Inputs that cannot be
    read are reported and skipped; the exit code is 1 when any input failed.
    """
    from ..builder import build as run_build

    err = Console(stderr=True)
    out = Console()
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} documents"),
                  TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("building", total=None)

        def on_document(item) -> None:
            from ..model import Problem

            if isinstance(item, Problem):
                err.print(f"[yellow]skipped[/] {rich.markup.escape(str(item))}", markup=True, highlight=False,
                          soft_wrap=True)
            else:
                progress.update(task, advance=1, description=f"building {rich.markup.escape(item.doc_id[:60])}")

        report = run_build(paths, out_dir, base=base_iri, encoding=encoding, views=not no_views,
                           exports=exports, jobs=jobs, incremental=not full, on_document=on_document,
                           release_models=True)  # this process ends with the build

    n = report.documents + report.unchanged + report.kept
    line = f"Built {n} document{'s' if n != 1 else ''} in {report.seconds:.1f} s: {report.triples:,} triples"
    if report.unchanged or report.removed or report.kept:
        line += f" ({report.documents} processed, {report.unchanged} unchanged, {report.removed} removed)"
    if report.kept:
        line += (f"; {report.kept} document(s) no longer among the inputs were kept because some inputs "
                 "failed: fix them, and the next build removes what has really gone")
    out.print(line, highlight=False)
    table = Table(show_header=True, box=None, pad_edge=False)
    table.add_column("entities by type")
    table.add_column("n", justify="right")
    table.add_column("  relations by predicate")
    table.add_column("n", justify="right")
    entities = list(report.entities_by_type.items())
    relations = list(report.relations_by_predicate.items())
    for i in range(max(len(entities), len(relations))):
        e = entities[i] if i < len(entities) else ("", "")
        r = relations[i] if i < len(relations) else ("", "")
        table.add_row(e[0], str(e[1]), f"  {r[0]}", str(r[1]))
    out.print(table)
    out.print(f"Files in {report.out_dir}/:", highlight=False)
    for what, path in report.files.items():
        out.print(f"  {what:<10} {path}", highlight=False)
    if "index" in report.files:
        out.print(f"Open {report.files['index']} in a browser for the graph views.", highlight=False)
    if report.problems:
        err.print(f"{len(report.problems)} input(s) could not be read (listed above); the rest were built.")
        sys.exit(1)
    if n == 0:
        err.print("No documents found under the given paths (.txt, .md, .html, .jsonl).")
        sys.exit(1)
    out.print(f"Query it: kg query queries/people-and-posts.rq --store {Path(out_dir)}", highlight=False)
