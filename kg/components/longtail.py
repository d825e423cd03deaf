"""Long-tail names found by their head: named projects, platforms, bases, groups, slogans and
other names the general patterns miss.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Doc

from kg import gazetteer as gz
from .dictionary import COMMON_FREQ, dictionary
from .common import _aligned, _bounds, CJK, CORE_OF, _INNER_VERB, _STOP, _within
from .naming import _CUT, _NAME_CH, _name_start, _VERB_END
from .gazetteer import _matcher
from .lines import _abbr_chars, _PROVINCE_ABBR


# ------------------------------------------------------------------ long-tail names by their head

#: a capacity, a phase or a works head that makes a …项目 a named project (25万吨煤基乙烯聚合物项目, …示范项目一期).
_CAPACITY = re.compile(r"\d+(?:\.\d+)?\s*(?:万|亿)?(?:吨|千瓦|千伏|兆瓦|吉瓦|瓦|立方米|标方|方|台|套|片|头|只|辆|平方米)(?:级)?")
_PROJECT_TAIL = re.compile(r"(?:示范|升级改造|改扩建|技术改造|技改|一体化|储能|制氢|煤制油|煤制气|煤制天然气|风电|光伏|抽水蓄能|"
                           r"压缩空气储能|电化学储能|光热|氢能|绿氢|综合利用|循环利用|产业化|扩能|迁建)$")
#: stems that make a project, platform, base or works a kind, not one (重点项目, 公共服务平台, 生产基地).
_KIND_STEM = re.compile(
    r"^(?:[\d一二三四五六七八九十两百千万亿多余]+(?:个|家|批|项|类|条|座|大|亿元|万元)?|首批|首个|首家|一批|新一批|各类|各级|"
    r"数智化|数智|智改数转|网络|算力|人工智能|大模型|"
    r"重点|重大|省列|省级|市级|县级|国家级|世界级|区域性|全国性|综合性|公共|公益性|专业化|市场化|一体化|数字化|智能化|网络化|"
    r"产业|工业|农业|服务|政务|政府|企业|融资|招商|投资|科技|技术|创新|研发|共性技术|中试|孵化|交易|信息|数据|在线|线上|"
    r"统一|综合|集成|开放|对外开放|合作|交流|高水平|高能级|高标准|新型|现代|特色|优质|示范|试点|标准化|规范化|"
    r"民生|社会|基础设施|城市|乡村|村级|县域|园区|全省|全市|全区|全国|国家|本地|境外|海外|国际|"
    r"生产|加工|物流|仓储|冷链|研究|教育|培训|实训|实践|实践教育|就业|创业|养老|托育|医疗|健康|体育|文化|旅游|"
    r"绿色|智能|智慧|数字|零碳|低碳|灯塔|卓越级|领航级|先进级|基础级|5G|标杆|未来)*$")
_GENERIC_WORKS = re.compile(r"^(?:新型|新能源|储能|煤电|火电|风电|光伏|绿电|电源|清洁能源|可再生能源|装机|发电|电力|以上|左右|级)*$")
_PLATFORM = re.compile(r"(?:公共服务|综合服务|服务|公共)平台")
_BASE = re.compile(r"基地")
#: verbs between the clause verb and a platform's name (组建运行|省…平台).
_PLATFORM_LEAD = re.compile(r"(?:运行|上线|搭建|建成|启用|试运行)+")
#: a platform as the subject of its own launch (游戏出海公共服务平台上线): one platform, named.
_PLATFORM_LAUNCHED = re.compile(r"(?:正式)?(?:试运行|上线|竣工|建成|投用|启用|揭牌|挂牌|开通|运行)")
#: a verb or aim inside a platform's stem: a description of platforms, not the name of one.
_CUT_WORD = re.compile(r"推动|推进|加快|建设|打造|支持|提升|促进|服务于|围绕")
_SPECIAL_CAMPAIGN = re.compile(r"(?:专项行动|百日(?:攻坚)?行动)")
_PAIR_PROGRAMME = re.compile(rf"((?:[{CJK}]{{2}}、)*[{CJK}]{{2}})(对口合作|东西部协作|对口协作)")
_PAIR_HEAD = re.compile(r"对口合作|东西部协作|对口协作")
_ZONE_PART_HEAD = re.compile("片区")
#: goal verbs that describe a campaign (优化营商环境专项行动): where the name rule cut a stem after one, the
#: stem is the campaign's object, not its name.
_CAMPAIGN_GOAL = re.compile(r"(?:优化|提升|强化|完善|深化|促进|加强|推进|推动)$")
#: 中 and one to three partners' one-character abbreviations, a theme and the centre's head.
_BILATERAL_CENTRE = re.compile(rf"中[日韩俄蒙美欧非拉阿德法英意巴印新马泰越老柬缅]{{1,3}}(?!班列)(?P<mid>[{CJK}]{{2,10}}?)"
                               r"(?:合作中心|创新中心|研究中心|研究院|实验室)")
#: a national centre of metrology or testing named by its field, with the province of a branch in brackets.
_NATIONAL_TESTING = re.compile(rf"国家(?P<field>[{CJK}]{{1,8}}?)(?:计量测试|检验检测|计量|检测|检验|质检)中心(?:（[{CJK}]{{2,4}}）)?")
#: stems of kinds of companies that a dictionary does not know as words (城投公司, 交投公司).
_COMPANY_KIND = re.compile(r"^(?:城投|城建|交投|文旅投|国投|产投|科投|平台|融资|资产|子|母|合资|独资|空壳|壳)")
_LOCAL_BANK = re.compile(r"农商行|城商行|农信社|农信联社|农村信用社")
_ADVANCED_STUDY = re.compile(r"高等(?:技术)?研究(?:院|所)")
_LAB_HEAD = re.compile("实验室")
_COORD_ZONE = re.compile(rf"((?:[{CJK}]{{2,5}}(?:、|和|与))+[{CJK}]{{2,5}})片区")
_COORD_LAB = re.compile(rf"((?:[{CJK}]{{2,4}}(?:、|和|及))+[{CJK}]{{2,4}})(?:等|[两二三四五六七八九十\d]+个)([{CJK}]{{0,3}}?)实验室")
#: slogans built on a place (美丽新宁夏, 现代化新重庆, 数字龙江, 新福建, 信用浙江, 平安四川, 法治江西).
_PLACE_SLOGAN = re.compile(r"现代化新|美丽新|数字|美丽|智游|信用|平安|法治|清廉|新(?=北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆)")
_SLOGAN_PREFIXES = ("现代化新", "美丽新", "数字", "美丽", "智游", "信用", "平安", "法治", "清廉", "新")
#: what follows a place slogan when it is the first part of another name (数字宁夏|研究院).
_NAME_HEAD_AFTER = re.compile(r"研究院|研究所|实验室|中心|公司|集团|大学|学院|平台|有限|号|杯|城|港|路|街|站|杂志|报|网")
#: a one-character country abbreviation after 对 (对俄务实合作, 对非贸易).
_COUNTRY_ABBR = {"俄": "俄罗斯", "美": "美国", "日": "日本", "韩": "韩国", "英": "英国", "法": "法国", "德": "德国", "非": "非洲"}
_COUNTRY_ABBR_RE = re.compile(r"对([俄美日韩英法德非])(?=合作|开放|贸易|出口|进口|投资|务实|入境|出境|经贸|交流|和|及|、)")


def _division_at(text: str, pos: int) -> tuple[int, str] | None:
    """(end, full name) of a province or prefecture named (in full or short) at ``pos``."""
    dv = gz.divisions()
    for n, (surface, kind, key, how) in _matcher().prefixes(text[pos: pos + 12]):
        if kind != "AdministrativeRegion":
            continue
        d = dv.by_name.get(key, [None])[0]
        if d is not None and d.level in ("province", "city"):
            return pos + n, d.name
    return None


def _longtail(doc: Doc, text: str, cands: list) -> None:
    """Named things of the long tail, each found by its head and read only where that head occurs:
    projects with a capacity, phase or works head; platforms, bases and lab coordinations; special
    campaigns; paired-province programmes; place slogans; coordinated zone lists and free-trade zone
    parts; centres and institutes the body rule cuts short; companies by a coined name;
    countries written with one character after 对; and designations, belts, listed phases and
    events named by their stem (``_designations``)."""
    starts = _bounds(doc)[0]
    hints = doc.user_data.setdefault("kg_canonical", {})
    places = [(a, b) for a, b, k in cands if k in ("AdministrativeRegion", "Country", "Region", "Place")]
    place_starts = sorted({a for a, b in places})
    place_spans = set(places)

    def place_in(s: int, e: int, within: int = 5) -> bool:
        i = bisect_right(place_starts, s - 1)
        return i < len(place_starts) and place_starts[i] < min(e, s + within)

    # …项目 with a capacity, a works head or a phase: 25万吨煤基乙烯聚合物项目, 300万吨CCUS碳利用示范项目一期
    for m in re.finditer(r"项目", text):
        e = m.end()
        ph = re.match(r"[一二三四五\d]期", text[e: e + 2])
        if ph:
            e += 2
        if not (ph or _PROJECT_TAIL.search(text[max(0, m.start() - 6): m.start()])
                or _CAPACITY.search(text, max(0, m.start() - 22), m.start())):
            continue  # most 项目 are kinds (重点项目): the cheap test first
        s = _name_start(doc, text, m.start(), 22)
        stem = text[s: m.start()]
        if len(stem) < 4 or s not in starts or _KIND_STEM.match(stem) or _INNER_VERB.search(stem):
            continue
        cap = _CAPACITY.search(stem)
        if cap and cap.start() > 0 and not re.match(r"(?:年产|年处理|年加工|年)$", stem[: cap.start()]) \
                and not place_in(s, m.start(), 8):
            s += cap.start()  # …投资|25万吨…项目: the name opens at the capacity
        named = (cap and len(re.findall(rf"[{CJK}A-Z]", stem[cap.end():])) >= 3 and not _GENERIC_WORKS.match(stem[cap.end():])) \
            or (_PROJECT_TAIL.search(stem) and place_in(s, m.start())) or (ph and place_in(s, m.start()))
        if named and not re.search(r"[等个批类]", text[s: m.start()]):
            cands.append((s, e, "Project"))
    # 生产线, 数据中心, 工厂 named after a place or company (福建算力服务器生产线, 蒙牛宁夏全数智化工厂)
    for m in re.finditer(r"生产线|数据中心(?!集群)|工厂", text):
        s = _name_start(doc, text, m.start(), 14)
        stem = text[s: m.start()]
        if len(stem) < 3 or s not in starts or _KIND_STEM.match(stem) or re.search(r"级|[等个批类家条]|^\d", stem):
            continue
        if place_in(s, m.start(), 5) and not _KIND_STEM.match(re.sub(rf"^[{CJK}]{{0,3}}?(?:{'|'.join(_PROVINCE_SHORTS)})", "", stem) or "x"):
            cands.append((s, m.end(), "Project"))
    # platforms: …服务平台, …公共平台, 国家…平台
    for m in re.finditer(r"平台", text):
        s = _name_start(doc, text, m.start(), 18)
        lead = _PLATFORM_LEAD.match(text, s, m.start())
        if lead:
            s = lead.end()  # 组建运行|省新质生产力投资平台
        head = _PLATFORM.search(text, max(s, m.start() - 4), m.end())
        stem = text[s: m.start()]
        core = re.sub(r"^国家", "", stem)
        if len(stem) < 4 or s not in starts or re.search(r"[等个批类家级]", core) or _KIND_STEM.match(stem):
            continue
        core_stem = text[s: head.start()] if head else core
        if _KIND_STEM.match(re.sub(r"^国家", "", core_stem)) or len(core_stem) < 2:
            continue
        if stem.startswith(("中国—", "中国-")) and "中心" in stem:
            continue  # 中国—东盟水果交易中心|线上交易平台: a service of the centre, named with it
        if stem.startswith(("国家", "省", "中国—", "中国-")) or place_in(s, m.start(), 1) \
                or head and _PLATFORM_LAUNCHED.match(text, m.end()) and len(core_stem) >= 4 and not _CUT_WORD.search(stem) \
                and (s == 0 or text[s - 1] in "，。；、\n"):  # the subject of its clause
            # an investment or financing platform is a company (省新质生产力投资平台)
            cands.append((s, m.end(), "Organization" if re.search(r"(?:投资|融资|投融资|运营)$", stem) else "Project"))
    longer: dict[int, int] = {}  # start → furthest end of the projects and places found so far
    for a, b, k in cands:
        if CORE_OF.get(k) in ("Project", "Place") and b > longer.get(a, -1):
            longer[a] = b
    # bases: a place before the name (北京百度智能云数据产业基地, 漳州国家骨干冷链物流基地) or a coined
    # two- or three-character name (宁东基地, 南繁基地)
    for m in _BASE.finditer(text):
        s = _name_start(doc, text, m.start(), 16)
        stem = text[s: m.start()]
        if len(stem) < 2 or s not in starts or re.search(r"[等个批类家级\d一二两三四五六七八九十]", stem) or _KIND_STEM.match(stem):
            continue
        if longer.get(s, -1) > m.end() or any(longer.get(x, -1) > m.end() for x in range(max(0, s - 6), s)):
            continue  # 日照钢铁精品基地|配套码头: the first part of a longer name
        if place_in(s, m.start(), 1):
            rest = stem
            for n, _ in _matcher().prefixes(stem):
                rest = stem[n:]
                break
            if rest and _KIND_STEM.match(rest) and len(rest) <= 2:
                continue
            cands.append((s, m.end(), "Project"))
        elif 2 <= len(stem) <= 3 and _aligned(doc, s, m.start()) and not _known_word(stem) \
                and (s == 0 or not _NAME_CH.match(text[s - 1])):
            cands.append((s, m.end(), "Project"))
    # special campaigns: …专项行动, 百日行动
    for m in _SPECIAL_CAMPAIGN.finditer(text):
        if text[m.start() - 1: m.start()] == "”":
            continue
        s = _name_start(doc, text, m.start(), 18, quotes=True)
        stem = text[s: m.start()]
        if s not in starts or len(stem) < (2 if m.group().startswith("百日") else 4) or _KIND_STEM.match(stem) \
                or re.search(r"[等个批类]|系列|一系列|^\d|[上中下里]$", stem) or text[s - 1: s] in ("和", "与", "及", "、"):
            continue
        if _CAMPAIGN_GOAL.search(text, max(0, s - 4), s) and not re.match(r"[“\d]", stem):
            continue  # 优化|营商环境专项行动: a campaign described by its goal, cut at the verb, is no name
        cands.append((s, m.end(), "Campaign"))
    # paired-province programmes: 龙粤、深哈对口合作, 粤桂东西部协作
    abbr = _abbr_chars()
    for m in _within(doc, text, _PAIR_PROGRAMME, _PAIR_HEAD, CJK + "、"):
        items = [(m.start(1) + it.start(), m.start(1) + it.end()) for it in re.finditer(rf"[{CJK}]{{2}}", m.group(1))]
        if not all(text[a] in abbr and text[a + 1] in abbr and a in starts and not set(text[a:b]) & set("和与及") for a, b in items):
            continue
        a0 = items[0][0]
        if a0 > 0 and _NAME_CH.match(text[a0 - 1]) and text[a0 - 1] not in _STOP and not _VERB_END.search(text, max(0, a0 - 4), a0):
            continue  # 对口援青|和东西部协作
        if any(_known_word(text[a:b]) and text[a:b] not in ("粤桂",) for a, b in items[:1]) and len(items) == 1 \
                and not all(c in _PROVINCE_ABBR for c in text[items[0][0]: items[0][1]]):
            continue
        for i, (a, b) in enumerate(items):
            e = m.end() if i == len(items) - 1 else b
            if i < len(items) - 1:
                hints[(a, e)] = text[a:b] + m.group(2)
            cands.append((a, e, "Strategy"))
    # coordinated zones: 哈尔滨、绥芬河片区 → 哈尔滨片区, 绥芬河片区 (each member a place)
    for m in _within(doc, text, _COORD_ZONE, _ZONE_PART_HEAD, CJK + "、"):
        items = [(m.start(1) + it.start(), m.start(1) + it.end()) for it in re.finditer(r"[^、和与]+", m.group(1))]
        items[0] = (_name_start(doc, text, items[0][1], 5), items[0][1])  # 推动|哈尔滨、黑河片区
        if not all((a, b) in place_spans or _ftz_part(text, a, b) for a, b in items):
            continue
        for i, (a, b) in enumerate(items[:-1]):
            hints[(a, b)] = text[a:b] + "片区"
            cands.append((a, b, "Zone"))
        if items[-1] not in place_spans:  # 绥芬河片区: the place rules leave a county's short form alone
            cands.append((items[-1][0], m.end(), "Zone"))
    _ftz_parts(doc, text, cands, place_spans)
    _named_centres(doc, text, cands)
    _companies(doc, text, cands)
    # coordinated labs: 六盘山和贺兰山两个实验室, 嵩山、神农等实验室, 金凤、嘉陵江、明月湖3个重庆实验室
    for m in _within(doc, text, _COORD_LAB, _LAB_HEAD, CJK + "、0-9"):
        items = [(m.start(1) + it.start(), m.start(1) + it.end()) for it in re.finditer(r"[^、和及]+", m.group(1))]
        first = _name_start(doc, text, items[0][1], 4)
        items[0] = (first, items[0][1])
        if not all(b - a >= 2 and a in starts and not _KIND_STEM.match(text[a:b]) and not _known_word(text[a:b], 2000)
                   for a, b in items):
            continue
        mid = "国家" if m.group(2) == "国家" else ""
        for a, b in items:
            hints[(a, b)] = text[a:b] + mid + "实验室"
            cands.append((a, b, "Organization"))
    # place slogans: 美丽新宁夏, 现代化新重庆, 数字龙江, 新福建
    for m in _PLACE_SLOGAN.finditer(text):
        if m.start() not in starts or text[m.start() - 1: m.start()] == "《":  # 《美丽新疆》 is a show's title
            continue
        for pre in _SLOGAN_PREFIXES:
            if not text.startswith(pre, m.start()):
                continue
            hit = _division_at(text, m.start() + len(pre))
            if hit is None:
                continue
            end, name = hit
            if pre == "新" and not gz.divisions().by_name[name][0].level == "province":
                break
            if end not in _bounds(doc)[1] and not re.match(r"[省市]", text[end: end + 1]):
                break
            if _NAME_HEAD_AFTER.match(text, end):
                break
            cands.append((m.start(), end, "Strategy"))
            break
    # groups known by a short name: 北大荒集团, 金川集团, 中国长安汽车集团, 省工业控股集团 (the host province's)
    for m in re.finditer(r"集团", text):
        end = m.end()
        tail = re.match(r"(?:股份)?(?:有限)?公司", text[end: end + 6])
        if tail:
            end += tail.end()
        s = _name_start(doc, text, m.start(), 12)
        i = text.find("中国", s, m.start())
        if i > s:
            s = i
        stem = text[s: m.start()]
        if not 2 <= len(stem) <= 10 or s not in starts or _KIND_STEM.match(stem) or _GROUP_GENERIC.search(stem) \
                or re.search(r"[\d等个批类家级]", stem) or (len(stem) == 2 and _known_word(stem, 50)):
            continue
        cands.append((s, end, "Enterprise"))
    # 对俄务实合作: the country by its one-character abbreviation
    for m in _COUNTRY_ABBR_RE.finditer(text):
        hints[(m.start(1), m.end(1))] = _COUNTRY_ABBR[m.group(1)]
        cands.append((m.start(1), m.end(1), "Region" if m.group(1) == "非" else "Country"))
    _designations(doc, text, cands)


#: kinds of groups, not one group (城市医疗集团, 义务教育集团, 企业集团).
_GROUP_GENERIC = re.compile(r"(?:医疗|教育|健康|医共|医联|企业|跨市域|紧密型|城市|大型|综合性|现代|物流|龙头|骨干|一流|头部|链主|央企|"
                            r"国企|民营|上市|跨国|国有|专业|产业|办学|名校|职教|总医院|医院|学校|文化|金融|投资|贸易|外贸)$|"
                            r"^(?:新|该|各|本|其|大|多|省属|市属|区属|县属|中央|地方|国有|民营|一批|骨干|龙头|优势|重点|世界一流)")
_PROVINCE_SHORTS = ("北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建",
                    "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏",
                    "陕西", "甘肃", "青海", "宁夏", "新疆")


def _ftz_parts(doc: Doc, text: str, cands: list, place_spans: set) -> None:
    """One part of a free-trade zone named by a county's short form (自贸试验区…，绥芬河片区)."""
    starts = _bounds(doc)[0]
    for m in _ZONE_PART_HEAD.finditer(text):
        for n in (3, 2, 4):
            a = m.start() - n
            if a >= 0 and a in starts and _ftz_part(text, a, m.start()) and (a, m.start()) not in place_spans:
                cands.append((a, m.end(), "Zone"))
                break


