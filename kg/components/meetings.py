"""The ``kg_meetings`` component: party congresses, plenums, sessions and other meetings.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .common import (
    _cands, CJK, CORE_OF, _MEETING_BODY, _MEETING_HEAD, _NPC_SESSION, NUM, _of, _PARTY_CONGRESS, _text,
    _within,
)


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
