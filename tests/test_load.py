"""kg.load / `kg load` against real servers (Oxigraph and Virtuoso on loopback), and the
queries of queries/ compared between the embedded store and each server."""
from __future__ import annotations

import http.server
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal

from .servers import (DOC_A, DOC_B, build_test_store, oxigraph_server, start_oxigraph,  # noqa: F401
                     test_store_dir, virtuoso_server)

import kg
from kg.loader import LoadError, count_on_server
from kg.sparql import query
from kg.vocab import DEFAULT_BASE

ROOT = Path(__file__).resolve().parent.parent
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
PARAMS = {  # queries that take parameters, with values that exist in the hand-made documents
    "entity-facts.rq": {"name": "官渡区政府"},
    "entity-neighbourhood.rq": {"name": "区委"},
    "changes-between-documents.rq": {"old": DOC_A[0], "new": DOC_B[0]},
}


def _server(request, name):
    srv = request.getfixturevalue(f"{name}_server")
    for k, v in srv.env.items():
        request.getfixturevalue("monkeypatch").setenv(k, v)
    return srv


def _expected_triples(store_dir: Path) -> int:
    """Quads in the embedded store plus the ontology's triples (the loader adds its graph)."""
    import pyoxigraph as ox

    from kg.store import GraphStore

    onto = ox.Store()
    for f in (ROOT / "ontology").glob("*.ttl"):
        onto.load(path=str(f), format=ox.RdfFormat.TURTLE)
    return len(GraphStore(store_dir, read_only=True)) + len(onto)


# --- normalisation of results from different stores --------------------------------------------

_X = "http://www.w3.org/2001/XMLSchema#"  # strings, not rdflib's closed XSD namespace (pytest pokes at globals)
_NUMERIC = {_X + t for t in ("integer", "int", "long", "short", "decimal", "nonNegativeInteger",
                             "positiveInteger", "unsignedInt", "unsignedLong")}


def _norm(term):
    """Make equal what the SPARQL standard makes equal but stores write differently:
    - numbers: Virtuoso may type COUNT() as xsd:int or xsd:integer → compared by value;
    - language tags: compared lower-cased (Virtuoso may lower-case them; BCP 47 tags are case-insensitive);
    - xsd:string vs simple literal: the same in RDF 1.1 (kg.sparql already drops xsd:string);
    - dates: compared by lexical form without a trailing 'Z' some stores add."""
    if term is None:
        return None
    if isinstance(term, Literal):
        dt = str(term.datatype) if term.datatype else None
        if dt in _NUMERIC:
            return ("num", Decimal(str(term)))
        if term.language:
            return ("lang", str(term), term.language.lower())
        if dt in (_X + "date", _X + "dateTime"):
            return ("date", str(term).rstrip("Z"))
        return ("lit", str(term), None if dt in (None, _X + "string") else dt)
    return (type(term).__name__, str(term))


def _rows(res):
    """Rows as a sorted list (ORDER BY ties may come in any order; the multiset must agree)."""
    if res.kind == "ask":
        return [res.boolean]
    if res.kind == "graph":
        return sorted(repr(tuple(_norm(t) for t in tr)) for tr in res.graph)
    return sorted(repr(tuple(_norm(t) for t in r)) for r in res.rows)


# --- the servers -------------------------------------------------------------------------------

SERVERS = ["oxigraph", "virtuoso"]


@pytest.mark.server
@pytest.mark.parametrize("name", SERVERS)
def test_load_twice_gives_the_same_triples(request, name, test_store_dir):
    srv = _server(request, name)
    want = _expected_triples(test_store_dir / "store")
    first = kg.load(test_store_dir, endpoint=srv.query_url, graph_store=srv.graph_store_url,
                    state_file=test_store_dir / f"state-{name}.json")
    assert first.server_triples == want, first
    assert first.server_graphs == 3  # ontology + two documents
    second = kg.load(test_store_dir, endpoint=srv.query_url, graph_store=srv.graph_store_url,
                     state_file=test_store_dir / f"state-{name}.json")
    assert second.server_triples == want
    assert count_on_server(srv.query_url, DEFAULT_BASE) == (want, 3)


