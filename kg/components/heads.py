"""General naming patterns by their head: counted power stations, transmission lines, towns,
academy institutes, headquarters and named series.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from .common import _bounds, CJK, _INNER_VERB, _LEAD_VERBS, NUM, _STOP
from .naming import _AREA_GENERIC, _CUT, _LEAD, _NAME_CH, _name_start, _phase_end, _TRANSFER
from .longtail import _known_word


# ------------------------------------------------------------------ general naming patterns by their head

#: a count before a shared head: 两座|百万千瓦级|水电站, 4座|抽水蓄能电站, 等14座大中型|水电站.
_COUNT = re.compile(rf"(?:等)?(?:[\d{NUM}两几多]+(?:座|个|处|条|台|家))?(?:[\d{NUM}两百千万]+(?:万)?千瓦级|大中型|大型|中型|小型)?$")
_COUNTED = re.compile(rf"(?:^|[^\d{NUM}第])[\d{NUM}两几多]+(?:座|个|处|条|台|家|批|项)")
_POWER_HEAD = re.compile(r"(?:抽水蓄能|混合储能调频|储能调频|储能|光伏|光热|水|核|风|火)?电站")
_POWER_GENERIC = re.compile(r"^(?:新型|分布式|集中式|大型|中型|小型|大中型|百万千瓦级|千万千瓦级|梯级|配套|一批|首座|首个|各类|[\d.]+万?千瓦)*$")
_UHV = re.compile(rf"特高压[{CJK}]{{0,8}}?(?:工程|输电线路|输电通道)|输电线路|输电通道")
_TOWN_CH = re.compile(r"[城园址]")
_TOWN_CITY = ("生态城", "科学城", "科技城", "创新城", "智慧城")


def _town_head(text: str, i: int) -> tuple[int, int]:
    """(start, end) of the town, park or site head whose last character is at ``i``, or (-1, -1)."""
    c = text[i]
    if c == "址":
        if text[i - 1: i] != "遗":
            return -1, -1
        hs, he = i - 1, i + 1
        if text.startswith("公园", he):
            he += 2
            if text[hs - 2: hs] == "考古":
                hs -= 2
                if text[hs - 2: hs] == "国家":
                    hs -= 2
        elif text.startswith("群", he):
            he += 1
        if text.startswith("博物馆", he):
            return -1, -1
        return hs, he
    if text[i + 1: i + 2] in ("市", "乡", "镇", "区"):  # 创新城市, 新城区
        return -1, -1
    if c == "城":
        if text[i - 2: i + 1] in _TOWN_CITY:
            return i - 2, i + 1
        if text[i - 1: i + 1] == "新城" and text[i - 2: i - 1] not in ("创", "市", "县", "老"):
            return i - 1, i + 1
        return -1, -1
    if text[i - 4: i + 1] == "高教科创园":
        return i - 4, i + 1
    if text[i - 2: i + 1] in ("科创园", "科技园"):
        return i - 2, i + 1
    return -1, -1


_TOWN_GENERIC = re.compile(r"^(?:国家|国家级|省级|全国|世界|中国|大学|国家大学|国家级大学|未来产业|产业|工业|革命旧址|旧址|数字|大|"
                           r"考古|国家考古|文化|红色|历史|古|现代|特色|综合|一批|新一批|首批|各类|重点|高校|大学城|城市|祭祀|墓葬|古墓|窑)*$")
#: an institute of a national academy or group by its short name (中科院山西煤化所, 中国电科38所).
_ACADEMY = re.compile(r"(?:中科院|中国科学院|中国工程院|中国社科院|中国社会科学院|中国农科院|中国农业科学院|中国医科院|"
                      r"中国医学科学院|中国中医科学院|中国林科院|中国林业科学研究院|中国地科院|中国地质科学院|中国水科院|"
                      r"中国电科|中国航天科技|中国航天科工|航天科技集团|航天科工集团|中国船舶|中国兵器|中国核工业)")
_ACADEMY_UNIT = re.compile(rf"(?:[{CJK}]{{1,8}}?|\d{{1,3}})(?:研究所|研究院|所|院)(?![长士校区内外])")
_HQ_GENERIC = re.compile(r"(?:企业|公司|跨国公司|机构|央企|国企|外企|民企|地区|区域|功能|功能性|区域性|贸易|结算|研发|运营|"
                         r"出海|各类|更多|一批|总部|在京|经济|全球|亚太|中国区)$|^(?:更多|各类|一批|新|跨国|区域|地区|功能)")
_HQ_FUNCTION = re.compile(r"(?:销售|运营|研发|结算|北方|南方|华南|华北|华东|华中|西南|西北|东北|西部|东部|中国|亚太|全球|区域|地区)+$")
#: heads of a society or association: its 总部 is where it sits, not part of the name.
_SOCIETY = re.compile(r"(?:联盟|学会|协会|组织|商会|委员会)$")
_NAMED_SERIES = re.compile(rf"(?:发射|开行|首发|首航|开通)(?:了|成功)?(?:首列|首趟|首班|首颗|首艘)?“?(?P<n>[{CJK}]{{1,5}}?(?:[{NUM}]+号|号))(?![{CJK}])")
#: clause openers before a name that the general verb lists do not hold (提档建设|钓鱼城…, 制定|合肥滨湖科学城).
_VERBISH = re.compile(_INNER_VERB.pattern.replace("|被|与|同|和", ""))
_HEAD_LEAD = re.compile(r"(?:提档建设|提档|建设|升级|制定|深化|开发|加强|重塑|新一轮|一轮|加快|推动|推进|优化|建立|实施|保护|挖掘|利用)+")
_SERIES_NEXT = re.compile(rf"”?(?:、|和|及)“?(?P<n>[{CJK}]{{1,5}}?(?:[{NUM}]+号|号))(?![{CJK}])")
_PLENUM_LIST = re.compile(rf"(?P<pre>[省市区县州]委)?(?P<term>[{NUM}]+届)(?P<items>[{NUM}]+次(?:(?:、|和|及)[{NUM}]+次)+)全会$")


def _members(doc: Doc, text: str, end: int, maxitems: int = 8) -> list[tuple[int, int]]:
    """The items of a list A、B和C that ends at ``end``: each two to six name characters on a word start;
    an empty list where the stretch is not such a list."""
    starts = _bounds(doc)[0]
    items = []
    e = end
    while len(items) < maxitems:
        s = e
        while s > 0 and e - s < 6 and _NAME_CH.match(text[s - 1]) and text[s - 1] not in _STOP:
            s -= 1
        lead = _LEAD.match(text[s:e]) or _LEAD_VERBS.match(text[s:e])
        if lead:
            s += lead.end()
        if e - s < 2 or s not in starts:
            return []
        items.append((s, e))
        if s > 0 and text[s - 1] in "、和及与":
            if text[s - 1] != "、" and s - 1 not in starts:
                break
            e = s - 1
            continue
        break
    return items[::-1]


def _general_heads(doc: Doc, text: str, cands: list) -> None:
    """General naming patterns, each read only where its head occurs: power stations and
    transmission works (镇安抽水蓄能电站, 川渝特高压交流工程) with coordinated members
    (哇让、同德4座抽水蓄能电站); named new towns, science cities, parks and archaeological sites
    (湘江科学城, 明月湖科创园, 渝东新城, 二里头遗址); headquarters of a company (一汽丰田销售总部);
    institutes of an academy by its short name (中科院山西煤化所); satellites and trains named
    after a launch (发射天舟七号); and coordinated plenums (省委十一届十次、十一次全会)."""
    starts = _bounds(doc)[0]
    hints = doc.user_data.setdefault("kg_canonical", {})

    def named_or_listed(head_s: int, head_e: int, maxlen: int, generic: re.Pattern, kind: str) -> None:
        """A name ending at ``head_s``, or the members of a list sharing the head."""
        head = text[head_s:head_e]
        w0 = max(0, head_s - 12)
        cnt = _COUNT.search(text[w0:head_s])
        if cnt and re.search(r"[等座个处条台家]", cnt.group()):
            items = _members(doc, text, w0 + cnt.start())
            for a, b in items:
                w = text[a:b]
                if generic.match(w) or _known_word(w, 2000) or _CUT.search(w) or _HEAD_LEAD.match(w) or _VERBISH.search(w):
                    return
            for a, b in items:
                hints[(a, b)] = text[a:b] + head
                cands.append((a, b, kind))
            return
        s = _name_start(doc, text, head_s, maxlen, quotes=True)
        lead = _HEAD_LEAD.match(text, s, head_s)
        if lead:
            s = lead.end()
        stem = text[s:head_s]
        if _VERBISH.search(stem) or _AREA_GENERIC.search(stem) and not cnt.group():
            return
        if cnt and cnt.group():  # 百万千瓦级, 大中型: a qualifier, the name before it
            stem = stem[: len(stem) - len(cnt.group())] if stem.endswith(cnt.group()) else stem
        if len(stem) < 2 or s not in starts or generic.match(stem) or _COUNTED.search(stem) \
                or re.search(r"[等、]", stem) or re.search(r"(?:[和与及]|建设|发展)$", stem):
            return
        cands.append((s, _phase_end(text, head_e), kind))

    # power stations, with the kind of plant before 电站
    if "电站" in text:
        for m in re.finditer(r"电站", text):
            h = _POWER_HEAD.search(text, max(0, m.start() - 6), m.end())
            while h and h.end() != m.end():
                h = _POWER_HEAD.search(text, h.start() + 1, m.end())
            if h is None or text.startswith(("群", "项目"), m.end()):
                continue
            named_or_listed(h.start(), h.end(), 16, _POWER_GENERIC, "Facility")
    # ultra-high-voltage works: 川渝特高压交流工程, 金上至湖北特高压直流输电工程
    if "特高压" in text or "输电" in text:
        for m in _UHV.finditer(text):
            s = _name_start(doc, text, m.start(), 12)
            stem = text[s: m.start()]
            if not m.group().startswith("特高压") and "至" not in stem[1:-1]:
                continue  # a line without the UHV head is named by its two ends (陕北至关中第三条输电通道)
            if len(stem) < 2 or s not in starts or re.search(r"[等个条批项\d]|^(?:[省市县区]|全省|全市|全区|国家|一批|多条|配套)$",
                                                             re.sub(rf"第[{NUM}]+条$", "", stem)) \
                    or _TRANSFER.fullmatch(stem):  # 陕电入皖|特高压工程: the transfer's own name stays
                continue
            cands.append((s, m.end(), "Project"))
    # new towns, science cities, parks and archaeological sites
    for m in _TOWN_CH.finditer(text):  # one character class scans fast; the head is read around it
        hs, he = _town_head(text, m.start())
        if hs >= 0:
            named_or_listed(hs, he, 14, _TOWN_GENERIC, "Place" if "遗址" in text[hs:he] else "Zone")
    # headquarters of a named company or body: 一汽丰田销售总部, 中国华能总部
    if "总部" in text:
        for m in re.finditer(r"总部(?![经基区大楼])", text):
            s = _name_start(doc, text, m.start(), 14)
            stem = text[s: m.start()]
            core = _HQ_FUNCTION.sub("", stem) if len(_HQ_FUNCTION.sub("", stem)) >= 2 else stem
            if len(stem) < 3 or s not in starts or _HQ_GENERIC.search(stem) or _HQ_GENERIC.search(core) \
                    or re.search(r"[等个批类家级\d]", stem) or _known_word(core, 50):
                continue
            if _SOCIETY.search(stem):  # 国际深空探测学会|总部: the body's seat, not part of its name
                cands.append((s, m.start(), "Organization"))
            else:
                cands.append((s, m.end(), "Enterprise"))
    # institutes of a national academy or group named by its short form
    if "所" in text or "院" in text:
        for m in _ACADEMY.finditer(text):
            u = _ACADEMY_UNIT.match(text, m.end())
            if not u or m.start() not in starts and not (m.start() == 0 or not _NAME_CH.match(text[m.start() - 1])):
                continue
            mid = text[m.end(): u.end()]
            if set(mid) & _STOP or _CUT.search(mid) or re.match(r"(?:研究所|研究院|所|院)$", mid) \
                    or re.search(r"(?:[和与及等]|院校|医院|学院)", mid):
                continue
            cands.append((m.start(), u.end(), "Organization"))
    # satellites, spacecraft and trains named after a launch: 发射天舟七号, 开行“长安号”
    if "号" in text:
        for m in _NAMED_SERIES.finditer(text):
            a, b = m.span("n")
            while b - a >= 3 and not re.match(rf"[{NUM}\d]", text[a]):
                cands.append((a, b, "Project"))
                nxt = _SERIES_NEXT.match(text, b)  # 发射天舟七号、嫦娥六号: the members of the list
                if nxt is None:
                    break
                a, b = nxt.span("n")
    # coordinated plenums: 省委十一届十次、十一次全会 → two plenums
    if "次全会" in text:
        for h in re.finditer(r"次全会", text):
            m = _PLENUM_LIST.search(text, max(0, h.start() - 24), h.end())
            if m is None:
                continue
            pre, term = m.group("pre") or "", m.group("term")
            items = [(m.start("items") + i.start(), m.start("items") + i.end())
                     for i in re.finditer(rf"[{NUM}]+次", m.group("items"))]
            for i, (a, b) in enumerate(items):
                s = m.start() if i == 0 else a
                e = m.end() if i == len(items) - 1 else b
                hints[(s, e)] = pre + term + text[a:b] + "全会"
                cands.append((s, e, "Meeting"))
