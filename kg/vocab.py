"""The vocabulary: our ontology namespace as one closed namespace object, and the
standard vocabularies we reuse. Only kg.rdf, the queries and the views use these."""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

from .model import KIND_TO_CORE  # noqa: F401  (re-exported: the vocabulary's classes)

ONTOLOGY_IRI = "https://w3id.org/govkg/ontology"
#: Where instance IRIs live unless the user sets --base-iri.
DEFAULT_BASE = "https://w3id.org/govkg/id/"

SCHEMA = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")


class KGO(DefinedNamespace):
    """Terms of ontology/kg.ttl; a term missing here is a typo, so the namespace is closed."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # core classes
    Organization: URIRef
    Place: URIRef
    Project: URIRef
    Strategy: URIRef
    Person: URIRef
    Position: URIRef
    Event: URIRef
    # finer classes
    PartyCommittee: URIRef
    GovernmentBody: URIRef
    Legislature: URIRef
    PoliticalConsultativeBody: URIRef
    AdministrativeCommittee: URIRef
    Department: URIRef
    Enterprise: URIRef
    AdministrativeRegion: URIRef
    Country: URIRef
    Region: URIRef
    Zone: URIRef
    Facility: URIRef
    InfrastructureProject: URIRef
    Plan: URIRef
    Campaign: URIRef
    Policy: URIRef
    Meeting: URIRef
    # provenance classes
    Document: URIRef
    # properties
    hasJurisdictionOver: URIRef
    proposed: URIRef
    issuedBy: URIRef
    responsibleFor: URIRef
    implements: URIRef
    locatedIn: URIRef
    coOccursWith: URIRef
    mentionedIn: URIRef
    sha256: URIRef



#: Relation kind (kg.model.RELATION_KINDS) → predicate IRI.
PREDICATES = {
    "holds": ORG.holds,
    "postIn": ORG.postIn,
    "subOrganizationOf": ORG.subOrganizationOf,
    "partOf": SCHEMA.containedInPlace,
    "locatedIn": KGO.locatedIn,
    "jurisdiction": KGO.hasJurisdictionOver,
    "proposed": KGO.proposed,
    "issuedBy": KGO.issuedBy,
    "responsibleFor": KGO.responsibleFor,
    "implements": KGO.implements,
    "organizedBy": SCHEMA.organizer,
    "coOccursWith": KGO.coOccursWith,
}

#: Prefixes written into Turtle/TriG and offered to SPARQL queries.
PREFIXES = {
    "kgo": str(KGO._NS),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "nif": str(NIF),
    "itsrdf": str(ITSRDF),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}
