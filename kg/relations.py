"""Relations the text states, each with the sentence it is read from.

Two sources, both stated by the document: the structure of names (a post names its body:
中共官渡区委|书记 → postIn; a department its committee: 区委|政法委 → subOrganizationOf; a
body its place: 中共官渡区委 → jurisdiction over 官渡区; a meeting its organiser: 市委|工作会议;
a division its parent, from the divisions data), and patterns within one sentence (a person
after a post; a meeting that 提出/指出/强调 a strategy; 由X牵头/负责; a project 围绕 a strategy).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from kg import gazetteer as gz
from kg.model import Document, Entity, Mention, Relation, Sentence
from kg.nlp import NATIONAL_POSTS

_PROPOSE = re.compile(r"提出|指出|强调|作出|部署|确立|确定了|明确了")
_NOT_PROPOSED = re.compile(r"(?:贯彻|落实|学习|领会|遵循)[^，。；]{0,6}$")
_CLAUSE_END = re.compile(r"[，,；;。]")
_LEAD = re.compile(r"由$")
_LEAD_AFTER = re.compile(r"^(?:牵头|负责|主抓|具体负责)")
_SERVE = re.compile(r"(?:围绕|按照|落实|服务|融入|对接|助推|贯彻)[^，。；]{0,2}$")
_BODY_PLACE = (
    (re.compile(r"^中共(.+?)委$"), "PartyCommittee"),
    (re.compile(r"^(.+?)人民政府$"), "GovernmentBody"),
    (re.compile(r"^(.+?)(?:党工委|管委会)$"), None),
    (re.compile(r"^(.+?)(?:人大常委会|人民代表大会|人大)$"), None),
    # a 政协 is consultative: it governs nothing, so it gets no jurisdiction
)


class _Index:
    def __init__(self, doc: Document, sentences: list[Sentence], entities: list[Entity]):
        self.doc = doc
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.entity_of: dict[tuple[int, int, str], Entity] = {}
        self.mentions: list[Mention] = []
        for e in entities:
            for m in e.mentions:
                self.entity_of[(m.start, m.end, m.label)] = e
                self.mentions.append(m)
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        self.by_name = {(e.label, e.name): e for e in entities}
        self.out: dict[tuple, Relation] = {}

    def ent(self, m: Mention) -> Entity:
        return self.entity_of[(m.start, m.end, m.label)]

    def add(self, subj: Entity, pred: str, obj: Entity, sentence: int) -> None:
        if subj is obj:
            return
        key = (subj.key, pred, obj.key)
        if key not in self.out:
            s = self.sentences[sentence]
            self.out[key] = Relation(subj.key, pred, obj.key, sentence, s.start, s.end)

    def nested_at_start(self, m: Mention, label: str) -> Mention | None:
        if not hasattr(self, "_by_start"):
            self._by_start: dict[int, list[Mention]] = {}
            for x in self.mentions:
                self._by_start.setdefault(x.start, []).append(x)
        best = None
        for x in self._by_start.get(m.start, ()):
            if x.end < m.end and x.label == label and (best is None or x.end > best.end):
                best = x
        return best

    def in_sentence(self, i: int) -> list[Mention]:
        s = self.sentences[i]
        if not hasattr(self, "_mstarts"):
            self._mstarts = [m.start for m in self.mentions]
        lo = bisect_left(self._mstarts, s.start)
        hi = bisect_left(self._mstarts, s.end)
        return [m for m in self.mentions[lo:hi] if m.end <= s.end]


def find_relations(doc: Document, sentences: list[Sentence], entities: list[Entity]) -> list[Relation]:
    """Stated relations between the entities of one document."""
    ix = _Index(doc, sentences, entities)
    _from_names(ix, entities)
    _from_divisions(ix, entities)
    for i in range(len(sentences)):
        ms = ix.in_sentence(i)
        _holds(ix, ms)
        _proposed(ix, i, ms)
        _responsible(ix, i, ms)
        _settled_in(ix, i, ms)
    _proposed_in_paragraph(ix)
    return list(ix.out.values())


def _from_names(ix: _Index, entities: list[Entity]) -> None:
    for m in ix.mentions:
        if m.label == "Position":
            org = ix.nested_at_start(m, "Organization")
            if org is not None:
                ix.add(ix.ent(m), "postIn", ix.ent(org), m.sentence)
            else:
                gov = _government_of(ix, ix.ent(m).name)
                if gov is not None:
                    ix.add(ix.ent(m), "postIn", gov, m.sentence)
        elif m.kind == "Department":
            org = ix.nested_at_start(m, "Organization")
            if org is not None:
                ix.add(ix.ent(m), "subOrganizationOf", ix.ent(org), m.sentence)
        elif m.label == "Event":
            org = ix.nested_at_start(m, "Organization")
            if org is not None:
                ix.add(ix.ent(m), "organizedBy", ix.ent(org), m.sentence)
    for e in entities:
        if e.label != "Organization":
            continue
        for rx, kind in _BODY_PLACE:
            mm = rx.match(e.name)
            if mm and (kind is None or kind == e.kind):
                place = ix.by_name.get(("Place", mm.group(1)))
                if place is not None:
                    ix.add(e, "jurisdiction", place, e.mentions[0].sentence)
                break


def _government_of(ix: _Index, post: str) -> Entity | None:
    """The government a governor's post is in (江西省省长 → 江西省人民政府), where the document names it."""
    for title, body in gz.posts():
        level = gz.post_level(title)
        if not level or not post.endswith(title):
            continue
        prefix = post[: -len(title)]
        if prefix.endswith(level):  # 江西省|省长
            return ix.by_name.get(("Organization", prefix + "人民政府"))
        if len(level) > 1 and title.startswith(level):  # 新疆维吾尔|自治区主席
            return ix.by_name.get(("Organization", prefix + level + "人民政府"))
    return None


