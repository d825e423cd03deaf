"""The spaCy pipeline that finds entity mentions: blank ``zh`` with the jieba segmenter and
small rule and gazetteer components, each registered with ``@Language.factory``.

Components work on characters (regexes and a longest-match table over the gazetteer)
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
from bisect import bisect_right, insort
from functools import lru_cache
from pathlib import Path

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
    r"(?P<party>党委|委(?:员会)?)(?P<dept>政法委|组织部|宣传部|统战部|政研室|办公室|办|党校|编办|农办|网信办)?"
    r"|(?P<gov>人民政府|政府)(?P<gdept>办公室|办公厅|办)?"
    r"|(?P<leg>人大常委会|人大)|(?P<cppcc>政协)|(?P<disc>纪委监委|纪委)"
    rf"|(?P<dept2>[{CJK}]{{1,7}}?(?:厅|局|委员会|发改委|发展改革委)))"
    r"(?![员托屈婉会])"
)
_NOT_A_BUREAU = re.compile(r"^(?:新|大|格|布|全|变|开|结|破|胜|时|当|政|僵|残|赌|饭)局$|(?:格局|布局|大局|全局|变局|开局|新局)$")
_BARE_AUTONOMOUS = re.compile(r"自治区(?=党委|人民政府|政府|人大|政协|纪委)")
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
_FAC_AFTER = re.compile(rf"(?P<mid>[{CJK}]{{0,10}}?)(?P<suf>数据中心集群|{_FACILITY_SUFFIX}|{_INFRA_SUFFIX}|物流基地|物流枢纽)")
_ENT_AFTER = re.compile(rf"(?P<mid>[{CJK}]{{1,10}}?)(?P<suf>{_ENTERPRISE_SUFFIX})")
_PILOT_AFTER = re.compile(rf"(?P<mid>[{CJK}]{{2,14}}?)试点")
_FACILITY = re.compile(rf"[{CJK}]{{2,10}}?(?:{_FACILITY_SUFFIX}|{_INFRA_SUFFIX})(?![区城站路街线])")
_FACILITY_HEAD = re.compile(rf"{_FACILITY_SUFFIX}|{_INFRA_SUFFIX}")

_FIVE_YEAR = re.compile(rf"“?十[{NUM}]五”?(?:\s*(?:规划纲要|规划|计划))?")
_Q = "“”\"'‘’「」『』"
_QUOTED = re.compile(rf"“(?P<in>[^“”\n]{{2,14}}?)”\s*(?P<tail>[{CJK}]{{0,6}}?(?P<suf>战略|工程|活动|行动|计划|规划|试点|制度|机制|体系|改革|建设|政策))?")
_NUMBERED = re.compile(rf"^(?:[两三四五六七八九十]个?[{CJK}]{{1,6}}|[百千万][{CJK}]{{0,3}}[十百千万][{CJK}]{{1,4}}|[{CJK}]{{0,2}}[两三四五六七八九十]\w?[{CJK}][{NUM}两][{CJK}]\w?)$")
_NUMBERED_BARE = re.compile(rf"([两三四五六七八九十]个?[{CJK}]{{1,4}}?)(战略|工程|行动)")
_STRATEGY_AFTER_VERB = re.compile(rf"(?:实施|推进|坚持|落实|推动|深入实施|大力实施)([{CJK}]{{2,8}}?)战略(?!性)")

_MEETING = re.compile(
    rf"(?P<pre>(?:中共)?[{CJK}]{{0,8}}?(?:[{_LEVEL}]委|党工委|党组|中央|人大常委会|政府))?"
    rf"(?P<body>(?:第?[{NUM}]+届(?:[{NUM}]+中|[{NUM}]+次)?)?(?:全会|全体会议|全体(?:扩大)?会议|"
    rf"(?:经济|农村|城市|金融|组织|纪检监察|政法)?工作会议|常务会议|常委会会议|代表大会|扩大会议))"
)
_MEETING_BODY = re.compile(rf"(?:第?[{NUM}]+届(?:[{NUM}]+中|[{NUM}]+次)?)?(?:全会|全体会议|全体扩大会议|扩大会议|"
                           rf"(?:经济|农村|城市|金融|组织|纪检监察|政法)?工作会议|常务会议|常委会会议|代表大会)")
_MEETING_HEAD = re.compile(r"全会|会议|代表大会")
_PARTY_CONGRESS = re.compile(rf"党的[{NUM}]+大|[{NUM}]+届[{NUM}]+中(?:、?[{NUM}]+中)*全会")
_NPC_SESSION = re.compile(
    rf"第[{NUM}]+届(?:人民代表大会|人大)(?:常务委员会)?第[{NUM}]+次(?:全体)?会议"
    rf"|第[{NUM}]+届[{CJK}]{{0,4}}政治协商会议[{CJK}]{{0,4}}委员会第[{NUM}]+次(?:全体)?会议")

_PERSON_FOLLOW = re.compile(r"\s*(?:同志|就|在|指出|强调|表示|主持|出席|讲话|说|代表|作|向|对|参加|到|来|率|会见|，|,|、|。|：|:|（|\(|\n|$)")
_PERSON_ODD = re.compile(rf"[{CJK}]{{2,6}}[·•・][{CJK}]{{2,8}}|(?P<wide>[{CJK}][ \u3000][{CJK}])(?=[ \u3000]*(?:\n|$))")
_PERSON_STRONG = re.compile(r"\s*(?:同志|就|指出|强调|表示|主持|出席|讲话|代表|作)")
_NAME_BEFORE_TITLE = re.compile(r"(总书记|同志|总理|委员长)")
#: national posts written after the holder's name (习近平总书记), with their full titles.
NATIONAL_POSTS = {"总书记": "中共中央总书记", "总理": "国务院总理", "委员长": "全国人大常委会委员长"}


def _cands(doc: Doc) -> list[tuple[int, int, str]]:
    return doc.user_data.setdefault("kg", [])


def _text(doc: Doc) -> str:
    """The text matched on: simplified Chinese of the same length where the clean stage offers it."""
    t = doc.user_data.get("kg_text")
    if t is None:
        t = doc.user_data.pop("kg_raw", None) or doc.text  # Doc.text rebuilds the string from tokens
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
        arr = _idx_len(doc)
        starts = set(arr[:, 0].tolist())
        ends = set((arr[:, 0] + arr[:, 1]).tolist())
        b = doc.user_data["kg_bounds"] = (starts, ends)
    return b


def _idx_len(doc: Doc):
    """(start, length) of every token as one array: iterating Token objects costs far more."""
    return doc.to_array(["IDX", "LENGTH"]).reshape(-1, 2)



def _codes(doc: Doc, text: str):
    """The text's code points as a numpy array, once per Doc."""
    import numpy as np

    c = doc.user_data.get("kg_codes")
    if c is None:
        c = doc.user_data["kg_codes"] = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return c


def _outside(codes, chars: str) -> list[int]:
    """Offsets of the characters outside ``chars`` (a class body of single characters and
    ranges a-b), in order."""
    import numpy as np

    inside = np.zeros(len(codes), dtype=bool)
    i = 0
    while i < len(chars):
        if i + 2 < len(chars) and chars[i + 1] == "-":
            inside |= (codes >= ord(chars[i])) & (codes <= ord(chars[i + 2]))
            i += 3
        else:
            inside |= codes == ord(chars[i])
            i += 1
    return np.flatnonzero(~inside).tolist()


