"""Bodies named in a list that ends with their kind: 阿里、百度、京东等头部企业 (enterprises),
清华、北大等高校 (universities and institutes).

A list A、B和C closed by 等 and a kind of body names each member as one body of that kind, whatever
the member's form: short company names (百度, 科大讯飞, 云账户) follow no naming pattern, but the
list says what they are.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from kg import gazetteer as gz
from .common import _bounds, CJK, _INNER_VERB, _LEAD_VERBS, _STOP
from .gazetteer import _matcher
from .longtail import _KIND_STEM, _known_word
from .naming import _CUT, _LEAD, _NAME_CH

#: 等 + optional count and qualifiers + the kind of body. The qualifiers may not hold a place word
#: (等地企业, 等城市的企业 name places) nor a verb.
_LIST_END = re.compile(
    rf"(?<![平同对均相高初中上次超优])等(?P<mid>(?:[\d一二三四五六七八九十两百千]+(?:多)?家|一批)?[{CJK}A-Za-z0-9+]{{0,6}}?)"
    r"(?P<head>企业|公司|名企|央企|国企|民企|外企|高校|院校|科研院所|院所|科研机构|研究机构|大学)")
_MID_BAD = re.compile(r"[地省市城县区州乡镇村的之]|国家|各|其他|相关|行业|领域|产业链|园区|部门|单位|地区|重点领域")
#: list members that are kinds or qualifiers, never one body (龙头企业, 国企, 外资).
_MEMBER_GENERIC = re.compile(
    r"^(?:央企|国企|民企|外企|外资|内资|港资|台资|侨资|名企|龙头|头部|链主|骨干|领军|独角兽|瞪羚|专精特新|小巨人|"
    r"高新技术|科技型|中小|大型|中型|小型|微型|个体|上市|拟上市|总部|平台|高校|院所|科研院所|医院|学校|"
    r"银行|保险|证券|基金|信托|担保|券商|金融|科技|制造|能源|化工|钢铁|汽车|电子|医药|生物|新能源|新材料)+$")
_ORG_HEADS = ("高校", "院校", "科研院所", "院所", "科研机构", "研究机构", "大学")


def _items(doc: Doc, text: str, end: int, maxitems: int = 12) -> list[tuple[int, int]]:
    """The members of a list A、B、C (or A、B和C) that ends at ``end``, each two to eight name
    characters from a word start; [] where the stretch before ``end`` is not such a list."""
    starts = _bounds(doc)[0]
    items: list[tuple[int, int]] = []
    e = end
    while len(items) < maxitems:
        s = e
        while s > 0 and e - s < 8 and _NAME_CH.match(text[s - 1]) and text[s - 1] not in _STOP:
            s -= 1
        lead = _LEAD.match(text[s:e]) or _LEAD_VERBS.match(text[s:e])
        if lead:
            s += lead.end()
        if e - s < 2 or s not in starts or (s > 0 and _NAME_CH.match(text[s - 1]) and text[s - 1] not in _STOP and not lead):
            return []
        items.append((s, e))
        if s > 0 and text[s - 1] == "、":
            e = s - 1
            continue
        if len(items) == 1 and s > 1 and text[s - 1] in "和及" and text[s - 2] not in "、，":
            e = s - 1  # A、B和C: the last two joined by 和
            continue
        break
    return items[::-1]


@lru_cache(maxsize=1)
def _org_surfaces() -> frozenset[str]:
    return frozenset(s for e in gz.organizations() for s in (e.name, *e.aliases))


def _member_generic(w: str) -> bool:
    """Whether a list member is a kind, a qualifier or a clause rather than a body's name."""
    if re.fullmatch(r"\d{3,}", w):  # 360: a company known by a number
        return False
    return bool(_MEMBER_GENERIC.match(w) or _KIND_STEM.match(w) or _CUT.search(w) or _INNER_VERB.search(w)
                or re.search(r"[等个类批级]|[和与及]$|(?:企业|公司|单位|机构|主体|院所|高校)$", w))


