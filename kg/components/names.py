"""The ``kg_names`` component: named events, bodies, areas, listed projects and facilities
found by their head.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg import gazetteer as gz
from .common import _aligned, _bounds, _cands, CJK, CORE_OF, _INNER_VERB, NUM, _text, _within
from .naming import (
    _AREA, _AREA_GENERIC, _BODY_GENERIC, _BODY_VERB, _CAMPAIGN_YEAR, _EVENT, _EVENT_GENERIC, _EVENT_SHORT,
    _EVENT_SHORT_HEAD, _GAMES_STEM, _HEAD_END, _INFRA_ANY, _inside, _LISTED, _name_start, _ORG_NAME, _PHASE,
    _phase_end, _project_kind, _PROVINCE_EVENT, _STRONG_FACILITY_HEAD, _STRONG_FACILITY_RE, _TRANSFER,
    _TRANSFER_HEAD,
)
from .dictionary import dictionary
from .gazetteer import _matcher
from .zones import _gaz_prefix, _place_prefix
from .lines import _lines
from .longtail import _longtail
from .heads import _COUNTED, _general_heads
from .listed import _listed_bodies
from .patterns import _patterns


#: the level and edition before a short games name (第33届世界|大冬会, 第九届亚洲|冬运会).
_GAMES_LEVEL = re.compile(rf"(?:第[\d{NUM}]+届)?(?:世界|全国|亚洲)$")
#: a zone's head inside the stem of another zone's name, with the verb after it: the later name starts after it.
_ZONE_INSIDE = re.compile(r"(?:片区|试验区|新区|开发区|高新区|经开区|园区)(?:建设|打造)")
#: zone heads that name a zone only after a place (辽西先导区, 巴彦淖尔农高区, 拉萨金融商务区, 北部湾经济区).
_PLACE_ZONE = ("先导区", "农高区", "商务区", "经济区")
#: a station that names the district around it (西站|同城商务区, 武清站|商务区).
_STATION_STEM = re.compile(r"^(?:[东西南北]|[\u4e00-\u9fff]{2,3}[东西南北]?)站(?!前|点|台)")
#: a part of a province named by its one-character abbreviation and a direction (辽东, 川南, 川东北, 陕北, 皖南).
_PART_OF_PROVINCE = re.compile(r"[冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔滇藏陕甘陇青宁疆](?:东南|东北|西南|西北|[东西南北中])"
                               r"|(?:东南|东北|西南|西北|[东西南北])[冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔滇藏陕甘陇青宁疆]")


def _country_before_place(stem: str) -> int:
    """Length of a country that opens ``stem`` before a place of the gazetteer (阿联酋|阿布扎比港): the
    facility is named by the place alone."""
    m = _matcher()
    return max((n for n, (sf, k, key, how) in m.prefixes(stem) if k == "Country" and n < len(stem) and _gaz_prefix(stem[n:])),
               default=0)


def _past_complement(text: str, s: int, end: int, ring: bool = False) -> int:
    """Start of a name after the complement of the verb before it (建设好|黄河口国家公园, 实施好…) or, for a
    site, a ring around it (环|热带雨林国家公园; 环太湖科创圈 is a region's own name)."""
    if end - s >= 3 and (text[s] == "好" and s > 0 and "\u4e00" <= text[s - 1] <= "\u9fff" or ring and text[s] == "环"):
        return s + 1
    return s


#: a count inside the stem of a body or fund (产业、科创2支基金, 3家研究院).
_BODY_COUNT = re.compile(rf"[\d{NUM}两几多]+[支个家只所批类]")


def _in_quote(text: str, s: int) -> bool:
    """Whether ``s`` lies inside a quotation opened shortly before it (“来海南看演唱会、|玩音乐节”)."""
    o = text.rfind("“", max(0, s - 20), s + 1)
    return o >= 0 and "”" not in text[o:s]


def _verb_phrase(words: list[str], quoted: bool) -> bool:
    """Whether a stem is a verb phrase, not a name: an adverb and a verb (充分|倚重|峰会), or in a
    quoted slogan a verb first (“来|海南|看|演唱会”, 玩|音乐节)."""
    tag = dictionary().tag
    first = tag(words[0])
    if len(words) > 1 and first in ("ad", "d") and tag(words[1]) == "v":
        return True
    return quoted and first == "v"


#: a listed item that is a kind of works, not one (香日德水库及|配套灌区等工程).
_LISTED_KIND = re.compile(r"^(?:配套|骨干|大中型|中小型|大型|中型|小型|重点|病险|现有|新建|在建)+(?:灌区|水库|泵站|管网|电站|渠系)$")


@Language.factory("kg_names")
def make_names(nlp: Language, name: str):
    """Named things other rules miss, found by the head that ends their name: events
    (赣商大会, 第十四届中国艺术节, 西博会), research bodies and funds (中国工业互联网研究院江西分院,
    四川社保科创基金), projects in a list that ends with 等…项目/开工 and facilities with a phase
    (新余电厂二期, 宁德核电6号机组)."""
    return NameComponent()


class NameComponent:
    def __call__(self, doc: Doc) -> Doc:
        text = _text(doc)
        cands = _cands(doc)
        self._events(doc, text, cands)
        self._bodies(doc, text, cands)
        self._listed(doc, text, cands)
        self._facilities(doc, text, cands)
        self._areas(doc, text, cands)
        self._year_campaigns(doc, text, cands)
        _lines(doc, text, cands)
        _longtail(doc, text, cands)
        _general_heads(doc, text, cands)
        _listed_bodies(doc, text, cands)
        _patterns(doc, text, cands)
        # a facility or project counted (6座抽水蓄能电站, 德令哈4座…) is a kind, not a name
        if re.search(r"[座个处条台]", text):
            cands[:] = [c for c in cands if not (CORE_OF.get(c[2]) == "Project" and (
                _COUNTED.search(text[c[0]:c[1]]) or text[c[0]] in "座个处条台" and re.match(rf"[\d{NUM}两几多]", text[c[0] - 1: c[0]])))]
        return doc

    @staticmethod
    def _year_campaigns(doc: Doc, text: str, cands: list) -> None:
        """Campaign years (项目投资攻坚年行动, 营商环境突破年活动, 大抓落实年): a theme and a
        …年 head, named as a campaign by 行动/活动 after it or by the verb that runs it."""
        starts = _bounds(doc)[0]
        for m in _CAMPAIGN_YEAR.finditer(text):
            if text[m.start() - 1: m.start()] == "“" or (m.start() > 0 and text[m.start() - 1] == "”"):
                continue  # quoted: the quote rules name it
            s = _name_start(doc, text, m.start(), 14)
            stem = text[s: m.start()]
            if len(stem) < 2 or s not in starts or _AREA_GENERIC.search(stem) or re.search(r"[\d一二三四五六七八九十]", stem):
                continue
            named = m.group("act") or re.search(r"(?:开展|实施|深化|推进|深化拓展|启动|部署)$", text[max(0, s - 4): s])
            if named:
                cands.append((s, m.end(), "Campaign"))

    @staticmethod
    def _events(doc: Doc, text: str, cands: list) -> None:
        for m in _EVENT.finditer(text):
            if text.startswith("代表大会", m.end() - 4) or text[m.end(): m.end() + 1] in ("堂", "场", "馆"):
                continue
            s = _name_start(doc, text, m.start(), 20, quotes=True)
            name = text[s: m.end()]
            stem = re.sub(r"[“”]", "", text[s: m.start()])
            if _EVENT_GENERIC.match(stem) and not _PROVINCE_EVENT.match(stem) and not (
                    m.group() == "运动会" and _GAMES_STEM.match(stem)):
                continue
            if stem and _verb_phrase(dictionary().cut(stem), _in_quote(text, s)):
                continue
            cands.append((s, m.end(), "Event"))
        places = {e: s for s, e, k in cands if k == "AdministrativeRegion"}
        for m in _within(doc, text, _EVENT_SHORT, _EVENT_SHORT_HEAD, CJK):
            if not _aligned(doc, m.start(), m.end()):
                continue
            pre = _GAMES_LEVEL.search(text, max(0, m.start() - 8), m.start())  # 第33届世界|大冬会
            cands.append((pre.start() if pre else places.get(m.start(), m.start()), m.end(), "Event"))

    @staticmethod
    def _bodies(doc: Doc, text: str, cands: list) -> None:
        for m in _ORG_NAME.finditer(text):
            s = _name_start(doc, text, m.start(), 22)
            if m.start() - s < 2 or _BODY_GENERIC.match(text[s: m.start()]) or _BODY_VERB.search(text, s, m.start()) \
                    or _BODY_COUNT.search(text, s, m.start()):  # 科创2支|基金: a number of funds, not one
                continue
            outer = [a for a, b, k in cands if a < s <= b and k == "Organization"] \
                if s > 0 and "\u4e00" <= text[s - 1] <= "\u9fff" else None
            if outer:  # 香港标准及检定中心|宁夏实验室: a name does not start inside a known body's name
                s = min(outer)
            if m.group() in ("集结中心", "交易中心", "合作中心") and not (
                    _place_prefix(text[s: m.start()]) or "—" in text[s: m.start()] or m.start() - s >= 6):
                continue  # 中欧班列集结中心 is a kind of hub; 中国—东盟水果交易中心 names one
            if m.group() in ("大学", "学院", "校区") and (not _place_prefix(text[s: m.start()]) or re.search(r"级|首家|[所名家]", text[s: m.start()])):
                continue  # a university is named after its place (海南大学, 新疆工业学院); 老年大学 is a kind
            e = m.end()
            if text[e: e + 1] == "（":  # 高校区域技术转移转化中心（福建）
                close = text.find("）", e, e + 6)
                e = close + 1 if close > 0 else e
            cands[:] = [c for c in cands if not (c[2] == "Facility" and s < c[0] and c[1] == e)]  # 实验室|江西创新中心
            cands.append((s, e, "Organization"))

    @staticmethod
    def _listed(doc: Doc, text: str, cands: list) -> None:
        """A、B、C等项目开工: each item with a project's form is a project."""
        places = {s for s, _, k in cands if k == "AdministrativeRegion"}
        for m in _LISTED.finditer(text):
            end = m.start()
            while True:
                s = _name_start(doc, text, end, 24)
                item = text[s:end]
                stem_len = len(item) - len(_HEAD_END.search(item).group())
                counted = re.search(rf"[\d{NUM}两几多]+[个座条处家]$", text[max(0, s - 6): s])  # 85个|口袋公园: a kind
                if 3 <= len(item) <= 24 and stem_len >= 2 and not _INNER_VERB.search(item) and not _LISTED_KIND.match(item) \
                        and not counted and \
                        (_INFRA_ANY.search(item) or _PHASE.search(item) or s in places or re.search(r"\d", item)):
                    cands.append((s, end, _project_kind(item)))
                if s == 0 or text[s - 1] != "、":
                    break
                end = s - 1

    @staticmethod
    def _areas(doc: Doc, text: str, cands: list) -> None:
        """Designated zones, named sites and regions by their head, with the name before it."""
        starts = _bounds(doc)[0]
        covered: dict[int, int] = {}  # strategy spans: start → furthest end
        for a, b, k in cands:
            if CORE_OF.get(k) == "Strategy" and b > covered.get(a, -1):
                covered[a] = b
        cov_starts = sorted(covered)
        reach, best = [], -1  # reach[i]: furthest end of the strategies starting at or before cov_starts[i]
        for a in cov_starts:
            best = max(best, covered[a])
            reach.append(best)
        for m in _AREA.finditer(text):
            s = _name_start(doc, text, m.start(), 20, quotes=True)
            inner = None
            for inner in _ZONE_INSIDE.finditer(text, s, m.start()):
                pass
            if inner is not None:  # 营口片区建设|陆港枢纽产业园: a zone named before ends the name
                s = inner.end()
            s = _past_complement(text, s, m.start(), ring=bool(m.group("site")))
            stem = text[s: m.start()]
            if m.group("site") and re.search(r"[进入到]$|^(?:精品|梯田|星级|高等级)$", stem):
                continue  # 非遗进|景区, 精品景区: a kind of site
            if len(stem) < 2 or _AREA_GENERIC.search(stem) or s not in starts or stem.startswith("与") or \
                    _inside(cov_starts, reach, s, m.end()):  # 长江经济带(发展): a strategy's name
                continue
            if m.group() in _PLACE_ZONE and not (_gaz_prefix(stem) or _PART_OF_PROVINCE.match(stem) or _STATION_STEM.match(stem)):
                continue
            kind = "Zone" if m.group("zone") else ("Place" if m.group("site") else "Region")
            cands.append((s, m.end(), kind))

    @staticmethod
    def _facilities(doc: Doc, text: str, cands: list) -> None:
        """Facilities with a strong suffix (机场, 水利枢纽, 灌区), with their phase where one follows."""
        dv = gz.divisions()
        for m in _within(doc, text, _STRONG_FACILITY_RE, _STRONG_FACILITY_HEAD, CJK):
            if m.group().endswith("线") and not re.search(r"[A-Z]\d线$|[快]线$", text[m.start() - 2: m.end()]):
                continue
            if text.startswith(("联盟", "集群", "群"), m.end()):  # 长三角大科学装置|联盟, 世界级机场|群
                continue
            s = _name_start(doc, text, m.start(), 10)
            s += _country_before_place(text[s: m.start()])
            lead = re.match(r"(?:投运|投用|启用)+", text[s: m.start()])
            if lead and m.start() - s - lead.end() >= 2:  # 建成投运|西宁机场三期
                s += lead.end()
            stem = text[s: m.start()]
            if len(stem) < 2 or re.search(r"通用|支线|井工|露天|民用|运输|大型|中型|小型|病险|骨干|重点|现代化|大中型|跨|新|光伏|风电|火电|燃煤|^国家$|"
                                          r"航空|空$|内陆|无水|枢纽|国际|吨级|^至|至.+段?$|省份|^公路|^铁路|燃气|智慧|绿色|零碳|高等级|内河|沿海|出海|油气|天然气|长输|供水|输水|"
                                          r"陆路|边境|口岸|开放|^[\d千百万]+吨级|世界级|跑道|运行|现有|^打通|^配套$|"
                                          r"抽水蓄能$|发展|建设|全|各", stem) or s not in _bounds(doc)[0]:
                continue
            e = _phase_end(text, m.end())
            if text[s:e] in dv.by_name or text[s:e] in dv.by_short:  # 防城港 is a city
                continue
            if re.match(r"港|港区|码头|口岸|母港|航道|管道", m.group()) and not _gaz_prefix(stem):
                continue  # a port is named by its place (钦州港, 北部湾港); 姊妹港, 城市管道 are kinds
            if stem[0].isdigit():
                continue
            cands.append((s, e, _project_kind(text[s:e])))
        for m in _within(doc, text, _TRANSFER, _TRANSFER_HEAD, CJK):  # 引大济岷工程, 陇电入鲁工程: a transfer's conventional name
            if m.start() in _bounds(doc)[0]:
                cands.append((m.start(), _phase_end(text, m.end()) if m.group().endswith("工程") else m.end(), "Project"))
