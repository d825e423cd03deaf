"""Shared vocabulary and helpers of the pipeline components: the ontology's core classes, the
character classes and suffix regexes used by several components, and the helpers that read
and write the candidates kept in ``doc.user_data``.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc

from kg.model import KIND_TO_CORE


#: finest class → core class (the ontology defines exactly these subclasses).
CORE_OF = KIND_TO_CORE  # kind → core class, as the data contract defines it

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
#: verbs that cannot be inside a name between a place and a suffix (天津|签署|自贸区, 兰州|实现|高铁);
#: 价值实现 is a noun (生态产品价值实现机制试点).
_INNER_VERB = re.compile(r"投运|投产|建成|开工|签署|签约|合作|入选|获批|纳入|成为|列入|申报|争取|设立|开展|建设|推进|加快|打造|实施|"
                         r"启动|支持|推动|引进|落户|开通|建成|投运|获评|荣获|结束|接通|贯通|(?<!价值)实现|被|与|同|和")
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
_ZONE_SUFFIX = ("经济技术开发区|高新技术产业开发区|高新技术开发区|经济开发区|综合保税区|综保区|保税港区|保税区|"
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
_NUMBERED = re.compile(rf"^(?:一[{CJK}]{{1,3}}(?:[一两二三四五六七八九十][{CJK}]{{1,3}}){{1,3}}|[两三四五六七八九十]个?[{CJK}]{{1,6}}|[百千万][{CJK}]{{0,3}}[十百千万][{CJK}]{{1,4}}|[{CJK}]{{0,2}}[两三四五六七八九十]\w?[{CJK}][{NUM}两][{CJK}]\w?)$")
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
        t = doc.text  # rebuilt from the tokens: kg.extract sets kg_text itself
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
