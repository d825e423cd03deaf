"""General naming patterns of provincial work reports that the head rules of ``naming`` do not
cover: road numbers (G331, 331国道, G214加卡至邦达机场段), open-pit mines named after a place
(抚顺西露天矿), energy bases with a coined or place stem (金上、藏东南水风光一体化基地), natural
features with a proper-name stem (科尔沁沙地, 察汗淖尔, 莫尔格勒河, 大青山国家级自然保护区), the
free-trade zones written with a bracketed province (中国（内蒙古）自由贸易试验区), disasters named
by their place (定日地震), policy documents in title marks (《关于…的意见》) and paired-province
programmes without a programme head (京蒙协作).

Every rule reads only where its head occurs, and each takes the name from the text before the
head (``_name_start``), so that a qualifier or a verb never starts a name.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from kg import gazetteer as gz
from .common import _bounds, CJK, _INNER_VERB, NUM, _STOP
from .gazetteer import _matcher
from .lines import _PROVINCE_ABBR
from .longtail import _known_word
from .naming import _CUT, _name_start
from .zones import _gaz_prefix


# ------------------------------------------------------------------ roads

#: national and provincial road numbers: G331, S203, G109国道, 331国道; a bare code needs three
#: or four digits (G20 is a summit, G60 a corridor's brand).
_ROAD = re.compile(r"(?<![A-Za-z0-9])(?:(?P<code>[GS]\d{1,4})(?P<suf>国道|省道|高速公路|高速|公路)?|(?P<num>\d{3})(?P<suf2>国道|省道))"
                   r"(?![A-Za-z0-9.%])")
#: a section of a road named by its two ends: G214|加卡至邦达机场段.
_SECTION = re.compile(rf"[{CJK}]{{1,8}}?至[{CJK}]{{1,8}}?段")


def _roads(text: str, cands: list) -> None:
    for m in _ROAD.finditer(text):
        if m.group("code") and not m.group("suf") and len(m.group("code")) < 4:
            continue
        e = m.end()
        sec = _SECTION.match(text, e)
        if sec and not set(sec.group()) & _STOP and not _CUT.search(sec.group()):
            e = sec.end()
        cands.append((m.start(), e, "InfrastructureProject"))


# ------------------------------------------------------------------ mines

_MINE = re.compile(r"露天(?:煤|铁)?矿")


def _mines(doc: Doc, text: str, cands: list) -> None:
    """Open-pit mines named after their place (抚顺西露天矿, 阜新海州露天矿): the place starts the name."""
    starts = _bounds(doc)[0]
    for m in _MINE.finditer(text):
        s = _name_start(doc, text, m.start(), 8)
        stem = text[s: m.start()]
        if len(stem) >= 2 and s in starts and _gaz_prefix(stem) and not re.search(rf"[\d{NUM}等个座批级]", stem):
            cands.append((s, m.end(), "Facility"))


# ------------------------------------------------------------------ energy bases

_ENERGY_BASE = re.compile(r"(?:水风光(?:储)?一体化|风光水火储一体化|风光水(?:储)?一体化|风光(?:火)?储一体化|多能互补|"
                          r"清洁能源|新能源|综合能源|能源|氢能|绿氢|风光)基地")
#: stems that make an energy base a kind (国家清洁能源基地, 大型风电光伏基地, 沙戈荒新能源基地).
_ENERGY_GENERIC = re.compile(r"^(?:国家|国家级|省级|全国|全省|全区|大型|特大型|超大型|重要|重点|综合|现代|新型|清洁|绿色|低碳|零碳|"
                             r"沙漠|戈壁|荒漠|沙戈荒|风电|光伏|风光|水电|火电|煤电|储能|外送|保障|支撑|接续|战略|示范|新能源|"
                             r"清洁能源|能源|大|新|及|和|与|[\d.]+万?千瓦级?|千万千瓦级|百万千瓦级|一体化|多能互补)+$")


def _energy_bases(doc: Doc, text: str, cands: list) -> None:
    """Energy bases with a place or a coined stem (金上水风光一体化基地, 藏东南…基地), and the members of a
    list sharing the head (金上、藏东南、澜上水风光一体化基地: one base each)."""
    starts = _bounds(doc)[0]
    hints = doc.user_data.setdefault("kg_canonical", {})

    def stem_ok(a: int, b: int) -> bool:
        w = text[a:b]
        if not 2 <= len(w) <= 6 or a not in starts or _ENERGY_GENERIC.match(w) or re.search(rf"[\d{NUM}两等个座批级大]", w):
            return False
        return _gaz_prefix(w) or (len(w) <= 3 and not _known_word(w, 200))

    for m in _ENERGY_BASE.finditer(text):
        s = _name_start(doc, text, m.start(), 8)
        if not stem_ok(s, m.start()) or text[s - 1: s] in ("及", "和", "与"):  # 氢能及|氢基能源基地: part of a name
            continue
        cands.append((s, m.end(), "Project"))
        head = text[m.start(): m.end()]
        items = []
        e = s
        while e > 0 and text[e - 1] == "、":
            a = _name_start(doc, text, e - 1, 6)
            if not stem_ok(a, e - 1):
                items = []
                break
            items.append((a, e - 1))
            e = a
        for a, b in items:
            hints[(a, b)] = text[a:b] + head
            cands.append((a, b, "Project"))


# ------------------------------------------------------------------ natural features

_FEATURE = re.compile(r"(?P<park>(?:国家级|省级)?(?:自然保护区|旅游度假区|湿地公园|森林公园|地质公园|沙漠公园))"
                      rf"|(?P<nat>沙地|沙漠|淖尔|大峡谷|峡谷|草原|冰川|(?<![运内])河(?![道流湖段长口套谷西东南北岸畔沿水网湾])(?=[、，。；和与及等\s]))")
#: stems that make a feature a kind (城市湿地, 高寒草原, 天然林保护区).
_FEATURE_GENERIC = re.compile(r"^(?:国家|国家级|省级|城市|高原|高寒|滨海|沿海|内陆|天然|人工|典型|重点|重要|生态|退化|沙化|荒漠|"
                              r"流动|半流动|固定|大|小|主要|各|全|这|该|周边|沿线|境内|区域|湖泊|河流|山区|林区|牧区|草|林|沙|水)+$|"
                              r"^(?:治理|保护|修复|防治|建设|生态|退化|沙化|荒漠化|石漠化|一批|首批|多|[\d{}])".format(NUM))


#: a stem with a count, a grade, a route (高青至商河) or a kind of land (黑土型退化草原, 半固定沙地) is no name.
_FEATURE_ODD = re.compile(r"[\d等个批级至首型]|国内|退化|沙化|固定|流动|森林|林区")
#: a river named by praise or kind (美丽幸福母亲河, 生态河): not a river's name.
_RIVER_GENERIC = re.compile(r"(?:母亲|幸福|美丽|生态|护城|城市|景观|人工|排洪|灌溉)$")


def _features(doc: Doc, text: str, cands: list) -> None:
    """Deserts, sandy lands, lakes, canyons, rivers, reserves and resorts with a proper-name stem: a place of
    the gazetteer, or a word the dictionary does not hold as a common one (科尔沁沙地, 察汗淖尔, 莫尔格勒河,
    老牛湾黄河大峡谷, 大青山国家级自然保护区).  A bare generic word before the head (城市湿地, 母亲河) is not a
    name."""
    starts = _bounds(doc)[0]
    for m in _FEATURE.finditer(text):
        s = _name_start(doc, text, m.start(), 10)
        stem = text[s: m.start()]
        if len(stem) < 2 or s not in starts or _FEATURE_GENERIC.search(stem) or _FEATURE_ODD.search(stem):
            continue
        if m.group("nat") == "河" and (len(stem) < 3 or _RIVER_GENERIC.search(stem)):
            continue
        if not (_gaz_prefix(stem) or not _known_word(stem, 200) or any(
                k in ("Place", "Region") for _, (sf, k, key, how) in _matcher().prefixes(stem[-4:], 8))):
            continue
        if text.startswith("基地", m.end()):  # 柴达木沙漠基地: the feature names a base
            cands.append((s, m.end() + 2, "Project"))
            continue
        cands.append((s, m.end(), "Place"))


# ------------------------------------------------------------------ free-trade zones

_FTZ = re.compile(rf"中国（(?P<p>[{CJK}]{{2,4}})）(?:自由贸易试验区|自贸试验区)(?P<part>[{CJK}]{{2,4}}?片区)?")


def _ftz(doc: Doc, text: str, cands: list) -> None:
    """中国（辽宁）自由贸易试验区 and its areas (…营口片区: the area is 营口片区)."""
    dv = gz.divisions()
    for m in _FTZ.finditer(text):
        if m.group("p") not in dv.by_name and m.group("p") not in dv.by_short:
            continue
        e = m.end("part") - len(m.group("part")) if m.group("part") else m.end()
        cands.append((m.start(), e, "Zone"))
        if m.group("part"):
            cands.append((m.start("part"), m.end("part"), "Zone"))


# ------------------------------------------------------------------ disasters, documents, pairs

_DISASTER = re.compile(r"(?:特大)?(?:地震|洪水|泥石流|山洪)(?!带|局|台|监测|预警|多发|易发|灾害防治)")


def _disasters(doc: Doc, text: str, cands: list) -> None:
    """A disaster named by its place (定日地震, 积石山6.2级地震): a division right before the head."""
    dv = gz.divisions()
    for m in _DISASTER.finditer(text):
        for n in (4, 3, 2):
            s = m.start() - n
            w = text[max(0, s): m.start()]
            if len(w) == n and (w in dv.by_name or w in dv.by_short) and (s == 0 or text[s - 1] in _STOP or not
                                                                          "\u4e00" <= text[s - 1] <= "\u9fff" or text[s - 1] in "巩固应对抗救"):
                cands.append((s, m.end(), "Event"))
                break


_DOC_TITLE = re.compile(r"《(?P<t>关于[^《》\n]{4,60}?(?:的)?(?:实施意见|指导意见|若干意见|意见|决定|通知|实施方案|行动方案|方案|规定|办法))》")


def _documents(text: str, cands: list) -> None:
    """Policy documents in title marks (《关于推动内蒙古高质量发展…的意见》); other titles in 《》 are works
    (a film, a show) and are left alone."""
    for m in _DOC_TITLE.finditer(text):
        cands.append((m.start("t"), m.end("t"), "Policy"))


_PAIR = re.compile(r"(?P<a>[京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔滇藏陕甘青宁新])(?P<b>[京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔滇藏陕甘青宁新])"
                   r"(?:东西部)?(?P<h>协作|合作)(?![社区])")


def _pairs(doc: Doc, text: str, cands: list) -> None:
    """Paired-province programmes by two province abbreviations (京蒙协作, 闽宁协作, 沪滇合作)."""
    starts = _bounds(doc)[0]
    for m in _PAIR.finditer(text):
        a, b = m.group("a"), m.group("b")
        if a == b or m.start() not in starts or a not in _PROVINCE_ABBR or b not in _PROVINCE_ABBR:
            continue
        if m.start() > 0 and "\u4e00" <= text[m.start() - 1] <= "\u9fff" and text[m.start() - 1] not in _STOP \
                and not re.search(r"(?:深化|推进|加强|开展|推动|拓展|做好|实施)$", text[max(0, m.start() - 4): m.start()]):
            continue
        if _known_word(a + b, 50):
            continue
        cands.append((m.start(), m.end(), "Strategy"))


_PROTECTION = re.compile(r"保护(?:利用|修复|治理)?工程")
#: what a protection programme protects when the name is only a kind (生态保护工程, 重点保护工程).
_PROTECTION_GENERIC = re.compile(r"^(?:生态|环境|生态环境|整体|全面|重点|重大|各类|系统|全域|综合|一批|国家|全国|全省|省级|[一二三四五六七八九十\d]+[大项个])+$")


def _protection_works(doc: Doc, text: str, cands: list) -> None:
    """Programmes named after what they protect (黑土地保护工程, 生物多样性保护工程, 黄河流域文物保护利用工程)."""
    starts = _bounds(doc)[0]
    for m in _PROTECTION.finditer(text):
        s = _name_start(doc, text, m.start(), 10)
        verb = None
        for verb in _INNER_VERB.finditer(text, s, m.start()):
            pass
        if verb is not None:  # 纳入|全国整体保护工程: the name starts after the verb
            s = verb.end()
        stem = text[s: m.start()]
        if len(stem) < 2 or s not in starts or _PROTECTION_GENERIC.match(stem) or re.search(r"[等个批]", stem):
            continue
        cands.append((s, m.end(), "Project"))


def _patterns(doc: Doc, text: str, cands: list) -> None:
    """The general naming patterns above, each read only where its head occurs."""
    if re.search(r"[GS]\d|\d国道|\d省道", text):
        _roads(text, cands)
    if "露天" in text:
        _mines(doc, text, cands)
    if "基地" in text:
        _energy_bases(doc, text, cands)
    _features(doc, text, cands)
    if "中国（" in text:
        _ftz(doc, text, cands)
    _disasters(doc, text, cands)
    if "《关于" in text:
        _documents(text, cands)
    if "协作" in text or "合作" in text:
        _pairs(doc, text, cands)
    _company_sites(doc, text, cands)
    if "保护" in text:
        _protection_works(doc, text, cands)


def _company_sites(doc: Doc, text: str, cands: list) -> None:
    """A company's local project named by the company's short name and the place (中能建松原, 华能陇东): a
    known enterprise right before a division, in a list or before 项目/基地."""
    ents = {s: e for s, e, k in cands if k == "Enterprise"}
    places = {s: e for s, e, k in cands if k == "AdministrativeRegion"}
    for s, e in ents.items():
        e2 = places.get(e)
        if e2 is None or e2 - e < 2:
            continue
        if text[e2: e2 + 1] in ("、", "，", "等", "和", "及") or text.startswith(("项目", "基地"), e2):
            cands.append((s, e2, "Project"))
