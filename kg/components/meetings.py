"""The ``kg_meetings`` component: party congresses, plenums, sessions and other meetings.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .common import (
    _bounds, _cands, CJK, CORE_OF, _MEETING_BODY, _MEETING_HEAD, _NPC_SESSION, NUM, _of, _PARTY_CONGRESS, _STOP,
    _text, _within,
)
from .naming import _CUT, _EVENT, _NAME_CH, _name_start


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
        _numbered_events(doc, text, cands)
        _hosted_events(doc, text, cands)
        return doc


def _in_name(text: str, i: int, starts: set[int]) -> bool:
    """Whether the character at ``i`` can be inside a name: a name character, and not a stop character
    (等, 之, 其) unless the segmenter put it inside a word (丝绸之路, 库布其沙漠)."""
    return bool(_NAME_CH.match(text[i])) and (text[i] not in _STOP or i not in starts)


#: an edition number (第八届, 首届) opens the name of one event, whatever its theme words.
_EDITION = re.compile(rf"(?:第[{NUM}\d]+|首)届")
#: heads of shows and contests that the general event heads lack (全国科学实验展演汇演).
_SHOW = re.compile(r"汇演|会演|展演|调演")


def _numbered_events(doc: Doc, text: str, cands: list) -> None:
    """Events named by their edition (第八届省旅游产业发展大会, 第三届全国…大赛): the general event
    rule drops a name made only of theme words (省旅游产业发展大会), but an edition makes it one
    event; and shows named by 汇演/展演 after a national or provincial theme (全国科学实验展演汇演)."""
    starts = _bounds(doc)[0]
    for m in _EDITION.finditer(text):
        h = _EVENT.search(text, m.end(), m.end() + 16)
        if h is None or m.start() not in starts or h.end() < len(text) and text[h.end()] in "堂场馆":
            continue
        stem = text[m.end(): h.start()]
        if not 2 <= len(stem) <= 14 or not all(_in_name(text, i, starts) for i in range(m.end(), h.start())) \
                or _CUT.search(stem) or re.search(r"代表|人民|委员|[次中]全", stem):
            continue
        cands.append((m.start(), h.end(), "Event"))
    for m in _SHOW.finditer(text):
        if text.startswith(("活动", "节目"), m.end()) or _SHOW.match(text, m.end()):
            continue  # 展演|汇演: the name ends at the last head
        s = _name_start(doc, text, m.start(), 14)
        stem = text[s: m.start()]
        if s in starts and re.match(r"(?:全国|全省|全区|全市|中国|国际)[\u4e00-\u9fff]{2,}", stem) and not _CUT.search(stem):
            cands.append((s, m.end(), "Event"))


#: verbs that host or attend an event: the event's name starts right after them.
_HOSTING = re.compile(r"(?:成功|高水平|高标准|精心|连续|首次)?(?:举办|举行|办好|办成|筹办|承办|主办|协办|亮相|参展|参加|出席)")
#: theme words of a meeting of members or an internal meeting (表彰大会, 职工代表大会): kinds, not events.
_INTERNAL = re.compile(r"代表|动员|表彰|誓师|推进|总结|部署|座谈|工作|全体|纪念|庆祝|专题|现场|职工|股东|理事|会员|"
                       r"[省市县区]委|政府|党组|^(?:重点|特色|系列|各类|各项|专场|多场)|"
                       r"^(?:全国|全省|全市|全区|国际|国家|中国)?(?:招商|经贸|投资|产业|旅游|文化|科技)?$|"
                       rf"^(?:第[{NUM}\d]+|首)届$")


def _hosted_events(doc: Doc, text: str, cands: list) -> None:
    """Events named by their theme alone where the text hosts or attends them (举办|绿色低碳高质量发展大会,
    亮相|国际消费电子展, 筹办…大会、国际投资贸易博览会等活动): the general event rule leaves a name made of
    theme words alone, but after a hosting verb, or next to an event in a list, the theme is the name."""
    starts = _bounds(doc)[0]
    event_ends = {b for a, b, k in cands if k in ("Event", "Meeting")}
    for m in _EVENT.finditer(text):
        if m.end() in event_ends or text[m.end(): m.end() + 1] in ("堂", "场", "馆"):
            continue
        s = m.start()
        while s > 0 and m.start() - s < 16 and _in_name(text, s - 1, starts):
            s -= 1
        host = None
        for host in _HOSTING.finditer(text, s, m.start()):
            pass
        if host is not None:
            s = host.end()
        elif not (s > 0 and text[s - 1] == "、" and (s - 1) in event_ends):
            continue
        stem = text[s: m.start()]
        if len(stem) < 4 or s not in starts or _INTERNAL.search(stem) or _CUT.search(stem.replace("高质量", "")):
            continue
        cands.append((s, m.end(), "Event"))
        event_ends.add(m.end())