@pytest.mark.server
@pytest.mark.parametrize("name", SERVERS)
def test_sparql_update_path_replaces_graphs(request, name, test_store_dir, tmp_path):
    """Without a Graph Store Protocol URL: DROP + INSERT DATA in (small) batches, twice."""
    srv = _server(request, name)
    want = _expected_triples(test_store_dir / "store")
    for _ in range(2):
        rep = kg.load(test_store_dir, endpoint=srv.query_url, update_endpoint=srv.update_url, batch_size=40,
                      state_file=tmp_path / "state.json")
        assert rep.method == "update"
        assert rep.server_triples == want


@pytest.mark.server
@pytest.mark.parametrize("name", SERVERS)
def test_every_query_returns_the_same_rows_from_server_and_embedded_store(request, name, test_store_dir):
    srv = _server(request, name)
    kg.load(test_store_dir, endpoint=srv.query_url, graph_store=srv.graph_store_url,
            state_file=test_store_dir / f"state-{name}.json")
    assert len(QUERIES) >= 10
    for q in QUERIES:
        params = PARAMS.get(q.name)
        local = query(q, store=test_store_dir, params=params)
        remote = query(q, endpoint=srv.query_url, params=params)
        assert local.kind == remote.kind, q.name
        if local.kind == "select":
            assert local.vars == remote.vars, q.name
            assert local.rows, f"{q.name} returns no rows on the test documents"
        assert _rows(local) == _rows(remote), f"{q.name}: {name} differs from the embedded store"


@pytest.mark.server
def test_server_stopped_mid_load_gives_a_clear_error_and_resume_completes(tmp_path, test_store_dir):
    srv = start_oxigraph(tmp_path / "ox")
    try:
        state = tmp_path / "state.json"

        def stop_after_first(graph, i, total, what):
            if i == 1:
                srv.stop()

        with pytest.raises(LoadError) as info:
            kg.load(test_store_dir, endpoint=srv.query_url, graph_store=srv.graph_store_url, state_file=state,
                     retries=2, backoff=0.05, progress=stop_after_first, concurrency=1)
        msg = str(info.value)
        assert "graph 2 of 3" in msg and "--resume" in msg and "stay loaded" in msg
        assert "cannot reach" in msg
        assert len(info.value.loaded) == 1 and str(state) in msg

        srv.start()
        done = []
        rep = kg.load(test_store_dir, endpoint=srv.query_url, graph_store=srv.graph_store_url, state_file=state,
                      resume=True, progress=lambda g, i, t, what: done.append(what))
        assert done == ["skipped", "loaded", "loaded"]
        assert rep.server_triples == _expected_triples(test_store_dir / "store")
        # and a full reload on top changes nothing
        again = kg.load(test_store_dir, endpoint=srv.query_url, graph_store=srv.graph_store_url, state_file=state)
        assert again.server_triples == rep.server_triples
    finally:
        srv.stop()


@pytest.mark.server
def test_cli_load_prints_a_summary_and_never_the_password(request, test_store_dir, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from kg.cli import main

    srv = _server(request, "virtuoso")
    secret = srv.env["KG_ENDPOINT_PASSWORD"]
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", secret)
    res = CliRunner().invoke(main, ["load", "--store", str(test_store_dir), "--endpoint", srv.query_url,
                                    "--graph-store", srv.graph_store_url, "--state-file", str(tmp_path / "s.json")])
    assert res.exit_code == 0, res.output
    assert "graphs loaded" in res.output and "triples now in these graphs on the server" in res.output
    assert f":{secret}@" not in res.output

    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "wrong-password-xyz")
    res = CliRunner().invoke(main, ["load", "--store", str(test_store_dir), "--graph-store", srv.graph_store_url,
                                    "--state-file", str(tmp_path / "s2.json")])
    assert res.exit_code == 1
    assert "401" in res.output and "KG_ENDPOINT_PASSWORD" in res.output
    assert "wrong-password-xyz" not in res.output


