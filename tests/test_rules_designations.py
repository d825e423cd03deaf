"""Designations, regional programmes, listed project phases and named events (kg.components.longtail,
``_designations``), each on short real sentences of provincial work reports (/work/shared/corpus/reports),
with sentences where the rule must not fire."""
from .conftest import span_names, spans


# ------------------------------------------------------------------ …高地

def test_national_industry_highland(nlp):
    # 2026-anhui
    assert ("国家人工智能产业高地", "Strategy") in spans(nlp, "国家人工智能产业高地获批建设，人工智能产业发展评价居全国第5位。")


def test_opening_direction_highland(nlp):
    # 2026-heilongjiang
    assert ("向北开放新高地", "Strategy") in spans(nlp, "制定实施加快打造向北开放新高地总体规划方案。")


def test_described_highland_is_no_name(nlp):
    # 2025-shandong, 2026-chongqing: an aim described with a verb or a generic stem
    assert not any(n.endswith("高地") for n in span_names(nlp, "出台打造高水平对外开放新高地行动方案。"))
    assert not any(n.endswith("高地") for n in span_names(nlp, "打造人工智能应用高地。"))


# ------------------------------------------------------------------ pilots named by place abbreviations

def test_pilot_named_by_city_abbreviations(nlp):
    # 2026-fujian, 2026-zhejiang (甬 abbreviates 宁波)
    assert ("福厦泉要素市场化配置综合改革试点", "Policy") in spans(nlp, "福厦泉要素市场化配置综合改革试点获批。")
    assert ("杭甬温要素市场化配置综合改革试点", "Policy") in spans(nlp, "杭甬温要素市场化配置综合改革试点获批。")


def test_pilot_named_by_china_and_partner(nlp):
    # 2026-jiangsu
    got = spans(nlp, "主动对接国际高标准经贸规则，推进服务业扩大开放综合试点、中新数字贸易合作试点。")
    assert ("中新数字贸易合作试点", "Policy") in got
    assert "服务业扩大开放综合试点" not in span_names(nlp, "推进服务业扩大开放综合试点。")


def test_kind_of_pilot_is_no_name(nlp):
    # 2026-jiangsu: the pilot without its places; 2025-guangxi: places sharing a kind of pilot
    assert not any(n.endswith("试点") for n in span_names(nlp, "推进要素市场化配置综合改革试点，落地一批省级重点改革任务。"))
    assert "贵港国家产融合作试点" not in span_names(nlp, "建设南宁、北海、贵港国家产融合作试点。")


# ------------------------------------------------------------------ belts and corridors

def test_corridors_named_by_places(nlp):
    # 2026-liaoning, 2026-heilongjiang, 2026-jiangsu
    assert ("沈大经济走廊", "Strategy") in spans(nlp, "协同鞍山、营口、辽阳、盘锦等地区，打造沈大经济走廊。")
    assert ("东北海陆大通道", "Strategy") in spans(nlp, "高水平谋划建设东北海陆大通道，畅通“北粮南运”通道。")
    assert ("哈大齐绥新能源产业带", "Strategy") in spans(nlp, "布局建设哈大齐绥新能源产业带和东部地区新能源产业集群。")
    assert ("沿江创新发展带", "Strategy") in spans(nlp, "打造长三角大科学装置联盟和沿江创新发展带，推进苏州与上海同城化发展。")
    assert ("江淮生态经济区", "Strategy") in spans(nlp, "支持江淮生态经济区发展优势产业和富民产业。")


def test_compass_points_are_no_place_abbreviations(nlp):
    # 2026-neimenggu: 东中西 lists directions, not places
    assert "东中西高速公路大通道" not in span_names(nlp, "东中西高速公路大通道和沿边331国道全线贯通。")


# ------------------------------------------------------------------ 先行区/示范区 named by a national strategy

