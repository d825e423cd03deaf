"""Load the graph into an external triplestore over the standard SPARQL 1.1 protocols.

    >>> import kg
    >>> report = kg.load("output", endpoint="http://localhost:7878/query",
    ...                  graph_store="http://localhost:7878/store")

Each named graph of the embedded store (one per document) and the ontology (in its own
graph, kg.rdf.ontology_graph_iri) goes to the server as one unit:

* Graph Store Protocol (``graph_store``): ``PUT <graph_store>?graph=<iri>`` with the
  graph as Turtle. PUT replaces the graph, so loading twice gives the same triples.
* SPARQL Update (no Graph Store Protocol): ``DROP SILENT GRAPH`` and ``INSERT DATA`` in
  batches, posted to ``update_endpoint`` (or ``endpoint``).

Connection errors, timeouts, 408/429 and 5xx are retried with exponential back-off. A
state file records every graph the server has acknowledged; after a failure those stay
loaded, and ``resume=True`` (``kg load --resume``) sends only the rest. Credentials come
from KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD (KG_ENDPOINT_AUTH=basic|digest|auto, default
auto: basic, switching to digest when the server asks for it) and are never printed.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .sparql import redact
from .vocab import DEFAULT_BASE

__all__ = ["LoadError", "LoadReport", "load", "DEFAULT_BATCH"]

DEFAULT_BATCH = 5000
STATE_FILENAME = "load-state.json"
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"


class LoadError(Exception):
    """Loading stopped. ``loaded`` lists the graphs that are on the server (now and from before);
    the message says how to resume."""

    def __init__(self, message: str, *, loaded: list[str] | None = None, failed: str | None = None,
                 state_file: Path | None = None):
        super().__init__(message)
        self.loaded = loaded or []
        self.failed = failed
        self.state_file = state_file


@dataclass
class LoadReport:
    target: str  # the Graph Store or Update URL, without credentials
    method: str  # "graph-store" or "update"
    graphs: dict[str, int] = field(default_factory=dict)  # loaded now: graph IRI → triples
    skipped: list[str] = field(default_factory=list)  # already loaded (resume)
    server_triples: int | None = None  # triples in our graphs on the server afterwards
    server_graphs: int | None = None
    seconds: float = 0.0
    state_file: Path | None = None

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


class _Fatal(Exception):
    """An answer retrying will not change (4xx)."""


class _Transient(Exception):
    """Retries exhausted on connection errors, timeouts or 5xx."""


def _split_credentials(url: str | None) -> tuple[str | None, tuple[str, str] | None]:
    """Move user:password@ out of a URL (so it is never printed) into credentials."""
    if not url:
        return url, None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LoadError(f"not an http(s) URL: {redact(url)}; give one like http://localhost:7878/store")
    try:
        port = parts.port
    except ValueError:
        raise LoadError(f"not a valid port in {redact(url)}") from None
    if parts.username is None:
        return url, None
    host = parts.hostname or ""
    if port:
        host = f"{host}:{port}"
    from urllib.parse import unquote

    clean = urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return clean, (unquote(parts.username), unquote(parts.password or ""))


class _Http:
    """requests.Session with auth from the environment, retries and back-off."""

    def __init__(self, credentials, *, retries: int, backoff: float, timeout: float, sleep=time.sleep):
        import requests

        self.requests = requests
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "kg-loader"
        self.credentials = credentials
        scheme = os.environ.get("KG_ENDPOINT_AUTH", "auto").lower()
        self.scheme = scheme if scheme in ("basic", "digest", "auto") else "auto"
        self.auth = self._make_auth("digest" if self.scheme == "digest" else "basic") if credentials else None
        self.retries, self.backoff, self.timeout, self.sleep = retries, backoff, timeout, sleep

    def _make_auth(self, scheme: str):
        from requests.auth import HTTPBasicAuth, HTTPDigestAuth

        user, password = self.credentials
        return HTTPDigestAuth(user, password) if scheme == "digest" else HTTPBasicAuth(user, password)

    def request(self, method: str, url: str, **kw):
        requests = self.requests
        last = None
        switched = False
        attempt = 0
        while True:
            try:
                r = self.session.request(method, url, auth=self.auth, timeout=self.timeout, **kw)
            except (requests.ConnectionError, requests.Timeout) as e:
                last = f"cannot reach {redact(url.split('?')[0])}: {type(e).__name__}"
            except requests.RequestException as e:  # a malformed URL: retrying cannot help
                raise _Fatal(f"not a usable URL {redact(url.split('?')[0])}: {type(e).__name__}; "
                             "give one like http://host:port/store") from None
            else:
                if r.status_code == 401:
                    challenge = r.headers.get("WWW-Authenticate", "")
                    # auto: basic first; on a 401 that does not insist on basic, digest once
                    # (Virtuoso answers basic credentials with a bare 401, no challenge)
                    if (self.credentials and self.scheme == "auto" and not switched
                            and not challenge.lower().startswith("basic")):
                        self.auth = self._make_auth("digest")
                        switched = True
                        continue
                    hint = ("set KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD" if not self.credentials
                            else "check KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD (and KG_ENDPOINT_AUTH)")
                    raise _Fatal(f"{redact(url.split('?')[0])} asks for credentials (401): {hint}")
                if r.status_code >= 500 or r.status_code in (408, 429):
                    last = f"{redact(url.split('?')[0])} answered {r.status_code} {r.reason}: {_body(r)}"
                elif r.status_code >= 400:
                    raise _Fatal(f"{redact(url.split('?')[0])} refused the request: {r.status_code} {r.reason}: "
                                 f"{_body(r)}")
                else:
                    return r
            if attempt >= self.retries:
                raise _Transient(f"{last} (after {attempt + 1} attempts)")
            self.sleep(min(self.backoff * 2 ** attempt, 30.0))
            attempt += 1


def _read_ahead(plan: list[str], read: Callable[[str], bytes], depth: int):
    """(index, graph, data, digest) for each graph of ``plan`` in order, read by two threads up to
    ``depth`` graphs ahead (oxigraph's dumps run without the GIL): the reading overlaps the
    server's work, and memory holds ``depth`` graphs read ahead besides those in flight."""
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    def job(name: str) -> tuple[bytes, str]:
        data = read(name)
        return data, _digest(data)

    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="kg-read") as readers:
        todo = iter(enumerate(plan, 1))
        ahead: deque = deque()
        for i, name in todo:
            ahead.append((i, name, readers.submit(job, name)))
            if len(ahead) > depth:
                j, n, fut = ahead.popleft()
                yield (j, n, *fut.result())
        while ahead:
            j, n, fut = ahead.popleft()
            yield (j, n, *fut.result())


