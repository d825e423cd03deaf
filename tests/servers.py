"""Real triplestore servers for tests, and a small hand-made graph to load into them.

Import the fixtures into a test module (``from servers import oxigraph_server, virtuoso_server``)
or call :func:`start_oxigraph` / :func:`start_virtuoso` directly. Each server runs on a free
loopback port in a temporary folder, is waited for with a bounded timeout, and is always
stopped. A missing binary skips the test with the reason, except under CI (``CI`` set),
where it fails: .ci/run installs both.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _missing(what: str, how: str):
    msg = f"{what} is not installed ({how})"
    if os.environ.get("CI"):
        pytest.fail(msg + "; CI is set, so this is a failure, not a skip")
    pytest.skip(msg)


def _http_ok(url: str) -> bool:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError):
        return False


@dataclass
class Server:
    """A running server: URLs for the SPARQL protocols, start/stop for failure tests."""

    name: str
    cmd: list[str]
    folder: Path
    port: int
    query_url: str
    update_url: str
    graph_store_url: str
    ready_url: str
    env: dict = field(default_factory=dict)  # credentials the tests set for it
    proc: subprocess.Popen | None = None

    def start(self, timeout: float = START_TIMEOUT) -> "Server":
        log = open(self.folder / f"{self.name}.log", "ab")
        self.proc = subprocess.Popen(self.cmd, cwd=self.folder, stdout=log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}:\n{self.log_tail()}")
            if _http_ok(self.ready_url):
                return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.name} not ready after {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        p, self.proc = self.proc, None
        if p is None or p.poll() is not None:
            return
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(timeout=10)

    def log_tail(self, n: int = 30) -> str:
        try:
            return "\n".join((self.folder / f"{self.name}.log").read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""


def oxigraph_binary() -> str | None:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else shutil.which("oxigraph")


def start_oxigraph(folder: Path) -> Server:
    """`oxigraph serve` with the union of the named graphs as default graph (like the embedded store)."""
    exe = oxigraph_binary()
    if exe is None:
        _missing("the oxigraph server", "pip install oxigraph")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    (folder / "data").mkdir(parents=True, exist_ok=True)
    srv = Server("oxigraph", [exe, "serve", "--location", str(folder / "data"), "--bind", f"127.0.0.1:{port}",
                              "--union-default-graph"], folder, port,
                 query_url=f"{base}/query", update_url=f"{base}/update", graph_store_url=f"{base}/store",
                 ready_url=f"{base}/query?query=ASK%7B%7D")
    return srv.start()


def virtuoso_config(folder: Path, sql_port: int, http_port: int) -> Path:
    """The Debian virtuoso.ini with database files and ports moved into ``folder``."""
    d = str(folder)
    overrides = {
        ("Database", "DatabaseFile"): f"{d}/virtuoso.db",
        ("Database", "ErrorLogFile"): f"{d}/virtuoso.log",
        ("Database", "LockFile"): f"{d}/virtuoso.lck",
        ("Database", "TransactionFile"): f"{d}/virtuoso.trx",
        ("Database", "xa_persistent_file"): f"{d}/virtuoso.pxa",
        ("TempDatabase", "DatabaseFile"): f"{d}/virtuoso-temp.db",
        ("TempDatabase", "TransactionFile"): f"{d}/virtuoso-temp.trx",
        ("Parameters", "ServerPort"): f"127.0.0.1:{sql_port}",
        ("Parameters", "DirsAllowed"): f"., {d}, /usr/share/virtuoso-opensource-7/vad",
        ("Parameters", "NumberOfBuffers"): "10000",
        ("HTTPServer", "ServerPort"): f"127.0.0.1:{http_port}",
        ("URIQA", "DefaultHost"): f"localhost:{http_port}",
    }
    section, out = None, []
    for line in VIRTUOSO_INI.read_text().splitlines():
        m = re.match(r"\s*\[(.+)\]", line)
        if m:
            section = m.group(1)
        m = re.match(r"\s*([A-Za-z_0-9]+)\s*=", line)
        if m and (section, m.group(1)) in overrides:
            line = f"{m.group(1)} = {overrides[(section, m.group(1))]}"
        out.append(line)
    ini = folder / "virtuoso.ini"
    ini.write_text("\n".join(out) + "\n")
    return ini


def start_virtuoso(folder: Path) -> Server:
    """Virtuoso Open Source 7: SPARQL at /sparql, Graph Store Protocol at /sparql-graph-crud-auth
    (digest auth, dba/dba), SPARQL Update at /sparql-auth (digest auth)."""
    exe = shutil.which("virtuoso-t")
    if exe is None or not VIRTUOSO_INI.exists():
        _missing("Virtuoso (virtuoso-t)", "apt-get install -y virtuoso-opensource-7")
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = virtuoso_config(folder, sql_port, http_port)
    base = f"http://127.0.0.1:{http_port}"
    srv = Server("virtuoso", [exe, "+configfile", str(ini), "+foreground"], folder, http_port,
                 query_url=f"{base}/sparql", update_url=f"{base}/sparql-auth",
                 graph_store_url=f"{base}/sparql-graph-crud-auth",
                 ready_url=f"{base}/sparql?query=ASK%7B%7D",
                 env={"KG_ENDPOINT_USER": "dba", "KG_ENDPOINT_PASSWORD": "dba"})
    return srv.start(timeout=60)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    srv = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    srv = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    try:
        yield srv
    finally:
        srv.stop()


# ------------------------------------------------------------------------------------------------
# A small graph of two documents, made by hand through kg.rdf.to_graph (no extractor needed)

DOC_A = ("guandu-2011-05-25", "2011-05-25", "真抓实干 克难攻坚 奋力开创科学发展跨越腾飞新局面", [
    "中共官渡区委书记、昆明空港经济区党工委书记保建彬就全区各级各部门围绕会议主题完成各项工作提出明确要求。",
    "区委工作会议提出，要以桥头堡建设为统领，加快推进两年突破工程。",
    "官渡区政府负责云秀医院和宝象书院建设，两个项目服务于桥头堡建设。",
    "官渡区地处昆明市主城东南，昆明市是云南省省会。",
    "区委政法委是中共官渡区委的工作部门，区委要求政法委维护社会稳定。",
])
DOC_B = ("guandu-2012-report", "2012-02-10", "2012年官渡区政府工作报告", [
    "官渡区人民政府区长张三作政府工作报告。",
    "十二五规划提出，官渡区政府负责空港综合服务中心建设。",
    "空港综合服务中心是落实十二五规划的重点项目。",
    "官渡区地处昆明市主城东南。",
])

# (name, core class, finest class, aliases) ; mentions are found in the text by name and alias
ENTITIES = [
    ("中共官渡区委", "Organization", "PartyCommittee", ["区委"]),
    ("昆明空港经济区党工委", "Organization", "PartyCommittee", []),
    ("区委政法委", "Organization", "Department", ["政法委"]),
    ("官渡区政府", "Organization", "GovernmentBody", ["官渡区人民政府"]),
    ("官渡区", "Place", "AdministrativeRegion", []),
    ("昆明市", "Place", "AdministrativeRegion", []),
    ("云南省", "Place", "AdministrativeRegion", []),
    ("保建彬", "Person", "Person", []),
    ("张三", "Person", "Person", []),
    ("中共官渡区委书记", "Position", "Position", []),
    ("昆明空港经济区党工委书记", "Position", "Position", []),
    ("官渡区区长", "Position", "Position", ["区长"]),
    ("区委工作会议", "Event", "Meeting", []),
    ("桥头堡建设", "Strategy", "Campaign", []),
    ("十二五规划", "Strategy", "Plan", []),
    ("两年突破工程", "Project", "Project", []),
    ("云秀医院", "Project", "Facility", []),
    ("宝象书院", "Project", "Facility", []),
    ("空港综合服务中心", "Project", "Facility", []),
]

# (subject, predicate, object, sentence index) per document
RELATIONS = {
    DOC_A[0]: [
        ("保建彬", "holds", "中共官渡区委书记", 0),
        ("中共官渡区委书记", "postIn", "中共官渡区委", 0),
        ("保建彬", "holds", "昆明空港经济区党工委书记", 0),
        ("昆明空港经济区党工委书记", "postIn", "昆明空港经济区党工委", 0),
        ("区委工作会议", "proposed", "桥头堡建设", 1),
        ("区委工作会议", "organizedBy", "中共官渡区委", 1),
        ("两年突破工程", "implements", "桥头堡建设", 1),
        ("官渡区政府", "responsibleFor", "云秀医院", 2),
        ("官渡区政府", "responsibleFor", "宝象书院", 2),
        ("云秀医院", "implements", "桥头堡建设", 2),
        ("宝象书院", "implements", "桥头堡建设", 2),
        ("官渡区", "partOf", "昆明市", 3),
        ("昆明市", "partOf", "云南省", 3),
        ("区委政法委", "subOrganizationOf", "中共官渡区委", 4),
        ("中共官渡区委", "coOccursWith", "区委政法委", 4),
    ],
    DOC_B[0]: [
        ("张三", "holds", "官渡区区长", 0),
        ("官渡区区长", "postIn", "官渡区政府", 0),
        ("官渡区政府", "responsibleFor", "空港综合服务中心", 1),
        ("空港综合服务中心", "implements", "十二五规划", 2),
        ("官渡区", "partOf", "昆明市", 3),
    ],
}


def extraction(doc_spec):
    """A kg.model.Extraction for one hand-made document: mentions wherever a name or alias occurs
    (longest match first, no overlaps)."""
    from kg.model import Document, Entity, Extraction, Mention, Relation, Sentence

    doc_id, date, title, sentences = doc_spec
    text, sents = "", []
    for i, s in enumerate(sentences):
        sents.append(Sentence(i, len(text), len(text) + len(s)))
        text += s
    doc = Document(id=doc_id, text=text, title=title, date=date)
    surface = sorted(((form, e) for e in ENTITIES for form in [e[0], *e[3]]), key=lambda x: -len(x[0]))
    taken = [False] * len(text)
    found: dict[str, Entity] = {}
    for form, (name, label, kind, _aliases) in surface:
        for m in re.finditer(re.escape(form), text):
            if any(taken[m.start():m.end()]):
                continue
            taken[m.start():m.end()] = [True] * (m.end() - m.start())
            sent = next(s.index for s in sents if s.start <= m.start() < s.end)
            ent = found.setdefault(name, Entity(name=name, label=label, kind=kind))
            if form != name:
                ent.aliases.add(form)
            ent.mentions.append(Mention(m.start(), m.end(), form, label, kind, sent, name))
    key = {e.name: e.key for e in found.values()}
    rels = []
    for s, p, o, i in RELATIONS[doc_id]:
        if s in key and o in key:
            rels.append(Relation(key[s], p, key[o], i, sents[i].start, sents[i].end))
    return Extraction(doc, sents, list(found.values()), rels)


def build_test_store(path: Path):
    """The two hand-made documents in an embedded store at ``path`` (returns the GraphStore)."""
    from kg.rdf import graph_iri, to_graph
    from kg.store import GraphStore
    from kg.vocab import DEFAULT_BASE

    store = GraphStore(path)
    for spec in (DOC_A, DOC_B):
        ex = extraction(spec)
        store.replace_graph(graph_iri(DEFAULT_BASE, ex.document.id), to_graph(ex, DEFAULT_BASE))
    store.flush()
    return store


@pytest.fixture(scope="session")
def test_store_dir(tmp_path_factory) -> Path:
    """An output folder whose store/ holds the two hand-made documents (closed again, read-only use)."""
    out = tmp_path_factory.mktemp("kg-out")
    store = build_test_store(out / "store")
    del store
    return out
