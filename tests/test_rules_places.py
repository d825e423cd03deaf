"""Naming patterns of places, transport and facilities (kg.components.patterns, names), each on short
real sentences of provincial work reports (/work/shared/corpus/reports), with sentences where the
rule must not fire."""
from .conftest import span_names, spans


# ------------------------------------------------------------------ stations

def test_station_named_by_its_city_and_a_direction(nlp):
    # 2026-anhui
    assert ("合肥西站", "Facility") in spans(nlp, "合新高铁安徽段、合肥西站建成运营，亳州机场建成通航")
    # 2026-shaanxi
    assert ("西安东站", "Facility") in spans(nlp, "确保西康、西十高铁、西安东站和府谷、定边机场建成投运")


def test_bare_direction_station_is_not_a_station(nlp):
    # 2026-tianjin: 西站 is the district's nickname here, not a named station
    got = spans(nlp, "积极推进站产城融合发展，西站同城商务区建设提速")
    assert not any(t == "西站" for t, _ in got)
    # the station names the business district around it (names._areas)
    assert ("西站同城商务区", "Zone") in got


# ------------------------------------------------------------------ lines named by abbreviated ends

def test_road_lines_by_abbreviated_ends(nlp):
    # 2026-chongqing
    got = spans(nlp, "建成投用重庆东站、渝厦高铁重庆东至黔江段、渝湘复线高速等340个市级重点项目")
    assert {("重庆东站", "Facility"), ("渝湘复线高速", "InfrastructureProject")} <= got
    # 2026-tianjin: the section goes with the line
    assert ("京滨城际南段", "InfrastructureProject") in spans(nlp, "京滨城际南段、津潍高铁、京津塘高速改扩建顺利推进")


def test_high_speed_as_adjective_or_counted_is_no_line(nlp):
    # 2026-jilin (保持高速增长), 2026-neimenggu (东中西高速公路大通道), 2025-gansu (三大高速公路)
    assert not any("高速" in t for t in span_names(nlp, "游客人次和出游总花费保持高速增长"))
    assert "东中西高速公路" not in span_names(nlp, "东中西高速公路大通道和沿边331国道全线贯通")
    assert "三大高速公路" not in span_names(nlp, "市场化实施三大高速公路新通道项目14个")


def test_roads_by_their_two_ends_before_a_counted_head(nlp):
    # 2025-qinghai
    assert ("乐都至化隆", "InfrastructureProject") in spans(nlp, "乐都至化隆等7条公路建成通车")
    # 2026-shaanxi: the verb before the first end is not part of the name
    got = span_names(nlp, "开工周至至乾县、改扩建西安至永寿等高速公路")
    assert "西安至永寿" in got and "改扩建西安至永寿" not in got


def test_numbered_border_road(nlp):
    # 2026-heilongjiang
    assert ("331边防路", "InfrastructureProject") in spans(nlp, "加快醉美龙江331边防路等“快进慢游”交通网络建设")


# ------------------------------------------------------------------ mountains, islands, bays and lakes

def test_landforms_with_a_proper_stem(nlp):
    # 2025-qinghai
    got = spans(nlp, "西宁“豹街”、拉脊山观日出、岗什卡登山和户外徒步等火爆出圈")
    assert ("拉脊山", "Place") in got
    assert "岗什卡登山" not in {t for t, _ in got}  # 登山 is climbing, not a mountain
    # 2026-heilongjiang
    assert ("黑瞎子岛", "Place") in spans(nlp, "黑瞎子岛中俄联合保护开发规划正式签署")
    # 2025-zhejiang: a bay named by its city; 环 is not part of the name
    got = span_names(nlp, "提升环杭州湾、温台沿海等现代产业带辐射功能")
    assert "杭州湾" in got and "环杭州湾" not in got


def test_landform_heads_in_generic_words_are_no_names(nlp):
    # 2025-gansu (绿色矿山), 2025-zhejiang (金山银山), 2026-fujian (山水林田湖草沙, 美丽海湾)
    assert not span_names(nlp, "新建绿色矿山34座") & {"绿色矿山"}
    assert "金山银山" not in span_names(nlp, "精心组织绿水青山就是金山银山理念提出20周年系列活动")
    assert not any(t.startswith("山水林田湖") for t in span_names(nlp, "坚持山水林田湖草沙一体化保护和系统治理"))
    got = span_names(nlp, "生态文明建设示范区、“两山”实践创新基地、美丽河湖、美丽海湾、和美海岛数量均居全国前列")
    assert not got & {"美丽海湾", "和美海岛", "美丽河湖"}


