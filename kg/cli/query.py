"""`kg query`: SPARQL over the embedded store or a remote endpoint (kg.sparql.query)."""
from __future__ import annotations

import sys

import click

from . import main
from ..sparql import FORMATS


@main.command()
@click.argument("query_arg", metavar="QUERY")
@click.option("--store", default="output", show_default=True, type=click.Path(file_okay=False),
              help="The embedded store: the build's output folder or its store/ folder.")
@click.option("--endpoint", metavar="URL", default=None,
              help="Run on this SPARQL endpoint instead (e.g. http://localhost:7878/query). Credentials from "
                   "KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE (repeatable). VALUE: plain text, <IRI>, kgo:Term, \"text\"@zh, "
                   "\"v\"^^xsd:type or an integer. Bound as one RDF term, never pasted into the query.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table, csv, tsv or json (SPARQL results formats); turtle or ntriples for CONSTRUCT/DESCRIBE.")
@click.option("--timeout", type=float, default=None, help="Seconds to wait for a remote endpoint.")
def query(query_arg: str, store: str, endpoint: str | None, params: tuple[str, ...], fmt: str,
          timeout: float | None) -> None:
    """Run a SPARQL query: QUERY is a .rq file (see queries/) or the query text.

    SELECT, ASK, CONSTRUCT and DESCRIBE work; the kg prefixes (kgo:, org:, skos:, schema:,
    prov:, dcterms:, nif:, itsrdf:, rdf:, rdfs:, xsd:) need no PREFIX lines. Exit code 2
    for a malformed query (the message names line and column) or a bad --param, 1 when the
    query cannot run.

    \b
      kg query queries/people-and-posts.rq
      kg query queries/entity-facts.rq --param name=中共官渡区委 --format csv
      kg query 'SELECT * WHERE { ?s a kgo:Project } LIMIT 5' --endpoint http://localhost:7878/query
    """
    from rich.console import Console

    from ..sparql import ParamError, QueryError, QuerySyntaxError
    from ..sparql import query as run_query

    bound = {}
    for p in params:
        name, sep, value = p.partition("=")
        if not sep or not name.strip():
            click.echo(f"error: --param {p!r}: write NAME=VALUE, e.g. --param name=中共官渡区委", err=True)
            sys.exit(2)
        bound[name.strip()] = value
    try:
        res = run_query(query_arg, store=store, endpoint=endpoint, params=bound, timeout=timeout)
        if fmt == "table":
            out = Console(highlight=False)
            if not out.is_terminal:
                out = Console(highlight=False, width=200)
            if res.kind == "ask":
                out.print("true" if res.boolean else "false")
            else:
                out.print(res.to_table())
                noun = "triples" if res.kind == "graph" else "rows"
                click.echo(f"{len(res)} {noun}", err=True)
        else:
            text = res.format(fmt)
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
    except (QuerySyntaxError, ParamError) as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
    except QueryError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
