"""The tokenizer of the pipeline: jieba's words as tokens.
"""
from __future__ import annotations

from spacy.tokens import Doc


#: jieba's HMM joins runs of unknown characters into new words; tokens are only used as word
#: boundaries here, and the HMM costs about a seventh of the segmentation.
HMM = False


class JiebaTokenizer:
    """jieba's words as tokens, no whitespace folded into a token: the words concatenate to the
    text, so the Doc is built without aligning them again (spaCy's ChineseTokenizer does, at a
    cost close to the segmentation itself)."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        import jieba

        words = [w for w in jieba.cut(text, cut_all=False, HMM=HMM) if w]
        if "".join(words) != text:  # pragma: no cover - jieba keeps every character
            from spacy.util import get_words_and_spaces
            words, spaces = get_words_and_spaces(words, text)
            return Doc(self.vocab, words=words, spaces=spaces)
        return Doc(self.vocab, words=words, spaces=[False] * len(words))
