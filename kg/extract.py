"""The extract stage: sentences → mentions (spaCy pipeline) → entities (resolve) → relations.

A pure function of the document, so that the build can run it in worker processes; the
pipeline is built once per process by ``kg.nlp.make_nlp``.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from spacy.language import Language

from kg.clean import to_simplified
from kg.model import Document, Extraction, Mention, Sentence
from kg.nlp import CORE_OF, make_nlp
from kg.relations import find_relations
from kg.resolve import resolve
from kg.sentences import split_sentences

#: Documents longer than this are run through the pipeline in line-aligned chunks.
CHUNK = 200_000


def extract(doc: Document, nlp: Language | None = None) -> Extraction:
    """Entities and stated relations of one document.

    Every stage reads a simplified-Chinese shadow of the text (same length, so the same
    offsets): traditional documents are matched, resolved and related exactly as simplified
    ones, and their entities get the same canonical names and IRIs. The mentions then take
    back the document's own characters, which also become aliases.
    """
    nlp = nlp or make_nlp()
    shadow = to_simplified(doc.text)
    work = doc if shadow == doc.text else replace(doc, text=shadow)
    sentences = split_sentences(work.text)
    mentions = find_mentions(work.text, sentences, nlp)
    entities = resolve(work, mentions)
    relations = find_relations(work, sentences, entities)
    if work is not doc:
        for e in entities:
            e.mentions = [replace(m, text=doc.text[m.start:m.end]) for m in e.mentions]
            e.aliases |= {m.text for m in e.mentions} - {e.name}
    return Extraction(document=doc, sentences=sentences, entities=entities, relations=relations)


def find_mentions(text: str, sentences: list[Sentence], nlp: Language) -> list[Mention]:
    """Mentions the pipeline finds, with offsets into ``text``; none crosses a sentence end."""
    starts = [s.start for s in sentences]
    out = []
    for offset, chunk in _chunks(text):
        sp = nlp.make_doc(chunk)
        # the text the components match on: already the simplified shadow, so neither rebuilt from
        # the tokens nor converted again
        sp.user_data["kg_text"] = chunk
        sp = nlp(sp, component_cfg={"kg_spans": {"spans": False}})  # offsets only: no token splits
        hints = sp.user_data.get("kg_canonical", {})  # names a component restored (兰合 → 兰合铁路)
        for a, b, kind in sp.user_data.get("kg_spans", []):
            hint = hints.get((a, b), "")
            s, e = a + offset, b + offset
            i = bisect_right(starts, s) - 1
            if i < 0 or e > sentences[i].end:
                continue
            out.append(Mention(start=s, end=e, text=text[s:e], label=CORE_OF[kind], kind=kind,
                               sentence=sentences[i].index, canonical=hint))
    return out


def _chunks(text: str):
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK)
        if end < len(text):
            nl = text.rfind("\n", start, end)
            end = nl + 1 if nl > start else end
        yield start, text[start:end]
        start = end


#: Modules whose cached tables (pipeline, segmenter dictionary, gazetteer, conversion tables)
#: make up the memory extraction needs.
_MODEL_MODULES = ("kg.nlp", "kg.gazetteer", "kg.resolve", "kg.clean", "kg.components")


def release_models() -> None:
    """Drops the pipeline and the tables it was built from, and hands the freed heap back to
    the operating system: a build that has extracted its last document reads a store many
    times larger than the corpus next (views, exports), and needs the room more than the
    models. The next extraction in the process builds them again (about a second)."""
    import gc
    import sys

    for name, module in list(sys.modules.items()):
        if name in _MODEL_MODULES or name.startswith("kg.components."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):  # an lru_cache
                    value.cache_clear()
    gc.collect()
    _trim_heap()


def _trim_heap() -> None:
    """glibc keeps freed memory in its arenas; malloc_trim returns it. Elsewhere a no-op."""
    import ctypes

    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (AttributeError, OSError):
        pass
