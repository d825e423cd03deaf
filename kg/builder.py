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
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .atomic import atomic_write, replace_dir
from .model import CORE_CLASSES, Document, Extraction, Problem
from .rdf import document_triples, graph_iri, in_graph, statements
from .read import iter_documents
from .store import GraphStore, UnionTurtle
from .vocab import DEFAULT_BASE, KGO, PREDICATES, RDF

DEFAULT_OUT = Path("output")


@dataclass
class BuildReport:
    """What a build did; the CLI prints it and tests assert on it."""

    out_dir: Path
    documents: int = 0  # processed in this build
    unchanged: int = 0  # skipped: same text as in the previous build
    removed: int = 0  # no longer among the inputs
    kept: int = 0  # not among the inputs, kept because some inputs failed
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
    own: bytes = b""  # the triples only this document can state, as N-Triples (also Turtle)
    shared: bytes = b""  # and those other documents may state too (kg.rdf.document_triples)

    @property
    def ntriples(self) -> bytes:
        """All its triples as N-Triples: the store's default-graph copy, its graph.trig block."""
        return self.own + self.shared


def process_document(doc: Document, base: str = DEFAULT_BASE) -> DocumentResult:
    """extract → RDF (its N-Quads for the store, its mentions.jsonl line, its triples for graph.trig
    and graph.ttl) for one document; pure, so it can run in a worker process."""
    from .extract import extract  # imported late: keeps `kg --help` and other commands fast

    ex = extract(doc)
    # the triples of kg.rdf.to_graph as text, without building an rdflib Graph; every output is
    # put together from these two lists, none parses them again
    own, shared = document_triples(ex, base)
    line = json.dumps(mention_record(ex, base), ensure_ascii=False) + "\n"
    graph = str(graph_iri(base, doc.id))
    return DocumentResult(doc.id, graph, in_graph(graph, own, shared), line, own=statements(own),
                          shared=statements(shared))


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


def _count(store: GraphStore, report: BuildReport) -> None:
    """Distinct entities by core class and distinct relations by predicate, over all documents.

    Counted in the default graph, which a build leaves holding the union of the documents,
    each triple once: a count of quads for a fixed predicate (and object) there is a count
    of distinct triples, without any DISTINCT or set.
    """
    from .store import DEFAULT_GRAPH

    rdf_type = ox.NamedNode(str(RDF.type))
    qfp = store.oxigraph.quads_for_pattern

    def n(it) -> int:
        return sum(1 for _ in it)

    report.entities_by_type = {c: n(qfp(None, rdf_type, ox.NamedNode(str(KGO[c])), DEFAULT_GRAPH))
                               for c in CORE_CLASSES}
    by_pred = {}
    for kind, p in PREDICATES.items():
        k = n(qfp(None, ox.NamedNode(str(p)), None, DEFAULT_GRAPH))
        if k:
            by_pred[kind] = k
    report.relations_by_predicate = dict(sorted(by_pred.items(), key=lambda kv: -kv[1]))
    report.triples = store.triple_count()


