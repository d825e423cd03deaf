"""Extraction → RDF. The only module that knows how facts are written as triples.

One rdflib Graph per document: it becomes that document's named graph, so a document
can be replaced alone. Provenance follows NIF: the document is a nif:Context, each
sentence a nif:Sentence and each mention a nif:Phrase with character offsets, linked
to its entity by itsrdf:taIdentRef; each stated relation is also reified as an
rdf:Statement that prov:wasDerivedFrom its sentence.
"""
from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from .model import Extraction
from .vocab import DEFAULT_BASE, ITSRDF, KGO, KIND_TO_CORE, NIF, PREDICATES, PREFIXES

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Characters XML 1.0 (and so RDF/XML, and some stores) cannot carry even escaped.
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _pct(text: str) -> str:
    """Percent-encode every character that is not unreserved, so any text makes a valid, ASCII IRI."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def safe_literal_text(text: str) -> str:
    """Drop characters no RDF serialisation can carry (lone surrogates, C0 controls)."""
    return _UNSAFE_CHARS.sub("\ufffd", text)


def entity_iri(base: str, label: str, name: str) -> URIRef:
    """Stable: the same (core class, canonical name) gives the same IRI in every run and document."""
    return URIRef(f"{base}{label.lower()}/{_pct(name)}")


def document_iri(base: str, doc_id: str) -> URIRef:
    return URIRef(f"{base}doc/{_pct(doc_id)}")


def graph_iri(base: str, doc_id: str) -> URIRef:
    """The named graph that holds everything one document says."""
    return URIRef(f"{base}graph/{_pct(doc_id)}")


def ontology_graph_iri(base: str) -> URIRef:
    return URIRef(f"{base}graph/ontology")


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, replace=True)
    return g


def _zh(text: str) -> Literal:
    return Literal(safe_literal_text(text), lang="zh")


def _int(n: int) -> Literal:
    # xsd:integer, not nonNegativeInteger: Oxigraph stores derived integer types as xsd:integer
    return Literal(n, datatype=XSD.integer)


def to_graph(ex: Extraction, base: str = DEFAULT_BASE) -> Graph:
    """All triples one document yields, entities, provenance and relations included."""
    g = new_graph()
    doc = ex.document
    text = doc.text
    d = document_iri(base, doc.id)
    g.add((d, RDF.type, KGO.Document))
    g.add((d, RDF.type, NIF.Context))
    g.add((d, DCTERMS.identifier, Literal(safe_literal_text(doc.id))))
    if doc.title:
        g.add((d, DCTERMS.title, _zh(doc.title)))
    if doc.date:
        dt = XSD.date if _ISO_DATE.match(doc.date) else None
        g.add((d, DCTERMS.date, Literal(doc.date, datatype=dt)))
    if doc.author:
        g.add((d, DCTERMS.creator, _zh(doc.author)))
    if doc.source:
        g.add((d, DCTERMS.source, Literal(safe_literal_text(doc.source))))
    if doc.sha256:
        g.add((d, KGO.sha256, Literal(doc.sha256)))
    g.add((d, NIF.beginIndex, _int(0)))
    g.add((d, NIF.endIndex, _int(len(text))))

    sentence_iri = {}
    used_sentences = {m.sentence for e in ex.entities for m in e.mentions} | {r.sentence for r in ex.relations}
    for s in ex.sentences:
        if s.index not in used_sentences:
            continue
        si = URIRef(f"{d}#s{s.index}")
        sentence_iri[s.index] = si
        g.add((si, RDF.type, NIF.Sentence))
        g.add((si, NIF.referenceContext, d))
        g.add((si, NIF.beginIndex, _int(s.start)))
        g.add((si, NIF.endIndex, _int(s.end)))
        g.add((si, NIF.anchorOf, _zh(text[s.start:s.end])))

    iri_of = {}
    for e in ex.entities:
        kind = e.kind if e.kind in KIND_TO_CORE else e.label
        ei = entity_iri(base, e.label, e.name)
        iri_of[e.key] = ei
        g.add((ei, RDF.type, KGO[kind]))
        g.add((ei, RDF.type, KGO[e.label]))  # the core class too: queries need no reasoner
        g.add((ei, RDFS.label, _zh(e.name)))
        g.add((ei, SKOS.prefLabel, _zh(e.name)))
        for alias in sorted(e.aliases - {e.name}):
            g.add((ei, SKOS.altLabel, _zh(alias)))
        g.add((ei, KGO.mentionedIn, d))
        for m in e.mentions:
            mi = URIRef(f"{d}#m{m.start}-{m.end}")
            g.add((mi, RDF.type, NIF.Phrase))
            g.add((mi, NIF.referenceContext, d))
            g.add((mi, NIF.beginIndex, _int(m.start)))
            g.add((mi, NIF.endIndex, _int(m.end)))
            g.add((mi, NIF.anchorOf, _zh(m.text)))
            if m.sentence in sentence_iri:
                g.add((mi, NIF.sentence, sentence_iri[m.sentence]))
            g.add((mi, ITSRDF.taIdentRef, ei))

    for r in ex.relations:
        s, o = iri_of.get(r.subject), iri_of.get(r.object)
        p = PREDICATES.get(r.predicate)
        if s is None or o is None or p is None or s == o:
            continue
        g.add((s, p, o))
        digest = hashlib.sha1(f"{s} {p} {o} {r.start}".encode()).hexdigest()[:12]
        st = URIRef(f"{d}#r{digest}")
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, o))
        if r.sentence in sentence_iri:
            g.add((st, PROV.wasDerivedFrom, sentence_iri[r.sentence]))
        g.add((st, NIF.beginIndex, _int(r.start)))
        g.add((st, NIF.endIndex, _int(r.end)))
    return g

