"""kg.clean: text normalisation and traditional → simplified for matching."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from opencc import OpenCC

from kg.clean import clean_label, clean_text, to_simplified

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = (ROOT / "examples" / "guandu-2011-05-25.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # the stray spaces of the sample, a copy-pasted PDF
        ("认真贯彻市委工作会议精神, 全面总结上半年工作", "认真贯彻市委工作会议精神,全面总结上半年工作"),
        ("坚定信心、 锁定目标、 真抓实干", "坚定信心、锁定目标、真抓实干"),
        ("“十一五” 规划圆满超额完成", "“十一五”规划圆满超额完成"),
        ("真抓实干\u3000克难攻坚", "真抓实干克难攻坚"),
        ("2024 年 GDP 增长 5.2%", "2024年GDP增长5.2%"),
        ("（二） 要准确把握", "（二）要准确把握"),
        # spaces between Latin words and numbers stay
        ("the Belt and Road Initiative 2013", "the Belt and Road Initiative 2013"),
        ("COVID 19 and 5G", "COVID 19 and 5G"),
        # newlines, blank lines, line ends
        ("第一段\r\n第二段\r第三段", "第一段\n第二段\n第三段"),
        ("\n\n  标题  \n\n\n\n正文 \t\n\n", "标题\n\n正文"),
        ("第一页\f第二页", "第一页\n第二页"),
        # invisible and control characters
        ("官\u200b渡\ufeff区\u00ad政府\x00\x07", "官渡区政府"),
        ("a\tb", "a\tb"),
        ("\u202e右到左\u202c", "右到左"),
        # NFC
        ("Cafe\u0301", "Café"),
        # the script is kept: labels keep what the document wrote
        ("發展規劃", "發展規劃"),
    ],
)
def test_clean_text_examples(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_clean_text_on_the_sample_keeps_every_line_and_character() -> None:
    cleaned = clean_text(SAMPLE)
    assert cleaned.count("\n") == SAMPLE.strip().count("\n")
    assert cleaned.startswith("真抓实干克难攻坚奋力开创科学发展跨越腾飞新局面\n")
    assert "中共官渡区委书记、昆明空港经济区党工委书记保建彬" in cleaned
    # only spaces were removed, and those between Latin words and numbers were kept
    def no_space(s: str) -> str:
        return s.replace("\n", "").replace(" ", "").replace("\u3000", "")

    assert no_space(cleaned) == no_space(SAMPLE)
    assert "2011-05-25 07:34:12" in cleaned


def test_clean_text_long_input_with_many_slices() -> None:
    """A multi-megabyte input is cleaned in slices; the result must equal cleaning line by line."""
    text = ("精神, 全面 \r\n\r\n\r\n" * 200_000) + "末尾 ,  结束"
    cleaned = clean_text(text)
    assert cleaned == "\n\n".join(["精神,全面"] * 200_000) + "\n\n末尾,结束"


def test_clean_label_keeps_spaces_between_phrases() -> None:
    assert clean_label(" 真抓实干 \u3000克难攻坚\n奋力开创\u200b ") == "真抓实干 克难攻坚 奋力开创"


def test_to_simplified_real_passage() -> None:
    """A traditional version of the sample maps back to (almost exactly) the simplified original."""
    passage = clean_text(SAMPLE[:3000])
    traditional = OpenCC("s2tw").convert(passage)
    back = to_simplified(traditional)
    assert len(back) == len(traditional)
    same = sum(a == b for a, b in zip(back, passage))
    assert same / len(passage) > 0.995
    assert to_simplified("發展規劃，臺灣，後來") == "发展规划，台湾，后来"


def test_to_simplified_is_fast() -> None:
    import time

    text = OpenCC("s2t").convert(SAMPLE) * 100  # ~1 million characters
    start = time.perf_counter()
    to_simplified(text)
    assert time.perf_counter() - start < 1.0


# ---------------------------------------------------------------- properties on arbitrary Unicode

_nasty = st.sampled_from(
    list("\r\n\t \u3000\u00a0\u200b\u200d\u202e\u2028\u2029\x00\x1b\x7f\x85\ufeff\u0301\u3099<>&\"'“”‘’「」，。、")
    + ["\r\n", "😀", "👨\u200d👩\u200d👧", "مرحبا", "שלום", "發展", "官渡区", "カ\u3099", "ᄀ\u1161", "e\u0301", "\ud800"]
)
_texts = st.lists(st.one_of(st.text(max_size=20), _nasty), max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(_texts)
@example("a" * 100_000 + " 中" * 1000)
@example("カ \u3099")
def test_clean_text_never_crashes_and_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "\r" not in once
    assert not any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\n\t" for c in once)
    assert once == once.strip()
    assert "\n\n\n" not in once
    once.encode("utf-8")  # always writable and hashable


@settings(max_examples=400, deadline=None)
@given(_texts)
def test_to_simplified_keeps_length(text: str) -> None:
    out = to_simplified(text)
    assert len(out) == len(text)
    # characters outside the table are untouched
    assert all(a == b for a, b in zip(text, out) if not ("\u3400" <= a <= "\u9fff" or a > "\uffff"))


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_clean_label_is_one_line_and_idempotent(text: str) -> None:
    once = clean_label(text)
    assert clean_label(once) == once
    assert "\n" not in once