def _is_oxigraph(http: "_Http", graph_store: str) -> bool:
    """Whether the Graph Store endpoint is an Oxigraph server (its Server header says so)."""
    try:
        r = http.session.head(graph_store, timeout=http.timeout)
    except Exception:  # noqa: BLE001 (no answer: the PUTs will say what is wrong)
        return False
    return r.headers.get("Server", "").lower().startswith("oxigraph/")


def _body(r) -> str:
    text = " ".join((r.text or "").split())
    return text[:300] if text else "(no message)"


def _infer_base(graph_names: list[str]) -> str:
    for g in graph_names:
        i = g.rfind("graph/")
        if i > 0:
            return g[:i]
    return DEFAULT_BASE


def _ntriples(quads) -> bytes:
    import pyoxigraph as ox

    return ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES) or b""


def _graph_ntriples(store, name: str) -> bytes:
    """One named graph as N-Triples, dumped by oxigraph itself (no Python object per triple)."""
    import pyoxigraph as ox

    return store.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name)) or b""


def _ontology_bytes(store, name: str, ontology_dir: Path | None) -> bytes | None:
    import pyoxigraph as ox

    node = ox.NamedNode(name)
    if store.oxigraph.contains_named_graph(node):
        return _ntriples(store.oxigraph.quads_for_pattern(None, None, None, node))
    folder = ontology_dir if ontology_dir is not None else ONTOLOGY_DIR
    files = sorted(Path(folder).glob("*.ttl")) if Path(folder).is_dir() else []
    if not files:
        return None
    mem = ox.Store()
    for f in files:
        mem.load(path=str(f), format=ox.RdfFormat.TURTLE, to_graph=node)
    return _ntriples(mem.quads_for_pattern(None, None, None, node))


def _batches(data: bytes, size: int) -> list[bytes]:
    lines = [ln for ln in data.split(b"\n") if ln.strip()]
    if b"_:" in data:  # blank nodes must arrive in one request to stay one node
        return [b"\n".join(lines)]
    return [b"\n".join(lines[i:i + size]) for i in range(0, len(lines), size)] or [b""]


