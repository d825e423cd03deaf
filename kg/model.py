"""Plain data passed between the stages of the flow (read → extract → resolve → RDF).

Nothing here knows about spaCy or RDF: each stage is a pure function over these
dataclasses, so stages can be tested, replaced and run in worker processes alone.
All offsets are character offsets into ``Document.text`` with the end exclusive.
"""
from __future__ import annotations

from dataclasses import dataclass, field

#: The seven core classes of the ontology; every entity has exactly one of them.
CORE_CLASSES = ("Organization", "Place", "Project", "Strategy", "Person", "Position", "Event")

#: Every class an Entity.kind may name (the ontology's finer classes), and its core class.
KIND_TO_CORE = {
    "Organization": "Organization",
    "PartyCommittee": "Organization",
    "GovernmentBody": "Organization",
    "Legislature": "Organization",
    "PoliticalConsultativeBody": "Organization",
    "AdministrativeCommittee": "Organization",
    "Department": "Organization",
    "Enterprise": "Organization",
    "Place": "Place",
    "AdministrativeRegion": "Place",
    "Country": "Place",
    "Region": "Place",
    "Zone": "Place",
    "Project": "Project",
    "Facility": "Project",
    "InfrastructureProject": "Project",
    "Strategy": "Strategy",
    "Plan": "Strategy",
    "Campaign": "Strategy",
    "Policy": "Strategy",
    "Person": "Person",
    "Position": "Position",
    "Event": "Event",
    "Meeting": "Event",
}



@dataclass(frozen=True)
class Document:
    """One input document after reading and cleaning.

    ``text`` is the cleaned text every offset refers to (it is what mentions.jsonl
    writes); ``id`` is the JSONL "id" where the input had one, else the path as given.
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO 8601 (YYYY-MM-DD or YYYY-MM or YYYY) where known
    author: str | None = None
    source: str | None = None  # file path the document was read from
    line: int | None = None  # 1-based line number inside a JSONL source
    sha256: str = ""  # of ``text``, for incremental builds


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A span of the document that names an entity."""

    start: int
    end: int
    text: str  # == document.text[start:end]
    label: str  # one of CORE_CLASSES
    kind: str  # the finest ontology class, e.g. "PartyCommittee"; == label when none finer
    sentence: int  # Sentence.index
    canonical: str = ""  # resolved canonical name, filled by resolve


@dataclass
class Entity:
    """One thing the document names, after aliases are merged.

    ``key`` is (label, canonical name): the same key in two documents is the same entity
    and gets the same IRI.
    """

    name: str  # canonical name, e.g. 中共官渡区委
    label: str  # core class
    kind: str  # finest class
    aliases: set[str] = field(default_factory=set)  # every other surface form seen
    mentions: list[Mention] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (self.label, self.name)


@dataclass(frozen=True)
class Relation:
    """A relation the text states, with the sentence it was read from.

    ``predicate`` is one of RELATION_KINDS; subject and object are entity keys.
    ``start``/``end`` delimit the evidence (usually the sentence) in Document.text.
    """

    subject: tuple[str, str]
    predicate: str
    object: tuple[str, str]
    sentence: int
    start: int
    end: int


#: Relation kinds the extractor may produce; kg.rdf maps each to a predicate IRI.
RELATION_KINDS = (
    "holds",  # Person → Position (org:holds)
    "postIn",  # Position → Organization (org:postIn)
    "subOrganizationOf",  # Organization → Organization (org:subOrganizationOf)
    "partOf",  # Place/Organization → Place (schema:containedInPlace)
    "locatedIn",  # Project/Organization → Place (schema:location)
    "jurisdiction",  # Organization → Place it governs
    "proposed",  # Event/Organization → Strategy
    "issuedBy",  # Strategy → Organization
    "responsibleFor",  # Organization → Project/Strategy
    "implements",  # Project → Strategy
    "organizedBy",  # Event → Organization
    "coOccursWith",  # kept apart: never a stated fact
)


@dataclass
class Extraction:
    """Everything one document yields: the input to the RDF stage."""

    document: Document
    sentences: list[Sentence]
    entities: list[Entity]
    relations: list[Relation]


@dataclass(frozen=True)
class Problem:
    """An input that could not be read; the build goes on without it."""

    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"
