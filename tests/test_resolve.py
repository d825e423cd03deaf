"""Resolution on short real passages: mentions come from the pipeline, names from resolve."""
from kg.extract import extract
from kg.model import Document


def ents(text):
    x = extract(Document(id="t", text=text))
    return {(e.label, e.name): e for e in x.entities}


HOST = "贯彻到官渡区、昆明空港经济区社会发展的各个环节。"


def test_bare_bodies_take_the_host_region_and_its_city():
    es = ents(HOST + "对区委、区政府和空港党工委、管委会确定的重要决策。体现了市委转变发展方式的信心。")
    assert {"区委"} <= es[("Organization", "中共官渡区委")].aliases
    assert "区政府" in es[("Organization", "官渡区人民政府")].aliases
    assert "空港党工委" in es[("Organization", "昆明空港经济区党工委")].aliases
    assert "管委会" in es[("Organization", "昆明空港经济区管委会")].aliases
    assert "市委" in es[("Organization", "中共昆明市委")].aliases  # 昆明市 from the divisions data


def test_bare_bodies_without_a_host_are_dropped():
    es = ents("对区委、区政府确定的重要决策。")
    assert not [k for k in es if k[0] == "Organization"]


def test_short_forms_merge_into_one_entity():
    es = ents(HOST + "分析官渡、空港的实际。空港经济区要加快发展。")
    assert es[("Place", "官渡区")].aliases == {"官渡"}
    assert es[("Place", "昆明空港经济区")].aliases == {"空港", "空港经济区"}


def test_five_year_plan_forms_are_one_entity():
    es = ents("理清了“十二五”发展的重点，体现到区“十二五” 规划中。")
    assert "十二五" in es[("Strategy", "十二五规划")].aliases
    assert len([k for k in es if k[0] == "Strategy"]) == 1


def test_quoted_name_keeps_its_inner_form_as_alias():
    es = ents("加大基层党组织“双推直选” 试点力度。")
    assert "双推直选" in es[("Strategy", "双推直选试点")].aliases


def test_slogan_and_its_extension_merge():
    es = ents("对“三化”联动进行专题研究，自觉把思想统一到“三化并举”的要求上来。")
    assert "三化并举" in es[("Strategy", "三化")].aliases


def test_session_named_with_and_without_its_body():
    es = ents("市委九届四次全会提出了三步走战略。九届四次全会以来。" + "昆明市官渡区。")
    meetings = [e for k, e in es.items() if k[0] == "Event"]
    assert len(meetings) == 1 and "九届四次全会" in meetings[0].aliases


def test_zone_abbreviations_merge():
    es = ents("高水平建设海南自由贸易港。海南自贸港建设取得成效。")
    zones = [e for k, e in es.items() if k[0] == "Place" and e.kind == "Zone"]
    assert [z.name for z in zones] == ["海南自由贸易港"] and "海南自贸港" in zones[0].aliases


def test_generic_words_are_not_entities():
    es = ents("全区上下要锁定目标，全市、全省和中央、国家的要求，构建社会管理新格局。")
    assert not es


def test_coordinated_members_get_their_restored_names():
    es = ents("兰州市加快建设。兰合、平庆、天陇和西成铁路甘肃段建设提速。全面贯彻二十届二中、三中全会精神。")
    assert {("Project", n) for n in ("兰合铁路", "平庆铁路", "天陇铁路", "西成铁路")} <= set(es)
    assert "兰合" in es[("Project", "兰合铁路")].aliases
    assert {("Event", "二十届二中全会"), ("Event", "二十届三中全会")} <= set(es)


def test_the_congress_of_a_session_and_the_bare_congress_are_one():
    es = ents("——2025年1月20日在甘肃省第十四届人民代表大会第三次会议上。省人大要加强监督。")
    e = es[("Organization", "甘肃省人民代表大会")]
    assert {"甘肃省第十四届人民代表大会", "省人大"} <= e.aliases