def _digest(data: bytes) -> str:
    """Content hash of an N-Triples graph that does not change with triple order or blank node labels."""
    import re

    if b"_:" in data:
        lines = sorted(re.sub(rb"_:[A-Za-z0-9]+", b"_:", ln) for ln in data.split(b"\n") if ln.strip())
    else:
        lines = sorted(ln for ln in data.split(b"\n") if ln.strip())
    return hashlib.sha256(b"\n".join(lines)).hexdigest()


def _read_state(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_state(path: Path, state: dict) -> None:
    from .atomic import atomic_write

    with atomic_write(path) as f:
        f.write(json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True))


def count_on_server(endpoint: str, base: str, timeout: float | None = None) -> tuple[int, int]:
    """(triples, graphs) in the named graphs under ``base``graph/ on the server."""
    from .sparql import query

    # counted per graph and summed here: a FILTER on STR(?g) for every quad made the server's
    # count take five times as long as this GROUP BY
    res = query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                endpoint=endpoint, timeout=timeout)
    counts = [int(n) for g, n in res.rows if str(g).startswith(f"{base}graph/")]
    return sum(counts), len(counts)


def load(
    store,
    endpoint: str | None = None,
    graph_store: str | None = None,
    update_endpoint: str | None = None,
    *,
    base: str | None = None,
    ontology_dir: str | Path | None = None,
    resume: bool = False,
    state_file: str | Path | None = None,
    batch_size: int = DEFAULT_BATCH,
    retries: int = 5,
    backoff: float = 1.0,
    timeout: float = 120.0,
    progress: Callable[[str, int, int, str], None] | None = None,
    concurrency: int = 3,
    bulk: bool | None = None,
) -> LoadReport:
    """Load the ontology and every document graph of ``store`` into a SPARQL server.

    ``store`` is the build's output folder, the store folder or a GraphStore. With
    ``graph_store`` graphs are PUT through the Graph Store Protocol; otherwise they are
    written with SPARQL Update to ``update_endpoint`` (or ``endpoint``). ``endpoint``
    (the query URL) is used afterwards to count what the server holds. ``progress`` is
    called as (graph IRI, index, total, "loaded"|"skipped") after each graph.
    ``concurrency`` > 1 keeps that many Graph Store PUTs in flight at once (one connection
    each; still one standard PUT per graph): a server that writes in parallel loads faster.
    ``bulk`` (default: when the server says it is Oxigraph) asks an Oxigraph server to load
    each PUT with its bulk loader (its ``no_transaction`` option: twice as fast, and safe here
    because a PUT that fails is sent again whole, and a PUT first clears its graph).
    Graphs are still acknowledged, recorded and reported in order; after a failure the
    graphs that were already in flight and succeeded are recorded too.
    Raises LoadError, whose message says what stays loaded and how to resume.
    """
    from .store import GraphStore, StoreError

    started = time.perf_counter()
    endpoint, creds_q = _split_credentials(endpoint)
    graph_store, creds_g = _split_credentials(graph_store)
    update_endpoint, creds_u = _split_credentials(update_endpoint)
    from .sparql import endpoint_credentials

    credentials = creds_g or creds_u or creds_q or endpoint_credentials()
    if graph_store:
        method, target = "graph-store", graph_store
    elif update_endpoint or endpoint:
        method, target = "update", update_endpoint or endpoint
    else:
        raise LoadError("nowhere to load: give --graph-store URL (Graph Store Protocol) or --update-endpoint URL / "
                        "--endpoint URL (SPARQL Update)")

    if isinstance(store, GraphStore):
        gs = store
    else:
        try:
            gs = GraphStore(store, read_only=True)
        except StoreError as e:
            raise LoadError(str(e)) from None
    names = gs.graph_names()
    base = base or _infer_base(names)
    from .rdf import ontology_graph_iri

    onto_name = str(ontology_graph_iri(base))
    doc_names = [n for n in names if n != onto_name]
    plan: list[str] = []
    onto = _ontology_bytes(gs, onto_name, Path(ontology_dir) if ontology_dir else None)
    if onto:
        plan.append(onto_name)
    plan += doc_names
    if not doc_names:
        raise LoadError(f"the store at {gs.path} holds no document graphs: run `kg build` first")

    if state_file is None:
        folder = gs.path.parent if gs.path.name == "store" else gs.path
        state_file = folder / STATE_FILENAME
    state_file = Path(state_file)
    target_id = redact(target)
    state = {"target": target_id, "method": method, "base": base, "loaded": {}}
    if resume:
        old = _read_state(state_file)
        if old and old.get("target") != target_id:
            raise LoadError(f"{state_file} records a load into {old.get('target')}, not {target_id}: "
                            "run without --resume to load everything")
        if old:
            state["loaded"] = dict(old.get("loaded", {}))

    http = _Http(credentials, retries=retries, backoff=backoff, timeout=timeout)
    report = LoadReport(target=target_id, method=method, state_file=state_file)

    total = len(plan)
    from concurrent.futures import ThreadPoolExecutor
    import threading

    # Graph Store PUTs go out from worker threads: the next graph is dumped here while the
    # server takes the previous one (`concurrency` PUTs in flight, one connection each).
    parallel = method == "graph-store"
    local = threading.local()
    oxigraph = parallel and bulk is not False and (bulk or _is_oxigraph(http, graph_store))
    put_params = {"no_transaction": ""} if oxigraph else {}
    # the data is N-Triples, which is Turtle too; an Oxigraph server parses it faster when told
    put_type = "application/n-triples" if oxigraph else "text/turtle; charset=utf-8"

    def put(name: str, data: bytes) -> None:
        h = getattr(local, "http", None)
        if h is None:
            h = local.http = _Http(credentials, retries=retries, backoff=backoff, timeout=timeout)
        h.request("PUT", graph_store, params={"graph": name, **put_params}, data=data,
                  headers={"Content-Type": put_type})

    def fail(i: int, name: str, e: Exception):
        _write_state(state_file, state)
        done = len(state["loaded"])
        return LoadError(
            f"loading stopped at graph {i} of {total} ({name}): {e}\n"
            f"{done} graph(s) already on the server stay loaded (recorded in {state_file}). "
            f"Fix the cause and run the same command with --resume to load the rest; "
            f"graphs are replaced, never duplicated.",
            loaded=list(state["loaded"]), failed=name, state_file=state_file)

    def done(i: int, name: str, data: bytes, digest: str) -> None:
        state["loaded"][name] = digest
        report.graphs[name] = data.count(b"\n")
        if not parallel or i == total or i % 16 == 0:
            _write_state(state_file, state)
        if progress:
            progress(name, i, total, "loaded")

    pool = ThreadPoolExecutor(max_workers=concurrency) if parallel else None
    inflight: list = []  # (i, name, data, digest, future), oldest first

    def settle(keep: int) -> None:
        while len(inflight) > keep:
            i, name, data, digest, fut = inflight.pop(0)
            try:
                fut.result()
            except (_Fatal, _Transient) as e:
                for j, n2, d2, g2, f2 in inflight:  # those in flight: recorded if they made it
                    if f2.exception() is None:
                        state["loaded"][n2] = g2
                raise fail(i, name, e) from None
            done(i, name, data, digest)

    reads = _read_ahead(plan, lambda n: onto if n == onto_name else _graph_ntriples(gs, n), depth=2 * concurrency)
    try:
        for i, name, data, digest in reads:
            if resume and state["loaded"].get(name) == digest:
                settle(0)
                report.skipped.append(name)
                if progress:
                    progress(name, i, total, "skipped")
                continue
            if parallel:
                settle(concurrency - 1)  # this graph was read while those PUTs were in flight
                inflight.append((i, name, data, digest, pool.submit(put, name, data)))
                continue
            try:  # SPARQL Update (the Graph Store PUTs went to the pool above)
                for j, batch in enumerate(_batches(data, batch_size)):
                    head = f"DROP SILENT GRAPH <{name}> ;\n" if j == 0 else ""
                    g = b"GRAPH <" + name.encode() + b"> {\n" + batch + b"\n}"
                    if b"_:" in batch:  # blank nodes: Virtuoso refuses them in INSERT DATA, so a template
                        op = b"INSERT { " + g + b" } WHERE {}"
                    else:
                        op = b"INSERT DATA { " + g + b" }"
                    body = head.encode() + op
                    http.request("POST", update_endpoint or endpoint, data=body,
                                 headers={"Content-Type": "application/sparql-update; charset=utf-8"})
            except (_Fatal, _Transient) as e:
                raise fail(i, name, e) from None
            done(i, name, data, digest)
        settle(0)
    finally:
        reads.close()  # stops the readers at once after a failure
        if pool is not None:
            pool.shutdown(wait=True)
        _write_state(state_file, state)  # what was acknowledged, even after Ctrl-C
    state["complete"] = True
    _write_state(state_file, state)
    if endpoint:
        try:
            report.server_triples, report.server_graphs = count_on_server(endpoint, base, timeout)
        except Exception:  # noqa: BLE001 (the load itself succeeded; counting is a courtesy)
            report.server_triples = report.server_graphs = None
    report.seconds = time.perf_counter() - started
    return report
