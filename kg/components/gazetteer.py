"""The ``kg_gazetteer`` component: names of the gazetteer found by a longest-match table over
the characters, with the prefectures' short names and the host province of a text.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg import gazetteer as gz
from .common import _aligned, _bounds, _cands, _STOP, _text
from .dictionary import dictionary
from .naming import _NAME_CH


# ------------------------------------------------------------------ gazetteer

class _Matcher:
    """Leftmost-longest matching of the gazetteer's surface forms.

    Every surface has two characters or more, so a name can only start where a bigram of
    the text opens one: numpy finds those positions over the whole text at once (about one
    in twenty), and only there are the candidate lengths looked up.  Several times faster
    than an Aho-Corasick automaton of the same words, whose root holds thousands of first
    characters; the matches are the same.
    """

    def __init__(self, table: dict[str, tuple[str, str, str, str]]):
        import numpy as np

        self.table = table
        pref: dict[str, set[int]] = {}
        for w in table:
            pref.setdefault(w[:2], set()).add(len(w))
        self.lengths = {k: sorted(v, reverse=True) for k, v in pref.items()}
        self.bigrams = np.array(sorted((ord(k[0]) << 21) | ord(k[1]) for k in pref), dtype=np.uint64)

    def _starts(self, text: str) -> list[int]:
        import numpy as np

        if len(text) < 2:
            return []
        c = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        big = (c[:-1] << np.uint64(21)) | c[1:]
        i = np.searchsorted(self.bigrams, big)
        i[i == len(self.bigrams)] = 0
        return np.flatnonzero(self.bigrams[i] == big).tolist()

    def longest(self, text: str, ok=None):
        """(start, end, (surface, kind, key, how)) leftmost-longest, without overlaps, among the
        matches ``ok(start, end, value)`` accepts: a match refused there (广东 across the word
        boundary of 推广|东营) does not hide the next one (东营)."""
        last = -1
        table, lengths = self.table, self.lengths
        for i in self._starts(text):
            if i < last:
                continue
            for n in lengths[text[i: i + 2]]:
                v = table.get(text[i: i + n])
                if v is not None and (ok is None or ok(i, i + n, v)):
                    yield i, i + n, v
                    last = i + n
                    break

    def prefixes(self, name: str, maxlen: int = 99):
        """(end, value) of every surface ``name`` starts with, longest first."""
        for n in self.lengths.get(name[:2], ()):
            if n <= min(len(name), maxlen):
                v = self.table.get(name[:n])
                if v is not None:
                    yield n, v


@lru_cache(maxsize=1)
def _matcher() -> _Matcher:
    """One matcher over every gazetteer surface form."""
    dv = gz.divisions()
    table: dict[str, tuple[str, str, str]] = {}  # surface → (kind, key, how)
    for e in gz.entries():
        for s in (e.name, *e.aliases):
            table.setdefault(s, (e.kind, e.name, "entry"))
    for name in dv.by_name:
        table.setdefault(name, ("AdministrativeRegion", name, "full"))
    for short, ds in dv.by_short.items():
        table.setdefault(short, ("AdministrativeRegion", ds[0].name, ds[0].level))
    return _Matcher({s: (s, *v) for s, v in table.items() if len(s) >= 2})


@Language.factory("kg_gazetteer")
def make_gazetteer(nlp: Language, name: str):
    """Divisions, countries, regions, national strategies and bodies from the gazetteer.

    Longest match wins.  Short forms of provinces and prefecture cities (云南, 昆明) match
    alone; a county's short form (官渡) only where the document also names it in full.
    Short and two-character forms must fall on jieba word boundaries.
    """
    return GazetteerComponent()


class GazetteerComponent:
    def __call__(self, doc: Doc) -> Doc:
        text = _text(doc)
        chosen = []
        matcher = _matcher()
        def aligned(s: int, e: int, v) -> bool:  # short and two-character forms on word boundaries
            return v[3] in ("full", "entry") and e - s > 2 or _aligned(doc, s, e)

        for s, e, (surface, kind, key, how) in matcher.longest(text, aligned):  # leftmost-longest, no overlaps
            if surface[-1] == "区" and text[e: e + 1] == "域":  # 环泰山|区域, not 泰山区
                shorter = next(matcher.prefixes(text[s: e - 1]), None)
                if shorter is None:
                    continue
                e, (surface, kind, key, how) = s + shorter[0], shorter[1]
            chosen.append((s, e, kind, key, how))
        generic = gz.generic()
        full_seen = {h[3] for h in chosen if h[4] == "full"}
        host = _host_province(chosen)
        words = gz.county_words()
        cands = _cands(doc)
        accepted, word_like = [], []
        for s, e, kind, key, how in chosen:
            surface = text[s:e]
            if surface in generic:
                continue
            if how == "county" and key not in full_seen and not (
                    host and surface not in words and any(d.code[:2] == host for d in gz.divisions().by_short[surface])):
                continue
            if (how != "full" and how != "entry" or e - s <= 2) and not _aligned(doc, s, e):
                continue  # (again: the 区域 shortening above may leave the word boundaries)
            (word_like if kind == "Place" and surface in _word_like_places() else accepted).append((s, e, kind))
        cands.extend(accepted)
        cands.extend(w for w in word_like if _place_in_sentence(text, accepted, *w[:2]))
        _prefecture_shorts(doc, text, chosen, host, cands)
        return doc


#: jieba's tags of proper names: a place tagged otherwise is also a common word.
_PROPER_TAG = re.compile(r"^(?:n[srtz]|nrt|nrfg|j|s)")


@lru_cache(maxsize=1)
def _word_like_places() -> frozenset[str]:
    """Names of places that jieba reads as common words (万象 'all things', 金边 'gold rim'): the
    idiom 万象启新程 is not Vientiane."""
    d = dictionary()
    names = {n for e in gz.entries() if e.kind == "Place" for n in (e.name, *e.aliases)}
    return frozenset(w for w in names if (t := d.tag(w)) and not _PROPER_TAG.match(t) and d.frequency(w) >= 30)


def _place_in_sentence(text: str, accepted: list, s: int, e: int) -> bool:
    """Whether a division, country, region or other place that is no common word itself is named
    in the sentence of [s, e) (老挝万象, 昆明至万象): two idioms (万象启新程，金边闪耀) do not vouch
    for each other."""
    a = max((text.rfind(c, 0, s) for c in "。；！？\n"), default=-1)
    b = min((i for i in (text.find(c, e) for c in "。；！？\n") if i >= 0), default=len(text))
    return any(a < hs and he <= b and k in ("AdministrativeRegion", "Country", "Region", "Place")
               for hs, he, k in accepted)


@lru_cache(maxsize=1)
def _prefecture_re() -> re.Pattern | None:
    forms = gz.prefecture_short_forms()
    return re.compile("|".join(sorted(map(re.escape, forms), key=len, reverse=True))) if forms else None


def _prefecture_shorts(doc: Doc, text: str, chosen: list, host: str, cands: list) -> None:
    """海南州, 甘孜州, 伊犁州: an autonomous prefecture by its short form with 州, where the
    document is about the province that contains it (named in full or by its cities)."""
    if "州" not in text or _prefecture_re() is None:
        return
    dv = gz.divisions()
    provinces = {host} if host else set()
    for _, _, kind, key, how in chosen:
        if kind == "AdministrativeRegion" and how in ("full", "province"):
            d = dv.by_name.get(key, [None])[0]
            if d is not None and d.level == "province":
                provinces.add(d.code[:2])
    if not provinces:
        return
    forms = gz.prefecture_short_forms()
    starts = _bounds(doc)[0]
    hints = doc.user_data.setdefault("kg_canonical", {})
    for m in _prefecture_re().finditer(text):
        d = forms[m.group()]
        if d.code[:2] not in provinces or text[m.end(): m.end() + 1] in ("市", "县", "区", "府", "长", "委") \
                or not (m.start() in starts or m.start() == 0 or text[m.start() - 1] in _STOP
                        or not _NAME_CH.match(text[m.start() - 1])):
            continue
        hints[(m.start(), m.end())] = d.name
        cands.append((m.start(), m.end(), "AdministrativeRegion"))


def _host_province(hits: list) -> str:
    """Code prefix of the province a document is about (most named, in full or by its cities),
    so that the short forms of its own counties (卓尼, 敦煌) are read as places."""
    dv = gz.divisions()
    votes: dict[str, int] = {}
    for _, _, kind, key, how in hits:
        if kind == "AdministrativeRegion" and how in ("full", "province", "city"):
            for d in dv.by_name.get(key, [])[:1]:
                if d.level != "county":
                    votes[d.code[:2]] = votes.get(d.code[:2], 0) + 1
    if not votes:
        return ""
    best = max(votes, key=votes.get)
    return best if votes[best] >= 3 and votes[best] * 2 > sum(votes.values()) else ""