def _within(doc: Doc, text: str, pattern: re.Pattern, head: re.Pattern, chars: str):
    """``pattern.finditer(text)`` for a pattern whose matches hold only ``chars`` (a character
    class body) and always contain a match of ``head``: the pattern runs only over the runs of
    ``chars`` that contain a head.  Same matches, without trying the pattern at every character
    (a pattern that opens with a class such as [一-龥]{2,10}? has no literal prefix to skip by)."""
    cache = doc.user_data.setdefault("kg_breaks", {})
    breaks = cache.get(chars)
    if breaks is None:
        breaks = cache[chars] = _outside(_codes(doc, text), chars)
    last = -1
    for h in head.finditer(text):
        if h.start() < last:
            continue
        i = bisect_right(breaks, h.start())
        a = breaks[i - 1] + 1 if i else 0
        j = bisect_right(breaks, h.end() - 1)
        b = breaks[j] if j < len(breaks) else len(text)
        if a < last:
            continue
        last = b
        yield from pattern.finditer(text, a, b)


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

    def longest(self, text: str):
        """(start, end, (surface, kind, key, how)) leftmost-longest, without overlaps."""
        last = -1
        table, lengths = self.table, self.lengths
        for i in self._starts(text):
            if i < last:
                continue
            for n in lengths[text[i: i + 2]]:
                v = table.get(text[i: i + n])
                if v is not None:
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
    for e in (*gz.places(), *gz.strategies(), *gz.organizations()):
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
        for s, e, (surface, kind, key, how) in matcher.longest(text):  # leftmost-longest, no overlaps
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
        for s, e, kind, key, how in chosen:
            surface = text[s:e]
            if surface in generic:
                continue
            if how == "county" and key not in full_seen and not (
                    host and surface not in words and any(d.code[:2] == host for d in gz.divisions().by_short[surface])):
                continue
            if (how != "full" and how != "entry" or e - s <= 2) and not _aligned(doc, s, e):
                continue
            cands.append((s, e, kind))
        _prefecture_shorts(doc, text, chosen, host, cands)
        return doc


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
        for m in _BARE_AUTONOMOUS.finditer(text):  # 自治区党委, 自治区人民政府: the host region's
            if m.start() in starts:
                n = len(cands)
                self._body(text, m.start() + 2, m.start() + 2, cands, anchored=False)
                cands[n:] = [(m.start() if a == m.start() + 2 else a, b, k) for a, b, k in cands[n:]]
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
        if m.group("dept2") and (not anchored or set(m.group("dept2")) & _STOP or _NOT_A_BUREAU.search(m.group("dept2"))):
            return  # 龙江|新局, 全省|大局: a situation, not a bureau
        s2 = s - 2 if _PARTY.search(text[max(0, s - 2): s]) else s
        if m.group("party"):
            end_party = m.end("party")
            if text[e:end_party] in ("委员会",) and not anchored:
                return
            cands.append((s2, end_party, "PartyCommittee"))
            if m.group("dept"):
                cands.append((s2, m.end(), "Department"))
        elif m.group("gov"):
            if text.startswith("工作报告", m.end("gov")):  # the title 甘肃省政府工作报告 names a genre, not the body
                return
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
        coined = []
        for m in _QUOTED.finditer(text):
            inner = m.group("in").strip()
            if re.fullmatch(rf"十[{NUM}]五", inner) or re.search(r"[，,。、；：]", inner):
                continue
            if m.group("suf") and not set(m.group("tail")) & _STOP and not _INNER_VERB.search(m.group("tail")):
                if m.group("suf") == "建设" and not _NUMBERED.match(inner):
                    continue
                cands.append((m.start(), m.end(), _SUFFIX_KIND[m.group("suf")]))
            elif _NUMBERED.match(inner):
                if not re.search(r"[第级年月日]|一把手|委$", inner):
                    cands.append((m.start("in"), m.end("in"), "Strategy"))
            else:
                coined.append(m)
        _coined_labels(text, coined, cands, doc.user_data.setdefault("kg_weak", set()))
        starts = _bounds(doc)[0]
        for m in _NUMBERED_BARE.finditer(text):
            if m.start() > 0 and text[m.start() - 1] in "“":
                continue
            if m.group(2) != "战略" and m.group(1)[1:2] == "大":  # 碳达峰|十大行动, 科技兴赣|六大行动: the coined name
                s = _name_start(doc, text, m.start(), 8, quotes=True)
                stem = text[s: m.start()]
                if len(stem) >= 2 and s in starts and not re.search(r"[\d一二三四五六七八九十等“]|^(?:全省|全市|全区|全国|省|市|国家|这|该)$", stem):
                    cands.append((s, m.end(), "Campaign" if m.group(2) == "行动" else "Strategy"))
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


# Quoted coined labels without a suffix (“高效办成一件事”, “天府粮仓”, “苏服办”): a quote also holds
# evaluations (“等不起”), slogans of ordinary language (“放得活”) and problems (“办事难”), so a
# quoted span is a name only where the text frames it as one.
#: a verb that launches, runs or builds a programme, up to a few modifiers before the quote
#: (深入实施绿电“三进”, 建设新时代更高水平“天府粮仓”).
_NAMING_BEFORE = re.compile(
    r"(?:实施|推进|推行|推广|打造|开展|深化|拓展|叫响|擦亮|打响|唱响|建设|落实|实行|构建|创建|启动|开启|运用|用好|"
    r"放大|践行|共建|承办|举办|参加|参与|上线|开行|首创|出台|推出|设立|建立|培育|做强|做优|做响|办好|深耕|"
    r"抓好|打好|升级|迭代|塑造|坚持|坚持和发展)[^，。；：、“”\s]{0,8}$")
#: a head that names what the quote is (“投资江苏”品牌, “智慧铁路口岸+属地快速通关”模式, “全闽乐购”等).
_NAMING_AFTER = re.compile(
    r"^(?:[^，。；：、“”\s]{0,6}?(?:行动|工程|品牌|改革|活动|计划|试点|政策|措施|战略|专项|体系|"
    r"经验|系列|示范区|先行区|试验区|引领区|样板|名片|引领|项目|建设)|[^，。；：、“”\s]{0,10}?(?:平台|模式|机制)|等)")
#: frames of a problem, an honour or a result, not of a programme (防止“一刀切”, 获评“卓越级”, 实现“四连增”).
_NOT_NAMING_BEFORE = re.compile(r"(?:防止|避免|杜绝|反对|破除|整治|遏制|解决|克服|纠治|纠正|防范|破解|摒弃|不搞|获|获评|荣获|"
                                r"入选|评为|获得|成为|称为|誉为|实现|被|叫作|称作|当好|争当|争做|做到|达到)[^，。；“”\s]{0,3}$")
_NOT_NAMING_AFTER = re.compile(r"^(?:的|之|问题|难题|现象|顽疾|乱象|之风|奖|称号|荣誉|目标|要求|底线|感|率|作用|地位|局面|"
                               r"态势|难|情况|式|型|化)")
