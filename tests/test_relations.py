"""Relations on real sentences of the sample speech and a report."""
from kg.extract import extract
from kg.model import Document


def rels(text):
    x = extract(Document(id="t", text=text))
    for r in x.relations:
        s = x.sentences[r.sentence]
        assert (r.start, r.end) == (s.start, s.end)
    return {(r.subject[1], r.predicate, r.object[1]) for r in x.relations}


def test_person_holds_every_listed_post_and_posts_are_in_their_bodies():
    rs = rels("中共官渡区委书记、昆明空港经济区党工委书记保建彬就全区各级各部门提出明确要求。")
    assert {("保建彬", "holds", "中共官渡区委书记"), ("保建彬", "holds", "昆明空港经济区党工委书记"),
            ("中共官渡区委书记", "postIn", "中共官渡区委"),
            ("昆明空港经济区党工委书记", "postIn", "昆明空港经济区党工委"),
            ("中共官渡区委", "jurisdiction", "官渡区"),
            ("昆明空港经济区党工委", "jurisdiction", "昆明空港经济区"),
            ("昆明空港经济区", "partOf", "昆明市")} <= rs


def test_governor_from_a_report():
    rs = rels("甘肃省省长任振鹤\n我代表省人民政府，向大会报告工作。")
    assert ("任振鹤", "holds", "甘肃省省长") in rs


def test_part_of_from_the_divisions_data():
    rs = rels("贯彻到官渡区。努力把官渡和空港打造成为昆明乃至云南最便利的市场。")
    assert ("官渡区", "partOf", "昆明市") in rs and ("昆明市", "partOf", "云南省") in rs


def test_department_is_sub_organization_of_its_committee():
    rs = rels("贯彻到官渡区。要坚持矛盾化解, 区委政法委要研究方案。")
    assert ("官渡区委政法委", "subOrganizationOf", "中共官渡区委") in rs


def test_meeting_proposes_what_follows_its_verbs_and_is_organised_by_its_body():
    rs = rels("昆明市官渡区。这次市委工作会议最鲜明的主题, 就是把加快发展方式转变作为深入贯彻落实科学发展观的重要目标, "
              "指出了“四个刻不容缓”, 并强调努力做到“六个更加注重”。")
    assert {("中共昆明市委工作会议", "proposed", "四个刻不容缓"), ("中共昆明市委工作会议", "proposed", "六个更加注重"),
            ("中共昆明市委工作会议", "organizedBy", "中共昆明市委")} <= rs
    assert ("中共昆明市委工作会议", "proposed", "科学发展观") not in rs


def test_commas_inside_quotes_do_not_end_the_clause():
    rs = rels("昆明市官渡区。2008年初, 市委九届四次全会提出了“大干2008, 拼搏2009, 攻坚2010”的三步走战略,这实际上是一个周期, "
              "昆明市即将进入冲刺“十二五” 的新周期。")
    assert ("中共昆明市委九届四次全会", "proposed", "三步走战略") in rs
    assert ("中共昆明市委九届四次全会", "proposed", "十二五规划") not in rs


def test_a_meeting_that_is_implemented_proposes_nothing():
    rs = rels("昆明市官渡区。认真贯彻市委工作会议精神, 安排部署下半年工作, 确保“十一五” 规划圆满超额完成。")
    assert not any(p == "proposed" for _, p, _ in rs)


def test_governor_post_is_in_the_government_and_general_secretary_held():
    rs = rels("2025年1月17日在江西省第十四届人民代表大会第三次会议上省长叶建春作政府工作报告。"
              "我代表江西省人民政府向大会报告工作。深入贯彻习近平总书记考察江西重要讲话精神。")
    assert {("叶建春", "holds", "江西省省长"), ("江西省省长", "postIn", "江西省人民政府"),
            ("习近平", "holds", "中共中央总书记"),
            ("江西省第十四届人民代表大会第三次会议", "organizedBy", "江西省人民代表大会")} <= rs


def test_no_post_in_a_government_the_text_does_not_name():
    rs = rels("省长叶建春作政府工作报告。江西省加快发展。")
    assert not any(p == "postIn" for _, p, _ in rs)


def test_autonomous_region_chairman():
    rs = rels("2026年新疆维吾尔自治区政府工作报告\n自治区主席 艾尔肯·吐尼亚孜\n各位代表：\n我代表自治区人民政府向大会报告工作。")
    assert {("艾尔肯·吐尼亚孜", "holds", "新疆维吾尔自治区主席"),
            ("新疆维吾尔自治区主席", "postIn", "新疆维吾尔自治区人民政府"),
            ("新疆维吾尔自治区人民政府", "jurisdiction", "新疆维吾尔自治区")} <= rs


def test_settled_in_a_place_and_named_after_one():
    rs = rels("新疆维吾尔自治区：中国—中亚减贫合作中心、教育交流合作中心落地新疆。")
    assert ("中国—中亚减贫合作中心", "locatedIn", "新疆维吾尔自治区") in rs
    rs = rels("推动设立南京中山国家植物园，在南京召开会议。")
    assert ("南京中山国家植物园", "partOf", "南京市") in rs
    # a government does not settle in the place it governs
    assert not any(p == "locatedIn" for _, p, _ in rels("昆明市人民政府落户昆明。"))


def test_free_trade_zone_with_a_bracketed_province_is_in_that_province():
    rs = rels("内蒙古自治区全力推进开放。积极争创中国（内蒙古）自由贸易试验区。")
    assert any(s == "中国（内蒙古）自由贸易试验区" and o == "内蒙古自治区" and p in ("partOf", "locatedIn") for s, p, o in rs)
    # a zone with no province named in brackets gets no such relation from the bracket rule
    rs = rels("内蒙古自治区全力推进开放。推进中国（国际）合作示范区建设。")
    assert not any(o == "内蒙古自治区" and "中国（" in s for s, p, o in rs)
