"""Rules for companies, institutes, campaigns and events, each on short real sentences of the
provincial work reports in ../shared/corpus/reports (quoted as they stand there), with the
sentences where the rule must not fire."""
import pytest

from kg.extract import extract
from kg.model import Document

from .conftest import spans


def names(text):
    """(canonical name, finest class) of every entity of ``text``."""
    return {(e.name, e.kind) for e in extract(Document(id="t", text=text)).entities}


# ------------------------------------------------------------------ companies in lists (listed.py)

def test_company_short_names_in_a_list_closed_by_deng(nlp):
    got = spans(nlp, "华海清科、海光信息、安擎信息、合源生物、火眼位置等快速成长")  # 2026 tianjin
    assert {("海光信息", "Enterprise"), ("安擎信息", "Enterprise"), ("合源生物", "Enterprise")} <= got
    # no industry head: 火眼位置 says nothing of what it is, and a bare 科 is no head
    assert not any(t in ("火眼位置", "华海清科") for t, _ in got)


def test_company_after_its_place_in_a_project_list(nlp):
    got = spans(nlp, "推动温福高铁、衢州先导智能、追觅机器人等项目开工建设")  # 2025 zhejiang
    assert ("追觅机器人", "Enterprise") in got
    assert ("温福高铁", "Enterprise") not in got


@pytest.mark.parametrize("text", [
    "推动人形机器人、脑机接口、类脑智能、量子信息、生物制造等产业发展",  # 2026 zhejiang: sectors
    "低空经济、智慧医疗装备、新型储能等加快布局",  # 2026 chongqing: sectors before a verb
])
def test_sector_lists_are_no_companies(nlp, text):
    assert not any(k == "Enterprise" for _, k in spans(nlp, text))


# ------------------------------------------------------------------ campaigns (strategies.py, longtail.py)

def test_coined_campaigns_listed_before_their_shared_head():
    got = names("持续实施绿盾和巡山清套等专项行动，严厉打击毁林毁湿、乱捕滥猎等违法行为。")  # 2026 heilongjiang
    assert {("绿盾专项行动", "Campaign"), ("巡山清套专项行动", "Campaign")} <= got


def test_tasks_listed_before_a_campaign_head_are_no_campaigns(nlp):
    got = spans(nlp, "开展人力资源市场清理整顿、治理欠薪等专项执法行动")  # 2025 jiangxi
    assert not any(k == "Campaign" for _, k in got)


def test_quoted_campaign_with_its_head_inside_the_quotes(nlp):
    assert ("百日行动", "Campaign") in spans(nlp, "持续开展夏季避暑和冬季冰雪旅游“百日行动”")
    assert ("美丽山西·全民行动", "Campaign") in spans(nlp, "深入开展“美丽山西·全民行动”")


def test_campaign_year_with_a_nominal_tisheng(nlp):
    assert ("服务企业效能提升突破年行动", "Campaign") in spans(nlp, "深化服务企业效能提升突破年行动")


@pytest.mark.parametrize("text", ["深入实施新一轮优化营商环境专项行动", "加力推进提升农村饮水质量专项行动"])
def test_campaign_described_by_its_goal_is_no_name(nlp, text):
    assert not any(k == "Campaign" for _, k in spans(nlp, text))


def test_national_campaign_from_the_gazetteer(nlp):
    assert ("兴边富民行动", "Campaign") in spans(nlp, "创新推进兴边富民行动")


# ------------------------------------------------------------------ events (meetings.py, strategies.py)

def test_event_named_by_its_edition(nlp):
    got = spans(nlp, "办好第八届省旅游产业发展大会、第十六届省运会")  # 2026 heilongjiang
    assert ("第八届省旅游产业发展大会", "Event") in got


def test_show_named_by_a_national_theme(nlp):
    assert ("全国科学实验展演汇演", "Event") in spans(nlp, "首次获得全国科学实验展演汇演一等奖")  # 2025 ningxia


def test_event_of_theme_words_after_a_hosting_verb_or_in_a_list(nlp):
    assert ("国际消费电子展", "Event") in spans(nlp, "明月湖科创园8家企业亮相国际消费电子展")  # 2026 chongqing
    got = spans(nlp, "办好跨国公司领导人青岛峰会、儒商大会、绿色低碳高质量发展大会、国际友城合作发展大会等活动")
    assert ("绿色低碳高质量发展大会", "Event") in got  # 2025 shandong


