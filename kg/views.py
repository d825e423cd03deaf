"""Interactive HTML views of the graph: the overview, an entity's neighbourhood, chosen
types and the result of any SPARQL query, each one self-contained HTML file.

This is the only module that knows about pyvis and vis-network. pyvis holds the network
(nodes and edges) and ships the vis-network script; the page itself comes from our own
Jinja2 templates in kg/templates/ (autoescaped), because pyvis's template links CDNs and
does not escape. Replacing pyvis or vis-network touches this module and the templates only.

What the page is built to survive:

* Offline: vis-network's script and style, and ours, are inlined into every file.
* Untrusted text: labels, aliases, titles and sentences travel as JSON inside a
  ``<script type="application/json">`` block with ``<``, ``>`` and ``&`` written as
  ``\\u003c`` etc., and the page builds its DOM with textContent, never innerHTML.
* Size: positions are computed here (a force layout in numpy), straight edges, physics
  off for large views; a view holds at most ``max_nodes`` entities and says which it left out.
"""
from __future__ import annotations

import bisect
import html
import json
import math
import re
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pyoxigraph as ox

from .atomic import atomic_write
from .model import CORE_CLASSES
from .store import GraphStore
from .vocab import KGO, PREDICATES

#: Views hold at most this many entities unless told otherwise (2,000-5,000 stay fluid).
DEFAULT_MAX_NODES = 3000
#: Views up to this size let vis-network's physics polish the computed layout, then stop.
PHYSICS_MAX_NODES = 400
#: Source sentences kept per entity in the page (the side panel says how many more).
SENTENCES_PER_ENTITY = 5
#: documents listed in an entity's panel (the panel says how many more)
DOCS_PER_ENTITY = 20

OVERVIEW_FILE = "graph.html"
INDEX_FILE = "index.html"

_KGO = str(KGO._NS)
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_LABEL_PREDICATES = {
    _RDFS_LABEL,
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://purl.org/dc/terms/title",
}
_CO_OCCUR = str(KGO.coOccursWith)

#: Colour and vis-network shape of each core class (colour-blind safe Tableau 10).
STYLE = {
    "Organization": ("#4E79A7", "dot"),
    "Place": ("#59A14F", "square"),
    "Project": ("#F28E2B", "diamond"),
    "Strategy": ("#E15759", "triangle"),
    "Person": ("#B07AA1", "star"),
    "Position": ("#5FA8A3", "triangleDown"),
    "Event": ("#D4A72C", "hexagon"),
    "Other": ("#9C9C9C", "dot"),
}
_OTHER_LABEL = "其他"

_TEMPLATES = Path(__file__).parent / "templates"
_ONTOLOGY = Path(__file__).parent.parent / "ontology"


class ViewError(Exception):
    """A view cannot be made as asked (unknown name or type, bad query); the message says why."""


# ----------------------------------------------------------------------------- the data


@dataclass
class Node:
    iri: str
    label: str
    core: str = "Other"  # one of CORE_CLASSES or "Other"
    kind: str = ""  # finest class local name
    aliases: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)  # document IRIs
    mentions: int = 0
    # (document IRI, sentence text, [(start, end) of each mention in the sentence])
    sentences: list[tuple[str, str, list[tuple[int, int]]]] = field(default_factory=list)
    doc_count: int = 0
    properties: list[tuple[str, str]] = field(default_factory=list)  # query views: literal values

    @property
    def more_mentions(self) -> int:
        """Mentions not marked in the sentences shown."""
        return max(0, self.mentions - sum(len(marks) for _, _, marks in self.sentences))


@dataclass
class Edge:
    source: str
    target: str
    predicates: list[str]  # predicate IRIs, one edge per ordered pair


@dataclass
class View:
    """What one HTML file shows; built from the store, then laid out and rendered."""

    title: str
    kind: str  # overview | focus | types | query
    nodes: dict[str, Node]
    edges: list[Edge]
    focus: list[str] = field(default_factory=list)
    omitted: dict | None = None
    subtitle: str = ""


def _v(term) -> str | None:
    return None if term is None else term.value


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{ox.NamedNode(i).value}>" for i in iris)


@lru_cache(maxsize=1)
def ontology_labels() -> dict[str, str]:
    """rdfs:label @zh of every class and predicate in ontology/*.ttl, by IRI."""
    labels: dict[str, str] = {}
    store = ox.Store()
    for ttl in sorted(_ONTOLOGY.glob("*.ttl")):
        store.load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    for row in store.query(
        "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(LANGMATCHES(LANG(?l), 'zh')) }"
    ):
        labels[row["s"].value] = row["l"].value
    return labels


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri


