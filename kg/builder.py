"""The main job: documents in, named graphs in the embedded store and files out.

read → extract → RDF happen per document (in worker processes with jobs > 1); the
store and the output files are written by this process only. Each output file is
written under a temporary name and renamed, so an interrupted build leaves the
previous output whole.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .atomic import atomic_write
from .model import CORE_CLASSES, Document, Extraction, Problem
from .rdf import graph_iri, to_nquads
from .read import iter_documents
from .store import GraphStore
from .vocab import DEFAULT_BASE, KGO, PREDICATES, RDF

DEFAULT_OUT = Path("output")


@dataclass
class BuildReport:
    """What a build did; the CLI prints it and tests assert on it."""

    out_dir: Path
    documents: int = 0  # processed in this build
    unchanged: int = 0  # skipped: same text as in the previous build
    removed: int = 0  # no longer among the inputs
    problems: list[Problem] = field(default_factory=list)
    entities_by_type: dict[str, int] = field(default_factory=dict)
    relations_by_predicate: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    seconds: float = 0.0
    files: dict[str, Path] = field(default_factory=dict)
    #: seconds per stage (documents, turtle, trig, exports, views, counts): where the time went
    timings: dict[str, float] = field(default_factory=dict)
    #: this process's peak resident memory (MB) at the end of each stage: which stage grows with the corpus
    peak_rss_mb: dict[str, float] = field(default_factory=dict)


@dataclass
class DocumentResult:
    """What a worker hands back for one document: everything the writer process needs."""

    doc_id: str
    graph: str
    nquads: bytes  # the document's triples, in its named graph, as N-Quads
    mentions_line: str

    @property
    def ntriples(self) -> bytes:
        """The same triples as N-Triples (the graph name dropped)."""
        tail = f" <{self.graph}> .".encode()
        return b"".join(ln[: -len(tail)] + b" .\n" for ln in self.nquads.splitlines() if ln.endswith(tail))


def process_document(doc: Document, base: str = DEFAULT_BASE) -> DocumentResult:
    """extract → RDF for one document; pure, so it can run in a worker process."""
    from .extract import extract  # imported late: keeps `kg --help` and other commands fast

    ex = extract(doc)
    nq = to_nquads(ex, base)  # the triples of kg.rdf.to_graph, written without building an rdflib Graph
    line = json.dumps(mention_record(ex, base), ensure_ascii=False) + "\n"
    return DocumentResult(doc.id, str(graph_iri(base, doc.id)), nq, line)


def _process_star(args: tuple[Document, str]) -> DocumentResult:
    return process_document(*args)


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


def _distinct_runs(quads, key) -> int:
    """How many distinct keys in a stream where equal keys are adjacent."""
    n, last = 0, None
    for q in quads:
        if isinstance(q.graph_name, ox.DefaultGraph):
            continue  # the union of the named graphs, as the queries see it
        k = key(q)
        if k != last:
            n, last = n + 1, k
    return n


def _count(store: GraphStore, report: BuildReport) -> None:
    """Distinct entities by core class and distinct relations by predicate, over all documents.

    Streams over the store's indexes instead of a SPARQL DISTINCT (which held every triple
    of the graph in a hash set): quads with a fixed predicate (and object) come in (o, s, g)
    order, so the copies of one triple in several document graphs are adjacent.
    """
    rdf_type = ox.NamedNode(str(RDF.type))
    ox_store = store.oxigraph
    report.entities_by_type = {
        c: _distinct_runs(ox_store.quads_for_pattern(None, rdf_type, ox.NamedNode(str(KGO[c])), None),
                          lambda q: q.subject)
        for c in CORE_CLASSES
    }
    by_pred = {}
    for kind, p in PREDICATES.items():
        n = _distinct_runs(ox_store.quads_for_pattern(None, ox.NamedNode(str(p)), None, None),
                           lambda q: (q.object, q.subject))
        if n:
            by_pred[kind] = n
    report.relations_by_predicate = dict(sorted(by_pred.items(), key=lambda kv: -kv[1]))
    report.triples = len(store)


class _BatchLoader:
    """Loads documents' N-Quads into the working store in large batches.

    One transactional ``Store.load`` per document spent ~2 s on the corpus (98k quads);
    ``bulk_load`` over ~16 MB batches does it in ~0.7 s. The working store is a private
    copy swapped in only when the build completes, so bulk loading (not atomic) is safe.
    Memory stays bounded by the batch size whatever the corpus size.
    """

    def __init__(self, store: GraphStore, limit: int = 16 << 20):
        self.store, self.limit = store, limit
        self.parts: list[bytes] = []
        self.size = 0
        self.pending: set[str] = set()

    def add(self, graph: str, nquads: bytes) -> None:
        if graph in self.pending:  # the same document twice in one build: the later one wins
            self.flush()
        self.store.remove_graph(graph)
        self.pending.add(graph)
        self.parts.append(nquads)
        self.size += len(nquads)
        if self.size >= self.limit:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            self.store.oxigraph.bulk_load(b"".join(self.parts), format=ox.RdfFormat.N_QUADS)
        self.parts, self.size, self.pending = [], 0, set()


@contextlib.contextmanager
def _mapper(jobs: int) -> Iterator[Callable]:
    """An ordered, lazy map: in this process, or over a pool of worker processes."""
    if jobs <= 1:
        yield map
        return
    ctx = multiprocessing.get_context("forkserver" if sys.platform != "win32" else "spawn")
    with ctx.Pool(jobs) as pool:
        yield lambda fn, items: pool.imap(fn, items, chunksize=1)


def _fingerprint(base: str) -> str:
    """Changes whenever extraction could give other results: then every document is redone."""
    from . import __version__
    from .paths import GAZETTEER_DIR

    h = hashlib.sha256(f"{__version__}\0{base}".encode())
    package = Path(__file__).parent
    files = sorted(package.glob("*.py")) + sorted(p for p in GAZETTEER_DIR.rglob("*") if p.is_file())
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


class _State:
    """The previous build's manifest (document id → content hash) and cached mention lines."""

    def __init__(self, out: Path, fingerprint: str):
        self.dir = out / ".kg"
        self.cache = self.dir / "mentions"
        self.cache.mkdir(parents=True, exist_ok=True)
        self.fingerprint = fingerprint
        self.documents: dict[str, str] = {}
        try:
            data = json.loads((self.dir / "manifest.json").read_text(encoding="utf-8"))
            if data.get("fingerprint") == fingerprint:
                self.documents = data["documents"]
        except (OSError, ValueError, KeyError):
            pass

    def cache_path(self, doc_id: str, sha: str) -> Path:
        return self.cache / (hashlib.sha256(f"{doc_id}\0{sha}".encode()).hexdigest() + ".jsonl")

    def unchanged(self, doc: Document) -> bool:
        return self.documents.get(doc.id) == doc.sha256 and self.cache_path(doc.id, doc.sha256).is_file()

    def save(self, documents: dict[str, str]) -> None:
        with atomic_write(self.dir / "manifest.json") as f:
            json.dump({"fingerprint": self.fingerprint, "documents": documents}, f, ensure_ascii=False)
        keep = {self.cache_path(i, h).name for i, h in documents.items()}
        for f in self.cache.glob("*.jsonl"):
            if f.name not in keep:
                f.unlink(missing_ok=True)


