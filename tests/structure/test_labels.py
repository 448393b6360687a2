import pytest

from protokol.structure.labels import Label, label_from_word, split_inline, split_label


@pytest.mark.parametrize(
    "text, kind, display, path, rest",
    [
        ("IV. Об информационно-медийном", "roman", "IV", (4,), "Об информационно-медийном"),
        ("IX. О промежуточных", "roman", "IX", (9,), "О промежуточных"),
        ("2.1.Пресс службам", "arabic", "2.1", (2, 1), "Пресс службам"),
        ("2.1 Создать рабочие группы", "arabic", "2.1", (2, 1), "Создать рабочие группы"),
        ("2.2.1. Ответственным", "arabic", "2.2.1", (2, 2, 1), "Ответственным"),
        ("1. Принять информацию", "arabic", "1", (1,), "Принять информацию"),
        ("3) провести", "paren", "3)", (3,), "провести"),
        ("а) провести", "letter", "а)", (), "провести"),
        ("- отчитаться", "bullet", "-", (), "отчитаться"),
        ("– отчитаться", "bullet", "-", (), "отчитаться"),
    ],
)
def test_split_label(text, kind, display, path, rest):
    label, body = split_label(text)
    assert label == Label(kind, display, path)
    assert body == rest


@pytest.mark.parametrize("text", ["2023 г.", "20.06.2023", "« 20 » июня", "60 кластеров", "3-х тем", "Москва"])
def test_not_a_label(text):
    assert split_label(text) == (None, text)


def test_word_labels():
    assert label_from_word("2.1.") == Label("arabic", "2.1", (2, 1))
    assert label_from_word("IV.") == Label("roman", "IV", (4,))
    assert label_from_word("б)") == Label("letter", "б)", ())


def test_inline_numbering_is_split_only_on_plausible_successors():
    text = "1.Утвердить: 1.1.План на 2023 г. 1.2.Смету. 2.Лесхозу: 2.1.Провести работы до 20.06.2023. 5.Лишнее"
    assert split_inline(text, Label("arabic", "1", (1,))) == [
        "1.Утвердить:", "1.1.План на 2023 г.", "1.2.Смету.", "2.Лесхозу:",
        "2.1.Провести работы до 20.06.2023. 5.Лишнее",
    ]


def test_a_dotted_number_with_a_parenthesis_before_a_word_is_a_sub_item():
    assert split_label("2.1) актуализировать паспорта") == (Label("arabic", "2.1", (2, 1)), "актуализировать паспорта")


def test_a_dotted_number_with_a_parenthesis_and_no_word_after_it_keeps_its_text():
    assert split_label("2.1) 15 человек") == (None, "2.1) 15 человек")
    assert split_label("2.1)текст") == (None, "2.1)текст")
    assert split_label("2.150) текст") == (None, "2.150) текст")


def test_the_first_character_check_skips_no_label():
    """split_label looks at the first character before trying its patterns: every
    character a pattern accepts (any Unicode decimal digit for \\d) must get through."""
    from protokol.structure import labels

    def slow(text):
        for parse in (labels._roman, labels._arabic, labels._letter, labels._bullet):
            found = parse(text)
            if found:
                return found
        return None, text

    for code in range(0x20, 0x10000):
        c = chr(code)
        for text in (c + ". Текст", c + ") Текст", c + " Текст", c + "1. Текст"):
            assert split_label(text) == slow(text), text


def test_inline_hint_is_a_necessary_condition():
    """Text without INLINE_HINT is never split by split_inline (lines.py skips it)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from protokol.structure.labels import INLINE_HINT

    pieces = ["1.", "2.", "1.1.", "2.1", "10.", " ", "Утвердить:", "план", "«Проект»", "от 20.06.2023", ":", ";",
              "2.Лесхозу", "3. Минфину", "1.2.План", "-", "(", ")", "x", "Ёлка", "\u00a0"]

    @settings(max_examples=500, deadline=None)
    @given(st.sampled_from(["1", "2", "1.1", "3.2.1"]), st.lists(st.sampled_from(pieces), max_size=10).map("".join))
    def check(display, body):
        first = split_label(f"{display}. Текст")[0]
        pieces_found = split_inline(f"{display}. {body}", first)
        if INLINE_HINT.search(body) is None:
            assert pieces_found == [f"{display}. {body}".strip()]

    check()


@pytest.mark.parametrize("text, value", [("LXXXVIII. Раздел", 88), ("CCCXCIX. Раздел", 399), ("MMXXIII. Раздел", 2023),
                                         ("XL. Раздел", 40), ("CD. Раздел", 400)])
def test_roman_numerals_are_validated_not_length_capped(text, value):
    label, _ = split_label(text)
    assert label is not None and label.kind == "roman" and label.path == (value,)


@pytest.mark.parametrize("text", ["IIII. Текст", "VX. Текст", "IC. Текст", "XXXX. Текст", "D. Иванов", "M. Иванов"])
def test_malformed_roman_numerals_and_initials_are_not_labels(text):
    label, _ = split_label(text)
    assert label is None or label.kind != "roman"


def test_big_item_numbers_need_their_dot():
    assert split_label("301. Пункт")[0] == Label("arabic", "301", (301,))
    assert split_label("123456.7. Пункт")[0] == Label("arabic", "123456.7", (123456, 7))
    assert split_label("301 Пункт")[0] is None and split_label("300 Пункт")[0] is not None
    assert split_label("1234567. Пункт")[0] is None
