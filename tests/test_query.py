"""kg.query / `kg query` on the embedded store: the queries of queries/, parameters bound
safely, the four query forms, the output formats and errors with line and column."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from .servers import DOC_A, DOC_B, test_store_dir  # noqa: F401

import kg
from kg.cli import main
from kg.sparql import (ParamError, QueryError, QuerySyntaxError, bind_params, parse_param, query,
                       query_form)

ROOT = Path(__file__).resolve().parent.parent
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
PARAMS = {
    "entity-facts.rq": {"name": "官渡区政府"},
    "entity-neighbourhood.rq": {"name": "区委"},
    "changes-between-documents.rq": {"old": DOC_A[0], "new": DOC_B[0]},
}


def run(*args):
    return CliRunner().invoke(main, ["query", *map(str, args)])


# --- the query files ---------------------------------------------------------------------------

def test_at_least_ten_queries_each_opening_with_its_question():
    assert len(QUERIES) >= 10
    forms = set()
    for q in QUERIES:
        text = q.read_text(encoding="utf-8")
        assert text.startswith("# Question:"), f"{q.name} must open with a '# Question:' comment"
        forms.add(query_form(text))
    assert {"SELECT", "ASK", "CONSTRUCT"} <= forms
    assert (ROOT / "queries" / "people-and-posts.rq").exists()  # the build's summary points to it


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_every_query_runs_on_the_embedded_store(path, test_store_dir):
    res = kg.query(path, store=test_store_dir, params=PARAMS.get(path.name))
    if res.kind == "ask":
        assert res.boolean is False  # unsourced-facts: every fact has its sentence
    else:
        assert len(res) > 0, f"{path.name} returns nothing on the test documents"


def test_answers_on_the_test_documents(test_store_dir):
    rows = {(r["person"].toPython(), r["post"].toPython()) for r in query(ROOT / "queries/people-and-posts.rq",
                                                                            store=test_store_dir)}
    assert ("张三", "官渡区区长") in rows and ("保建彬", "中共官渡区委书记") in rows
    places = {(str(r["place"]), str(r["within"]), str(r["level"]))
              for r in query(ROOT / "queries/place-hierarchy.rq", store=test_store_dir)}
    assert ("官渡区", "云南省", "ancestor") in places and ("官渡区", "昆明市", "parent") in places
    facts = list(query(ROOT / "queries/entity-facts.rq", store=test_store_dir, params={"name": "区长"}))
    assert {str(f["sentence"]) for f in facts} == {"官渡区人民政府区长张三作政府工作报告。"}
    changes = query(ROOT / "queries/changes-between-documents.rq", store=test_store_dir, params=PARAMS[
        "changes-between-documents.rq"])
    added = {(str(r["subject"]), str(r["object"])) for r in changes if str(r["change"]) == "added"}
    assert ("张三", "官渡区区长") in added
    assert all(str(r["old"]) == DOC_A[0] for r in changes)  # a bound variable stays a column


def test_queries_return_rows_on_the_sample_speech(sample_build):
    with_rows = [q.name for q in QUERIES
                 if q.name not in PARAMS and query_form(q.read_text()) == "SELECT"
                 and len(query(q, store=sample_build.out_dir)) > 0]
    assert len(with_rows) >= 3, with_rows
    assert "people-and-posts.rq" in with_rows


# --- parameters --------------------------------------------------------------------------------

def test_parse_param_values():
    assert parse_param("官渡区") == Literal("官渡区")
    assert parse_param("<https://w3id.org/govkg/id/x>") == URIRef("https://w3id.org/govkg/id/x")
    assert parse_param("https://example.org/a") == URIRef("https://example.org/a")
    assert parse_param("kgo:Project") == URIRef("https://w3id.org/govkg/ontology#Project")
    assert parse_param('"官渡"@zh') == Literal("官渡", lang="zh")
    assert parse_param('"2011-05-25"^^xsd:date').datatype == URIRef("http://www.w3.org/2001/XMLSchema#date")
    assert parse_param("2011") == Literal(2011)
    with pytest.raises(ParamError):
        parse_param("<not an iri>")


def test_bind_params_substitutes_tokens_not_text():
    q = 'SELECT ?name ?x WHERE { ?x rdfs:label ?l . FILTER(STR(?l) = ?name) # ?name in a comment\n' \
        '  BIND("?name in a string" AS ?s) } ORDER BY ?name'
    out = bind_params(q, {"name": "官渡区"})
    assert out.startswith('SELECT ("官渡区" AS ?name) ?x')
    assert 'FILTER(STR(?l) = "官渡区")' in out
    assert "# ?name in a comment" in out and '"?name in a string"' in out
    assert out.endswith('ORDER BY ("官渡区")')


def test_a_value_cannot_change_the_query(test_store_dir):
    evil = '张三") } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o # '
    out = bind_params("SELECT ?e WHERE { ?e skos:prefLabel ?l FILTER(STR(?l) = ?name) }", {"name": evil})
    from kg.sparql import _tokens

    assert [t.text for t in _tokens(out) if t.kind == "other" and t.text in "{}"] == ["{", "}"]
    assert '\\")' in out
    assert len(query("SELECT ?e WHERE { ?e skos:prefLabel ?l FILTER(STR(?l) = ?name) }", store=test_store_dir,
                     params={"name": evil})) == 0


def test_param_errors():
    with pytest.raises(ParamError, match=r"no variable \?nope"):
        bind_params("SELECT ?x WHERE { ?x ?p ?o }", {"nope": "1"})
    with pytest.raises(ParamError, match="assigned"):
        bind_params("SELECT ?x WHERE { BIND(1 AS ?x) }", {"x": "1"})
    with pytest.raises(ParamError, match="VALUES"):
        bind_params("SELECT ?x WHERE { VALUES ?x { 1 } }", {"x": "1"})


# --- the command -------------------------------------------------------------------------------

def test_cli_formats(test_store_dir):
    q = ROOT / "queries" / "people-and-posts.rq"
    table = run(q, "--store", test_store_dir)
    assert table.exit_code == 0, table.output
    assert "保建彬" in table.output and "firstSeen" in table.output
    rows = list(csv.DictReader(io.StringIO(run(q, "--store", test_store_dir, "-f", "csv").output)))
    assert {r["person"] for r in rows} == {"保建彬", "张三"}
    tsv = run(q, "--store", test_store_dir, "-f", "tsv").output.splitlines()
    assert tsv[0].startswith("?person\t?post") and '"张三"@zh' in "\n".join(tsv)
    data = json.loads(run(q, "--store", test_store_dir, "-f", "json").output)
    assert data["head"]["vars"][0] == "person" and data["results"]["bindings"]


def test_cli_ask_construct_describe(test_store_dir):
    assert run(ROOT / "queries/unsourced-facts.rq", "--store", test_store_dir).output.strip() == "false"
    assert run("ASK { ?p a kgo:Person }", "--store", test_store_dir, "-f", "json").output.count('"boolean": true')
    ttl = run(ROOT / "queries/entity-neighbourhood.rq", "--store", test_store_dir, "-p", "name=张三",
              "-f", "turtle")
    assert ttl.exit_code == 0, ttl.output
    assert "org:holds" in ttl.output and '"官渡区区长"@zh' in ttl.output
    desc = run("DESCRIBE ?e WHERE { ?e skos:prefLabel ?l FILTER(STR(?l) = ?name) }", "--store", test_store_dir,
               "--param", "name=张三", "-f", "ntriples")
    assert desc.exit_code == 0 and "<http://www.w3.org/ns/org#holds>" in desc.output
    jsonld = json.loads(run(ROOT / "queries/entity-neighbourhood.rq", "--store", test_store_dir, "-p",
                            "name=张三", "-f", "json").output)
    assert "@context" in jsonld


def test_cli_syntax_error_names_line_and_column_and_exits_2(test_store_dir, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("# a comment\nSELECT ?x WHERE {\n  ?x ?y\n}}\n", encoding="utf-8")
    res = run(bad, "--store", test_store_dir)
    assert res.exit_code == 2
    assert f"{bad}, line 4, column " in res.output
    res = run("SELECT ?x WHERE { ?x nope:p ?y }", "--store", test_store_dir)
    assert res.exit_code == 2 and "line 1, column" in res.output and "unknown prefix" in res.output
    with pytest.raises(QuerySyntaxError) as info:
        query("SELECT * WHERE {\n ?s ?p ?o\n", store=test_store_dir)
    assert info.value.line == 3


def test_cli_other_errors(test_store_dir, tmp_path):
    assert run(tmp_path / "missing.rq", "--store", test_store_dir).exit_code == 1
    assert run("SELECT * WHERE { ?s ?p ?o }", "--store", tmp_path / "nostore").exit_code == 1
    res = run("SELECT * WHERE { ?s ?p ?o }", "--store", test_store_dir, "--param", "broken")
    assert res.exit_code == 2 and "NAME=VALUE" in res.output
    res = run("DELETE WHERE { ?s ?p ?o }", "--store", test_store_dir)
    assert res.exit_code != 0 and "Update" in res.output
    with pytest.raises(QueryError, match="cannot reach"):
        query("ASK {}", endpoint="http://127.0.0.1:9/sparql", timeout=2)
