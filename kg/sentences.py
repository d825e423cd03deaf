"""Sentence splitting with character offsets.

Relations are only read inside one sentence, so the split is deliberately coarse: it
breaks on the Chinese and Western sentence ends 。！？；!? and on newlines, keeps closing
quotes and brackets with the sentence they end, and never changes the text.
"""
from __future__ import annotations

import re

from kg.model import Sentence

_END = re.compile(r"[。！？；!?;]+[”’」』）)]*|\n+")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` (end exclusive), skipping empty or whitespace-only ones."""
    out: list[Sentence] = []
    start = 0
    for m in _END.finditer(text):
        _add(text, start, m.end() if m.group()[0] != "\n" else m.start(), out)
        start = m.end()
    _add(text, start, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), start, end))


def paragraph_starts(text: str) -> list[int]:
    """Offsets where a line (a paragraph in this genre) begins."""
    return [0] + [m.end() for m in re.finditer(r"\n", text)]
