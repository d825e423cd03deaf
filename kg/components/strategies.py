"""The ``kg_strategies`` component: strategies, plans, campaigns and other programmes, quoted
or numbered, and the coined labels in quotes.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .common import (
    _aligned, _bounds, _cands, _FIVE_YEAR, _INNER_VERB, NUM, _NUMBERED, _NUMBERED_BARE, _QUOTED, _STOP,
    _STRATEGY_AFTER_VERB, _text,
)
from .listed import _items
from .longtail import _KIND_STEM, _known_word
from .naming import _CUT, _NAME_CH, _name_start


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


#: a measure taken one by one (一业一策, 一河一策, 一县一案, 一校一址): a way of working, not a programme's name.
_ONE_EACH = re.compile(r"一[\u4e00-\u9fff]{1,2}一(?:策|案|档|解|址|馆|特色|方案|清单)")


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
            elif _NUMBERED.match(inner) and not _ONE_EACH.fullmatch(inner):  # 一企一策: read as any other label
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
                s = _theme_start(doc, text, m.start())
                stem = text[s: m.start()]
                if len(stem) >= 2 and s in starts and not re.search(r"[\d一二三四五六七八九十等“]|^(?:全省|全市|全区|全国|省|市|国家|这|该)$", stem):
                    cands.append((s, m.end(), "Campaign" if m.group(2) == "行动" else "Strategy"))
                    continue
            if not _aligned(doc, m.start(), m.start() + 1) and text[m.start() - 1: m.start()] not in "的了和、，, ":
                continue
            cands.append((m.start(), m.end(), "Strategy"))
        _quoted_campaigns(text, cands)
        _listed_campaigns(doc, text, cands)
        _campaign_years(doc, text, cands)
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
_LABEL_EVENT = re.compile(r"(?:杯|节|赛|晚会|演唱会|音乐会|博览会|大会|峰会|论坛|圆桌会|沙龙|年会)$")
_LABEL_SERVICE = re.compile(r"(?:号|快线|班列|快班|云|(?<!通)办)$")


def _coined_labels(text: str, quotes: list, cands: list, weak: set) -> None:
    """Quoted labels framed as names: after a verb that runs a programme, before a head that
    names one, or quoted again in the document; never a word the dictionary knows as a common
    one (“组合拳”, “家门口”).  Typed by their own head: a cup or show is an Event, a train or an
    app (“粤新快线”, “天山号”, “苏服办”) a Project, any other label a Strategy.  The spans go to
    ``weak``: another component's reading of the same span wins (“江南古镇” is a place)."""
    from kg.components.dictionary import dictionary

    common = dictionary().is_common
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
        if common(inner) or len(inner) < 3 and not re.search(r"\d|^[双两]", inner):
            continue
        if inner.endswith("杯"):  # “阿图什杯”: a cup is named by its quote
            accepted[i] = "Event"
        elif _NAMING_BEFORE.search(before) or _NAMING_AFTER.match(after) or seen[inner] > 1 or re.search(r"\d", inner) \
                or re.search(rf"[{NUM}]号$", inner):  # “吉林一号”: a satellite or train series
            accepted[i] = _label_kind(inner, after)
    # a chain of quotes (“两重”“两新”, “江西小炒”、“唱游江西”) shares the frame of its members
    for i in range(len(quotes) - 1):
        a, b = quotes[i], quotes[i + 1]
        if text[a.end("in") + 1: b.start()] in ("", "、", "和", "与") and (i in accepted) != (i + 1 in accepted):
            j = i + 1 if i in accepted else i
            q = quotes[j]
            if j not in framed_out and not _NOT_A_LABEL.search(q.group("in")) and len(q.group("in")) >= 2 \
                    and not common(q.group("in")):
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


# ------------------------------------------------------------------ named campaigns

#: a campaign named in quotes with its head inside them (“百日行动”, “凤凰行动”, “乡村驭风行动”).
_QUOTED_CAMPAIGN = re.compile(r"“(?P<in>[^“”，,。；：、\s]{1,12}(?:专项)?行动)”")