def _class_label(local: str) -> str:
    if local == "Other":
        return _OTHER_LABEL
    return ontology_labels().get(_KGO + local, local)


def predicate_label(iri: str) -> str:
    return ontology_labels().get(iri, _local(iri))


class _Graph:
    """Everything the views need, read from the store in a few queries."""

    def __init__(self, store: GraphStore):
        self.store = store
        self.nodes: dict[str, Node] = {}
        self.docs: dict[str, dict] = {}
        self._load_entities()
        self.edges = self._load_edges()

    def q(self, sparql: str):
        return self.store.query(sparql)

    def _load_entities(self) -> None:
        cores = _values(str(KGO[c]) for c in CORE_CLASSES)
        nodes = self.nodes
        for row in self.q(f"SELECT DISTINCT ?e ?c WHERE {{ VALUES ?c {{ {cores} }} ?e a ?c FILTER(isIRI(?e)) }}"):
            iri = row["e"].value
            core = _local(row["c"].value)
            node = nodes.get(iri)
            if node is None:
                nodes[iri] = Node(iri=iri, label="", core=core, kind=core)
            elif CORE_CLASSES.index(core) < CORE_CLASSES.index(node.core):
                node.core = node.kind = core
        if not nodes:
            return
        # finer classes of the entities only (joined to their core class: a scan of every rdf:type
        # would read each mention's and sentence's too)
        for row in self.q(f"SELECT DISTINCT ?e ?k WHERE {{ VALUES ?c {{ {cores} }} ?e a ?c . ?e a ?k "
                          f"FILTER(STRSTARTS(STR(?k), \"{_KGO}\")) }}"):
            node = nodes.get(row["e"].value)
            k = _local(row["k"].value)
            if node is not None and k not in CORE_CLASSES and k != "Document":
                node.kind = k
        labels: dict[str, str] = {}
        for row in self.q(
            "SELECT ?e ?l WHERE { { ?e rdfs:label ?l } UNION { ?e skos:prefLabel ?l } } ORDER BY ?e ?l"
        ):
            labels.setdefault(row["e"].value, row["l"].value)
        aliases: dict[str, set[str]] = defaultdict(set)
        for row in self.q("SELECT DISTINCT ?e ?a WHERE { ?e skos:altLabel ?a }"):
            aliases[row["e"].value].add(row["a"].value)
        for iri, node in nodes.items():
            node.label = labels.get(iri) or _local(iri)
            node.aliases = sorted(aliases.get(iri, set()) - {node.label})

        for row in self.q(
            "SELECT ?d ?t ?date ?id WHERE { ?d a kgo:Document OPTIONAL { ?d dcterms:title ?t } "
            "OPTIONAL { ?d dcterms:date ?date } OPTIONAL { ?d dcterms:identifier ?id } }"
        ):
            d = row["d"].value
            if d not in self.docs:
                self.docs[d] = {"iri": d, "title": _v(row["t"]) or _v(row["id"]) or _local(d), "date": _v(row["date"]) or ""}
        # Counts come from two indexes (mentions by entity, documents by entity), streamed; the
        # panel's documents and sentences are each entity's first few (by date, then position).
        # Sentences are read one document's graph at a time, and only from documents that are
        # among the first SENTENCES_PER_ENTITY of some entity (each holds a sentence naming it,
        # so those hold its first sentences): the store's joins stay the size of one document,
        # and a corpus of many documents is not read whole for the sake of the panels.
        count: Counter[str] = Counter()
        for row in self.q("SELECT ?e (COUNT(?m) AS ?n) WHERE { ?m itsrdf:taIdentRef ?e } GROUP BY ?e"):
            count[row["e"].value] = int(row["n"].value)
        doc_count: Counter[str] = Counter()
        first_docs: dict[str, list] = {}  # entity → sorted [(date, document)], DOCS_PER_ENTITY at most
        for row in self.q("SELECT ?e ?d WHERE { ?e kgo:mentionedIn ?d }"):
            e, d = row["e"].value, row["d"].value
            if e not in nodes:
                continue
            doc_count[e] += 1
            kept = first_docs.setdefault(e, [])
            bisect.insort(kept, (self.docs.get(d, {}).get("date", ""), d))
            if len(kept) > DOCS_PER_ENTITY:
                kept.pop()
        wanted = sorted({key for kept in first_docs.values() for key in kept[:SENTENCES_PER_ENTITY]})
        first: dict[str, dict[str, list]] = {}  # entity → sentence IRI → [(document, start), marks]
        per_document = (
            "SELECT ?d ?e ?b ?end ?s ?sb WHERE { ?m nif:referenceContext ?d ; itsrdf:taIdentRef ?e ; "
            "nif:beginIndex ?b ; nif:endIndex ?end ; nif:sentence ?s . ?s nif:beginIndex ?sb }")
        for _, d in wanted:
            for row in self.store.query(per_document, substitutions={ox.Variable("d"): ox.NamedNode(d)}):
                e = row["e"].value
                if e in nodes:
                    _keep_first(first.setdefault(e, {}), row["s"].value, (d, int(row["sb"].value)),
                                (int(row["b"].value), int(row["end"].value)))
        texts = self._sentence_texts({s for kept in first.values() for s in kept})
        for iri, node in nodes.items():
            node.mentions = count.get(iri, 0)
            node.docs = [d for _, d in first_docs.get(iri, ())]
            node.doc_count = doc_count.get(iri, 0)
            sents = []
            for s, (key, marks) in sorted(first.get(iri, {}).items(), key=lambda kv: kv[1][0]):
                text = texts.get(s)
                if text is None:
                    continue
                spans = sorted({(b - key[1], en - key[1]) for b, en in marks if 0 <= b - key[1] < en - key[1] <= len(text)})
                sents.append((key[0], text, spans))
            node.sentences = sents

    def _sentence_texts(self, sentences: set[str], batch: int = 2000) -> dict[str, str]:
        out: dict[str, str] = {}
        items = sorted(sentences)
        for i in range(0, len(items), batch):
            for row in self.q(f"SELECT ?s ?t WHERE {{ VALUES ?s {{ {_values(items[i:i + batch])} }} ?s nif:anchorOf ?t }}"):
                out[row["s"].value] = row["t"].value
        return out

    def _load_edges(self) -> list[Edge]:
        if not self.nodes:
            return []
        preds = _values(str(p) for p in PREDICATES.values())
        pairs: dict[tuple[str, str], list[str]] = {}
        for row in self.q(f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {preds} }} ?s ?p ?o }} ORDER BY ?s ?o ?p"):
            s, p, o = row["s"].value, row["p"].value, row["o"].value
            if s in self.nodes and o in self.nodes and s != o:
                pairs.setdefault((s, o), []).append(p)
        return [Edge(s, o, ps) for (s, o), ps in pairs.items()]

    # ---------------------------------------------------------------- finding entities

    def find(self, name: str) -> list[str]:
        """Every entity one of whose names (label or alias) is ``name``."""
        key = _norm(name)
        hits = [i for i, n in self.nodes.items() if key in {_norm(x) for x in [n.label, *n.aliases]}]
        if not hits:
            near = sorted(
                {n.label for n in self.nodes.values() if any(key in _norm(x) for x in [n.label, *n.aliases])}
            )[:10]
            hint = f"; names that contain it: {', '.join(near)}" if near else ""
            raise ViewError(f"no entity is named {name!r}{hint}")
        return sorted(hits)


