"""kg.read on real files: encodings, HTML, JSONL, header metadata and every kind of bad input.

Fixtures in tests/data are the sample speech and heads of real work reports in the
encodings and wrappers users send (regenerate with tests/data/make_fixtures.py); the rest
(FIFOs, unreadable files, large inputs) is made in tmp_path at test time.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from opencc import OpenCC

from kg.clean import clean_text
from kg.model import Document, Problem
from kg.read import decode, iter_documents, normalize_date, parse_header

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
ROOT = TESTS.parent
EXCERPT = (ROOT / "examples" / "guandu-2011-05-25.txt").read_text(encoding="utf-8")[:1500]
TITLE = "真抓实干 克难攻坚 奋力开创科学发展跨越腾飞新局面"


def read_all(*paths: str | Path, encoding: str | None = None) -> list[Document | Problem]:
    return list(iter_documents(list(paths), encoding=encoding))


def only_doc(*paths: str | Path, encoding: str | None = None) -> Document:
    items = read_all(*paths, encoding=encoding)
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def only_problem(*paths: str | Path, encoding: str | None = None) -> Problem:
    items = read_all(*paths, encoding=encoding)
    assert len(items) == 1 and isinstance(items[0], Problem), items
    problem = items[0]
    assert "\n" not in problem.message and ";" in problem.message  # one line, with advice
    return problem


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "name",
    ["guandu.utf8.txt", "guandu.utf8-bom.txt", "guandu.gbk.txt", "guandu.utf16.txt", "guandu.utf16be.txt",
     "guandu.crlf.txt"],
)
def test_encodings_decode_to_the_same_document(name: str) -> None:
    doc = only_doc(DATA / name)
    assert doc.text == clean_text(EXCERPT)
    assert doc.title == TITLE
    assert doc.date == "2011-05-25"
    assert doc.sha256 == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


def test_gb18030_is_preferred_over_gbk() -> None:
    """𠮷 exists only in GB18030: decoding as GBK would have failed or lost it."""
    doc = only_doc(DATA / "guandu.gb18030.txt")
    assert "官渡区𠮷" in doc.text
    assert doc.text.replace("𠮷", "", 1) == clean_text(EXCERPT)


def test_big5_traditional_text_keeps_its_script() -> None:
    doc = only_doc(DATA / "guandu.big5.txt")
    assert doc.text == clean_text(OpenCC("s2tw").convert(EXCERPT))
    assert doc.title == "真抓實幹 克難攻堅 奮力開創科學發展跨越騰飛新局面"
    assert doc.date == "2011-05-25"


def test_encoding_override() -> None:
    assert only_doc(DATA / "guandu.gbk.txt", encoding="gbk").text == clean_text(EXCERPT)
    problem = only_problem(DATA / "guandu.gbk.txt", encoding="utf-8")
    assert "not valid utf-8" in problem.message and "--encoding" in problem.message
    assert "(PDF)" in only_problem(DATA / "guandu.pdf", encoding="latin-1").message
    problem = only_problem(DATA / "guandu.gbk.txt", encoding="klingon")
    assert "unknown encoding 'klingon'" in problem.message


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "speech.txt"
    path.write_bytes(EXCERPT.encode(codec))
    assert only_doc(path).text == clean_text(EXCERPT)


def test_tiny_non_utf8_text_is_read_as_gb18030() -> None:
    """No detector can tell GB from Big5 in a few characters; mainland encodings win."""
    assert decode("官渡区".encode("gbk")) == "官渡区"
    assert decode("臺灣".encode("big5"), "big5") == "臺灣"  # Big5 that short needs --encoding


# ---------------------------------------------------------------- ids, folders


def test_id_is_the_path_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(TESTS)
    doc = only_doc("data/guandu.utf8.txt")
    assert doc.id == doc.source == "data/guandu.utf8.txt"
    docs = [d for d in iter_documents(["data"]) if isinstance(d, Document)]
    assert "data/guandu.gbk.txt" in {d.id for d in docs}
    assert "data/docs.jsonl#2" in {d.id for d in docs}


def test_folder_is_walked_recursively_sorted_and_reports_non_text_documents(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    shutil.copy(DATA / "guandu.utf8.txt", tmp_path / "b" / "deep" / "z.txt")
    shutil.copy(DATA / "guandu.gbk.txt", tmp_path / "a.txt")
    shutil.copy(DATA / "guandu.gbk.html", tmp_path / "b" / "page.htm")
    shutil.copy(DATA / "report-2026-hubei-province.txt", tmp_path / "b" / "notes.md")
    shutil.copy(DATA / "guandu.utf8.txt", tmp_path / ".git" / "HEAD.txt")  # hidden: skipped
    shutil.copy(DATA / "guandu.utf8.txt", tmp_path / ".hidden.txt")
    for other in ("guandu.pdf", "image.png", "archive.zip", "make_fixtures.py"):
        shutil.copy(DATA / other, tmp_path / "b" / other)
    items = read_all(tmp_path)
    docs = [i for i in items if isinstance(i, Document)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert [Path(i.id).relative_to(tmp_path).as_posix() for i in docs] == [
        "a.txt", "b/deep/z.txt", "b/notes.md", "b/page.htm"]
    # a PDF, an image and an archive in a corpus folder are named, other extensions skipped silently
    assert sorted(Path(p.source).name for p in problems) == ["archive.zip", "guandu.pdf", "image.png"]
    assert items == read_all(tmp_path)  # deterministic


def test_explicit_file_with_unknown_extension_is_read_as_text(tmp_path: Path) -> None:
    plain = tmp_path / "speech.dat"
    plain.write_bytes((DATA / "guandu.gbk.txt").read_bytes())
    assert only_doc(plain).text == clean_text(EXCERPT)
    page = tmp_path / "page.asp"
    page.write_bytes((DATA / "guandu.gbk.html").read_bytes())
    assert "<p>" not in only_doc(page).text
    assert read_all(tmp_path) == []  # but a folder skips them


def test_same_file_twice_is_read_once_and_duplicate_ids_are_problems(tmp_path: Path) -> None:
    same = DATA / "guandu.utf8.txt"
    items = read_all(same, DATA, same, DATA / ".." / "data" / same.name)
    assert [i.source for i in items].count(str(same)) == 1
    assert str(DATA / ".." / "data" / same.name) not in [i.source for i in items]
    twice = tmp_path / "twice.jsonl"
    twice.write_text('{"id": "a", "text": "甲"}\n{"id": "a", "text": "乙"}\n', encoding="utf-8")
    first, second = read_all(twice)
    assert isinstance(first, Document) and first.text == "甲"
    assert isinstance(second, Problem) and second.line == 2 and "duplicate document id 'a'" in second.message


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("guandu.pdf", ["not a text document (PDF)", "pdftotext"]),
        ("image.png", ["not a text document (PNG image)", "OCR"]),
        ("archive.zip", ["not a text document (ZIP archive)", "unpack"]),
        ("report.docx", ["not a text document (Word .docx)", "save it as .txt"]),
        ("empty.txt", ["empty file"]),
        ("blank.txt", ["no text left after cleaning"]),
    ],
)
def test_not_text(name: str, words: list[str]) -> None:
    problem = only_problem(DATA / name)
    assert problem.source == str(DATA / name)
    for word in words:
        assert word in problem.message


def test_binary_renamed_to_txt_is_still_refused(tmp_path: Path) -> None:
    fake = tmp_path / "report.txt"
    fake.write_bytes((DATA / "guandu.pdf").read_bytes())
    assert "(PDF)" in only_problem(fake).message
    nul = tmp_path / "data.txt"
    nul.write_bytes(os.urandom(64) + b"\x00" * 64 + bytes(range(256)))
    assert "binary data" in only_problem(nul).message


def test_missing_path_and_broken_link(tmp_path: Path) -> None:
    problem = only_problem(tmp_path / "nowhere.txt")
    assert "no such file" in problem.message
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    assert "broken symbolic link" in only_problem(link).message


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    start = time.monotonic()
    assert "not a regular file (a FIFO)" in only_problem(fifo).message
    items = read_all(tmp_path)  # inside a folder too
    assert len(items) == 1 and "FIFO" in items[0].message
    assert time.monotonic() - start < 5


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        locked = tmp_path / "locked.txt"
        shutil.copy(DATA / "guandu.utf8.txt", locked)
        locked.chmod(0)
        try:
            assert "permission denied" in only_problem(locked).message
        finally:
            locked.chmod(0o644)
        return
    # root reads any chmod-000 file; a write-only sysctl refuses even root, and reading
    # /proc/self/mem at offset 0 (unmapped) fails with EIO: both are real failing reads
    write_only = Path("/proc/sys/vm/drop_caches")
    if write_only.exists():
        assert "permission denied" in only_problem(write_only).message
    if Path("/proc/self/mem").exists():
        assert "cannot read (Input/output error)" in only_problem("/proc/self/mem").message


def test_good_documents_survive_bad_neighbours(tmp_path: Path) -> None:
    items = read_all(DATA / "guandu.pdf", tmp_path / "missing.txt", DATA / "guandu.utf8.txt", DATA / "empty.txt")
    assert [type(i).__name__ for i in items] == ["Problem", "Problem", "Document", "Problem"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".bin"]))
def test_arbitrary_bytes_never_raise(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    for item in iter_documents([path]):
        assert isinstance(item, (Document, Problem))
        if isinstance(item, Document):
            assert item.text and item.text == clean_text(item.text)
        else:
            assert "\n" not in item.message


# ---------------------------------------------------------------- JSONL


def test_jsonl_broken_lines_are_problems_and_good_lines_documents() -> None:
    path = DATA / "docs.jsonl"
    items = read_all(path)
    docs = {i.line: i for i in items if isinstance(i, Document)}
    problems = {i.line: i.message for i in items if isinstance(i, Problem)}
    assert sorted(docs) == [1, 2, 8]
    assert docs[1].id == "guandu-1" and docs[2].id == f"{path}#2" and docs[8].id == "7"
    assert all(d.source == str(path) for d in docs.values())
    # JSONL fields win over the header, the header fills the rest
    assert docs[1].title == "官渡区工作会议" and docs[1].date == "2011-05-25"
    assert docs[8].date == "2011-05-25"
    assert docs[1].text.startswith("真抓实干克难攻坚")
    assert sorted(problems) == [3, 4, 5, 7, 9]
    assert "not valid JSON" in problems[3]
    assert 'no "text" key' in problems[4]
    assert '"text" is a number' in problems[5]
    assert "got an array" in problems[7]
    assert "no text left" in problems[9]
    assert str(Problem(str(path), "x", 3)) == f"{path}:3: x"


def test_jsonl_in_gbk_and_utf16(tmp_path: Path) -> None:
    gbk = [i for i in read_all(DATA / "docs.gbk.jsonl")]
    assert [d.id for d in gbk] == ["guandu-gbk", f"{DATA / 'docs.gbk.jsonl'}#2"]
    utf16 = tmp_path / "docs.jsonl"
    rows = [json.dumps({"id": f"d{i}", "text": line}, ensure_ascii=False) for i, line in enumerate(EXCERPT.split("\n"))]
    utf16.write_bytes(("\r\n".join(rows) + "\r\n").encode("utf-16"))
    docs = read_all(utf16)
    assert [d.id for d in docs] == [f"d{i}" for i in range(len(rows))]
    assert docs[0].text == clean_text(EXCERPT.split("\n")[0])


def test_jsonl_bad_encoding_line_and_blank_only(tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_bytes(b'{"text": "\xe5\xae\x98\xe6\xb8\xa1"}\n{"text": "' + "官渡".encode("gbk") + b'"}\n'
                      + b'{"text": "\xff\xfe"}\n')
    first, second, third = read_all(mixed)
    assert isinstance(first, Document) and first.text == "官渡"  # UTF-8 line
    assert isinstance(second, Document) and second.text == "官渡"  # GBK line
    assert isinstance(third, Problem) and third.line == 3 and "--encoding" in third.message
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n  \n", encoding="utf-8")
    assert "only blank lines" in only_problem(blank).message


_PEAK = """
import resource, sys
from kg.read import iter_documents
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
count = sum(1 for _ in iter_documents([sys.argv[1]]))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(count, (after - before) * 1024)
"""


def _peak_growth(path: Path) -> tuple[int, int]:
    """Documents read and growth of the peak resident memory, in a fresh process."""
    out = subprocess.run([sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True, check=True)
    count, growth = out.stdout.split()
    return int(count), int(growth)


def test_large_inputs_do_not_blow_memory(tmp_path: Path) -> None:
    """A 50 MB JSONL is streamed: memory does not grow with the file. A large .txt is one
    document held whole, but costs a few copies of itself, not dozens."""
    line = json.dumps({"text": EXCERPT * 20}, ensure_ascii=False) + "\n"
    big_jsonl = tmp_path / "big.jsonl"
    with big_jsonl.open("w", encoding="utf-8") as f:
        for _ in range((50 << 20) // len(line.encode("utf-8")) + 1):
            f.write(line)
    count, growth = _peak_growth(big_jsonl)
    assert count > 600 and growth < 20 << 20
    big_txt = tmp_path / "big.txt"
    big_txt.write_bytes((EXCERPT * 8000).encode("gb18030"))  # 22 MB of GB18030, 12 million characters
    count, growth = _peak_growth(big_txt)
    assert count == 1 and growth < 6 * big_txt.stat().st_size


# ---------------------------------------------------------------- HTML


def test_html_page() -> None:
    doc = only_doc(DATA / "guandu.gbk.html")
    assert doc.title == TITLE  # the <h1>, without the site name the <title> adds
    assert doc.date == "2011-05-25"  # <meta name="PubDate">
    for gone in ("不应出现", "也不应出现", "text-indent", "首页", "注释", "<p>"):
        assert gone not in doc.text
    lines = doc.text.split("\n")
    assert lines[0] == clean_text(TITLE)
    assert "项目\t投资" in lines and "新机场\t230亿元" in lines
    assert "第一行" in lines and "第二行，加粗的字在源码里换行" in lines  # <br> breaks, source newlines do not


# ---------------------------------------------------------------- header metadata


def test_header_of_the_sample() -> None:
    header = parse_header(EXCERPT)
    assert header.title == TITLE
    assert header.date == "2011-05-25"
    assert header.author is None  # "作者:" is empty in the sample


@pytest.mark.parametrize(
    ("name", "title", "date", "author"),
    [
        ("report-2026-hubei-province.txt", "2026年湖北省政府工作报告", "2026-01-27", "李殿勋"),
        ("report-2025-hebei-province.txt", "2025年河北省政府工作报告", "2025-01-13", "王正谱"),
        ("report-2026-guizhou-province.txt", "2026年贵州省政府工作报告", "2026-01-27", "李炳军"),
        ("report-2026-shanghai-province.txt", "2026年上海市政府工作报告", "2026-02-03", "龚正"),
    ],
)
def test_header_of_real_reports(name: str, title: str, date: str, author: str) -> None:
    doc = only_doc(DATA / name)
    assert (doc.title, doc.date, doc.author) == (title, date, author)


@pytest.mark.parametrize(
    ("text", "date", "author"),
    [
        ("标题\n作者:张三 发布时间:2011/5/25", "2011-05-25", "张三"),
        ("标题\n二〇一一年五月二十五日", "2011-05-25", None),
        ("标题\n——２０２５年１月２０日在大会上", "2025-01-20", None),
        ("2025年甘肃省政府工作报告\n各位代表：\n2024年1月5日的事", "2025", None),  # body dates are not the date
        ("标题\n2011年5月\n前言", "2011-05", None),  # a short heading is no author
        ("标题\n2011年13月45日", None, None),
    ],
)
def test_header_variants(text: str, date: str | None, author: str | None) -> None:
    header = parse_header(text)
    assert (header.date, header.author) == (date, author)


def test_a_lone_line_or_a_sentence_is_no_title() -> None:
    assert parse_header("官渡区召开工作会议").title is None
    assert parse_header("官渡区召开工作会议。\n会议要求……").title is None
    assert parse_header("# 官渡区工作会议\n会议要求……").title == "官渡区工作会议"


def test_normalize_date() -> None:
    assert normalize_date("2011-05-25 07:34:12") == "2011-05-25"
    assert normalize_date("2011年5月25日") == "2011-05-25"
    assert normalize_date("2011.5.25") == "2011-05-25"
    assert normalize_date("2011") == "2011"
    assert normalize_date("yesterday") is None
