"""Regexes and helpers shared by the components that find names by their head: clause
openers and verbs that bound a name on the left, event, body, zone and facility heads, and
the helpers that find where such a name starts.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc

from .common import _bounds, CJK, _idx_len, _FACILITY_SUFFIX, _INFRA_SUFFIX, NUM, _STOP


# ------------------------------------------------------------------ named events, bodies, listed projects

#: characters a name may hold besides CJK (厦漳泉R1线, 京东方第8.6代线, 2030先锋工程).
_NAME_CH = re.compile(rf"[{CJK}0-9A-Za-z.·—-]")
#: verbs and adverbs that open a clause before a name (成功举办|第八届数字中国建设峰会).
_LEAD = re.compile(
    r"^(?:成功|精心|务实|高水平|圆满|连续|首次|正式|共同|积极|全力|加快|推动|推进|实施|建设|建成|新建|开工|启动|"
    r"举办|举行|召开|承办|主办|筹办|办好|办成|参加|出席|组织|开展|扎实开展|深入开展|成立|设立|组建|挂牌|揭牌|落地|落实|获得|获|"
    r"聚力|建设好|建好|抓好|管好|守好|护好|擦亮|改造|"
    r"引进|发挥|支持|依托|获批|获批建设|入选|打造|做强|做优|用好|上线|上线运行|落户|新增|培育|包括|其中|如|以|在|是|"
    r"首座|首个|首家|首条|首台|首艘|首批|[0-9A-Z]+级)+")
#: verbs that cannot be inside a name: a name found by its head starts after the last of them.
_CUT = re.compile(
    r"举办|举行|召开|承办|筹办|办好|创建|共建|牵头|联动|力争|抓住|促进|完成|提升|加强|一批|成功|推动|支持|加快|推进|实施|"
    r"新建|开工|建成|启动|获批|入选|打造|依托|发挥|组建|成立|设立|引进|落户|用好|做强|做优|上线|培育|新增|围绕|聚焦|参与|"
    r"参加|出席|携手|深化|拓展|扩大|强化|优化|完善|健全|布局|谋划|争创|争取|申报|迎接|高质量|高标准|高水平|确保|实现|建立|"
    r"加速建设|承接建设|筹建|设置|释放|更名为|更名|探索|资助|改造|规划建设|修订|出台|提高|融入|构建|投用|力促|见证|体现|"
    r"形成|开展|积极|大力|全力|着力|持续|加大|鼓励|引导|吸引|带动|服务于|对接|斩获|获得|荣获|夺得|提请|进入|加紧|周边|建强|到|亮相|搭建|开通运行|落地|引入|"
    r"深入落实|贯彻落实|落实|深入|备战|迎战|放大|做好|高效建设|提速|入列")
#: the head of a campaign year (…攻坚年, …突破年, 大抓落实年), with the 行动/活动 that may follow it.
_CAMPAIGN_YEAR = re.compile(r"(?:突破|提升|攻坚|推进|建设|落实|质量|服务|效能|招商|转型|争先|作风|发展|促进|奋进|深化|"
                            r"创新|改革|优化|巩固|振兴|攻坚突破|能力提升)年(?![度内轻均底初末份代以前后里来])"
                            r"(?P<act>(?:系列|专项)?(?:行动|活动))?")
#: a verb or clause opener that ends right before a position.
_VERB_END = re.compile(rf"(?:{_CUT.pattern}|{_LEAD.pattern[1:-1]})$")
_EVENT_SUFFIX = ("博览会|交易会|洽谈会|推介会|交流会|对接会|峰会|论坛|大会|运动会|艺术节|文化节|旅游节|电影节|"
                 "音乐节|大赛|联赛|锦标赛|演唱会|马拉松|文化大集|电子展|装备展|航展|车展|主场活动|推介活动|联合科考|"
                 "现场会|高官会|极限赛|挑战赛")
_EVENT = re.compile(rf"(?:{_EVENT_SUFFIX})(?!事|项目)")
#: the suffix alone or after these words names a kind of event, not one (表彰大会, 代表大会).
_EVENT_GENERIC = re.compile(
    r"^(?:第[一二三四五六七八九十百\d]+届|首届|全国|全省|全市|全区|省|市|国际|国家|年度|重要|重大|系列|各类|各种|"
    r"代表|职工代表|动员|表彰|誓师|推进|总结|部署|座谈|报告|工作|全体|纪念|庆祝|招商|经贸|专题|现场|"
    r"高峰|分|主|大|小|体育|文艺|会|的|和|等|场|次|项|个|多|余|重点|推介|主场|"
    r"科技|文化|旅游|文旅|农业|产业|投资|贸易|消费|人才|就业|创新|创业|数字|经济|发展|交流|合作|对接|促消费)*$")
#: the national and regional games are named by their level alone (第十五届全国运动会, 全国冬季运动会).
_GAMES_STEM = re.compile(r"^(?:第[一二三四五六七八九十百\d]+届)?(?:全国|世界|亚洲|自治区|全区|全省)(?:第[一二三四五六七八九十百\d]+届)?(?:冬季|夏季|少数民族传统体育|学生|青年|残疾人|大学生|中学生)?$")
#: a province's own yearly event named without the province (省旅游发展大会): the host province holds it.
_PROVINCE_EVENT = re.compile(r"^省(?!.*(?:代表|动员|表彰|誓师|推进|总结|部署|座谈|报告|工作|全体|纪念|庆祝|专题|现场|委|政府))[\u4e00-\u9fff]{3,10}$")
#: short forms of national and regional expos and games (进博会, 西博会, 投洽会, 世运会).
_EVENT_SHORT = re.compile(rf"[{CJK}](?:博会|洽会|交会|贸会|运会|冬会|残会)")
_EVENT_SHORT_HEAD = re.compile(r"博会|洽会|交会|贸会|运会|冬会|残会")
_BODY_SUFFIX = ("研究院|科学院|研究所|分院|实验室|创新中心|促进中心|转化中心|研究中心|技术中心|科学中心|母基金|基金|"
                "大学|学院|校区|合作中心|交易中心|集结中心")
#: names with these heads are bodies (a university is an organisation, not a facility).
_ORG_HEAD = re.compile(r"(?:大学|学院|校区)$")
_ORG_NAME = re.compile(rf"(?:{_BODY_SUFFIX})(?![{CJK}]?(?:院|所|室|金|局)|联盟|集群|体系|群|生|城|科技园|路|附属|校区)")
#: qualifiers that make an institute or fund a kind, not one (国家重点实验室, 省级企业技术中心).
_BODY_GENERIC = re.compile(
    r"^(?:国家|全国|中国|省|市|县|国家级|省级|市级|首批|新型|重点|技术|工程|工程技术|企业|企业技术|产业|产业技术|"
    r"制造业|科技|科技创新|创新|技术创新|协同创新|研发|研究|博士后|院士|专家|人才|孵化|知识产权|产业知识产权运营|"
    r"引导|投资|产业投资|创业投资|政府|发展|专项|各类|一批|基础|科学|基础科学|医保|社保|养老|保险|公积金|住房公积金|"
    r"联合|国际联合|生物安全|[一二三四P\d]级|高级别|[\d一二三四五六七八九十两百千万]+[个家只支])*$")
_PHASE = re.compile(
    rf"(?:[{NUM}\d]+期(?:[{NUM}\d]+步)?(?:工程|项目)?|改扩建(?:工程)?|扩建(?:工程)?|扩容(?:工程)?|扩能改造工程|"
    rf"\d+号机组|先行段|[{CJK}]{{1,6}}?段(?:扩容|改扩建|扩能改造|扩建)?工程)")
_STRONG_FACILITY = ("国际机场|机场|水利枢纽|大桥|灌区|抽水蓄能电站|核电站|水电站|电厂|核电|大科学装置|[一-龥]{0,2}线|"
                    "(?<![香])港(?![口区澳城务产经])|港区|码头|口岸|母港|航道|管道|输变电工程|锂矿|铜矿|金矿|铁矿|煤矿|铅锌矿|锂铍矿")
#: heads of designated zones, named sites and named regions, each with its class (found without a place
#: before them: 国家中医药传承创新发展试验区, 程阳八寨景区, 天山北坡城市群).
_AREA = re.compile(r"(?P<zone>试验区|示范区|先行区|引领区|合作区|创新区|起步区|协同区|功能区|产业园区|工业园区|产业园|产业城|先导区|农高区|商务区|经济区)"
                   r"|(?P<site>景区|度假区|国家公园|植物园|古城|古镇)"
                   r"|(?P<region>城市群|经济带|都市圈|经济圈|创新带|科创圈|生态廊道|黄金通道)")
#: qualifiers that make a zone a kind, not one (国家级零碳园区, 省级示范区, 一批…).
_AREA_GENERIC = re.compile(r"级|首批|首个|首家|[\d一二三四五六七八九十两百千万多几]+[个家批处类座项]|知名|重点|品质|标准|主题|省内|区内|市内|域内|"
                           r"^\d|^(?:各|全|主体|发展|创新|融合|协同|统筹|改革|开放|服务|首批|一批|新一批|新|该|本|这|其|首个|相关|有关|重点|"
                           r"特色|现代|高标准|综合|国家|省|市|县|区|境外|跨境|海外|农业|工业|产业|文化|旅游|生态|绿色|零碳|低碳|"
                           r"数字|智慧|乡村|城乡|城市|美丽|和美|宜居|先行|示范|试验|改革)+$")
_STRONG_FACILITY_RE = re.compile(_STRONG_FACILITY)
_STRONG_FACILITY_HEAD = re.compile(_STRONG_FACILITY.replace("[一-龥]{0,2}线", "线"))
#: conventional names of water and power transfers (南水北调, 引汉济渭, 陇电入鲁, 西电东送).
_TRANSFER = re.compile(rf"(?:引[{CJK}][济入补][{CJK}]|[{CJK}]电入[{CJK}]|[{CJK}]电[东西南北]送|[{CJK}]水[东西南北]调|"
                       rf"[{CJK}]气[东西南北]输|北[粮煤]南运|西[煤粮]东运|北[煤粮]南调|西[煤粮]东调)(?:工程|通道)?")
_TRANSFER_HEAD = re.compile(rf"引[{CJK}][济入补]|电入|电[东西南北]送|水[东西南北]调|气[东西南北]输|[粮煤][东南]运|[粮煤][东南]调")
_BODY_VERB = re.compile(r"签署|签约|入选|获批|纳入|成为|列入|申报|争取|开展|推进|加快|打造|实施|启动|支持|推动|引进|落户|开通|"
                        r"投运|投产|建成|开工|获评|荣获|组建|率先|成立|设立|优化|重组|启用|被|和|与|及")
_LISTED = re.compile(r"等(?:[^，。；、]{0,4}(?:项目|工程)|(?:一批)?(?:项目)?(?:相继|先后|陆续|全面)?(?:开工|建成|投产|投运|通车|开通|竣工|落地))")
_HEAD_END = re.compile(rf"(?:{_FACILITY_SUFFIX}|{_INFRA_SUFFIX})?$")
_INFRA_ANY = re.compile(rf"(?:{_FACILITY_SUFFIX}|{_INFRA_SUFFIX}|灌区|电厂|核电|工程|项目|装置|科学岛|基地|枢纽|快线|[A-Z]\d线|代线)")


#: stop characters that open a name where they open a longer word of jieba's (将军庙, 将乐), not the adverb 将.
_STOP_WORD_START = frozenset("将")


def _word_opens(doc: Doc, i: int) -> bool:
    """Whether a word of two characters or more starts at offset ``i`` of the text."""
    lens = doc.user_data.get("kg_word_len")
    if lens is None:
        arr = _idx_len(doc)
        lens = doc.user_data["kg_word_len"] = dict(zip(arr[:, 0].tolist(), arr[:, 1].tolist()))
    return lens.get(i, 0) >= 2


def _stops(doc: Doc, text: str, i: int) -> bool:
    """Whether the character at ``i`` ends a name on the left (a stop character, not 全国 nor 将军…)."""
    c = text[i]
    return c in _STOP and text[i: i + 2] not in ("全国", "全球") and not (c in _STOP_WORD_START and _word_opens(doc, i))


def _name_start(doc: Doc, text: str, end: int, maxlen: int = 24, quotes: bool = False) -> int:
    """Start of a name that ends at ``end``: back over name characters (a closed quote when
    ``quotes``, a bracketed place: 福建（厦门）), to a word start, then past the verbs that
    open the clause."""
    s = end
    while s > 0 and end - s < maxlen:
        c = text[s - 1]
        if c in "”）)" and (quotes or c != "”"):
            o = text.rfind({"”": "“", "）": "（", ")": "("}[c], max(0, s - 12), s - 1)
            if o < 0 or re.search(r"[\s，,。；、：]", text[o:s]):
                break
            s = o
            continue
        if not _NAME_CH.match(c) or _stops(doc, text, s - 1):
            break
        if c == "—" and (text[s - 2: s - 1] == "—" or text[s: s + 1] == "—" or s == end):  # ——: a dash, not 中国—东盟
            break
        if c == "-" and not (text[s - 3: s - 1] == "中国" and s < end):
            break
        s -= 1
    cut = None
    for cut in _CUT.finditer(text, s, end):
        pass
    if cut is not None:  # 领域创建|国家技术创新中心: the name starts after the last verb
        s = cut.end()
    starts = _bounds(doc)[0]
    while s < end and (s not in starts or not re.match(rf"[{CJK}“A-Za-z0-9]", text[s])):
        s += 1
    m = _LEAD.match(text[s:end])
    return s + (m.end() if m else 0)


def _inside(starts: list[int], reach: list[int], s: int, e: int) -> bool:
    """Whether [s, e) lies inside one of the spans summarised by (sorted starts, running max end)."""
    i = bisect_right(starts, s) - 1
    return i >= 0 and reach[i] >= e


def _phase_end(text: str, end: int) -> int:
    """End of the phases and works that follow a facility (…机场|三期|扩建工程)."""
    while True:
        ph = _PHASE.match(text, end)
        if not ph:
            return end
        end = ph.end()


def _project_kind(name: str) -> str:
    if re.search(rf"(?:{_INFRA_SUFFIX})", name):
        return "InfrastructureProject"
    if re.search(rf"(?:{_FACILITY_SUFFIX}|电厂|核电|灌区)", name):
        return "Facility"
    return "Project"
