"""The spaCy pipeline that finds entity mentions: blank ``zh`` with the jieba segmenter and
small rule and gazetteer components, each registered with ``@Language.factory``.

Components work on characters (regexes and an Aho-Corasick automaton over the gazetteer)
and use jieba's tokens only as word boundaries, so that a short name is not matched inside a
longer word (空港 inside 航空港, 区委 inside 社区委员会).  Each component adds candidates
``(start, end, kind)`` to ``doc.user_data["kg"]``; the last one, ``kg_spans``, drops
overlapping candidates, splits tokens where a mention starts or ends inside one, and writes
the result to ``doc.spans["kg"]`` with the finest ontology class as the span label.
Nested mentions of a different class are kept (区委 inside 区委书记): the resolve and
relation stages read the structure of names from them.
"""
from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg import gazetteer as gz

#: finest class → core class (the ontology defines exactly these subclasses).
CORE_OF = {
    **{k: "Organization" for k in ("PartyCommittee", "GovernmentBody", "Legislature", "PoliticalConsultativeBody",
                                   "AdministrativeCommittee", "Department", "Enterprise", "Organization")},
    **{k: "Place" for k in ("AdministrativeRegion", "Country", "Region", "Zone", "Place")},
    **{k: "Project" for k in ("Facility", "InfrastructureProject", "Project")},
    **{k: "Strategy" for k in ("Plan", "Campaign", "Policy", "Strategy")},
    "Person": "Person", "Position": "Position", "Meeting": "Event", "Event": "Event",
}

CJK = "\u4e00-\u9fff"
NUM = "一二三四五六七八九十"
#: characters and words that cannot be inside a name: they end a candidate on the left.
_STOP = set("的和与及、，,。；;：:“”\"（）()《》在是把将对为等了从向于以由被就也都要并或之个其该各这那此我全本")
_LEAD_VERBS = re.compile(
    r"^(?:认真|积极|加快|加速|加强|推进|推动|实施|建设|新建|续建|扩建|改扩建|开工|建成|启动|完成|抓好|抓紧|"
    r"打造|谋划|争取|支持|全面|确保|力争|实现|开展|依托|围绕|包括|比如|例如|如|即|深入|大力|着力|持续|"
    r"重点|稳步|有序|高标准|高质量|规划|筹建|组建|做好|做强|提升|优化|完善|落实|用好|办好|建好|管好|投运|投产|"
    r"开通|通车|竣工|落地|落户|开建|新开工|启用|运营|创建|一批|一个|若干|多个|各类|新增|入选|获批|成为|首个|"
    r"首家|国家级)+")
#: verbs that cannot be inside a name between a place and a suffix (天津|签署|自贸区).
_INNER_VERB = re.compile(r"投运|投产|建成|开工|签署|签约|合作|入选|获批|纳入|成为|列入|申报|争取|设立|开展|建设|推进|加快|打造|实施|"
                         r"启动|支持|推动|引进|落户|开通|建成|投运|获评|荣获|被|与|同|和")
_PARTY = re.compile(r"(?:中共|中国共产党)$")
_LEVEL = "省市区县州旗"

# Suffixes after a place (官渡区|委, 云南省|人民政府 …) or after a bare level character (区|委).
_BODY = re.compile(
    rf"(?P<lvl>[{_LEVEL}])?(?:"
    r"(?P<party>委(?:员会)?)(?P<dept>政法委|组织部|宣传部|统战部|政研室|办公室|办|党校|编办|农办|网信办)?"
    r"|(?P<gov>人民政府|政府)(?P<gdept>办公室|办公厅|办)?"
    r"|(?P<leg>人大常委会|人大)|(?P<cppcc>政协)|(?P<disc>纪委监委|纪委)"
    rf"|(?P<dept2>[{CJK}]{{1,7}}?(?:厅|局|委员会|发改委|发展改革委)))"
    r"(?![员托屈婉会])"
)
_ZONE_BODY = re.compile(r"(?P<party>党工委|工委)|(?P<admin>管委会|管理委员会)")
_ZONE_SUFFIX = ("经济技术开发区|高新技术产业开发区|高新技术开发区|经济开发区|综合保税区|保税港区|保税区|"
                "自由贸易试验区|自贸试验区|自由贸易港|自贸区|自贸港|工业园区|产业园区|科技园区|物流园区|"
                "开发区|高新区|经开区|新区|经济区|示范区|试验区|合作区|园区|片区")
