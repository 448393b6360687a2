"""Decisions written as a table: columns found by their header words, one directive per row."""

from __future__ import annotations

from tests.structure.conftest import by_id, parse_file

HEAD = ("ПРОТОКОЛ № 4", "совещания по подготовке к празднику", "от 20.06.2023")
HEADER = ["№ п/п", "Мероприятие", "Срок исполнения", "Ответственные исполнители"]


def _show(result):
    return [(d.id, d.text, [x.text for x in d.deadlines], list(d.responsible), list(d.addressees))
            for s in result.sections for d in s.directives]


def test_docx_table_rows_are_directives(docx_file):
    path = docx_file(*HEAD, "РЕШИЛИ:", [
        HEADER,
        ["1", "2", "3", "4"],
        ["1.", "Подготовить сцену и звуковое оборудование", "до 1 июля 2023 г.", "Отдел культуры"],
        ["2.", "Организовать охрану общественного порядка", "1 июля 2023 г.", "ОМВД по району, Петров П.П."],
        ["3.", "Обеспечить уборку территории\nпосле праздника", "в течение 2 дней", "Управление ЖКХ"],
    ])
    result = parse_file(path)
    assert _show(result) == [
        ("1", "Подготовить сцену и звуковое оборудование", ["до 1 июля 2023 г."], ["Отдел культуры"],
         ["Отдел культуры"]),
        ("2", "Организовать охрану общественного порядка", ["1 июля 2023 г."], ["ОМВД по району", "Петров П.П."],
         ["ОМВД по району"]),
        ("3", "Обеспечить уборку территории после праздника", ["в течение 2 дней"], ["Управление ЖКХ"],
         ["Управление ЖКХ"]),
    ]
    assert result.protocol.date == "2023-06-20" and result.protocol.number == "4"
    assert all(d.kind == "task" for s in result.sections for d in s.directives)


def test_columns_in_any_order_header_repeated_and_a_row_split_across_pages(docx_file):
    header = ["Ответственный", "Срок", "Наименование мероприятия", "№"]
    path = docx_file(*HEAD, [
        header,
        ["Комитет по спорту", "до 10 июля 2023 г.", "Провести эстафету", "1"],
        ["Комитет по образованию", "до 15 июля 2023 г.", "Подготовить", "2"],
    ], "", [
        header,  # the header again, on the next page
        ["", "", "грамоты победителям", ""],  # the rest of row 2
        ["Пресс-служба", "ежедневно", "Освещать подготовку в СМИ", "3"],
    ])
    d = by_id(parse_file(path))
    assert list(d) == ["1", "2", "3"]
    assert d["2"].text == "Подготовить грамоты победителям"
    assert d["2"].responsible == ("Комитет по образованию",)
    assert [x.text for x in d["2"].deadlines] == ["до 15 июля 2023 г."]
    assert (d["3"].deadlines[0].kind, d["3"].addressees) == ("recurring", ("Пресс-служба",))


def test_merged_heading_row_heads_the_rows_numbered_under_it(docx_file):
    path = docx_file(*HEAD, [
        HEADER,
        ["1. Организационные мероприятия", None, None, None],
        ["1.1", "Утвердить состав оргкомитета", "до 25 июня 2023 г.", "Глава района"],
        ["1.2", "Разработать программу праздника", "до 28 июня 2023 г.", "Отдел культуры (Соколова Л.Л.)"],
        ["2. Торговля", None, None, None],
        ["2.1", "Организовать выездную торговлю", "1 июля 2023 г.", "Отдел экономики"],
    ])
    d = by_id(parse_file(path))
    assert list(d) == ["1", "1.1", "1.2", "2", "2.1"]
    assert (d["1"].kind, d["1"].text, d["1.1"].parent) == ("group", "Организационные мероприятия", "1")
    assert d["1.2"].responsible == ("Отдел культуры (Соколова Л.Л.)",)
    assert d["2.1"].parent == "2" and d["2.1"].kind == "task"


def test_table_of_no_decisions_stays_paragraphs(docx_file):
    path = docx_file("ПРОТОКОЛ № 1", "совещания", "от 20.06.2023", "Присутствовали:",
                     [["от Департамента", "Иванов И.И."], ["от Института", "Петров П.П."]],
                     "РЕШИЛИ:", "1. Минфину края обеспечить финансирование.")
    result = parse_file(path)
    assert [d.id for s in result.sections for d in s.directives] == ["1"]
    assert "Иванов И.И." in result.protocol.attendees


def test_txt_table_with_tab_separated_cells(write_txt):
    path = write_txt(
        "ПЛАН МЕРОПРИЯТИЙ\nот 20.06.2023\n"
        "№\tСодержание\tСрок\tИсполнитель\n"
        "1.\tПровести собрание жителей\tдо 1 июля 2023 г.\tАдминистрация поселения\n"
        "2.\tОчистить берег реки\tс 1 по 10 июля 2023 г.\tСидоров С.С.\n"
        "\tот мусора\t\t\n"
        "3.\tИнформацию разместить на сайте\tпостоянно\tСпециалист администрации\n"
    )
    d = by_id(parse_file(path))
    assert list(d) == ["1", "2", "3"]
    assert d["2"].text == "Очистить берег реки от мусора"
    assert (d["2"].responsible, d["2"].addressees) == (("Сидоров С.С.",), ())
    assert d["2"].deadlines[0].kind == "period"
    assert d["1"].addressees == ("Администрация поселения",)


