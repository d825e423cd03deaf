"""Regenerate the reader's test fixtures from real documents.

    .venv/bin/python tests/data/make_fixtures.py [CORPUS_DIR]

Sources: the sample speech (examples/guandu-2011-05-25.txt) and the heads of real work
reports (../shared/corpus/reports by default). Each fixture is the same real text in
another encoding or wrapper, or a real non-text file (PDF, PNG, zip, docx) built by
hand from the format specs, so the tests exercise what users actually feed in.
Output is deterministic: running it twice gives identical bytes.
"""
from __future__ import annotations

import io
import json
import struct
import sys
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SAMPLE = ROOT / "examples" / "guandu-2011-05-25.txt"
CORPUS = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "reports"
#: report heads kept as fixtures: four header layouts (—— date line; inline speaker;
#: parenthesised date; a speaker name with a space in it)
REPORTS = ("2026-hubei-province.txt", "2025-hebei-province.txt", "2026-guizhou-province.txt",
           "2026-shanghai-province.txt")
EXCERPT = 1500  # characters of the sample per encoding fixture: small but real


def _excerpt() -> str:
    return SAMPLE.read_text(encoding="utf-8")[:EXCERPT]


def _pdf() -> bytes:
    """A minimal but valid one-page PDF (correct xref offsets), as a PDF exporter writes it."""
    content = b"BT /F1 12 Tf 20 50 Td (Guandu 2011) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _png() -> bytes:
    """A valid 2×2 RGB PNG (signature, IHDR, IDAT, IEND with CRCs)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def _zip(members: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in members.items():
            info = zipfile.ZipInfo(name, date_time=(2011, 5, 25, 7, 34, 12))  # fixed: reproducible bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)
    return out.getvalue()


def _html(text: str) -> str:
    lines = text.split("\n")
    paragraphs = "\n".join(f"<p>{line}</p>" for line in lines[2:6])
    return f"""<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{lines[0]}_官渡区人民政府</title>
<meta name="PubDate" content="2011-05-25 07:34">
<style>p {{ text-indent: 2em; }} .hidden {{ display: none }}</style>
<script>var tracker = "不应出现在正文里";</script>
</head><body>
<nav><a href="/">首页</a> | <a href="/zwgk">政务公开</a></nav>
<h1>{lines[0]}</h1>
<div class="info">{lines[1]}</div>
<!-- 注释也不是正文 -->
{paragraphs}
<table><tr><td>项目</td><td>投资</td></tr><tr><td>新机场</td><td>230亿元</td></tr></table>
<p>第一行<br>第二行，<b>加粗</b>的字
在源码里换行</p>
<script type="text/javascript">document.write("也不应出现");</script>
</body></html>
"""


def main() -> None:
    from opencc import OpenCC

    text = _excerpt()
    files: dict[str, bytes] = {
        "guandu.utf8.txt": text.encode("utf-8"),
        "guandu.utf8-bom.txt": text.encode("utf-8-sig"),
        "guandu.gbk.txt": text.encode("gbk"),
        # a character outside GBK (𠮷, four bytes in GB18030) proves gb18030 is used
        "guandu.gb18030.txt": text.replace("官渡区", "官渡区𠮷", 1).encode("gb18030"),
        "guandu.utf16.txt": text.encode("utf-16"),  # with BOM, native order
        "guandu.utf16be.txt": b"\xfe\xff" + text.encode("utf-16-be"),
        # Taiwan-standard forms: all of them exist in Big5, unlike OpenCC's default 爲/裏
        "guandu.big5.txt": OpenCC("s2tw").convert(text).encode("big5"),
        "guandu.crlf.txt": text.replace("\n", "\r\n").encode("utf-8"),
        "guandu.gbk.html": _html(text).encode("gbk"),
        "guandu.pdf": _pdf(),
        "image.png": _png(),
        "archive.zip": _zip({"a.txt": text}),
        "report.docx": _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}),
        "empty.txt": b"",
        "blank.txt": " \r\n\u3000\u200b\n\t\n".encode("utf-8"),
    }
    paragraphs = text.split("\n")
    rows = [
        json.dumps({"id": "guandu-1", "text": "\n".join(paragraphs[:3]), "title": "官渡区工作会议",
                    "date": "2011年5月25日", "url": "ignored"}, ensure_ascii=False),
        json.dumps({"text": paragraphs[3]}, ensure_ascii=False),
        '{"id": "broken", "text": "未闭合的引号}',
        json.dumps({"id": "no-text", "body": paragraphs[4]}, ensure_ascii=False),
        json.dumps({"id": "number-text", "text": 42}),
        "",
        json.dumps([paragraphs[4]], ensure_ascii=False),
        json.dumps({"id": 7, "text": paragraphs[4], "date": "2011-05-25 07:34:12"}, ensure_ascii=False),
        json.dumps({"id": "empty-text", "text": " \u3000 "}, ensure_ascii=False),
    ]
    files["docs.jsonl"] = ("\n".join(rows) + "\n").encode("utf-8")
    gbk_rows = [rows[0].replace('"guandu-1"', '"guandu-gbk"'), rows[1]]
    files["docs.gbk.jsonl"] = ("\n".join(gbk_rows) + "\n").encode("gbk")
    for name in REPORTS:
        head = (CORPUS / name).read_text(encoding="utf-8").split("\n")[:8]
        files[f"report-{name}"] = ("\n".join(head) + "\n").encode("utf-8")
    for name, data in files.items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(files)} fixtures to {HERE}")


if __name__ == "__main__":
    main()
