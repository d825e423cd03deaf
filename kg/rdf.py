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



# ---------------------------------------------------------------------------------------------
# The same triples, written straight to N-Triples / N-Quads text.
#
# The build spends most of its non-NLP time here when it goes through rdflib (a Graph, a
# URIRef and a Literal object per term, events per add, then the serializer): profiling the
# corpus build put to_graph + serialize at ~40% of the per-document time. to_ntriples writes
# the identical set of triples as text (tests/test_builder.py checks the two are equal).

_NT_ESCAPE = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_RDF_TYPE = f"<{RDF.type}>"


def _iri_nt(iri: str) -> str:
    return f"<{iri}>"


def _lit_nt(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    s = '"' + text.translate(_NT_ESCAPE) + '"'
    if lang:
        return f"{s}@{lang}"
    if datatype:
        return f"{s}^^<{datatype}>"
    return s


class _P:
    """Predicate and class IRIs as N-Triples terms, computed once."""

    type = _RDF_TYPE
    identifier, title, date, creator, source = (_iri_nt(str(p)) for p in (
        DCTERMS.identifier, DCTERMS.title, DCTERMS.date, DCTERMS.creator, DCTERMS.source))
    sha256, mentioned_in = _iri_nt(str(KGO.sha256)), _iri_nt(str(KGO.mentionedIn))
    begin, end, anchor = (_iri_nt(str(p)) for p in (NIF.beginIndex, NIF.endIndex, NIF.anchorOf))
    ref_context, sentence = _iri_nt(str(NIF.referenceContext)), _iri_nt(str(NIF.sentence))
    label, pref, alt = (_iri_nt(str(p)) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel))
    ta_ident = _iri_nt(str(ITSRDF.taIdentRef))
    subject, predicate, object = (_iri_nt(str(p)) for p in (RDF.subject, RDF.predicate, RDF.object))
    derived = _iri_nt(str(PROV.wasDerivedFrom))
    c_document, c_context = _iri_nt(str(KGO.Document)), _iri_nt(str(NIF.Context))
    c_sentence, c_phrase, c_statement = (_iri_nt(str(c)) for c in (NIF.Sentence, NIF.Phrase, RDF.Statement))
    xsd_integer, xsd_date = str(XSD.integer), str(XSD.date)


def ntriples_lines(ex: Extraction, base: str = DEFAULT_BASE) -> list[str]:
    """Every triple of :func:`to_graph`, once each, as N-Triples statements without the final " ."."""
    own, shared = document_triples(ex, base)
    return own + shared