def test_thirty_rows_give_thirty_directives_and_nothing_else(write_txt):
    rows = "".join(f"{n}.\tПровести проверку объекта {n}\tдо {n} июля 2023 г.\tОтдел {n}\n" for n in range(1, 31))
    d = by_id(parse_file(write_txt("РЕШЕНИЕ\nот 20.06.2023\n№ п/п\tПоручение\tСрок\tОтветственный\n" + rows)))
    assert list(d) == [str(n) for n in range(1, 31)]
    assert all(len(x.deadlines) == 1 and x.text == f"Провести проверку объекта {k}" for k, x in d.items())


def test_word_numbering_in_the_number_column(tmp_path):
    """The "№" cells hold no text, only Word's automatic numbering ("1.", "2.")."""
    import docx

    document = docx.Document()
    document.add_paragraph("ПРОТОКОЛ № 9")
    document.add_paragraph("от 20.06.2023")
    rows = [("Провести смотр", "до 5 июля 2023 г.", "Отдел молодёжи"),
            ("Подготовить отчёт", "до 10 июля 2023 г.", "Отдел культуры")]
    table = document.add_table(rows=len(rows) + 1, cols=4)
    for c, text in enumerate(HEADER):
        table.cell(0, c).text = text
    for r, row in enumerate(rows, 1):
        table.cell(r, 0).paragraphs[0].style = document.styles["List Number"]
        for c, text in enumerate(row, 1):
            table.cell(r, c).text = text
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    d = by_id(parse_file(path))
    assert [(k, x.text, x.responsible) for k, x in d.items()] == [
        ("1", "Провести смотр", ("Отдел молодёжи",)), ("2", "Подготовить отчёт", ("Отдел культуры",))]


def test_header_words_with_notes_and_extra_columns(docx_file):
    path = docx_file(*HEAD, [
        ["N п/п", "Содержание мероприятия", "Срок выполнения (дата)", "Исполнитель (ответственный)", "Примечание"],
        ["1", "Провести смотр-конкурс", "до 5 июля 2023 г.", "Отдел молодёжи", "по отдельному плану"],
    ])
    d = by_id(parse_file(path))
    assert list(d) == ["1"]
    assert (d["1"].text, d["1"].responsible) == ("Провести смотр-конкурс", ("Отдел молодёжи",))
    assert [x.text for x in d["1"].deadlines] == ["до 5 июля 2023 г."]


def test_table_without_number_column_gives_a_directive_per_row(write_txt):
    d = by_id(parse_file(write_txt(
        "ПЛАН\nот 20.06.2023\n"
        "Мероприятие\tСрок\tОтветственный\n"
        "Провести собрание\tдо 1 июля 2023 г.\tИванов И.И.\n"
        "Подготовить отчёт\tдо 5 июля 2023 г.\tПетров П.П.\n")))
    assert [(k, x.text, x.responsible) for k, x in d.items()] == [
        ("-1", "Провести собрание", ("Иванов И.И.",)), ("-2", "Подготовить отчёт", ("Петров П.П.",))]


def test_second_header_row_of_sub_columns_is_no_directive(docx_file):
    path = docx_file(*HEAD, [
        ["№", "Мероприятие", "Срок", "Ответственные", None],
        ["", "", "", "организация", "Ф.И.О."],
        ["1.", "Провести турнир", "до 8 июля 2023 г.", "Спорткомитет", "Лаптев Л.Л."],
    ])
    d = by_id(parse_file(path))
    assert [(k, x.text, x.responsible) for k, x in d.items()] == [
        ("1", "Провести турнир", ("Спорткомитет", "Лаптев Л.Л."))]
    assert d["1"].addressees == ("Спорткомитет",)


def test_subject_rows_across_the_table_are_its_questions(docx_file):
    # "1. О …" across a table of decisions, over rows "1.1", "1.2": the protocol's questions
    path = docx_file("ПРОТОКОЛ", "заседания штаба", "от 05.02.2029 № 2", "РЕШИЛИ:", [
        HEADER,
        ["1. О ходе ремонта школ", None, None, None],
        ["1.1", "Завершить ремонт кровли школы № 3", "до 1 июля 2029 г.", "Подрядчик (Попов П.П.)"],
        ["1.2", "Информацию принять к сведению", "", ""],
        ["2. О летнем отдыхе детей", None, None, None],
        ["2.1", "Открыть пришкольные лагеря", "1 июня 2029 г.", "Отдел образования"],
    ])
    result = parse_file(path)
    assert [(s.number, s.title, [d.id for d in s.directives]) for s in result.sections] == [
        ("1", "О ходе ремонта школ", ["1.1", "1.2"]), ("2", "О летнем отдыхе детей", ["2.1"])]
    assert [d.kind for s in result.sections for d in s.directives] == ["task", "note", "task"]