def _named_centres(doc: Doc, text: str, cands: list) -> None:
    """Centres and institutes whose names the body rule cuts short: national metrology centres
    (国家碳计量中心（辽宁）), centres of China and its partners (中日韩创新合作中心, 中拉可持续粮食创新中心:
    持续 reads as a verb), institutes for advanced study (安徽高等研究院: 等 ends a name) and
    institutes of two fields joined by 与 (重庆信息与智慧医学研究院)."""
    starts = _bounds(doc)[0]
    for m in _NATIONAL_TESTING.finditer(text):
        if m.start() in starts and not _KIND_STEM.match(m.group("field")) and not _INNER_VERB.search(m.group("field")):
            cands.append((m.start(), m.end(), "Organization"))
    for m in _BILATERAL_CENTRE.finditer(text):
        a = m.start()
        if a in starts and (a == 0 or not _NAME_CH.match(text[a - 1]) or _VERB_END.search(text, max(0, a - 4), a)) \
                and not _INNER_VERB.search(m.group("mid")):
            cands.append((a, m.end(), "Organization"))
    for m in _ADVANCED_STUDY.finditer(text):
        s = m.start()
        if text[s - 1: s] == "省":  # the host province's
            s -= 1
        else:
            s = _name_start(doc, text, s, 10)
            core = s + 3 if text.startswith("教育部", s) else s
            hit = _division_at(text, core)
            if s not in starts or core == m.start() or hit is None or hit[0] != m.start():
                continue
        cands.append((s, m.end(), "Organization"))
    place_starts = {a for a, b, k in cands if CORE_OF.get(k) == "Place"}
    for a, b, k in [c for c in cands if c[2] == "Organization" and c[0] > 2 and text[c[0] - 1] == "与"]:
        s = _name_start(doc, text, a - 1, 8)
        s = next((p for p in range(s, a - 2) if p in starts and _division_at(text, p)), s)  # 增强|重庆信息与…
        hit = _division_at(text, s)
        left = text[hit[0]: a - 1] if hit else ""
        if hit is None or s not in starts or not 1 <= len(left) <= 4 or a in place_starts \
                or re.search(r"[院所室局委司厅校]|中心|大学|公司|集团", left) or _INNER_VERB.search(left):
            continue  # 中原农谷与|崖州湾国家实验室: two names
        cands.append((s, b, "Organization"))


