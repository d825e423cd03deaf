"""The ``kg_zones`` component: development zones, facilities, enterprises and pilots named
after a place, and the helpers that read a place prefix off a name.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg import gazetteer as gz
from .common import (
    _aligned, _cands, CJK, CORE_OF, _ENT_AFTER, _FAC_AFTER, _FACILITY_SUFFIX, _INFRA_SUFFIX, _INNER_VERB,
    _of, _PILOT_AFTER, _STOP, _text, _ZONE_AFTER, _ZONE_SUFFIX,
)
from .gazetteer import _matcher


# ------------------------------------------------------------------ zones and bodies

@Language.factory("kg_zones")
def make_zones(nlp: Language, name: str):
    """Zones, facilities, pilots and enterprises named after a place (昆明空港经济区,
    官渡工业园区, 云南跨境贸易人民币结算试点), then the short forms of each zone the
    document uses once it has named it in full (空港经济区, 空港)."""
    return ZoneComponent()


class ZoneComponent:
    def __call__(self, doc: Doc) -> Doc:
        text = _text(doc)
        cands = _cands(doc)
        places = _of(doc, "AdministrativeRegion")
        zones = []
        def ok(mid: str) -> bool:
            return not set(mid) & _STOP and not _INNER_VERB.search(mid)

        for s, e, _ in places:
            m = _ZONE_AFTER.match(text, e)
            if m and ok(m.group("mid")):
                zones.append((s, m.end(), "Zone"))
                continue
            m = _PILOT_AFTER.match(text, e)
            if m and ok(m.group("mid")):
                cands.append((s, m.end(), "Policy"))
                continue
            m = _FAC_AFTER.match(text, e)
            if m and m.group("suf") == "中心" and (re.search(r"(?:副|区域|国家|城市群|省域|港|中亚)$", m.group("mid"))
                                                   or text.startswith("城", m.end())):
                m = None  # 郑州国家中心城市, 南阳省域副中心: a city's role, not a facility
            if m and ok(m.group("mid")) and m.end() - e > len(m.group("suf")):
                end, suf = _extend(text, m.end(), m.group("suf"))
                kind = "InfrastructureProject" if re.fullmatch(_INFRA_SUFFIX, suf) else "Facility"
                cands.append((s, end, kind))
                continue
            m = _ENT_AFTER.match(text, e)
            if m and ok(m.group("mid")):
                cands.append((s, m.end(), "Enterprise"))
        cands.extend(zones)
        # short forms of the zones named in full
        taken = [(s, e) for s, e, _ in zones]
        for short in sorted({sh for s, e, _ in zones for sh in zone_shorts(text[s:e])}, key=len, reverse=True):
            for m in re.finditer(re.escape(short), text):
                s, e = m.span()
                if any(a <= s and e <= b for a, b in taken) or not _aligned(doc, s, e):
                    continue
                if any(a < e and s < b for a, b in taken):
                    continue
                cands.append((s, e, "Zone"))
                taken.append((s, e))
        return doc


_FAC_MORE = re.compile(rf"[{CJK}]{{0,4}}?({_FACILITY_SUFFIX}|{_INFRA_SUFFIX})")


def _extend(text: str, end: int, suf: str) -> tuple[int, str]:
    """A facility name goes on to a later suffix close by (扬州中国大运河|博物馆)."""
    while True:
        m = _FAC_MORE.match(text, end)
        if not m or set(m.group()) & _STOP or _INNER_VERB.search(m.group()):
            return end, suf
        end, suf = m.end(), m.group(1)


def zone_shorts(name: str) -> set[str]:
    """Short forms of a zone's full name: without the leading place, without the suffix."""
    out = set()
    for s, e, _, _, how in _place_prefix(name):
        rest = name[e:]
        m = re.search(rf"(?:{_ZONE_SUFFIX})$", rest)
        if not m or m.start() < 2:
            continue
        out.add(rest)
        if m.start() <= 4 and rest[: m.start()] not in gz.generic():
            out.add(rest[: m.start()])
    out.discard(name)
    return out


def _gaz_prefix(name: str) -> bool:
    """Whether ``name`` starts with a place of the gazetteer (a division, region or natural feature)."""
    return any(CORE_OF.get(kind) == "Place" for _, (surface, kind, key, how) in _matcher().prefixes(name, 8))


def _place_prefix(name: str):
    """Gazetteer divisions at the very start of ``name`` (longest first)."""
    return [(0, n, kind, key, how) for n, (surface, kind, key, how) in _matcher().prefixes(name)
            if kind == "AdministrativeRegion"]
