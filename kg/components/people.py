"""The ``kg_people`` component: posts and the people who hold them.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg import gazetteer as gz
from .common import (
    _aligned, _bounds, _cands, CJK, CORE_OF, _NAME_BEFORE_TITLE, NATIONAL_POSTS, _PERSON_FOLLOW, _PERSON_ODD,
    _PERSON_STRONG, _text,
)


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