def _companies(doc: Doc, text: str, cands: list) -> None:
    """Companies by a coined name before 公司 (吉翼具身智能机器人公司, 天焦公司; a name that opens with a
    common word is a kind: 上市公司, 平台公司), and local banks by their short kind after a province or
    city (吉林农商行)."""
    starts = _bounds(doc)[0]
    for m in re.finditer(r"(?<![有限集团])公司", text):
        s = _name_start(doc, text, m.start(), 12)
        stem = text[s: m.start()]
        if 2 <= len(stem) <= 10 and s in starts and not _known_word(stem[:2], 50) and not _known_word(stem, 50) \
                and not re.search(r"[\d等个家级类批]|[A-Za-z+＋]", stem) and not _KIND_STEM.match(stem) \
                and not _GROUP_GENERIC.search(stem) and not _COMPANY_KIND.match(stem):
            cands.append((s, m.end(), "Enterprise"))
    for m in _LOCAL_BANK.finditer(text):
        for p in range(max(0, m.start() - 8), m.start() - 1):
            hit = _division_at(text, p)
            if p in starts and hit is not None and hit[0] == m.start():
                cands.append((p, m.end(), "Enterprise"))
                break


def _ftz_part(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] is a city or county named by its short form in a sentence about a free-trade
    zone (自贸试验区…绥芬河片区): the zone's parts are named after their city, even a county-level one
    that the place rules only read in full."""
    return text[a:b] in gz.divisions().by_short and bool(re.search(r"自贸|自由贸易", text[max(0, a - 40): a]))


def _known_word(w: str, threshold: int = COMMON_FREQ) -> bool:
    """Whether jieba's own dictionary knows ``w`` as a common word (中试, 生产): not a coined name."""
    return dictionary().frequency(w) >= threshold


