"""kg bench: a smoke run of the benchmark's logic on a tiny corpus (figures printed, nothing timed)."""
from __future__ import annotations

import math
from pathlib import Path

from kg.benchmark import Figure, _texts, run

SAMPLE = Path(__file__).resolve().parent.parent / "examples"


def test_figure_lines_show_value_baseline_and_verdict():
    f = Figure("x", 2.0, "s", 1.0, "base", target="< 1 s", ok=False)
    assert "baseline base: 1.00" in f.line() and "MISSED" in f.line()
    assert "ok" in Figure("y", 0.5, "s", target="< 1 s", ok=True).line()


def test_corpus_files_are_listed_once_by_name(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for d in ("a", "b"):
        (tmp_path / d / "same.txt").write_text("文本", encoding="utf-8")
    assert len(_texts([tmp_path / "a", tmp_path / "b"])) == 1


def test_quick_bench_prints_every_figure_of_the_chosen_steps(tmp_path):
    doc = tmp_path / "doc.txt"
    text = next(SAMPLE.glob("*.txt")).read_text(encoding="utf-8")
    doc.write_text(text[:3000], encoding="utf-8")
    lines: list[str] = []
    figures = run([doc], quick=True, only=["throughput", "sparql", "load"], echo=lines.append)
    out = "\n".join(lines)
    assert "failed" not in out, out
    assert lines[0].startswith("machine:") and "Python" in lines[0]
    names = [f.name for f in figures]
    assert any(n.startswith("build throughput") for n in names)
    assert any("ratio to jieba" in n for n in names)
    queries = sorted(p.stem for p in (SAMPLE.parent / "queries").glob("*.rq"))
    assert [n for n in names if n.startswith("query ")] == [f"query {q}" for q in queries]
    assert any(n.startswith("kg load into Oxigraph") for n in names)
    assert all(not math.isnan(f.value) and f.value >= 0 for f in figures)
