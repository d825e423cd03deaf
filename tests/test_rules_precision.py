"""False positives and boundary errors of the naming rules (kg.components.common, lines, naming,
gazetteer, heads, names), each on short real sentences of provincial work reports
(/work/shared/corpus/reports), with sentences where the rule must still fire."""
from kg.nlp import make_nlp

from .conftest import span_names, spans


# ------------------------------------------------------------------ 实现 inside a place + suffix name

def test_verb_shi_xian_is_not_inside_a_line_name(nlp):
    # 2025-qinghai
    got = span_names(nlp, "西宁与兰州实现高铁1小时互达")
    assert "兰州实现高铁" not in got
    assert "兰州" in got


def test_value_realisation_pilot_keeps_its_name(nlp):
    # 2026-heilongjiang: 价值实现 is a noun inside the pilot's name
    assert ("大兴安岭国家生态产品价值实现机制试点", "Policy") in spans(nlp, "大兴安岭国家生态产品价值实现机制试点加快建设")


# ------------------------------------------------------------------ lines named by abbreviated ends

def test_common_word_is_not_a_line_stem(nlp):
    # 2026-chongqing: 加密 (to run more often) before 高铁动车组
    assert not any(t.endswith("高铁") for t in span_names(nlp, "加密高铁动车组开行频次"))


def test_line_named_by_city_abbreviations_jieba_knows(nlp):
    # 2025-ningxia, 2026-henan: 包银, 京广 are words of jieba's too, but every character abbreviates a city
    assert ("包银高铁", "InfrastructureProject") in spans(nlp, "实现包银高铁全线通车")
    assert ("京广铁路", "InfrastructureProject") in spans(nlp, "发挥京广铁路沿线城市产业、要素集聚功能")
    # 2026-neimenggu: coordinated lines
    got = span_names(nlp, "集大原高铁、包银高铁开通运行")
    assert {"集大原高铁", "包银高铁"} <= got


# ------------------------------------------------------------------ 将 as a stop character

def test_name_starts_at_jiangjun(nlp):
    # 2026-xinjiang: 将军庙 is a place, not the adverb 将
    got = span_names(nlp, "加快推进“疆电外送”第四通道、将军庙至淖毛湖铁路增建二线等一批重大项目")
    assert "将军庙至淖毛湖铁路增建二线" in got
    assert "至淖毛湖铁路增建二线" not in got


def test_adverb_jiang_still_ends_a_name():
    from kg.components.naming import _name_start

    # 2025-shandong: 将 the adverb, then the name
    text = "争取将济南纳入国家城市更新行动范围"
    doc = make_nlp()(text)
    end = text.index("济南") + 2
    assert _name_start(doc, text, end) == text.index("济南")


# ------------------------------------------------------------------ world cities that are common words

def test_idiom_wan_xiang_is_not_vientiane(nlp):
    # 2026-sichuan
    assert "万象" not in span_names(nlp, "骐骥迎春至，万象启新程。")


def test_word_like_cities_are_only_the_ambiguous_ones():
    from kg.components.gazetteer import _word_like_places

    got = _word_like_places()
    assert "万象" in got and "莫斯科" not in got and "河内" not in got


def test_city_that_is_no_common_word_needs_no_context(nlp):
    # 2026-heilongjiang
    assert ("莫斯科", "Place") in spans(nlp, "推动开通哈尔滨至莫斯科等国际客运航线")


def test_vientiane_named_with_its_country(nlp):
    # constructed (no report names Vientiane): the country in the sentence reads 万象 as the city
    assert ("万象", "Place") in spans(nlp, "开通昆明至老挝万象的国际旅客列车")


# ------------------------------------------------------------------ headquarters

def test_society_headquarters_is_the_society(nlp):
    # 2026-anhui, 2026-chongqing
    assert ("国际深空探测学会", "Organization") in spans(nlp, "国际深空探测学会总部落户合肥")
    assert ("国际深空探测学会总部", "Organization") not in spans(nlp, "国际深空探测学会总部落户合肥")
    assert ("澜湄旅游城市合作联盟", "Organization") in spans(nlp, "落地澜湄旅游城市合作联盟总部")


def test_company_headquarters_keeps_its_head(nlp):
    # 2025-hebei
    assert ("中国华能总部", "Enterprise") in spans(nlp, "推动中国中化、中国华能总部建成投用")


# ------------------------------------------------------------------ events and funds

def test_quoted_slogan_is_no_event(nlp):
    # 2025-hainan
    got = span_names(nlp, "“来海南看演唱会、玩音乐节、逛品牌展”成为新时尚。")
    assert not {"来海南看演唱会", "玩音乐节"} & got
    assert "海南" in got
    # 2025-ningxia: 无 (without) opens the quote; the quoted label stays a policy
    got = spans(nlp, "连续3个季度实行政府系统“无大会季”")
    assert not any(k == "Event" for _, k in got)


def test_verb_phrase_before_an_event_head_is_no_event(nlp):
    # 2026-tianjin, 2026-liaoning: adverb + verb before the head
    assert not any(t.endswith("峰会") for t in span_names(nlp, "我们抢抓机遇、乘势而上，充分倚重峰会重大成果集"))
    assert not any(t.endswith("论坛") for t in span_names(nlp, "大幅压减论坛、节庆等活动"))


def test_quoted_and_plain_events_still_named(nlp):
    # 2025-gansu, 2025-zhejiang
    assert ("万人星空演唱会", "Event") in spans(nlp, "天水麻辣烫、敦煌“万人星空演唱会”、嘉峪关“关城夜游”、定西宽粉火爆出圈")
    got = spans(nlp, "成功举办第六届世界佛教论坛、第二届良渚论坛")
    assert {("第六届世界佛教论坛", "Event"), ("第二届良渚论坛", "Event")} <= got


def test_counted_funds_and_institutes_are_no_name(nlp):
    # 2026-jilin, 2025-gansu
    assert not any(t.endswith("基金") for t in span_names(nlp, "运营的16支省级政府投资基金整合为产业、科创2支基金，优化资金"))
    assert not any(t.endswith("研究院") for t in span_names(nlp, "建强30家高校产业研究院"))


def test_named_fund_and_institute_still_found(nlp):
    # 2025-jiangxi, 2025-gansu
    assert ("数字经济发展基金", "Organization") in spans(nlp, "组建数字经济发展基金，")
    assert ("甘肃高等研究院", "Organization") in spans(nlp, "加快建设甘肃高等研究院")


def test_two_word_like_cities_do_not_vouch_for_each_other(nlp):
    # constructed: two idioms in one sentence, each also a capital's name
    got = span_names(nlp, "万象启新程，金边闪耀时。")
    assert "万象" not in got and "金边" not in got
