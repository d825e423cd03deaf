"""`kg build` from the command line on a messy corpus: every bad input named on one line,
the exit code says something failed, and the good documents are built all the same."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from rdflib import Graph

from kg.builder import build
from kg.rdf import graph_iri
from kg.store import GraphStore
from kg.vocab import DEFAULT_BASE

DATA = Path(__file__).parent / "data"


def _kg(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_bad_inputs_are_named_and_good_ones_built(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ["guandu.gbk.txt", "guandu.big5.txt", "guandu.utf16.txt", "guandu.pdf", "image.png",
                 "archive.zip", "empty.txt", "docs.jsonl"]:
        shutil.copy(DATA / name, corpus / name)
    (corpus / "broken.jsonl").write_text('{"id": "ok-1", "text": "昆明市委召开市委工作会议。"}\n{not json\n'
                                         '{"id": "no-text", "title": "x"}\n', encoding="utf-8")
    res = _kg("build", "corpus", str(tmp_path / "missing.txt"), "-o", "out", "--no-views", cwd=tmp_path)
    assert res.returncode == 1, res.stderr
    err = res.stderr
    for needle in ["guandu.pdf", "image.png", "archive.zip", "empty.txt", "missing.txt", "broken.jsonl:2",
                   "broken.jsonl:3"]:
        lines = [ln for ln in err.splitlines() if needle in ln]
        assert lines, f"no message names {needle}:\n{err}"
        assert all(len(ln) < 300 for ln in lines)
    assert "PDF" in err and "pdftotext" in err
    assert "Traceback" not in err

    store = GraphStore(tmp_path / "out", read_only=True)
    built = set(store.graph_names())
    for doc_id in ["corpus/guandu.gbk.txt", "corpus/guandu.big5.txt", "corpus/guandu.utf16.txt", "ok-1"]:
        assert str(graph_iri(DEFAULT_BASE, doc_id)) in built, doc_id
    assert str(graph_iri(DEFAULT_BASE, "no-text")) not in built


def test_encoded_copies_give_the_same_graph_as_the_original(tmp_path):
    """GBK and UTF-16 copies of the sample decode to the same text, so they yield the same entities."""
    def labels(path: Path) -> set[str]:
        out = tmp_path / path.name
        build([path], out, views=False)
        g = Graph().parse(out / "graph.ttl")
        return {str(o) for o in g.objects(None, __import__("rdflib").RDFS.label)}

    original = labels(DATA / "guandu.utf8.txt")
    assert len(original) > 10
    assert labels(DATA / "guandu.gbk.txt") == original
    assert labels(DATA / "guandu.utf16.txt") == original


def test_traditional_text_is_matched_and_keeps_its_script(tmp_path):
    """A Big5 document in traditional characters yields the entities of its simplified twin,
    and keeps what it wrote as labels."""
    from kg.clean import to_simplified

    out = tmp_path / "big5"
    build([DATA / "guandu.big5.txt"], out, views=False)
    g = Graph().parse(out / "graph.ttl")
    from rdflib import RDFS

    trad = {str(o) for o in g.objects(None, RDFS.label)}
    assert trad, "nothing extracted from traditional text"
    text = (out / "mentions.jsonl").read_text(encoding="utf-8")
    rec = json.loads(text.splitlines()[0])
    assert any(to_simplified(s["text"]) != s["text"] for s in rec["spans"]), "labels were simplified"
    # the simplified twin of the same passage finds the same things
    simp_text = to_simplified(rec["text"])
    twin = tmp_path / "twin.txt"
    twin.write_text(simp_text, encoding="utf-8")
    out2 = tmp_path / "simp"
    build([twin], out2, views=False)
    simp = {str(o) for o in Graph().parse(out2 / "graph.ttl").objects(None, RDFS.label)}
    assert trad == simp  # the same canonical names, so the same IRIs as the simplified twin
    alt = {str(o) for o in g.objects(None, __import__("rdflib").SKOS.altLabel)}
    assert {s["text"] for s in rec["spans"]} - trad <= alt  # what the document wrote stays as a label


def test_a_lone_surrogate_id_is_a_problem_not_a_crash(tmp_path):
    src = tmp_path / "docs.jsonl"
    src.write_text('{"id": "a\\ud800b", "text": "昆明市委召开会议。"}\n{"id": "ok", "text": "昆明市委召开会议。"}\n',
                   encoding="utf-8")
    res = _kg("build", "docs.jsonl", "-o", "out", "--no-views", cwd=tmp_path)
    assert res.returncode == 1 and "docs.jsonl:1" in res.stderr and "Traceback" not in res.stderr
    assert json.loads((tmp_path / "out" / "mentions.jsonl").read_text(encoding="utf-8"))["id"] == "ok"


def test_library_api_names_are_the_functions():
    import kg

    assert callable(kg.export) and callable(kg.build) and callable(kg.query) and callable(kg.viz)
    assert callable(kg.load) and callable(kg.validate) and callable(kg.evaluate)
