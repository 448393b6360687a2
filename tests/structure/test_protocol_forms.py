"""Structure of protocol forms other than the seed: brief, full-form, lettered, bullets, inline."""

from __future__ import annotations

import datetime as dt

from protokol.model import Block, Document
from protokol.pipeline import Options, parse_document


def parse_lines(*lines: str, date: dt.date | None = None):
    blocks = tuple(Block(text, n) for n, text in enumerate(lines, 1))
    return parse_document(Document("mem.txt", "txt", "0" * 64, blocks), Options(date=date, rules="none"))


def directives(result):
    return {d.id: d for s in result.sections for d in s.directives}


BRIEF = (
    "ПРАВИТЕЛЬСТВО КРАСНОЯРСКОГО КРАЯ",
    "ПРОТОКОЛ",
    "заседания оперативного штаба",
    "от 3 марта 2024 года № 12",
    "г. Красноярск",
    "Председатель – Иванов И.И.",
    "Секретарь: Петрова А.А.",
    "Присутствовали: Сидоров С.С., Кузнецов К.К.",
    "РЕШИЛИ:",
    "1. Минфину края обеспечить финансирование мероприятий.",
    "Срок: до 1 апреля 2024 г.",
    "2. Рекомендовать главам муниципальных образований издать распоряжения; срок – до 15 марта 2024 г.",
    "3. Лесхозу (Иванов А.Н.):",
    "а) провести работы по расчистке;",
    "б) представить отчет.",
    "Ответственный: Кузнецов К.К.",
    "4. Информацию докладчика принять к сведению.",
    "Губернатор края                    А.В. Усс",
)


def test_brief_protocol_header():
    result = parse_lines(*BRIEF)
    p = result.protocol
    assert (p.organization, p.title, p.date, p.number, p.place) == (
        "ПРАВИТЕЛЬСТВО КРАСНОЯРСКОГО КРАЯ", "заседания оперативного штаба", "2024-03-03", "12", "Красноярск")
    assert (p.chair, p.secretary) == ("Иванов И.И.", "Петрова А.А.")
    assert p.attendees == ("Сидоров С.С.", "Кузнецов К.К.")
    assert p.signatory is not None and (p.signatory.position, p.signatory.name) == ("Губернатор края", "А.В. Усс")


def test_brief_protocol_has_one_unnumbered_section():
    result = parse_lines(*BRIEF)
    assert [s.number for s in result.sections] == [None]
    assert list(directives(result)) == ["1", "2", "3", "3.а", "3.б", "4"]


def test_brief_protocol_fields():
    d = directives(parse_lines(*BRIEF))
    assert (d["1"].addressees, d["1"].action, d["1"].kind) == (("Минфину края",), "обеспечить", "task")
    assert [x.text for x in d["1"].deadlines] == ["до 1 апреля 2024 г."]
    assert d["2"].addressees == ("главам муниципальных образований",)
    assert d["2"].action == "издать"
    assert d["2"].text == "Рекомендовать главам муниципальных образований издать распоряжения;"
    assert [x.text for x in d["2"].deadlines] == ["до 15 марта 2024 г."]
    assert (d["3"].kind, d["3"].addressees, d["3"].responsible) == ("group", ("Лесхозу",), ("Иванов А.Н.",))
    assert (d["3.а"].parent, d["3.а"].number, d["3.а"].addressees, d["3.а"].action) == (
        "3", "а)", ("Лесхозу",), "провести")
    assert d["3.б"].responsible == ("Кузнецов К.К.",)
    assert (d["4"].kind, d["4"].action) == ("note", None)


def test_full_form_protocol_with_arabic_agenda_headings():
    result = parse_lines(
        "ПРОТОКОЛ № 5",
        "заседания комиссии",
        "15.02.2024",
        "1. О подготовке к паводку",
        "СЛУШАЛИ:",
        "Смирнов С.С. – о ходе подготовки.",
        "РЕШИЛИ:",
        "1.1. Главам районов провести обследование (ответственный – Орлов О.О.).",
        "Доклад – до 1 марта 2024 г.",
        "2. О разном",
        "Докладчик: Белов Б.Б.",
        "РЕШИЛИ:",
        "- принять к сведению;",
        "- подготовить предложения.",
    )
    assert [(s.number, s.title, s.speakers) for s in result.sections] == [
        ("1", "О подготовке к паводку", ("Смирнов С.С.",)), ("2", "О разном", ("Белов Б.Б.",))]
    d = directives(result)
    assert list(d) == ["1.1", "2.-1", "2.-2"]  # "1.1." decided on question 1 is item 1.1
    assert d["1.1"].responsible == ("Орлов О.О.",)
    assert d["1.1"].text == "Главам районов провести обследование."
    assert [x.text for x in d["1.1"].deadlines] == ["до 1 марта 2024 г."]
    assert (d["2.-1"].number, d["2.-1"].kind, d["2.-2"].kind) == ("-", "note", "task")
    assert result.protocol.number == "5" and result.protocol.date == "2024-02-15"


def test_inline_numbering_copied_from_a_web_page():
    result = parse_lines(
        "РЕШИЛИ:",
        "1.Утвердить: 1.1.План работ на 2024 год. 1.2.Смету расходов. 2.Лесхозу: 2.1.Провести расчистку до 1 мая 2024 г.",
    )
    d = directives(result)
    assert list(d) == ["1", "1.1", "1.2", "2", "2.1"]
    assert [d[k].parent for k in d] == [None, "1", "1", None, "2"]
    assert d["2.1"].addressees == ("Лесхозу",)


def test_duplicate_numbers_get_unique_ids_and_a_warning():
    result = parse_lines("РЕШИЛИ:", "1. Провести совещание.", "1. Подготовить отчет.")
    assert list(directives(result)) == ["1", "1~2"]
    assert [w.code for w in result.warnings] == ["duplicate_number", "no_date"]


def test_no_structure_falls_back_to_one_section_with_a_warning():
    result = parse_lines("Просто текст без решений.", "Ещё абзац.")
    assert [(s.number, s.title, s.directives) for s in result.sections] == [(None, "", ())]
    assert {w.code for w in result.warnings} == {"no_date", "no_directives"}


def test_links():
    d = directives(parse_lines("РЕШИЛИ:", "1. Заполнить форму по ссылке <https://forms.example.ru/u/1/> и "
                               "направить на почту a.b@firpo.ru."))
    assert d["1"].links.urls == ("https://forms.example.ru/u/1/",)
    assert d["1"].links.emails == ("a.b@firpo.ru",)
