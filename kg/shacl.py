"""SHACL validation of a built graph against ontology/shapes.ttl."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .paths import ONTOLOGY_FILE, SHAPES_FILE
from .store import GraphStore


@dataclass
class ValidationResult:
    conforms: bool
    violations: int
    text: str


def validate_graph(data: Graph, shapes: Path = SHAPES_FILE, ontology: Path = ONTOLOGY_FILE) -> ValidationResult:
    """Validate with the ontology mixed in, so sh:targetClass reaches subclasses."""
    from pyshacl import validate as shacl_validate

    conforms, report_graph, text = shacl_validate(
        data,
        shacl_graph=Graph().parse(shapes),
        ont_graph=Graph().parse(ontology),
        inference="none",
        allow_warnings=True,
    )
    from rdflib.namespace import SH

    violations = len(set(report_graph.subjects(predicate=SH.resultSeverity)))
    return ValidationResult(bool(conforms), violations, text)


def validate(store: str | Path = "output") -> ValidationResult:
    """Validate the union of every document graph in the store (kg.validate)."""
    gs = GraphStore(store, read_only=True)
    buf = io.BytesIO()
    gs.write_union(buf, ox.RdfFormat.N_TRIPLES)
    data = Graph().parse(data=buf.getvalue(), format="nt")
    return validate_graph(data)