# ------------------------------------------------------------------ reservoirs, canals and channels

def test_reservoirs_canals_and_channels(nlp):
    # 2026-xizang, 2025-guangxi, 2026-zhejiang (the capacity is not part of the name)
    assert ("东嘎水库", "Facility") in spans(nlp, "开工建设东嘎水库")
    assert "平陆运河" in span_names(nlp, "平陆运河投资完成工程概算的64.6%")
    got = span_names(nlp, "30万吨级条帚门航道建成投运")
    assert "条帚门航道" in got and not any(t.startswith("30") for t in got)


def test_kinds_of_reservoirs_and_channels_are_no_names(nlp):
    # 2025-jiangxi, 2026-jiangsu
    assert not any("水库" in t for t in span_names(nlp, "推进实施新一轮病险水库除险加固项目"))
    assert not any("航道" in t for t in span_names(nlp, "打造“水运江苏”现代化水网和高等级航道网"))


# ------------------------------------------------------------------ ports

def test_ports_with_a_proper_stem_and_a_country_before_a_port(nlp):
    # 2025-hainan: 阿联酋 is the country, 阿布扎比港 the port
    got = span_names(nlp, "洋浦港与阿联酋阿布扎比港共建“一带一路”姊妹港")
    assert {"洋浦港", "阿联酋", "阿布扎比港"} <= got
    assert "阿联酋阿布扎比港" not in got and "姊妹港" not in got


def test_port_kinds_and_companies_are_no_ports(nlp):
    # 2026-tianjin (新和成 is a company), 2025-ningxia (中联云港 a company), 2025-hainan (自贸港)
    assert "成南港" not in span_names(nlp, "推动“117项目”核心区、新和成南港新材料、飞毛腿绿色储能")
    assert "中联云港" not in span_names(nlp, "中国能建、中联云港、中金数据等总投资1000亿元以上的数据算力项目")
    assert not any(t.endswith("自贸港") and len(t) <= 3 for t in span_names(nlp, "也是海南自贸港封关运作的攻坚之年"))


# ------------------------------------------------------------------ villages and towns

def test_named_villages_and_towns(nlp):
    # 2025-ningxia: members of a list
    got = spans(nlp, "龙泉村、姚磨村入选世界旅游联盟50个典型案例")
    assert {("龙泉村", "Place"), ("姚磨村", "Place")} <= got
    # 2026-xizang
    assert ("樟木镇", "Place") in spans(nlp, "加快樟木镇恢复重建")
    # 2026-sichuan: the county before the village is not part of its name
    got = span_names(nlp, "丹巴县基卡依村入选世界“最佳旅游乡村”")
    assert "基卡依村" in got and "丹巴县基卡依村" not in got
    # 2026-xizang: right after the city, whatever the words before it
    assert "嘎拉村" in span_names(nlp, "给林芝市嘎拉村全体村民回信")


def test_kinds_of_villages_and_slogans_are_no_names(nlp):
    # 2026-chongqing (以城带乡, 强镇带村), 2026-anhui (示范村, 中心村)
    assert not any(t.endswith("乡") for t in span_names(nlp, "五年来，我们坚持以城带乡、协同共进，城乡融合发生新变化"))
    assert not any(t.endswith("村") for t in span_names(nlp, "新建精品示范村205个、省级中心村816个"))
    assert "强镇带村" not in span_names(nlp, "持续深化小县大城、强镇带村、强村富民贯通联动改革")


# ------------------------------------------------------------------ logistics hubs and sub-bases

def test_cold_chain_base_named_by_a_place_outside_the_divisions(nlp):
    # 2025-hainan
    assert "洋浦国家骨干冷链物流基地" in span_names(nlp, "洋浦国家骨干冷链物流基地获批建设，农产品“最初一公里”短板加快补齐")
    # 2026-shaanxi, 2026-neimenggu: a count or a list member before the designation is no name
    assert not any(t.endswith("冷链物流基地") for t in span_names(nlp, "加快宝鸡、延安等4个国家骨干冷链物流基地"))
    assert not any(t.endswith("物流枢纽") for t in span_names(nlp, "推动7个国家物流枢纽"))


