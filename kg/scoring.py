"""`kg eval`: score a built graph against a hand-made reference (the shared eval format).

Scoring follows ../shared/eval/score.py exactly, so the figures agree with it: an entity
matches a reference entry when one of its labels equals the entry's name or an alias
(quotes, brackets and spaces ignored) and one of its types (with superclasses) is among the
entry's types; extra nodes for one entry count as duplicates against precision; the
"acceptable" names are neither rewarded nor penalised. On top, precision and recall per type.
"""
from __future__ import annotations

import io
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import FOAF, SKOS, Namespace

from .paths import ONTOLOGY_FILE

_LABELS = [RDFS.label, SKOS.prefLabel, SKOS.altLabel, Namespace("https://schema.org/").name,
           Namespace("http://schema.org/").name, FOAF.name]
_NOT_A_RELATION = re.compile(r"cooccur|co_occur|co-occur|relatedto|related_to|mention|seealso|sameas|label|type|"
                             r"comment|source|provenance|derived|generated|wasquotedfrom", re.I)
_IGNORED = re.compile(r"[\s\u3000“”\"'‘’《》「」『』()（）,，、]")


def normalise(name: str) -> str:
    return _IGNORED.sub("", str(name))


def _local(node) -> str:
    return re.split(r"[#/:]", str(node))[-1]


@dataclass
class TypeScore:
    predicted: int = 0
    correct: int = 0
    required: int = 0
    found: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 0.0


@dataclass
class Score:
    precision: float
    recall: float
    f1: float
    true_positives: int
    required: int
    predicted: int
    duplicates: list[tuple[str, int]]
    wrong_type: list[tuple[str, list[str], list[str]]]
    false_positives: list[tuple[str, list[str]]]
    acceptable_ignored: int
    relation_recall: float
    relations_found: int
    relations_total: int
    missed: list[str]
    relations_missed: list[str]
    by_type: dict[str, TypeScore] = field(default_factory=dict)


def _typed_nodes(g: Graph, types: list[str]) -> dict:
    supers = defaultdict(set)
    for c, _, d in g.triples((None, RDFS.subClassOf, None)):
        supers[c].add(d)

    def closure(c):
        seen, todo = set(), [c]
        while todo:
            x = todo.pop()
            if x not in seen:
                seen.add(x)
                todo.extend(supers.get(x, ()))
        return seen

    kinds: dict = {}
    for s, _, c in g.triples((None, RDF.type, None)):
        ks = {_local(x) for x in closure(c)} & set(types)
        if ks:
            kinds.setdefault(s, set()).update(ks)
    return kinds


def score_graph(gold: dict, g: Graph) -> Score:
    """Score one graph (instance data and ontology together) against a reference."""
    types = gold["types"]
    kinds = _typed_nodes(g, types)
    labels = {n: {normalise(o) for p in _LABELS for o in g.objects(n, p) if isinstance(o, Literal)} - {""}
              for n in kinds}
    required = gold["required"]
    index: dict[str, int] = {}
    for i, e in enumerate(required):
        for name in [e["name"], *e.get("aliases", [])]:
            index.setdefault(normalise(name), i)
    acceptable = {normalise(x) for x in gold.get("acceptable", [])}

    found = defaultdict(list)
    node_gold = {}
    wrong, false, ignored = [], [], 0
    by_type = {t: TypeScore() for t in types}
    for e in required:
        for t in e["types"]:
            if t in by_type:
                by_type[t].required += 1
    for node, ks in kinds.items():
        ls = labels[node]
        shown = sorted(ls)[0] if ls else str(node)
        hits = {index[x] for x in ls if x in index}
        if hits:
            i = min(hits)
            node_gold[node] = i
            ok = ks & set(required[i]["types"])
            if ok:
                found[i].append(node)
            else:
                wrong.append((shown, sorted(ks), required[i]["types"]))
            for t in ks:
                by_type[t].predicted += 1
                by_type[t].correct += int(t in ok and found[i][0] is node)
        elif ls & acceptable:
            ignored += 1
        else:
            false.append((shown, sorted(ks)))
            for t in ks:
                by_type[t].predicted += 1
    for i in found:
        for t in set(required[i]["types"]):
            if any(t in kinds[n] for n in found[i]):
                by_type[t].found += 1

    tp = len(found)
    dup = [(required[i]["name"], len(ns)) for i, ns in found.items() if len(ns) > 1]
    predicted = tp + sum(n - 1 for _, n in dup) + len(wrong) + len(false)
    precision = tp / predicted if predicted else 0.0
    recall = tp / len(required) if required else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    gold_nodes = defaultdict(set)
    for node, i in node_gold.items():
        gold_nodes[i].add(node)

    def fact_node(r) -> bool:
        """A node stating one fact ties few entities; a document or sentence ties many."""
        if r in kinds or not isinstance(r, (URIRef, BNode)):
            return False
        ends = {o for p, o in g.predicate_objects(r) if o in kinds and not _NOT_A_RELATION.search(_local(p))}
        ends |= {s for s, p in g.subject_predicates(r) if s in kinds and not _NOT_A_RELATION.search(_local(p))}
        return len(ends) <= 3

    def linked(xs, ys) -> bool:
        for x in xs:
            for p, o in g.predicate_objects(x):
                if _NOT_A_RELATION.search(_local(p)):
                    continue
                if o in ys:
                    return True
                if fact_node(o) and any(o2 in ys for p2, o2 in g.predicate_objects(o)
                                        if not _NOT_A_RELATION.search(_local(p2))):
                    return True
            for s, p in g.subject_predicates(x):
                if _NOT_A_RELATION.search(_local(p)) or not fact_node(s):
                    continue
                if any(o2 in ys and o2 != x for p2, o2 in g.predicate_objects(s)
                       if not _NOT_A_RELATION.search(_local(p2))):
                    return True
        return False

    rels = [r for r in gold.get("relations", []) if not r.get("optional")]
    hit, missed_rel = 0, []
    for r in rels:
        xs = gold_nodes.get(index.get(normalise(r["subject"])), set())
        ys = gold_nodes.get(index.get(normalise(r["object"])), set())
        if xs and ys and (linked(xs, ys) or linked(ys, xs)):
            hit += 1
        else:
            missed_rel.append(f'{r["subject"]} -[{r["kind"]}]- {r["object"]}')
    return Score(
        precision=precision, recall=recall, f1=f1, true_positives=tp, required=len(required), predicted=predicted,
        duplicates=dup, wrong_type=wrong, false_positives=false, acceptable_ignored=ignored,
        relation_recall=hit / len(rels) if rels else 0.0, relations_found=hit, relations_total=len(rels),
        missed=[e["name"] for i, e in enumerate(required) if i not in found], relations_missed=missed_rel,
        by_type=by_type,
    )


def evaluate(gold: str | Path, store: str | Path = "output") -> Score:
    """Score the graph in a build's store against a reference file (kg.evaluate)."""
    import pyoxigraph as ox

    from .store import GraphStore

    reference = json.loads(Path(gold).read_text(encoding="utf-8"))
    buf = io.BytesIO()
    GraphStore(store, read_only=True).write_union(buf, ox.RdfFormat.N_TRIPLES)
    g = Graph().parse(data=buf.getvalue(), format="nt")
    g.parse(ONTOLOGY_FILE)
    return score_graph(reference, g)
