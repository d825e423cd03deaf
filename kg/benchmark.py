"""`kg bench`: the speed and memory figures, each next to a baseline measured in the same run.

Timings on a shared machine wobble, so nothing here asserts; it prints figures and
ratios (ours ÷ baseline) that stay meaningful when the whole machine is slower.
"""
from __future__ import annotations

import os
import platform
import resource
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

    def line(self) -> str:
        s = f"{self.name:<44} {self.value:>12,.2f} {self.unit}"
        if self.baseline is not None:
            s += f"   (baseline {self.baseline_name}: {self.baseline:,.2f})"
        if self.target:
            verdict = "" if self.ok is None else ("  ok" if self.ok else "  MISSED")
            s += f"   target {self.target}{verdict}"
        return s


def _texts(corpus: list[Path]) -> list[Path]:
    files = []
    for c in corpus:
        if c.is_file():
            files.append(c)
        elif c.is_dir():
            files.extend(sorted(p for p in c.rglob("*.txt") if p.name != "SOURCES.md"))
    return files


def _replicate(files: list[Path], times: int, into: Path) -> Path:
    """`times` copies of the corpus, each file under a new name (a new document)."""
    into.mkdir(parents=True, exist_ok=True)
    for k in range(times):
        for f in files:
            shutil.copyfile(f, into / f"{k:03d}-{f.name}")
    return into


def _child_peak_rss_mb(cmd: list[str]) -> tuple[float, float]:
    """Run a command; return (its peak resident memory in MB, seconds)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0,):
        raise RuntimeError(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()[-500:]}")
    return usage.ru_maxrss / 1024, time.perf_counter() - t


def _kg_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *args]


def throughput(files: list[Path], work: Path) -> list[Figure]:
    import jieba

    from .builder import build
    from .extract import extract  # noqa: F401  (warm the pipeline: start-up is measured apart)
    from .nlp import make_nlp

    make_nlp()
    jieba.initialize()
    texts = [f.read_text(encoding="utf-8") for f in files]
    chars = sum(len(t) for t in texts)
    t = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    jieba_cps = chars / (time.perf_counter() - t)

    corpus = _replicate(files, 1, work / "tp-corpus")
    t = time.perf_counter()
    build([corpus], work / "tp-out", views=False, incremental=False)
    ours = chars / (time.perf_counter() - t)
    ratio = ours / jieba_cps
    return [
        Figure("build throughput, 1 process", ours, "chars/s", jieba_cps, "jieba.lcut alone"),
        Figure("  ratio to jieba segmentation", ratio, "×", target="≥ 0.5", ok=ratio >= 0.5),
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
        Figure(f"peak RSS, {times}× corpus", rss20, "MB", rss1, "1× corpus"),
        Figure("  ratio", ratio, "×", target="≤ 1.2", ok=ratio <= 1.2),
    ]


def _big_nquads(source_store: Path, target_triples: int, into: Path) -> tuple[Path, int]:
    """Copies of a built graph with every minted IRI renamed per copy, up to target_triples."""
    import pyoxigraph as ox

    from .store import GraphStore

    gs = GraphStore(source_store, read_only=True)
    quads = list(gs.data_quads())
    copies = max(1, -(-target_triples // max(1, len(quads))))
    out = into / "big.nq"
    with open(out, "wb") as f:
        for k in range(copies):
            def ren(t):
                if isinstance(t, ox.NamedNode) and "/govkg/id/" in t.value:
                    return ox.NamedNode(t.value.replace("/govkg/id/", f"/govkg/id/c{k}/", 1))
                return t

            ox.serialize((ox.Quad(ren(q.subject), q.predicate, ren(q.object), ren(q.graph_name)) for q in quads),
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


def sparql(source_store: Path, work: Path, triples: int = 1_000_000, rdflib_limit_s: int = 120) -> list[Figure]:
    import pyoxigraph as ox

    from .vocab import PREFIXES

    nq, n = _big_nquads(source_store, triples, work)
    store = ox.Store(str(work / "big-store"))
    t = time.perf_counter()
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    load_s = time.perf_counter() - t
    queries = {p.stem: p.read_text(encoding="utf-8") for p in sorted(QUERIES_DIR.glob("*.rq"))}
    figures = [Figure(f"embedded store: load {n:,} triples", load_s, "s")]
    ours = {}
    for name, q in queries.items():
        t = time.perf_counter()
        res = store.query(q, use_default_graph_as_union=True, prefixes=PREFIXES)
        if not isinstance(res, (bool, ox.QueryBoolean)):
            for _ in res:
                pass
        ours[name] = time.perf_counter() - t
    theirs = _rdflib_query_times(nq, queries, rdflib_limit_s)
    for name in queries:
        base = theirs.get(name)
        f = Figure(f"query {name}", ours[name], "s", base if base is not None else float("nan"),
                   "rdflib in-memory" if base is not None else f"rdflib (> {rdflib_limit_s} s, stopped)",
                   target="< 1 s", ok=ours[name] < 1.0)
        figures.append(f)
        if base:
            figures.append(Figure("  speed-up over rdflib", base / ours[name], "×"))
    return figures


def load_rate(source_store: Path, work: Path) -> list[Figure]:
    """Triples per second into a real Oxigraph server on loopback, through kg load."""
    import socket

    from .loader import load

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


def run(corpus: list[Path] | None = None, *, quick: bool = False, echo: Callable[[str], None] = print) -> list[Figure]:
    """Every figure of the performance targets; ``quick`` shrinks the sizes for a smoke run."""
    files = _texts(corpus or DEFAULT_CORPUS)
    if not files:
        raise SystemExit("kg bench: no .txt documents found; pass --corpus DIR")
    chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
    echo(machine())
    echo(f"corpus: {len(files)} documents, {chars:,} characters")
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = Path(tmp)
        steps = [
            ("throughput", lambda: throughput(files, work)),
            ("start-up", lambda: startup(3 if quick else 5)),
            ("parallel", lambda: parallel(files, work, 1 if quick else 4)),
            ("memory", lambda: memory(files, work, 2 if quick else 20)),
            ("sparql", lambda: sparql(work / "tp-out" / "store", work, 50_000 if quick else 1_000_000,
                                      20 if quick else 120)),
            ("load", lambda: load_rate(work / "tp-out" / "store", work)),
        ]
        for name, step in steps:
            try:
                for f in step():
                    figures.append(f)
                    echo(f.line())
            except Exception as e:  # a failing step must not hide the others' figures
                echo(f"{name}: failed: {e}")
    return figures
