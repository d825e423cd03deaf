"""The HTML views: what they hold (computed from the store), that they open offline in a
real headless Chromium, that search and filters work, that hostile text runs nothing and
that a 2,000-node view settles within seconds.

Synthetic graphs go through the real pipeline code (kg.rdf.to_graph over hand-made
kg.model.Extraction objects, then GraphStore), only the entities are made up.
"""
from __future__ import annotations

import json
import random
import re
import time
from pathlib import Path

import pytest

from kg.model import Document, Entity, Extraction, Mention, Relation, Sentence
from kg.rdf import graph_iri, to_graph
from kg.store import GraphStore

from .conftest import REPORTS
from kg.vocab import DEFAULT_BASE, KGO, KIND_TO_CORE, PREDICATES

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">官渡区'
HOSTILE_ALIAS = "<script>window.__pwned=2</script>"
HOSTILE_TITLE = '</script><script>window.__pwned=3</script><b onmouseover="window.__pwned=4">报告</b>'


# ----------------------------------------------------------------------------- synthetic data


def extraction(doc_id: str, title: str, entities, relations, date: str = "2011-05-25") -> Extraction:
    """entities: [(name, kind, aliases)]; relations: [(subject name, relation kind, object name)].

    The text is made of one sentence per relation and one per name, so every mention has real
    offsets into the document and a sentence around it.
    """
    ents = {name: Entity(name=name, label=KIND_TO_CORE[kind], kind=kind, aliases=set(aliases))
            for name, kind, aliases in entities}
    parts: list[str] = []
    sentences: list[Sentence] = []
    length = 0

    def say(*pieces) -> tuple[int, int, int]:
        nonlocal length
        start, idx = length, len(sentences)
        for piece in (*pieces, "。"):
            if isinstance(piece, tuple):
                surface, owner = piece
                e = ents[owner]
                e.mentions.append(Mention(length, length + len(surface), surface, e.label, e.kind, idx, owner))
            else:
                surface = piece
            parts.append(surface)
            length += len(surface)
        sentences.append(Sentence(idx, start, length))
        return idx, start, length

    rels = []
    for s, kind, o in relations:
        idx, b, e = say("会上", (s, s), "与", (o, o), "相关")
        rels.append(Relation(ents[s].key, kind, ents[o].key, idx, b, e))
    for name, _, aliases in entities:
        say("文件提到", (name, name))
        for a in aliases:
            say("简称", (a, name))
    doc = Document(id=doc_id, text="".join(parts), title=title, date=date)
    return Extraction(doc, sentences, list(ents.values()), rels)


def make_store(path: Path, extractions) -> GraphStore:
    store = GraphStore(path)
    for ex in extractions:
        store.replace_graph(graph_iri(DEFAULT_BASE, ex.document.id), to_graph(ex))
    store.flush()
    return store


KINDS = ["PartyCommittee", "GovernmentBody", "AdministrativeRegion", "Zone", "InfrastructureProject", "Plan",
         "Person", "Position", "Meeting", "Campaign"]
RELATION_OF = {"Organization": "responsibleFor", "Place": "partOf", "Project": "implements", "Strategy": "issuedBy",
               "Person": "holds", "Position": "postIn", "Event": "proposed"}


