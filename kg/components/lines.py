"""Railway and highway lines named by the provinces or places they join (兰张高铁, 川藏铁路).
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from kg import gazetteer as gz
from .dictionary import dictionary
from .common import _bounds, CJK, _STOP, _within
from .naming import _CUT, _LEAD, _NAME_CH, _VERB_END


#: one-character abbreviations of provinces, used in the names of lines between them (兰张高铁, 川藏铁路).
_PROVINCE_ABBR = set("京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀黔贵滇云藏陕秦甘陇青宁新港澳台")
_LINE_GENERIC = re.compile(r"^(?:普速|高速|城际|干线|支线|国家|地方|重载|货运|客运|市域|沿江|沿海|沿边|跨境|出省|新建|改建|扩建|"
                           r"在建|既有|该|多条|一批|两条|三条)$")
_ITEM = rf"(?:(?![和及等])[{CJK}]){{2,4}}"
_LINE_LIST = re.compile(rf"((?:{_ITEM}(?:、|和|及))+{_ITEM})(等)?(城际铁路|铁路|高铁|高速公路|高速)")
_LINE_HEAD = re.compile(r"铁路|高铁|高速")
_LINE = re.compile(rf"(?<=[{CJK}]{{2}})(?:铁路|高铁)")


@lru_cache(maxsize=1)
def _abbr_chars() -> frozenset[str]:
    """Characters that may abbreviate a place in a line's name: first characters of divisions."""
    return frozenset(_PROVINCE_ABBR | {n[0] for n in gz.divisions().by_name})


@lru_cache(maxsize=1)
def _major_chars() -> frozenset[str]:
    """Characters that may abbreviate a province or a prefecture city: first characters of their names."""
    return frozenset(_PROVINCE_ABBR | {n[0] for n, ds in gz.divisions().by_name.items()
                                       if any(d.level in ("province", "city") for d in ds)})


def _common_word(stem: str) -> bool:
    """Whether ``stem`` is a common word (加密|高铁动车组, 旅游|铁路) rather than the ends of a line: jieba
    knows it and not every character abbreviates a province or city (京沪, 包银, 京广 are words too)."""
    return dictionary().frequency(stem) >= 30 and not all(c in _major_chars() for c in stem)


def _line_stem_ok(stem: str) -> bool:
    return not _LINE_GENERIC.match(stem) and not _common_word(stem) and not re.search(r"(?:铁路|高铁|高速|公路|线|[站港场桥区园城馆])$", stem) and not _CUT.search(stem) and not set(stem) & _STOP


def _lines(doc: Doc, text: str, cands: list) -> None:
    """Lines named by abbreviated ends (兰张高铁, 隆泸叙铁路) and coordinated lines sharing the
    head (兰合、平庆、天陇和西成铁路 → 兰合铁路 … 西成铁路), each member with its full name."""
    starts = _bounds(doc)[0]
    hints = doc.user_data.setdefault("kg_canonical", {})
    abbr = _abbr_chars()
    for m in _LINE.finditer(text):
        for n in (3, 2):
            s = m.start() - n
            stem = text[s: m.start()]
            if s >= 0 and s in starts and _line_stem_ok(stem) and all(c in abbr for c in stem):
                cands.append((s, m.end(), "InfrastructureProject"))
                break
    for m in _within(doc, text, _LINE_LIST, _LINE_HEAD, CJK + "、"):
        items = [(m.start(1) + it.start(), m.start(1) + it.end())
                 for it in re.finditer(rf"(?:(?![、和及])[{CJK}])+", m.group(1))]
        first = m.start(1)
        lead = _LEAD.match(text[first: items[0][1]])
        if lead and items[0][1] - first - lead.end() >= 2:  # 加快建设|兰合、平庆…铁路
            first += lead.end()
            items[0] = (first, items[0][1])
        elif not (first in starts and (first == 0 or not _NAME_CH.match(text[first - 1]))):
            # the match may open inside the verb before the list (推进北沿江、通苏嘉甬等高铁: 进北沿江):
            # the first member starts at the next word after that verb
            first = next((p for p in range(first + 1, items[0][1] - 1) if p in starts
                          and _VERB_END.search(text, max(0, p - 4), p)), -1)
            if first < 0:
                continue
            items[0] = (first, items[0][1])
        head = m.group(3)
        if not all(_line_stem_ok(text[a:b]) and a in starts for a, b in items):
            continue
        for i, (s, e) in enumerate(items):
            if i == len(items) - 1 and not m.group(2):
                e = m.end()
            else:
                hints[(s, e)] = text[s:e] + head
            cands.append((s, e, "InfrastructureProject"))