@pytest.mark.parametrize("text", [
    "首次在西班牙、沙特等地举办重点产业推介活动",  # 2025 qinghai: a kind of event
    "办好省第十一届艺术节、第十八届运动会、第一届冬运会",  # 2026 shaanxi: an edition is no name alone
])
def test_kinds_of_events_and_bare_editions_are_no_events(nlp, text):
    got = spans(nlp, text)
    assert ("重点产业推介活动", "Event") not in got and ("第十八届运动会", "Event") not in got


def test_quoted_round_table_is_an_event(nlp):
    assert ("海客圆桌会", "Event") in spans(nlp, "做优做强“海客圆桌会”、“理解中国”课程等品牌")  # 2026 anhui


# ------------------------------------------------------------------ institutes (longtail.py)

@pytest.mark.parametrize("text,name", [
    ("安徽高等研究院实施校企联合人才培养和科研攻关项目899个", "安徽高等研究院"),  # 2026 anhui
    ("建好教育部重庆高等研究院等新型创", "教育部重庆高等研究院"),  # 2026 chongqing
])
def test_institute_for_advanced_study_after_a_place(nlp, text, name):
    assert (name, "Organization") in spans(nlp, text)


def test_bare_institute_for_advanced_study_is_no_name(nlp):
    assert not any("研究院" in t for t, _ in spans(nlp, "办好用好高等研究院、科创中心"))


# ------------------------------------------------------------------ zones and corridors (longtail.py, gazetteer)

def test_free_trade_zone_parts_named_by_their_cities():
    got = names("深入实施自贸试验区提升战略，推动哈尔滨、黑河、绥芬河片区与协同发展先导区联动发展。")  # 2026 heilongjiang
    assert {("哈尔滨片区", "Zone"), ("黑河片区", "Zone"), ("绥芬河片区", "Zone")} <= got


def test_directions_before_pianqu_are_no_zones(nlp):
    got = spans(nlp, "推动东北、西北、西南、东南四个片区内城市共同实施")
    assert not any(k == "Zone" for _, k in got)


def test_national_new_areas_and_belt_and_road_corridors(nlp):
    assert ("两江新区", "Zone") in spans(nlp, "新设立两江新区行政区")  # 2026 chongqing
    assert ("中蒙俄经济走廊", "Strategy") in spans(nlp, "积极参与中蒙俄经济走廊建设")  # 2026 neimenggu
    got = names("沟通欧亚大陆桥的重要海陆门户作用")  # 2026 liaoning
    assert ("新亚欧大陆桥", "Project") in got


# ------------------------------------------------------------------ associations (bodies.py)

@pytest.mark.parametrize("text,name", [
    ("姚磨村入选世界旅游联盟", "世界旅游联盟"),  # 2025 ningxia: an international scope
    ("打造长三角大科学装置联盟", "长三角大科学装置联盟"),  # 2026 jiangsu: a region
    ("浙江广厦篮球俱乐部荣获我省首个CBA总冠军", "浙江广厦篮球俱乐部"),  # 2026 zhejiang: a province
])
def test_association_named_after_a_place_or_scope(nlp, text, name):
    assert (name, "Organization") in spans(nlp, text)


@pytest.mark.parametrize("text", [
    "更好发挥各级关爱退役军人协会",  # 2026 tianjin: a kind of association
    "牵头组建“1+5”农业科技创新联盟",  # 2026 anhui: no place or scope opens it
])
def test_kinds_of_associations_are_no_names(nlp, text):
    assert not any(k == "Organization" for _, k in spans(nlp, text))


def test_association_rule_does_not_extend_a_known_body(nlp):
    got = spans(nlp, "发挥中国—上海合作组织冰雪体育示范区")  # 2026 heilongjiang
    assert ("中国—上海合作组织", "Organization") not in got


# ------------------------------------------------------------------ more bodies (longtail.py)

def test_institute_of_two_fields_joined_by_yu(nlp):
    got = spans(nlp, "组建重庆信息与智慧医学研究院、重庆人工智能学院")  # 2026 chongqing
    assert ("重庆信息与智慧医学研究院", "Organization") in got
    assert ("智慧医学研究院", "Organization") not in got


def test_yu_between_two_names_joins_nothing(nlp):
    got = spans(nlp, "支持中原农谷与崖州湾国家实验室")  # 2025 henan
    assert not any(t.startswith("中原农谷与") for t, _ in got)


def test_local_bank_after_its_province(nlp):
    assert ("吉林农商行", "Enterprise") in spans(nlp, "吉林农商行正式挂牌运营")  # 2026 jilin
    assert not any(k == "Enterprise" for _, k in spans(nlp, "推动农商行统一法人制度改革"))


