"""General naming patterns of provincial work reports that the head rules of ``naming`` do not
cover: road numbers (G331, 331国道, G214加卡至邦达机场段), open-pit mines named after a place
(抚顺西露天矿), energy bases with a coined or place stem (金上、藏东南水风光一体化基地), natural
features with a proper-name stem (科尔沁沙地, 察汗淖尔, 莫尔格勒河, 大青山国家级自然保护区), the
free-trade zones written with a bracketed province (中国（内蒙古）自由贸易试验区), disasters named
by their place (定日地震), policy documents in title marks (《关于…的意见》) and paired-province
programmes without a programme head (京蒙协作).  Places, transport and facilities: stations by city
and direction (合肥西站), lines by their abbreviated ends (渝湘复线高速) or their two ends in a list
(乐都至化隆等7条公路), mountains, islands, bays and lakes (拉脊山, 黑瞎子岛), reservoirs, canals,
channels, locks and tunnels (东嘎水库, 条帚门航道), ports and ports of entry (洋浦港, 马鬃山口岸),
villages and towns (龙泉村, 樟木镇), streets (伊犁|六星街), logistics hubs and sub-bases
(洋浦国家骨干冷链物流基地, 格尔木东分基地) and scenic sites named as the subject of a grade
(冶力关成功创建国家5A级景区).

Every rule reads only where its head occurs, and each takes the name from the text before the
head (``_name_start``), so that a qualifier or a verb never starts a name.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from kg import gazetteer as gz
from .common import _bounds, CJK, CORE_OF, _INNER_VERB, _LEAD_VERBS, NUM, _STOP, _text
from .gazetteer import _matcher
from .lines import _abbr_chars, _line_stem_ok, _PROVINCE_ABBR
from .longtail import _known_word
from .naming import _AREA_GENERIC, _CUT, _LEAD, _NAME_CH, _name_start, _phase_end, _VERB_END
from .zones import _gaz_prefix, _place_prefix


# ------------------------------------------------------------------ helpers

def _province(name: str) -> bool:
    """Whether ``name`` is a province, in full or short (大美新疆|山更绿: no mountain)."""
    dv = gz.divisions()
    d = (dv.by_name.get(name) or dv.by_short.get(name) or [None])[0]
    return d is not None and d.level == "province"


def _words(doc: Doc, s: int, e: int) -> list[str]:
    """The segmenter's words inside [s, e) (word boundaries sorted once per Doc, then bisected)."""
    from bisect import bisect_left, bisect_right

    cuts = doc.user_data.get("kg_cuts")
    if cuts is None:
        starts, ends = _bounds(doc)
        cuts = doc.user_data["kg_cuts"] = sorted(starts | ends)
    inside = cuts[bisect_left(cuts, s): bisect_right(cuts, e)]
    text = _text(doc)
    return [text[a:b] for a, b in zip(inside, inside[1:])]


def _gaz_place_suffix(doc: Doc, name: str, s: int) -> bool:
    """Whether ``name`` (at ``s``) ends with a division or a natural feature of the gazetteer that starts a
    word (杭州|萧山, 恢复|长白山); 东平湖 is one word, 平湖 inside it no city."""
    m, starts = _matcher(), _bounds(doc)[0]
    return any(CORE_OF.get(k) == "Place" for i in range(1, len(name) - 1) if s + i in starts
               for n, (sf, k, key, how) in m.prefixes(name[i:]) if i + n == len(name))


def _division_ends_at(text: str, end: int, *lengths: int) -> bool:
    """Whether a division of the gazetteer, full or short (库车 of 库车市), of one of ``lengths`` (2 to 4 by
    default) ends at ``end`` after a clause break."""
    m = _matcher()
    for n in lengths or (4, 3, 2):
        a = end - n
        if a >= 0 and (a == 0 or not "\u4e00" <= text[a - 1] <= "\u9fff" or text[a - 1] in _STOP) and any(
                k == "AdministrativeRegion" and ln == n for ln, (sf, k, key, how) in m.prefixes(text[a:end])):
            return True
    return False