_FACILITY_SUFFIX = ("医院|书院|学校|中学|小学|大学|学院|幼儿园|博物馆|图书馆|体育馆|体育中心|文化中心|会展中心|"
                    "服务中心|中心|公园|广场|机场|国际机场|火车站|高铁站|客运站|码头|港口|大桥|隧道|水库|水电站|电站|"
                    "枢纽|运河")
_INFRA_SUFFIX = "铁路|高铁|城际铁路|高速公路|高速|快速路|环线|轨道交通|地铁"
_ENTERPRISE_SUFFIX = "集团有限公司|股份有限公司|有限责任公司|有限公司|集团|公司|银行"
_ZONE_AFTER = re.compile(rf"(?P<mid>[{CJK}]{{0,8}}?)(?P<suf>{_ZONE_SUFFIX})")
_FAC_AFTER = re.compile(rf"(?P<mid>[{CJK}]{{0,10}}?)(?P<suf>{_FACILITY_SUFFIX}|{_INFRA_SUFFIX})")
_ENT_AFTER = re.compile(rf"(?P<mid>[{CJK}]{{1,10}}?)(?P<suf>{_ENTERPRISE_SUFFIX})")
_PILOT_AFTER = re.compile(rf"(?P<mid>[{CJK}]{{2,14}}?)试点")
_FACILITY = re.compile(rf"[{CJK}]{{2,10}}?(?:{_FACILITY_SUFFIX}|{_INFRA_SUFFIX})(?![区城站路街线])")

_FIVE_YEAR = re.compile(rf"“?十[{NUM}]五”?(?:\s*(?:规划纲要|规划|计划))?")
_Q = "“”\"'‘’「」『』"
_QUOTED = re.compile(rf"“(?P<in>[^“”\n]{{2,14}}?)”\s*(?P<tail>[{CJK}]{{0,6}}?(?P<suf>战略|工程|活动|行动|计划|规划|试点|制度|机制|体系|改革|建设|政策))?")
_NUMBERED = re.compile(rf"^(?:[两三四五六七八九十]个?[{CJK}]{{1,6}}|[百千万][{CJK}]{{0,3}}[十百千万][{CJK}]{{1,4}}|[{CJK}]{{0,2}}[两三四五六七八九十]\w?[{CJK}][{NUM}两][{CJK}]\w?)$")
_NUMBERED_BARE = re.compile(rf"([两三四五六七八九十]个?[{CJK}]{{1,4}}?)(战略|工程|行动)")
_STRATEGY_AFTER_VERB = re.compile(rf"(?:实施|推进|坚持|落实|推动|深入实施|大力实施)([{CJK}]{{2,8}}?)战略")

_MEETING = re.compile(
    rf"(?P<pre>(?:中共)?[{CJK}]{{0,8}}?(?:[{_LEVEL}]委|党工委|党组|中央|人大常委会|政府))?"
    rf"(?P<body>(?:第?[{NUM}]+届(?:[{NUM}]+中|[{NUM}]+次)?)?(?:全会|全体会议|全体(?:扩大)?会议|"
    rf"(?:经济|农村|城市|金融|组织|纪检监察|政法)?工作会议|常务会议|常委会会议|代表大会|扩大会议))"
)
_PARTY_CONGRESS = re.compile(rf"党的[{NUM}]+大|[{NUM}]+届[{NUM}]+中(?:、[{NUM}]+中)*全会")
_NPC_SESSION = re.compile(
    rf"第[{NUM}]+届(?:人民代表大会|人大)(?:常务委员会)?第[{NUM}]+次(?:全体)?会议"
    rf"|第[{NUM}]+届[{CJK}]{{0,4}}政治协商会议[{CJK}]{{0,4}}委员会第[{NUM}]+次(?:全体)?会议")

_PERSON_FOLLOW = re.compile(r"\s*(?:同志|就|在|指出|强调|表示|主持|出席|讲话|说|代表|作|向|对|参加|到|来|率|会见|，|,|、|。|：|:|（|\(|\n|$)")
_PERSON_STRONG = re.compile(r"\s*(?:同志|就|指出|强调|表示|主持|出席|讲话|代表|作)")
_NAME_BEFORE_TITLE = re.compile(r"(总书记|同志|总理|委员长)")


def _cands(doc: Doc) -> list[tuple[int, int, str]]:
    return doc.user_data.setdefault("kg", [])