def _working_store(out: Path, reuse: bool) -> tuple[GraphStore, Path]:
    """A copy of the live store to build into; the live one stays readable until the swap."""
    live, work, old = out / "store", out / "store.building", out / "store.old"
    if not live.exists() and old.exists():  # a previous build died between its two renames
        old.rename(live)
    shutil.rmtree(work, ignore_errors=True)
    if reuse and live.exists():
        GraphStore(live, read_only=True).oxigraph.backup(str(work))
    return GraphStore(work), live


def _swap_in(work: Path, live: Path) -> None:
    old = live.parent / "store.old"
    shutil.rmtree(old, ignore_errors=True)
    if live.exists():
        live.rename(old)
    work.rename(live)
    shutil.rmtree(old, ignore_errors=True)


def _write_output(what: str, live: Path, out: Path) -> dict[str, Path]:
    """Write one of the output files from the finished store (a function of its own so that a
    worker process can do it)."""
    store = GraphStore(live, read_only=True)
    if what == "turtle":
        with atomic_write(out / "graph.ttl", mode="wb") as f:
            store.write_union(f, ox.RdfFormat.TURTLE)
        return {"turtle": out / "graph.ttl"}
    if what == "trig":
        with atomic_write(out / "graph.trig", mode="wb") as f:
            store.write_trig(f)
        return {"trig": out / "graph.trig"}
    if what == "exports":
        from .export import write_exports

        return write_exports(store, out)
    if what == "views":
        from .views import write_overview

        return write_overview(store, out)
    raise ValueError(what)