@pytest.mark.parametrize("text,name", [
    ("加快建设中日韩创新合作中心", "中日韩创新合作中心"),  # 2025 shandong
    ("中拉可持续粮食创新中心挂牌", "中拉可持续粮食创新中心"),  # 2025 hainan: 持续 inside the name
])
def test_centre_of_china_and_partners(nlp, text, name):
    assert (name, "Organization") in spans(nlp, text)


def test_china_europe_trains_hub_is_no_bilateral_centre(nlp):
    assert ("中欧班列集结中心", "Organization") not in spans(nlp, "加速建设中欧班列集结中心，创新班列")


@pytest.mark.parametrize("text,name", [
    ("初步建成国家碳计量中心，建设绿电产业园", "国家碳计量中心"),  # 2025 shandong
    ("筹建国家碳计量中心（辽宁）。", "国家碳计量中心（辽宁）"),  # 2026 liaoning: a branch with its province
])
def test_national_metrology_centre_by_its_field(nlp, text, name):
    assert (name, "Organization") in spans(nlp, text)


def test_national_testing_centre_without_a_field_is_a_kind(nlp):
    assert not any(k == "Organization" for _, k in spans(nlp, "积极争创国家质检中心"))  # 2025 shandong


@pytest.mark.parametrize("text,name", [
    ("全面深化改革十大攻坚行动圆满收官", "全面深化改革十大攻坚行动"),  # 2025 jiangxi
    ("实施双核联动联建七大专项行动", "双核联动联建七大专项行动"),  # 2026 chongqing
])
def test_numbered_campaign_keeps_theme_words_read_as_verbs(nlp, text, name):
    assert (name, "Campaign") in spans(nlp, text)


def test_numbered_campaign_does_not_take_the_clause_verb(nlp):
    got = spans(nlp, "深入实施节能降碳十大行动")  # 2025 jiangxi
    assert ("节能降碳十大行动", "Campaign") in got


# ------------------------------------------------------------------ companies by a coined name (longtail.py)

@pytest.mark.parametrize("text,name", [
    ("组建吉翼具身智能机器人公司，设立仿生机器人制造业创新中心", "吉翼具身智能机器人公司"),  # 2026 jilin
    ("天焦公司转型退出，新增新能源", "天焦公司"),  # 2026 tianjin
])
def test_company_with_a_coined_name(nlp, text, name):
    assert (name, "Enterprise") in spans(nlp, text)


@pytest.mark.parametrize("text", [
    "加快融资平台和城投公司改革转型",  # 2025 shandong
    "新增境内外上市公司16家",  # 2026 fujian
])
def test_kinds_of_companies_are_no_names(nlp, text):
    assert not any(k == "Enterprise" for _, k in spans(nlp, text))


# ------------------------------------------------------------------ platforms (longtail.py)

@pytest.mark.parametrize("text,name", [
    ("游戏出海公共服务平台上线，获批网络游戏版", "游戏出海公共服务平台"),  # 2025 hainan: the subject of its launch
    ("全面推进国家中小学智慧教育平台海南全域应用试点。", "国家中小学智慧教育平台"),  # 2025 hainan
    ("高水平打造中国—中亚贸易畅通合作平台、境外合作园区等各类", "中国—中亚贸易畅通合作平台"),  # 2026 jiangsu
])
def test_named_platforms(nlp, text, name):
    assert (name, "Project") in spans(nlp, text)


def test_investment_platform_is_a_body_read_past_a_second_verb(nlp):
    got = spans(nlp, "组建运行省新质生产力投资平台，参与组建长三角创业投资引导基金。")  # 2026 anhui
    assert ("省新质生产力投资平台", "Organization") in got


def test_platform_inside_a_clause_is_no_launched_name(nlp):
    got = spans(nlp, "就业大数据智慧服务平台建成运行。")  # 2026 shanxi: 就业 is part of the name
    assert ("大数据智慧服务平台", "Project") not in got


@pytest.mark.parametrize("text,name", [
    ("举办第十届库布其沙漠论坛，新增", "第十届库布其沙漠论坛"),  # 2026 neimenggu: 其 inside a place's word
    ("高水平举办丝绸之路国际艺术节、国际旅游博览会", "丝绸之路国际艺术节"),  # 2025 shaanxi: 之 inside a word
])
def test_event_names_hold_stop_characters_inside_words(nlp, text, name):
    assert (name, "Event") in spans(nlp, text)
