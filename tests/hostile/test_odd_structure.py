"""Odd structure and odd Unicode: deep numbering, no structure, look-alike letters, invisibles."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from protokol.pipeline import Options, parse_document
from protokol.readers import read_bytes
from tests.hostile.conftest import validate

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
