"""`kg bench`: the speed and memory figures, each next to a baseline measured in the same run.

Timings on a shared machine wobble, so nothing here asserts; it prints figures and
ratios (ours ÷ baseline) that stay meaningful when the whole machine is slower.
"""
from __future__ import annotations

import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .paths import QUERIES_DIR, ROOT

DEFAULT_CORPUS = [ROOT.parent / "shared" / "corpus", ROOT / "examples"]


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    target: str = ""
    ok: bool | None = None
    note: str = ""

    def line(self) -> str:
        s = f"{self.name:<44} {self.value:>12,.2f} {self.unit}"
        if self.baseline is not None:
            s += f"   (baseline {self.baseline_name}: {self.baseline:,.2f})"
        if self.target:
            verdict = "" if self.ok is None else ("  ok" if self.ok else "  MISSED")
            s += f"   target {self.target}{verdict}"
        if self.note:
            s += f"   [{self.note}]"
        return s


def _texts(corpus: list[Path]) -> list[Path]:
    """The .txt documents under ``corpus``, each file name once (the sample is in both defaults)."""
    files: dict[str, Path] = {}
    for c in corpus:
        found = [c] if c.is_file() else sorted(c.rglob("*.txt")) if c.is_dir() else []
        for p in found:
            files.setdefault(p.name, p)
    return list(files.values())


def _load() -> str:
    """The 1-minute load average: timings mean little when other work shares the cores."""
    try:
        return f"load average {os.getloadavg()[0]:.2f}"
    except OSError:
        return "load average unknown"


def _replicate(files: list[Path], times: int, into: Path) -> Path:
    """`times` copies of the corpus, each file under a new name (a new document)."""
    into.mkdir(parents=True, exist_ok=True)
    for k in range(times):
        for f in files:
            shutil.copyfile(f, into / f"{k:03d}-{f.name}")
    return into


_MEASURE = r"""
import os, resource, subprocess, sys, time

def tree_rss(pid):
    # resident memory of pid and all its descendants, in kB (Linux /proc)
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                total += next((int(l.split()[1]) for l in f if l.startswith("VmRSS:")), 0)
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            pass
    return total

proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
peak = 0
while proc.poll() is None:
    peak = max(peak, tree_rss(proc.pid))
    time.sleep(0.05)
err = proc.stderr.read()
if proc.returncode:
    sys.stderr.buffer.write(err[-500:])
    sys.exit(proc.returncode)
print(max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
"""


def _child_peak_rss_mb(cmd: list[str]) -> tuple[float, float]:
    """Run a command; return (its peak resident memory in MB, seconds).

    The memory is that of the command and every process it starts, summed while they run
    (sampled every 50 ms on Linux; elsewhere the largest single process), measured by a small
    Python process: a child forked straight from this process (large after the throughput step)
    would start with this process's resident pages in its high-water mark."""
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed: {proc.stderr[-500:]}")
    return int(proc.stdout.split()[-1]) / 1024, time.perf_counter() - t


def _kg_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *args]