def _keep_first(kept: dict[str, list], sentence: str, key: tuple, mark: tuple[int, int],
                k: int | None = None) -> None:
    """Keep the ``k`` sentences with the smallest keys seen so far, with their mentions' offsets.
    A sentence pushed out has the largest key kept then, and the largest kept only falls, so a
    later mention in it is refused too: no sentence comes back with some of its marks missing."""
    k = SENTENCES_PER_ENTITY if k is None else k
    entry = kept.get(sentence)
    if entry is not None:
        entry[1].append(mark)
        return
    if len(kept) >= k:
        worst = max(kept, key=lambda s: kept[s][0])
        if key >= kept[worst][0]:
            return
        del kept[worst]
    kept[sentence] = [key, [mark]]


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s).casefold()


# ----------------------------------------------------------------------------- selection


def _cap(view: View, max_nodes: int, keep_first: Iterable[str] = (), distance: dict[str, int] | None = None) -> View:
    """Keep at most max_nodes entities: the focus first, then the nearest, best connected, most mentioned."""
    if max_nodes < 1:
        raise ViewError("max_nodes must be at least 1")
    total = len(view.nodes)
    if total <= max_nodes:
        return view
    degree: Counter[str] = Counter()
    for e in view.edges:
        degree[e.source] += 1
        degree[e.target] += 1
    must = [i for i in keep_first if i in view.nodes]
    rest = sorted(
        (i for i in view.nodes if i not in set(must)),
        key=lambda i: ((distance or {}).get(i, 0), -degree[i], -view.nodes[i].mentions, view.nodes[i].label, i),
    )
    kept = set((must + rest)[:max_nodes])
    dropped = [i for i in view.nodes if i not in kept]
    max_dropped_degree = max((degree[i] for i in dropped), default=0)
    view.omitted = {
        "total": total,
        "shown": len(kept),
        "omitted": len(dropped),
        "max_nodes": max_nodes,
        "max_degree_omitted": max_dropped_degree,
        "by_distance": distance is not None,
        "examples": sorted(view.nodes[i].label for i in dropped)[:20],
    }
    view.nodes = {i: n for i, n in view.nodes.items() if i in kept}
    view.edges = [e for e in view.edges if e.source in kept and e.target in kept]
    return view