def build(
    paths: Iterable[str | Path],
    out_dir: str | Path = DEFAULT_OUT,
    *,
    base: str = DEFAULT_BASE,
    encoding: str | None = None,
    views: bool = True,
    jobs: int = 1,
    incremental: bool = True,
    on_document: Callable[[DocumentResult | Problem], None] | None = None,
) -> BuildReport:
    """Build the knowledge graph of the documents under ``paths`` into ``out_dir``.

    Incremental: a document whose text is unchanged since the last build into the same
    folder is not processed again; a changed one replaces its own named graph; one no
    longer among the inputs leaves the graph. Nothing in ``out_dir`` is replaced until
    the new version is complete.
    """
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport(out_dir=out)
    state = _State(out, _fingerprint(base))
    if not incremental:
        state.documents = {}
    store, live = _working_store(out, reuse=bool(state.documents))
    seen: dict[str, str] = {}
    unchanged: list[Path] = []

    def documents() -> Iterator[tuple[Document, str]]:
        for item in iter_documents(paths, encoding=encoding):
            if isinstance(item, Problem):
                report.problems.append(item)
                if on_document:
                    on_document(item)
                continue
            seen[item.id] = item.sha256
            if state.unchanged(item):
                unchanged.append(state.cache_path(item.id, item.sha256))
                continue
            yield item, base

    clock = [time.perf_counter()]

    def lap(stage: str) -> None:
        now = time.perf_counter()
        report.timings[stage] = report.timings.get(stage, 0.0) + now - clock[0]
        clock[0] = now
        if sys.platform != "win32":
            import resource

            report.peak_rss_mb[stage] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    with atomic_write(out / "mentions.jsonl") as mentions:
        loader = _BatchLoader(store)
        with _mapper(jobs) as pmap:
            for result in pmap(_process_star, documents()):
                loader.add(result.graph, result.nquads)
                mentions.write(result.mentions_line)
                with atomic_write(state.cache_path(result.doc_id, seen[result.doc_id])) as cached:
                    cached.write(result.mentions_line)
                report.documents += 1
                if on_document:
                    on_document(result)
        loader.flush()
        for cached_path in unchanged:
            mentions.write(cached_path.read_text(encoding="utf-8"))
        report.unchanged = len(unchanged)
        for doc_id in set(state.documents) - set(seen):
            store.remove_graph(str(graph_iri(base, doc_id)))
            report.removed += 1
        store.flush()
        del store  # closes the working store before it is renamed
        _swap_in(out / "store.building", live)
        state.save(seen)
    report.files["mentions"] = out / "mentions.jsonl"
    lap("documents")

    outputs = ["turtle", "trig", "exports"] + (["views"] if views else [])
    if jobs <= 1:
        for what in outputs:
            report.files.update(_write_output(what, live, out))
            lap(what)
    else:
        # the files are independent reads of the finished store: one process each (the
        # views stay here), so the output stage uses the cores too
        ctx = multiprocessing.get_context("forkserver" if sys.platform != "win32" else "spawn")
        with ctx.Pool(min(jobs, len(outputs) - 1)) as pool:
            pending = [pool.apply_async(_write_output, (what, live, out)) for what in outputs[:-1]]
            last = _write_output(outputs[-1], live, out)
            for p in pending:
                report.files.update(p.get())
            report.files.update(last)
        lap("outputs")
    store = GraphStore(live, read_only=True)
    report.files["store"] = store.path
    _count(store, report)
    lap("counts")
    report.seconds = time.perf_counter() - started
    return report