def test_sub_base_named_after_its_base(nlp):
    # 2025-qinghai
    got = span_names(nlp, "新能源占比最高的柴达木沙漠基地格尔木东分基地获批")
    assert "格尔木东分基地" in got and "柴达木沙漠基地格尔木东分基地" not in got


# ------------------------------------------------------------------ airports and listed works (names)

def test_airport_after_a_verb_and_airport_kinds(nlp):
    # 2025-qinghai: 投运 opens the clause, not the name
    got = span_names(nlp, "全面建成投运西宁机场三期")
    assert "西宁机场三期" in got and "投运西宁机场三期" not in got
    # 2026-chongqing (机场群 is a cluster), 2026-heilongjiang (双跑道运行机场 is a kind)
    assert not any("机场" in t for t in span_names(nlp, "协同提升成渝世界级机场群能级"))
    assert "双跑道运行机场" not in span_names(nlp, "哈尔滨机场成为东北地区首个双跑道运行机场")


def test_listed_works_that_are_kinds(nlp):
    # 2025-qinghai
    got = span_names(nlp, "香日德水库及配套灌区等工程前期")
    assert "香日德水库" in got and "配套灌区" not in got


# ------------------------------------------------------------------ sites after a verb's complement or a ring

def test_sites_after_a_complement_or_a_ring(nlp):
    # 2025-qinghai (实施好), 2026-xinjiang (环…沙漠), 2025-hainan (环…国家公园)
    got = span_names(nlp, "实施好三江源国家公园总体规划")
    assert "三江源国家公园" in got and "好三江源国家公园" not in got
    got = span_names(nlp, "全长3046公里的环塔克拉玛干沙漠生态屏障实现合龙")
    assert "塔克拉玛干沙漠" in got and "环塔克拉玛干沙漠" not in got
    assert "环热带雨林国家公园" not in span_names(nlp, "推进环岛旅游公路、环热带雨林国家公园旅游公路驿站及周边配套建设")


def test_kinds_of_scenic_sites_are_no_names(nlp):
    # 2026-xizang
    assert not any(t.endswith("景区") for t in span_names(nlp, "推动演艺、文创、非遗进景区和星级酒店"))


def test_every_road_of_a_list_named_by_its_ends(nlp):
    # 2025-guangxi: the verb before the first member is not part of it
    got = span_names(nlp, "开工龙胜至宜州、南宁东高环至黎塘段、南宁至北海二通道等高速公路")
    assert {"龙胜至宜州", "南宁东高环至黎塘段", "南宁至北海二通道"} <= got
    assert "开工龙胜至宜州" not in got


def test_tunnels_and_locks(nlp):
    # 2026-xinjiang: the kind before the dash is no tunnel's name
    got = span_names(nlp, "世界最长高速公路隧道——天山胜利隧道贯通、乌尉高速全线通车")
    assert {"天山胜利隧道", "乌尉高速"} <= got and not any(t.endswith("公路隧道") for t in got)
    # 2026-anhui
    got = span_names(nlp, "推进阜阳复线船闸、沱浍河航道整治工程等建设")
    assert {"阜阳复线船闸", "沱浍河航道"} <= got


def test_cruise_ports_by_their_place(nlp):
    # 2025-guangxi, 2025-hainan; 2026-tianjin: the kind alone is no port
    assert "北部湾国际邮轮母港" in span_names(nlp, "北部湾国际邮轮母港开港")
    assert "三亚国际邮轮港" in span_names(nlp, "开工三亚国际邮轮港")
    assert not span_names(nlp, "邮轮母港接待邮轮91艘次、旅客30余万人次")


def test_ports_of_entry_by_their_name(nlp):
    # 2025-gansu, 2025-guangxi (the kind of crossing goes with the name), 2025-henan
    assert "马鬃山口岸" in span_names(nlp, "推动马鬃山口岸复通")
    assert "友谊关智慧口岸" in span_names(nlp, "全面建成友谊关智慧口岸")
    assert "郑州航空口岸" in span_names(nlp, "郑州航空口岸240小时过境免签政策落地实施")