def random_extractions(n: int, m: int, seed: int = 1, docs: int = 4) -> list[Extraction]:
    """n entities of every core class and m relations (a few hubs, a tail of leaves), over docs documents."""
    rnd = random.Random(seed)
    names = [f"实体{i:05d}{'委府区港路划人职会动'[i % 10]}" for i in range(n)]
    entities = [(names[i], KINDS[i % len(KINDS)], [f"别名{i}"] if i % 7 == 0 else []) for i in range(n)]
    rels: set[tuple[str, str, str]] = set()
    while len(rels) < m:
        a = rnd.randrange(1, n)
        b = rnd.randrange(n) if rnd.random() < 0.5 else rnd.randrange(max(1, a // 8))
        if a != b:
            kind = "coOccursWith" if rnd.random() < 0.1 else RELATION_OF[KIND_TO_CORE[entities[a][1]]]
            rels.add((names[a], kind, names[b]))
    per = -(-n // docs)
    out = []
    for d in range(docs):
        chunk = entities[d * per:(d + 1) * per]
        inside = {e[0] for e in chunk}
        rs = sorted(r for r in rels if r[0] in inside)
        extra = {r[2] for r in rs} - inside
        out.append(extraction(f"doc{d}", f"第{d}号文件", chunk + [e for e in entities if e[0] in extra], rs,
                              date=f"201{d}-01-01"))
    return out


def hostile_extractions() -> list[Extraction]:
    ents = [
        (HOSTILE_NAME, "AdministrativeRegion", [HOSTILE_ALIAS]),
        ("中共官渡区委", "PartyCommittee", ["区委"]),
        ("区委书记", "Position", []),
        ("张三", "Person", []),
        ("桥头堡战略", "Strategy", ['"><svg onload=window.__pwned=5>']),
    ]
    rels = [("中共官渡区委", "jurisdiction", HOSTILE_NAME), ("张三", "holds", "区委书记"),
            ("区委书记", "postIn", "中共官渡区委"), ("中共官渡区委", "responsibleFor", "桥头堡战略")]
    return [extraction("hostile<doc>", HOSTILE_TITLE, ents, rels)]


# ----------------------------------------------------------------------------- expectations from the store


CORES = " ".join(f"<{KGO[c]}>" for c in ("Organization", "Place", "Project", "Strategy", "Person", "Position", "Event"))
PREDS = " ".join(f"<{p}>" for p in PREDICATES.values())


def expected_counts(store: GraphStore) -> tuple[int, int]:
    """Entities (typed with a core class) and edges (distinct ordered pairs of related entities)."""
    n = store.query(f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?c {{ {CORES} }} ?e a ?c }}")
    e = store.query(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{ VALUES ?p {{ {PREDS} }} ?s ?p ?o . "
        f"VALUES ?c1 {{ {CORES} }} VALUES ?c2 {{ {CORES} }} ?s a ?c1 . ?o a ?c2 FILTER(?s != ?o) }} }}"
    )
    return int(next(iter(n))["n"].value), int(next(iter(e))["n"].value)


def entity_with_alias(store: GraphStore) -> tuple[str, str, str]:
    """(IRI, label, one alias) of an entity that has an alias."""
    row = next(iter(store.query(
        "SELECT ?e ?l ?a WHERE { ?e rdfs:label ?l ; skos:altLabel ?a } ORDER BY DESC(STRLEN(?a)) ?e ?a LIMIT 1")))
    return row["e"].value, row["l"].value, row["a"].value


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile")
    store = make_store(out / "store", hostile_extractions())
    return store, out


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    out = tmp_path_factory.mktemp("big")
    store = make_store(out / "store", random_extractions(2000, 2600))
    return store, out


@pytest.fixture(scope="module")
def sample(sample_build):
    """The sample speech built by the real pipeline (kg build), its store opened read-only."""
    return GraphStore(sample_build.out_dir / "store", read_only=True), sample_build.out_dir


# ----------------------------------------------------------------------------- without a browser


def test_overview_holds_every_entity_and_relation(hostile, tmp_path):
    from kg.views import view_counts, write_overview

    store, _ = hostile
    files = write_overview(store, tmp_path)
    assert set(files) == {"overview", "index"}
    meta = view_counts(files["overview"])
    assert (meta["nodes"], meta["edges"]) == expected_counts(store)
    assert "graph.html" in files["index"].read_text(encoding="utf-8")


def test_panel_lists_the_first_documents_and_sentences_and_counts_the_rest(tmp_path, monkeypatch):
    """Three reports that all name 习近平: with room for one document and two sentences, the
    panel keeps the earliest and says how many more documents and mentions there are; the counts
    are those of the store."""
    from kg import views as V
    from kg.builder import build

    corpus = tmp_path / "c"
    corpus.mkdir()
    for name in ("2025-hebei-province.txt", "2026-hebei-province.txt", "2026-hubei-province.txt"):
        (corpus / name).write_bytes((REPORTS / name).read_bytes())
    build([corpus], tmp_path / "out", views=False)
    store = GraphStore(tmp_path / "out" / "store", read_only=True)
    monkeypatch.setattr(V, "DOCS_PER_ENTITY", 1)
    monkeypatch.setattr(V, "SENTENCES_PER_ENTITY", 2)
    g = V._Graph(store)
    node = next(n for n in g.nodes.values() if n.label == "习近平")
    mentions = int(next(iter(store.query(
        f"SELECT (COUNT(?m) AS ?n) WHERE {{ ?m itsrdf:taIdentRef <{node.iri}> }}")))["n"].value)
    assert node.mentions == mentions > 3
    assert node.doc_count == 3 and len(node.docs) == 1
    assert len(node.sentences) == 2
    assert node.more_mentions == mentions - sum(len(marks) for _, _, marks in node.sentences) > 0
    named_in = [r["d"].value for r in store.query(f"SELECT ?d WHERE {{ <{node.iri}> kgo:mentionedIn ?d }}")]
    assert node.docs == [min(named_in, key=lambda d: (g.docs[d]["date"], d))]
    info = V._page_data(V._overview(g, 3000), g.docs)[0]["info"]
    entry = next(i for i in info if i["iri"] == node.iri)
    assert entry["moreDocs"] == 2 and entry["moreMentions"] == node.more_mentions


def test_pages_fetch_nothing_and_escape_everything(hostile, tmp_path):
    from kg.views import viz

    store, _ = hostile
    page = viz(store, tmp_path, focus="区委", depth=2).read_text(encoding="utf-8")
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    for html in (page, index):
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.I), "links outside the file"
        assert "<img src=x" not in html and "<svg onload" not in html and "window.__pwned=2</script>" not in html
    # exactly our own three script elements, and the data block cannot be closed from inside
    assert page.count("</script>") == 3
    data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data and ">" not in data
    parsed = json.loads(data)
    assert HOSTILE_NAME in [n["label"] for n in parsed["nodes"]]
    assert HOSTILE_TITLE in [d["title"] for d in parsed["docs"]]


def test_focus_by_alias_reaches_depth(big, tmp_path):
    from kg.views import _Graph, view_counts, viz

    store, _ = big
    iri, label, alias = entity_with_alias(store)
    g = _Graph(store)
    near = {iri}
    for _ in range(2):
        near |= {e.target for e in g.edges if e.source in near} | {e.source for e in g.edges if e.target in near}
    path = viz(store, tmp_path, focus=alias, depth=2)
    assert label in path.name or path.name.startswith("focus-")
    assert view_counts(path)["nodes"] == len(near)
    assert path.name in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_types_and_query_views(big, tmp_path):
    from kg.views import view_counts, viz

    store, _ = big
    orgs = int(next(iter(store.query("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kgo:Organization }")))["n"].value)
    assert view_counts(viz(store, tmp_path, types="机构"))["nodes"] == orgs
    assert view_counts(viz(store, tmp_path, types=["Organization", "Plan"]))["nodes"] > orgs

    rq = tmp_path / "holds.rq"
    rq.write_text("CONSTRUCT { ?p org:holds ?post . ?p rdfs:label ?l } WHERE { ?p org:holds ?post ; rdfs:label ?l }")
    holds = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?o WHERE { ?s org:holds ?o } }")))["n"].value)
    meta = view_counts(viz(store, tmp_path, query=rq))
    assert meta["edges"] == holds and meta["kind"] == "query"
    sel = tmp_path / "edges.rq"
    sel.write_text("SELECT ?s ?p ?o WHERE { VALUES ?p { kgo:issuedBy kgo:implements } ?s ?p ?o }")
    n = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?o WHERE { VALUES ?p { kgo:issuedBy kgo:implements } ?s ?p ?o } }")))["n"].value)
    assert view_counts(viz(store, tmp_path, query=sel))["edges"] == n
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "query-holds.html" in index and "query-edges.html" in index and "types-Organization.html" in index


