"""The build end to end on real documents: files, store, incremental builds, interruption."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from kg.builder import build
from kg.model import CORE_CLASSES
from kg.store import GraphStore
from kg.vocab import KGO

from .conftest import REPORTS, SAMPLE


def test_sample_build_writes_parseable_files(sample_build):
    out = sample_build.out_dir
    g = Graph().parse(out / "graph.ttl", format="turtle")
    assert len(g) > 500
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    graphs = {c.identifier for c in ds.graphs() if len(c)}
    assert len(graphs) == 1  # one named graph for the one document
    # graph.ttl is the union of the named graphs, each triple once (counted as written: an rdflib
    # Graph would fold a triple written twice)
    import pyoxigraph as ox

    written = list(ox.parse(path=out / "graph.ttl", format=ox.RdfFormat.TURTLE))
    assert len(written) == len(set(written)) == len(g)
    assert len(g) == len({(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))})
    assert sample_build.documents == 1 and not sample_build.problems
    assert sample_build.triples == len(g)
    assert sum(sample_build.entities_by_type.values()) > 30


def test_mentions_file_offsets_point_at_their_text(sample_build):
    g = Graph().parse(sample_build.out_dir / "graph.ttl", format="turtle")
    typed = {s for s, _, o in g.triples((None, RDF.type, None)) if o in {KGO[c] for c in CORE_CLASSES}}
    lines = (sample_build.out_dir / "mentions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    rec = json.loads(lines[0])
    assert rec["id"] == str(SAMPLE)
    assert rec["spans"]
    for span in rec["spans"]:
        assert rec["text"][span["start"]:span["end"]] == span["text"]
        assert span["label"] in CORE_CLASSES
        assert URIRef(span["entity"]) in typed


def test_summary_counts_match_the_graph(sample_build):
    g = Graph().parse(sample_build.out_dir / "graph.ttl", format="turtle")
    for cls, n in sample_build.entities_by_type.items():
        assert n == len(set(g.subjects(RDF.type, KGO[cls])))


def _corpus(tmp_path: Path, names: list[str]) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in names:
        shutil.copy(REPORTS / name, corpus / name)
    return corpus


def test_incremental_build_redoes_only_what_changed(tmp_path):
    corpus = _corpus(tmp_path, ["2026-hebei-province.txt", "2025-hebei-province.txt"])
    out = tmp_path / "out"
    first = build([corpus], out, views=False)
    assert (first.documents, first.unchanged) == (2, 0)
    store = GraphStore(out, read_only=True)
    graphs_before = store.graph_names()
    del store

    again = build([corpus], out, views=False)
    assert (again.documents, again.unchanged, again.removed) == (0, 2, 0)
    assert again.triples == first.triples

    changed = corpus / "2025-hebei-province.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n河北省人民政府负责雄安新区建设。\n", encoding="utf-8")
    third = build([corpus], out, views=False)
    assert (third.documents, third.unchanged) == (1, 1)
    # graph.trig, written from the re-processed document and the store's copy of the other,
    # holds the same quads as a full build of the same files
    full = build([corpus], tmp_path / "full", views=False, incremental=False)
    assert full.documents == 2
    assert _quads(out / "graph.trig") == _quads(tmp_path / "full" / "graph.trig")
    # graph.ttl: dumped from the store here, written as the documents came in the full build
    assert _triples(out / "graph.ttl") == _triples(tmp_path / "full" / "graph.ttl")

    (corpus / "2026-hebei-province.txt").unlink()
    fourth = build([corpus], out, views=False)
    assert fourth.removed == 1
    store = GraphStore(out, read_only=True)
    assert len(store.graph_names()) == 1 and store.graph_names()[0] in graphs_before
    # an entity both reports name is still there, from the remaining document
    ask = store.query('ASK { ?e rdfs:label "河北省"@zh }')
    assert bool(ask)
    lines = (out / "mentions.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["id"] for x in lines] == [str(changed)]


def _quads(trig: Path) -> set:
    import pyoxigraph as ox
    return set(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))


def _triples(ttl: Path) -> set:
    import pyoxigraph as ox
    return set(ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))


def test_killed_build_leaves_previous_output_whole(tmp_path):
    corpus = _corpus(tmp_path, ["2026-hebei-province.txt"])
    out = tmp_path / "out"
    kg = [sys.executable, "-m", "kg.cli", "build", "-o", str(out), "--no-views"]
    subprocess.run([*kg, str(corpus)], check=True, capture_output=True)
    before = (out / "graph.ttl").read_bytes()
    n_before = len(Graph().parse(data=before, format="turtle"))

    # a much bigger corpus, killed half-way with a real signal
    for p in sorted(REPORTS.glob("*.txt")):
        shutil.copy(p, corpus / p.name)
    proc = subprocess.Popen([*kg, str(corpus)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (out / "store.building").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)
    assert proc.poll() is None, "the build finished before it could be interrupted"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    assert (out / "graph.ttl").read_bytes() == before
    assert not list(out.glob("*.tmp*")) or all(p.name.startswith(".") for p in out.glob("*.tmp*"))
    store = GraphStore(out, read_only=True)
    assert len(store.graph_names()) == 1
    assert len(store) == n_before
    del store

    done = subprocess.run([*kg, str(corpus)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    store = GraphStore(out, read_only=True)
    assert len(store.graph_names()) == len(list(corpus.glob("*.txt")))


def test_fast_ntriples_are_the_triples_of_to_graph():
    """What the build loads, writes to graph.trig and splits for graph.ttl (kg.builder.process_document,
    from kg.rdf.document_triples) is exactly the triples of kg.rdf.to_graph, each once; the part only
    the document can state is everything under its IRI and nothing else."""
    import pyoxigraph as ox

    from kg.builder import process_document
    from kg.extract import extract
    from kg.read import iter_documents
    from kg.rdf import document_iri, graph_iri, to_graph, to_ntriples

    doc = next(d for d in iter_documents([REPORTS / "2026-hebei-province.txt"]) if not isinstance(d, Exception))
    ex = extract(doc)
    expected = {q.triple for q in ox.parse(to_graph(ex).serialize(format="nt", encoding="utf-8"),
                                           format=ox.RdfFormat.N_TRIPLES)}
    fast = [q.triple for q in ox.parse(to_ntriples(ex), format=ox.RdfFormat.N_TRIPLES)]
    assert set(fast) == expected and len(fast) == len(expected)
    result = process_document(doc)
    quads = list(ox.parse(result.nquads, format=ox.RdfFormat.N_QUADS))
    assert {q.triple for q in quads} == expected and len(quads) == len(expected)
    assert {q.graph_name.value for q in quads} == {str(graph_iri("https://w3id.org/govkg/id/", doc.id))}
    own = [q.triple for q in ox.parse(result.own, format=ox.RdfFormat.N_TRIPLES)]
    shared = [q.triple for q in ox.parse(result.shared, format=ox.RdfFormat.N_TRIPLES)]
    assert len(own) + len(shared) == len(expected) and set(own) | set(shared) == expected
    d = str(document_iri("https://w3id.org/govkg/id/", doc.id))

    def under_doc(t) -> bool:
        return t.subject.value == d or t.subject.value.startswith(d + "#") or t.object == ox.NamedNode(d)

    assert own and shared and all(under_doc(t) for t in own) and not any(under_doc(t) for t in shared)


def test_a_deleted_store_is_rebuilt_not_skipped(tmp_path):
    out = tmp_path / "out"
    first = build([SAMPLE], out, views=False)
    shutil.rmtree(out / "store")
    again = build([SAMPLE], out, views=False)
    assert (again.documents, again.unchanged) == (1, 0)
    assert again.triples == first.triples


def test_a_mistyped_path_keeps_the_previous_graph(tmp_path):
    out = tmp_path / "out"
    first = build([SAMPLE], out, views=False)
    before = (out / "graph.ttl").read_bytes()
    typo = build([tmp_path / "exampels"], out, views=False)
    assert typo.problems and typo.removed == 0 and typo.kept == 1
    assert typo.triples == first.triples
    assert len(Graph().parse(out / "graph.ttl")) == len(Graph().parse(data=before, format="turtle"))
    assert json.loads((out / "mentions.jsonl").read_text(encoding="utf-8"))["id"] == str(SAMPLE)
    # once the inputs read cleanly again, what has really gone is removed
    other = tmp_path / "other.txt"
    other.write_text("昆明市委召开市委工作会议。", encoding="utf-8")
    clean = build([other], out, views=False)
    assert clean.removed == 1 and not clean.problems


def test_changed_metadata_rebuilds_the_document(tmp_path):
    src = tmp_path / "docs.jsonl"
    line = {"id": "d1", "title": "旧标题", "date": "2011-01-01", "text": "昆明市委召开市委工作会议。"}
    src.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    build([src], out, views=False)
    line["title"] = "新标题"
    src.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    again = build([src], out, views=False)
    assert again.documents == 1
    titles = {r["t"].value for r in GraphStore(out, read_only=True).query("SELECT ?t WHERE { ?d dcterms:title ?t }")}
    assert titles == {"新标题"}


def test_a_bad_base_iri_is_refused_and_a_bare_one_completed():
    from kg.builder import check_base

    for bad in ["not an iri", "http://ex.org/a b/", "ex.org/kg/", 'http://ex.org/"x"/']:
        with pytest.raises(ValueError):
            check_base(bad)
    assert check_base("http://ex.org/kg") == "http://ex.org/kg/"
    assert check_base("urn:x:kg#") == "urn:x:kg#"