def test_kinds_of_ports_of_entry_are_no_names(nlp):
    # 2025-gansu, 2026-chongqing, 2026-xinjiang
    assert not any(t.endswith("口岸") for t in span_names(nlp, "推动综保区、铁路、航空口岸一体化发展"))
    assert not any(t.endswith("口岸") for t in span_names(nlp, "优化开放口岸功能"))
    assert not any(t.endswith("口岸") for t in span_names(nlp, "对外开放口岸增至19个"))


# ------------------------------------------------------------------ streets

def test_streets_named_after_their_city(nlp):
    # 2026-xinjiang, 2026-jilin, 2025-qinghai (a quoted one-character stem)
    got = spans(nlp, "喀什古城、伊犁六星街、库车龟兹小巷等")
    assert {("六星街", "Place"), ("龟兹小巷", "Place")} <= got
    assert ("新民大街", "Place") in spans(nlp, "长春新民大街等历史街区历史建筑焕新亮相")
    assert ("豹街", "Place") in spans(nlp, "西宁“豹街”、拉脊山观日出、岗什卡登山和户外徒步等火爆出圈")


def test_kinds_of_streets_are_no_names(nlp):
    # 2026-shaanxi (商旅名街), 2025-gansu (步行街)
    assert not any(t.endswith("街") for t in span_names(nlp, "打造15条商旅名街"))
    assert not any(t.endswith("街") for t in span_names(nlp, "改造提升步行街、特色餐饮街区"))


# ------------------------------------------------------------------ scenic sites by their grade

def test_sites_named_as_the_subject_of_a_grade(nlp):
    # 2025-gansu, 2025-hainan (quoted), 2026-zhejiang (a list; 云和 is a county, its 和 no conjunction)
    assert ("冶力关", "Place") in spans(nlp, "冶力关成功创建国家5A级景区")
    assert ("天涯海角", "Place") in spans(nlp, "“天涯海角”获评国家5A级景区")
    got = span_names(nlp, "台州府城、云和梯田、金华双龙成功创建国家5A级旅游景区")
    assert {"台州府城", "云和梯田", "金华双龙"} <= got and "梯田" not in got
    # 2026-neimenggu: a listing as a national archaeological park
    got = spans(nlp, "辽上京、土城子、萨拉乌苏遗址入选国家考古遗址公园")
    assert {("辽上京", "Place"), ("土城子", "Place"), ("萨拉乌苏遗址", "Place")} <= got


def test_grades_without_a_named_subject(nlp):
    # 2026-chongqing, 2026-fujian
    assert not any(t.endswith("景区") for t in span_names(nlp, "国家5A级旅游景区增至12家"))
    assert not any(t.endswith("景区") for t in span_names(nlp, "推动创建更多5A级旅游景区和国家级旅游度假区、休闲街区"))


def test_quoted_name_classified_by_a_site_head(nlp):
    # 2026-xizang: a site, not a slogan
    got = spans(nlp, "加快“冈仁波齐—玛旁雍错”等精品景区和文旅数智化建设")
    assert ("冈仁波齐—玛旁雍错", "Project") in got and not any(k == "Strategy" for _, k in got)
    # 2026-fujian: a quoted slogan without a site head stays what the quote rules make of it
    assert ("百乡千村万里路", "Strategy") in spans(nlp, "推进“百乡千村万里路”建设")


def test_sites_named_as_the_subject_of_a_heritage_nomination(nlp):
    # 2026-neimenggu (the dash joins one site's parts), 2026-chongqing (a list), 2025-ningxia (after a verb)
    assert ("巴丹吉林沙漠—沙山湖泊群", "Place") in spans(nlp, "巴丹吉林沙漠—沙山湖泊群成功申遗")
    assert {"白鹤梁题刻", "蜀道（重庆段）"} <= span_names(nlp, "推进白鹤梁题刻、蜀道（重庆段）等申遗")
    assert "西夏陵" in span_names(nlp, "全力争取西夏陵申遗成功")


def test_heritage_kinds_are_no_sites(nlp):
    # 2025-shandong: common words only
    assert "候鸟栖息地" not in span_names(nlp, "黄河口国家公园创建任务基本完成，候鸟栖息地入选世界自然遗产")