def _type_names() -> dict[str, str]:
    """Every accepted spelling of a class (local name, any case, Chinese label) → local name."""
    from .vocab import KIND_TO_CORE

    names = {}
    for local in KIND_TO_CORE:
        names[local.casefold()] = local
        names[_class_label(local).casefold()] = local
    return names


def _parse_types(types: str | Iterable[str]) -> list[str]:
    if isinstance(types, str):
        types = types.split(",")
    wanted = [t.strip() for t in types if t and t.strip()]
    names = _type_names()
    unknown = [t for t in wanted if t.casefold() not in names]
    if unknown:
        from .vocab import KIND_TO_CORE

        raise ViewError(f"unknown type(s) {', '.join(unknown)}; use any of: {', '.join(KIND_TO_CORE)}")
    if not wanted:
        raise ViewError("no type given")
    return [names[t.casefold()] for t in wanted]


def _overview(g: _Graph, max_nodes: int) -> View:
    ndocs = len(g.docs)
    view = View(title="知识图谱总览", kind="overview", nodes=dict(g.nodes), edges=list(g.edges),
                subtitle=f"{ndocs} 份文件中的全部实体和关系")
    return _cap(view, max_nodes)


def _focus(g: _Graph, name: str, depth: int, max_nodes: int, types: list[str] | None) -> View:
    if depth < 0:
        raise ViewError("depth must be 0 or more")
    seeds = g.find(name)
    adj: dict[str, set[str]] = defaultdict(set)
    for e in g.edges:
        adj[e.source].add(e.target)
        adj[e.target].add(e.source)
    dist = {s: 0 for s in seeds}
    queue = deque(seeds)
    while queue:
        cur = queue.popleft()
        if dist[cur] >= depth:
            continue
        for nb in sorted(adj[cur]):
            if nb not in dist:
                dist[nb] = dist[cur] + 1
                queue.append(nb)
    keep = set(dist)
    if types:
        keep = {i for i in keep if i in seeds or _matches(g.nodes[i], types)}
    label = g.nodes[seeds[0]].label
    view = View(
        title=f"{label}（{depth} 度邻域）", kind="focus",
        nodes={i: g.nodes[i] for i in g.nodes if i in keep},
        edges=[e for e in g.edges if e.source in keep and e.target in keep],
        focus=seeds, subtitle=f"与「{name}」相距不超过 {depth} 步的实体",
    )
    return _cap(view, max_nodes, keep_first=seeds, distance=dist)


def _matches(node: Node, types: list[str]) -> bool:
    return node.core in types or node.kind in types


def _types(g: _Graph, types: list[str], max_nodes: int) -> View:
    keep = {i for i, n in g.nodes.items() if _matches(n, types)}
    names = "、".join(_class_label(t) for t in types)
    view = View(title=f"类型：{names}", kind="types",
                nodes={i: g.nodes[i] for i in g.nodes if i in keep},
                edges=[e for e in g.edges if e.source in keep and e.target in keep],
                subtitle=f"类型为 {names} 的实体及其之间的关系")
    return _cap(view, max_nodes)