def _text(doc: Doc) -> str:
    """The text matched on: simplified Chinese of the same length where the clean stage offers it."""
    t = doc.user_data.get("kg_text")
    if t is None:
        t = doc.text
        try:
            from kg.clean import to_simplified
        except ImportError:  # pragma: no cover - clean stage absent
            to_simplified = None
        if to_simplified is not None:
            s = to_simplified(t)
            t = s if len(s) == len(t) else t
        doc.user_data["kg_text"] = t
    return t


def _bounds(doc: Doc) -> tuple[set[int], set[int]]:
    b = doc.user_data.get("kg_bounds")
    if b is None:
        starts = {t.idx for t in doc}
        ends = {t.idx + len(t.text) for t in doc}
        b = doc.user_data["kg_bounds"] = (starts, ends)
    return b


def _aligned(doc: Doc, s: int, e: int) -> bool:
    starts, ends = _bounds(doc)
    return s in starts and e in ends


def _of(doc: Doc, *kinds: str) -> list[tuple[int, int, str]]:
    return [c for c in _cands(doc) if c[2] in kinds]


def _left_name(text: str, end: int, maxlen: int) -> int:
    """Start of the name ending at ``end``: back over name characters, then past leading verbs."""
    s = end
    while s > 0 and end - s < maxlen and "\u4e00" <= text[s - 1] <= "\u9fff" and text[s - 1] not in _STOP:
        s -= 1
    m = _LEAD_VERBS.match(text[s:end])
    return s + (m.end() if m else 0)


# ------------------------------------------------------------------ gazetteer

@lru_cache(maxsize=1)
def _automaton():
    """One Aho-Corasick automaton over every gazetteer surface form."""
    dv = gz.divisions()
    table: dict[str, tuple[str, str, str]] = {}  # surface → (kind, key, how)
    for e in (*gz.places(), *gz.strategies(), *gz.organizations()):
        for s in (e.name, *e.aliases):
            table.setdefault(s, (e.kind, e.name, "entry"))
    for name in dv.by_name:
        table.setdefault(name, ("AdministrativeRegion", name, "full"))
    for short, ds in dv.by_short.items():
        table.setdefault(short, ("AdministrativeRegion", ds[0].name, ds[0].level))
    a = ahocorasick.Automaton()
    for s, v in table.items():
        a.add_word(s, (s, *v))
    a.make_automaton()
    return a


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
        hits = []
        for end, (surface, kind, key, how) in _automaton().iter(text):
            hits.append((end + 1 - len(surface), end + 1, kind, key, how))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        chosen, last = [], -1
        for h in hits:  # leftmost-longest, no overlaps
            if h[0] >= last:
                chosen.append(h)
                last = h[1]
        generic = gz.generic()
        full_seen = {h[3] for h in chosen if h[4] == "full"}
        cands = _cands(doc)
        for s, e, kind, key, how in chosen:
            surface = text[s:e]
            if surface in generic:
                continue
            if how == "county" and key not in full_seen:
                continue
            if (how != "full" and how != "entry" or e - s <= 2) and not _aligned(doc, s, e):
                continue
            cands.append((s, e, kind))
        return doc


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


def _place_prefix(name: str):
    """Gazetteer divisions at the very start of ``name`` (longest first)."""
    out = []
    for end, (surface, kind, key, how) in _automaton().iter(name):
        if kind == "AdministrativeRegion" and end + 1 == len(surface):
            out.append((0, end + 1, kind, key, how))
    return sorted(out, key=lambda h: -h[1])


@Language.factory("kg_bodies")
def make_bodies(nlp: Language, name: str):
    """Party committees, governments, congresses, departments and zone committees named
    after a place or zone (中共官渡区委, 云南省人民政府, 空港党工委, 区委政法委), and the bare
    host-level forms a speech uses (区委, 区政府, 市委, 管委会)."""
    return BodyComponent()


