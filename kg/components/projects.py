"""The ``kg_projects`` component: facilities and infrastructure projects named by their suffix.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .common import (
    _cands, CJK, _FACILITY, _FACILITY_HEAD, _FACILITY_SUFFIX, _INFRA_SUFFIX, _INNER_VERB, _LEAD_VERBS,
    _left_name, _text, _within,
)


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