def test_cap_says_what_it_left_out(big, tmp_path):
    from kg.views import view_counts, viz

    store, _ = big
    path = viz(store, tmp_path, max_nodes=150)
    meta = view_counts(path)
    assert meta["nodes"] == 150 and meta["omitted"] == expected_counts(store)[0] - 150
    assert "省略了度数最低" in path.read_text(encoding="utf-8")


def test_errors_a_user_can_act_on(hostile, tmp_path):
    from click.testing import CliRunner

    from kg.cli import main
    from kg.views import ViewError, viz

    store, out = hostile
    with pytest.raises(ViewError, match="no entity is named"):
        viz(store, tmp_path, focus="没有这个")
    with pytest.raises(ViewError, match="unknown type"):
        viz(store, tmp_path, types="Foo")
    res = CliRunner().invoke(main, ["viz", "--store", str(out), "-o", str(tmp_path), "--focus", "张三", "--depth", "2"])
    assert res.exit_code == 0, res.output
    assert "focus-张三-2.html" in res.output and (tmp_path / "focus-张三-2.html").exists()
    res = CliRunner().invoke(main, ["viz", "--store", str(out), "-o", str(tmp_path), "--focus", "没有这个"])
    assert res.exit_code == 1 and "no entity is named" in res.output


# ----------------------------------------------------------------------------- in headless Chromium


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, args=CHROMIUM_ARGS,
            headless=True, viewport={"width": 1400, "height": 900})
        attempted: list[str] = []

        def route(r):
            if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
                r.continue_()
            else:
                attempted.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        context.attempted = attempted
        yield context
        context.close()


