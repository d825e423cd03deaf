"""The components of the spaCy pipeline built by ``kg.nlp.make_nlp``, one module per
component (or per closely related group), each registered with ``@Language.factory``.

Importing this package registers every factory.
"""
from kg.components import (  # noqa: F401
    bodies,
    gazetteer,
    meetings,
    names,
    people,
    projects,
    spans,
    strategies,
    tokenizer,
    zones,
)