class BodyComponent:
    def __call__(self, doc: Doc) -> Doc:
        text = _text(doc)
        cands = _cands(doc)
        anchors = [(s, e) for s, e, _ in _of(doc, "AdministrativeRegion")]
        starts, _ = _bounds(doc)
        bare = [m.start() for m in re.finditer(rf"[{_LEVEL}](?=委|人民政府|政府|人大|政协|纪委)", text)
                if m.start() in starts]
        for s, e in anchors:
            self._body(text, s, e, cands, anchored=True)
        for s in bare:
            self._body(text, s, s, cands, anchored=False)
        for s, e, _ in _of(doc, "Zone"):
            m = _ZONE_BODY.match(text, e)
            if m:
                s2 = s - 2 if _PARTY.search(text[max(0, s - 2): s]) else s
                cands.append((s2, m.end(), "PartyCommittee" if m.group("party") else "AdministrativeCommittee"))
        for m in re.finditer(r"党工委|管委会", text):  # bare: resolved to the document's zone
            if m.start() in starts and not any(a < m.start() < b for a, b, k in cands if k in ("Zone",)):
                if not any(b == m.end() and a < m.start() for a, b, _ in cands):
                    cands.append((m.start(), m.end(), "PartyCommittee" if m.group() == "党工委" else "AdministrativeCommittee"))
        return doc

    @staticmethod
    def _body(text: str, s: int, e: int, cands: list, anchored: bool) -> None:
        m = _BODY.match(text, e)
        if not m:
            return
        if not anchored and not m.group("lvl"):
            return
        if m.group("dept2") and (not anchored or set(m.group("dept2")) & _STOP):
            return
        s2 = s - 2 if _PARTY.search(text[max(0, s - 2): s]) else s
        if m.group("party"):
            end_party = m.end("party")
            if text[e:end_party] in ("委员会",) and not anchored:
                return
            cands.append((s2, end_party, "PartyCommittee"))
            if m.group("dept"):
                cands.append((s2, m.end(), "Department"))
        elif m.group("gov"):
            cands.append((s, m.end("gov"), "GovernmentBody"))
            if m.group("gdept"):
                cands.append((s, m.end(), "Department"))
        elif m.group("leg"):
            cands.append((s, m.end(), "Legislature"))
        elif m.group("cppcc"):
            cands.append((s, m.end(), "PoliticalConsultativeBody"))
        elif m.group("disc"):
            cands.append((s, m.end(), "PartyCommittee"))
        elif m.group("dept2"):
            cands.append((s, m.end(), "Department"))


# ------------------------------------------------------------------ strategies and projects

@Language.factory("kg_strategies")
def make_strategies(nlp: Language, name: str):
    """Plans, strategies and campaigns by form: five-year plans (十二五), quoted names with a
    strategy suffix (“两年突破”工程, “双推直选”试点), quoted numbered slogans (“三化”,
    “四个刻不容缓”) and unquoted ones (三步走战略, 实施大项目带动战略)."""
    return StrategyComponent()


_SUFFIX_KIND = {"战略": "Strategy", "工程": "Project", "活动": "Campaign", "行动": "Campaign", "计划": "Plan",
                "规划": "Plan", "试点": "Policy", "制度": "Policy", "机制": "Policy", "体系": "Strategy",
                "改革": "Policy", "建设": "Strategy", "政策": "Policy"}


class StrategyComponent:
    def __call__(self, doc: Doc) -> Doc:
        text = _text(doc)
        cands = _cands(doc)
        for m in _FIVE_YEAR.finditer(text):
            s, e = m.span()
            if text[s] == "“":
                s += 1
            if text[e - 1] == "”":
                e -= 1
            cands.append((s, e, "Plan"))
        for m in _QUOTED.finditer(text):
            inner = m.group("in").strip()
            if re.fullmatch(rf"十[{NUM}]五", inner) or re.search(r"[，,。、；：]", inner):
                continue
            if m.group("suf") and not set(m.group("tail")) & _STOP and not _INNER_VERB.search(m.group("tail")):
                if m.group("suf") == "建设" and not _NUMBERED.match(inner):
                    continue
                cands.append((m.start(), m.end(), _SUFFIX_KIND[m.group("suf")]))
            elif _NUMBERED.match(inner) and not re.search(r"[第级年月日]|一把手|委$", inner):
                cands.append((m.start("in"), m.end("in"), "Strategy"))
        for m in _NUMBERED_BARE.finditer(text):
            if m.start() > 0 and text[m.start() - 1] in "“":
                continue
            if not _aligned(doc, m.start(), m.start() + 1) and text[m.start() - 1: m.start()] not in "的了和、，, ":
                continue
            cands.append((m.start(), m.end(), "Strategy"))
        for m in _STRATEGY_AFTER_VERB.finditer(text):
            core = m.group(1)
            if set(core) & _STOP or re.search(r"一系列|重大|重要|各项|有关|相关|国家|这一|发展$", core):
                continue
            cands.append((m.start(1), m.end(), "Strategy"))
        return doc