class Opened:
    def __init__(self, page, errors, dialogs, seconds):
        self.page, self.errors, self.dialogs, self.seconds = page, errors, dialogs, seconds

    def js(self, expr, arg=None):
        return self.page.evaluate(expr, arg)


def open_view(browser, path: Path, screenshot: Path | None = None) -> Opened:
    page = browser.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "blob:", "about:")) else browser.attempted.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    started = time.perf_counter()
    page.goto(path.resolve().as_uri())
    # a selector, not wait_for_function: the page's Content-Security-Policy forbids eval
    page.wait_for_selector("body[data-settled='1']", state="attached", timeout=30_000)
    seconds = time.perf_counter() - started
    if screenshot:
        page.screenshot(path=str(screenshot))
    return Opened(page, errors, dialogs, seconds)


def search_and_check(o: Opened, query: str, expected_iri: str) -> None:
    """Type into the search box, press Enter: the node is selected, in the panel and centred."""
    o.page.fill("#search-input", query)
    o.page.press("#search-input", "Enter")
    o.page.wait_for_timeout(700)  # the focus animation is 400 ms
    got = o.js("""() => { const v = kgView, id = v.selected, net = v.network;
        const p = net.canvasToDOM(net.getPositions([id])[id]);
        const box = document.getElementById('network').getBoundingClientRect();
        return {iri: v.data.info[id].iri, sel: net.getSelectedNodes(), dx: p.x - box.width / 2, dy: p.y - box.height / 2,
                panel: document.getElementById('panel').textContent, id}; }""")
    assert got["iri"] == expected_iri
    assert got["sel"] == [got["id"]]
    assert abs(got["dx"]) < 10 and abs(got["dy"]) < 10, got
    return got


def assert_clean(o: Opened, browser) -> None:
    assert o.errors == [], o.errors
    assert o.dialogs == [], o.dialogs
    assert browser.attempted == [], f"network requests attempted: {browser.attempted}"


@pytest.mark.browser
def test_sample_overview_in_chromium(browser, sample, tmp_path):
    store, out = sample
    o = open_view(browser, out / "graph.html", tmp_path / "overview.png")
    nodes, edges = expected_counts(store)
    assert o.js("[kgView.nodes.length, kgView.edges.length]") == [nodes, edges]
    iri, label, alias = entity_with_alias(store)
    got = search_and_check(o, alias, iri)
    assert label in got["panel"] and alias in got["panel"]
    assert o.js("document.querySelectorAll('#panel mark').length") >= 1  # the mention marked in its sentence
    # the type filter hides a type, the legend says so, and brings it back
    legend = o.js("kgView.data.types.filter(t => t.count).map(t => [t.core, t.count])")
    core, count = legend[0]
    o.page.click(f'#legend li[data-type="{core}"]')
    assert o.js("kgView.network.body.data.nodes.length") == nodes - count
    o.page.click(f'#legend li[data-type="{core}"]')
    assert o.js("kgView.network.body.data.nodes.length") == nodes
    # physics toggle: runs, then stops by itself
    o.page.check("#physics")
    assert o.js("kgView.network.physics.options.enabled") is True
    o.page.wait_for_selector("#physics:not(:checked)", state="attached", timeout=25_000)
    o.page.screenshot(path=str(tmp_path / "overview-after.png"))
    index = browser.new_page()
    index.goto((out / "index.html").resolve().as_uri())
    assert index.locator("a[href='graph.html']").count() == 1
    index.screenshot(path=str(tmp_path / "index.png"))
    assert_clean(o, browser)
    print(f"sample overview: {nodes} nodes, {edges} edges, settled in {o.seconds:.2f} s")


