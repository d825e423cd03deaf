"""The segmenter's dictionary: jieba's words plus the gazetteer's names, segmented in Rust.

Segmentation is jieba's algorithm over jieba's dictionary, run by jieba-rs (the ``rjieba``
binding): the same words as ``jieba.cut(text, HMM=False)`` (a test checks it on the reports)
at about twenty times the speed, where jieba itself was two thirds of the build's time.

jieba is still the authority on the dictionary. Once per gazetteer and jieba version it
computes what ``jieba.add_word`` gives each gazetteer name (the frequency that keeps the name
whole, which depends on the names added before it), which words the dictionary holds as
common ones, and the part-of-speech tags some rules read (verbs and adverbs, and the tags of
the gazetteer's names); all go to one cache file. A process then only builds jieba-rs's dictionary and
adds those names with those frequencies, in the same order, so the two segmenters agree word
for word.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg import gazetteer as gz

#: A dictionary word at least this frequent is a common word (组合拳, 生产), not a coined name;
#: rarer ones are not kept in memory.
COMMON_FREQ = 5
_CACHE_VERSION = 3
#: jieba tags kept for every word of its dictionary that has one: verbs and adverbs.
_KEPT_TAGS = ("v", "ad", "d")


@dataclass(frozen=True)
class Dictionary:
    segmenter: object  # rjieba.Jieba
    common: dict[str, int]  # the dictionary's words of frequency >= COMMON_FREQ, with it
    tags: dict[str, str]  # jieba's tag of its verbs and adverbs and of the gazetteer's names it holds

    def cut(self, text: str) -> list[str]:
        """jieba's words for ``text`` (no HMM guessing of unknown words: only boundaries matter)."""
        return self.segmenter.cut(text, False)

    def frequency(self, word: str) -> int:
        """jieba's frequency of ``word`` if it is a common word, else 0."""
        return self.common.get(word, 0)

    def is_common(self, word: str) -> bool:
        return word in self.common

    def tag(self, word: str) -> str | None:
        """jieba's part-of-speech tag of ``word`` (倚重 v, 充分 ad, 万象 n), if kept."""
        return self.tags.get(word)


@lru_cache(maxsize=1)
def dictionary() -> Dictionary:
    """The dictionary, built once per process from the cache (made by jieba when missing)."""
    import rjieba

    path = cache_path()
    try:
        if path is None:
            raise OSError("no cache folder")
        version, added, common, tags = marshal.loads(path.read_bytes())
        if version != _CACHE_VERSION:
            raise ValueError(version)
    except (OSError, ValueError, EOFError, TypeError):
        added, common, tags = _from_jieba()
        if path is not None:
            _write_cache(path, marshal.dumps((_CACHE_VERSION, added, common, tags)))
    seg = rjieba.Jieba()
    for word, freq in added:
        seg.add_word(word, freq, None)
    return Dictionary(seg, common, tags)


def _from_jieba(tok=None) -> tuple[list[tuple[str, int]], dict[str, int], dict[str, str]]:
    """What jieba's add_word makes of each gazetteer name not in its dictionary, in order, the
    dictionary's common words once they are added (the order matters: each word added raises
    the total the next frequency is computed against), and the tags kept (see Dictionary.tags).
    ``tok`` is a fresh jieba Tokenizer by default, so jieba's global one is never changed."""
    tok = tok or jieba_tokenizer()
    freq = tok.FREQ
    names = list(gz.jieba_words())
    added = []
    for w in names:
        if not freq.get(w):  # words jieba already knows keep their own frequency
            tok.add_word(w)
            added.append((w, freq[w]))
    common = {w: f for w, f in freq.items() if f >= COMMON_FREQ}
    known = set(names)
    tags = {w: t for w, t in _jieba_lines() if t in _KEPT_TAGS or w in known}
    return added, common, tags


def _jieba_lines():
    """(word, tag) of every line of jieba's dictionary."""
    import os

    path = os.path.join(os.path.dirname(_import_jieba().__file__), "dict.txt")
    with open(path, encoding="utf-8") as f:
        for line in f:
            w, _, rest = line.partition(" ")
            yield w, rest.rsplit(" ", 1)[-1].strip()


def jieba_tokenizer():
    """A new jieba Tokenizer over jieba's own dictionary, initialised."""
    tok = _import_jieba().Tokenizer()
    tok.initialize()
    return tok


def _import_jieba():
    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        # jieba only uses pkg_resources to open its own data files and falls back to open();
        # importing pkg_resources costs more than the rest of jieba's import
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
        try:
            import jieba
        finally:
            del sys.modules["pkg_resources"]
    import jieba

    jieba.setLogLevel(60)
    return jieba


def cache_path() -> Path | None:
    """Keyed by the versions of jieba and jieba-rs, by the gazetteer files and by the code that
    reads them, so that an edit of any of them rebuilds it; in a per-user folder, since the cache
    is unmarshalled (None when there is none: then nothing is cached)."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha1(str(_CACHE_VERSION).encode())
    for pkg in ("jieba", "rjieba"):
        try:
            h.update(f"{pkg}={version(pkg)}".encode())
        except PackageNotFoundError:
            pass
    for f in [*sorted(gz.DATA_DIR.iterdir()), Path(gz.__file__), Path(__file__)]:
        if f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    folder = Path(base) / "kg"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return folder / f"dictionary-{h.hexdigest()[:16]}.cache"


def _write_cache(path: Path, data: bytes) -> None:
    from kg.atomic import atomic_write

    try:
        with atomic_write(path, mode="wb") as f:
            f.write(data)
        for old in path.parent.glob("dictionary-*.cache"):  # caches of other versions
            if old != path:
                old.unlink(missing_ok=True)
        for old in path.parent.glob("jieba-*.cache"):  # the jieba caches kg kept before
            old.unlink(missing_ok=True)
    except OSError:  # pragma: no cover - a read-only cache folder: no cache, same result
        pass
