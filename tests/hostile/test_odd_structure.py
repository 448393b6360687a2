"""Odd structure and odd Unicode: deep numbering, no structure, look-alike letters, invisibles."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile

import pytest

from protokol.pipeline import Options, parse_document
from protokol.readers import read_bytes
from protokol.readers.normalize import clean
from tests.hostile.conftest import assert_parsed, cli, validate

NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

OPTIONS = Options(date=dt.date(2023, 6, 20), rules="none")


def parse_text(text: str):
    result = parse_document(read_bytes(text.encode("utf-8"), "odd.txt"), OPTIONS)
    validate(result.to_dict())
    return result


def directives(result):
    return {d.id: d for s in result.sections for d in s.directives}


def test_twenty_levels_of_numbering_nest():
    lines = ["РЕШИЛИ:"] + [".".join(["1"] * depth) + f". Уровень {depth}:" for depth in range(1, 21)]
    d = directives(parse_text("\n\n".join(lines)))
    deepest = ".".join(["1"] * 20)
    assert deepest in d and len(d) == 20
    chain, node = [], d[deepest]
    while node.parent:
        chain.append(node.parent)
        node = d[node.parent]
    assert len(chain) == 19 and chain[-1] == "1"


def test_twenty_one_levels_do_not_crash_and_keep_the_text():
    too_deep = ".".join(["1"] * 21) + ". Слишком глубоко"
    result = parse_text("РЕШИЛИ:\n\n1. Первый пункт.\n\n" + too_deep)
    assert "Слишком глубоко" in " ".join(d.text for d in directives(result).values())


def test_no_recognizable_structure_is_warnings_not_a_crash():
    result = parse_text("Какой-то текст без всякой структуры.\n\nЕщё абзац, и ещё один.\n\n"
                        "Заключительный абзац.")
    assert "no_directives" in {w.code for w in result.warnings}
    assert all(s.number is None for s in result.sections) and len(result.sections) <= 1


LOOKALIKES = [
    # (text as typed, what must be recognised)
    ("РЕШИЛИ:\n\n1. Подготовить отчет.\n\nCрок – до 1 июля 2023 г.", "latin_C_in_srok"),
    ("PЕШИЛИ:\n\n1. Подготовить отчет.\n\nСрок – до 1 июля 2023 г.", "latin_P_in_reshili"),
    ("PEШИЛИ:\n\n1. Подготовить отчет.\n\nCPOК – до 1 июля 2023 г.", "several_latin_letters"),  # К Cyrillic
    ("РЕШИЛИ:\n\n1. Подготовить отчет.\n\nСр\u200bок\u00a0– до\u200d 1\u00a0июля 2023\u00a0г.", "zero_width_and_nbsp"),
    ("РЕШИЛИ:\n\n1. Подготовить отчет.\n\nСро\u0301к – до 1 ию\u0301ля 2023 г.", "stress_marks"),
    ("Р\u0415ШИЛИ:\n\n1. Подготовить отч\u0435т.\n\nС\u0440ок – до 1 июля 2023 г.", "cyrillic_escapes"),
    ("РЕШИЛИ:\n\n1. Подготовить отчет.\n\nСрок – до 1 июля 2023 г.".replace("й", "и\u0306"), "decomposed_i_kratkoe"),
]


@pytest.mark.parametrize("text", [t for t, _ in LOOKALIKES], ids=[n for _, n in LOOKALIKES])
def test_look_alike_letters_and_invisibles_do_not_hide_markers(text):
    d = directives(parse_text(text))
    assert list(d) == ["1"]
    assert [x.due for x in d["1"].deadlines] == ["2023-07-01"]
    assert "\u200b" not in d["1"].text and "C" not in d["1"].text


def test_look_alikes_are_folded_in_docx_too():
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paras = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in
                    ["PЕШИЛИ:", "1. Пoдгoтoвить oтчет.", "Cрoк – дo 1 июля 2023 г."])  # Latin o, P, C
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", f'<w:document xmlns:w="{ns}"><w:body>{paras}</w:body></w:document>')
    result = parse_document(read_bytes(buf.getvalue(), "x.docx"), OPTIONS)
    (d,) = [x for s in result.sections for x in s.directives]
    assert d.text == "Подготовить отчет." and [x.due for x in d.deadlines] == ["2023-07-01"]


@pytest.mark.parametrize("text", [
    "Latin words stay Latin: PDF, iPhone, XXI, e-mail, Microsoft Word",
    "Смешанное: PDF-файл, Excel-таблица, IT-отдел",
])
def test_latin_words_are_left_alone(text):
    result = parse_text("РЕШИЛИ:\n\n1. " + text)
    assert directives(result)["1"].text == text


ODD_UNICODE = [
    # (text, the directive's id or None when not checked, what its text keeps)
    ("\u202eРЕШИЛИ:\u202c\n\n1. Текст с переворотом направления \u202eтекста\u202c.", "1",
     "Текст с переворотом направления \u202eтекста\u202c."),  # bidi overrides
    ("РЕШИЛИ:\n\n1. Эмодзи 🙂🔥 и китайский 会议 и арабский اجتماع.", "1",
     "Эмодзи 🙂🔥 и китайский 会议 и арабский اجتماع."),
    ("РЕШИЛИ:\n\n1. Комбинирующие знаки без основы: \u0301\u0301\u0301 и з\u0336а\u0336ч\u0336е\u0336р\u0336к.", "1",
     "и з\u0336а\u0336ч\u0336е\u0336р\u0336к."),
    ("РЕШИЛИ:\n\n1. " + "\u00ad" * 50 + "мягкие переносы" + "\ufeff" * 10, None, "мягкие переносы"),
    ("РЕШИЛИ:\n\n1. Полноширинные цифры １２．０６．２０２３ и римские Ⅳ.", "1",
     "Полноширинные цифры １２．０６．２０２３ и римские Ⅳ."),
    ("Р\u0415ШИЛИ\uff1a\n\n１. Полноширинные номер и двоеточие.", "１", "Полноширинные номер и двоеточие."),
    ("РЕШИЛИ:\n\n1. Греческие буквы: Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ и «кавычки» „разные“.", "1",
     "Греческие буквы: Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ и «кавычки» „разные“."),
]


@pytest.mark.parametrize("text, ident, kept", ODD_UNICODE,
                         ids=["bidi", "emoji_cjk_arabic", "bare_combining_marks", "soft_hyphens_bom",
                              "fullwidth_digits", "fullwidth_number", "greek_lookalikes"])
def test_odd_unicode_is_one_task_with_its_text_kept(text, ident, kept):
    result = parse_text(text)
    d = directives(result)
    assert len(d) == 1
    (found_id, directive), = d.items()
    assert ident is None or found_id == ident
    assert directive.kind == "task" and directive.text.endswith(kept)
    assert "\u00ad" not in directive.text and "\ufeff" not in directive.text  # invisibles dropped
    assert not {w.code for w in result.warnings} & {"no_directives", "unparsed_deadline"}


@pytest.mark.parametrize("char", ["\U00017000", "\U0001b000", "\U000e0001", "\uffff"])
def test_a_character_without_a_unicode_name_next_to_a_verb(char):
    """pymorphy3 asks unicodedata.name() about a one-character word, which raises for
    characters without a name (found by hypothesis: "ПРОТОКОЛ 𗀀 обеспечить")."""
    result = parse_text(f"РЕШИЛИ:\n\n1. Минфину {char} обеспечить отчет {char}\n\nСрок – до 1 июля 2023 г.")
    d = directives(result)
    assert list(d) == ["1"] and d["1"].action == "обеспечить"
    validate(result.to_dict())


# ---------------------------------------------------------------- combining marks and bidi controls

def combining_run(n: int) -> str:
    """A decision whose word carries n combining marks of alternating classes (230, 220):
    NFC sorts them by insertion, so this took 11 s for 80 KB of text, > 60 s for 400 KB."""
    return "РЕШИЛИ:\n\n1. Подготовить отче" + "\u0301\u0316" * (n // 2) + "т.\n\nСрок – до 1 июля 2023 г.\n"


def test_combining_mark_runs_are_linear():
    from tests.hostile.test_big_inputs import assert_linear

    assert_linear(lambda text: parse_text(text), combining_run, 20_000)


def test_a_long_run_of_marks_keeps_its_first_thirty():
    (d,) = directives(parse_text(combining_run(1000))).values()
    assert d.text.startswith("Подготовить отче") and len(d.text) < 60
    assert [x.due for x in d.deadlines] == ["2023-07-01"]
    assert clean("е\u0301\u0308\u0316") == unicodedata.normalize("NFC", "е\u0301\u0308\u0316")  # short runs as before


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_combining_marks_through_the_cli(tmp_path, kind):
    """400 KB of marks in a .txt; the same compressed into a ~2 KB .docx (59.5 s before)."""
    text = combining_run(200_000)
    path = tmp_path / f"marks.{kind}"
    if kind == "txt":
        path.write_text(text, encoding="utf-8")
    else:
        paras = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in text.split("\n\n"))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("word/document.xml", f'<w:document xmlns:w="{NS}"><w:body>{paras}</w:body></w:document>')
        path.write_bytes(buf.getvalue())
        assert path.stat().st_size < 4000
    data = assert_parsed(cli("parse", str(path), "-f", "json", timeout=30))
    assert [d["id"] for s in data["sections"] for d in s["directives"]] == ["1"]


BIDI = ["\u202e", "\u202d", "\u202a", "\u202b", "\u202c", "\u200e", "\u200f", "\u2066", "\u2067",
        "\u2068", "\u2069", "\u061c"]


@pytest.mark.parametrize("char", BIDI, ids=[f"U+{ord(c):04X}" for c in BIDI])
def test_bidi_controls_do_not_hide_labels(char):
    """"2.\u202e Текст" made the item a bullet with id 1.-1."""
    text = f"РЕШИЛИ:\n\n1. Первое.\n\n2.{char} Второе{char}.\n\n{char}3. Третье.\n\n4{char}. Четвёртое."
    d = directives(parse_text(text))
    assert list(d) == ["1", "2", "3", "4"]
    assert d["2"].text == "Второе." and char not in d["4"].text


def test_bidi_controls_through_the_cli(tmp_path):
    path = tmp_path / "bidi.txt"
    path.write_text("РЕШИЛИ:\n\n" + "".join(f"{n}.\u202e Пункт {n}.\n\n" for n in range(1, 6)), encoding="utf-8")
    data = assert_parsed(cli("parse", str(path), "-f", "json", timeout=30))
    assert [d["id"] for s in data["sections"] for d in s["directives"]] == ["1", "2", "3", "4", "5"]


# ---------------------------------------------------------------- big item and section numbers

def many_items(n: int) -> str:
    """n top-level decisions: items 301 and up used to be glued into item 300."""
    return "РЕШИЛИ:\n\n" + "".join(f"{i}. Обеспечить пункт {i}.\n\n{i}.1. Подпункт.\n\n" for i in range(1, n + 1))


def roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + digits, n - value
    return out


def many_sections(n: int) -> str:
    """n Roman-numbered sections: LXXXVIII (8 letters) and up were not headings."""
    return "".join(f"{roman(i)}. Вопрос {i}\n\nРЕШИЛИ:\n\n1. Решение {i}.\n\n" for i in range(1, n + 1))


def test_more_than_300_items_keep_their_numbers(tmp_path):
    path = tmp_path / "items.txt"
    path.write_text(many_items(1200), encoding="utf-8")
    data = assert_parsed(cli("parse", str(path), "-f", "json", timeout=30))
    ids = [d["id"] for s in data["sections"] for d in s["directives"]]
    assert ids == [x for i in range(1, 1201) for x in (str(i), f"{i}.1")]


def test_roman_sections_past_seven_letters(tmp_path):
    path = tmp_path / "sections.txt"
    path.write_text(many_sections(400), encoding="utf-8")
    data = assert_parsed(cli("parse", str(path), "-f", "json", timeout=30))
    assert [s["number"] for s in data["sections"]] == [roman(i) for i in range(1, 401)]
    assert data["sections"][87]["number"] == "LXXXVIII" and data["sections"][87]["directives"][0]["id"] == "LXXXVIII.1"


@pytest.mark.parametrize("line", ["2023. Итоги года подведены.", "500 Рублей выделить.", "1941. Год начала.",
                                  "2024 Году быть.", "IIII. Не номер.", "VX. Не номер.", "M. Иванов доложил.",
                                  "D. Петров доложил."])
def test_ordinary_text_is_not_a_big_label(line):
    d = directives(parse_text(f"РЕШИЛИ:\n\n1. Первое.\n\n2. Второе:\n{line}"))
    assert list(d) == ["1", "2"] and d["2"].text == "Второе: " + line

