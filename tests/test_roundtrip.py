"""Arbitrary Unicode through read → extract → RDF → parse back: no crash, output always parses,
every mention's offsets point at its text."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph

from kg.extract import extract
from kg.model import Document
from kg.rdf import graph_iri, to_graph
from kg.read import iter_documents

# real phrases, so that the extractor fires inside the noise
PHRASES = ["中共官渡区委书记保建彬", "昆明市委工作会议", "“十二五”规划", "云南省昆明市官渡区", "空港经济区管委会",
           "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"quoted" \'single\'', "\\u0000", "'; DROP GRAPH <x> ;",
           "مرحبا بالعالم", "שלום", "👩‍👩‍👧‍👦🇨🇳", "\u202eRTL override", "x" * 3000]
ANY_CHAR = st.characters(blacklist_categories=())  # every code point, lone surrogates included
TEXT = st.lists(st.one_of(st.text(ANY_CHAR, max_size=40), st.sampled_from(PHRASES)), max_size=12).map("".join)


def _documents(text: str, title: str) -> list[Document]:
    """Through the real reader: JSONL is the one input format that can carry lone surrogates."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        path.write_text(json.dumps({"id": title, "text": text, "title": title}) + "\n", encoding="utf-8")
        return [d for d in iter_documents([path]) if isinstance(d, Document)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, title=st.text(ANY_CHAR, min_size=1, max_size=20))
def test_any_text_round_trips_through_every_format(text, title):
    for doc in _documents(text, title):
        ex = extract(doc)
        for e in ex.entities:
            for m in e.mentions:
                assert doc.text[m.start:m.end] == m.text
        g = to_graph(ex)
        n = len(g)
        for fmt in ("turtle", "nt", "json-ld", "xml"):
            data = g.serialize(format=fmt)
            assert len(Graph().parse(data=data, format=fmt)) == n, fmt
        ds = Dataset()
        ds.graph(graph_iri("https://w3id.org/govkg/id/", doc.id)).__iadd__(g)
        for fmt in ("trig", "nquads"):
            data = ds.serialize(format=fmt)
            back = Dataset()
            back.parse(data=data, format=fmt)
            assert sum(1 for _ in back.quads((None, None, None, None))) == n, fmt
        # Oxigraph is a strict parser (IRIs validated): it must accept the same output
        nt = g.serialize(format="nt", encoding="utf-8")
        assert sum(1 for _ in ox.parse(nt, ox.RdfFormat.N_TRIPLES)) == n
