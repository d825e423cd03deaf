from kg import gazetteer as gz


def test_divisions_have_parents_and_short_forms():
    dv = gz.divisions()
    guandu = dv.by_name["官渡区"][0]
    assert guandu.level == "county" and guandu.short == "官渡"
    assert [a.name for a in dv.ancestors(guandu)] == ["昆明市", "云南省"]
    assert dv.by_name["寻甸回族彝族自治县"][0].short == "寻甸"
    assert dv.by_name["内蒙古自治区"][0].short == "内蒙古"


def test_placeholders_and_ambiguous_short_forms_are_not_names():
    dv = gz.divisions()
    assert "市辖区" not in dv.by_name and "城区" not in dv.by_name
    assert dv.lookup("长治") == []  # 长治久安: only 长治市 in full
    assert dv.lookup("长治市")


def test_data_file_records_its_source():
    head = (gz.DATA_DIR / "divisions.tsv").read_text(encoding="utf-8").splitlines()[1]
    assert "cpca" in head


def test_lists_hold_general_knowledge():
    assert any(e.name == "西部大开发战略" and "西部大开发" in e.aliases for e in gz.strategies())
    assert any(e.name == "新加坡" for e in gz.places())
    assert "全区" in gz.generic() and "中央" in gz.generic()
    single, compound = gz.surnames()
    assert "王" in single and "欧阳" in compound
    assert gz.posts()[0][0] and len(gz.posts()[0][0]) >= len(gz.posts()[-1][0])


def test_national_agencies_with_their_short_forms():
    es = {e.name: e for e in gz.organizations()}
    assert "国家药监局" in es["国家药品监督管理局"].aliases
    assert "中央改革办" in es["中央全面深化改革委员会办公室"].aliases
    assert "国资委" not in es["国务院国有资产监督管理委员会"].aliases  # 省国资委 is a province's


def test_county_words_are_common_words_from_jieba():
    words = gz.county_words()
    assert {"前进", "资源", "新建"} <= words and "卓尼" not in words and "敦煌" not in words


def test_general_places_do_not_shadow_divisions():
    """World places, natural features and regions are general knowledge; none may replace a
    division's short form except the lakes and mountains better known than their county."""
    dv = gz.divisions()
    allowed = {"太湖", "泰山", "天山"}
    for e in gz.places():
        for s in (e.name, *e.aliases):
            assert s in allowed or not (s in dv.by_name or s in dv.by_short), s
    kinds = {e.kind for e in (*gz.places(), *gz.organizations(), *gz.strategies())}
    from kg.vocab import KIND_TO_CORE
    assert kinds <= set(KIND_TO_CORE)


def test_matcher_is_leftmost_longest():
    from kg.nlp import _matcher

    m = _matcher()
    text = "中共官渡区委和昆明市政府在云南省昆明市官渡区召开会议，推进一带一路建设，环泰山区域绿化。"
    got = [(s, e, v[0]) for s, e, v in m.longest(text)]
    # brute force over the same table
    want, last = [], -1
    for s in range(len(text)):
        if s < last:
            continue
        for e in range(min(len(text), s + 20), s + 1, -1):
            if text[s:e] in m.table:
                want.append((s, e, text[s:e]))
                last = e
                break
    assert got == want
    assert ("云南省", "AdministrativeRegion") in [(v[0], v[1]) for _, v in m.prefixes("云南省昆明市")]


def test_a_match_across_a_word_boundary_does_not_hide_the_next():
    # 2025 Shandong report: 推广|东营 — 广东 straddles jieba's words, so 东营 is the match
    from kg.extract import extract
    from kg.model import Document

    x = extract(Document(id="t", text="推广东营、滨州盐碱地综合利用经验。"))
    names = {e.name for e in x.entities}
    assert {"东营市", "滨州市"} <= names and "广东省" not in names


def test_post_levels():
    assert gz.post_level("省长") == "省" and gz.post_level("自治区主席") == "自治区"
    assert gz.post_level("书记") == ""


def test_every_un_member_state_is_a_country():
    countries = {e.name for e in gz.places() if e.kind == "Country"} | {
        a for e in gz.places() if e.kind == "Country" for a in e.aliases}
    for name in ("俄罗斯", "阿联酋", "几内亚比绍", "圣多美和普林西比", "图瓦卢", "南苏丹", "波黑", "中非共和国", "黑山共和国"):
        assert name in countries
    # short forms that are also something else are not listed alone (中非合作, 黑山县)
    assert "中非" not in countries and "黑山" not in countries
    assert sum(e.kind == "Country" for e in gz.places()) >= 193


def test_prefecture_short_forms_with_zhou():
    forms = gz.prefecture_short_forms()
    assert forms["海南州"].name == "海南藏族自治州" and forms["伊犁州"].name == "伊犁哈萨克自治州"
    assert forms["博州"].name == "博尔塔拉蒙古自治州"
    assert "巴州" not in forms  # 巴州区 of Bazhong owns that form
    assert all(f not in gz.divisions().by_name for f in forms)


def test_enterprises_universities_and_events_are_general_lists():
    for f in ("enterprises.tsv", "institutions.tsv", "events.tsv"):
        head = (gz.DATA_DIR / f).read_text(encoding="utf-8").splitlines()[0:4]
        assert any("general knowledge, compiled" in l for l in head), f
    es = {e.name: e for e in gz.organizations()}
    assert "中石化" in es["中国石油化工集团有限公司"].aliases and es["中国石油化工集团有限公司"].kind == "Enterprise"
    assert "国家管网" in es["国家石油天然气管网集团有限公司"].aliases
    assert "清华" in es["清华大学"].aliases and "中科大" in es["中国科学技术大学"].aliases
    assert "港交所" in es["香港交易所"].aliases
    ev = {e.name: e for e in gz.events()}
    assert "全运会" in ev["全国运动会"].aliases and ev["中国国际进口博览会"].kind == "Event"
    assert any(e.name == "全国运动会" for e in gz.entries()) and "进博会" in gz.jieba_words()


def test_company_and_university_short_forms_do_not_shadow_divisions_or_words():
    """Short forms that are division names or common words (阿里 is a prefecture, 南开 a district,
    小米 a grain, 美的 an adjective) stay out of the lists."""
    dv = gz.divisions()
    for e in (*gz.organizations(), *gz.events()):
        for s in (e.name, *e.aliases):
            assert not (s in dv.by_name or s in dv.by_short), s
            assert s not in ("阿里", "小米", "美的", "人大", "南大", "联想", "浪潮", "菜鸟", "三星", "苹果"), s
    seen = {}
    for e in gz.entries():
        for s in (e.name, *e.aliases):
            assert seen.setdefault(s, e.name) == e.name, s  # one surface, one entry


def test_general_knowledge_agreements_and_systems():
    from kg import gazetteer as gz
    by_alias = {a: e for e in gz.strategies() for a in (e.name, *e.aliases)}
    assert by_alias["RCEP"].name == "区域全面经济伙伴关系协定" and by_alias["RCEP"].kind == "Strategy"
    assert by_alias["北斗系统"].kind == "Project"