def throughput(files: list[Path], work: Path, runs: int = 3) -> list[Figure]:
    """`build` in this process (pipeline already loaded: start-up is measured apart) against
    jieba.lcut over the same texts, in the same run: the best of ``runs`` of each."""
    import jieba

    from .builder import build
    from .extract import extract  # warms the pipeline below: start-up is measured apart
    from .nlp import make_nlp

    from .model import Document

    make_nlp()
    # the first document also builds the components' lazy tables (the gazetteer matcher): that is
    # start-up, measured apart, so a short one goes through first
    extract(Document(id="warm-up", text="中共昆明市委书记主持召开市委工作会议。"))
    jieba.initialize()
    texts = [f.read_text(encoding="utf-8") for f in files]
    chars = sum(len(t) for t in texts)

    def jieba_once() -> float:
        t = time.perf_counter()
        for text in texts:
            jieba.lcut(text)
        return time.perf_counter() - t

    corpus = _replicate(files, 1, work / "tp-corpus")
    # the best of three for both, each build run right after a jieba run, so that both figures
    # meet the same moments of a shared machine
    jieba_runs, builds = [], []
    for _ in range(runs):
        jieba_runs.append(jieba_once())
        t, cpu = time.perf_counter(), time.process_time()
        report = build([corpus], work / "tp-out", views=False, incremental=False)
        builds.append((time.perf_counter() - t, time.process_time() - cpu, report))
    jieba_s = min(jieba_runs)
    build_s, build_cpu, report = min(builds, key=lambda b: b[0])
    docs = [Document(id=f.name, text=t) for f, t in zip(files, texts)]
    t = time.perf_counter()
    for d in docs:
        extract(d)
    extract_s = time.perf_counter() - t
    jieba_cps, ours = chars / jieba_s, chars / build_s
    ratio = ours / jieba_cps
    stages = ", ".join(f"{k} {v:.2f}" for k, v in report.timings.items())
    return [
        Figure("build throughput, 1 process (no views)", ours, "chars/s", jieba_cps, "jieba.lcut alone"),
        Figure("  ratio to jieba segmentation", ratio, "×", target="≥ 0.5", ok=ratio >= 0.5),
        Figure(f"  build wall time ({report.triples:,} triples)", build_s, "s",
               note=f"best of {runs}, each after a jieba run; CPU {build_cpu:.1f} s; stages: {stages}"),
        Figure("  extraction alone (no RDF, store or files)", (chars / extract_s) / jieba_cps, "× jieba",
               note=f"{extract_s:.2f} s"),
    ]


def startup(runs: int = 5) -> list[Figure]:
    code = ("from kg.model import Document; from kg.extract import extract; "
            "extract(Document(id='x', text='中共昆明市委书记主持召开市委工作会议。'))")
    subprocess.run([sys.executable, "-c", code], check=True)  # warm jieba's cache and the OS page cache
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - t)
    bare = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - t)
    med = statistics.median(times)
    return [Figure("start-up: import + pipeline ready (median)", med, "s", statistics.median(bare),
                   "bare python", target="≤ 1.5 s", ok=med <= 1.5)]


def parallel(files: list[Path], work: Path, times: int = 4) -> list[Figure]:
    corpus = _replicate(files, times, work / "par-corpus")
    chars = sum(p.stat().st_size for p in corpus.iterdir())  # bytes: same for both runs
    _, one = _child_peak_rss_mb(_kg_cmd("build", str(corpus), "-o", str(work / "par-1"), "--no-views", "--full"))
    _, two = _child_peak_rss_mb(_kg_cmd("build", str(corpus), "-o", str(work / "par-2"), "--no-views", "--full",
                                        "--jobs", "2"))
    speedup = one / two
    return [Figure("kg build --jobs 2 speed-up", speedup, "×", 1.0, f"--jobs 1 ({chars / one / 1e3:,.0f} kB/s)",
                   target="≥ 1.7×", ok=speedup >= 1.7)]


def memory(files: list[Path], work: Path, times: int = 20) -> list[Figure]:
    small = _replicate(files, 1, work / "mem-1")
    big = _replicate(files, times, work / f"mem-{times}")
    rss1, _ = _child_peak_rss_mb(_kg_cmd("build", str(small), "-o", str(work / "mem-out-1"), "--full"))
    rss20, _ = _child_peak_rss_mb(_kg_cmd("build", str(big), "-o", str(work / f"mem-out-{times}"), "--full"))
    ratio = rss20 / rss1
    return [
        Figure(f"peak memory, {times}× corpus (all its processes)", rss20, "MB", rss1, "1× corpus"),
        Figure("  ratio", ratio, "×", target="≤ 1.2", ok=ratio <= 1.2),
    ]


