"""`kg bench`: speed and memory figures against baselines measured in the same run."""
from __future__ import annotations

from pathlib import Path

import click

from . import main


@main.command()
@click.option("--corpus", "corpus", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Folders or .txt files to measure on (repeatable); default: ../shared/corpus and examples/.")
@click.option("--quick", is_flag=True, help="Small sizes, for a smoke run in a minute or two.")
@click.option("--only", "only", multiple=True,
              type=click.Choice(["throughput", "start-up", "parallel", "memory", "sparql", "load"]),
              help="Run only these steps (repeatable); sparql also runs the throughput build, load a default build of its own.")
def bench(corpus: tuple[Path, ...], quick: bool, only: tuple[str, ...]) -> None:
    """Print build throughput (and its ratio to jieba segmentation alone), start-up time,
    the --jobs 2 speed-up, peak memory at 1× and 20× the corpus, SPARQL times over a
    million triples (and the ratio to rdflib's in-memory store), and the load rate into an
    Oxigraph server. Nothing is asserted: figures and ratios are printed.
    """
    from ..benchmark import run

    run(list(corpus) or None, quick=quick, only=only or None, echo=click.echo)