def _quoted_campaigns(text: str, cands: list) -> None:
    """A quoted name that ends with 行动 is one campaign: the quotes mark the whole as a name,
    whatever its stem (“百日行动” names a season's campaign, 开展百日行动 need not)."""
    for m in _QUOTED_CAMPAIGN.finditer(text):
        if _NUMBERED.match(m.group("in")):  # “十项行动”: the numbered-label rule reads it
            continue
        cands.append((m.start("in"), m.end("in"), "Campaign"))


#: a list of coined campaign names closed by 等 and the shared head (绿盾和巡山清套等专项行动).
_CAMPAIGN_LIST_END = re.compile(r"等(?P<head>专项行动|专项整治行动|执法行动)")


def _listed_campaigns(doc: Doc, text: str, cands: list) -> None:
    """Each member of a list A和B等专项行动 as one campaign (绿盾专项行动, 巡山清套专项行动) where
    every member is a short coined name: a member that is a common word or holds a verb is a task
    (治理欠薪、清理整顿等专项行动), and then the list names kinds of work, not campaigns."""
    hints = doc.user_data.setdefault("kg_canonical", {})
    for m in _CAMPAIGN_LIST_END.finditer(text):
        items = _items(doc, text, m.start(), maxitems=6)
        if len(items) < 2:
            continue
        words = [text[a:b] for a, b in items]
        if any(len(w) > 4 or _known_word(w, 200) or _KIND_STEM.match(w) or _INNER_VERB.search(w)
               or _CUT.search(w) or re.search(rf"[\d{NUM}等个类批]", w) for w in words):
            continue
        for a, b in items:
            hints[(a, b)] = text[a:b] + m.group("head")
            cands.append((a, b, "Campaign"))


#: a campaign year whose theme holds a nominal 提升/优化 (服务企业效能提升突破年行动), which the
#: general campaign-year rule reads as the verb that opens the clause.
_YEAR_ACTION = re.compile(r"(?:突破|攻坚|提升|推进|落实|争先)年(?:专项)?行动")
_THEME_NOUN = re.compile(r"(?:效能|能力|质量|品质|水平|服务|环境)(?:提升|优化)")


def _campaign_years(doc: Doc, text: str, cands: list) -> None:
    """…效能提升突破年行动 as one campaign: the name runs back to the verb that launches it
    (深化|服务企业效能提升突破年行动); only a theme with a nominal 提升 is read here."""
    starts = _bounds(doc)[0]
    for m in _YEAR_ACTION.finditer(text):
        s = m.start()
        while s > 0 and m.start() - s < 14 and _NAME_CH.match(text[s - 1]) and text[s - 1] not in _STOP:
            s -= 1
        lead = _CAMPAIGN_LEAD.match(text, s, m.start())
        if lead:
            s = lead.end()
        stem = text[s: m.start()]
        if s not in starts or len(stem) < 4 or not _THEME_NOUN.search(stem) \
                or _CUT.search(_THEME_NOUN.sub("", stem)) or re.search(rf"[\d{NUM}]", stem):
            continue
        cands.append((s, m.end(), "Campaign"))


_CAMPAIGN_LEAD = re.compile(r"(?:深化|深入|持续|扎实|全面|继续|开展|实施|推进|启动|部署|组织|落实)+")


#: words of a programme's theme that the name rules read as verbs (民营经济高质量发展, 双核联动联建, 全面深化改革).
_THEME_WORD = re.compile(r"(?:全面深化改革|高质量|联动)$")


def _theme_start(doc: Doc, text: str, end: int) -> int:
    """Start of the theme before a numbered programme (民营经济高质量发展|七大行动): the name start,
    carried on to the left over theme words that the name rules take for verbs, where a name
    goes on before them."""
    s = _name_start(doc, text, end, 8, quotes=True)
    while True:
        w = _THEME_WORD.search(text, max(0, s - 6), s)
        if w is None or w.end() != s:
            return s
        if w.group() == "全面深化改革":
            return w.start()  # the national strategy's name opens the programme's
        s2 = _name_start(doc, text, w.start(), 8, quotes=True)
        if s2 == w.start() or end - s2 > 14:
            return s  # nothing of a name before the word: 推动|高质量发展
        s = s2