#: evaluations and ordinary clauses: a negation, a complement, sentence particles, a list.
_NOT_A_LABEL = re.compile(r"[不没别难贵慢得的吗呢吧了着过、，,！!？?：:；;]|^[好新老旧大小硬软]|^[\d.%]+(?:[条个项年天分钟小时])?$|"
                         r"^[^“”·]{2,}[与和及][^“”·]{2,}$")
_LABEL_EVENT = re.compile(r"(?:杯|节|赛|晚会|演唱会|博览会|大会)$")
_LABEL_SERVICE = re.compile(r"(?:号|快线|班列|快班|云|(?<!通)办)$")


def _coined_labels(text: str, quotes: list, cands: list, weak: set) -> None:
    """Quoted labels framed as names: after a verb that runs a programme, before a head that
    names one, or quoted again in the document; never a word the dictionary knows as a common
    one (“组合拳”, “家门口”).  Typed by their own head: a cup or show is an Event, a train or an
    app (“粤新快线”, “天山号”, “苏服办”) a Project, any other label a Strategy.  The spans go to
    ``weak``: another component's reading of the same span wins (“江南古镇” is a place)."""
    import jieba

    freq = jieba.dt.FREQ
    seen: dict[str, int] = {}
    for m in quotes:
        seen[m.group("in")] = seen.get(m.group("in"), 0) + 1
    accepted: dict[int, str] = {}
    framed_out: set[int] = set()
    for i, m in enumerate(quotes):
        inner = m.group("in")
        if not 2 <= len(inner) <= 14 or inner != inner.strip() or _NOT_A_LABEL.search(inner):
            continue
        before = text[max(0, m.start() - 12): m.start()]
        after = text[m.end(): m.end() + 12]
        if _NOT_NAMING_AFTER.match(after) or _NOT_NAMING_BEFORE.search(before):
            framed_out.add(i)
            continue
        if before.endswith("台风") or re.match(r"等?台风", after):  # 超强台风“摩羯”: a named storm
            accepted[i] = "Event"
            continue
        if freq.get(inner, 0) >= 5 or len(inner) < 3 and not re.search(r"\d|^[双两]", inner):
            continue
        if inner.endswith("杯"):  # “阿图什杯”: a cup is named by its quote
            accepted[i] = "Event"
        elif _NAMING_BEFORE.search(before) or _NAMING_AFTER.match(after) or seen[inner] > 1 or re.search(r"\d", inner):
            accepted[i] = _label_kind(inner, after)
    # a chain of quotes (“两重”“两新”, “江西小炒”、“唱游江西”) shares the frame of its members
    for i in range(len(quotes) - 1):
        a, b = quotes[i], quotes[i + 1]
        if text[a.end("in") + 1: b.start()] in ("", "、", "和", "与") and (i in accepted) != (i + 1 in accepted):
            j = i + 1 if i in accepted else i
            q = quotes[j]
            if j not in framed_out and not _NOT_A_LABEL.search(q.group("in")) and len(q.group("in")) >= 2 \
                    and freq.get(q.group("in"), 0) < 5:
                accepted[j] = _label_kind(q.group("in"), text[q.end(): q.end() + 12])
    for i, kind in accepted.items():
        m = quotes[i]
        cands.append((m.start("in"), m.end("in"), kind))
        weak.add((m.start("in"), m.end("in")))


def _label_kind(inner: str, after: str) -> str:
    if _LABEL_EVENT.search(inner):
        return "Event"
    if _LABEL_SERVICE.search(inner) or re.match(r"^[^，。；：“”]{0,10}平台", after):
        return "Project"
    return "Strategy"


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
        for m in _within(doc, text, _FACILITY, _FACILITY_HEAD, CJK):
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


# ------------------------------------------------------------------ named events, bodies, listed projects

#: characters a name may hold besides CJK (厦漳泉R1线, 京东方第8.6代线, 2030先锋工程).
_NAME_CH = re.compile(rf"[{CJK}0-9A-Za-z.·—-]")
#: verbs and adverbs that open a clause before a name (成功举办|第八届数字中国建设峰会).
_LEAD = re.compile(
    r"^(?:成功|精心|务实|高水平|圆满|连续|首次|正式|共同|积极|全力|加快|推动|推进|实施|建设|建成|新建|开工|启动|"
    r"举办|举行|召开|承办|主办|筹办|办好|办成|参加|出席|组织|开展|扎实开展|深入开展|成立|设立|组建|挂牌|揭牌|落地|落实|获得|获|"
    r"聚力|建设好|建好|抓好|管好|守好|护好|擦亮|改造|"
    r"引进|发挥|支持|依托|获批|获批建设|入选|打造|做强|做优|用好|上线|上线运行|落户|新增|培育|包括|其中|如|以|在|是)+")
#: verbs that cannot be inside a name: a name found by its head starts after the last of them.
_CUT = re.compile(
    r"举办|举行|召开|承办|筹办|办好|创建|共建|牵头|联动|力争|抓住|促进|完成|提升|加强|一批|成功|推动|支持|加快|推进|实施|"
    r"新建|开工|建成|启动|获批|入选|打造|依托|发挥|组建|成立|设立|引进|落户|用好|做强|做优|上线|培育|新增|围绕|聚焦|参与|"
    r"参加|出席|携手|深化|拓展|扩大|强化|优化|完善|健全|布局|谋划|争创|争取|申报|迎接|高质量|高标准|高水平|确保|实现|建立|"
    r"加速建设|承接建设|筹建|设置|释放|更名为|更名|探索|资助|改造|规划建设|修订|出台|提高|融入|构建|投用|力促|见证|体现|"
    r"形成|开展|积极|大力|全力|着力|持续|加大|鼓励|引导|吸引|带动|服务于|对接|斩获|获得|荣获|夺得|提请|进入|加紧|周边|建强|到|亮相|搭建|开通运行|落地|引入|"
    r"深入落实|贯彻落实|落实|深入|备战|迎战")
#: the head of a campaign year (…攻坚年, …突破年, 大抓落实年), with the 行动/活动 that may follow it.
_CAMPAIGN_YEAR = re.compile(r"(?:突破|提升|攻坚|推进|建设|落实|质量|服务|效能|招商|转型|争先|作风|发展|促进|奋进|深化|"
                            r"创新|改革|优化|巩固|振兴|攻坚突破|能力提升)年(?![度内轻均底初末份代以前后里来])"
                            r"(?P<act>(?:系列|专项)?(?:行动|活动))?")
#: a verb or clause opener that ends right before a position.
_VERB_END = re.compile(rf"(?:{_CUT.pattern}|{_LEAD.pattern[1:-1]})$")
_EVENT_SUFFIX = ("博览会|交易会|洽谈会|推介会|交流会|对接会|峰会|论坛|大会|运动会|艺术节|文化节|旅游节|电影节|"
                 "音乐节|大赛|联赛|锦标赛|演唱会|马拉松|文化大集|电子展|装备展|航展|车展|主场活动|推介活动|联合科考")