# ------------------------------------------------------------------ designations, belts, phases, named events

#: well-known one-character abbreviations of cities that are not the first character of their name (甬, 榕, 蓉).
_CITY_ABBR = frozenset("甬榕蓉穗邕筑鹭鹏")
#: the stem of a national designation …高地: a national industry (国家清洁能源产业高地) or an opening direction
#: (向北开放新高地); a stem with a verb or a bare 新高地 describes an aim, not a designation.
_HIGHLAND = re.compile(rf"(?:国家(?P<ind>[{CJK}]{{2,8}}?)产业|向[东西南北]开放(?:新|战略)?)$")
#: regions named by a compass point or a river, which open a belt's name (东北海陆大通道, 沿江创新发展带, 江淮生态经济区).
_REGION_STEM = re.compile(r"(?:东北|西北|西南|东南|华北|华东|华南|华中|江淮|沿江|沿海|沿边|沿黄|沿淮|沿线)")
#: China and a partner by their one-character abbreviations, which open a pilot's or a meeting's name
#: (中新数字贸易合作试点, 中新双边合作机制会议) as place abbreviations do (福厦泉, 杭甬温, 哈大齐绥).
_PARTNER = re.compile(r"中[新俄日韩美欧非德法英蒙哈老越柬缅泰马印巴阿]")
#: a project's phase named in a list of projects (开工招远一期、…; 海阳三期、莱阳一期等核电项目).
_PHASE_NUM = frozenset("一二三四五六")
_PHASE_LIST = re.compile(r"(?:、|等[^，。；]{0,16}(?:项目|工程))")
_PHASE_VERB = re.compile(r"(?:开工|新开工|建成|投产|投运|获批|推进|加快|核准|争取获批|开工建设)$")


