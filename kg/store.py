"""The embedded store: an on-disk Oxigraph store that answers SPARQL with no server.

Chosen over rdflib's in-memory store by measurement (README, Performance): loading
and querying a million triples is an order of magnitude faster and smaller. rdflib
remains the model the code builds with; graphs move into the store as N-Triples.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .vocab import PREFIXES

STORE_DIRNAME = "store"


class StoreError(Exception):
    """The store is missing, locked or unreadable; the message says what to do."""


def resolve_store_path(path: str | Path) -> Path:
    """Accept either the store folder or the build's output folder that contains it."""
    p = Path(path)
    if (p / STORE_DIRNAME).is_dir():
        return p / STORE_DIRNAME
    return p


class GraphStore:
    """A dataset of named graphs, one per document, on disk."""

    def __init__(self, path: str | Path, *, read_only: bool = False):
        self.path = resolve_store_path(path)
        if read_only and not self.path.is_dir():
            raise StoreError(f"no store at {self.path}: run `kg build PATH... -o DIR` first, or pass --store DIR")
        try:
            if read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as e:
            raise StoreError(f"cannot open the store at {self.path}: {e}") from e

    @property
    def oxigraph(self) -> ox.Store:
        return self._store

    def replace_graph(self, graph_name: str, graph: Graph) -> None:
        """Put a document's triples in its own named graph, replacing what was there."""
        self.load_ntriples(graph_name, graph.serialize(format="nt", encoding="utf-8"))

    def load_ntriples(self, graph_name: str, data: bytes) -> None:
        name = ox.NamedNode(str(graph_name))
        if self._store.contains_named_graph(name):
            self._store.remove_graph(name)
        self._store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=name)

    def remove_graph(self, graph_name: str) -> None:
        name = ox.NamedNode(str(graph_name))
        if self._store.contains_named_graph(name):
            self._store.remove_graph(name)

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def __len__(self) -> int:
        return len(self._store)

    def query(self, sparql: str, substitutions: dict | None = None):
        """Run SPARQL over the union of all graphs (GRAPH ?g still sees each one)."""
        return self._store.query(
            sparql, use_default_graph_as_union=True, prefixes=PREFIXES, substitutions=substitutions or None
        )

    def data_quads(self, exclude: set[str] = frozenset()) -> Iterator[ox.Quad]:
        for q in self._store.quads_for_pattern(None, None, None, None):
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in exclude:
                continue
            yield q

    def _quads(self, exclude: set[str]):
        # no exclusions: hand oxigraph its own iterator, so no quad passes through Python
        return self._store.quads_for_pattern(None, None, None, None) if not exclude else self.data_quads(exclude)

    def write_trig(self, out, exclude: set[str] = frozenset()) -> None:
        ox.serialize(self._quads(exclude), out, ox.RdfFormat.TRIG, prefixes=PREFIXES)

    def write_nquads(self, out, exclude: set[str] = frozenset()) -> None:
        ox.serialize(self._quads(exclude), out, ox.RdfFormat.N_QUADS)

    def union_triples(self, exclude: set[str] = frozenset()) -> Iterator[ox.Triple]:
        """Each triple of the named graphs once, streamed: no set of all triples is held.

        Same triples, in the same order, as ``CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT
        ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }`` gave (that DISTINCT held every triple in a
        hash set: memory grew with the corpus). Quads come graph by graph in the store's
        order; a triple is written with the first graph, in that order, that holds it, which
        one index look-up tells. Subjects minted for one document (its IRI and the
        ``#s``/``#m``/``#r`` fragments under it, see kg.rdf) are only ever in that
        document's graph, so their triples skip the look-up.
        """
        qfp = self._store.quads_for_pattern
        excluded = {ox.NamedNode(g) for g in exclude}
        graph, own_doc, own_prefix = None, None, None
        for q in qfp(None, None, None, None):
            g = q.graph_name
            if isinstance(g, ox.DefaultGraph) or g in excluded:
                continue
            if g != graph:
                graph = g
                i = g.value.rfind("/graph/")
                own_doc = g.value[:i] + "/doc/" + g.value[i + 7:] if i >= 0 else None
                own_prefix = own_doc + "#" if own_doc else None
            s = q.subject
            if own_doc is not None and isinstance(s, ox.NamedNode) and (
                    s.value == own_doc or s.value.startswith(own_prefix)):
                yield q.triple
                continue
            for other in qfp(s, q.predicate, q.object, None):
                og = other.graph_name
                if isinstance(og, ox.DefaultGraph) or og in excluded:
                    continue
                if og == g:
                    yield q.triple
                break

    def write_union(self, out, fmt: ox.RdfFormat, exclude: set[str] = frozenset()) -> None:
        """The union of the named graphs as one graph, each triple once (streamed)."""
        ox.serialize(self.union_triples(exclude), out, fmt, prefixes=PREFIXES)

    def flush(self) -> None:
        self._store.flush()
