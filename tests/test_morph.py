"""protokol.morph hands out words and grammemes, never the pymorphy3 analyzer."""

from __future__ import annotations

from protokol import morph


def test_only_words_and_grammemes_leave_the_module():
    public = {name for name in vars(morph) if not name.startswith("_") and callable(getattr(morph, name))}
    assert public - {"annotations", "lru_cache", "Any"} == {"lemma", "forms", "known_grammemes", "has_tag", "is_known",
                                                                   "nominative_surname", "nominative_head", "agrees"}


def test_a_noun_group_in_the_nominative():
    assert morph.nominative_head(("Первому", "заместителю", "Губернатора"), "datv") == (
        ("Первый", "заместитель"), 2, "sing", "заместитель")
    assert morph.nominative_head(("образовательными", "организациями", "из"), "ablt")[0] == (
        "образовательные", "организации")
    assert morph.nominative_head(("Минэкономразвития", "России"), "datv")[0] == ("Минэкономразвития",)  # fixed
    assert morph.nominative_head(("в", "течение"), "datv") == ((), 0, None, None)
    assert morph.agrees("действующим", "datv", "plur") == "действующие"


def test_a_surname_in_another_case_comes_back_in_the_nominative_with_its_gender():
    assert morph.nominative_surname("Петрову", "datv") == "Петров"
    assert morph.nominative_surname("Ивановой", "datv") == "Иванова"
    assert morph.nominative_surname("Сидорова", "accs") in {"Сидоров", "Сидорова"}
    assert morph.nominative_surname("работа", "datv") == "работа"  # no surname reading: unchanged


def test_forms_of_a_lexeme():
    july = dict(morph.forms("июль", ("NOUN",)))
    assert {"июль", "июля", "июлю"} <= set(july)
    assert {"NOUN", "gent", "sing"} <= july["июля"]
    assert morph.forms("июль", ("VERB",)) == ()
    assert any(word == "ёлки" for word, _ in morph.forms("ёлка"))  # ё and е alike in the normal form


def test_word_questions():
    assert morph.lemma("Обеспечить") == "обеспечить"
    assert morph.has_tag("обеспечить", "INFN") and not morph.has_tag("министерство", "INFN")
    assert morph.is_known("министерство") and not morph.is_known("обеспечитьпредставление")
    assert {"NOUN", "gent", "INFN"} <= morph.known_grammemes()