def _query_view(g: _Graph, sparql: str, title: str, max_nodes: int) -> View:
    """A CONSTRUCT's triples, or a SELECT's rows read as edges (?s ?p ?o, or the first three columns)."""
    try:
        result = g.q(sparql)
    except (SyntaxError, ValueError, OSError) as e:
        raise ViewError(f"the query failed: {e}") from e
    triples: list[tuple[ox.Term, ox.Term | str | None, ox.Term]] = []
    by_label: dict[str, list[str]] = defaultdict(list)
    for iri, n in g.nodes.items():
        by_label[n.label].append(iri)

    def is_name(term) -> bool:  # an IRI, or a literal that is some entity's name
        return isinstance(term, (ox.NamedNode, ox.BlankNode)) or (
            isinstance(term, ox.Literal) and term.value in by_label)

    if isinstance(result, ox.QueryTriples):
        triples = [(t.subject, t.predicate, t.object) for t in result]
    elif isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows = list(result)
        pick = {}
        for role, cands in (("s", ("s", "subject", "source", "from")), ("p", ("p", "predicate", "relation")),
                            ("o", ("o", "object", "target", "to"))):
            pick[role] = next((c for c in cands if c in names), None)
        if pick["s"] is not None and pick["o"] is not None:
            for row in rows:
                s, o = row[pick["s"]], row[pick["o"]]
                if s is not None and o is not None:
                    triples.append((s, row[pick["p"]] if pick["p"] else None, o))
        else:
            # No ?s/?o: the columns that hold names or IRIs, read left to right as a chain
            # (?person ?post ?organization → person → post → organization).
            cols = [n for n in names if any(is_name(r[n]) for r in rows)]
            if len(cols) < 2:
                raise ViewError("a SELECT view needs rows that are edges: ?s ?p ?o, or two or more columns "
                                "of entities (IRIs or names)")
            for row in rows:
                vals = [(c, row[c]) for c in cols if is_name(row[c])]
                for (_, a), (cb, b) in zip(vals, vals[1:]):
                    triples.append((a, cb, b))
    else:
        raise ViewError("an ASK query has no graph to show: use CONSTRUCT, or a SELECT whose rows are edges")

    nodes: dict[str, Node] = {}
    pairs: dict[tuple[str, str], list[str]] = {}

    def node_for(term) -> str:
        key = term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}" if isinstance(term, ox.BlankNode) else None
        if key is None:  # a name in a SELECT row: the entity of that name, else a node of its own
            same = by_label.get(term.value, [])
            key = same[0] if len(same) == 1 else f"literal:{term.value}"
        if key not in nodes:
            known = g.nodes.get(key)
            nodes[key] = known if known is not None else Node(iri=key, label=term.value if isinstance(term, ox.Literal) else _local(key))
        return key

    labels: dict[str, str] = {}
    for s, p, o in triples:
        if isinstance(o, ox.Literal) and isinstance(p, ox.NamedNode):
            si = node_for(s)
            if p.value in _LABEL_PREDICATES:
                if p.value == _RDFS_LABEL or si not in labels:
                    labels[si] = o.value
            elif si not in g.nodes:
                nodes[si].properties.append((predicate_label(p.value), o.value))
            continue
        si, oi = node_for(s), node_for(o)
        if si == oi:
            continue
        pred = p if isinstance(p, str) else p.value if p is not None else ""
        lst = pairs.setdefault((si, oi), [])
        if pred not in lst:
            lst.append(pred)
    for key, lab in labels.items():
        if key not in g.nodes:
            nodes[key].label = lab
    view = View(title=f"查询：{title}", kind="query", nodes=nodes,
                edges=[Edge(s, o, ps) for (s, o), ps in pairs.items()],
                subtitle=f"SPARQL 查询 {title} 的结果")
    return _cap(view, max_nodes)


# ----------------------------------------------------------------------------- layout


