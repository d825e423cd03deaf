"""Exports for the tools people already use: JSON-LD, and node/edge CSV for Neo4j and Gephi.

    >>> from kg.export import write_exports
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
from collections import defaultdict
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


def _union_triples(gs, exclude: set[str]):
    import pyoxigraph as ox

    filt = " ".join(f"FILTER(?g != <{ox.NamedNode(g).value}>)" for g in sorted(exclude))
    return gs.oxigraph.query(
        f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {filt} }} ORDER BY ?s ?p ?o")


def write_jsonld(store, path: str | Path, exclude: set[str] = frozenset()) -> Path:
    """The union of the named graphs as compacted JSON-LD with a @context of the kg prefixes."""
    import pyoxigraph as ox

    gs = _open(store)
    nodes: dict[str, dict] = {}
    rdf_type = PREFIXES["rdf"] + "type"

    def ref(term) -> str:
        return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value

    for row in _union_triples(gs, set(exclude)):
        s, p, o = row["s"], row["p"], row["o"]
        node = nodes.setdefault(ref(s), {"@id": ref(s)})
        if p.value == rdf_type and not isinstance(o, ox.Literal):
            node.setdefault("@type", []).append(_curie(ref(o)))
            continue
        if isinstance(o, ox.Literal):
            dt = o.datatype.value
            if o.language:
                val = {"@value": o.value, "@language": o.language}
            elif dt == _XSD + "string":
                val = o.value
            else:
                val = {"@value": o.value, "@type": _curie(dt)}
        elif isinstance(o, ox.NamedNode | ox.BlankNode):
            val = {"@id": ref(o)}
        else:
            continue  # RDF-star triple terms have no JSON-LD 1.1 form
        node.setdefault(_curie(p.value), []).append(val)
    doc = {"@context": dict(PREFIXES), "@graph": list(nodes.values())}
    path = Path(path)
    with atomic_write(path) as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return path


def _kind_name(pred_iri: str) -> str:
    for kind, p in PREDICATES.items():
        if str(p) == pred_iri:
            return kind
    return _curie(pred_iri).split(":")[-1]


def _neo4j_type(kind: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", kind).upper()


def write_csv(store, nodes_path: str | Path, edges_path: str | Path) -> tuple[Path, Path]:
    """nodes.csv and edges.csv that neo4j-admin import and Gephi's spreadsheet import both read."""
    gs = _open(store)
    core = {str(KGO[c]): c for c in CORE_CLASSES}
    kgo = str(KGO._NS)

    entities: dict[str, dict] = {}
    for r in gs.query("""
        SELECT ?e ?type ?name (COUNT(DISTINCT ?m) AS ?mentions) (COUNT(DISTINCT ?doc) AS ?docs) WHERE {
          ?e a ?type ; skos:prefLabel ?name .
          OPTIONAL { ?m itsrdf:taIdentRef ?e ; nif:referenceContext ?doc }
          FILTER(STRSTARTS(STR(?type), STR(kgo:)))
        } GROUP BY ?e ?type ?name"""):
        t = r["type"].value
        e = entities.setdefault(r["e"].value, {"name": r["name"].value, "core": None, "kinds": set(),
                                                "aliases": set(), "mentions": 0, "documents": 0})
        if t in core:
            e["core"] = core[t]
        else:
            e["kinds"].add(t[len(kgo):])
        e["mentions"] = max(e["mentions"], int(r["mentions"].value))
        e["documents"] = max(e["documents"], int(r["docs"].value))
    for r in gs.query("SELECT DISTINCT ?e ?alias WHERE { ?e skos:altLabel ?alias }"):
        if r["e"].value in entities:
            entities[r["e"].value]["aliases"].add(r["alias"].value)
    entities = {k: v for k, v in entities.items() if v["core"]}

    documents = {}
    for r in gs.query("""SELECT ?d (SAMPLE(?id) AS ?ident) (SAMPLE(?t) AS ?title) (SAMPLE(?dt) AS ?date) WHERE {
          ?d a kgo:Document . OPTIONAL { ?d dcterms:identifier ?id } OPTIONAL { ?d dcterms:title ?t }
          OPTIONAL { ?d dcterms:date ?dt } } GROUP BY ?d"""):
        documents[r["d"].value] = {k: (r[k].value if r[k] is not None else "") for k in ("ident", "title", "date")}

    nodes_path, edges_path = Path(nodes_path), Path(edges_path)
    with atomic_write(nodes_path, newline="") as f:
        w = csv.writer(f)
        w.writerow(NODE_HEADER)
        for iri in sorted(entities):
            e = entities[iri]
            kinds = sorted(e["kinds"])
            labels = ";".join([e["core"], *kinds])
            w.writerow([iri, _clean(e["name"]), iri, labels, _clean(e["name"]), e["core"], ";".join(kinds),
                        ";".join(_clean(a) for a in sorted(e["aliases"])), e["mentions"], e["documents"], "", ""])
        for iri in sorted(documents):
            d = documents[iri]
            label = _clean(d["title"] or d["ident"] or iri)
            w.writerow([iri, label, iri, "Document", _clean(d["ident"]), "Document", "", "", "", "", _clean(d["title"]),
                        d["date"]])

    edges: dict[tuple[str, str, str], dict] = defaultdict(lambda: {"statements": 0, "documents": 0})
    values = " ".join(f"<{p}>" for p in PREDICATES.values())
    for r in gs.query(f"""
        SELECT ?s ?p ?o (COUNT(DISTINCT ?st) AS ?n) (COUNT(DISTINCT ?doc) AS ?docs) WHERE {{
          VALUES ?p {{ {values} }}
          ?s ?p ?o .
          OPTIONAL {{ ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                          prov:wasDerivedFrom/nif:referenceContext ?doc }}
        }} GROUP BY ?s ?p ?o"""):
        s, o = r["s"].value, r["o"].value
        if s in entities and o in entities:
            edges[(s, _kind_name(r["p"].value), o)] = {"statements": int(r["n"].value),
                                                        "documents": int(r["docs"].value)}
    for r in gs.query("""
        SELECT ?e ?doc (COUNT(DISTINCT ?m) AS ?n) WHERE {
          ?e kgo:mentionedIn ?doc . OPTIONAL { ?m itsrdf:taIdentRef ?e ; nif:referenceContext ?doc }
        } GROUP BY ?e ?doc"""):
        e, d = r["e"].value, r["doc"].value
        if e in entities and d in documents:
            edges[(e, "mentionedIn", d)] = {"statements": int(r["n"].value), "documents": 1}

    with atomic_write(edges_path, newline="") as f:
        w = csv.writer(f)
        w.writerow(EDGE_HEADER)
        for (s, kind, o), c in sorted(edges.items()):
            t = _neo4j_type(kind)
            weight = max(c["statements"], 1)
            w.writerow([s, o, "Directed", kind, weight, s, o, t, c["statements"], c["documents"]])
    return nodes_path, edges_path


def write_exports(store, out_dir: str | Path, exclude: set[str] = frozenset()) -> dict[str, Path]:
    """Write graph.jsonld, context.jsonld, nodes.csv and edges.csv into ``out_dir``.

    ``store`` is a GraphStore, the store folder or the build's output folder; ``exclude``
    names graphs to leave out (e.g. the ontology graph). Returns what was written.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    gs = _open(store)
    files = {"jsonld": write_jsonld(gs, out / "graph.jsonld", exclude)}
    ctx = out / "context.jsonld"
    with atomic_write(ctx) as f:
        json.dump(jsonld_context(), f, ensure_ascii=False, indent=1)
        f.write("\n")
    files["context"] = ctx
    files["nodes"], files["edges"] = write_csv(gs, out / "nodes.csv", out / "edges.csv")
    return files
