"""Shared fixtures: the sample speech built once per test session, with the real pipeline."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "guandu-2011-05-25.txt"
SHARED = ROOT.parent / "shared"
REPORTS = SHARED / "corpus" / "reports"
GOLD = SHARED / "eval" / "guandu-2011-05-25.gold.json"


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """kg.build over the bundled sample speech; returns the BuildReport (out_dir inside)."""
    from kg.builder import build

    out = tmp_path_factory.mktemp("sample-build")
    return build([str(SAMPLE)], out)


@pytest.fixture(scope="module")
def nlp():
    """The real pipeline (per module: a test that frees the models may build it anew)."""
    from kg.nlp import make_nlp

    return make_nlp()


def spans(nlp, text: str) -> set[tuple[str, str]]:
    """(text, finest class) of every span the pipeline keeps for ``text``."""
    doc = nlp(text)  # held: a SpanGroup does not outlive its Doc
    return {(s.text, s.label_) for s in doc.spans["kg"]}


def span_names(nlp, text: str) -> set[str]:
    return {t for t, _ in spans(nlp, text)}


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")