def _from_divisions(ix: _Index, entities: list[Entity]) -> None:
    """partOf from the divisions data, and for zones, projects and bodies named after a place."""
    from kg.resolve import _prefix_places

    dv = gz.divisions()
    places = {e.name: e for e in entities if e.label == "Place"}
    for e in entities:
        if e.kind == "AdministrativeRegion":
            for d in dv.by_name.get(e.name, [])[:1]:
                for a in dv.ancestors(d):
                    if a.name in places:
                        ix.add(e, "partOf", places[a.name], e.mentions[0].sentence)
                        break
        elif e.kind in _NAMED_AFTER_PLACE:
            name = _BRACKETED_PLACE.sub(r"\1", e.name)  # 中国（内蒙古）自由贸易试验区: in 内蒙古
            for _, end, _, key, _ in _prefix_places(name):
                target = places.get(key) or places.get(name[:end])
                if target is None:  # 喀什古城 in a document that names 新疆 but not 喀什: the nearest it names
                    for d in dv.by_name.get(key, [])[:1]:
                        target = next((places[a.name] for a in dv.ancestors(d) if a.name in places), None)
                if target is not None and target is not e:
                    pred = "partOf" if e.label == "Place" else "locatedIn"
                    ix.add(e, pred, target, e.mentions[0].sentence)
                    break


#: a national designation with its province in brackets (中国（辽宁）自由贸易试验区).
_BRACKETED_PLACE = re.compile(r"^中国[（(]([^）)]{2,8})[）)]")
#: kinds whose names open with the place they are in (昆明空港经济区, 南京中山国家植物园, 新疆财经大学);
#: a government or party body names the place it governs instead (jurisdiction).
_NAMED_AFTER_PLACE = ("Zone", "Place", "Region", "Facility", "InfrastructureProject", "Project", "Enterprise", "Organization")
#: X落地新疆, X落户南京: the place a body or project settles in.
_SETTLES = re.compile(r"^(?:、[^，。；、\s]{2,12})*(?:正式|成功|相继|先后)?(?:落地|落户|落户在|落地在|建在|位于|坐落于|设在)$")


def _settled_in(ix: _Index, i: int, ms: list[Mention]) -> None:
    """A project, zone or body followed by 落地/落户/位于 and a place: located there; the members
    of a list before the verb (A、B落地新疆) each."""
    from bisect import bisect_right

    text = ix.doc.text
    # by (end, length), the earlier of two equal ones last: the last mention ending by pos is the
    # outermost one ending last, found by bisection (a scan per place was quadratic in a long sentence)
    order = sorted(range(len(ms)), key=lambda k: (ms[k].end, ms[k].end - ms[k].start, -k))
    ends = [ms[k].end for k in order]

    def ending_before(pos: int) -> Mention | None:  # the outermost mention ending last before pos
        j = bisect_right(ends, pos) - 1
        return ms[order[j]] if j >= 0 else None

    for p in ms:
        if p.label != "Place" or p.kind not in ("AdministrativeRegion", "Country", "Region"):
            continue
        x = ending_before(p.start)
        if x is None or not _SETTLES.match(text[x.end: p.start]):
            continue
        while x is not None and x.label in ("Project", "Organization", "Place") and x.kind not in _GOVERNING:
            ix.add(ix.ent(x), "partOf" if x.label == "Place" else "locatedIn", ix.ent(p), i)
            prev = ending_before(x.start)
            x = prev if prev is not None and text[prev.end: x.start] == "、" else None


