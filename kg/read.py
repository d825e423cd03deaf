"""Read documents from files and folders: detect the encoding, strip HTML, read header metadata.

Real corpora are messy: GBK exports, Big5 archives, UTF-16 from Word, PDFs renamed .txt,
JSONL dumps with a broken line. ``iter_documents`` never raises on bad input: every input
it cannot read becomes a ``Problem`` whose message says what to do, and every other input
still becomes a ``Document``, so one bad file never costs a whole build.
"""
from __future__ import annotations

import codecs
import hashlib
import io
import json
import os
import re
import stat
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.clean import clean_label, clean_text
from kg.model import Document, Problem

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: what a folder is searched for; other files in folders are skipped silently
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
_UNWRITABLE = re.compile("[\ud800-\udfff]")
#: Documents people drop into a corpus folder that are not text: reported (with what to do)
#: rather than skipped in silence, so a folder of PDFs does not build an empty graph quietly.
NOT_TEXT_SUFFIXES = frozenset({".pdf", ".doc", ".docx", ".odt", ".rtf", ".wps", ".xls", ".xlsx", ".ppt", ".pptx",
                               ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp",
                               ".zip", ".rar", ".7z", ".gz", ".tar", ".bz2", ".xz"})

DETECT_SAMPLE = 1 << 20  # bytes handed to the encoding detector; the whole file is decoded
TINY = 256  # bytes below which detection is a coin toss between GB18030 and Big5


class ReadError(Exception):
    """An input that cannot be read; its message becomes ``Problem.message``."""


# ---------------------------------------------------------------------------- public API