class _Hit(NamedTuple):
    """One occurrence of a head, read like a regex match."""
    a: int
    b: int
    word: str

    def start(self) -> int:
        return self.a

    def end(self) -> int:
        return self.b

    def group(self) -> str:
        return self.word


def _hits(text: str, key: str, heads: tuple[str, ...]) -> list[_Hit]:
    """The heads (longest first) that end with ``key``, found by ``str.find`` of the key: an alternation
    of heads costs a regex pass of several milliseconds over a report, a short literal a fraction."""
    out = []
    i = text.find(key)
    while i >= 0:
        e = i + len(key)
        h = next((h for h in heads if text.startswith(h, e - len(h))), None)
        if h is not None:
            out.append(_Hit(e - len(h), e, h))
        i = text.find(key, e)
    return out


@lru_cache(maxsize=1)
def _strategy_names() -> frozenset[str]:
    """Names and aliases of the national strategies of the gazetteer."""
    return frozenset(n for e in gz.strategies() for n in (e.name, *e.aliases))


@lru_cache(maxsize=1)
def _name_abbr_chars() -> frozenset[str]:
    """Characters that abbreviate a place in a programme's name."""
    return _abbr_chars() | _CITY_ABBR


@lru_cache(maxsize=1)
def _strategy_tails() -> dict[str, tuple[str, ...]]:
    """The gazetteer's strategy names by their last two characters, to test a stem before a head at once."""
    out: dict[str, tuple[str, ...]] = {}
    for n in _strategy_names():
        out[n[-2:]] = out.get(n[-2:], ()) + (n,)
    return out


