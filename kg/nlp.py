"""The spaCy pipeline that finds entity mentions: blank ``zh`` with the jieba segmenter and
small rule and gazetteer components, each registered with ``@Language.factory``.

Components work on characters (regexes and a longest-match table over the gazetteer)
and use jieba's tokens only as word boundaries, so that a short name is not matched inside a
longer word (空港 inside 航空港, 区委 inside 社区委员会).  Each component adds candidates
``(start, end, kind)`` to ``doc.user_data["kg"]``; the last one, ``kg_spans``, drops
overlapping candidates, splits tokens where a mention starts or ends inside one, and writes
the result to ``doc.spans["kg"]`` with the finest ontology class as the span label.
Nested mentions of a different class are kept (区委 inside 区委书记): the resolve and
relation stages read the structure of names from them.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from kg import components  # noqa: F401  - registers the components' factories
# names other modules and the tests import from here
from kg.components.common import _FACILITY, _FACILITY_HEAD, _ZONE_SUFFIX, CJK, CORE_OF, NATIONAL_POSTS, _within  # noqa: F401
from kg.components.gazetteer import _matcher  # noqa: F401
from kg.components.spans import SpanComponent, select  # noqa: F401
from kg.components.tokenizer import JiebaTokenizer
from kg.components.zones import _place_prefix, zone_shorts  # noqa: F401


# ------------------------------------------------------------------ pipeline

PIPES = ("kg_gazetteer", "kg_zones", "kg_bodies", "kg_strategies", "kg_projects", "kg_names", "kg_meetings", "kg_people", "kg_spans")


@lru_cache(maxsize=1)
def make_nlp() -> Language:
    """The pipeline, built once per process.

    Start-up is dominated by the segmenter's dictionary (jieba's words in jieba-rs, plus the
    gazetteer's, see kg.components.dictionary); the tokenizer builds the Doc straight from
    jieba's words, which cover the text exactly.
    """
    # spaCy's own jieba segmenter would load jieba's dictionary (a second of start-up) only to be
    # replaced: the blank pipeline starts with the character segmenter, then gets ours
    nlp = spacy.blank("zh")
    # no component reads lexeme attributes (like_num, shape …): computing them for every new
    # word costs more than the segmentation of it
    from spacy.attrs import LANG
    nlp.vocab.lex_attr_getters = {k: v for k, v in nlp.vocab.lex_attr_getters.items() if k == LANG}
    nlp.tokenizer = JiebaTokenizer(nlp.vocab)
    for p in PIPES:
        nlp.add_pipe(p)
    return nlp


def kind_label(kind: str) -> str:
    """Core class of a finest class."""
    return CORE_OF[kind]