def layout(n: int, edges: list[tuple[int, int]], *, seed: int = 7, edge_length: float = 130.0) -> np.ndarray:
    """Positions (n × 2, pixels) by a Fruchterman-Reingold force layout in numpy.

    Repulsion is exact up to 1,000 connected nodes and approximated on a grid beyond (each
    node repelled by the centre of mass of every grid cell), so 20,000 nodes take seconds.
    Nodes without edges are set out in a block beside the rest, in the order given.
    """
    pos = np.zeros((n, 2))
    if n == 0:
        return pos
    deg = np.zeros(n, dtype=int)
    for a, b in edges:
        deg[a] += 1
        deg[b] += 1
    linked = np.flatnonzero(deg > 0)
    lonely = np.flatnonzero(deg == 0)
    if len(linked):
        index = {int(v): i for i, v in enumerate(linked)}
        e = np.array([(index[a], index[b]) for a, b in edges], dtype=int).reshape(-1, 2)
        p = _fruchterman_reingold(len(linked), e, seed)
        if len(e):
            lengths = np.linalg.norm(p[e[:, 0]] - p[e[:, 1]], axis=1)
            scale = edge_length / max(float(np.median(lengths)), 1e-9)
        else:
            scale = 1.0
        p = (p - p.mean(axis=0)) * scale
        pos[linked] = p
        left = float(p[:, 0].max()) + 2 * edge_length
        top = float(p[:, 1].min())
    if len(lonely):
        cols = max(1, math.ceil(math.sqrt(len(lonely))))
        step = edge_length * 0.75
        idx = np.arange(len(lonely))
        grid = np.stack([idx % cols, idx // cols], axis=1) * step
        if len(linked):
            grid = grid + np.array([left, top])
        else:
            grid = grid - grid.mean(axis=0)
        pos[lonely] = grid
    return pos


def _fruchterman_reingold(n: int, e: np.ndarray, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    if n == 1:
        return pos
    k = math.sqrt(1.0 / n)
    iterations = 120 if n <= 500 else 80 if n <= 3000 else 50
    t = 0.1
    dt = t / (iterations + 1)
    exact = n <= 1000
    for _ in range(iterations):
        disp = _repulsion_exact(pos, k) if exact else _repulsion_grid(pos, k)
        if len(e):
            delta = pos[e[:, 0]] - pos[e[:, 1]]
            dist = np.maximum(np.linalg.norm(delta, axis=1), 1e-9)
            f = delta * (dist / k)[:, None]
            np.add.at(disp, e[:, 0], -f)
            np.add.at(disp, e[:, 1], f)
        disp -= (pos - pos.mean(axis=0)) * (0.5 / k)  # mild gravity keeps the components together
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp * (np.minimum(length, t) / length)[:, None]
        t -= dt
    return pos


def _repulsion_exact(pos: np.ndarray, k: float) -> np.ndarray:
    disp = np.empty_like(pos)
    k2 = k * k
    x, y = pos[:, 0], pos[:, 1]
    for a in range(0, len(pos), 512):
        dx = x[a:a + 512, None] - x[None, :]
        dy = y[a:a + 512, None] - y[None, :]
        coef = k2 / np.maximum(dx * dx + dy * dy, 1e-6)
        disp[a:a + 512, 0] = (dx * coef).sum(1)
        disp[a:a + 512, 1] = (dy * coef).sum(1)
    return disp


def _repulsion_grid(pos: np.ndarray, k: float) -> np.ndarray:
    n = len(pos)
    side = int(min(32, max(4, math.sqrt(n / 4))))
    lo = pos.min(axis=0)
    span = np.maximum(pos.max(axis=0) - lo, 1e-9)
    cell = np.minimum((((pos - lo) / span) * side).astype(int), side - 1)
    cid = cell[:, 0] * side + cell[:, 1]
    cnt = np.bincount(cid, minlength=side * side).astype(float)
    sx = np.bincount(cid, pos[:, 0], minlength=side * side)
    sy = np.bincount(cid, pos[:, 1], minlength=side * side)
    full = np.flatnonzero(cnt)
    cen = np.stack([sx[full] / cnt[full], sy[full] / cnt[full]], axis=1)
    w = cnt[full]
    where = np.full(side * side, -1)
    where[full] = np.arange(len(full))
    k2 = k * k
    disp = np.empty_like(pos)
    for a in range(0, n, 1024):
        p = pos[a:a + 1024]
        dx = p[:, 0, None] - cen[None, :, 0]
        dy = p[:, 1, None] - cen[None, :, 1]
        coef = (k2 * w)[None, :] / np.maximum(dx * dx + dy * dy, 1e-6)
        own = where[cid[a:a + 1024]]
        coef[np.arange(len(p)), own] = 0.0  # own cell: the centre of mass of the others in it, below
        disp[a:a + 1024, 0] = (dx * coef).sum(1)
        disp[a:a + 1024, 1] = (dy * coef).sum(1)
        c = cnt[cid[a:a + 1024]] - 1
        has = c > 0
        if has.any():
            others = (np.stack([sx[cid[a:a + 1024]], sy[cid[a:a + 1024]]], axis=1) - p)[has] / c[has, None]
            d = p[has] - others
            d2o = np.maximum((d ** 2).sum(-1), 1e-6)
            disp[a:a + 1024][has] += d * (k2 * c[has] / d2o)[:, None]
    return disp


# ----------------------------------------------------------------------------- rendering


def _pyvis_network(view: View, positions: np.ndarray, order: list[str]):
    """The view as a pyvis Network (nodes and edges as vis-network reads them).

    The lists are filled directly: Network.add_edge scans every edge per call.
    """
    from pyvis.network import Network

    net = Network(directed=True)
    number = {iri: i for i, iri in enumerate(order)}
    for i, iri in enumerate(order):
        node = view.nodes[iri]
        color, shape = STYLE.get(node.core, STYLE["Other"])
        net.nodes.append({
            "id": i, "label": node.label, "shape": shape, "color": color, "value": max(node.mentions, 1),
            "x": round(float(positions[i, 0]), 1), "y": round(float(positions[i, 1]), 1),
        })
        net.node_ids.append(i)
        net.node_map[i] = net.nodes[-1]
    for j, e in enumerate(view.edges):
        net.edges.append({"id": j, "from": number[e.source], "to": number[e.target],
                          "label": " / ".join(predicate_label(p) for p in e.predicates if p),
                          "co": bool(e.predicates) and all(p == _CO_OCCUR for p in e.predicates)})
    return net


def _json_for_script(data) -> str:
    """JSON that no text can break out of when placed inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _script_safe(code: str) -> str:
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE).replace("<!--", "<\\!--")


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    import pyvis

    vis_dir = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    return {
        "vis_js": _script_safe((vis_dir / "vis-network.min.js").read_text(encoding="utf-8")),
        "vis_css": (vis_dir / "vis-network.css").read_text(encoding="utf-8").replace("</", "<\\/"),
        "app_js": _script_safe((_TEMPLATES / "view.js").read_text(encoding="utf-8")),
        "app_css": (_TEMPLATES / "view.css").read_text(encoding="utf-8"),
    }


@lru_cache(maxsize=1)
def _env():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined)


def _page_data(view: View, docs: dict[str, dict]) -> tuple[dict, object]:
    order = sorted(view.nodes, key=lambda i: (CORE_CLASSES.index(view.nodes[i].core) if view.nodes[i].core in CORE_CLASSES
                                              else len(CORE_CLASSES), -view.nodes[i].mentions, view.nodes[i].label, i))
    number = {iri: i for i, iri in enumerate(order)}
    positions = layout(len(order), [(number[e.source], number[e.target]) for e in view.edges])
    net = _pyvis_network(view, positions, order)
    doc_index: dict[str, int] = {}
    for iri in order:
        for d in view.nodes[iri].docs:
            doc_index.setdefault(d, len(doc_index))
        for d, _, _ in view.nodes[iri].sentences:
            if d:
                doc_index.setdefault(d, len(doc_index))
    doc_list = [docs.get(d, {"iri": d, "title": _local(d), "date": ""}) for d in doc_index]
    info = []
    for iri in order:
        n = view.nodes[iri]
        info.append({
            "iri": n.iri, "core": n.core, "kind": n.kind or n.core, "aliases": n.aliases, "mentions": n.mentions,
            "docs": [doc_index[d] for d in n.docs],
            "sentences": [{"doc": doc_index.get(d, -1), "text": t, "marks": m} for d, t, m in n.sentences],
            "moreMentions": n.more_mentions,
            "moreDocs": max(0, n.doc_count - len(n.docs)),
            "props": n.properties,
        })
    counts = Counter(view.nodes[i].core for i in order)
    types = [{"core": c, "label": _class_label(c), "color": STYLE[c][0], "shape": STYLE[c][1], "count": counts[c]}
             for c in (*CORE_CLASSES, "Other") if counts[c] or c in CORE_CLASSES]
    kinds = {k: _class_label(k) for k in {x["kind"] for x in info} | set(CORE_CLASSES)}
    data = {
        "title": view.title, "subtitle": view.subtitle, "kind": view.kind,
        "nodes": net.nodes, "edges": net.edges, "info": info, "docs": doc_list,
        "types": types, "kinds": kinds, "focus": [number[f] for f in view.focus if f in number],
        "physics": len(order) <= PHYSICS_MAX_NODES, "omitted": view.omitted,
        "notice": _omitted_text(view.omitted),
    }
    return data, net


def _omitted_text(om: dict | None) -> str:
    if not om:
        return ""
    rule = "离焦点最远、度数最低" if om["by_distance"] else "度数最低（关系最少）"
    return (f"图中共有 {om['total']:,} 个实体，此视图只显示 {om['shown']:,} 个（上限 {om['max_nodes']:,}，"
            f"可用 --max-nodes 调整）：省略了{rule}的 {om['omitted']:,} 个，它们的度数不超过 {om['max_degree_omitted']}。"
            f" 例如：{'、'.join(om['examples'][:8])}")


def render(view: View, docs: dict[str, dict]) -> str:
    """The view as one self-contained HTML page."""
    from markupsafe import Markup

    data, _ = _page_data(view, docs)
    meta = json.dumps({"title": view.title, "kind": view.kind, "nodes": len(data["nodes"]),
                       "edges": len(data["edges"]), "subtitle": view.subtitle,
                       "omitted": (view.omitted or {}).get("omitted", 0)}, ensure_ascii=False)
    assets = _assets()
    return _env().get_template("view.html.j2").render(
        title=view.title, subtitle=view.subtitle, meta=meta, notice=data["notice"],
        data_json=Markup(_json_for_script(data)),
        vis_js=Markup(assets["vis_js"]), vis_css=Markup(assets["vis_css"]),
        app_js=Markup(assets["app_js"]), app_css=Markup(assets["app_css"]),
    )


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path) as f:
        f.write(text)
    return path


_META = re.compile(r'<meta name="kg-view" content="([^"]*)"')


def write_index(out_dir: Path) -> Path:
    """index.html linking every view in out_dir (and the graph files beside them)."""
    out_dir = Path(out_dir)
    views = []
    for p in sorted(out_dir.glob("*.html")):
        if p.name == INDEX_FILE or p.name.startswith("."):
            continue
        with open(p, encoding="utf-8", errors="replace") as f:
            head = f.read(8192)
        m = _META.search(head)
        if not m:
            continue
        try:
            meta = json.loads(html.unescape(m.group(1)))
        except ValueError:
            continue
        views.append({"file": p.name, **meta})
    order = {"overview": 0, "focus": 1, "types": 2, "query": 3}
    views.sort(key=lambda v: (order.get(v.get("kind"), 9), v["file"]))
    others = [p.name for p in sorted(out_dir.iterdir())
              if p.is_file() and p.suffix in {".ttl", ".trig", ".nq", ".jsonld", ".jsonl"} and not p.name.startswith(".")]
    text = _env().get_template("index.html.j2").render(views=views, others=others,
                                                      kinds={"overview": "总览", "focus": "邻域", "types": "类型", "query": "查询"})
    return _write(out_dir / INDEX_FILE, text)


def _slug(text: str) -> str:
    s = re.sub(r"[^\w\-]+", "_", text, flags=re.UNICODE).strip("_")
    return s[:60] or "view"


# ----------------------------------------------------------------------------- public API


def _open(store) -> tuple[GraphStore, Path | None]:
    if isinstance(store, GraphStore):
        return store, None
    gs = GraphStore(store, read_only=True)
    return gs, gs.path.parent


def write_overview(store: GraphStore, out_dir: Path, *, max_nodes: int = DEFAULT_MAX_NODES) -> dict[str, Path]:
    """The overview (graph.html) and index.html in out_dir; called by every build."""
    out_dir = Path(out_dir)
    g = _Graph(store)
    path = _write(out_dir / OVERVIEW_FILE, render(_overview(g, max_nodes), g.docs))
    return {"overview": path, "index": write_index(out_dir)}


def viz(
    store: GraphStore | str | Path = "output",
    out_dir: str | Path | None = None,
    focus: str | None = None,
    depth: int = 1,
    types: str | Iterable[str] | None = None,
    query: str | Path | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
    *,
    output: str | Path | None = None,
) -> Path:
    """Write one view as HTML and refresh index.html; returns the file written.

    - nothing chosen: the whole graph (graph.html);
    - ``focus``: the entity with that name or alias and its neighbourhood to ``depth`` steps
      (``types`` then narrows the neighbours);
    - ``types``: the entities of these classes (local names such as ``Organization,Plan``
      or Chinese labels such as ``机构``) and the relations between them;
    - ``query``: a SPARQL file (or text): a CONSTRUCT's triples, or a SELECT whose rows
      are edges (?s ?p ?o, or the first two or three columns).

    ``store`` is a GraphStore or a path (the store, or the build output folder that holds
    it); ``out_dir`` defaults to that build folder. ``output`` names the file outright.
    """
    gs, build_dir = _open(store)
    out = Path(out_dir) if out_dir is not None else (build_dir or Path("output"))
    g = _Graph(gs)
    wanted = _parse_types(types) if types else None
    if query is not None:
        qpath = Path(query) if isinstance(query, Path) or (isinstance(query, str) and query.endswith(".rq")) else None
        if qpath is not None:
            try:
                sparql = qpath.read_text(encoding="utf-8")
            except OSError as e:
                raise ViewError(f"cannot read the query {qpath}: {e}") from e
            name = qpath.stem
        else:
            sparql, name = str(query), "query"
        view = _query_view(g, sparql, name, max_nodes)
        filename = f"query-{_slug(name)}.html"
    elif focus:
        view = _focus(g, focus, depth, max_nodes, wanted)
        filename = f"focus-{_slug(view.nodes[view.focus[0]].label)}-{depth}.html"
    elif wanted:
        view = _types(g, wanted, max_nodes)
        filename = f"types-{_slug('-'.join(wanted))}.html"
    else:
        view = _overview(g, max_nodes)
        filename = OVERVIEW_FILE
    path = Path(output) if output is not None else out / filename
    _write(path, render(view, g.docs))
    write_index(path.parent)
    return path


def view_counts(path: str | Path) -> dict:
    """The title and node/edge counts recorded in a view file (for tests and scripts)."""
    with open(path, encoding="utf-8") as f:
        m = _META.search(f.read(8192))
    if not m:
        raise ViewError(f"{path} is not a kg view")
    return json.loads(html.unescape(m.group(1)))
