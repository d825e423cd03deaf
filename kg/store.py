"""The embedded store: an on-disk Oxigraph store that answers SPARQL with no server.

Chosen over rdflib's in-memory store by measurement (README, Performance): loading
and querying a million triples is an order of magnitude faster and smaller. rdflib
remains the model the code builds with; graphs move into the store as N-Triples.
"""
from __future__ import annotations

import io
import itertools
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .vocab import PREFIXES

STORE_DIRNAME = "store"
DEFAULT_GRAPH = ox.DefaultGraph()


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
        self._invalidate_union()
        if self._store.contains_named_graph(name):
            self._store.remove_graph(name)
        self._store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=name)

    def remove_graph(self, graph_name: str) -> None:
        name = ox.NamedNode(str(graph_name))
        if self._store.contains_named_graph(name):
            self._invalidate_union()
            self._store.remove_graph(name)

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    # -- the union of the document graphs, materialised in the default graph ------------------
    #
    # Every build ends with the de-duplicated union of the named graphs in the store's default
    # graph. Queries run over it (each triple once: joins on an entity's type and label no
    # longer multiply by the number of documents that repeat them), graph.ttl and the exports
    # are dumps of it. GRAPH ?g still sees each document's own graph. A store changed through
    # replace_graph/remove_graph has its union dropped (queries then fall back to the union of
    # the named graphs, same answers, slower) until flush() or refresh_union() rebuilds it.

    _union_stale = False

    def _invalidate_union(self) -> None:
        if not self._union_stale and self.has_union():
            self._store.clear_graph(DEFAULT_GRAPH)
        self._union_stale = True

    def has_union(self) -> bool:
        """Whether the default graph holds the materialised union (it is never empty otherwise)."""
        return next(iter(self._store.quads_for_pattern(None, None, None, DEFAULT_GRAPH)), None) is not None

    def refresh_union(self) -> None:
        """Recompute the default graph as the union of the named graphs, all in oxigraph (Rust):
        a CONSTRUCT streamed to a temporary N-Triples file, bulk-loaded into the default graph."""
        st = self._store
        st.clear_graph(DEFAULT_GRAPH)
        fd, tmp = tempfile.mkstemp(suffix=".nt", dir=self.path.parent if self.path.parent.is_dir() else None)
        os.close(fd)
        try:
            st.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }").serialize(
                tmp, ox.RdfFormat.N_TRIPLES)
            if os.path.getsize(tmp):
                st.bulk_load(path=tmp, format=ox.RdfFormat.N_TRIPLES, to_graph=DEFAULT_GRAPH)
        finally:
            os.unlink(tmp)
        self._union_stale = False

    def triple_count(self) -> int:
        """Distinct triples over all documents (the size of the union, i.e. of graph.ttl)."""
        if self.has_union():
            q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        else:
            q = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
        return int(next(iter(self._store.query(q)))["n"].value)

    def __len__(self) -> int:
        """Quads in the named graphs (what a server holds after `kg load`, ontology aside)."""
        n = len(self._store)
        if self.has_union():
            n -= int(next(iter(self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)
        return n

    def query(self, sparql: str, substitutions: dict | None = None):
        """Run SPARQL over the union of all graphs, each triple once (GRAPH ?g still sees each one)."""
        return self._store.query(
            sparql, use_default_graph_as_union=not self.has_union(), prefixes=PREFIXES,
            substitutions=substitutions or None)

    def named_quads(self, graph_names=None):
        """The quads of the named graphs (not the default graph), graph by graph, without Python in
        the loop (a chain of oxigraph's own iterators)."""
        names = self._store.named_graphs() if graph_names is None else graph_names
        qfp = self._store.quads_for_pattern
        return itertools.chain.from_iterable(qfp(None, None, None, g) for g in names)

    def _names(self, exclude: set[str]) -> list:
        return [g for g in self._store.named_graphs() if not (isinstance(g, ox.NamedNode) and g.value in exclude)]

    def data_quads(self, exclude: set[str] = frozenset()) -> Iterator[ox.Quad]:
        return self.named_quads(self._names(set(exclude)))

    def write_trig(self, out, names=None) -> None:
        """The named graphs (not the default graph, which repeats their union) as TriG: all of
        them in IRI order, or the graphs ``names`` in that order, in the form a build writes its
        documents in (each graph's triples dumped by oxigraph as N-Triples, without the GIL,
        inside ``<graph> { … }``)."""
        if names is None:
            names = sorted(self._names(set()), key=lambda g: g.value)
        for g in names:
            out.write(f"{g} {{\n".encode())
            out.write(self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g))
            out.write(b"}\n")

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
        """The union of the named graphs as one graph, each triple once (streamed).

        With the union materialised (every build), oxigraph dumps the default graph itself."""
        if not exclude and self.has_union():
            self._store.dump(out, fmt, from_graph=DEFAULT_GRAPH, prefixes=PREFIXES)
        else:
            ox.serialize(self.union_triples(exclude), out, fmt, prefixes=PREFIXES)

    def flush(self) -> None:
        """Write pending changes; rebuilds the union in the default graph if graphs changed."""
        if self._union_stale:
            self.refresh_union()
        self._store.flush()


def prefix_lines() -> bytes:
    """The prefix lines graph.ttl starts with."""
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()).encode()


def _after_prefixes(body: bytes) -> int:
    start = 0
    while body.startswith(b"@prefix ", start):
        start = body.index(b"\n", start) + 1
    return start


def _turtle(triples: list[bytes]) -> bytes:
    """N-Triples triples (without " .") as Turtle statements, without the prefix lines."""
    if not triples:
        return b""
    buf = io.BytesIO()
    data = b" .\n".join(triples) + b" .\n"
    ox.serialize(ox.parse(data, ox.RdfFormat.N_TRIPLES), buf, ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    body = buf.getvalue()
    return body[_after_prefixes(body):]


class UnionTurtle:
    """graph.ttl written as the documents of a fresh build come, each triple once, without
    reading the store back (the dump of the union took as long as a third of the build).

    Each document brings its own triples and those others may repeat, as N-Triples statements
    (kg.rdf.document_triples). Its own go out as they are, one statement a line (Turtle too:
    re-serialising them with prefixes and grouped subjects was a tenth of the build); of the
    others only a 16-byte digest is kept, to write each once, in Turtle's grouped form, which
    people read: memory grows with the entities, not with the documents.
    """

    def __init__(self, out):
        self.out = out
        self.seen: set[bytes] = set()
        out.write(prefix_lines())

    def add(self, own: bytes, shared: bytes) -> None:
        import hashlib

        digest, seen = hashlib.blake2b, self.seen
        new = []
        for triple in shared.split(b" .\n")[:-1]:
            key = digest(triple, digest_size=16).digest()
            if key not in seen:
                seen.add(key)
                new.append(triple)
        self.out.write(own)
        self.out.write(_turtle(new))
