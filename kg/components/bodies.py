"""The ``kg_bodies`` component: party committees, governments, bureaus and other bodies named
after a place or a level.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .common import (
    _BARE_AUTONOMOUS, _BODY, _bounds, _cands, _LEVEL, _NOT_A_BUREAU, _of, _PARTY, _STOP, _text, _ZONE_BODY,
)
from .naming import _name_start
from .zones import _gaz_prefix


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
        _associations(doc, text, cands)
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


#: heads of alliances, societies, chambers and clubs (世界旅游联盟, 国际深空探测学会, 新加坡设计业总商会).
_ASSOCIATION = re.compile(r"(?:联盟|协会|学会|总商会|商会|俱乐部|合作组织|促进会|联合会)(?![\u4e00-\u9fff]?(?:会长|成员|秘书))")
#: what a named association opens with when no place does: its scope.
_SCOPE = re.compile(r"(?:国际|世界|全球|亚洲|中外|中国—|中国-)")


def _associations(doc: Doc, text: str, cands: list) -> None:
    """Alliances, societies, chambers and clubs named after a place or an international scope
    (长三角大科学装置联盟, 崖州湾生物育种产业联盟, 浙江广厦篮球俱乐部, 世界旅游联盟); one without such an
    opening names a kind of body (农业科技创新联盟, 行业协会, 各级关爱退役军人协会)."""
    starts = _bounds(doc)[0]
    place_starts = {a for a, b, k in cands if k in ("AdministrativeRegion", "Country", "Region", "Place", "Zone")}
    org_ends = {b for a, b, k in cands if k == "Organization"}
    for m in _ASSOCIATION.finditer(text):
        if m.end() in org_ends:  # 中国—|上海合作组织: a known body's name is not extended
            continue
        s = _name_start(doc, text, m.start(), 16)
        stem = text[s: m.start()]
        if len(stem) < 4 or s not in starts or not (s in place_starts or _SCOPE.match(stem) or _gaz_prefix(stem)) \
                or re.search(r"[各等级]|一批|领域|行业|^(?:国际|世界|全球|亚洲|中外)(?:合作|交流|组织)?$", stem):
            continue
        cands.append((s, m.end(), "Organization"))