def _abbr_run(text: str, s: int, lo: int = 2, hi: int = 4) -> int:
    """Length of the run of place abbreviations that opens the name at ``s`` (福厦泉, 哈大齐绥), 0 where
    the run is an ordinary word or a place (江西 is a province, not 江 and 西) or holds a compass point
    (东中西 lists directions)."""
    abbr = _name_abbr_chars()
    n = 0
    while s + n < len(text) and n < hi and text[s + n] in abbr:
        n += 1
    for k in range(n, lo - 1, -1):
        w = text[s: s + k]
        if not _known_word(w, 5) and all(ln != k for ln, _ in _matcher().prefixes(w)) and not set(w) & set("东西南北中"):
            return k
    return 0


def _past_factor(doc: Doc, text: str, s: int) -> int:
    """A name start carried left over 要素 (福厦泉|要素市场化…, 国家数据|要素…): 要 is a stop character,
    but 要素 is a noun that names are made of."""
    if text[s - 2: s] == "要素" and s > 2 and _NAME_CH.match(text[s - 3]) and text[s - 3] not in _STOP:
        return _name_start(doc, text, s - 2, 8)
    return s


def _theme_ok(theme: str, lo: int = 2) -> bool:
    """A theme between a place and a head: no verb, no count, no stop character."""
    return len(theme) >= lo and not set(theme) & _STOP and not _INNER_VERB.search(theme) \
        and not re.search(r"[\d等个批类级]", theme)


def _designations(doc: Doc, text: str, cands: list) -> None:
    """National designations and regional programmes named by their stem, each read only where its
    head occurs: …高地 of a national industry or an opening direction; pilots and corridors named by
    place abbreviations or by China and a partner; 先行区/示范区 named by a national strategy (美丽中国先行区
    is a designation, not a zone); plans named with a place; project phases in a list; leagues,
    history exhibitions and meetings of a bilateral mechanism; national zones whose theme holds a noun
    the name rules cut (要素, 可持续)."""
    starts = _bounds(doc)[0]
    places = _Places(cands)
    _highlands(doc, text, cands, starts)
    _abbr_pilots(doc, text, cands, starts)
    _belts(doc, text, cands, starts)
    _strategy_zones(text, cands, starts)
    _place_plans(doc, text, cands, starts, places)
    _listed_phases(doc, text, cands, starts)
    _named_events(doc, text, cands, starts, places)
    _noun_zones(doc, text, cands, starts)


class _Places:
    """The places found so far, indexed by end and by start, built on first use: most reports hold a head
    only where no rule needs them, and a pass over the candidates costs more than the heads' search."""

    def __init__(self, cands: list) -> None:
        self._cands = cands
        self._ends: dict[int, int] | None = None
        self._starts: dict[int, int] = {}

    def _build(self) -> None:
        self._ends = {}
        for a, b, k in self._cands:
            if CORE_OF.get(k) == "Place":
                self._ends[b] = a
                self._starts[a] = max(b, self._starts.get(a, 0))

    def start_of(self, end: int) -> int | None:
        """Start of a place that ends at ``end``."""
        if self._ends is None:
            self._build()
        return self._ends.get(end)

    def end_of(self, start: int) -> int | None:
        """End of the longest place that starts at ``start``."""
        if self._ends is None:
            self._build()
        return self._starts.get(start)

    def within(self, a: int, b: int) -> bool:
        """Whether a place lies inside [a, b)."""
        if self._ends is None:
            self._build()
        return any(a <= s and e <= b for e, s in self._ends.items() if a < e <= b)