def test_strategy_pilot_zone_is_a_strategy(nlp):
    # 2026-jiangsu, 2025-ningxia
    assert ("美丽中国先行区", "Strategy") in spans(nlp, "协同推进降碳减污扩绿增长，积极建设美丽中国先行区。")
    assert ("黄河流域生态保护和高质量发展先行区", "Strategy") in spans(
        nlp, "进一步明确了建设黄河流域生态保护和高质量发展先行区的重大使命。")


def test_level_before_strategy_zone_makes_a_kind(nlp):
    # 2026-chongqing
    assert "乡村振兴示范区" not in span_names(nlp, "涪陵、北碚获批创建国家乡村振兴示范区。")


def test_national_zone_with_factor_theme(nlp):
    # 2026-anhui: 要 is a stop character, 要素 part of the name
    assert "国家数据要素综合试验区" in span_names(nlp, "合肥都市圈入选国家要素市场化配置综合改革试点，成功创建国家数据要素综合试验区。")


# ------------------------------------------------------------------ plans named with a place

def test_plan_named_with_a_place(nlp):
    # 2026-jiangsu, 2026-chongqing
    assert ("苏南五市两年行动方案", "Plan") in spans(nlp, "落地一批省级重点改革任务和苏南五市两年行动方案。")
    assert ("重庆市国土空间总体规划", "Plan") in spans(nlp, "城市功能品质持续提升，重庆市国土空间总体规划获批实施。")


def test_plan_without_a_place_is_no_name(nlp):
    # 2026-chongqing: 全市 is no place
    assert not any(n.endswith("规划") for n in span_names(nlp, "完成全市国土空间总体规划实施体检。"))


# ------------------------------------------------------------------ project phases in a list

def test_listed_phases(nlp):
    # 2025-shandong, 2026-liaoning
    got = span_names(nlp, "开工招远一期、石岛湾核电2号机组，争取获批海阳三期、莱阳一期等核电项目。")
    assert {"招远一期", "海阳三期", "莱阳一期"} <= got
    assert ("川州二期", "Project") in spans(nlp, "加快川州二期等500千伏输变电工程建设。")


def test_phase_outside_a_list_is_no_project(nlp):
    # 2025-qinghai: the sixth phase of a national programme, not in a list of projects
    got = span_names(nlp, "完成“三北”工程六期建设任务910万亩。")
    assert not any(n.endswith("六期") for n in got)


# ------------------------------------------------------------------ named events

def test_leagues(nlp):
    # 2025-guangxi, 2026-zhejiang
    assert ("广西万村篮球赛", "Event") in spans(nlp, "广西万村篮球赛等文体活动丰富多彩。")
    assert "浙BA联赛" in {t.replace("“", "").replace("”", "") for t in span_names(nlp, "首届“浙BA”联赛场场爆满。")}


def test_quoted_stem_in_a_list_is_not_joined_to_a_league(nlp):
    # 2026-zhejiang: the quote closes one item of a list, the league is another
    assert not any("浙" in n and n.endswith("联赛") for n in span_names(nlp, "高水平办好“浙BA”、城市足球联赛。"))


def test_history_exhibition_and_promotion(nlp):
    # 2026-jilin, 2025-hainan
    assert ("吉林省近现代史展", "Event") in spans(nlp, "吉林省近现代史展等一批展览馆博物馆向公众开放。")
    assert ("外交部海南自由贸易港全球推介活动", "Event") in spans(nlp, "外交部海南自由贸易港全球推介活动成功举办。")


def test_bilateral_mechanism_meeting(nlp):
    # 2026-chongqing
    got = spans(nlp, "成功举办智博会、西洽会、国才会、中新双边合作机制会议、中国—东盟法治论坛。")
    assert ("中新双边合作机制会议", "Event") in got


def test_national_zone_with_sustainable_theme(nlp):
    # 2025-qinghai: 持续 of 可持续 is no verb; the zone cut there left a fragment running into the next clause
    got = span_names(nlp, "海南州国家可持续发展议程创新示范区活跃度居全国示范区首位。")
    assert any(n.endswith("国家可持续发展议程创新示范区") for n in got)
    assert not any("活跃度" in n for n in got)