def iter_documents(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], encoding: str | None = None
) -> Iterator[Document | Problem]:
    """Yield a Document for every readable input and a Problem for every other one.

    ``paths`` are files or folders; folders are walked recursively in sorted order and
    only their .txt/.md/.html/.htm/.jsonl files are read (hidden files and folders are
    skipped); PDFs, office files, images and archives found there are reported as Problems. A file named explicitly is read whatever its extension. ``encoding``
    overrides detection for every input (e.g. "gb18030"). Never raises for bad input;
    the caller decides what a Problem means (the CLI exits non-zero).
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if encoding is not None:
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            for p in paths:
                yield Problem(str(Path(p)), f"unknown encoding {encoding!r}; use a codec name such as utf-8, gb18030, big5 or utf-16")
            return
    files: set[str] = set()  # real paths already read: a file named twice is read once
    ids: dict[str, tuple[str | None, int | None]] = {}  # id -> where it was first read
    for given in paths:
        for item in _iter_path(Path(given), encoding, files):
            if isinstance(item, Document):
                first = ids.setdefault(item.id, (item.source, item.line))
                if first != (item.source, item.line):
                    where = f"{first[0]}:{first[1]}" if first[1] else first[0]
                    item = Problem(item.source or item.id, f"duplicate document id {item.id!r} (first read from "
                                   f"{where}); give every document its own id", item.line)
            yield item


def read_file(path: str | os.PathLike[str], encoding: str | None = None) -> Iterator[Document | Problem]:
    """Read one file as if it were named explicitly (any extension is tried as text)."""
    yield from _read_file(Path(path), encoding)


@dataclass(frozen=True)
class Header:
    title: str | None = None
    date: str | None = None
    author: str | None = None


def parse_header(text: str) -> Header:
    """Title, date and author from the first lines of a document, where it states them.

    Understands the layouts of speeches and work reports: the title on the first line;
    a date line such as "作者: 发布时间:2011-05-25 07:34:12 点击率:170" or
    "——2026年1月27日在湖北省第十四届人民代表大会第四次会议上"; the speaker on the next line
    ("湖北省人民政府省长 李殿勋") or inside the date line ("…会议上河北省人民政府省长王正谱作政府工作报告").
    The author is the person's name without the post. Only the first few short lines are
    read, so a date deep in the body is never taken for the document's date.
    """
    lines = _header_lines(text)
    if not lines:
        return Header()
    title = lines[0].lstrip("#").strip() or None
    one_line = "\n" not in text[:4000].strip()
    if title and (one_line or len(title) > 100 or title.endswith(("。", "；", "，", ".", ";", ","))
                  or _FIELD_LABEL.search(title)):
        title = None  # a lone line or a sentence is text, not a title
    date = author = None
    date_index = None
    for i, line in enumerate(lines):
        found = _find_date(line)
        if found and len(found) == 10:
            date, date_index = found, i
            break
    if date is None:  # a year and month, then the year in the title ("2025年甘肃省政府工作报告")
        date = next((d for d in map(_find_date, lines) if d), None)
        if date is None and title and (m := _TITLE_YEAR.search(title)):
            date = m.group(1)
    m = _AUTHOR_FIELD.search("\n".join(lines))
    if m and not re.search("[:：]", m.group(1)):
        author = m.group(1)
    if author is None and date_index is not None:
        m = _INLINE_SPEAKER.search(lines[date_index])
        author = m.group(1) if m else None
    if author is None:
        for i, line in enumerate(lines[1:], 1):
            author = _speaker_line(line, right_after_date=date_index is not None and i == date_index + 1)
            if author:
                break
    return Header(title, date, author)


def normalize_date(value: str) -> str | None:
    """ISO date (YYYY-MM-DD, YYYY-MM or YYYY) from the ways Chinese documents write one."""
    return _find_date(str(value), allow_year=True)


def decode(data: bytes, encoding: str | None = None, *, declared: str | None = None) -> str:
    """Decode bytes of a text document; raise ReadError (with advice) when it is not text.

    Order: the caller's ``encoding``; a BOM (UTF-8, UTF-16, UTF-32); strict UTF-8; the
    encoding an HTML page declares; charset-normalizer's guess (GB encodings read as
    gb18030, their superset; Big5 as cp950/big5hkscs). Bytes that look binary are refused
    before any guess is made, so a PDF never becomes a page of mojibake.
    """
    kind = sniff_binary(data)  # even with an explicit encoding: latin-1 would "decode" a PDF
    if kind:
        raise ReadError(kind)
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as e:
            raise ReadError(f"not valid {encoding} (byte 0x{data[e.start]:02x} at offset {e.start}); "
                            "pass the right --encoding or leave it out to detect it") from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(_BOM_CODECS[codec], errors="replace")  # these codecs drop the BOM
    if b"\x00" in data[:65536]:
        codec = _utf16_without_bom(data[:65536])
        if codec is None:
            raise ReadError("not a text document (binary data: NUL bytes); convert it to plain text first")
        return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for codec in _candidates(data, declared):
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    raise ReadError("could not detect the text encoding; pass it explicitly, e.g. --encoding gb18030 or --encoding big5")


def sniff_binary(data: bytes) -> str | None:
    """A Problem message if ``data`` starts like a known binary format, else None."""
    for magic, name, advice in _MAGIC:
        if data.startswith(magic):
            if name == "ZIP archive":
                name, advice = _zip_kind(data)
            return f"not a text document ({name}); {advice}"
    return None


def html_to_text(markup: str) -> tuple[str, Header]:
    """Visible text of an HTML page (block elements become lines) and its metadata.

    Scripts, styles, comments and navigation go; whitespace inside a paragraph is
    collapsed as a browser would; <br>, paragraphs, headings, list items and table rows
    start new lines and table cells are separated by tabs. Title from the page's
    ArticleTitle/og:title meta, <title> or <h1>; date from PubDate-style metas.
    """
    from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction

    soup = BeautifulSoup(markup, "html.parser")
    title = _meta(soup, "ArticleTitle", "og:title", "title")
    if not title:
        page = soup.title.get_text(" ") if soup.title else ""
        h1 = soup.find("h1")
        heading = h1.get_text(" ").strip() if h1 else ""
        # "<title>Article_Site name</title>" with "<h1>Article</h1>": the heading is the title
        title = heading if heading and (heading in page or not page.strip()) else page
    date = _meta(soup, "PubDate", "publishdate", "pubdate", "article:published_time", "date", "dc.date")
    author = _meta(soup, "author")
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    for node in soup.find_all(string=lambda s: isinstance(s, (Comment, Doctype, Declaration, ProcessingInstruction))):
        node.extract()
    body = soup.body or soup
    for node in body.find_all(string=True):
        if not node.find_parent(["pre", "textarea"]):
            node.replace_with(_HTML_SPACE.sub(" ", str(node)))
    for tag in body.find_all("br"):
        tag.replace_with("\n")
    for tag in body.find_all(["td", "th"]):
        tag.insert_after("\t")
    for tag in body.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    text = body.get_text()
    header = Header(
        clean_label(title) or None if title else None,
        normalize_date(date) if date else None,
        clean_label(author) or None if author else None,
    )
    return text, header


# ---------------------------------------------------------------------------- files and folders


def _iter_path(path: Path, encoding: str | None, files: set[str]) -> Iterator[Document | Problem]:
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            yield Problem(str(path), f"broken symbolic link (points to {os.readlink(path)}); fix or remove the link")
        else:
            yield Problem(str(path), "no such file or folder; check the path")
        return
    except OSError as e:
        yield Problem(str(path), f"cannot access ({e.strerror}); check the path and its permissions")
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _iter_folder(path, encoding, files)
    elif stat.S_ISREG(st.st_mode):
        real = os.path.realpath(path)
        if real not in files:  # e.g. a folder and a file inside it both named
            files.add(real)
            yield from _read_file(path, encoding)
    else:
        yield Problem(str(path), f"not a regular file ({_file_kind(st.st_mode)}); pass a text file or a folder")


def _iter_folder(folder: Path, encoding: str | None, files: set[str]) -> Iterator[Document | Problem]:
    errors: list[OSError] = []
    found: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += (Path(root) / n for n in names
                  if not n.startswith(".") and Path(n).suffix.lower() in SUFFIXES | NOT_TEXT_SUFFIXES)
    for e in errors:
        yield Problem(str(e.filename), f"cannot read this folder ({e.strerror}); check its permissions")
    for path in sorted(found, key=lambda p: p.parts):
        yield from _iter_path(path, encoding, files)


def _read_file(path: Path, encoding: str | None) -> Iterator[Document | Problem]:
    """Documents of one file; any unexpected failure becomes a Problem, never an exception."""
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, encoding)
        else:
            yield _read_whole(path, encoding, html=suffix in HTML_SUFFIXES, known=suffix in SUFFIXES)
    except ReadError as e:
        yield Problem(str(path), str(e))
    except MemoryError:
        yield Problem(str(path), "too large to read into memory; split it into smaller files")
    except Exception as e:  # a bug or an OS oddity: report it and let the build go on
        yield Problem(str(path), f"unexpected error ({type(e).__name__}: {_one_line(str(e))}); please report it")


def _read_bytes(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except PermissionError:
        raise ReadError("permission denied; make the file readable (chmod +r) or run as its owner") from None
    except IsADirectoryError:
        raise ReadError("is a folder, not a file") from None
    except OSError as e:
        raise ReadError(f"cannot read ({e.strerror}); check the file and the disk") from None


def _read_whole(path: Path, encoding: str | None, *, html: bool, known: bool) -> Document | Problem:
    data = _read_bytes(path)
    if not data:
        return Problem(str(path), "empty file; nothing to read")
    if not html and not known and _looks_like_html(data):
        html = True
    if html:
        declared = None if encoding else _declared_charset(data)
        text, meta = html_to_text(decode(data, encoding, declared=declared))
    else:
        text, meta = decode(data, encoding), Header()
    del data  # a large input should not be held twice more than needed
    return _make_document(str(path), text, source=str(path), meta=meta)


def _read_jsonl(path: Path, encoding: str | None) -> Iterator[Document | Problem]:
    """One document a line, streamed: a 50 MB dump never sits in memory whole."""
    try:
        f = open(path, "rb")
    except PermissionError:
        raise ReadError("permission denied; make the file readable (chmod +r) or run as its owner") from None
    except OSError as e:
        raise ReadError(f"cannot read ({e.strerror}); check the file and the disk") from None
    with f:
        head = f.read(65536)
        f.seek(0)
        if not head:
            yield Problem(str(path), "empty file; nothing to read")
            return
        kind = sniff_binary(head)
        if kind:
            yield Problem(str(path), kind)
            return
        codec = encoding or _jsonl_encoding(head)
        if codec.replace("_", "-").startswith(("utf-16", "utf-32")):  # not ASCII-compatible: decode as a stream
            lines: Iterator[bytes | str] = iter(io.TextIOWrapper(f, encoding=codec, errors="replace", newline="\n"))
        else:
            lines = iter(f)
        any_line = False
        source = str(path)  # one string shared by every document of the file
        for lineno, raw in enumerate(lines, 1):
            if isinstance(raw, bytes):
                try:
                    # valid UTF-8 is UTF-8 (GBK or Big5 text almost never is); else the file's guess
                    raw = raw.decode(codec) if encoding else _utf8_or(raw, codec)
                except UnicodeDecodeError:
                    yield Problem(str(path), f"line is not valid {codec}; pass the file's --encoding (e.g. gb18030)", lineno)
                    continue
            if lineno == 1:
                raw = raw.lstrip("\ufeff")
            if not raw.strip():
                continue
            any_line = True
            yield _jsonl_document(path, source, raw, lineno)
        if not any_line:
            yield Problem(str(path), "no documents (only blank lines); nothing to read")


def _jsonl_document(path: Path, source: str, raw: str, lineno: int) -> Document | Problem:
    try:
        row = json.loads(raw.rstrip("\r\n"))
    except json.JSONDecodeError as e:
        return Problem(source, f"not valid JSON: {e.msg} (column {e.colno}); fix or remove this line", lineno)
    except (ValueError, RecursionError) as e:
        return Problem(source, f"not valid JSON ({_one_line(str(e)) or type(e).__name__}); fix or remove this line", lineno)
    if not isinstance(row, dict):
        return Problem(source, f'expected a JSON object with a string "text", got {_json_type(row)}; fix this line', lineno)
    text = row.get("text")
    if not isinstance(text, str):
        got = "no \"text\" key" if "text" not in row else f'"text" is {_json_type(text)}'
        return Problem(source, f'{got}; each line needs a string "text" field', lineno)
    doc_id = row.get("id")
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or not clean_label(str(doc_id)):
        doc_id = f"{path}#{lineno}"
    elif _UNWRITABLE.search(str(doc_id)):  # a lone surrogate cannot be written to any output file
        return Problem(source, '"id" holds a lone surrogate (an unpaired \\ud8xx escape); fix this line', lineno)
    meta = Header(
        _str_field(row.get("title"), clean_label),
        _str_field(row.get("date"), normalize_date),
        _str_field(row.get("author"), clean_label),
    )
    return _make_document(str(doc_id), text, source=source, line=lineno, meta=meta)


def _make_document(doc_id: str, text: str, *, source: str, meta: Header, line: int | None = None) -> Document | Problem:
    """Clean the text, fill metadata the source did not give from the header, hash."""
    header = parse_header(text)
    cleaned = clean_text(text)
    if not cleaned:
        return Problem(source, "no text left after cleaning (only whitespace or control characters); nothing to read", line)
    return Document(
        id=doc_id,
        text=cleaned,
        title=meta.title or header.title,
        date=meta.date or header.date,
        author=meta.author or header.author,
        source=source,
        line=line,
        sha256=_sha256(cleaned),
    )


# ---------------------------------------------------------------------------- encodings

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: codecs that read the BOM and drop it
_BOM_CODECS = {"utf-8": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16", "utf-32-le": "utf-32",
               "utf-32-be": "utf-32"}

_GB = {"gb2312", "gbk", "gb18030", "hz", "hz-gb-2312", "cp936", "euc-cn", "x-gbk", "euccn", "ms936"}
_BIG5 = {"big5", "big5hkscs", "cp950", "big5-hkscs", "x-big5"}


def _preferred(name: str) -> list[str]:
    """Codecs to try for a detected or declared encoding: supersets first."""
    key = name.lower().replace("_", "-")
    if key in _GB:
        return ["gb18030"]
    if key in _BIG5:
        return ["cp950", "big5hkscs", "big5"]
    try:
        return [codecs.lookup(name).name]
    except LookupError:
        return []


def _candidates(data: bytes, declared: str | None) -> Iterator[str]:
    """Codecs to try, best first, each once; lazily, so the costly full-file guess runs
    only when the guess from the sample fails to decode the whole file."""
    seen: set[str] = set()

    def fresh(names: Iterable[str]) -> Iterator[str]:
        for name in names:
            if name not in seen:
                seen.add(name)
                yield name

    if declared:
        yield from fresh(_preferred(declared))
    if len(data) < TINY:  # a detector cannot tell GB from Big5 in a few characters: bet on the mainland
        yield from fresh(["gb18030"])
    sample = data[:DETECT_SAMPLE]
    if len(data) > DETECT_SAMPLE and (cut := sample.rfind(b"\n")) > 0:
        sample = sample[: cut + 1]  # never end inside a multibyte character: the guess would fail
    yield from fresh(_detect(sample))
    if len(data) > DETECT_SAMPLE:
        yield from fresh(_detect(data))
    yield from fresh(["gb18030", "cp950"])  # too short to detect: the likely encodings of Chinese text


def _detect(sample: bytes) -> list[str]:
    """charset-normalizer's guesses, CJK and Unicode encodings first (this is a Chinese corpus)."""
    from charset_normalizer import from_bytes

    codecs_: list[str] = []
    for match in from_bytes(sample):
        codecs_ += _preferred(match.encoding)
    # UTF-16/32 without a BOM or NULs is a misguess on short input (BOMs and NULs are handled before)
    codecs_ = [c for c in codecs_ if not c.startswith(("utf-16", "utf-32"))]
    chinese = [c for c in codecs_ if c in ("gb18030", "cp950", "big5hkscs", "big5", "utf-8")]
    return chinese + [c for c in codecs_ if c not in chinese]


