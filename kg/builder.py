"""The main job: documents in, named graphs in the embedded store and files out.

read → extract → RDF happen per document (in worker processes with jobs > 1); the
store and the output files are written by this process only. Each output file is
written under a temporary name and renamed, so an interrupted build leaves the
previous output whole.
"""
from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .atomic import atomic_write
from .model import CORE_CLASSES, Document, Extraction, Problem
from .rdf import graph_iri, to_graph
from .read import iter_documents
from .store import GraphStore
from .vocab import DEFAULT_BASE, KGO, PREDICATES

DEFAULT_OUT = Path("output")


@dataclass
class BuildReport:
    """What a build did; the CLI prints it and tests assert on it."""

    out_dir: Path
    documents: int = 0
    problems: list[Problem] = field(default_factory=list)
    entities_by_type: dict[str, int] = field(default_factory=dict)
    relations_by_predicate: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    seconds: float = 0.0
    files: dict[str, Path] = field(default_factory=dict)


def _extract(doc: Document) -> Extraction:
    from .extract import extract  # imported late: keeps `kg --help` and non-build commands fast

    return extract(doc)


def mention_record(ex: Extraction, base: str) -> dict:
    """One line of mentions.jsonl: the text and every span that names an entity."""
    from .rdf import entity_iri

    spans = []
    for e in ex.entities:
        iri = str(entity_iri(base, e.label, e.name))
        for m in e.mentions:
            spans.append({"start": m.start, "end": m.end, "label": m.label, "text": m.text, "entity": iri})
    spans.sort(key=lambda s: (s["start"], s["end"]))
    return {"id": ex.document.id, "text": ex.document.text, "spans": spans}


def _count(store: GraphStore, report: BuildReport) -> None:
    by_type = {}
    for cls in CORE_CLASSES:
        res = store.query("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c }", {ox.Variable("c"): ox.NamedNode(str(KGO[cls]))})
        by_type[cls] = int(next(iter(res))["n"].value)
    report.entities_by_type = by_type
    by_pred = {}
    for kind, pred in PREDICATES.items():
        res = store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?o WHERE { ?s ?p ?o } }", {ox.Variable("p"): ox.NamedNode(str(pred))})
        n = int(next(iter(res))["n"].value)
        if n:
            by_pred[kind] = n
    report.relations_by_predicate = by_pred
    report.triples = len(store)


def build(
    paths: Iterable[str | Path],
    out_dir: str | Path = DEFAULT_OUT,
    *,
    base: str = DEFAULT_BASE,
    encoding: str | None = None,
    views: bool = True,
    on_document: Callable[[Document | Problem], None] | None = None,
) -> BuildReport:
    """Build the knowledge graph of the documents under ``paths`` into ``out_dir``."""
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport(out_dir=out)
    store = GraphStore(out / "store")
    for name in store.graph_names():  # a full build replaces the previous one
        store.remove_graph(name)

    mentions_path = out / "mentions.jsonl"
    with atomic_write(mentions_path) as mentions:
        for item in iter_documents(paths, encoding=encoding):
            if on_document:
                on_document(item)
            if isinstance(item, Problem):
                report.problems.append(item)
                continue
            ex = _extract(item)
            store.replace_graph(graph_iri(base, item.id), to_graph(ex, base))
            mentions.write(json.dumps(mention_record(ex, base), ensure_ascii=False) + "\n")
            report.documents += 1
    store.flush()
    report.files["mentions"] = mentions_path

    with atomic_write(out / "graph.ttl", mode="wb") as f:
        store.write_union(f, ox.RdfFormat.TURTLE)
    report.files["turtle"] = out / "graph.ttl"
    with atomic_write(out / "graph.trig", mode="wb") as f:
        store.write_trig(f)
    report.files["trig"] = out / "graph.trig"
    report.files["store"] = store.path

    if views:
        from .views import write_overview

        report.files.update(write_overview(store, out))
    _count(store, report)
    report.seconds = time.perf_counter() - started
    return report