def _big_nquads(source_store: Path, target_triples: int, into: Path) -> tuple[Path, int]:
    """Copies of a built graph with every minted IRI (and document identifier) renamed per copy,
    up to target_triples: copy k is a new set of documents about new entities."""
    import pyoxigraph as ox

    from .store import GraphStore

    gs = GraphStore(source_store, read_only=True)
    quads = list(gs.data_quads())
    ident = "http://purl.org/dc/terms/identifier"
    copies = max(1, -(-target_triples // max(1, len(quads))))
    out = into / "big.nq"
    with open(out, "wb") as f:
        for k in range(copies):
            def ren(t):
                if isinstance(t, ox.NamedNode) and "/govkg/id/" in t.value:
                    return ox.NamedNode(t.value.replace("/govkg/id/", f"/govkg/id/c{k}/", 1))
                return t

            def obj(q):
                if q.predicate.value == ident and k:
                    return ox.Literal(f"{q.object.value}~{k}")
                return ren(q.object)

            ox.serialize((ox.Quad(ren(q.subject), q.predicate, obj(q), ren(q.graph_name)) for q in quads),
                         f, ox.RdfFormat.N_QUADS)
    return out, copies * len(quads)


def _rdflib_query_times(nq: Path, queries: dict[str, str], limit_s: int) -> dict[str, float | None]:
    """rdflib's in-memory store over the same data, in a child process (it may be slow)."""
    script = f"""
import json, signal, sys, time
from rdflib import Dataset
from kg.vocab import PREFIXES
ds = Dataset(default_union=True)
ds.parse({str(nq)!r}, format="nquads")
queries = json.loads(sys.stdin.read())
class Late(Exception): pass
def late(*_): raise Late()
signal.signal(signal.SIGALRM, late)
out = {{}}
for name, q in queries.items():
    signal.alarm({limit_s})
    t = time.perf_counter()
    try:
        list(ds.query(q, initNs=PREFIXES))
        out[name] = time.perf_counter() - t
    except Late:
        out[name] = None
    finally:
        signal.alarm(0)
print(json.dumps(out))
"""
    import json

    proc = subprocess.run([sys.executable, "-c", script], input=json.dumps(queries), capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(proc.stderr[-800:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _kg_query_time(path: Path, store: Path, params: dict | None, limit_s: int) -> float | None:
    """Seconds for kg.sparql.query (the `kg query` path) in a child process, or None when it ran
    over ``limit_s`` (a query inside the store cannot be interrupted from Python)."""
    import json

    script = f"""
import json, sys, time
from kg.sparql import query
from kg.store import GraphStore
gs = GraphStore({str(store)!r}, read_only=True)
params = json.loads(sys.argv[1]) or None
t = time.perf_counter()
query({str(path)!r}, store=gs, params=params)
print(time.perf_counter() - t)
"""
    try:
        proc = subprocess.run([sys.executable, "-c", script, json.dumps(params or {})], capture_output=True,
                              text=True, timeout=limit_s + 10)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode:
        raise RuntimeError(proc.stderr[-800:])
    return float(proc.stdout.strip().splitlines()[-1])


def _parameters(gs) -> dict[str, dict[str, str]]:
    """Realistic values for the queries that take parameters: the most mentioned entity's name,
    two documents' identifiers."""
    name = next(iter(gs.query(
        "SELECT ?name (COUNT(?m) AS ?n) WHERE { ?m itsrdf:taIdentRef ?e . ?e skos:prefLabel ?name } "
        "GROUP BY ?name ORDER BY DESC(?n) LIMIT 1")))["name"].value
    docs = [r["id"].value for r in gs.query(
        "SELECT ?id WHERE { ?d a kgo:Document ; dcterms:identifier ?id } ORDER BY ?id LIMIT 2")]
    old, new = (docs + docs)[:2]
    return {"entity-facts": {"name": name}, "entity-neighbourhood": {"name": name},
            "changes-between-documents": {"old": old, "new": new}}


def sparql(source_store: Path, work: Path, triples: int = 1_000_000, rdflib_limit_s: int = 120) -> list[Figure]:
    """Every query of queries/ through kg.sparql.query (the `kg query` path) over ≥ ``triples``
    triples in the embedded store, against rdflib's in-memory Dataset on the same data."""
    from .sparql import bind_params, read_query
    from .store import GraphStore

    nq, n = _big_nquads(source_store, triples, work)
    gs = GraphStore(work / "big-store")
    t = time.perf_counter()
    gs.oxigraph.bulk_load(path=str(nq), format=__import__("pyoxigraph").RdfFormat.N_QUADS)
    gs.flush()
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    gs.refresh_union()  # what every build does last: the union of the documents in the default graph
    gs.flush()
    union_s = time.perf_counter() - t
    params = _parameters(gs)
    figures = [Figure(f"embedded store: bulk load {n:,} triples", load_s, "s", note="parameters: " + "; ".join(
        f"{q}: {', '.join(f'{k}={v}' for k, v in p.items())}" for q, p in params.items())),
        Figure(f"  union of the graphs materialised ({gs.triple_count():,} triples)", union_s, "s")]
    paths = sorted(QUERIES_DIR.glob("*.rq"))
    bound = {p.stem: bind_params(read_query(p)[0], params.get(p.stem)) for p in paths}
    del gs
    ours = {p.stem: _kg_query_time(p, work / "big-store", params.get(p.stem), rdflib_limit_s) for p in paths}
    theirs = _rdflib_query_times(nq, bound, rdflib_limit_s)
    for name in ours:
        base = theirs.get(name)
        if ours[name] is None:
            figures.append(Figure(f"query {name}", float(rdflib_limit_s), "s", base if base is not None else float("nan"),
                                  "rdflib in-memory" if base is not None else "rdflib (stopped too)",
                                  target="< 1 s", ok=False, note=f"stopped after {rdflib_limit_s} s"))
            continue
        f = Figure(f"query {name}", ours[name], "s", base if base is not None else float("nan"),
                   "rdflib in-memory" if base is not None else f"rdflib (> {rdflib_limit_s} s, stopped)",
                   target="< 1 s", ok=ours[name] < 1.0)
        figures.append(f)
        if base:
            figures.append(Figure("  speed-up over rdflib", base / ours[name], "×"))
    return figures


def load_rate(files: list[Path], work: Path) -> list[Figure]:
    """Triples per second into a real Oxigraph server on loopback, through kg load, from the store
    a default `kg build` of the corpus leaves (views included: a build that reads its store back
    compacts it first, and kg load reads a compacted store about 1.5 times as fast as the
    throughput step's, which is never read back)."""
    import socket

    from .builder import build
    from .loader import load

    source_store = work / "load-src"
    build([_replicate(files, 1, work / "tp-corpus")], source_store, incremental=False)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    proc = subprocess.Popen([oxigraph, "serve", "--location", str(work / "server"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        endpoint = f"http://127.0.0.1:{port}/query"
        t = time.perf_counter()
        summary = load(source_store, endpoint, graph_store=f"http://127.0.0.1:{port}/store",
                       update_endpoint=f"http://127.0.0.1:{port}/update")
        secs = time.perf_counter() - t
        n = getattr(summary, "triples", None) or 0
        return [Figure("kg load into Oxigraph server", n / secs, "triples/s", target="≥ 100,000",
                       ok=n / secs >= 100_000)]
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def machine() -> str:
    return (f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


STEPS = ("throughput", "start-up", "parallel", "memory", "sparql", "load")


def run(corpus: list[Path] | None = None, *, quick: bool = False, only: list[str] | None = None,
        echo: Callable[[str], None] = print) -> list[Figure]:
    """Every figure of the performance targets; ``quick`` shrinks the sizes for a smoke run;
    ``only`` picks steps (of STEPS; sparql uses the throughput step's store)."""
    files = _texts(corpus or DEFAULT_CORPUS)
    if not files:
        raise SystemExit("kg bench: no .txt documents found; pass --corpus DIR")
    chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
    echo(machine())
    echo(f"corpus: {len(files)} documents, {chars:,} characters")
    wanted = set(only or STEPS)
    if "sparql" in wanted:
        wanted.add("throughput")
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = Path(tmp)
        steps = [
            ("throughput", lambda: throughput(files, work)),
            ("start-up", lambda: startup(3 if quick else 5)),
            ("parallel", lambda: parallel(files, work, 1 if quick else 4)),
            ("memory", lambda: memory(files, work, 2 if quick else 20)),
            ("sparql", lambda: sparql(work / "tp-out" / "store", work, 5_000 if quick else 1_000_000,
                                      5 if quick else 120)),
            ("load", lambda: load_rate(files, work)),
        ]
        for name, step in steps:
            if name not in wanted:
                continue
            echo(f"[{name}] ({_load()})")
            try:
                for f in step():
                    figures.append(f)
                    echo(f.line())
            except Exception as e:  # a failing step must not hide the others' figures
                echo(f"{name}: failed: {type(e).__name__}: {e}")
    return figures