_EVENT = re.compile(rf"(?:{_EVENT_SUFFIX})(?!事|项目)")
#: the suffix alone or after these words names a kind of event, not one (表彰大会, 代表大会).
_EVENT_GENERIC = re.compile(
    r"^(?:第[一二三四五六七八九十百\d]+届|首届|全国|全省|全市|全区|省|市|国际|国家|年度|重要|重大|系列|各类|各种|"
    r"代表|职工代表|动员|表彰|誓师|推进|总结|部署|座谈|报告|工作|全体|纪念|庆祝|招商|经贸|专题|现场|"
    r"高峰|分|主|大|小|体育|文艺|会|的|和|等|场|次|项|个|多|余|重点|推介|主场|"
    r"科技|文化|旅游|文旅|农业|产业|投资|贸易|消费|人才|就业|创新|创业|数字|经济|发展|交流|合作|对接|促消费)*$")
#: the national and regional games are named by their level alone (第十五届全国运动会, 全国冬季运动会).
_GAMES_STEM = re.compile(r"^(?:第[一二三四五六七八九十百\d]+届)?(?:全国|世界|亚洲|自治区|全区|全省)(?:冬季|夏季|少数民族传统体育|学生|青年|残疾人|大学生|中学生)?$")
#: a province's own yearly event named without the province (省旅游发展大会): the host province holds it.
_PROVINCE_EVENT = re.compile(r"^省(?!.*(?:代表|动员|表彰|誓师|推进|总结|部署|座谈|报告|工作|全体|纪念|庆祝|专题|现场|委|政府))[\u4e00-\u9fff]{3,10}$")
#: short forms of national and regional expos and games (进博会, 西博会, 投洽会, 世运会).
_EVENT_SHORT = re.compile(rf"[{CJK}](?:博会|洽会|交会|贸会|运会|冬会|残会)")
_EVENT_SHORT_HEAD = re.compile(r"博会|洽会|交会|贸会|运会|冬会|残会")
_BODY_SUFFIX = ("研究院|科学院|研究所|分院|实验室|创新中心|促进中心|转化中心|研究中心|技术中心|科学中心|母基金|基金|"
                "大学|学院|校区|合作中心|交易中心|集结中心")
#: names with these heads are bodies (a university is an organisation, not a facility).
_ORG_HEAD = re.compile(r"(?:大学|学院|校区)$")
_ORG_NAME = re.compile(rf"(?:{_BODY_SUFFIX})(?![{CJK}]?(?:院|所|室|金|局)|联盟|集群|体系|群|生|城|科技园|路|附属|校区)")
#: qualifiers that make an institute or fund a kind, not one (国家重点实验室, 省级企业技术中心).
_BODY_GENERIC = re.compile(
    r"^(?:国家|全国|中国|省|市|县|国家级|省级|市级|首批|新型|重点|技术|工程|工程技术|企业|企业技术|产业|产业技术|"
    r"制造业|科技|科技创新|创新|技术创新|协同创新|研发|研究|博士后|院士|专家|人才|孵化|知识产权|产业知识产权运营|"
    r"引导|投资|产业投资|创业投资|政府|发展|专项|各类|一批|基础|科学|基础科学|医保|社保|养老|保险|公积金|住房公积金|"
    r"联合|国际联合|生物安全|[一二三四P\d]级|高级别|[\d一二三四五六七八九十两百千万]+[个家只支])*$")
_PHASE = re.compile(
    rf"(?:[{NUM}\d]+期(?:[{NUM}\d]+步)?(?:工程|项目)?|改扩建(?:工程)?|扩建(?:工程)?|扩容(?:工程)?|扩能改造工程|"
    rf"\d+号机组|先行段|[{CJK}]{{1,6}}?段(?:扩容|改扩建|扩能改造|扩建)?工程)")
_STRONG_FACILITY = ("国际机场|机场|水利枢纽|大桥|灌区|抽水蓄能电站|核电站|水电站|电厂|核电|大科学装置|[一-龥]{0,2}线|"
                    "(?<![香])港(?![口区澳城务产经])|港区|码头|口岸|母港|航道|管道|输变电工程|锂矿|铜矿|金矿|铁矿|煤矿|铅锌矿|锂铍矿")
#: heads of designated zones, named sites and named regions, each with its class (found without a place
#: before them: 国家中医药传承创新发展试验区, 程阳八寨景区, 天山北坡城市群).
_AREA = re.compile(r"(?P<zone>试验区|示范区|先行区|引领区|合作区|创新区|起步区|协同区|功能区|产业园区|工业园区|产业园|产业城)"
                   r"|(?P<site>景区|度假区|国家公园|植物园|古城|古镇)"
                   r"|(?P<region>城市群|经济带|都市圈|经济圈|创新带|科创圈|生态廊道|黄金通道)")
#: qualifiers that make a zone a kind, not one (国家级零碳园区, 省级示范区, 一批…).
_AREA_GENERIC = re.compile(r"级|首批|首个|首家|[\d一二三四五六七八九十两百千万多几]+[个家批处类座项]|知名|重点|品质|标准|主题|省内|区内|市内|域内|"
                           r"^\d|^(?:各|全|主体|发展|创新|融合|协同|统筹|改革|开放|服务|首批|一批|新一批|新|该|本|这|其|首个|相关|有关|重点|"
                           r"特色|现代|高标准|综合|国家|省|市|县|区|境外|跨境|海外|农业|工业|产业|文化|旅游|生态|绿色|零碳|低碳|"
                           r"数字|智慧|乡村|城乡|城市|美丽|和美|宜居|先行|示范|试验|改革)+$")
_STRONG_FACILITY_RE = re.compile(_STRONG_FACILITY)
_STRONG_FACILITY_HEAD = re.compile(_STRONG_FACILITY.replace("[一-龥]{0,2}线", "线"))
#: conventional names of water and power transfers (南水北调, 引汉济渭, 陇电入鲁, 西电东送).
_TRANSFER = re.compile(rf"(?:引[{CJK}][济入补][{CJK}]|[{CJK}]电入[{CJK}]|[{CJK}]电[东西南北]送|[{CJK}]水[东西南北]调|"
                       rf"[{CJK}]气[东西南北]输)(?:工程)?")
_TRANSFER_HEAD = re.compile(rf"引[{CJK}][济入补]|电入|电[东西南北]送|水[东西南北]调|气[东西南北]输")
_BODY_VERB = re.compile(r"签署|签约|入选|获批|纳入|成为|列入|申报|争取|开展|推进|加快|打造|实施|启动|支持|推动|引进|落户|开通|"
                        r"投运|投产|建成|开工|获评|荣获|组建|率先|成立|设立|优化|重组|启用|被|和|与|及")
_LISTED = re.compile(r"等(?:[^，。；、]{0,4}(?:项目|工程)|(?:一批)?(?:项目)?(?:相继|先后|陆续|全面)?(?:开工|建成|投产|投运|通车|开通|竣工|落地))")
_HEAD_END = re.compile(rf"(?:{_FACILITY_SUFFIX}|{_INFRA_SUFFIX})?$")
_INFRA_ANY = re.compile(rf"(?:{_FACILITY_SUFFIX}|{_INFRA_SUFFIX}|灌区|电厂|核电|工程|项目|装置|科学岛|基地|枢纽|快线|[A-Z]\d线|代线)")