@Language.factory("kg_projects")
def make_projects(nlp: Language, name: str):
    """Facilities and projects without a place in their name, accepted where the text lists
    them (云秀医院、宝象书院…等重大项目): a name and a facility suffix in an enumeration."""
    return ProjectComponent()


class ProjectComponent:
    def __call__(self, doc: Doc) -> Doc:
        text = _text(doc)
        cands = _cands(doc)
        found = []
        for m in _FACILITY.finditer(text):
            s = _left_name(text, m.end(), 12)
            inner = list(_INNER_VERB.finditer(text, s, m.end()))
            if inner:  # 建成投运|酒泉肃州洪水河水库: the name starts after the last verb
                s = inner[-1].end()
                lead = _LEAD_VERBS.match(text[s: m.end()])
                s += lead.end() if lead else 0
            name = text[s: m.end()]
            suf = re.search(rf"(?:{_FACILITY_SUFFIX}|{_INFRA_SUFFIX})$", name).group()
            if len(name) - len(suf) < 2:
                continue
            found.append((s, m.end(), suf))
        ends = {e for _, e, _ in found}
        starts = {s for s, _, _ in found}
        for s, e, suf in found:
            listed = (s > 0 and text[s - 1] == "、" and s - 1 in ends) or \
                     (e < len(text) and text[e] == "、" and e + 1 in starts) or \
                     re.match(r"等[^，。；]{0,4}(?:项目|工程)", text[e: e + 8])
            if listed:
                kind = "InfrastructureProject" if re.fullmatch(_INFRA_SUFFIX, suf) else "Facility"
                cands.append((s, e, kind))
        return doc


# ------------------------------------------------------------------ meetings

@Language.factory("kg_meetings")
def make_meetings(nlp: Language, name: str):
    """Meetings named by their body or their session (市委工作会议, 市委九届四次全会, 九届四次全会,
    党的二十大, 第十四届人民代表大会第三次会议); a bare 会议 or 本次会议 is not one."""
    return MeetingComponent()


class MeetingComponent:
    def __call__(self, doc: Doc) -> Doc:
        text = _text(doc)
        cands = _cands(doc)
        bodies = {(s, e) for s, e, k in cands if CORE_OF.get(k) == "Organization"}
        body_ends = {e: s for s, e in sorted(bodies, key=lambda b: b[1] - b[0])}
        for m in re.finditer(rf"(?:第?[{NUM}]+届(?:[{NUM}]+中|[{NUM}]+次)?)?(?:全会|全体会议|全体扩大会议|扩大会议|"
                             rf"(?:经济|农村|城市|金融|组织|纪检监察|政法)?工作会议|常务会议|常委会会议|代表大会)", text):
            s, e = m.span()
            session = bool(re.match(rf"第?[{NUM}]+届", m.group()))
            if s in body_ends:  # 市委|工作会议, 市委|九届四次全会
                cands.append((body_ends[s], e, "Meeting"))
                if session:
                    cands.append((s, e, "Meeting"))
            elif session and m.group().endswith(("全会", "会议")) and not m.group().endswith("代表大会"):
                cands.append((s, e, "Meeting"))
            elif text[max(0, s - 2): s] == "中央" and "工作会议" in m.group():
                cands.append((s - 2, e, "Meeting"))
        for m in _PARTY_CONGRESS.finditer(text):
            cands.append((m.start(), m.end(), "Meeting"))
        for m in _NPC_SESSION.finditer(text):
            s = m.start()
            for a, b, k in _of(doc, "AdministrativeRegion"):
                if b == s:
                    s = a
            cands.append((s, m.end(), "Meeting"))
        return doc


# ------------------------------------------------------------------ posts and people

@Language.factory("kg_people")
def make_people(nlp: Language, name: str):
    """Posts (a body followed by a title: 中共官渡区委|书记, 甘肃省|省长, 区委|书记) and the
    person named right after a post or a list of posts (…党工委书记保建彬就…)."""
    return PeopleComponent()


