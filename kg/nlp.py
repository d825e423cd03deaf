"""The spaCy pipeline that finds entity mentions: blank ``zh`` with the jieba segmenter and
small rule and gazetteer components, each registered with ``@Language.factory``.

Components work on characters (regexes and a longest-match table over the gazetteer)
and use jieba's tokens only as word boundaries, so that a short name is not matched inside a
longer word (空港 inside 航空港, 区委 inside 社区委员会).  Each component adds candidates
``(start, end, kind)`` to ``doc.user_data["kg"]``; the last one, ``kg_spans``, drops
overlapping candidates, splits tokens where a mention starts or ends inside one, and writes
the result to ``doc.spans["kg"]`` with the finest ontology class as the span label.
Nested mentions of a different class are kept (区委 inside 区委书记): the resolve and
relation stages read the structure of names from them.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from kg import components  # noqa: F401  - registers the components' factories
from kg import gazetteer as gz
# names other modules and the tests import from here
from kg.components.common import _FACILITY, _FACILITY_HEAD, _ZONE_SUFFIX, CJK, CORE_OF, NATIONAL_POSTS, _within  # noqa: F401
from kg.components.gazetteer import _matcher  # noqa: F401
from kg.components.spans import SpanComponent, select  # noqa: F401
from kg.components.tokenizer import JiebaTokenizer
from kg.components.zones import _place_prefix, zone_shorts  # noqa: F401


# ------------------------------------------------------------------ pipeline

PIPES = ("kg_gazetteer", "kg_zones", "kg_bodies", "kg_strategies", "kg_projects", "kg_names", "kg_meetings", "kg_people", "kg_spans")


@lru_cache(maxsize=1)
def make_nlp() -> Language:
    """The pipeline, built once per process.

    Start-up is dominated by jieba's dictionary: it is loaded from a cache of its own that
    already holds the gazetteer words (see ``_load_jieba``), and the tokenizer builds the Doc
    straight from jieba's words, which cover the text exactly.
    """
    _load_jieba()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    # no component reads lexeme attributes (like_num, shape …): computing them for every new
    # word costs more than the segmentation of it
    from spacy.attrs import LANG
    nlp.vocab.lex_attr_getters = {k: v for k, v in nlp.vocab.lex_attr_getters.items() if k == LANG}
    nlp.tokenizer = JiebaTokenizer(nlp.vocab)
    for p in PIPES:
        nlp.add_pipe(p)
    return nlp


def _jieba_cache_path() -> Path:
    """Where jieba's dictionary with the gazetteer words is cached: keyed by jieba's version and
    dictionary, and by the gazetteer files, so that an edit of either rebuilds it."""
    import hashlib
    import tempfile

    import jieba

    h = hashlib.sha1(getattr(jieba, "__version__", "").encode())
    dict_path = Path(jieba.dt.dictionary or Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME)
    if dict_path.is_file():
        st = dict_path.stat()
        h.update(f"{dict_path}:{st.st_size}:{st.st_mtime_ns}".encode())
    for f in sorted(gz.DATA_DIR.iterdir()):
        if f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    # a per-user cache folder, not the shared temp dir: the cache is unmarshalled, so nobody
    # else may be able to plant one
    import os

    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    folder = Path(jieba.dt.tmp_dir) if jieba.dt.tmp_dir else Path(base) / "kg"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        folder = Path(tempfile.mkdtemp(prefix="kg-jieba-"))
    return folder / f"jieba-{h.hexdigest()[:16]}.cache"


def _load_jieba() -> None:
    """jieba's prefix dictionary plus the gazetteer words, ready to segment.

    ``jieba.initialize`` unmarshals its cache from a file object (slow) and ``jieba.add_word``
    segments every word it adds; both are done once and the result (FREQ, total) cached to
    one file that is read whole here.  A missing or unreadable cache is rebuilt.
    """
    import marshal
    import sys

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
    dt = jieba.dt
    if dt.initialized and getattr(dt, "_kg_words", False):
        return
    path = _jieba_cache_path()
    try:
        dt.FREQ, dt.total = marshal.loads(path.read_bytes())
        dt.initialized = True
        dt._kg_words = True
        return
    except (OSError, ValueError, EOFError, TypeError):
        pass
    jieba.initialize()
    freq = dt.FREQ
    for w in gz.jieba_words():
        if not freq.get(w):  # words jieba already knows need no entry
            jieba.add_word(w)
    dt._kg_words = True
    try:
        import os
        import tempfile
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".kg-jieba-")
        try:
            with os.fdopen(fd, "wb") as f:
                marshal.dump((dt.FREQ, dt.total), f)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:  # pragma: no cover - a read-only cache folder: no cache, same result
        pass


def kind_label(kind: str) -> str:
    """Core class of a finest class."""
    return CORE_OF[kind]
