"""kg.export: JSON-LD that round-trips, and CSV headers that neo4j-admin import and Gephi accept."""
from __future__ import annotations

import csv
import json

from rdflib import Graph, URIRef

from .servers import test_store_dir  # noqa: F401

from kg.exports import write_exports


def _read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_exports_are_written(test_store_dir, tmp_path):
    files = write_exports(test_store_dir, tmp_path)
    assert set(files) == {"jsonld", "context", "nodes", "edges"}
    assert all(p.exists() and p.stat().st_size > 0 for p in files.values())


def test_jsonld_has_a_context_and_holds_the_union_of_the_graphs(test_store_dir, tmp_path):
    from kg.store import GraphStore

    files = write_exports(test_store_dir, tmp_path)
    doc = json.loads(files["jsonld"].read_text(encoding="utf-8"))
    assert doc["@context"]["kgo"] == "https://w3id.org/govkg/ontology#"
    g = Graph().parse(files["jsonld"], format="json-ld")
    union = Graph()
    store = GraphStore(test_store_dir, read_only=True)
    for r in store.query("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"):
        union.parse(data=f"{r['s']} {r['p']} {r['o']} .", format="nt")
    assert len(g) == len(union)
    assert set(g) == set(union)


def test_csv_headers_follow_neo4j_admin_and_gephi(test_store_dir, tmp_path):
    files = write_exports(test_store_dir, tmp_path)
    nodes, edges = _read(files["nodes"]), _read(files["edges"])
    nh, eh = list(nodes[0]), list(edges[0])
    # neo4j-admin import: exactly one :ID and :LABEL; :START_ID, :END_ID, :TYPE
    assert nh.count(":ID") == 1 and ":LABEL" in nh
    assert {":START_ID", ":END_ID", ":TYPE"} <= set(eh)
    # Gephi spreadsheet import: Id/Label for nodes, Source/Target/Type/Label/Weight for edges
    assert nh[:2] == ["Id", "Label"] and eh[:5] == ["Source", "Target", "Type", "Label", "Weight"]
    ids = {n[":ID"] for n in nodes}
    assert len(ids) == len(nodes)
    assert all(e[":START_ID"] in ids and e[":END_ID"] in ids for e in edges)
    assert all(e["Type"] == "Directed" and int(e["Weight"]) >= 1 for e in edges)
    by_name = {n["name"]: n for n in nodes}
    assert by_name["中共官渡区委"][":LABEL"] == "Organization;PartyCommittee"
    assert by_name["中共官渡区委"]["aliases:string[]"] == "区委"
    assert by_name["guandu-2012-report"][":LABEL"] == "Document"
    holds = [e for e in edges if e[":TYPE"] == "HOLDS"]
    assert {(URIRef(e[":START_ID"]), e["Label"]) for e in holds} and len(holds) == 3
    assert {e[":TYPE"] for e in edges} >= {"HOLDS", "POST_IN", "PART_OF", "RESPONSIBLE_FOR", "IMPLEMENTS",
                                           "MENTIONED_IN", "CO_OCCURS_WITH"}


def test_kg_export_command(test_store_dir, tmp_path):
    from click.testing import CliRunner

    import kg.cli.export  # noqa: F401  (registers the command until kg.cli imports it itself)
    from kg.cli import main

    res = CliRunner().invoke(main, ["export", "--store", str(test_store_dir), "-o", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "nodes.csv").exists() and "graph.jsonld" in res.output