@pytest.mark.server
def test_cli_query_on_a_remote_endpoint(request, test_store_dir):
    from click.testing import CliRunner

    from kg.cli import main

    srv = _server(request, "oxigraph")
    kg.load(test_store_dir, graph_store=srv.graph_store_url, state_file=test_store_dir / "state-cli.json")
    res = CliRunner().invoke(main, ["query", str(ROOT / "queries" / "people-and-posts.rq"), "--endpoint",
                                    srv.query_url, "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert "张三,官渡区区长,官渡区政府" in res.output
    bad = CliRunner().invoke(main, ["query", "SELECT ?x WHERE {\n ?x ?y \n}}", "--endpoint", srv.query_url])
    assert bad.exit_code == 2 and "line 3" in bad.output


# --- retries without a server: a loopback stub that fails, then succeeds ------------------------

class _Flaky(http.server.BaseHTTPRequestHandler):
    plan: list[int] = []
    seen: list[tuple[str, str]] = []

    def do_PUT(self):  # noqa: N802
        n = int(self.headers.get("Content-Length", 0))
        self.rfile.read(n)
        _Flaky.seen.append(("PUT", self.path))
        code = _Flaky.plan.pop(0) if _Flaky.plan else 204
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def flaky_server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    _Flaky.seen.clear()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}/store"
    finally:
        srv.shutdown()
        srv.server_close()


def test_5xx_is_retried_with_back_off(flaky_server, test_store_dir, tmp_path):
    _Flaky.plan = [503, 500, 201]  # the first graph needs three attempts
    rep = kg.load(test_store_dir, graph_store=flaky_server, state_file=tmp_path / "s.json", backoff=0.01)
    assert len(rep.graphs) == 3
    assert len(_Flaky.seen) == 5
    assert all("graph=" in path for _, path in _Flaky.seen)


def test_4xx_is_not_retried_and_says_how_to_resume(flaky_server, test_store_dir, tmp_path):
    _Flaky.plan = [201, 400]
    with pytest.raises(LoadError) as info:
        kg.load(test_store_dir, graph_store=flaky_server, state_file=tmp_path / "s.json", backoff=0.01,
                concurrency=1)
    assert "400" in str(info.value) and "--resume" in str(info.value)
    assert len(_Flaky.seen) == 2


def test_credentials_in_a_url_are_used_but_never_shown(flaky_server, test_store_dir, tmp_path):
    _Flaky.plan = [500, 500, 500]
    url = flaky_server.replace("http://", "http://someone:s3cret@")
    with pytest.raises(LoadError) as info:
        kg.load(test_store_dir, graph_store=url, state_file=tmp_path / "s.json", retries=2, backoff=0.01,
                concurrency=1)
    assert "s3cret" not in str(info.value) and "someone" not in str(info.value)
    assert "s3cret" not in (tmp_path / "s.json").read_text()


def test_load_needs_a_target(test_store_dir):
    with pytest.raises(LoadError, match="--graph-store"):
        kg.load(test_store_dir)


@pytest.mark.server
def test_an_oxigraph_server_is_asked_for_bulk_loading_and_others_are_not(tmp_path, test_store_dir, flaky_server):
    from kg.loader import _Http, _is_oxigraph

    srv = start_oxigraph(tmp_path / "ox")
    try:
        http = _Http(None, retries=0, backoff=0, timeout=10)
        assert _is_oxigraph(http, srv.graph_store_url)
        assert not _is_oxigraph(http, flaky_server)
        rep = kg.load(test_store_dir, endpoint=srv.query_url, graph_store=srv.graph_store_url,
                      state_file=tmp_path / "s.json")
        assert rep.server_triples == _expected_triples(test_store_dir / "store")
    finally:
        srv.stop()
    _Flaky.plan = []
    kg.load(test_store_dir, graph_store=flaky_server, state_file=tmp_path / "f.json")
    puts = [path for method, path in _Flaky.seen if method == "PUT"]
    assert puts and not any("no_transaction" in p for p in puts)


@pytest.mark.server
def test_a_select_whose_comment_says_drop_is_still_a_select_on_a_server(tmp_path, test_store_dir):
    srv = start_oxigraph(tmp_path / "ox")
    try:
        kg.load(test_store_dir, endpoint=srv.query_url, graph_store=srv.graph_store_url, state_file=tmp_path / "s.json")
        q = "# insert a LIMIT, or drop it\nSELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        res = query(q, endpoint=srv.query_url)
        assert res.kind == "select" and int(res.rows[0][0]) == _expected_triples(test_store_dir / "store")
    finally:
        srv.stop()
