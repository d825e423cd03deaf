"""Text cleaning: make copy-pasted, exported and scraped text safe to extract from.

``clean_text`` produces the text every offset refers to, so it must be deterministic and
idempotent (cleaning a cleaned text changes nothing): a document re-read from mentions.jsonl
or re-built incrementally must get the same offsets. Labels keep what the document wrote;
``to_simplified`` exists only to *match* traditional text against simplified dictionaries,
and keeps the length so that offsets found in its output are valid in its input.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

# Line breaks other than LF: CRLF, CR, vertical tab, form feed (PDF page breaks), NEL, LS, PS.
_NEWLINES = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")

# Characters that carry no text: C0/C1 controls (but \t and \n), zero-width and bidi
# controls, BOM, soft hyphen, and lone surrogates (JSON "\ud800" escapes; they cannot
# even be encoded as UTF-8, so hashing or writing them would fail later).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ud800-\udfff]"
)

# What counts as "CJK" for the space repair: ideographs (with compatibility and extension
# blocks), CJK symbols and punctuation, kana, bopomofo, CJK strokes, enclosed CJK,
# fullwidth and halfwidth forms, vertical and small-form punctuation.
_CJK = (
    "\u2e80-\u2fdf\u3001-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3200-\u33ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003134f"
)
# Horizontal spaces a PDF copy leaves: ASCII, NBSP, the typographic spaces, ideographic space.
_SPACE = " \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# A run of spaces after a CJK character, or before one. Written to start with the space
# class (not a lookbehind) so the regex engine skips straight to spaces: 1.5× faster.
_CJK_SPACES = re.compile(f"[{_SPACE}](?<=[{_CJK}][{_SPACE}])[{_SPACE}]*|[{_SPACE}]+(?=[{_CJK}])")

# Whitespace at either end of a line (Python's \s minus the newline itself).
_LINE_ENDS = re.compile(r"^[^\S\n]+|[^\S\n]+$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{3,}")


_SLICE = 1 << 20


def _slices(text: str) -> Iterator[str]:
    """``text`` in pieces of about _SLICE characters, each ending with a newline (but the last)."""
    start = 0
    while len(text) - start > _SLICE:
        cut = text.find("\n", start + _SLICE)
        if cut < 0:
            break
        yield text[start : cut + 1]
        start = cut + 1
    yield text[start:] if start else text


def _clean_lines(text: str) -> str:
    text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _CJK_SPACES.sub("", text)
    return _LINE_ENDS.sub("", text)


def clean_text(text: str) -> str:
    """Return ``text`` normalised for extraction; idempotent.

    Newlines become LF; invisible and control characters (except tab and newline) go;
    spaces next to a CJK character or CJK/fullwidth punctuation go (the stray spaces of
    copy-pasted PDFs: "精神, 全面" → "精神,全面", "2024 年" → "2024年"), while spaces
    between Latin words or numbers stay; each line is stripped, runs of blank lines
    become one blank line, and the result is NFC. The document's own characters and
    script (traditional or simplified) are kept.
    """
    # Line-local steps run on ~1 MB slices cut after a newline: a re.sub with many matches
    # holds every piece at once, which for a 50 MB document would cost several copies.
    text = "".join(_clean_lines(part) for part in _slices(text))
    text = _BLANK_RUNS.sub("\n\n", text).strip("\n")
    # NFC last: the steps above only remove characters, and composing can only turn
    # characters into others of the same kind, so a second pass finds nothing to do.
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


_WHITESPACE_RUNS = re.compile(r"\s+")


def clean_label(text: str) -> str:
    """One-line form of a title, name or label: invisible characters dropped, every run of
    whitespace one space, NFC. Unlike ``clean_text`` it keeps the spaces a title puts
    between CJK phrases ("真抓实干 克难攻坚"), since labels keep what the document wrote."""
    text = _INVISIBLE.sub("", text)
    text = _WHITESPACE_RUNS.sub(" ", text).strip()
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=1)
def _t2s_table() -> dict[int, int]:
    """Traditional → simplified, one character to one character, from OpenCC's t2s table.

    Only one-to-one entries are kept (the first candidate where OpenCC lists several), so
    ``str.translate`` can never change the length of a text.
    """
    import opencc  # the reimplementation ships its dictionaries as plain text files

    table: dict[int, int] = {}
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    with path.open(encoding="utf-8") as f:
        for row in f:
            key, _, values = row.rstrip("\n").partition("\t")
            first = values.split(" ")[0] if values else ""
            if len(key) == 1 and len(first) == 1 and key != first:
                table[ord(key)] = ord(first)
    return table


def to_simplified(text: str) -> str:
    """Map traditional characters to simplified ones, character by character.

    For matching only (gazetteers and rules are written in simplified Chinese); the
    output has exactly the length of the input, so an offset found in it is an offset
    into ``text``. Character-level mapping misses the few phrase-dependent choices OpenCC's
    phrase table makes (乾隆 becomes 干隆, 瞭解 stays 瞭解); fine for matching, and fast
    (one ``str.translate``) where OpenCC's pure-Python phrase segmentation is not.
    """
    return text.translate(_t2s_table())
