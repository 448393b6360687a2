"""A table of decisions with no header row: numbered rows with a column of deadlines are
directives (text, who answers, term); numbered tables of people or figures stay paragraphs."""

from __future__ import annotations

from tests.structure.conftest import by_id, parse_file

HEAD = ("ПРОТОКОЛ", "совещания по подготовке к отопительному периоду", "10.08.2027 № 21")


def _read(directive):
    return (directive.kind, directive.text, directive.responsible,
            [(d.kind, d.start, d.due) for d in directive.deadlines])


def test_numbered_rows_with_a_deadline_column_continue_the_list(docx_file):
    path = docx_file(*HEAD,
                     "1. Управлению ЖКХ (Фомин Р.Р.) завершить промывку тепловых сетей до 1 сентября 2027 г.",
                     "2. Отделу экономики подготовить сводный отчет.",
                     "Срок: до 25 августа 2027 г.",
                     [["3", "Провести проверку готовности котельных", "Ростехнадзор (по согласованию)",
                       "с 1 по 10 сентября 2027 г."],
                      ["4.", "Обеспечить запас топлива", "МУП «Теплосеть» (Гаев О.О.)", "постоянно"]])
    found = by_id(parse_file(path))
    assert list(found) == ["1", "2", "3", "4"]
    assert found["2"].kind == "task"  # no group over the rows
    assert _read(found["3"]) == ("task", "Провести проверку готовности котельных",
                                 ("Ростехнадзор (по согласованию)",),
                                 [("period", "2027-09-01", "2027-09-10")])
    assert found["4"].deadlines[0].kind == "continuous"
    assert [(e.name, e.person) for e in found["4"].executors] == [("МУП «Теплосеть»", "Гаев О.О.")]


def test_the_deadline_column_may_come_before_who_answers(docx_file):
    path = docx_file(*HEAD, "РЕШИЛИ:",
                     [["1", "Актуализировать схему теплоснабжения", "до 01.11.2027", "Отдел ЖКХ"],
                      ["2", "Направить отчет в министерство", "ежемесячно до 5 числа", "Отдел экономики"]])
    found = by_id(parse_file(path))
    assert _read(found["1"]) == ("task", "Актуализировать схему теплоснабжения", ("Отдел ЖКХ",),
                                 [("once", None, "2027-11-01")])
    assert found["2"].deadlines[0].rrule == "FREQ=MONTHLY;BYMONTHDAY=5"


def test_numbered_tables_of_people_or_figures_stay_paragraphs(docx_file):
    people = [["1", "Иванов И.И.", "заместитель главы района"], ["2", "Петров П.П.", "начальник отдела ЖКХ"]]
    figures = [["1", "Доходы бюджета", "2027", "100,0"], ["2", "Расходы бюджета", "2027", "98,5"]]
    for table in (people, figures):
        path = docx_file(*HEAD, "Присутствовали:", table, "1. Принять информацию к сведению.")
        texts = [d.text for d in by_id(parse_file(path)).values()]
        assert not any("Иванов" in t or "Доходы" in t for t in texts if not t.startswith("Принять")), texts


def test_rows_whose_numbers_do_not_follow_are_no_decisions(docx_file):
    path = docx_file(*HEAD, "1. Принять информацию к сведению.",
                     [["2", "Провести проверку", "Отдел ЖКХ", "до 01.11.2027"],
                      ["2", "Провести учения", "Отдел ГО", "до 01.12.2027"]])
    found = by_id(parse_file(path))
    assert all(d.responsible != ("Отдел ГО",) for d in found.values())