def _highlands(doc: Doc, text: str, cands: list, starts: set) -> None:
    """国家…产业高地 and 向北开放新高地: designations; 打造…高地 with a verb or a generic stem is an aim."""
    for m in re.finditer("高地", text):
        h = _HIGHLAND.search(text, max(0, m.start() - 12), m.start())
        if h is None or h.start() not in starts:
            continue
        if h.group("ind") and (not _theme_ok(h.group("ind")) or _CUT.search(h.group("ind"))):
            continue
        if h.start() > 0 and _NAME_CH.match(text[h.start() - 1]) and not _VERB_END.search(text, max(0, h.start() - 4), h.start()):
            continue  # 南向西|向开放…: the stem goes on to the left
        cands.append((h.start(), m.end(), "Strategy"))


def _abbr_pilots(doc: Doc, text: str, cands: list, starts: set) -> None:
    """Pilots named by their places (福厦泉…综合改革试点) or partners (中新数字贸易合作试点); without them
    the pilot is a kind that many places run."""
    for m in _hits(text, "试点", ("综合改革试点", "合作试点")) + _hits(text, "试验区", ("改革试验区",)):
        s = _name_start(doc, text, m.start(), 20)
        s = _past_factor(doc, text, s)
        if s not in starts:
            continue
        n = 2 if _PARTNER.match(text, s) else _abbr_run(text, s, 3, 4)
        if not n and text[s - 1: s] != "、":  # 南宁、北海、贵港|国家产融合作试点: places sharing a kind of pilot
            n = max((b - a for a, b, k in cands if a == s and CORE_OF.get(k) == "Place"), default=0)
        theme = text[s + n: m.start()].replace("要素", "素")
        if not n or not _theme_ok(theme, 4) or _CUT.search(theme):
            continue
        cands.append((s, m.end(), "Policy"))


def _belts(doc: Doc, text: str, cands: list, starts: set) -> None:
    """Belts and corridors named by a region or place abbreviations (沈大经济走廊, 沿江创新发展带); the
    regional rule keeps its own reading of a span it found (长江经济带 is a region)."""
    heads = _hits(text, "带", ("发展带", "产业带")) + _hits(text, "走廊", ("经济走廊",)) \
        + _hits(text, "通道", ("大通道",)) + _hits(text, "济区", ("生态经济区",))
    for m in heads:
        s = _name_start(doc, text, m.start(), 12)
        if s not in starts:
            continue
        r = _REGION_STEM.match(text, s)
        n = r.end() - s if r else _abbr_run(text, s, 2, 4)
        theme = text[s + n: m.start()]
        if not n or len(theme) > 6 or theme and not _theme_ok(theme) or _CUT.search(theme) \
                or any(c[0] == s and c[1] == m.end() for c in cands):
            continue
        if not theme and m.group() in ("发展带", "大通道"):
            continue  # 东北大通道: a head without a theme is too bare to be sure
        cands.append((s, m.end(), "Strategy"))


_LEVEL_BEFORE = re.compile(r"(?:国家|国家级|省级|市级|全国|首批|一批|批)$")


def _strategy_zones(text: str, cands: list, starts: set) -> None:
    """A 先行区 or 示范区 named by a national strategy (美丽中国先行区, 黄河流域生态保护和高质量发展先行区) is a
    designation the strategy gives, typed Strategy rather than Zone."""
    by_tail = _strategy_tails()
    for m in _hits(text, "先行区", ("先行区",)) + _hits(text, "示范区", ("示范区",)):
        names = by_tail.get(text[max(0, m.start() - 2): m.start()], ())
        a = min((m.start() - len(n) for n in names if text.endswith(n, 0, m.start())), default=None)  # the longest name
        if a is None or a not in starts or _LEVEL_BEFORE.search(text, max(0, a - 4), a):
            continue  # 国家|乡村振兴示范区: a level before it makes the designation a kind
        cands[:] = [c for c in cands if not (c[0] == a and c[1] == m.end() and CORE_OF.get(c[2]) == "Place")]
        cands.append((a, m.end(), "Strategy"))


def _place_plans(doc: Doc, text: str, cands: list, starts: set, places: _Places) -> None:
    """Spatial plans and action plans whose name opens with a place (重庆市国土空间总体规划,
    苏南五市两年行动方案): a plan without its place (全市国土空间总体规划) is a kind."""
    for m in _hits(text, "规划", ("国土空间总体规划", "国土空间规划")) + _hits(text, "方案", ("行动方案",)):
        s = _name_start(doc, text, m.start(), 20)
        if s not in starts or s == m.start():
            continue
        b = places.end_of(s)
        if b is None or b > m.start():
            continue
        theme = text[b: m.start()]
        if theme and not _theme_ok(theme.replace("两年", "").replace("三年", ""), 0) or _CUT.search(theme):
            continue
        cands.append((s, m.end(), "Plan"))


