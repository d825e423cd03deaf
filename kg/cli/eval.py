"""`kg eval`: extraction quality against a hand-made reference."""
from __future__ import annotations

import json
import sys

import click

from . import main


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--store", default="output", show_default=True, type=click.Path(file_okay=False),
              help="The build's output folder (or its store/ folder) to score.")
@click.option("--show", is_flag=True, help="List what was missed, wrong, duplicated or false.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
def eval_(gold: str, store: str, show: bool, as_json: bool) -> None:
    """Score the built graph against GOLD.json, a reference in the format of
    ../shared/eval/*.gold.json ("types", "required" entities with aliases, "acceptable"
    names, "relations"). Prints entity precision, recall and F1 (as the shared scorer
    does), precision and recall per type, and the recall of reference relations.
    """
    from ..scoring import evaluate
    from ..store import StoreError

    try:
        s = evaluate(gold, store)
    except StoreError as e:
        click.echo(f"kg eval: {e}", err=True)
        sys.exit(2)
    except (ValueError, KeyError) as e:
        click.echo(f"kg eval: {gold} is not a reference file in the expected format ({e})", err=True)
        sys.exit(2)
    if as_json:
        out = {"precision": round(s.precision, 3), "recall": round(s.recall, 3), "f1": round(s.f1, 3),
               "relation_recall": round(s.relation_recall, 3),
               "by_type": {t: {"precision": round(v.precision, 3), "recall": round(v.recall, 3)}
                           for t, v in s.by_type.items()}}
        if show:
            out.update(missed=s.missed, false_positives=[x for x, _ in s.false_positives],
                       wrong_type=[x for x, *_ in s.wrong_type], duplicates=s.duplicates,
                       relations_missed=s.relations_missed)
        click.echo(json.dumps(out, ensure_ascii=False))
        return
    if show:
        click.echo("missed: " + ("、".join(s.missed) or "-"))
        click.echo("wrong type: " + ("; ".join(f"{x} {k} (want {w})" for x, k, w in s.wrong_type) or "-"))
        click.echo("duplicates: " + ("; ".join(f"{n}×{c}" for n, c in s.duplicates) or "-"))
        click.echo("false positives: " + ("、".join(x for x, _ in s.false_positives) or "-"))
        click.echo("relations missed: " + ("; ".join(s.relations_missed) or "-"))
    click.echo(f"entities: precision {s.precision:.3f} recall {s.recall:.3f} F1 {s.f1:.3f} "
               f"({s.true_positives}/{s.required} found, {s.predicted} counted, "
               f"{sum(n - 1 for _, n in s.duplicates)} duplicates, {len(s.wrong_type)} wrong type, "
               f"{len(s.false_positives)} false, {s.acceptable_ignored} acceptable)")
    click.echo(f"relations: recall {s.relation_recall:.3f} ({s.relations_found}/{s.relations_total})")
    click.echo("by type:")
    for t, v in s.by_type.items():
        if v.required or v.predicted:
            click.echo(f"  {t:<13} precision {v.precision:.3f} ({v.correct}/{v.predicted})  "
                       f"recall {v.recall:.3f} ({v.found}/{v.required})")
