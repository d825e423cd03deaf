"""extract() on the whole sample speech: key entities, merged aliases and relations."""
import pickle
from pathlib import Path

import pytest

from kg.clean import clean_text
from kg.extract import extract
from kg.model import CORE_CLASSES, Document

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "guandu-2011-05-25.txt"


@pytest.fixture(scope="module")
def x():
    return extract(Document(id="guandu", text=clean_text(SAMPLE.read_text(encoding="utf-8"))))


def test_mentions_point_into_the_text(x):
    for e in x.entities:
        assert e.label in CORE_CLASSES
        for m in e.mentions:
            assert x.document.text[m.start:m.end] == m.text and m.canonical == e.name
            s = x.sentences[m.sentence]
            assert s.start <= m.start and m.end <= s.end


def test_key_entities_with_their_aliases(x):
    es = {e.name: e for e in x.entities}
    assert {"区委"} <= es["中共官渡区委"].aliases
    assert {"空港", "空港经济区"} <= es["昆明空港经济区"].aliases
    assert "官渡" in es["官渡区"].aliases and es["官渡区"].label == "Place"
    assert "十二五" in es["十二五规划"].aliases
    assert es["保建彬"].label == "Person"
    for name in ("中共昆明市委", "官渡区人民政府", "昆明空港经济区管委会", "昆明空港经济区党工委", "西部大开发战略",
                 "科学发展观", "创先争优活动", "中共官渡区委书记", "昆明空港经济区党工委书记", "新加坡", "曲靖市"):
        assert name in es, name


def test_one_entity_per_name_and_no_generic_words(x):
    keys = [e.key for e in x.entities]
    assert len(keys) == len(set(keys))
    names = {e.name for e in x.entities}
    assert not names & {"全区", "全市", "中央", "国家", "城市", "党组织", "新格局", "会议", "本次会议"}


def test_relations_of_the_speech(x):
    rs = {(r.subject[1], r.predicate, r.object[1]) for r in x.relations}
    assert {("保建彬", "holds", "中共官渡区委书记"), ("官渡区", "partOf", "昆明市"),
            ("官渡区委政法委", "subOrganizationOf", "中共官渡区委"),
            ("中共昆明市委工作会议", "organizedBy", "中共昆明市委"),
            ("中共昆明市委九届四次全会", "proposed", "三步走战略")} <= rs
    keys = {e.key for e in x.entities}
    assert all(r.subject in keys and r.object in keys for r in x.relations)


def test_extraction_pickles(x):
    assert pickle.loads(pickle.dumps(x)).entities[0].name == x.entities[0].name


def test_released_models_are_built_again_and_extract_the_same(x):
    """The CLI frees the models after the last document; a later extraction in the same process
    rebuilds them (new objects, not the freed ones) and finds exactly the same."""
    from kg.components.dictionary import dictionary as load_dictionary
    from kg.extract import release_models
    from kg.nlp import make_nlp

    nlp, words = make_nlp(), load_dictionary()
    release_models()
    assert make_nlp() is not nlp and load_dictionary() is not words
    again = extract(x.document)
    assert [(e.name, e.label, sorted(e.aliases)) for e in again.entities] == \
           [(e.name, e.label, sorted(e.aliases)) for e in x.entities]
    assert again.relations == x.relations