def document_triples(ex: Extraction, base: str = DEFAULT_BASE) -> tuple[list[str], list[str]]:
    """The triples of :func:`to_graph` as N-Triples statements without the final " .", each once,
    in two lists: those only this document can state (it, its sentences, mentions and relation
    statements, and each entity's kgo:mentionedIn it) and those other documents may state too
    (an entity's types and names, a stated relation). The build writes graph.ttl's union from the
    split without looking at the triples again."""
    P = _P
    own: list[str] = []
    shared: list[str] = []
    add, share = own.append, shared.append
    doc = ex.document
    text = doc.text
    d_iri = str(document_iri(base, doc.id))
    d = _iri_nt(d_iri)

    def zh(t: str) -> str:
        return _lit_nt(safe_literal_text(t), "zh")

    def integer(n: int) -> str:
        return f'"{n}"^^<{P.xsd_integer}>'

    add(f"{d} {P.type} {P.c_document}")
    add(f"{d} {P.type} {P.c_context}")
    add(f"{d} {P.identifier} {_lit_nt(safe_literal_text(doc.id))}")
    if doc.title:
        add(f"{d} {P.title} {zh(doc.title)}")
    if doc.date:
        add(f"{d} {P.date} {_lit_nt(doc.date, datatype=P.xsd_date if _ISO_DATE.match(doc.date) else None)}")
    if doc.author:
        add(f"{d} {P.creator} {zh(doc.author)}")
    if doc.source:
        add(f"{d} {P.source} {_lit_nt(safe_literal_text(doc.source))}")
    if doc.sha256:
        add(f"{d} {P.sha256} {_lit_nt(doc.sha256)}")
    add(f"{d} {P.begin} {integer(0)}")
    add(f"{d} {P.end} {integer(len(text))}")

    sentence_iri: dict[int, str] = {}
    used_sentences = {m.sentence for e in ex.entities for m in e.mentions} | {r.sentence for r in ex.relations}
    for s in ex.sentences:
        if s.index not in used_sentences:
            continue
        si = f"<{d_iri}#s{s.index}>"
        sentence_iri[s.index] = si
        add(f"{si} {P.type} {P.c_sentence}")
        add(f"{si} {P.ref_context} {d}")
        add(f"{si} {P.begin} {integer(s.start)}")
        add(f"{si} {P.end} {integer(s.end)}")
        add(f"{si} {P.anchor} {zh(text[s.start:s.end])}")

    iri_of: dict = {}
    for e in ex.entities:
        kind = e.kind if e.kind in KIND_TO_CORE else e.label
        ei_str = str(entity_iri(base, e.label, e.name))
        ei = _iri_nt(ei_str)
        iri_of[e.key] = ei_str
        share(f"{ei} {P.type} {_iri_nt(str(KGO[kind]))}")
        share(f"{ei} {P.type} {_iri_nt(str(KGO[e.label]))}")
        name = zh(e.name)
        share(f"{ei} {P.label} {name}")
        share(f"{ei} {P.pref} {name}")
        for alias in sorted(e.aliases - {e.name}):
            share(f"{ei} {P.alt} {zh(alias)}")
        add(f"{ei} {P.mentioned_in} {d}")
        for m in e.mentions:
            mi = f"<{d_iri}#m{m.start}-{m.end}>"
            add(f"{mi} {P.type} {P.c_phrase}")
            add(f"{mi} {P.ref_context} {d}")
            add(f"{mi} {P.begin} {integer(m.start)}")
            add(f"{mi} {P.end} {integer(m.end)}")
            add(f"{mi} {P.anchor} {zh(m.text)}")
            if m.sentence in sentence_iri:
                add(f"{mi} {P.sentence} {sentence_iri[m.sentence]}")
            add(f"{mi} {P.ta_ident} {ei}")

    for r in ex.relations:
        s, o = iri_of.get(r.subject), iri_of.get(r.object)
        p = PREDICATES.get(r.predicate)
        if s is None or o is None or p is None or s == o:
            continue
        sn, pn, on = _iri_nt(s), _iri_nt(str(p)), _iri_nt(o)
        share(f"{sn} {pn} {on}")
        digest = hashlib.sha1(f"{s} {p} {o} {r.start}".encode()).hexdigest()[:12]
        st = f"<{d_iri}#r{digest}>"
        add(f"{st} {P.type} {P.c_statement}")
        add(f"{st} {P.subject} {sn}")
        add(f"{st} {P.predicate} {pn}")
        add(f"{st} {P.object} {on}")
        if r.sentence in sentence_iri:
            add(f"{st} {P.derived} {sentence_iri[r.sentence]}")
        add(f"{st} {P.begin} {integer(r.start)}")
        add(f"{st} {P.end} {integer(r.end)}")
    # a graph is a set: each triple once, first-seen order
    return list(dict.fromkeys(own)), list(dict.fromkeys(shared))


def to_ntriples(ex: Extraction, base: str = DEFAULT_BASE) -> bytes:
    """The triples of :func:`to_graph` as N-Triples (UTF-8), without building an rdflib Graph."""
    return statements(ntriples_lines(ex, base))


def statements(triples: list[str]) -> bytes:
    """N-Triples statements without the final " ." as an N-Triples document (UTF-8)."""
    return (" .\n".join(triples) + " .\n").encode("utf-8") if triples else b""


def to_nquads(ex: Extraction, base: str = DEFAULT_BASE) -> bytes:
    """The triples of :func:`to_graph` as N-Quads in the document's named graph (UTF-8): what
    the build loads into its store."""
    return in_graph(str(graph_iri(base, ex.document.id)), *document_triples(ex, base))


def in_graph(graph: str, *triples: list[str]) -> bytes:
    """N-Triples statements without the final " ." (lists of them) as N-Quads in ``graph``."""
    tail = f" <{graph}> .\n"
    return "".join(t + tail for part in triples for t in part).encode("utf-8")
