"""The ``kg_spans`` component: the choice among overlapping candidates, the token splits at
mention edges and ``doc.spans["kg"]``.
"""
from __future__ import annotations

from bisect import bisect_right, insort

from spacy.language import Language
from spacy.tokens import Doc

from kg import gazetteer as gz
from .common import _cands, CORE_OF, _idx_len, _text
from .naming import _ORG_HEAD


# ------------------------------------------------------------------ spans

_PRIORITY = ("Position", "Meeting", "Department", "PartyCommittee", "GovernmentBody", "AdministrativeCommittee",
             "Legislature", "PoliticalConsultativeBody", "Enterprise", "Organization", "Zone", "Facility", "InfrastructureProject",
             "Project", "Policy", "Plan", "Campaign", "Strategy", "Person", "Country", "Region",
             "AdministrativeRegion", "Place", "Event")


@Language.factory("kg_spans")
def make_spans(nlp: Language, name: str):
    """Settle the candidates: one kind per span, the longer of two crossing spans, no span
    inside another of the same kind; split tokens at span edges; write ``doc.spans["kg"]``."""
    return SpanComponent()


def select(cands: list[tuple[int, int, str]], generic: frozenset[str] = frozenset(), text: str = "") -> list[tuple[int, int, str]]:
    """The non-conflicting candidates (a pure function, tested alone)."""
    rank = {k: i for i, k in enumerate(_PRIORITY)}
    by_span: dict[tuple[int, int], str] = {}
    for s, e, k in cands:
        if e <= s or (text and text[s:e] in generic):
            continue
        if (s, e) not in by_span or rank.get(k, 99) < rank.get(by_span[(s, e)], 99):
            by_span[(s, e)] = k
    items = sorted(((s, e, k) for (s, e), k in by_span.items()), key=lambda c: (-(c[1] - c[0]), c[0]))
    kept: list[tuple[int, int, str]] = []
    ordered: list[tuple[int, int, str]] = []  # kept, by start: only spans near a candidate are compared
    longest = items[0][1] - items[0][0] if items else 0
    for s, e, k in items:
        ok = True
        lo = bisect_right(ordered, (s - longest, -1, ""))
        for a, b, k2 in ordered[lo: bisect_right(ordered, (e, -1, ""))]:
            if a < e and s < b and not (a <= s and e <= b):  # crossing a longer one
                ok = False
                break
            if a <= s and e <= b and CORE_OF.get(k2) == CORE_OF.get(k) and k2 == k:
                ok = False
                break
            if a <= s and e <= b and CORE_OF.get(k) == CORE_OF.get(k2) == "Strategy":
                ok = False
                break
        if ok:
            kept.append((s, e, k))
            insort(ordered, (s, e, k))
    return sorted(kept)


#: short places of general knowledge (countries, regions, rivers, mountains) that another name only
#: begins with (天山|号, 厦漳泉|R1线) are not mentioned on their own: the longer name is the mention.
#: A long region name (粤港澳大湾区) is a name in its own right even there.
_NESTED_ONLY = ("Place", "Region", "Country")


def _drop_nested_places(kept: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    longest: dict[int, int] = {}  # start → end of the longest non-place span starting there
    for s, e, k in kept:
        if CORE_OF.get(k) != "Place" and e > longest.get(s, -1):
            longest[s] = e
    return [(s, e, k) for s, e, k in kept if not (k in _NESTED_ONLY and e - s <= 3 and longest.get(s, -1) > e)]


class SpanComponent:
    def __call__(self, doc: Doc, spans: bool = True) -> Doc:
        """``spans=False`` (``nlp(doc, component_cfg={"kg_spans": {"spans": False}})``) leaves
        the tokens alone and only writes the settled ``(start, end, kind)`` list to
        ``doc.user_data["kg_spans"]``: the extract stage reads offsets, and splitting tokens
        costs spaCy a pass over the whole Doc per split."""
        text = _text(doc)
        cands = [(s, e, "Organization") if CORE_OF.get(k) == "Project" and _ORG_HEAD.search(text, s, e) else (s, e, k)
                 for s, e, k in _cands(doc)]
        weak = doc.user_data.get("kg_weak")
        if weak:
            strong = {(s, e) for s, e, k in cands if k != "Strategy" or (s, e) not in weak}
            cands = [c for c in cands if (c[0], c[1]) not in weak or c[2] != "Strategy" or (c[0], c[1]) not in strong]
        kept = _drop_nested_places(select(cands, gz.generic(), text))
        doc.user_data["kg_spans"] = kept
        if not spans:
            return doc
        cuts = sorted({x for s, e, _ in kept for x in (s, e)})
        _split_at(doc, cuts)
        spans = []
        for s, e, k in kept:
            sp = doc.char_span(s, e, label=k)
            if sp is not None:
                spans.append(sp)
        doc.spans["kg"] = spans
        return doc


def _split_at(doc: Doc, cuts: list[int]) -> None:
    """Split every token that a cut falls inside, so that every span aligns with tokens."""
    todo = []
    if not cuts or not len(doc):
        return
    arr = _idx_len(doc)
    tok_starts = arr[:, 0].tolist()
    tok_ends = (arr[:, 0] + arr[:, 1]).tolist()
    for c in cuts:
        i = bisect_right(tok_starts, c) - 1
        if i >= 0 and tok_starts[i] < c < tok_ends[i]:
            todo.append((i, c))
    if not todo:
        return
    by_tok: dict[int, list[int]] = {}
    for i, c in todo:
        by_tok.setdefault(i, []).append(c)
    with doc.retokenize() as r:
        for i, inner in by_tok.items():
            tok = doc[i]
            a = tok.idx
            edges = [a, *sorted(set(inner)), a + len(tok.text)]
            orths = [tok.text[x - a: y - a] for x, y in zip(edges, edges[1:])]
            orths = [o for o in orths if o]
            if len(orths) > 1:
                r.split(tok, orths, heads=[(tok, 0)] * len(orths))