@pytest.mark.browser
def test_hostile_text_runs_nothing(browser, hostile, tmp_path):
    from kg.views import viz, write_overview

    store, _ = hostile
    files = write_overview(store, tmp_path)
    focus = viz(store, tmp_path, focus=HOSTILE_ALIAS, depth=1)
    for path in (files["overview"], focus):
        o = open_view(browser, path, tmp_path / f"{path.stem}.png")
        if path == files["overview"]:
            assert o.js("[kgView.nodes.length, kgView.edges.length]") == list(expected_counts(store))
        iri = next(iter(store.query("SELECT ?e WHERE { ?e skos:altLabel ?a FILTER(CONTAINS(STR(?a), 'script')) }")))["e"].value
        got = search_and_check(o, HOSTILE_ALIAS, iri)
        assert HOSTILE_NAME in got["panel"] and HOSTILE_ALIAS in got["panel"] and HOSTILE_TITLE in got["panel"]
        # hover the node: vis-network's tooltip shows the text, builds no element from it
        pos = o.js("(() => { const n = kgView.network, id = kgView.selected; return n.canvasToDOM(n.getPositions([id])[id]); })()")
        box = o.page.locator("#network").bounding_box()
        o.page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
        o.page.wait_for_timeout(600)
        o.page.screenshot(path=str(tmp_path / f"{path.stem}-hover.png"))
        assert o.js("document.querySelectorAll('#panel img, #panel script, #panel svg, .vis-tooltip img, .vis-tooltip b').length") == 0
        assert o.js("document.title") == o.js("kgView.data.title")
        assert o.js("typeof window.__pwned") == "undefined"
        assert_clean(o, browser)
    index = browser.new_page()
    index.on("dialog", lambda d: pytest.fail(f"dialog: {d.message}"))
    index.goto((tmp_path / "index.html").resolve().as_uri())
    assert index.evaluate("typeof window.__pwned") == "undefined"
    assert index.locator("a").count() >= 2


@pytest.mark.browser
def test_2000_nodes_settle_within_seconds(browser, big, tmp_path):
    from kg.views import viz, write_overview

    store, _ = big
    t = time.perf_counter()
    path = write_overview(store, tmp_path)["overview"]
    written = time.perf_counter() - t
    o = open_view(browser, path, tmp_path / "big.png")
    nodes, edges = expected_counts(store)
    assert nodes == 2000
    assert o.js("[kgView.nodes.length, kgView.edges.length]") == [nodes, edges]
    # still: positions do not move once settled
    before = o.js("JSON.stringify(kgView.network.getPositions([0, 1, 2, 1999]))")
    o.page.wait_for_timeout(500)
    assert o.js("JSON.stringify(kgView.network.getPositions([0, 1, 2, 1999]))") == before
    # responsive: a search answers at once
    iri, _, alias = entity_with_alias(store)
    t = time.perf_counter()
    search_and_check(o, alias, iri)
    respond = time.perf_counter() - t - 0.7
    print(f"\n2,000-node view: written in {written:.2f} s, opened and settled in {o.seconds:.2f} s "
          f"(in-page {o.js('kgView.settleMs') / 1000:.2f} s), search answered in {respond:.2f} s")
    assert o.seconds < 10
    assert_clean(o, browser)

    # beyond the cap the page says what it left out
    capped = viz(store, tmp_path, max_nodes=500, output=tmp_path / "capped.html")
    c = open_view(browser, capped, tmp_path / "capped.png")
    assert c.js("kgView.nodes.length") == 500
    assert "省略了度数最低" in c.js("document.getElementById('notice').textContent")
    assert_clean(c, browser)