class PeopleComponent:
    def __call__(self, doc: Doc) -> Doc:
        text = _text(doc)
        cands = _cands(doc)
        titles = "|".join(re.escape(t) for t, _ in gz.posts())
        title_re = re.compile(rf"(?:{titles})")
        gov_title = {t for t, body in gz.posts() if body}
        posts = []
        for s, e, k in list(cands):
            if CORE_OF.get(k) != "Organization" and k != "AdministrativeRegion":
                continue
            m = title_re.match(text, e)
            if not m:
                continue
            if k == "AdministrativeRegion" and m.group() not in gov_title:
                continue
            if k != "AdministrativeRegion" and m.group() in gov_title:
                continue
            posts.append((s, m.end(), "Position"))
        starts, _ = _bounds(doc)
        for m in re.finditer(rf"(?:{'|'.join(sorted(gov_title, key=len, reverse=True))})", text):
            if m.start() in starts and not any(a < m.start() < b for a, b, _ in posts) \
                    and not any(b == m.start() for a, b, _ in cands):
                posts.append((m.start(), m.end(), "Position"))
        # keep the longest post ending at one place
        best: dict[int, tuple[int, int, str]] = {}
        for p in posts:
            if p[1] not in best or p[0] < best[p[1]][0]:
                best[p[1]] = p
        cands.extend(best.values())
        single, compound = gz.surnames()
        for e in sorted(best):
            # skip over further posts of the same person (X书记、Y书记保建彬)
            if e < len(text) and text[e] == "、" and any(a == e + 1 for a, _, _ in best.values()):
                continue
            p = e
            while p < len(text) and text[p] in " \u3000":
                p += 1
            for n in (3, 2, 4):
                name = text[p: p + n]
                if len(name) < n or not re.fullmatch(rf"[{CJK}]+", name):
                    continue
                sur_ok = name[:2] in compound if n == 4 else name[0] in single
                follow = text[p + n: p + n + 3]
                strong = _PERSON_STRONG.match(follow) is not None
                if (sur_ok and _PERSON_FOLLOW.match(follow)) or strong:
                    if name in gz.generic() or title_re.match(name):
                        break
                    cands.append((p, p + n, "Person"))
                    break
        # a name before 总书记/同志 (习近平总书记)
        for m in _NAME_BEFORE_TITLE.finditer(text):
            for n in (3, 2):
                s = m.start() - n
                if s >= 0 and text[s] in single and re.fullmatch(rf"[{CJK}]+", text[s: m.start()]) \
                        and (s == 0 or text[s - 1] in "，,。、；：“ \n（(的是和与及") and _aligned(doc, s, m.start()):
                    cands.append((s, m.start(), "Person"))
                    break
        return doc


# ------------------------------------------------------------------ spans

_PRIORITY = ("Position", "Meeting", "Department", "PartyCommittee", "GovernmentBody", "AdministrativeCommittee",
             "Legislature", "PoliticalConsultativeBody", "Enterprise", "Zone", "Facility", "InfrastructureProject",
             "Project", "Policy", "Plan", "Campaign", "Strategy", "Person", "Country", "Region",
             "AdministrativeRegion", "Organization", "Place", "Event")


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
    for s, e, k in items:
        ok = True
        for a, b, k2 in kept:
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
    return sorted(kept)


class SpanComponent:
    def __call__(self, doc: Doc) -> Doc:
        kept = select(_cands(doc), gz.generic(), _text(doc))
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
    i = 0
    for tok in doc:
        a, b = tok.idx, tok.idx + len(tok.text)
        while i < len(cuts) and cuts[i] <= a:
            i += 1
        inner = []
        j = i
        while j < len(cuts) and cuts[j] < b:
            inner.append(cuts[j])
            j += 1
        if inner:
            todo.append((tok, [a, *inner, b]))
    if not todo:
        return
    with doc.retokenize() as r:
        for tok, edges in todo:
            orths = [tok.text[x - tok.idx: y - tok.idx] for x, y in zip(edges, edges[1:])]
            orths = [o for o in orths if o]
            if len(orths) > 1:
                r.split(tok, orths, heads=[(tok, 0)] * len(orths))


# ------------------------------------------------------------------ pipeline

PIPES = ("kg_gazetteer", "kg_zones", "kg_bodies", "kg_strategies", "kg_projects", "kg_meetings", "kg_people", "kg_spans")


@lru_cache(maxsize=1)
def make_nlp() -> Language:
    """The pipeline, built once per process (jieba's dictionary load dominates start-up)."""
    import jieba

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    jieba.setLogLevel(60)
    jieba.initialize()
    freq = jieba.dt.FREQ
    for w in gz.jieba_words():
        if not freq.get(w):  # words jieba already knows need no entry
            jieba.add_word(w)
    for p in PIPES:
        nlp.add_pipe(p)
    return nlp


def kind_label(kind: str) -> str:
    """Core class of a finest class."""
    return CORE_OF[kind]