_TEXTLIKE = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u024f\u2000-\u206f\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 without a BOM: NULs gather on one side of each byte pair (ASCII, and CJK such as
    一 U+4E00), and the decoded text is almost all letters, CJK and punctuation. Binary is not."""
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for codec, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros > 2 * other:
            try:
                text = sample[: len(sample) // 2 * 2].decode(codec)
            except UnicodeDecodeError:
                continue
            if len(_TEXTLIKE.findall(text)) >= 0.95 * len(text):
                return codec
    return None


def _utf8_or(raw: bytes, codec: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode(codec)


def _jsonl_encoding(head: bytes) -> str:
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return _BOM_CODECS[codec]
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # the sample may end mid-character
        return "utf-8"
    except UnicodeDecodeError:
        pass
    return next(_candidates(head, None))


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:8192])
    return m.group(1).decode("ascii") if m else None


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


# ---------------------------------------------------------------------------- binary formats

_CONVERT = "convert it to text first"
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "PDF", f"{_CONVERT}, e.g. pdftotext -enc UTF-8 FILE.pdf FILE.txt"),
    (b"\x89PNG\r\n\x1a\n", "PNG image", "run OCR on it or supply the text"),
    (b"\xff\xd8\xff", "JPEG image", "run OCR on it or supply the text"),
    (b"GIF87a", "GIF image", "run OCR on it or supply the text"),
    (b"GIF89a", "GIF image", "run OCR on it or supply the text"),
    (b"II*\x00", "TIFF image", "run OCR on it or supply the text"),
    (b"MM\x00*", "TIFF image", "run OCR on it or supply the text"),
    (b"PK\x03\x04", "ZIP archive", "unpack it and pass the text files"),
    (b"PK\x05\x06", "ZIP archive", "unpack it and pass the text files"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office file (.doc/.xls/.ppt)", f"{_CONVERT}, e.g. save it as .txt"),
    (b"{\\rtf", "RTF document", f"{_CONVERT}, e.g. save it as .txt"),
    (b"\x1f\x8b", "gzip archive", "decompress it first (gunzip)"),
    (b"BZh", "bzip2 archive", "decompress it first (bunzip2)"),
    (b"\xfd7zXZ\x00", "xz archive", "decompress it first (unxz)"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive", "unpack it and pass the text files"),
    (b"Rar!\x1a\x07", "RAR archive", "unpack it and pass the text files"),
    (b"\x7fELF", "executable", "pass a text document"),
    (b"SQLite format 3\x00", "SQLite database", "export the text first"),
    (b"%!PS", "PostScript", f"{_CONVERT}, e.g. ps2ascii"),
)


def _zip_kind(data: bytes) -> tuple[str, str]:
    """Office files are zip archives; name the real format, so the advice fits."""
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        names = []
    if any(n.startswith("word/") for n in names):
        return "Word .docx", f"{_CONVERT}, e.g. save it as .txt or run pandoc -t plain"
    if any(n.startswith("xl/") for n in names):
        return "Excel .xlsx", "export the text column to .txt or JSONL first"
    if any(n.startswith("ppt/") for n in names):
        return "PowerPoint .pptx", f"{_CONVERT}"
    if "mimetype" in names or any(n.endswith(".opf") for n in names):
        return "OpenDocument/EPUB file", f"{_CONVERT}"
    return "ZIP archive", "unpack it and pass the text files"


def _file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "a special file"


# ---------------------------------------------------------------------------- header metadata

_HEADER_LINES = 6
_HEADER_LINE_MAX = 150  # longer lines are body text
_SALUTATION = re.compile(r"^(各位代表|同志们|各位委员|女士们|尊敬的)")
_FIELD_LABEL = re.compile(r"(发布时间|发布日期|点击率|浏览次数|来源)\s*[:：]")
_AUTHOR_FIELD = re.compile(r"作者\s*[:：][ \t\u3000]*(\S+)")
_POSTS = "省长|市长|主席|区长|县长|州长|盟长|旗长|书记|主任|部长|厅长|局长|总理"
_INLINE_SPEAKER = re.compile(rf"(?:{_POSTS})[ \u3000]*([\u4e00-\u9fff·]{{2,8}}?)[ \u3000]*(?:作|在|同志|的讲话|讲话)")
_SPEAKER_LINE = re.compile(rf"^(?:\S*?(?:{_POSTS}))?[ \u3000]*(?P<name>[\u4e00-\u9fff][\u4e00-\u9fff· \u3000]{{0,14}})$")
_POST_PREFIX = re.compile(rf"^\S*?(?:{_POSTS})")
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def _header_lines(text: str) -> list[str]:
    lines = []
    for line in text[:4000].splitlines():
        line = clean_label(line)
        if not line:
            continue
        if lines and (_SALUTATION.match(line) or len(line) > _HEADER_LINE_MAX):
            break
        lines.append(line)
        if len(lines) == _HEADER_LINES:
            break
    return lines


def _speaker_line(line: str, *, right_after_date: bool) -> str | None:
    """The name on a line of its own: "湖北省人民政府省长 李殿勋", "上海市市长 龚 正", "毛伟明"."""
    if len(line) > 30 or re.search(r"[\d:：，,。]", line):
        return None
    m = _SPEAKER_LINE.match(line)
    if not m:
        return None
    name = re.sub(r"[ \u3000]", "", m.group("name"))
    has_post = bool(_POST_PREFIX.match(line)) and m.start("name") > 0
    if has_post and 2 <= len(name) <= 12:
        return name
    if not has_post and right_after_date and 2 <= len(name) <= 4:
        return name
    return None


_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0, "O": 0, "0": 0}
_FULLWIDTH = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")
_YMD = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})(?!\d)")
_YM = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月")
_CN_NUM = "〇一二三四五六七八九十零○Ｏ"
_CN_YMD = re.compile(rf"([{_CN_NUM}]{{4}})年([{_CN_NUM}]{{1,3}})月(?:([{_CN_NUM}]{{1,3}})日)?")
_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年?\s*$")


def _cn_number(s: str) -> int:
    """一 → 1, 十二 → 12, 二十五 → 25, 三十一 → 31 (the numbers months and days need)."""
    if "十" in s:
        tens, _, units = s.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0)
    return _CN_DIGITS.get(s, -1)


def _iso(year: int, month: int, day: int | None) -> str | None:
    if not (1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    import datetime

    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _find_date(line: str, allow_year: bool = False) -> str | None:
    """The first date in ``line`` as ISO: full dates first, then year-month, then (if allowed) a bare year."""
    line = line.translate(_FULLWIDTH)
    for m in _YMD.finditer(line):
        if iso := _iso(int(m.group(1)), int(m.group(2)), int(m.group(3))):
            return iso
    for m in _CN_YMD.finditer(line):
        year = "".join(str(_CN_DIGITS.get(c, "")) for c in m.group(1))
        if len(year) == 4:
            day = _cn_number(m.group(3)) if m.group(3) else None
            if iso := _iso(int(year), _cn_number(m.group(2)), day):
                return iso
    for m in _YM.finditer(line):
        if iso := _iso(int(m.group(1)), int(m.group(2)), None):
            return iso
    if allow_year and (m := _YEAR.match(line)):
        return m.group(1)
    return None


# ---------------------------------------------------------------------------- small helpers

_DROP_TAGS = ["script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "nav", "head"]
_BLOCK_TAGS = ["address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt", "fieldset",
               "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
               "main", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "ul", "title"]
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")


def _meta(soup, *names: str) -> str | None:
    wanted = {n.lower() for n in names}
    for tag in soup.find_all("meta"):
        key = (tag.get("name") or tag.get("property") or tag.get("itemprop") or "").lower()
        if key in wanted and (value := (tag.get("content") or "").strip()):
            return value
    return None


def _sha256(text: str, step: int = 1 << 20) -> str:
    """Hex digest of the UTF-8 text, encoded a slice at a time (no full-size bytes copy)."""
    digest = hashlib.sha256()
    for i in range(0, len(text), step):
        digest.update(text[i : i + step].encode("utf-8"))
    return digest.hexdigest()


def _str_field(value: object, convert) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return convert(value) or None


def _json_type(value: object) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number")


def _one_line(s: str) -> str:
    return " ".join(s.split())[:200]
