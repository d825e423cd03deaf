"""Exports for the tools people already use: JSON-LD, and node/edge CSV for Neo4j and Gephi.

    >>> from kg.exports import write_exports
    >>> write_exports("output", "output")
    {'jsonld': .../graph.jsonld, 'context': .../context.jsonld, 'nodes': .../nodes.csv, 'edges': .../edges.csv}

* graph.jsonld: the union of the document graphs (each triple once) as compacted JSON-LD,
  one object per subject, with a ``@context`` that declares the kg prefixes (also written
  alone as context.jsonld).
* nodes.csv / edges.csv: one pair both tools read. Neo4j's ``neo4j-admin database import``
  uses the typed header columns (``:ID``, ``:LABEL``, ``aliases:string[]`` with ``;``
  between values, ``mentions:int``; ``:START_ID``, ``:END_ID``, ``:TYPE``); Gephi's
  spreadsheet import uses ``Id`` and ``Label`` for nodes and ``Source``, ``Target``,
  ``Type`` (Directed), ``Label`` and ``Weight`` for edges, and keeps the other columns as
  attributes. Nodes are the entities and the documents; edges are the stated relations
  (Weight = number of statements) and MENTIONED_IN from each entity to its documents
  (Weight = number of mentions). Co-occurrence, when present, has type CO_OCCURS_WITH.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from .atomic import atomic_write
from .model import CORE_CLASSES
from .vocab import KGO, PREDICATES, PREFIXES

__all__ = ["write_exports", "write_jsonld", "write_csv", "jsonld_context"]

NODE_HEADER = ["Id", "Label", ":ID", ":LABEL", "name", "type", "kind", "aliases:string[]", "mentions:int",
               "documents:int", "title", "date"]
EDGE_HEADER = ["Source", "Target", "Type", "Label", "Weight", ":START_ID", ":END_ID", ":TYPE", "statements:int",
               "documents:int"]
_XSD = PREFIXES["xsd"]


def _open(store):
    from .store import GraphStore

    return store if isinstance(store, GraphStore) else GraphStore(store, read_only=True)


def jsonld_context() -> dict:
    return {"@context": dict(PREFIXES)}


def _curie(iri: str) -> str:
    for p, ns in PREFIXES.items():
        if iri.startswith(ns) and re.fullmatch(r"[A-Za-z_][\w-]*", iri[len(ns):]):
            return f"{p}:{iri[len(ns):]}"
    return iri


def _clean(text: str) -> str:
    return " ".join(text.split())


def _term_key(t) -> tuple:
    """SPARQL ORDER BY order (blank nodes, then IRIs, then literals), as the old ORDER BY query gave."""
    import pyoxigraph as ox

    if isinstance(t, ox.BlankNode):
        return (0, t.value)
    if isinstance(t, ox.NamedNode):
        return (1, t.value)
    if isinstance(t, ox.Literal):
        dt = t.datatype.value
        if dt in _NUMERIC:
            try:
                return (2, 0, float(t.value), t.value)
            except ValueError:
                pass
        return (2, 1, t.value, t.language or "", dt)
    return (3, str(t))


_NUMERIC = {_XSD + n for n in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                                "nonNegativeInteger", "positiveInteger", "negativeInteger",
                                "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort",
                                "unsignedByte")}


def _sorted_unique(items, chunk: int = 100_000):
    """Sorted, without repeats, in bounded memory: runs of ``chunk`` items are sorted and spilled
    to temporary files and merged (one run stays in memory)."""
    import heapq
    import pickle
    import tempfile

    runs: list = []
    buf: set = set()

    def spill():
        f = tempfile.TemporaryFile()
        for x in sorted(buf):
            pickle.dump(x, f, protocol=pickle.HIGHEST_PROTOCOL)
        f.seek(0)
        runs.append(f)
        buf.clear()

    def read(f):
        while True:
            try:
                yield pickle.load(f)
            except EOFError:
                f.close()
                return

    for x in items:
        buf.add(x)
        if len(buf) >= chunk:
            spill()
    if not runs:
        yield from sorted(buf)
        return
    if buf:
        spill()
    last = object()
    for x in heapq.merge(*(read(f) for f in runs)):
        if x != last:
            yield x
            last = x


def _union_subjects(gs, excluded: set):
    """Every subject of the named graphs (not in ``excluded``), in ORDER BY order, streamed."""
    import pyoxigraph as ox

    def subjects():
        last = None
        for q in gs.oxigraph.quads_for_pattern(None, None, None, None):
            g = q.graph_name
            if isinstance(g, ox.DefaultGraph) or g in excluded:
                continue
            s = q.subject
            if s != last:  # quads come graph by graph, a subject's quads together
                last = s
                yield (0 if isinstance(s, ox.BlankNode) else 1, s.value)

    for kind, value in _sorted_unique(subjects()):
        yield ox.BlankNode(value) if kind == 0 else ox.NamedNode(value)


def _union_by_subject(gs, exclude: set[str]):
    """(subject, its distinct (predicate, object) pairs in ORDER BY ?p ?o order), subject by subject in
    ORDER BY ?s order: the rows of ``SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY
    ?s ?p ?o``, without holding the graph (that query sorted every triple in memory)."""
    import pyoxigraph as ox

    excluded = {ox.NamedNode(g) for g in exclude}
    qfp = gs.oxigraph.quads_for_pattern
    for s in _union_subjects(gs, excluded):
        pairs = {(q.predicate, q.object) for q in qfp(s, None, None, None)
                 if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name not in excluded}
        yield s, sorted(pairs, key=lambda po: (po[0].value, _term_key(po[1])))


def _default_ntriples(gs):
    """The default graph's N-Triples lines, streamed: oxigraph dumps them (Rust, without the GIL)
    into a pipe from a thread while this generator reads it, so nothing grows with the graph."""
    import os
    import threading

    import pyoxigraph as ox

    from .store import DEFAULT_GRAPH

    r, w = os.pipe()
    failed: list[BaseException] = []

    def dump() -> None:
        try:
            with open(w, "wb") as f:
                gs.oxigraph.dump(f, ox.RdfFormat.N_TRIPLES, from_graph=DEFAULT_GRAPH)
        except BaseException as e:  # noqa: BLE001 (BrokenPipe when the reader stopped early)
            failed.append(e)

    th = threading.Thread(target=dump, name="kg-ntriples", daemon=True)
    th.start()
    with open(r, encoding="utf-8", newline="\n") as f:
        yield from f
    th.join()
    if failed:
        raise failed[0]


_NT_ESCAPE = re.compile(r"\\U([0-9A-Fa-f]{8})|\\'")


def _nt_string(lex: str) -> str:
    """The value of an N-Triples string (quotes included): its escapes are JSON's, but for \\U and \\'."""
    if "\\" not in lex:
        return lex[1:-1]
    if "\\U" in lex or "\\'" in lex:
        lex = _NT_ESCAPE.sub(lambda m: "'" if m.group(1) is None else json.dumps(chr(int(m.group(1), 16)))[1:-1],
                             lex)
    return json.loads(lex)


def _nt_term(t: str) -> tuple:
    """An N-Triples term → (kind, value, language, datatype): kind 0 blank node, 1 IRI, 2 literal."""
    c = t[0]
    if c == "<":
        return (1, t[1:-1], "", "")
    if c == "_":
        return (0, t[2:], "", "")
    k = t.rindex('"')
    value, rest = _nt_string(t[:k + 1]), t[k + 1:]
    if rest.startswith("@"):
        return (2, value, rest[1:], "")
    return (2, value, "", rest[3:-1] if rest else _XSD + "string")


def _nt_key(o: tuple) -> tuple:
    """_term_key for a parsed N-Triples term."""
    kind, value, lang, dt = o
    if kind < 2:
        return (kind, value)
    if dt in _NUMERIC:
        try:
            return (2, 0, float(value), value)
        except ValueError:
            pass
    return (2, 1, value, lang, dt or PREFIXES["rdf"] + "langString")


def _default_by_subject(gs):
    """(subject, its (predicate, object) pairs in ORDER BY ?p ?o order) in one streaming pass over
    the default graph, where a build keeps the union of the documents, each triple once. The
    store's (s, p, o) index gives a subject's triples together; subjects come in index order
    (stable from run to run). Terms are parsed from oxigraph's N-Triples, as tuples of str
    (a pyoxigraph object per term made this pass ~6x slower)."""
    last, pairs = None, []
    for line in _default_ntriples(gs):
        s, p, o = line.split(" ", 2)
        if s != last:
            if pairs:
                pairs.sort(key=lambda po: (po[0], _nt_key(po[1])))
                yield _nt_term(last), pairs
            last, pairs = s, []
        pairs.append((p[1:-1], _nt_term(o.rstrip("\n")[:-2])))
    if pairs:
        pairs.sort(key=lambda po: (po[0], _nt_key(po[1])))
        yield _nt_term(last), pairs


_enc = json.encoder.encode_basestring  # what json.dump(..., ensure_ascii=False) uses for strings


def _node_json(node: dict) -> str:
    """One node exactly as json.dump(doc, ensure_ascii=False, indent=1) lays it out inside "@graph"."""
    parts = []
    for k, v in node.items():
        if isinstance(v, str):
            parts.append(f"   {_enc(k)}: {_enc(v)}")
            continue
        items = []
        for x in v:
            if isinstance(x, str):
                items.append(f"    {_enc(x)}")
            else:
                items.append("    {\n" + ",\n".join(f"     {_enc(a)}: {_enc(b)}" for a, b in x.items()) + "\n    }")
        parts.append(f"   {_enc(k)}: [\n" + ",\n".join(items) + "\n   ]")
    return "  {\n" + ",\n".join(parts) + "\n  }"


def write_jsonld(store, path: str | Path, exclude: set[str] = frozenset()) -> Path:
    """The union of the named graphs as compacted JSON-LD with a @context of the kg prefixes.

    Written node by node in one streaming pass over the default graph (the union a build keeps,
    subjects in the store's index order): memory does not grow with the graph.
    """
    import pyoxigraph as ox

    gs = _open(store)
    rdf_type = PREFIXES["rdf"] + "type"

    def ref(term) -> str:
        return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value

    curie_cache: dict[str, str] = {}

    def curie(iri: str) -> str:
        c = curie_cache.get(iri)
        if c is None:
            c = curie_cache[iri] = _curie(iri)
        return c

    path = Path(path)
    head = json.dumps({"@context": dict(PREFIXES)}, ensure_ascii=False, indent=1)
    with atomic_write(path) as f:
        f.write(head[:-2] + ',\n "@graph": [')
        first = True
        if not exclude and gs.has_union():
            for (skind, svalue, _, _), pairs in _default_by_subject(gs):
                node = {"@id": f"_:{svalue}" if skind == 0 else svalue}
                for p, (kind, value, lang, dt) in pairs:
                    if p == rdf_type and kind < 2:
                        node.setdefault("@type", []).append(curie(f"_:{value}" if kind == 0 else value))
                        continue
                    if kind == 2:
                        if lang:
                            val = {"@value": value, "@language": lang}
                        elif dt == _XSD + "string":
                            val = value
                        else:
                            val = {"@value": value, "@type": curie(dt)}
                    else:
                        val = {"@id": f"_:{value}" if kind == 0 else value}
                    node.setdefault(curie(p), []).append(val)
                f.write(("\n" if first else ",\n") + _node_json(node))
                first = False
        for s, pairs in ([] if not exclude and gs.has_union() else _union_by_subject(gs, set(exclude))):
            node = {"@id": ref(s)}
            for p, o in pairs:
                if p.value == rdf_type and not isinstance(o, ox.Literal):
                    node.setdefault("@type", []).append(curie(ref(o)))
                    continue
                if isinstance(o, ox.Literal):
                    dt = o.datatype.value
                    if o.language:
                        val = {"@value": o.value, "@language": o.language}
                    elif dt == _XSD + "string":
                        val = o.value
                    else:
                        val = {"@value": o.value, "@type": curie(dt)}
                elif isinstance(o, ox.NamedNode | ox.BlankNode):
                    val = {"@id": ref(o)}
                else:
                    continue  # RDF-star triple terms have no JSON-LD 1.1 form
                node.setdefault(curie(p.value), []).append(val)
            f.write(("\n" if first else ",\n") + _node_json(node))
            first = False
        f.write("]\n}\n" if first else "\n ]\n}\n")
    return path


def _kind_name(pred_iri: str) -> str:
    for kind, p in PREDICATES.items():
        if str(p) == pred_iri:
            return kind
    return _curie(pred_iri).split(":")[-1]


def _neo4j_type(kind: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", kind).upper()


def write_csv(store, nodes_path: str | Path, edges_path: str | Path) -> tuple[Path, Path]:
    """nodes.csv and edges.csv that neo4j-admin import and Gephi's spreadsheet import both read.

    One pass over the entities in IRI order writes both files: each entity's node row and its
    edges (stated relations, MENTIONED_IN) are computed from index look-ups around it, so what
    is held is the entity list, not the mentions or the edges (the SPARQL GROUP BY queries this
    replaces held both, and took ~10 s on the 33-report corpus).
    """
    import pyoxigraph as ox

    gs = _open(store)
    qfp = gs.oxigraph.quads_for_pattern
    kgo = str(KGO._NS)
    core = {str(KGO[c]): c for c in CORE_CLASSES}

    def N(iri) -> ox.NamedNode:
        return ox.NamedNode(str(iri))

    RDF_TYPE, PREF, ALT = N(PREFIXES["rdf"] + "type"), N(PREFIXES["skos"] + "prefLabel"), N(PREFIXES["skos"] + "altLabel")
    TA, CTX = N(PREFIXES["itsrdf"] + "taIdentRef"), N(PREFIXES["nif"] + "referenceContext")
    MENTIONED_IN = N(KGO.mentionedIn)
    ST_S, ST_P, ST_O = (N(PREFIXES["rdf"] + x) for x in ("subject", "predicate", "object"))
    DERIVED = N(PREFIXES["prov"] + "wasDerivedFrom")
    DC = {k: N(PREFIXES["dcterms"] + k) for k in ("identifier", "title", "date")}
    kinds = {str(p): k for k, p in PREDICATES.items()}

    from .store import DEFAULT_GRAPH

    if gs.has_union():  # the build's union of the documents, each triple once: the default graph
        def named(quads):
            return quads

        def qfp(s, p, o, g, _qfp=gs.oxigraph.quads_for_pattern):
            return _qfp(s, p, o, DEFAULT_GRAPH)
    else:
        def named(quads):  # the union of the named graphs, as the queries see it
            return (q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph))

    def objects(s, p) -> list:
        return list(dict.fromkeys(q.object for q in named(qfp(s, p, None, None))))

    # the entities: subjects with a core kgo: type and a skos:prefLabel
    typed: set[str] = set()
    for c in CORE_CLASSES:
        for q in named(qfp(None, RDF_TYPE, N(KGO[c]), None)):
            if isinstance(q.subject, ox.NamedNode):
                typed.add(q.subject.value)
    entities = sorted(e for e in typed if next(named(qfp(N(e), PREF, None, None)), None) is not None)
    entity_set = set(entities)

    documents: dict[str, dict] = {}
    for q in named(qfp(None, RDF_TYPE, N(KGO.Document), None)):
        d = q.subject
        if d.value in documents:
            continue
        row = {}
        for k, key in (("identifier", "ident"), ("title", "title"), ("date", "date")):
            vals = objects(d, DC[k])
            row[key] = vals[0].value if vals else ""
        documents[d.value] = row

    nodes_path, edges_path = Path(nodes_path), Path(edges_path)
    with atomic_write(nodes_path, newline="") as nf, atomic_write(edges_path, newline="") as ef:
        nw, ew = csv.writer(nf), csv.writer(ef)
        nw.writerow(NODE_HEADER)
        ew.writerow(EDGE_HEADER)
        for iri in entities:
            e = N(iri)
            cores, kinds_of, names, aliases, docs_in, rel = set(), set(), [], set(), [], set()
            for q in named(qfp(e, None, None, None)):
                p, o = q.predicate.value, q.object
                if p == RDF_TYPE.value and isinstance(o, ox.NamedNode) and o.value.startswith(kgo):
                    if o.value in core:
                        cores.add(core[o.value])
                    else:
                        kinds_of.add(o.value[len(kgo):])
                elif p == PREF.value:
                    names.append(o.value)
                elif p == ALT.value:
                    aliases.add(o.value)
                elif p == MENTIONED_IN.value and isinstance(o, ox.NamedNode):
                    docs_in.append(o.value)
                elif p in kinds and isinstance(o, ox.NamedNode) and o.value in entity_set:
                    rel.add((p, o.value))
            # mentions: distinct ?m with itsrdf:taIdentRef ?e and a nif:referenceContext
            per_doc: dict[str, int] = {}
            mentions = 0
            for m in dict.fromkeys(q.subject for q in named(qfp(None, TA, e, None))):
                ctx = {d.value for d in objects(m, CTX)}
                if ctx:
                    mentions += 1
                    for d in ctx:
                        per_doc[d] = per_doc.get(d, 0) + 1
            # statements about the entity's relations: ?st rdf:subject ?e ; rdf:predicate ?p ;
            # rdf:object ?o ; prov:wasDerivedFrom/nif:referenceContext ?doc
            stated: dict[tuple[str, str], tuple[set, set]] = {}
            if rel:
                for st in dict.fromkeys(q.subject for q in named(qfp(None, ST_S, e, None))):
                    st_docs = {d.value for sent in objects(st, DERIVED) for d in objects(sent, CTX)}
                    if not st_docs:
                        continue
                    for p in objects(st, ST_P):
                        for o in objects(st, ST_O):
                            key = (p.value, o.value)
                            if key in rel:
                                sts, ds = stated.setdefault(key, (set(), set()))
                                sts.add(st)
                                ds.update(st_docs)
            name = min(names)
            kinds_sorted = sorted(kinds_of)
            labels = ";".join([max(cores), *kinds_sorted])
            nw.writerow([iri, _clean(name), iri, labels, _clean(name), max(cores), ";".join(kinds_sorted),
                         ";".join(_clean(a) for a in sorted(aliases)), mentions, len(per_doc), "", ""])
            edges: dict[tuple[str, str], tuple[int, int]] = {}
            for p, o in rel:
                sts, ds = stated.get((p, o), ((), ()))
                edges[(kinds.get(p) or _kind_name(p), o)] = (len(sts), len(ds))
            for d in dict.fromkeys(docs_in):
                if d in documents:
                    edges[("mentionedIn", d)] = (per_doc.get(d, 0), 1)
            for (kind, o), (n, ndocs) in sorted(edges.items()):
                ew.writerow([iri, o, "Directed", kind, max(n, 1), iri, o, _neo4j_type(kind), n, ndocs])
        for iri in sorted(documents):
            d = documents[iri]
            label = _clean(d["title"] or d["ident"] or iri)
            nw.writerow([iri, label, iri, "Document", _clean(d["ident"]), "Document", "", "", "", "", _clean(d["title"]),
                         d["date"]])
    return nodes_path, edges_path


def write_exports(store, out_dir: str | Path, exclude: set[str] = frozenset()) -> dict[str, Path]:
    """Write graph.jsonld, context.jsonld, nodes.csv and edges.csv into ``out_dir``.

    ``store`` is a GraphStore, the store folder or the build's output folder; ``exclude``
    names graphs to leave out (e.g. the ontology graph). Returns what was written.
    """
    out = Path(out_dir)
    gs = _open(store)  # first: a missing store must not leave an empty folder behind
    out.mkdir(parents=True, exist_ok=True)
    files = {"jsonld": write_jsonld(gs, out / "graph.jsonld", exclude)}
    ctx = out / "context.jsonld"
    with atomic_write(ctx) as f:
        json.dump(jsonld_context(), f, ensure_ascii=False, indent=1)
        f.write("\n")
    files["context"] = ctx
    files["nodes"], files["edges"] = write_csv(gs, out / "nodes.csv", out / "edges.csv")
    return files
