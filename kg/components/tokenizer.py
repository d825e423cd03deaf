"""The tokenizer of the pipeline: jieba's words as tokens (segmented by kg.components.dictionary).
"""
from __future__ import annotations

from spacy.tokens import Doc

from kg.components.dictionary import dictionary


class JiebaTokenizer:
    """jieba's words as tokens, no whitespace folded into a token: the words concatenate to the
    text, so the Doc is built without aligning them again (spaCy's ChineseTokenizer does, at a
    cost close to the segmentation itself)."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.cut = dictionary().cut

    def __call__(self, text: str) -> Doc:
        words = [w for w in self.cut(text) if w]
        if "".join(words) != text:  # pragma: no cover - jieba keeps every character
            from spacy.util import get_words_and_spaces
            words, spaces = get_words_and_spaces(words, text)
            return Doc(self.vocab, words=words, spaces=spaces)
        return Doc(self.vocab, words=words, spaces=[False] * len(words))
