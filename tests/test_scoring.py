"""kg eval agrees with the shared scorer and adds per-type figures."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.paths import ONTOLOGY_DIR
from kg.scoring import evaluate

from .conftest import GOLD, SHARED

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="../shared/eval is not beside the repository")


def test_eval_agrees_with_the_shared_scorer(sample_build):
    shared = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(GOLD), str(sample_build.out_dir / "graph.ttl"),
         *map(str, sorted(ONTOLOGY_DIR.glob("*.ttl"))), "--json", "--show"],
        capture_output=True, text=True, check=True)
    theirs = json.loads(shared.stdout)
    ours = evaluate(GOLD, sample_build.out_dir)
    assert round(ours.precision, 3) == theirs["precision"]
    assert round(ours.recall, 3) == theirs["recall"]
    assert round(ours.f1, 3) == theirs["f1"]
    assert round(ours.relation_recall, 3) == theirs["relation_recall"]
    assert sorted(ours.missed) == sorted(theirs["missed"])
    assert sorted(x for x, _ in ours.false_positives) == sorted(theirs["false_positive_labels"])


def test_per_type_figures_add_up(sample_build):
    s = evaluate(GOLD, sample_build.out_dir)
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    for t, v in s.by_type.items():
        assert v.required == sum(t in e["types"] for e in gold["required"])
        assert 0 <= v.correct <= v.predicted and 0 <= v.found <= v.required
    # every entity found counts as found under at least one of its reference types
    assert sum(v.found for v in s.by_type.values()) >= s.true_positives


def test_eval_command_prints_scores_and_rejects_bad_reference(sample_build, tmp_path):
    runner = CliRunner()
    ok = runner.invoke(main, ["eval", str(GOLD), "--store", str(sample_build.out_dir)])
    assert ok.exit_code == 0, ok.output
    assert "entities: precision" in ok.output and "by type:" in ok.output
    bad = tmp_path / "bad.json"
    bad.write_text('{"required": []}', encoding="utf-8")
    res = runner.invoke(main, ["eval", str(bad), "--store", str(sample_build.out_dir)])
    assert res.exit_code == 2
    assert "expected format" in res.output


def test_sample_meets_the_extraction_targets(sample_build):
    """Issue 3's targets on the sample speech: a regression in extraction fails CI here."""
    s = evaluate(GOLD, sample_build.out_dir)
    assert s.f1 >= 0.90, (s.f1, s.missed, s.false_positives)
    assert s.relation_recall >= 0.85, s.relations_missed


HELDOUT = sorted((Path(__file__).parent / "data" / "heldout").glob("*.gold.json"))


def test_report_excerpts_stay_above_their_floor(tmp_path):
    """Report excerpts annotated blind (tests/data/heldout): the extractor was developed against
    them, so the floor guards against regressions; unseen text scores lower (see NOTES.md)."""
    from kg.builder import build

    scores = []
    for gold in HELDOUT:
        text = gold.with_name(gold.name.replace(".gold.json", ".txt"))
        out = tmp_path / gold.stem
        build([text], out, views=False)
        scores.append(evaluate(gold, out).f1)
    assert len(scores) >= 4
    assert sum(scores) / len(scores) >= 0.80, scores