def _name_start(doc: Doc, text: str, end: int, maxlen: int = 24, quotes: bool = False) -> int:
    """Start of a name that ends at ``end``: back over name characters (a closed quote when
    ``quotes``, a bracketed place: 福建（厦门）), to a word start, then past the verbs that
    open the clause."""
    s = end
    while s > 0 and end - s < maxlen:
        c = text[s - 1]
        if c in "”）)" and (quotes or c != "”"):
            o = text.rfind({"”": "“", "）": "（", ")": "("}[c], max(0, s - 12), s - 1)
            if o < 0 or re.search(r"[\s，,。；、：]", text[o:s]):
                break
            s = o
            continue
        if not _NAME_CH.match(c) or (c in _STOP and text[s - 1: s + 1] not in ("全国", "全球")):
            break
        if c == "—" and (text[s - 2: s - 1] == "—" or text[s: s + 1] == "—" or s == end):  # ——: a dash, not 中国—东盟
            break
        if c == "-" and not (text[s - 3: s - 1] == "中国" and s < end):
            break
        s -= 1
    cut = None
    for cut in _CUT.finditer(text, s, end):
        pass
    if cut is not None:  # 领域创建|国家技术创新中心: the name starts after the last verb
        s = cut.end()
    starts = _bounds(doc)[0]
    while s < end and (s not in starts or not re.match(rf"[{CJK}“A-Za-z0-9]", text[s])):
        s += 1
    m = _LEAD.match(text[s:end])
    return s + (m.end() if m else 0)


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
            cands.append((s, m.end(), "Event"))
        places = {e: s for s, e, k in cands if k == "AdministrativeRegion"}
        for m in _within(doc, text, _EVENT_SHORT, _EVENT_SHORT_HEAD, CJK):
            if not _aligned(doc, m.start(), m.end()):
                continue
            cands.append((places.get(m.start(), m.start()), m.end(), "Event"))

    @staticmethod
    def _bodies(doc: Doc, text: str, cands: list) -> None:
        for m in _ORG_NAME.finditer(text):
            s = _name_start(doc, text, m.start(), 22)
            if m.start() - s < 2 or _BODY_GENERIC.match(text[s: m.start()]) or _BODY_VERB.search(text, s, m.start()):
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
                if 3 <= len(item) <= 24 and stem_len >= 2 and not _INNER_VERB.search(item) and \
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
            stem = text[s: m.start()]
            if len(stem) < 2 or _AREA_GENERIC.search(stem) or s not in starts or stem.startswith("与") or \
                    _inside(cov_starts, reach, s, m.end()):  # 长江经济带(发展): a strategy's name
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
            if text.startswith(("联盟", "集群"), m.end()):  # 长三角大科学装置|联盟
                continue
            s = _name_start(doc, text, m.start(), 10)
            stem = text[s: m.start()]
            if len(stem) < 2 or re.search(r"通用|支线|井工|露天|民用|运输|大型|中型|小型|病险|骨干|重点|现代化|大中型|跨|新|光伏|风电|火电|燃煤|^国家$|"
                                          r"航空|空$|内陆|无水|枢纽|国际|吨级|^至|至.+段?$|省份|^公路|^铁路|燃气|智慧|绿色|零碳|高等级|内河|沿海|出海|油气|天然气|长输|供水|输水|"
                                          r"陆路|边境|口岸|开放|^[\d千百万]+吨级|"
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


def _inside(starts: list[int], reach: list[int], s: int, e: int) -> bool:
    """Whether [s, e) lies inside one of the spans summarised by (sorted starts, running max end)."""
    i = bisect_right(starts, s) - 1
    return i >= 0 and reach[i] >= e


def _phase_end(text: str, end: int) -> int:
    """End of the phases and works that follow a facility (…机场|三期|扩建工程)."""
    while True:
        ph = _PHASE.match(text, end)
        if not ph:
            return end
        end = ph.end()


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


def _line_stem_ok(stem: str) -> bool:
    return not _LINE_GENERIC.match(stem) and not re.search(r"(?:铁路|高铁|高速|公路|线|[站港场桥区园城馆])$", stem) and not _CUT.search(stem) and not set(stem) & _STOP


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


def _project_kind(name: str) -> str:
    if re.search(rf"(?:{_INFRA_SUFFIX})", name):
        return "InfrastructureProject"
    if re.search(rf"(?:{_FACILITY_SUFFIX}|电厂|核电|灌区)", name):
        return "Facility"
    return "Project"


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
        for m in _within(doc, text, _MEETING_BODY, _MEETING_HEAD, CJK):
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
        hints = doc.user_data.setdefault("kg_canonical", {})
        for m in _PARTY_CONGRESS.finditer(text):
            plenums = list(re.finditer(rf"[{NUM}]+中", m.group()))
            if len(plenums) < 2:
                cands.append((m.start(), m.end(), "Meeting"))
                continue
            term = m.group()[: m.group().index("届") + 1]  # 二十届二中、三中全会: one plenum each
            for i, p in enumerate(plenums):
                s, e = m.start() + p.start(), m.start() + p.end()
                if i == 0:
                    s = m.start()
                if i == len(plenums) - 1:
                    e = m.end()
                cands.append((s, e, "Meeting"))
                hints[(s, e)] = term + p.group() + "全会"
        for m in _NPC_SESSION.finditer(text):
            s = m.start()
            for a, b, k in _of(doc, "AdministrativeRegion"):
                if b == s:
                    s = a
            cands.append((s, m.end(), "Meeting"))
            body = re.match(rf"第[{NUM}]+届(?:人民代表大会|人大)(?!常务)", m.group())
            if body and s < m.start():  # 甘肃省第十四届人民代表大会: the congress that holds the session
                cands.append((s, m.start() + body.end(), "Legislature"))
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
            if k != "AdministrativeRegion" and m.group() in gov_title and not _own_government(text[s:e], m.group()):
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
            odd = _PERSON_ODD.match(text, p)  # 艾尔肯·吐尼亚孜; 龚 正 (a two-character name set wide)
            if odd and (odd.group("wide") is None or odd.group("wide")[0] in single) \
                    and _PERSON_FOLLOW.match(text, odd.end()):
                cands.append((p, odd.end(), "Person"))
                continue
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
        # a name before 总书记/同志 (习近平总书记); the national title is a post of its own
        for m in _NAME_BEFORE_TITLE.finditer(text):
            for n in (3, 2):
                s = m.start() - n
                if s >= 0 and text[s] in single and re.fullmatch(rf"[{CJK}]+", text[s: m.start()]) \
                        and (s == 0 or text[s - 1] in "，,。、；：“ \n（(的是和与及以" or m.group() == "总书记") \
                        and _aligned(doc, s, m.start()):
                    cands.append((s, m.start(), "Person"))
                    if m.group() in NATIONAL_POSTS:
                        cands.append((m.start(), m.end(), "Position"))
                    break
        return doc


def _own_government(body: str, title: str) -> bool:
    """A governor's title after the full name of the government (四川省人民政府|省长)."""
    level = gz.post_level(title)
    return bool(level) and body.endswith((level + "人民政府", level + "政府"))


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


# ------------------------------------------------------------------ pipeline

PIPES = ("kg_gazetteer", "kg_zones", "kg_bodies", "kg_strategies", "kg_projects", "kg_names", "kg_meetings", "kg_people", "kg_spans")


@lru_cache(maxsize=1)
def make_nlp() -> Language:
    """The pipeline, built once per process.

    Start-up is dominated by jieba's dictionary: it is loaded from a cache of its own that
    already holds the gazetteer words (see ``_load_jieba``), and the tokenizer builds the Doc
    straight from jieba's words, which cover the text exactly.
    """
    _load_jieba()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    # no component reads lexeme attributes (like_num, shape …): computing them for every new
    # word costs more than the segmentation of it
    from spacy.attrs import LANG
    nlp.vocab.lex_attr_getters = {k: v for k, v in nlp.vocab.lex_attr_getters.items() if k == LANG}
    nlp.tokenizer = JiebaTokenizer(nlp.vocab)
    for p in PIPES:
        nlp.add_pipe(p)
    return nlp


#: jieba's HMM joins runs of unknown characters into new words; tokens are only used as word
#: boundaries here, and the HMM costs about a seventh of the segmentation.
HMM = False


class JiebaTokenizer:
    """jieba's words as tokens, no whitespace folded into a token: the words concatenate to the
    text, so the Doc is built without aligning them again (spaCy's ChineseTokenizer does, at a
    cost close to the segmentation itself)."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        import jieba

        words = [w for w in jieba.cut(text, cut_all=False, HMM=HMM) if w]
        if "".join(words) != text:  # pragma: no cover - jieba keeps every character
            from spacy.util import get_words_and_spaces
            words, spaces = get_words_and_spaces(words, text)
            return Doc(self.vocab, words=words, spaces=spaces)
        return Doc(self.vocab, words=words, spaces=[False] * len(words))


def _jieba_cache_path() -> Path:
    """Where jieba's dictionary with the gazetteer words is cached: keyed by jieba's version and
    dictionary, and by the gazetteer files, so that an edit of either rebuilds it."""
    import hashlib
    import tempfile

    import jieba

    h = hashlib.sha1(getattr(jieba, "__version__", "").encode())
    dict_path = Path(jieba.dt.dictionary or Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME)
    if dict_path.is_file():
        st = dict_path.stat()
        h.update(f"{dict_path}:{st.st_size}:{st.st_mtime_ns}".encode())
    for f in sorted(gz.DATA_DIR.iterdir()):
        if f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    # a per-user cache folder, not the shared temp dir: the cache is unmarshalled, so nobody
    # else may be able to plant one
    import os

    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    folder = Path(jieba.dt.tmp_dir) if jieba.dt.tmp_dir else Path(base) / "kg"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        folder = Path(tempfile.mkdtemp(prefix="kg-jieba-"))
    return folder / f"jieba-{h.hexdigest()[:16]}.cache"


def _load_jieba() -> None:
    """jieba's prefix dictionary plus the gazetteer words, ready to segment.

    ``jieba.initialize`` unmarshals its cache from a file object (slow) and ``jieba.add_word``
    segments every word it adds; both are done once and the result (FREQ, total) cached to
    one file that is read whole here.  A missing or unreadable cache is rebuilt.
    """
    import marshal
    import sys

    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        # jieba only uses pkg_resources to open its own data files and falls back to open();
        # importing pkg_resources costs more than the rest of jieba's import
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
        try:
            import jieba
        finally:
            del sys.modules["pkg_resources"]
    import jieba

    jieba.setLogLevel(60)
    dt = jieba.dt
    if dt.initialized and getattr(dt, "_kg_words", False):
        return
    path = _jieba_cache_path()
    try:
        dt.FREQ, dt.total = marshal.loads(path.read_bytes())
        dt.initialized = True
        dt._kg_words = True
        return
    except (OSError, ValueError, EOFError, TypeError):
        pass
    jieba.initialize()
    freq = dt.FREQ
    for w in gz.jieba_words():
        if not freq.get(w):  # words jieba already knows need no entry
            jieba.add_word(w)
    dt._kg_words = True
    try:
        import os
        import tempfile
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".kg-jieba-")
        try:
            with os.fdopen(fd, "wb") as f:
                marshal.dump((dt.FREQ, dt.total), f)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:  # pragma: no cover - a read-only cache folder: no cache, same result
        pass


def kind_label(kind: str) -> str:
    """Core class of a finest class."""
    return CORE_OF[kind]


# ------------------------------------------------------------------ long-tail names by their head

#: a capacity, a phase or a works head that makes a …项目 a named project (25万吨煤基乙烯聚合物项目, …示范项目一期).
_CAPACITY = re.compile(r"\d+(?:\.\d+)?\s*(?:万|亿)?(?:吨|千瓦|千伏|兆瓦|吉瓦|瓦|立方米|标方|方|台|套|片|头|只|辆|平方米)(?:级)?")
_PROJECT_TAIL = re.compile(r"(?:示范|升级改造|改扩建|技术改造|技改|一体化|储能|制氢|煤制油|煤制气|煤制天然气|风电|光伏|抽水蓄能|"
                           r"压缩空气储能|电化学储能|光热|氢能|绿氢|综合利用|循环利用|产业化|扩能|迁建)$")
#: stems that make a project, platform, base or works a kind, not one (重点项目, 公共服务平台, 生产基地).
_KIND_STEM = re.compile(
    r"^(?:[\d一二三四五六七八九十两百千万亿多余]+(?:个|家|批|项|类|条|座|大|亿元|万元)?|首批|首个|首家|一批|新一批|各类|各级|"
    r"数智化|数智|智改数转|网络|算力|人工智能|大模型|"
    r"重点|重大|省列|省级|市级|县级|国家级|世界级|区域性|全国性|综合性|公共|公益性|专业化|市场化|一体化|数字化|智能化|网络化|"
    r"产业|工业|农业|服务|政务|政府|企业|融资|招商|投资|科技|技术|创新|研发|共性技术|中试|孵化|交易|信息|数据|在线|线上|"
    r"统一|综合|集成|开放|对外开放|合作|交流|高水平|高能级|高标准|新型|现代|特色|优质|示范|试点|标准化|规范化|"
    r"民生|社会|基础设施|城市|乡村|村级|县域|园区|全省|全市|全区|全国|国家|本地|境外|海外|国际|"
    r"生产|加工|物流|仓储|冷链|研究|教育|培训|实训|实践|实践教育|就业|创业|养老|托育|医疗|健康|体育|文化|旅游|"
    r"绿色|智能|智慧|数字|零碳|低碳|灯塔|卓越级|领航级|先进级|基础级|5G|标杆|未来)*$")
_GENERIC_WORKS = re.compile(r"^(?:新型|新能源|储能|煤电|火电|风电|光伏|绿电|电源|清洁能源|可再生能源|装机|发电|电力|以上|左右|级)*$")
_PLATFORM = re.compile(r"(?:公共服务|综合服务|服务|公共)平台")
_BASE = re.compile(r"基地")
_SPECIAL_CAMPAIGN = re.compile(r"(?:专项行动|百日(?:攻坚)?行动)")
_PAIR_PROGRAMME = re.compile(rf"((?:[{CJK}]{{2}}、)*[{CJK}]{{2}})(对口合作|东西部协作|对口协作)")
_PAIR_HEAD = re.compile(r"对口合作|东西部协作|对口协作")
_ZONE_PART_HEAD = re.compile("片区")
_LAB_HEAD = re.compile("实验室")
_COORD_ZONE = re.compile(rf"((?:[{CJK}]{{2,5}}(?:、|和|与))+[{CJK}]{{2,5}})片区")
_COORD_LAB = re.compile(rf"((?:[{CJK}]{{2,4}}(?:、|和|及))+[{CJK}]{{2,4}})(?:等|[两二三四五六七八九十\d]+个)([{CJK}]{{0,3}}?)实验室")
#: slogans built on a place (美丽新宁夏, 现代化新重庆, 数字龙江, 新福建).
_PLACE_SLOGAN = re.compile(r"现代化新|美丽新|数字|美丽|智游|新(?=北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆)")
_SLOGAN_PREFIXES = ("现代化新", "美丽新", "数字", "美丽", "智游", "新")
#: what follows a place slogan when it is the first part of another name (数字宁夏|研究院).
_NAME_HEAD_AFTER = re.compile(r"研究院|研究所|实验室|中心|公司|集团|大学|学院|平台|有限|号|杯|城|港|路|街|站|杂志|报|网")
#: a one-character country abbreviation after 对 (对俄务实合作, 对非贸易).
_COUNTRY_ABBR = {"俄": "俄罗斯", "美": "美国", "日": "日本", "韩": "韩国", "英": "英国", "法": "法国", "德": "德国", "非": "非洲"}
_COUNTRY_ABBR_RE = re.compile(r"对([俄美日韩英法德非])(?=合作|开放|贸易|出口|进口|投资|务实|入境|出境|经贸|交流|和|及|、)")


def _division_at(text: str, pos: int) -> tuple[int, str] | None:
    """(end, full name) of a province or prefecture named (in full or short) at ``pos``."""
    dv = gz.divisions()
    for n, (surface, kind, key, how) in _matcher().prefixes(text[pos: pos + 12]):
        if kind != "AdministrativeRegion":
            continue
        d = dv.by_name.get(key, [None])[0]
        if d is not None and d.level in ("province", "city"):
            return pos + n, d.name
    return None


def _longtail(doc: Doc, text: str, cands: list) -> None:
    """Named things of the long tail, each found by its head and read only where that head occurs:
    projects with a capacity, phase or works head; platforms, bases and lab coordinations; special
    campaigns; paired-province programmes; place slogans; coordinated zone lists; and countries
    written with one character after 对."""
    starts = _bounds(doc)[0]
    hints = doc.user_data.setdefault("kg_canonical", {})
    places = [(a, b) for a, b, k in cands if k in ("AdministrativeRegion", "Country", "Region", "Place")]
    place_starts = sorted({a for a, b in places})
    place_spans = set(places)

    def place_in(s: int, e: int, within: int = 5) -> bool:
        i = bisect_right(place_starts, s - 1)
        return i < len(place_starts) and place_starts[i] < min(e, s + within)

    # …项目 with a capacity, a works head or a phase: 25万吨煤基乙烯聚合物项目, 300万吨CCUS碳利用示范项目一期
    for m in re.finditer(r"项目", text):
        e = m.end()
        ph = re.match(r"[一二三四五\d]期", text[e: e + 2])
        if ph:
            e += 2
        if not (ph or _PROJECT_TAIL.search(text[max(0, m.start() - 6): m.start()])
                or _CAPACITY.search(text, max(0, m.start() - 22), m.start())):
            continue  # most 项目 are kinds (重点项目): the cheap test first
        s = _name_start(doc, text, m.start(), 22)
        stem = text[s: m.start()]
        if len(stem) < 4 or s not in starts or _KIND_STEM.match(stem) or _INNER_VERB.search(stem):
            continue
        cap = _CAPACITY.search(stem)
        if cap and cap.start() > 0 and not re.match(r"(?:年产|年处理|年加工|年)$", stem[: cap.start()]) \
                and not place_in(s, m.start(), 8):
            s += cap.start()  # …投资|25万吨…项目: the name opens at the capacity
        named = (cap and len(re.findall(rf"[{CJK}A-Z]", stem[cap.end():])) >= 3 and not _GENERIC_WORKS.match(stem[cap.end():])) \
            or (_PROJECT_TAIL.search(stem) and place_in(s, m.start())) or (ph and place_in(s, m.start()))
        if named and not re.search(r"[等个批类]", text[s: m.start()]):
            cands.append((s, e, "Project"))
    # 生产线, 数据中心, 工厂 named after a place or company (福建算力服务器生产线, 蒙牛宁夏全数智化工厂)
    for m in re.finditer(r"生产线|数据中心(?!集群)|工厂", text):
        s = _name_start(doc, text, m.start(), 14)
        stem = text[s: m.start()]
        if len(stem) < 3 or s not in starts or _KIND_STEM.match(stem) or re.search(r"级|[等个批类家条]|^\d", stem):
            continue
        if place_in(s, m.start(), 5) and not _KIND_STEM.match(re.sub(rf"^[{CJK}]{{0,3}}?(?:{'|'.join(_PROVINCE_SHORTS)})", "", stem) or "x"):
            cands.append((s, m.end(), "Project"))
    # platforms: …服务平台, …公共平台, 国家…平台
    for m in re.finditer(r"平台", text):
        s = _name_start(doc, text, m.start(), 18)
        head = _PLATFORM.search(text, max(s, m.start() - 4), m.end())
        stem = text[s: m.start()]
        core = re.sub(r"^国家", "", stem)
        if len(stem) < 4 or s not in starts or re.search(r"[等个批类家级]", stem) or _KIND_STEM.match(stem):
            continue
        core_stem = text[s: head.start()] if head else core
        if not (stem.startswith(("国家", "省")) or place_in(s, m.start(), 1)) or _KIND_STEM.match(re.sub(r"^国家", "", core_stem)) \
                or len(core_stem) < 2:
            continue
        cands.append((s, m.end(), "Project"))
    longer: dict[int, int] = {}  # start → furthest end of the projects and places found so far
    for a, b, k in cands:
        if CORE_OF.get(k) in ("Project", "Place") and b > longer.get(a, -1):
            longer[a] = b
    # bases: a place before the name (北京百度智能云数据产业基地, 漳州国家骨干冷链物流基地) or a coined
    # two- or three-character name (宁东基地, 南繁基地)
    for m in _BASE.finditer(text):
        s = _name_start(doc, text, m.start(), 16)
        stem = text[s: m.start()]
        if len(stem) < 2 or s not in starts or re.search(r"[等个批类家级\d一二两三四五六七八九十]", stem) or _KIND_STEM.match(stem):
            continue
        if longer.get(s, -1) > m.end() or any(longer.get(x, -1) > m.end() for x in range(max(0, s - 6), s)):
            continue  # 日照钢铁精品基地|配套码头: the first part of a longer name
        if place_in(s, m.start(), 1):
            rest = stem
            for n, _ in _matcher().prefixes(stem):
                rest = stem[n:]
                break
            if rest and _KIND_STEM.match(rest) and len(rest) <= 2:
                continue
            cands.append((s, m.end(), "Project"))
        elif 2 <= len(stem) <= 3 and _aligned(doc, s, m.start()) and not _known_word(stem) \
                and (s == 0 or not _NAME_CH.match(text[s - 1])):
            cands.append((s, m.end(), "Project"))
    # special campaigns: …专项行动, 百日行动
    for m in _SPECIAL_CAMPAIGN.finditer(text):
        if text[m.start() - 1: m.start()] == "”":
            continue
        s = _name_start(doc, text, m.start(), 18, quotes=True)
        stem = text[s: m.start()]
        if s not in starts or len(stem) < (2 if m.group().startswith("百日") else 4) or _KIND_STEM.match(stem) \
                or re.search(r"[等个批类]|系列|一系列|^\d|[上中下里]$", stem) or text[s - 1: s] in ("和", "与", "及", "、"):
            continue
        cands.append((s, m.end(), "Campaign"))
    # paired-province programmes: 龙粤、深哈对口合作, 粤桂东西部协作
    abbr = _abbr_chars()
    for m in _within(doc, text, _PAIR_PROGRAMME, _PAIR_HEAD, CJK + "、"):
        items = [(m.start(1) + it.start(), m.start(1) + it.end()) for it in re.finditer(rf"[{CJK}]{{2}}", m.group(1))]
        if not all(text[a] in abbr and text[a + 1] in abbr and a in starts and not set(text[a:b]) & set("和与及") for a, b in items):
            continue
        a0 = items[0][0]
        if a0 > 0 and _NAME_CH.match(text[a0 - 1]) and text[a0 - 1] not in _STOP and not _VERB_END.search(text, max(0, a0 - 4), a0):
            continue  # 对口援青|和东西部协作
        if any(_known_word(text[a:b]) and text[a:b] not in ("粤桂",) for a, b in items[:1]) and len(items) == 1 \
                and not all(c in _PROVINCE_ABBR for c in text[items[0][0]: items[0][1]]):
            continue
        for i, (a, b) in enumerate(items):
            e = m.end() if i == len(items) - 1 else b
            if i < len(items) - 1:
                hints[(a, e)] = text[a:b] + m.group(2)
            cands.append((a, e, "Strategy"))
    # coordinated zones: 哈尔滨、绥芬河片区 → 哈尔滨片区, 绥芬河片区 (each member a place)
    for m in _within(doc, text, _COORD_ZONE, _ZONE_PART_HEAD, CJK + "、"):
        items = [(m.start(1) + it.start(), m.start(1) + it.end()) for it in re.finditer(rf"[^、和与]+", m.group(1))]
        if not all((a, b) in place_spans for a, b in items):
            continue
        for i, (a, b) in enumerate(items[:-1]):
            hints[(a, b)] = text[a:b] + "片区"
            cands.append((a, b, "Zone"))
    # coordinated labs: 六盘山和贺兰山两个实验室, 嵩山、神农等实验室, 金凤、嘉陵江、明月湖3个重庆实验室
    for m in _within(doc, text, _COORD_LAB, _LAB_HEAD, CJK + "、0-9"):
        items = [(m.start(1) + it.start(), m.start(1) + it.end()) for it in re.finditer(rf"[^、和及]+", m.group(1))]
        first = _name_start(doc, text, items[0][1], 4)
        items[0] = (first, items[0][1])
        if not all(b - a >= 2 and a in starts and not _KIND_STEM.match(text[a:b]) and not _known_word(text[a:b], 2000)
                   for a, b in items):
            continue
        mid = "国家" if m.group(2) == "国家" else ""
        for a, b in items:
            hints[(a, b)] = text[a:b] + mid + "实验室"
            cands.append((a, b, "Organization"))
    # place slogans: 美丽新宁夏, 现代化新重庆, 数字龙江, 新福建
    for m in _PLACE_SLOGAN.finditer(text):
        if m.start() not in starts or text[m.start() - 1: m.start()] == "《":  # 《美丽新疆》 is a show's title
            continue
        for pre in _SLOGAN_PREFIXES:
            if not text.startswith(pre, m.start()):
                continue
            hit = _division_at(text, m.start() + len(pre))
            if hit is None:
                continue
            end, name = hit
            if pre == "新" and not gz.divisions().by_name[name][0].level == "province":
                break
            if end not in _bounds(doc)[1] and not re.match(r"[省市]", text[end: end + 1]):
                break
            if _NAME_HEAD_AFTER.match(text, end):
                break
            cands.append((m.start(), end, "Strategy"))
            break
    # groups known by a short name: 北大荒集团, 金川集团, 中国长安汽车集团, 省工业控股集团 (the host province's)
    for m in re.finditer(r"集团", text):
        end = m.end()
        tail = re.match(r"(?:股份)?(?:有限)?公司", text[end: end + 6])
        if tail:
            end += tail.end()
        s = _name_start(doc, text, m.start(), 12)
        i = text.find("中国", s, m.start())
        if i > s:
            s = i
        stem = text[s: m.start()]
        if not 2 <= len(stem) <= 10 or s not in starts or _KIND_STEM.match(stem) or _GROUP_GENERIC.search(stem) \
                or re.search(r"[\d等个批类家级]", stem) or (len(stem) == 2 and _known_word(stem, 50)):
            continue
        cands.append((s, end, "Enterprise"))
    # 对俄务实合作: the country by its one-character abbreviation
    for m in _COUNTRY_ABBR_RE.finditer(text):
        hints[(m.start(1), m.end(1))] = _COUNTRY_ABBR[m.group(1)]
        cands.append((m.start(1), m.end(1), "Region" if m.group(1) == "非" else "Country"))


#: kinds of groups, not one group (城市医疗集团, 义务教育集团, 企业集团).
_GROUP_GENERIC = re.compile(r"(?:医疗|教育|健康|医共|医联|企业|跨市域|紧密型|城市|大型|综合性|现代|物流|龙头|骨干|一流|头部|链主|央企|"
                            r"国企|民营|上市|跨国|国有|专业|产业|办学|名校|职教|总医院|医院|学校|文化|金融|投资|贸易|外贸)$|"
                            r"^(?:新|该|各|本|其|大|多|省属|市属|区属|县属|中央|地方|国有|民营|一批|骨干|龙头|优势|重点|世界一流)")
_PROVINCE_SHORTS = ("北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建",
                    "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏",
                    "陕西", "甘肃", "青海", "宁夏", "新疆")


def _known_word(w: str, threshold: int = 5) -> bool:
    """Whether jieba's own dictionary knows ``w`` as a common word (中试, 生产): not a coined name."""
    import jieba

    return jieba.dt.FREQ.get(w, 0) >= threshold


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
            kind = "Organization" if re.search(r"(?:联盟|学会|协会|组织|委员会)$", stem) else "Enterprise"
            cands.append((s, m.end(), kind))
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