_GOVERNING = ("PartyCommittee", "GovernmentBody", "Legislature", "PoliticalConsultativeBody", "AdministrativeRegion")


def _holds(ix: _Index, ms: list[Mention]) -> None:
    text = ix.doc.text
    posts = {m.end: m for m in ms if m.label == "Position"}
    posts_at = {m.start: m for m in ms if m.label == "Position" and m.text in NATIONAL_POSTS}
    for p in ms:
        if p.label != "Person":
            continue
        end = p.start
        while end > 0 and text[end - 1] in " \u3000":
            end -= 1
        while end in posts:
            post = posts[end]
            ix.add(ix.ent(p), "holds", ix.ent(post), p.sentence)
            end = post.start - 1
            if end < 0 or text[end] not in "、,，":
                break
        after = posts_at.get(p.end)  # 习近平|总书记: a national title after the name
        if after is not None:
            ix.add(ix.ent(p), "holds", ix.ent(after), p.sentence)


def _proposed(ix: _Index, i: int, ms: list[Mention]) -> None:
    """A meeting (or party committee) before 提出/指出/强调 proposes the strategies named in
    the clause each such verb opens; a meeting that is itself implemented (贯彻…会议) does not."""
    text = ix.doc.text
    s = ix.sentences[i]
    verbs = list(_PROPOSE.finditer(text, s.start, s.end))
    if not verbs:
        return
    subj = [m for m in ms if m.end <= verbs[0].start() and (m.label == "Event" or m.kind == "PartyCommittee")
            and not _NOT_PROPOSED.search(text[max(s.start, m.start - 8): m.start])]
    if not subj:
        return
    events = [m for m in subj if m.label == "Event"]
    who = (events or subj)[-1]
    for v in verbs:
        end = _clause_end(text, v.end(), s.end)
        for m in ms:
            if m.label == "Strategy" and v.end() <= m.start < end and not _NOT_PROPOSED.search(text[v.end(): m.start]):
                ix.add(ix.ent(who), "proposed", ix.ent(m), i)
    ix.proposing = getattr(ix, "proposing", []) + [(i, who)]


def _clause_end(text: str, start: int, end: int) -> int:
    """End of the clause that starts at ``start``; commas inside quotes do not end it."""
    depth = 0
    for i in range(start, end):
        c = text[i]
        if c == "“":
            depth += 1
        elif c == "”":
            depth = max(0, depth - 1)
        elif depth == 0 and _CLAUSE_END.match(c):
            return i
    return end


def _proposed_in_paragraph(ix: _Index) -> None:
    """A speech restating a meeting: numbered slogans first named in the paragraph right after
    the meeting 提出 something are that meeting's (三化 after 市委工作会议提出了…)."""
    text = ix.doc.text
    first: dict[int, Mention] = {}
    for m in ix.mentions:
        if m.label == "Strategy" and re.match(r"[两三四五六七八九]", m.canonical):
            e = id(ix.ent(m))
            if e not in first:
                first[e] = m
    for i, who in getattr(ix, "proposing", []):
        s = ix.sentences[i]
        para_end = text.find("\n", s.end)
        para_end = len(text) if para_end < 0 else para_end
        for m in first.values():
            if s.end <= m.start < para_end:
                ix.add(ix.ent(who), "proposed", ix.ent(m), m.sentence)


def _responsible(ix: _Index, i: int, ms: list[Mention]) -> None:
    text = ix.doc.text
    s = ix.sentences[i]
    for m in ms:
        if m.label != "Organization":
            continue
        led = _LEAD.search(text[max(s.start, m.start - 1): m.start]) and _LEAD_AFTER.match(text[m.end: m.end + 4])
        if not led:
            continue
        for t in ms:
            if t.label in ("Project", "Strategy") and t.start > m.end:
                ix.add(ix.ent(m), "responsibleFor", ix.ent(t), i)
    # a project serving a strategy in the same sentence
    strategies = [m for m in ms if m.label == "Strategy" and _SERVE.search(text[max(s.start, m.start - 6): m.start])]
    for st in strategies:
        for p in ms:
            if p.label == "Project" and p.start > st.end:
                ix.add(ix.ent(p), "implements", ix.ent(st), i)


def sentence_of(sentences: list[Sentence], offset: int) -> int:
    """Index of the sentence containing ``offset`` (the nearest one before it otherwise)."""
    i = bisect_right([s.start for s in sentences], offset) - 1
    return max(i, 0)