# ------------------------------------------------------------------ roads

#: national and provincial road numbers: G331, S203, G109国道, 331国道; a bare code needs three
#: or four digits (G20 is a summit, G60 a corridor's brand).
_ROAD = re.compile(r"(?<![A-Za-z0-9])(?:(?P<code>[GS]\d{1,4})(?P<suf>国道|省道|高速公路|高速|公路)?|(?P<num>\d{3})(?P<suf2>国道|省道|边防路|边防公路|国防公路))"
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


# ------------------------------------------------------------------ stations and lines

_STATION = re.compile(r"[东西南北]站(?![前区长台点])")


def _stations(doc: Doc, text: str, cands: list) -> None:
    """Railway stations named by their city and a direction (合肥西站, 郑州南站): a division right
    before the direction.  A bare 西站 is a district's nickname as often as a station: left alone."""
    ends = {e: s for s, e, k in cands if k == "AdministrativeRegion"}
    for m in _STATION.finditer(text):
        s = ends.get(m.start())
        if s is None:  # a county's short form (宜宾西站) the gazetteer component does not name alone
            s = next((m.start() - n for n in (4, 3, 2) if _division_ends_at(text, m.start(), n)), None)
        if s is not None:
            cands.append((s, m.end(), "Facility"))


#: a line named by the abbreviations of its ends with a road or intercity head (银昆高速, 渝湘复线高速,
#: 京滨城际南段); the railway heads are read by ``lines``.
_ROAD_LINE = re.compile(r"(?:复线)?(?:高速公路|高速|城际铁路|城际)(?:[东西南北]段|[一二三四\d]期)?")
#: what 高速/城际 head when it is an adjective (保持高速增长, 城际公交).
_ROAD_NOT = re.compile(r"增长|发展|运转|运行|推进|高精度|传输|铁路网|公交|巴士|列车|客运|交通|通道|互联|宽带|网络|光|计算")
#: a count or a set of directions is no line's ends (三大高速公路, 东中西高速公路大通道).
_ROAD_STEM_ODD = re.compile(rf"[\d{NUM}两大多等]|^[东西南北中]+$")


def _road_lines(doc: Doc, text: str, cands: list) -> None:
    """Expressways and intercity lines named by two or three abbreviations of their ends (银昆高速,
    渝湘复线高速, 京滨城际南段): every character abbreviates a place, the stem is no common word, and
    高速/城际 is not an adjective (保持高速增长)."""
    starts = _bounds(doc)[0]
    abbr = _abbr_chars()
    for m in _ROAD_LINE.finditer(text):
        head_end = m.end()
        if _ROAD_NOT.match(text, head_end) or _ROAD_NOT.match(text, m.start() + 2):
            continue
        for n in (3, 2):
            a = m.start() - n
            stem = text[a: m.start()]
            if a < 0 or a not in starts or not all(c in abbr for c in stem) or not _line_stem_ok(stem) or _ROAD_STEM_ODD.search(stem) \
                    or _known_word(stem, 30) or (a > 0 and _NAME_CH.match(text[a - 1]) and not _VERB_END.search(text, max(0, a - 6), a)):
                continue
            cands.append((a, head_end, "InfrastructureProject"))
            break


#: the last road of a list named by its two ends, the head after the list (乐都至化隆等7条公路, 康县至略阳等高速).
_ENDS_LIST = re.compile(rf"(?P<a>[{CJK}]{{2,5}}?)至(?P<b>[{CJK}]{{2,5}}?)(?=等(?:[\d{NUM}两]+条)?(?P<h>高速公路|高速|铁路|公路|高铁))")
#: the list's head, a literal the scan can find fast: the list is looked for only before one.
_ENDS_HEAD = re.compile(rf"等(?:[\d{NUM}两]+条)?(?:高速公路|高速|铁路|公路|高铁)")
#: an earlier member of such a list (龙胜至宜州、…).
_ENDS_MEMBER = re.compile(rf"[{CJK}]{{2,5}}至[{CJK}]{{2,6}}")


def _ends_in_list(doc: Doc, text: str, cands: list) -> None:
    """Roads in a list named by their ends, the shared head after the list (乐都至化隆等7条公路; 龙胜至宜州、
    南宁至北海二通道等高速公路: each member), each with the head as its full name.  One end at least is a
    place of the gazetteer, so that a span of years is no road."""
    starts = _bounds(doc)[0]
    hints = doc.user_data.setdefault("kg_canonical", {})
    for h in _ENDS_HEAD.finditer(text):
        m = _ENDS_LIST.search(text, max(0, h.start() - 11), h.end())  # a至b: at most 11 characters
        if m is None or m.end() != h.start():
            continue
        s = m.start()
        lead = _LEAD.match(text[s: m.end("a")]) or _LEAD_VERBS.match(text[s: m.end("a")])
        if lead:
            s += lead.end()
        elif s > 0 and _NAME_CH.match(text[s - 1]) and text[s - 1] not in _STOP:
            continue  # the run before is longer than one end: not a list member
        if m.end("a") - s < 2 or s not in starts or set(text[s: m.end()]) & (_STOP - {"都"}) or _CUT.search(text, s, m.end()):
            continue
        if not (_gaz_prefix(text[s: m.end("a")]) or _gaz_prefix(m.group("b"))):
            continue  # one end at least is a place the gazetteer knows: 2025至2030 is no road
        hints[(s, m.end())] = text[s: m.end()] + m.group("h")
        cands.append((s, m.end(), "InfrastructureProject"))
        while s > 0 and text[s - 1] == "、":  # the members before: 龙胜至宜州、…
            e = s - 1
            p = next((p for p in range(e - 5, max(-1, e - 13), -1) if p in starts and _ENDS_MEMBER.fullmatch(text, p, e)
                      and (p == 0 or not _NAME_CH.match(text[p - 1]) or _VERB_END.search(text, max(0, p - 6), p))), None)
            if p is None or set(text[p:e]) & (_STOP - {"都"}) or _CUT.search(text, p, e):
                break
            i = text.index("至", p, e)
            if not (_gaz_prefix(text[p:i]) or _gaz_prefix(text[i + 1: e])):
                break
            hints[(p, e)] = text[p:e] + m.group("h")
            cands.append((p, e, "InfrastructureProject"))
            s = p


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
        if text[s] == "环" and m.start() - s >= 3:  # 环|塔克拉玛干沙漠: the ring around the desert
            s += 1
        stem = text[s: m.start()]
        if len(stem) < 2 or s not in starts and text[s - 1] != "环" or _FEATURE_GENERIC.search(stem) or _FEATURE_ODD.search(stem):
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


# ------------------------------------------------------------------ mountains, islands, bays and lakes

_LANDFORM = re.compile(r"(?<=[\u4e00-\u9fff]{2})[山岛湾湖](?![区路街村镇乡县市州口港脚下上腰顶麓草泡泊库水林川]|大道|大街)")
#: stems that make a landform a kind or a figure of speech (美丽海湾, 绿色矿山, 科创生态岛, 厚望如山, 环杭州湾).
_LANDFORM_GENERIC = re.compile(r"美丽|幸福|绿色|生态|科创|无废|废弃|遗留|非煤|重点|清凉|旅游|创新|荟萃|智慧|数字|零碳|低碳|示范|至|"
                               r"[之如此全各每该本其等个座批大小山岛湾湖出离进上入登成治宝千]$|^[之如此全各该本其出离进入]|[\d{}两几多]".format(NUM))


def _landforms(doc: Doc, text: str, cands: list) -> None:
    """Mountains, islands, bays and lakes with a proper-name stem (拉脊山, 黑瞎子岛, 石梅湾, 泉州湾): a stem
    the dictionary does not hold as a common word, or a place of the gazetteer.  A division before the stem
    is not part of the name (余姚|井头山); names the gazetteer holds (长白山) are its own.  The head that
    makes a word with the character before it or after it (绿色矿山, 山东, 岗什卡登山) is no head."""
    starts, tok_ends = _bounds(doc)
    for m in _LANDFORM.finditer(text):
        h = m.start()
        if m.end() not in tok_ends or _known_word(text[h - 1: h + 1], 100):
            continue
        s = _name_start(doc, text, h, 5)
        if text[s] == "环" and h - s >= 3:  # 环|杭州湾: the ring around the bay
            s += 1
        word = max((a for a in range(max(s, h - 4), h) if a in starts), default=s)
        if m.end() - word >= 3 and word - s >= 2 and not any(x in starts for x in range(s + 1, word)) \
                and not _known_word(text[word:h], 5):
            s = word  # 华电|牛首山: after a word of its own, the segmenter's word holding the head is the name
        pre = [n for n, (sf, k, key, how) in _matcher().prefixes(text[s:h]) if n < h - s]
        if pre and h - s - max(pre) < 2:
            continue  # 南昌|瑶湖: a known name and a one-character stem
        if pre:  # 余姚|井头山: a division or a body before the stem
            s += max(pre)
        stem, full = text[s:h], text[s: m.end()]
        if not 2 <= len(stem) <= 4 or s not in starts or _LANDFORM_GENERIC.search(stem) or _CUT.search(stem) \
                or _gaz_place_suffix(doc, full, s) or _province(stem):
            continue
        words = [w for w in _words(doc, s, h) if len(w) >= 2]
        if not _gaz_prefix(stem) and len(words) > 1 and any(_known_word(w, 50) for w in words):
            continue
        cands.append((s, m.end(), "Place"))


# ------------------------------------------------------------------ reservoirs, canals and channels

_WATERWORK = re.compile(r"水库|运河|航道|船闸|隧道")
#: stems that make a reservoir, canal, channel or tunnel a kind (病险水库, 高等级航道, 30万吨级|航道, 公路隧道).
_WATERWORK_GENERIC = re.compile(rf"病险|大中型|中型|小型|大型|骨干|调蓄|平原|山区|重点|在建|新建|其中|各类|内河|高等级|深水|进港|疏港|"
                                rf"出海|沿海|水深|吨级|级及以上|[{NUM}]级$|[\d{NUM}两几多]|[等个座批]|^(?:无|大|新|老|该|各|建设)$|"
                                rf"公路|铁路|高速|海底|过江|跨海|特长|最长|山岭|城市|地下|综合|地铁|盾构|应急|备用|调节|蓄水|供水|水源|"
                                rf"饮用水|灌溉|防洪|抽水蓄能|人工|^(?:[上下主支]|复线|[一二三]线)$")


def _waterworks(doc: Doc, text: str, cands: list) -> None:
    """Reservoirs, canals, channels, locks and tunnels with a proper-name stem (东嘎水库, 瓦石峡水库, 平陆运河,
    条帚门航道, 阜阳复线船闸, 天山胜利隧道): after a two- to four-character word that is not a qualifier
    (病险, 高等级, 公路) the head names one; a capacity before the stem (30万吨级|条帚门航道) is not part of
    the name."""
    starts = _bounds(doc)[0]
    for m in _WATERWORK.finditer(text):
        s = _name_start(doc, text, m.start(), 8)
        cap = None
        for cap in re.finditer(r"万?吨级?", text[s: m.start()]):
            pass
        if cap is not None:
            s += cap.end()
        stem = text[s: m.start()]
        if not 2 <= len(stem) <= 4 or s not in starts or _WATERWORK_GENERIC.search(stem) or _CUT.search(stem) \
                or _province(stem) or text[m.start() - 1] == "大":  # 大运河 is the gazetteer's
            continue
        cands.append((s, _phase_end(text, m.end()), "Facility"))


# ------------------------------------------------------------------ ports

_PORT = re.compile(r"(?<![香])港(?![口区澳城务产经湾股资人航铁企商])")
#: stems that make a port a kind or a brand (自贸港, 国际陆港, 邮轮母港, 科技创新港, 数字贸易港).
_PORT_GENERIC = re.compile(r"自贸|自由贸易|贸易|[临空陆海渔母强干河]$|信息|创新|生态|枢纽|邮轮|门户|铁路|航天|航空|生鲜|登陆|加油|商务|"
                           r"现代化|姊妹|科技|数字|未来|国际|集装箱|中转|喂给|物流|智慧|绿色|人才|物资|供|疏|[\d{}两几多等个座批]".format(NUM))


def _ports(doc: Doc, text: str, cands: list) -> None:
    """Ports with a proper-name stem the gazetteer does not hold (洋浦港, 黄磏港, 八所港): a two-character
    stem that is no common word (longer ones are as often companies: 中联云港); ports named by a division
    (天津港) are read by ``names``."""
    starts = _bounds(doc)[0]
    for m in _PORT.finditer(text):
        s = _name_start(doc, text, m.start(), 6)
        stem = text[s: m.start()]
        if len(stem) != 2 or s not in starts or _PORT_GENERIC.search(stem) or _CUT.search(stem) \
                or _known_word(stem, 50) or _gaz_prefix(stem) or text[s - 1: s] in ("和", "与", "及") and _NAME_CH.match(text[s - 2: s - 1] or " "):
            continue  # 新和成|南港: a stem cut off a name by a conjunction character
        cands.append((s, _phase_end(text, m.end()), "Facility"))


_CRUISE = re.compile(r"(?:国际)?邮轮(?:母港|港)")


def _cruise_ports(doc: Doc, text: str, cands: list) -> None:
    """Cruise ports named by their place (北部湾国际邮轮母港, 三亚国际邮轮港): a place of the gazetteer right
    before; 邮轮母港 alone is a kind."""
    starts = _bounds(doc)[0]
    for m in _CRUISE.finditer(text):
        s = _name_start(doc, text, m.start(), 6)
        stem = text[s: m.start()]
        if 2 <= len(stem) <= 5 and s in starts and _gaz_prefix(stem) and not _CUT.search(stem):
            cands.append((s, _phase_end(text, m.end()), "Facility"))


# ------------------------------------------------------------------ ports of entry

_CROSSING = re.compile(r"口岸(?![经城区])")
#: the kinds of crossing written between a crossing's name and 口岸 (二连浩特|公路|口岸, 友谊关|智慧|口岸).
_CROSSING_KIND = re.compile(r"(?:公路|铁路|航空|陆路|水运|智慧|国际)+$")


def _crossings(doc: Doc, text: str, cands: list) -> None:
    """Ports of entry by their name (马鬃山口岸, 友谊关智慧口岸, 郑州航空口岸): a place of the gazetteer, or a
    two- to five-character name that is no common word, before the kind of crossing; the members of a list
    sharing the head (满都拉、甘其毛都口岸) are left to the list rules."""
    starts = _bounds(doc)[0]
    for m in _CROSSING.finditer(text):
        s = _name_start(doc, text, m.start(), 9)
        kind = _CROSSING_KIND.search(text, s, m.start())
        core = text[s: kind.start() if kind else m.start()]
        if not 2 <= len(core) <= 5 or s not in starts or text[s - 1: s] == "、" or _CUT.search(core) \
                or re.search(rf"[\d{NUM}两几多等个批级]|开放|重点|边境|内陆|口岸|泛|^(?:二线|沿边|一类|二类)", core):
            continue
        if _gaz_prefix(core) or not _known_word(core, 50):
            cands.append((s, m.end(), "Facility"))


# ------------------------------------------------------------------ villages and towns

_SETTLEMENT = re.compile(r"(?<=[\u4e00-\u9fff]{2})[村镇乡](?![镇乡村级民庄集落委务社道土愁情亲贤域里容区振居建创歌超篮])")
#: stems that make a village or town a kind (示范村, 中心镇, 美丽宜居村, 经济薄弱村, 产业强镇).
_SETTLEMENT_GENERIC = re.compile(rf"示范|中心|重点|行政|自然|建制|样板|宜居|美丽|和美|旅游|移民|边境|城中|特色|专业|试点|传统|"
                                 rf"民族|文化|文明|乡村|农村|城镇|乡镇|薄弱|贫困|脱贫|搬迁|安置|空心|升级|威胁|产业|商贸|工业|农业|"
                                 rf"文旅|绿电|登山|数字|零碳|低碳|法治|田园|休闲|国际|小城|补短|"
                                 rf"[强名古重大小新老集单全各每该本其入带围到进下靓千万百省市县城企]$|[\d{NUM}两几多等个座批所有]|[^\u4e00-\u9fff]")


def _settlements(doc: Doc, text: str, cands: list) -> None:
    """Named villages and towns (龙泉村, 姚磨村, 樟木镇, 丹巴县|基卡依村): a stem that is no common word, or any
    stem right after a county or city (武隆|荆竹村), and the other members of a list of such names.  The
    head that makes a word with the character before it (乡村, 城镇, 小镇) or a kind (示范村) is no name."""
    starts, tok_ends = _bounds(doc)
    dv = gz.divisions()
    ends = {e for s, e, k in cands if k == "AdministrativeRegion"}
    found: list[tuple[int, int, bool]] = []  # (start, end, named by its stem alone)
    for m in _SETTLEMENT.finditer(text):
        h = m.start()
        if m.end() not in tok_ends or _known_word(text[h - 1: h + 1], 20):
            continue
        after = [h - n for n in (2, 3) if h - n in ends and h - n in starts]  # 林芝市|嘎拉村: right after a division
        s = after[0] if after else _name_start(doc, text, h, 6)
        pre = [n for n, (sf, k, key, how) in _matcher().prefixes(text[s:h]) if k == "AdministrativeRegion" and n <= h - s - 2]
        if pre:
            s += max(pre)
        stem, full = text[s:h], text[s: m.end()]
        if not 2 <= len(stem) <= 3 or s not in starts or _SETTLEMENT_GENERIC.search(stem) or _CUT.search(stem) or text[s - 1: s] == "“" \
                or full in dv.by_name or full in dv.by_short or _gaz_place_suffix(doc, full, s):
            continue
        found.append((s, m.end(), bool(pre or after) or not _known_word(stem, 50)))
    named = [(s, e) for s, e, ok in found if ok]
    for s, e, ok in found:
        listed = any(text[e2: s] in ("、", "和", "及") or text[e: s2] in ("、", "和", "及") for s2, e2 in named)
        if ok or listed:
            cands.append((s, e, "Place"))


# ------------------------------------------------------------------ logistics hubs and sub-bases

_LOGISTICS = re.compile(r"国家(?:骨干冷链物流基地|物流枢纽)")
#: the kind a hub may carry before 国家 (港口型国家物流枢纽); looked for only before a hub: a pattern that
#: opened with it would be tried at every character.
_LOGISTICS_KIND = re.compile(r"[\u4e00-\u9fff]{2,4}型$")


def _logistics_bases(doc: Doc, text: str, cands: list) -> None:
    """National logistics hubs and cold-chain bases named by a place the gazetteer does not hold as a
    division (洋浦国家骨干冷链物流基地; 漳州… is read by ``zones``): a two- or three-character stem that is no
    common word, on a word start, not after a list comma (沈阳、大连国家物流枢纽 is two hubs' members)."""
    starts = _bounds(doc)[0]
    for m in _LOGISTICS.finditer(text):
        kind = _LOGISTICS_KIND.search(text, max(0, m.start() - 5), m.start())
        start = kind.start() if kind else m.start()
        s = _name_start(doc, text, start, 4)
        stem = text[s: start]
        if not 2 <= len(stem) <= 3 or s not in starts or text[s - 1: s] == "、" or _CUT.search(stem) \
                or re.search(rf"[\d{NUM}两几多等个批级]", stem) or _known_word(stem, 50) or _gaz_prefix(stem):
            continue
        cands.append((s, m.end(), "Project"))


def _sub_bases(doc: Doc, text: str, cands: list) -> None:
    """A sub-base of a named base by its place (柴达木沙漠基地|格尔木东分基地): the name opens with a division
    right after the base it belongs to or at a word start."""
    starts = _bounds(doc)[0]
    for m in re.finditer(r"分基地", text):
        s = _name_start(doc, text, m.start(), 10)
        base = text.rfind("基地", s, m.start())
        if base >= 0:
            s = base + 2
        stem = text[s: m.start()]
        if not 2 <= len(stem) <= 6 or s not in starts or not _place_prefix(stem) or re.search(rf"[\d{NUM}两几多等个批级]", stem):
            continue
        cands.append((s, m.end(), "Project"))


# ------------------------------------------------------------------ streets

_STREET = re.compile(r"(?:大街|小巷|老街|古街|街)(?![道区坊头巷])")
#: stems that make a street a kind (步行街, 特色街, 美食街, 商旅名街).
_STREET_GENERIC = re.compile(r"步行|特色|美食|名|商业|历史|文化|老|古|[\d几多等个条批]")


def _streets(doc: Doc, text: str, cands: list) -> None:
    """Streets and lanes named after their city (伊犁|六星街, 长春|新民大街, 库车|龟兹小巷, 西宁“豹街”): a
    division right before a stem of one (quoted) to three characters; the street's name is the stem and
    the head."""
    ends = {e for s, e, k in cands if k == "AdministrativeRegion"}
    for m in _STREET.finditer(text):
        quoted = text[m.end(): m.end() + 1] == "”"
        for n in (1, 2, 3):
            s = m.start() - n
            at = s - 1 if quoted else s
            if at < 0:
                break
            if quoted and text[at: s] != "“":
                continue
            if (at in ends or _division_ends_at(text, at)) and (n >= 2 or quoted) and not _STREET_GENERIC.search(text[s: m.start()]) \
                    and re.fullmatch(rf"[{CJK}]+", text[s: m.start()]) and not _known_word(text[s: m.end()], 200):
                cands.append((s, m.end(), "Place"))
                break


# ------------------------------------------------------------------ scenic sites by their grade

_GRADED = re.compile(r"(?:成功|积极)?(?:创建|获评|晋升为|晋升|入选|争创)(?:为)?(?:国家)?(?:[45]A级(?:旅游)?景区|考古遗址公园|"
                     r"世界地质公园|(?:年度)?全国十大考古新发现)")


def _graded_sites(doc: Doc, text: str, cands: list) -> None:
    """Scenic and heritage sites named as the subject of a grade or a listing (冶力关成功创建国家5A级景区,
    “天涯海角”获评…, 乾坤湾、乾陵获评…, 辽上京、土城子、萨拉乌苏遗址入选国家考古遗址公园): each member of
    the list before it is a site; a province before a member is not part of its name (新疆|昆仑山)."""
    starts = _bounds(doc)[0]
    for m in _GRADED.finditer(text):
        e = m.start()
        if text[e - 1: e] == "等":
            e -= 1
        items = []
        while e > 0:
            close = text[e - 1] == "”"
            s = _name_start(doc, text, e, 10, quotes=True)
            if s > 1 and text[s - 1] in "和与及" and "\u4e00" <= text[s - 2] <= "\u9fff" and text[s - 2] not in _STOP \
                    and (s == 2 or not "\u4e00" <= text[s - 3] <= "\u9fff" or text[s - 3] in "、，"):
                s -= 2  # 云和梯田: one character before 和 is no member of a list, but part of the name
            a, b = (s + 1, e - 1) if close and text[s: s + 1] == "“" else (s, e)
            name = text[a:b]
            if not 2 <= len(name) <= 8 or s not in starts and not close or not re.fullmatch(rf"[{CJK}]+", name) \
                    or _AREA_GENERIC.search(name) or re.search(r"[等个批家座]|更多|景区数量", name):
                break
            for n in (3, 2):
                if b - a - n >= 2 and _province(name[:n]):
                    a += n
                    break
            items.append((a, b))
            if s > 0 and text[s - 1] == "、" or s > 1 and text[s - 1] == "和" and s - 1 in starts and s in starts:
                e = s - 1
                continue
            break
        for a, b in items:
            cands.append((a, b, "Place"))


_HERITAGE = re.compile(r"申遗|入选世界(?:自然|文化|文化和自然)遗产")


def _heritage_sites(doc: Doc, text: str, cands: list) -> None:
    """Sites named as the subject of a World Heritage nomination (巴丹吉林沙漠—沙山湖泊群成功申遗, 推进白鹤梁题刻、
    蜀道（重庆段）等申遗): each member of the list before it is a site, unless it is only common words
    (候鸟栖息地)."""
    starts = _bounds(doc)[0]
    for m in _HERITAGE.finditer(text):
        e = m.start()
        if m.group() == "申遗" and text.endswith("成功", 0, e):
            e -= 2
        if text[e - 1: e] == "等":
            e -= 1
        while e > 0:
            s = _name_start(doc, text, e, 12, quotes=True)
            name = text[s:e]
            words = _words(doc, s, e)
            if not 2 <= len(name) <= 12 or s not in starts or _AREA_GENERIC.search(name) or re.search(r"[\d等个批项]|更多|我[省区市]", name) \
                    or len(words) > 1 and all(len(w) >= 2 and _known_word(w, 50) for w in words) and not _gaz_prefix(name):
                break  # 候鸟栖息地: common words only, a kind of site
            cands.append((s, e, "Place"))
            if s > 0 and text[s - 1] == "、":
                e = s - 1
                continue
            break


_QUOTED_SITE = re.compile(rf"“(?P<n>[{CJK}—·-]{{2,12}})”(?=等?(?:精品|核心|重点|知名|热门)?(?:旅游)?(?:景区|旅游区|度假区))")


def _quoted_sites(text: str, cands: list) -> None:
    """A quoted name that a scenic-site head classifies (“冈仁波齐—玛旁雍错”等精品景区): a site, which the
    quote rules would take for a slogan; the site is also the project that develops it, and that kind
    outranks a slogan's."""
    for m in _QUOTED_SITE.finditer(text):
        cands.append((m.start("n"), m.end("n"), "Project"))


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

_DISASTER = re.compile(r"(?:地震|洪水|泥石流|山洪)(?!带|局|台|监测|预警|多发|易发|灾害防治)")


def _disasters(doc: Doc, text: str, cands: list) -> None:
    """A disaster named by its place (定日地震, 积石山6.2级地震): a division right before the head."""
    dv = gz.divisions()
    for m in _DISASTER.finditer(text):
        start = m.start() - 2 if text.endswith("特大", 0, m.start()) else m.start()
        for n in (4, 3, 2):
            s = start - n
            w = text[max(0, s): start]
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
    if re.search(r"[GS]\d|\d国道|\d省道|\d边防|\d国防", text):
        _roads(text, cands)
    if "站" in text:
        _stations(doc, text, cands)
    if "高速" in text or "城际" in text:
        _road_lines(doc, text, cands)
    if "至" in text:
        _ends_in_list(doc, text, cands)
    if "露天" in text:
        _mines(doc, text, cands)
    if "基地" in text:
        _energy_bases(doc, text, cands)
    _features(doc, text, cands)
    _landforms(doc, text, cands)
    if "国家" in text:
        _logistics_bases(doc, text, cands)
    if "分基地" in text:
        _sub_bases(doc, text, cands)
    if "村" in text or "镇" in text or "乡" in text:
        _settlements(doc, text, cands)
    if "港" in text:
        _ports(doc, text, cands)
        if "邮轮" in text:
            _cruise_ports(doc, text, cands)
    if "口岸" in text:
        _crossings(doc, text, cands)
    if re.search(r"A级|遗址公园|地质公园|考古新发现", text):
        _graded_sites(doc, text, cands)
    if "”" in text:
        _quoted_sites(text, cands)
    if "遗" in text:
        _heritage_sites(doc, text, cands)
    if "街" in text or "巷" in text:
        _streets(doc, text, cands)
    if re.search(r"水库|运河|航道|船闸|隧道", text):
        _waterworks(doc, text, cands)
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