def test_province_short_form_is_the_province_not_the_county():
    got = ents("黑龙江省人民政府向大会报告工作。哈尔滨、齐齐哈尔、牡丹江发展加快，加快建设“六个龙江”，"
               "吸引更多企业投资龙江、更多项目落地龙江。")
    assert ("Place", "黑龙江省") in got and "龙江" in got[("Place", "黑龙江省")].aliases
    assert ("Place", "龙江县") not in got


def test_an_expo_its_edition_and_its_short_form_are_one_event():
    got = ents("第九届中俄博览会成功举办。高水平办好中俄博览会（哈洽会），中俄博览会、哈洽会影响力扩大。")
    events = [e for (label, _), e in got.items() if label == "Event"]
    assert len(events) == 1
    assert events[0].name == "中俄博览会" and {"哈洽会", "第九届中俄博览会"} <= events[0].aliases


def test_a_provincial_group_and_event_take_the_host_province():
    got = ents("福建省人民政府。福州、厦门、泉州发展。重组组建省工业控股集团，成功举办省第十五届运动会。")
    assert ("Organization", "福建省工业控股集团") in got
    assert ("Event", "福建省第十五届运动会") in got


def test_paired_programme_members_get_their_full_names():
    got = ents("深化龙粤、深哈对口合作，推动产业转移。")
    assert ("Strategy", "龙粤对口合作") in got and ("Strategy", "深哈对口合作") in got


def test_a_far_city_named_once_does_not_become_the_host():
    """2026 天津 report: 赤峰道 (a street) must not make 赤峰市 the city a bare 市 refers to;
    in a municipality's report 市人大常委会 is the municipality's."""
    text = ("2026年天津市政府工作报告\n天津市人民政府市长 张工\n提请市人大常委会审议通过民营经济促进条例。"
            "天津市优化营商环境。推出赤峰道—中心花园等15个新项目。")
    names = {e.name for e in extract(Document(id="tj", text=text)).entities if e.label == "Organization"}
    assert "天津市人大常委会" in names
    assert not any(n.startswith("赤峰") for n in names)


def test_coordinated_plenums_take_the_body_of_the_first():
    es = ents("安徽省合肥市。按照省委十一届十次、十一次全会部署要求，安徽省推进。")
    assert ("Event", "中共安徽省委十一届十次全会") in es
    assert ("Event", "中共安徽省委十一届十一次全会") in es


def test_an_event_with_its_host_prefix_is_the_bare_event():
    es = ents("成功举办成都世运会，世运会吸引了全球观众。")
    ev = [k for k in es if k[0] == "Event"]
    # 世运会 is the World Games of the gazetteer: one node under its full name, both forms as aliases
    assert ev == [("Event", "世界运动会")] and {"世运会", "成都世运会"} <= set(es[ev[0]].aliases)


def test_a_university_phase_is_a_project_apart_from_the_university():
    es = ents("推进新疆大学三期等项目建设，新疆大学入选一流学科。")
    assert ("Organization", "新疆大学") in es and ("Project", "新疆大学三期") in es
    assert ("Organization", "新疆大学三期") not in es


def test_a_prefecture_short_form_is_the_prefecture():
    es = ents("青海省西宁市推进海南州生态保护，海南州草原修复。")
    e = es[("Place", "海南藏族自治州")]
    assert "海南州" in e.aliases


def test_a_zone_named_after_a_place_does_not_take_the_place_as_alias():
    # 2026 Heilongjiang report: the members of a coordination are each a zone, named with the head
    es = ents("黑龙江省人民政府。深入实施自贸试验区提升战略，推动哈尔滨、黑河、绥芬河片区与协同发展先导区联动发展。")
    zones = {n: e for (label, n), e in es.items() if n.endswith("片区")}
    assert {"哈尔滨片区", "黑河片区", "绥芬河片区"} <= set(zones)
    for name, e in zones.items():
        assert not e.aliases & {"哈尔滨", "黑河", "绥芬河", "哈尔滨市", "黑河市"}, (name, e.aliases)
