"""Alias resolution within one document: every mention gets a canonical name, and mentions
with the same (core class, canonical name) become one Entity.

Short forms are read against the document's own context, never against a list of names:
the *host* divisions (the most mentioned county, its city and province, from the divisions
data) give bare 区委/区政府/市委 their place (区委 → 中共官渡区委 in a speech about 官渡区);
the zone the document names in full gives 空港, 党工委 and 管委会 theirs; a session named
with its body (市委九届四次全会) absorbs the bare session (九届四次全会).  Canonical names
follow one scheme so that the same body gets the same name in every document:
中共{division}委, {division}人民政府, {zone}党工委, {zone}管委会, 十X五规划.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from functools import lru_cache

from kg import gazetteer as gz
from kg.model import Document, Entity, Mention
from kg.nlp import CORE_OF, NATIONAL_POSTS, _ZONE_SUFFIX, zone_shorts

_QUOTES = re.compile(r"[\s\u3000“”\"'‘’「」『』]")
_PARTY_PREFIX = re.compile(r"^(?:中共|中国共产党)")
_LEVELS = "省市区县州旗"
_STRATEGY_SUFFIX = re.compile(r"(?:战略|建设|规划纲要|规划|计划|工程|活动|行动|试点)$")
_NUMBERED = re.compile(r"^[两三四五六七八九十]")
_QUOTED_INNER = re.compile(r"“([^“”]{2,})”")
_GOV_TITLES = {t: gz.post_level(t) for t, body in gz.posts() if body}
#: zone suffixes and their abbreviations: one zone whichever the text uses
_ZONE_ABBR = (("自由贸易试验区", "自贸试验区", "自贸区"), ("自由贸易港", "自贸港"),
              ("经济技术开发区", "经开区"), ("高新技术产业开发区", "高新技术开发区", "高新区"))
_KIND_RANK = {k: i for i, k in enumerate(CORE_OF)}


def clean(surface: str) -> str:
    """A surface form without quotes and spaces (“十二五” 规划 → 十二五规划)."""
    return _QUOTES.sub("", surface)


#: A county or city is the document's host only when named at least this often (or the only one).
_MIN_HOST_MENTIONS = 2


class Context:
    """What the document itself says about where it is: host divisions and its zones."""

    def __init__(self, mentions: list[Mention]):
        self.dv = gz.divisions()
        regions = [m for m in mentions if m.kind == "AdministrativeRegion"]
        names = {m.text for m in regions if m.text in self.dv.by_name}
        self.division: dict[str, gz.Division] = {}
        for m in regions:
            cands = self.dv.lookup(m.text)
            if not cands:
                continue
            # among namesakes prefer the one whose parents the document also names
            best = max(cands, key=lambda d: (sum(a.name in names for a in self.dv.ancestors(d)), -cands.index(d)))
            self.division[m.text] = best
        count = Counter(self.division[m.text].code for m in regions if m.text in self.division)
        first = {}
        for i, m in enumerate(regions):
            if m.text in self.division:
                first.setdefault(self.division[m.text].code, i)
        ranked = [self.dv.by_code[c] for c in sorted(count, key=lambda c: (-count[c], first[c]))]
        # the province first, counting what its cities and counties add: one mention of a far
        # city (赤峰道, a street in 天津) must not make that city the document's host
        votes: Counter[str] = Counter()
        for d in ranked:
            p = d if d.level == "province" else self._up(d, "province")
            if p is not None:
                votes[p.code] += count[d.code]
        self.province = self.dv.by_code[max(votes, key=lambda c: (votes[c], -first.get(c, len(regions))))] \
            if votes else None

        def hosted(d: gz.Division, level: str) -> bool:
            inside = self.province is None or self._up(d, "province") == self.province
            alone = sum(x.level == level for x in ranked) == 1
            return d.level == level and inside and (count[d.code] >= _MIN_HOST_MENTIONS or alone)

        self.county = next((d for d in ranked if hosted(d, "county")), None)
        self.city = self._up(self.county, "city") or next((d for d in ranked if hosted(d, "city")), None)
        if self.province is None:
            self.province = self._up(self.city or self.county, "province")
        zones = [m for m in mentions if m.kind == "Zone"]
        full = [clean(m.text) for m in zones if any(True for _ in _prefix_places(clean(m.text)))]
        self.zone_of_short: dict[str, str] = {}
        for z in sorted(set(full), key=lambda z: -full.count(z)):
            for s in zone_shorts(z):
                self.zone_of_short.setdefault(s, z)
        zc = Counter(self.zone_of_short.get(clean(m.text), clean(m.text)) for m in zones)
        self.main_zone = zc.most_common(1)[0][0] if zc else None

    def _up(self, d: gz.Division | None, level: str) -> gz.Division | None:
        while d is not None and d.level != level:
            d = self.dv.parent(d)
        return d

    def host(self, level_char: str) -> gz.Division | None:
        """The division a bare 区/县/市/省 refers to in this document."""
        c = self.county
        if level_char in "区县旗" and c is not None and c.name.endswith(level_char):
            return c
        if level_char == "市":
            if c is not None and c.name.endswith("市"):
                return c
            if self.city is None and self.province is not None and self.province.name.endswith("市"):
                return self.province  # 北京、天津、上海、重庆: the municipality is the 市
            return self.city
        if level_char == "州":
            return self.city if self.city is not None and self.city.name.endswith("州") else None
        if level_char == "省":
            return self.province
        if level_char == "自治区":
            return self.province if self.province is not None and self.province.name.endswith("自治区") else None
        return None

    def place(self, surface: str) -> gz.Division | None:
        if self.province is not None and _province_tail(surface, self.province):
            return self.province  # 龙江 in a report on 黑龙江省 is the province, not 龙江县
        if surface in self.division:
            return self.division[surface]
        cands = self.dv.lookup(surface)
        return cands[0] if cands else None


def _province_tail(surface: str, province: gz.Division) -> bool:
    """Whether ``surface`` is the conventional short form of ``province`` made of the end of its
    short name (龙江 for 黑龙江省), rather than the county of that name."""
    short = province.short or province.name
    return len(surface) >= 2 and len(short) > len(surface) and short.endswith(surface) \
        and surface not in province.name[: -len(surface) - 1]


def _prefix_places(name: str):
    from kg.nlp import _place_prefix
    return _place_prefix(name)


def _split_place(name: str, ctx: Context) -> tuple[gz.Division | str | None, str]:
    """(division or zone named at the start of ``name``, the rest); bare level → host."""
    for z in sorted(set(ctx.zone_of_short.values()) | set(ctx.zone_of_short), key=len, reverse=True):
        if name.startswith(z):
            return ctx.zone_of_short.get(z, z), name[len(z):]
    for _, e, _, _, _ in _prefix_places(name):
        d = ctx.place(name[:e])
        if d is not None:
            rest = name[e:]
            # 官渡 + 区委: the level character belongs to the place
            if rest[:1] in _LEVELS and d.name.endswith(rest[:1]) and name[:e] != d.name:
                rest = rest[1:]
            return d, rest
    if name.startswith("自治区"):
        return ctx.host("自治区"), name[2:]
    if name[:1] in _LEVELS:
        return ctx.host(name[0]), name[1:]
    return None, name


def canonical(m: Mention, ctx: Context, nested: dict[tuple[int, int], str], entries: dict[str, str]) -> str | None:
    """The canonical name of one mention, or None when the document cannot say what it names."""
    t = clean(m.text)
    k = m.kind
    if t in entries and k not in ("Position", "Meeting"):
        return entries[t]
    if k == "AdministrativeRegion":
        d = ctx.place(t)
        return d.name if d else t
    if k in ("Enterprise", "Event", "Project") and t.startswith("省") and len(t) > 3 and ctx.province is not None:
        return ctx.province.name + t[1:]  # 省工业控股集团, 省旅游发展大会: the host province's
    if k == "Zone":
        return ctx.zone_of_short.get(t, t)
    if k in ("PartyCommittee", "GovernmentBody", "Legislature", "PoliticalConsultativeBody",
             "AdministrativeCommittee", "Department"):
        return _body_name(_PARTY_PREFIX.sub("", t), k, ctx)
    if k == "Position":
        if t in NATIONAL_POSTS:
            return NATIONAL_POSTS[t]
        inner = _nested_org(m, nested)
        if inner:
            return inner[1] + t[inner[0]:]
        if t in _GOV_TITLES:  # 区长, 省长, 自治区主席: the host's
            level = _GOV_TITLES[t]
            d = ctx.host(level)
            if d is None:
                return None
            return d.name + (t[len(level):] if len(level) > 1 else t)  # 甘肃省省长, 新疆维吾尔自治区主席
        place, rest = _split_place(t, ctx)
        if isinstance(place, gz.Division):
            return place.name + rest
        return None
    if k == "Meeting":
        inner = _nested_org(m, nested)
        if inner and "届" not in t[: inner[0]]:  # a congress's session keeps its full name
            return inner[1] + t[inner[0]:]
        return t
    if k == "Plan":
        five = re.match(r"十[一二三四五六七八九十]五", t)
        if five:
            return five.group() + "规划"
    return t


def _nested_org(m: Mention, nested: dict[tuple[int, int], str]) -> tuple[int, str] | None:
    """(length of the surface, canonical) of the longest organisation mention that starts
    where ``m`` starts and ends inside it."""
    best = None
    for (s, e), name in nested.items():
        if s == m.start and e < m.end and (best is None or e - s > best[0]):
            best = (e - s, name)
    if best is None:
        return None
    return len(clean(m.text[: best[0]])), best[1]


def _body_name(t: str, kind: str, ctx: Context) -> str | None:
    if kind == "AdministrativeCommittee" or t.endswith(("党工委", "工委")) and kind == "PartyCommittee":
        suffix = "管委会" if kind == "AdministrativeCommittee" else "党工委"
        place, rest = _split_place(t, ctx)
        zone = place if isinstance(place, str) else ctx.main_zone
        if zone is None or (place is None and rest not in ("党工委", "工委", "管委会", "管理委员会")):
            return None
        return zone + suffix
    place, rest = _split_place(t, ctx)
    if place is None:
        return None
    pname = place if isinstance(place, str) else place.name
    if kind == "PartyCommittee":
        if rest.startswith(("纪委", "纪委监委")):
            return pname + rest
        return "中共" + pname + ("委员会" if pname.endswith("自治区") else "委")
    if kind == "GovernmentBody":
        return pname + "人民政府"
    if kind == "Legislature":
        return pname + ("人大常委会" if "常委会" in rest else "人民代表大会")
    if kind == "PoliticalConsultativeBody":
        return pname + "政协"
    if kind == "Department":
        rest = re.sub(r"^委员会", "委", rest)
        rest = re.sub(r"^人民政府", "政府", rest)
        return pname + rest
    return pname + rest


@lru_cache(maxsize=1)
def _entry_kinds() -> dict[str, str]:
    """Kind of each national strategy, plan or campaign of the gazetteer, by its name."""
    return {e.name: e.kind for e in gz.strategies()}


@lru_cache(maxsize=1)
def _entries() -> dict[str, str]:
    out = {}
    for e in gz.entries():
        for s in (e.name, *e.aliases):
            out.setdefault(clean(s), e.name)
    return out


def resolve(doc: Document, mentions: list[Mention]) -> list[Entity]:
    """Merge mentions into entities (canonical name, kind, aliases, mentions)."""
    ctx = Context(mentions)
    entries = _entries()
    kinds = _entry_kinds()
    generic = gz.generic()
    nested: dict[tuple[int, int], str] = {}
    resolved: list[Mention] = []
    org_of_surface: dict[str, str] = {}  # 省委 → 中共安徽省委, for the members of a coordinated session
    for m in sorted(mentions, key=lambda m: (m.end - m.start, m.start)):
        name = m.canonical or canonical(m, ctx, nested, entries)
        if not name or name in generic or len(name) < 2:
            continue
        if m.kind == "Meeting" and m.canonical:  # 省委十一届十一次全会 from 省委十一届十次、十一次全会
            body = _SESSION_OF_BODY.match(name)
            if body and body.group(1) in org_of_surface:
                name = org_of_surface[body.group(1)] + body.group(2)
        if CORE_OF.get(m.kind) == "Organization":
            nested[(m.start, m.end)] = name
            org_of_surface.setdefault(clean(m.text), name)
        kind = kinds.get(name)
        if kind and kind != m.kind and m.label in ("Project", "Strategy", "Event") and CORE_OF[kind] == "Strategy":
            # “东数西算”工程 is the national strategy 东数西算, whatever the suffix made of it
            m = Mention(m.start, m.end, m.text, "Strategy", kind, m.sentence, m.canonical)
        resolved.append(_named(m, name))
    resolved = _merge_strategies(resolved)
    resolved = _merge_zone_abbreviations(resolved)
    resolved = _merge_sessions(resolved)
    resolved = _merge_events(resolved, doc.text)
    groups: dict[tuple[str, str], Entity] = {}
    for m in sorted(resolved, key=lambda m: m.start):
        key = (m.label, m.canonical)
        e = groups.get(key)
        if e is None:
            e = groups[key] = Entity(name=m.canonical, label=m.label, kind=m.kind)
        elif _KIND_RANK.get(m.kind, 99) < _KIND_RANK.get(e.kind, 99) and m.kind != m.label:
            e.kind = m.kind
        e.mentions.append(m)
        for alias in (clean(m.text), *_QUOTED_INNER.findall(m.text)):
            alias = clean(alias)
            if alias != e.name and len(alias) >= 2 and (e.kind == "AdministrativeRegion" or not _is_division(alias)):
                e.aliases.add(alias)
    return list(groups.values())


def _is_division(name: str) -> bool:
    """Whether ``name`` names a division (哈尔滨): a place's name is no alias of a zone or project
    a component named after it (哈尔滨、黑河片区 → 哈尔滨片区 from the mention 哈尔滨)."""
    dv = gz.divisions()
    return name in dv.by_name or name in dv.by_short


def _strip_host(name: str) -> str:
    """``name`` without the divisions it opens with (陕西省西安|中国—中亚峰会), keeping three characters."""
    dv = gz.divisions()
    while True:
        for n in range(min(8, len(name) - 3), 1, -1):
            if name[:n] in dv.by_name or name[:n] in dv.by_short:
                name = name[n:]
                break
        else:
            return name


_SESSION_OF_BODY = re.compile(r"^([省市区县州]委)([一二三四五六七八九十]+届.+全会)$")


def _named(m: Mention, name: str) -> Mention:
    """``m`` with the canonical name ``name`` (dataclasses.replace costs several times more)."""
    if m.canonical == name:
        return m
    return Mention(m.start, m.end, m.text, m.label, m.kind, m.sentence, name)


def _core(name: str) -> str:
    return _STRATEGY_SUFFIX.sub("", name)


def _merge_strategies(ms: list[Mention]) -> list[Mention]:
    """One entity for 十二五 / 十二五规划, 桥头堡 / 桥头堡战略, and for a numbered slogan and
    its verb-extended form (三化 / 三化并举)."""
    strat = [m for m in ms if m.label == "Strategy"]
    by_core: dict[str, str] = {}
    for m in sorted(strat, key=lambda m: -len(m.canonical)):
        by_core.setdefault(_core(m.canonical), m.canonical)
    slogans = sorted({m.canonical for m in strat if _NUMBERED.match(m.canonical) and len(m.canonical) <= 4}, key=len)
    out = []
    for m in ms:
        if m.label == "Strategy":
            name = by_core.get(_core(m.canonical), m.canonical)
            for s in slogans:
                if name != s and name.startswith(s) and len(name) - len(s) <= 2 and not _STRATEGY_SUFFIX.search(name):
                    name = s
                    break
            m = _named(m, name)
        out.append(m)
    return out


def _merge_zone_abbreviations(ms: list[Mention]) -> list[Mention]:
    """海南自贸港 and 海南自由贸易港 are one zone: the full suffix names it."""
    def key(name: str) -> str:
        for group in _ZONE_ABBR:
            for a in group:
                if name.endswith(a):
                    return name[: -len(a)] + group[0]
        return name

    full: dict[str, str] = {}
    for m in ms:
        if m.kind == "Zone":
            k = key(m.canonical)
            if k not in full or len(m.canonical) > len(full[k]):
                full[k] = m.canonical
    return [_named(m, full[key(m.canonical)]) if m.kind == "Zone" else m for m in ms]


def _merge_sessions(ms: list[Mention]) -> list[Mention]:
    """A bare session (九届四次全会) is the session named with its body in the same document."""
    meetings = {m.canonical for m in ms if m.kind == "Meeting"}
    out = []
    for m in ms:
        if m.kind == "Meeting":
            longer = [x for x in meetings if x != m.canonical and x.endswith(m.canonical)]
            if len(longer) == 1:
                m = _named(m, longer[0])
        out.append(m)
    return out


_ORDINAL = re.compile(r"^(?:第[一二三四五六七八九十百\d]+届|首届|\d{4}年?)")


def _merge_events(ms: list[Mention], text: str) -> list[Mention]:
    """One node per recurring event: the short form in brackets after the full name
    (中俄博览会（哈洽会）) and the edition (第九届中俄博览会) are the event the document also names bare."""
    events = [m for m in ms if m.label == "Event" and m.kind != "Meeting"]
    names = {m.canonical for m in events}
    to: dict[str, str] = {}
    for m in events:
        bare = _ORDINAL.sub("", m.canonical)
        if bare != m.canonical and bare in names:
            to[m.canonical] = bare
            continue
        host = _strip_host(bare)  # 成都世运会, 陕西省西安中国—中亚峰会: the event the text also names bare
        host = host if host in names else _entries().get(clean(host), host)  # 世运会 → 世界运动会
        if host != bare and host in names:
            to[m.canonical] = host
    by_start = {m.start: m for m in events}
    for m in events:
        if text[m.end: m.end + 1] in ("（", "("):
            inner = by_start.get(m.end + 1)
            if inner is not None and text[inner.end: inner.end + 1] in ("）", ")") and inner.canonical != m.canonical:
                full = to.get(m.canonical, m.canonical)
                to.setdefault(inner.canonical, full)
    if not to:
        return ms
    return [_named(m, to[m.canonical]) if m.label == "Event" and m.canonical in to else m for m in ms]