def _listed_bodies(doc: Doc, text: str, cands: list) -> None:
    """Each member of a list closed by 等…企业/高校 as an Enterprise or Organization."""
    if "等" not in text:
        return
    _company_lists(doc, text, cands)
    places = {(a, b) for a, b, k in cands if k == "AdministrativeRegion"}
    full_places = {(a, b) for a, b in places if text[a:b] in gz.divisions().by_name}
    for m in _LIST_END.finditer(text):
        mid = m.group("mid")
        if _MID_BAD.search(mid) or _CUT.search(mid) or _INNER_VERB.search(mid):
            continue
        items = _items(doc, text, m.start())
        if not items:
            continue
        words = [text[a:b] for a, b in items]
        if any(_member_generic(w) for w in words):
            continue
        if all(re.fullmatch(r"[\d.]+", w) for w in words) or any((a, b) in full_places for a, b in items):
            continue  # 上海市、深圳市等企业: places, and a list of figures is no list of names
        if sum((a, b) in places for a, b in items) * 2 > len(items):
            continue  # 北京、上海等城市企业: mostly places
        known = _org_surfaces()
        if sum(_known_word(w) and w not in known for w in words) * 2 > len(words):
            continue  # 计量、标准、检测、认证等服务企业, 供水、供电、供气等企业: common words name kinds of work
        if len(items) == 1 and (len(words[0]) < 3 or _known_word(words[0], 200)):
            continue  # one member alone must look like a coined name (奇瑞汽车等企业), not a word
        kind = "Organization" if m.group("head") in _ORG_HEADS else "Enterprise"
        for a, b in items:
            cands.append((a, b, kind))


# ------------------------------------------------------------------ companies by their industry head

#: the industry word that ends a company's short name (海光信息, 合源生物, 麒麟软件, 启源芯动力).
_INDUSTRY_HEAD = re.compile(
    r"(?:信息|生物|软件|科技|动力|智能|电子|能源|新能源|材料|新材|医药|制药|药业|装备|股份|控股|半导体|储能|"
    r"光电|微电子|通信|机器人|数科|智造|重工|电气|电池|锂业|乳业|化纤|碳纤维|精密|航空|航天)$")
#: stems of sectors and technologies, not of companies (具身智能, 空天信息, 合成生物, 新型储能); most
#: are common words, these are the new ones a dictionary does not hold yet.
_SECTOR_STEM = re.compile(
    r"^(?:具身|类脑|空天|脑机|算力|智算|超算|元宇|区块|增材|储能|氢能|风电|光伏|锂电|钠电|固态|柔性|低空|商业|合成|量子|"
    r"数智|数实|智联|车联|网联|物联|星载|机载|海工|高端|先进|新型|前沿|未来|新兴|绿色|清洁|现代|智慧|智能|数字|海洋|"
    r"深海|深空|深地|卫星|宇航|遥感|时空|北斗|集成|工业|消费|医疗|生命|健康|新|高|大|小|微|光|电|核|氢|风|网)+")
#: what follows 等 after a list of sectors (量子信息、类脑智能等未来产业, …等领域): such a list names no company.
_SECTOR_CLOSER = re.compile(
    r"(?:[\d一二三四五六七八九十两]+[个大项类])?(?:[^，。；、]{0,4}?(?:产业|领域|赛道|方向|行业|业态|集群|技术|产品|专项|"
    r"经济|板块|环节|链条|方面|学科|专业)|新兴|未来|前沿|重点|关键|特色|优势|主导|支柱|战略性|新产品|新经济|绿色|加快布局)")


def _company_lists(doc: Doc, text: str, cands: list) -> None:
    """Companies by their short name in a list closed by 等 (华海清科、海光信息、安擎信息、合源生物等快速成长;
    温福高铁、衢州先导智能、追觅机器人等项目): a member is a company where a coined stem comes before an
    industry head, and at least two members have that form.  A list of sectors has the same heads
    (量子信息、类脑智能、合成生物等未来产业): its stems are sector words and 等 is followed by what
    kind of sector they are, so neither kind of list is read as companies."""
    for m in re.finditer(r"等", text):
        if _SECTOR_CLOSER.match(text, m.end()) or not _NAME_CH.match(text[m.start() - 1: m.start()] or " "):
            continue
        items = _items(doc, text, m.start(), maxitems=12)
        if len(items) < 2:
            continue
        firms = [(a, b) for a, b in items if _firm_like(text[a:b])]
        if len(firms) < 2 or len(firms) * 2 < len(items):
            continue
        known = {(a, b) for a, b, _ in cands}
        for a, b in firms:
            if (a, b) not in known:  # 衢州先导智能 read as a project of the list: that reading stays
                cands.append((a, b, "Enterprise"))


def _firm_like(w: str) -> bool:
    """Whether ``w`` reads as a company's short name: a coined stem of two or three characters
    (a place may come before it: 衢州先导智能) and an industry head."""
    h = _INDUSTRY_HEAD.search(w)
    if h is None or not 3 <= len(w) <= 8:
        return False
    stem = w[: h.start()]
    for n, (surface, kind, key, how) in _matcher().prefixes(stem):
        if kind == "AdministrativeRegion" and len(stem) - n >= 2:
            stem = stem[n:]  # 衢州|先导智能: the company after its place
            break
    return 2 <= len(stem) <= 3 and not _SECTOR_STEM.match(stem) and not _known_word(stem, 200) \
        and not _member_generic(w) and not re.search(r"[\d等个类批级和与及]", w)