class _BatchLoader:
    """Loads documents' N-Quads into the working store in large batches, in a background thread.

    ``bulk_load`` over ~16 MB batches (one transactional ``Store.load`` per document spent ~2 s
    on the corpus). Each batch carries every triple twice: in its document's named graph and
    in the default graph, which so becomes the union of the documents as they load (a store
    is a set: a triple several documents state is kept once). bulk_load runs in Rust without
    the GIL, so in a thread it overlaps the extraction of the next documents; one batch loads
    while the next is gathered, so memory stays bounded by two batches. The working store is a
    private copy swapped in only when the build completes, so bulk loading (not atomic) is safe.
    """

    def __init__(self, store: GraphStore, limit: int = 16 << 20, fresh: bool = False):
        import queue
        import threading

        self.store, self.limit, self.fresh = store, limit, fresh
        self.parts: list[bytes] = []
        self.size = 0
        self.pending: set[str] = set()  # graphs in batches not yet loaded
        self.loaded: set[str] = set()  # graphs loaded in this build
        self.stale = False  # a graph was replaced or removed: the union must be recomputed
        self.error: BaseException | None = None
        self.queue: queue.Queue = queue.Queue(maxsize=1)
        self.thread = threading.Thread(target=self._run, name="kg-bulk-load", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            data = self.queue.get()
            try:
                if data is None:
                    return
                if self.error is None:
                    self.store.oxigraph.bulk_load(data, format=ox.RdfFormat.N_QUADS)
            except BaseException as e:  # noqa: BLE001 (re-raised in the writer's thread)
                self.error = e
            finally:
                self.queue.task_done()

    def _check(self) -> None:
        if self.error is not None:
            raise self.error

    def add(self, graph: str, nquads: bytes, ntriples: bytes) -> None:
        """One document: ``nquads`` in its named graph, ``ntriples`` the same triples (the default
        graph's copy)."""
        if graph in self.pending or graph in self.loaded:  # the same document twice in one build
            self.flush()
            self.queue.join()  # loaded: now it can be removed, and the later one wins
        if not self.fresh or graph in self.loaded:
            name = ox.NamedNode(graph)
            if self.store.oxigraph.contains_named_graph(name):
                self.store.oxigraph.remove_graph(name)
                self.stale = True
        self.pending.add(graph)
        self.parts.append(nquads)
        self.parts.append(ntriples)  # the same triples in the default graph
        self.size += len(nquads) + len(ntriples)
        if self.size >= self.limit:
            self.flush()

    def flush(self) -> None:
        self._check()
        if self.parts:
            self.queue.put(b"".join(self.parts))
        self.loaded |= self.pending
        self.parts, self.size, self.pending = [], 0, set()

    def close(self) -> None:
        self.flush()
        self.queue.put(None)
        self.thread.join()
        self._check()


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
    files = sorted(package.rglob("*.py")) + sorted(p for p in GAZETTEER_DIR.rglob("*") if p.is_file())
    for f in files:
        h.update(f.relative_to(package.parent).as_posix().encode())
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
        key = document_key(doc)
        return self.documents.get(doc.id) == key and self.cache_path(doc.id, key).is_file()

    def save(self, documents: dict[str, str]) -> None:
        with atomic_write(self.dir / "manifest.json") as f:
            json.dump({"fingerprint": self.fingerprint, "documents": documents}, f, ensure_ascii=False)
        keep = {self.cache_path(i, h).name for i, h in documents.items()}
        for f in self.cache.glob("*.jsonl"):
            if f.name not in keep:
                f.unlink(missing_ok=True)


def document_key(doc: Document) -> str:
    """What decides whether a document must be processed again: its text and its metadata."""
    meta = "\0".join(x or "" for x in (doc.sha256, doc.title, doc.date, doc.author, doc.source))
    return hashlib.sha256(meta.encode("utf-8", "surrogatepass")).hexdigest()


def check_base(base: str) -> str:
    """The base IRI as minting needs it: absolute, no character an IRI cannot hold, ending in / or #."""
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$", base) or re.search(r'[\s<>"{}|\\^`]', base):
        raise ValueError(f"not an absolute IRI: {base!r}; give one like https://example.org/kg/")
    return base if base.endswith(("/", "#")) else base + "/"


def _live_store(out: Path) -> Path | None:
    """The finished store of the previous build, if there is one (recovering an interrupted swap)."""
    live, old = out / "store", out / "store.old"
    if not live.exists() and old.exists():  # a previous build died between its two renames
        old.rename(live)
    return live if live.exists() else None


def _working_store(out: Path, reuse: bool) -> tuple[GraphStore, Path]:
    """A copy of the live store to build into; the live one stays readable until the swap."""
    live, work = out / "store", out / "store.building"
    shutil.rmtree(work, ignore_errors=True)
    if reuse and live.exists():
        GraphStore(live, read_only=True).oxigraph.backup(str(work))
    return GraphStore(work), live


def _write_output(what: str, live: Path | GraphStore, out: Path) -> dict[str, Path]:
    """Write one of the output files from the finished store (a function of its own so that a
    worker process or thread can do it)."""
    store = live if isinstance(live, GraphStore) else GraphStore(live, read_only=True)
    if what == "turtle":
        with atomic_write(out / "graph.ttl", mode="wb") as f:
            store.write_union(f, ox.RdfFormat.TURTLE)
        return {"turtle": out / "graph.ttl"}
    if what == "exports":
        from .exports import write_exports

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
    exports: bool = False,
    jobs: int = 1,
    incremental: bool = True,
    on_document: Callable[[DocumentResult | Problem], None] | None = None,
    release_models: bool = False,
) -> BuildReport:
    """Build the knowledge graph of the documents under ``paths`` into ``out_dir``.

    Incremental: a document whose text is unchanged since the last build into the same
    folder is not processed again; a changed one replaces its own named graph; one no
    longer among the inputs leaves the graph. Nothing in ``out_dir`` is replaced until
    the new version is complete. ``exports`` adds graph.jsonld and the Neo4j/Gephi CSVs
    (`kg export` writes them later from the store just the same). ``release_models`` frees the
    extraction models once the last document is extracted (for a process that builds once and
    ends, like the CLI: the views and exports then have the room).
    """
    started = time.perf_counter()
    base = check_base(base)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport(out_dir=out)
    state = _State(out, _fingerprint(base))
    if not incremental or _live_store(out) is None:  # without the store, the manifest means nothing
        state.documents = {}
    try:
        return _build(paths, out, base, encoding, views, exports, jobs, state, report, on_document, started,
                      release_models)
    except BaseException:
        shutil.rmtree(out / "store.building", ignore_errors=True)  # the previous output stays as it was
        raise


def _build(paths, out: Path, base: str, encoding, views: bool, exports: bool, jobs: int, state: _State,
           report: BuildReport, on_document, started: float, release_models: bool) -> BuildReport:
    store, live = _working_store(out, reuse=bool(state.documents))
    seen: dict[str, str] = {}
    unchanged: list[Path] = []

    def documents() -> Iterator[tuple[Document, str, bool]]:
        for item in iter_documents(paths, encoding=encoding):
            if isinstance(item, Problem):
                report.problems.append(item)
                if on_document:
                    on_document(item)
                continue
            seen[item.id] = document_key(item)
            if state.unchanged(item):
                unchanged.append(state.cache_path(item.id, seen[item.id]))
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

    fresh = next(iter(store.oxigraph.named_graphs()), None) is None  # nothing to replace or de-duplicate
    had_union = store.has_union()  # a store of an older version has none: it is computed at the end
    # mentions.jsonl and graph.trig are written as the documents come (graph.trig from each
    # document's triples as the RDF stage wrote them); both are renamed into place only after the
    # store is swapped in. graph.ttl too when the build starts from nothing (every document passes
    # here); otherwise it is dumped from the finished store below
    with contextlib.ExitStack() as files:
        mentions = files.enter_context(atomic_write(out / "mentions.jsonl"))
        trig = files.enter_context(atomic_write(out / "graph.trig", mode="wb"))
        union = UnionTurtle(files.enter_context(atomic_write(out / "graph.ttl", mode="wb"))) if fresh else None
        loader = _BatchLoader(store, fresh=fresh)
        written: set[str] = set()  # document graphs already in graph.trig
        try:
            with _mapper(jobs) as pmap:
                for result in pmap(_process_star, documents()):
                    loader.add(result.graph, result.nquads, result.ntriples)
                    mentions.write(result.mentions_line)
                    trig.write(f"<{result.graph}> {{\n".encode())  # its graph.trig block
                    trig.write(result.own)
                    trig.write(result.shared)
                    trig.write(b"}\n")
                    if union is not None:
                        union.add(result.own, result.shared)
                    written.add(result.graph)
                    with atomic_write(state.cache_path(result.doc_id, seen[result.doc_id])) as cached:
                        cached.write(result.mentions_line)
                    report.documents += 1
                    if on_document:
                        on_document(result)
        finally:
            loader.close()
        for cached_path in unchanged:
            mentions.write(cached_path.read_text(encoding="utf-8"))
        report.unchanged = len(unchanged)
        stale = loader.stale
        gone = set(state.documents) - set(seen)
        if gone and report.problems:
            # some inputs could not be read (a mistyped path, a file briefly unreadable): keep what
            # the previous build had rather than delete it; a clean build removes what has left
            kept = {d: state.documents[d] for d in gone}
            seen.update(kept)
            for doc_id, key in kept.items():
                cached_path = state.cache_path(doc_id, key)
                if cached_path.is_file():
                    mentions.write(cached_path.read_text(encoding="utf-8"))
            report.kept = len(kept)
            gone = set()
        for doc_id in gone:
            name = ox.NamedNode(str(graph_iri(base, doc_id)))
            if store.oxigraph.contains_named_graph(name):
                store.oxigraph.remove_graph(name)
                stale = True
            report.removed += 1
        if release_models:
            from .extract import release_models as release

            release()
        lap("documents")
        # the graphs of documents not processed this time (unchanged, or kept) come from the store
        store.write_trig(trig, names=sorted(
            (g for g in store.oxigraph.named_graphs() if g.value not in written), key=lambda g: g.value))
        lap("graph.trig (rest)")
        if stale or (not fresh and not had_union):
            # a document's graph was replaced or removed: its triples may have to leave the union
            store.refresh_union()
            lap("union")
        store.flush()
        if union is None or views:
            # compacts the bulk-loaded, overlapping files: paid for when this build reads the store
            # back at once (a dump of graph.ttl, the views' queries: each about twice as fast)
            store.oxigraph.optimize()
        del store, loader  # closes the working store before it is renamed
        # one rename-exchange where the OS has it; else through store.old, which _live_store recovers
        replace_dir(out / "store.building", live, old=out / "store.old")
        state.save(seen)
    report.files["trig"] = out / "graph.trig"
    if union is not None:
        report.files["turtle"] = out / "graph.ttl"
    report.files["mentions"] = out / "mentions.jsonl"

    # The output files are independent reads of the finished store. graph.ttl, when it was not
    # written with the documents, is an oxigraph dump (Rust, without the GIL): a thread. With
    # --jobs N the exports go to a process of their own.
    import threading

    store = GraphStore(live, read_only=True)
    _count(store, report)
    lap("counts")
    thread_times: dict[str, float] = {}
    errors: list[BaseException] = []

    def in_thread(what: str) -> None:
        t = time.perf_counter()
        try:
            report.files.update(_write_output(what, store, out))
        except BaseException as e:  # noqa: BLE001 (re-raised below)
            errors.append(e)
        thread_times[what] = time.perf_counter() - t

    threads = [threading.Thread(target=in_thread, args=(w,), name=f"kg-{w}")
               for w in ([] if union is not None else ["turtle"])]
    for th in threads:
        th.start()
    apart = ["exports"] if exports and jobs > 1 else []
    here = [w for w in (["exports"] if exports else []) + (["views"] if views else []) if w not in apart]
    with contextlib.ExitStack() as stack:
        pending = {}
        if apart:
            ctx = multiprocessing.get_context("forkserver" if sys.platform != "win32" else "spawn")
            pool = stack.enter_context(ctx.Pool(len(apart)))
            pending = {w: pool.apply_async(_write_output, (w, live, out)) for w in apart}
        for what in here:
            report.files.update(_write_output(what, store, out))
            lap(what)
        for what, result in pending.items():
            report.files.update(result.get())
            lap(what)
    for th in threads:
        th.join()
    if errors:
        raise errors[0]
    lap("outputs (rest)")
    for what, secs in thread_times.items():
        report.timings[f"{what} (thread)"] = secs
    report.files["store"] = store.path
    report.seconds = time.perf_counter() - started
    return report
