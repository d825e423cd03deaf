from kg.sentences import split_sentences

TEXT = "本次会议的主要任务是: 认真贯彻市委工作会议精神。我们必须准确把握；确保完成！\n\n第一，就经济结构来说? 问题很多\n   \n"


def test_offsets_cover_the_text_and_skip_blank_lines():
    ss = split_sentences(TEXT)
    assert [TEXT[s.start:s.end] for s in ss] == [
        "本次会议的主要任务是: 认真贯彻市委工作会议精神。", "我们必须准确把握；", "确保完成！",
        "第一，就经济结构来说?", "问题很多"]
    assert [s.index for s in ss] == list(range(len(ss)))


def test_closing_quote_stays_with_its_sentence():
    t = "他说：“要真抓实干。”下一句"
    ss = split_sentences(t)
    assert t[ss[0].start:ss[0].end] == "他说：“要真抓实干。”"


def test_empty():
    assert split_sentences("") == [] and split_sentences(" \n \n") == []