def _listed_phases(doc: Doc, text: str, cands: list, starts: set) -> None:
    """A proper stem and its phase in a list of projects (招远一期、…; 川州二期等…工程): the list makes
    the phase a project, where elsewhere 一期 may be a stage of anything."""
    for m in re.finditer("期", text):
        e = m.end()
        if not (m.start() and text[m.start() - 1] in _PHASE_NUM and _PHASE_LIST.match(text, e)):
            continue  # a phase outside a list (“三北”工程六期建设) is a stage of a programme
        s = _name_start(doc, text, m.start() - 1, 8)
        stem = text[s: m.start() - 1]
        if s not in starts or not 2 <= len(stem) <= 6 or _KIND_STEM.match(stem) or not _theme_ok(stem) \
                or _CUT.search(stem) or re.search(r"[\dA-Za-z]|[年月日届次轮批]", stem):
            continue
        prev = text[max(0, s - 1): s]
        listed = prev == "、" or _PHASE_VERB.search(text, max(0, s - 6), s) or text.startswith("等", e)
        if listed:
            cands.append((s, e, "Project"))


def _named_events(doc: Doc, text: str, cands: list, starts: set, places: _Places) -> None:
    """Leagues named by a place or a quoted coined stem (广西万村篮球赛, “浙BA”联赛), a province's history
    exhibition, a body's promotion of a place and a bilateral mechanism's meeting: heads the general
    event rule lacks or cuts (由 inside 自由贸易港 is a stop character)."""
    leagues = _hits(text, "赛", ("篮球赛", "足球赛", "联赛"))
    shows = [h for h in _hits(text, "史展", ("近现代史展", "革命史展", "发展史展", "历史展"))
             if text[h.b: h.b + 1] not in "览会馆厅区示现开出" or h.b == len(text)]  # 历史展|览馆: another word
    promotions, meetings = _hits(text, "推介活动", ("推介活动",)), _hits(text, "机制会议", ("合作机制会议",))
    if not (leagues or shows or promotions or meetings):
        return
    for m in leagues:
        if text[m.start() - 1: m.start()] == "”":  # “浙BA”联赛: a quoted coined stem
            o = text.rfind("“", max(0, m.start() - 10), m.start())
            if o >= 0 and re.fullmatch(r"[\u4e00-\u9fffA-Za-z]{2,6}", text[o + 1: m.start() - 1]):
                cands.append((o, m.end(), "Event"))
            continue
        s = _name_start(doc, text, m.start(), 10)
        stem = text[s: m.start()]
        if s in starts and 3 <= len(stem) <= 8 and places.end_of(s) is not None and _theme_ok(stem) \
                and not re.search(r"全国|全省", stem):
            cands.append((s, m.end(), "Event"))
    for m in shows:
        a = places.start_of(m.start())
        if a is not None:
            cands.append((a, m.end(), "Event"))
    bodies = [(a, b) for a, b, k in cands if k == "Department"] if promotions else []
    for m in promotions:  # 外交部海南自由贸易港全球推介活动: a body and a place name it
        body = next(((a, b) for a, b in bodies if 4 <= m.start() - b <= 16 and re.fullmatch(rf"[{CJK}]+", text[b: m.start()])
                     and (a == 0 or not _NAME_CH.match(text[a - 1]) or _VERB_END.search(text, max(0, a - 4), a))), None)
        if body is None or _CUT.search(text, body[1], m.start()) or _INNER_VERB.search(text, body[1], m.start()):
            continue
        if places.within(body[1], m.start()):
            cands.append((body[0], m.end(), "Event"))
    for m in meetings:
        s = _name_start(doc, text, m.start(), 12)
        if s in starts and _PARTNER.match(text, s) and _theme_ok(text[s + 2: m.start()], 0):
            cands.append((s, m.end(), "Event"))


#: nouns that the name rules read as a stop or a verb (要 of 要素, 持续 of 可持续): a national zone's theme holds them.
_CUT_NOUNS = ("要素", "可持续")
_ZONE_AFTER_NOUN = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:试验区|示范区|先行区)")


def _noun_zones(doc: Doc, text: str, cands: list, starts: set) -> None:
    """National zones whose theme holds 要素 or 可持续 (国家数据要素综合试验区, 海南州国家可持续发展议程创新示范区),
    which the zone rule cuts at 要 or 持续: the name runs from 国家 (and the place before it), and a zone the
    cut left starting inside it is a fragment of it."""
    for noun in _CUT_NOUNS:
        for h in _hits(text, noun, (noun,)):
            z = _ZONE_AFTER_NOUN.match(text, h.b)
            s = text.rfind("国家", max(0, h.a - 6), h.a + 1)
            if z is None or s < 0 or s not in starts or not _theme_ok(text[s + 2: h.a], 0) \
                    or not _theme_ok(text[h.b: z.end()], 3) or _CUT.search(text, h.b, z.end()):
                continue
            if s > 0 and _NAME_CH.match(text[s - 1]):  # 海南州|国家…: the place that hosts the zone
                s = next((a for a, b, k in cands if b == s and CORE_OF.get(k) == "Place"), s)
            e = z.end()
            cands[:] = [c for c in cands if not (s < c[0] < e < c[1] and CORE_OF.get(c[2]) == "Place")]
            cands.append((s, e, "Zone"))
