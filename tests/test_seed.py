"""The seed protocol (Минпросвещения, 20.06.2023) in every shipped format.

Independent of the golden files: the facts a user checks first, asserted directly.
"""

from __future__ import annotations

import pytest

from tests.conftest import sample_paths

SAMPLES = [p.name for p in sample_paths()]
MSK = "Europe/Moscow"
# id: (kind, bound, due, until, rrule, timezone, effective_due) of each task's deadline(s)
TASK_DEADLINES = {
    "II.2.1": [("recurring", None, None, None, "FREQ=WEEKLY;BYDAY=MO", None, None)],
    "II.2.2": [("as_established", None, None, None, None, None, None)],
    "III.2.1": [("once", "on", "2023-06-22", None, None, None, None)],
    "III.2.2": [("recurring", "by", None, None, "FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=0", MSK, None)],
    "IV.2.1": [("once", "by", "2023-08-20T09:00:00+03:00", None, None, MSK, "2023-08-18T09:00:00+03:00")],
    "IV.2.2": [("recurring", None, None, None, "FREQ=DAILY", None, None)],
    "IV.2.3": [("recurring", "by", None, None, "FREQ=WEEKLY;BYHOUR=18;BYMINUTE=0", MSK, None)],
    "IV.2.4": [("once", "by", "2023-07-07T12:00:00+03:00", None, None, MSK, None)],
    "IV.2.5": [("recurring", "by", None, "2023-08-20", "FREQ=WEEKLY;UNTIL=20230820", None, None)],
    "IV.2.6": [("recurring", None, None, None, "FREQ=WEEKLY", None, None)],
    "IV.2.7": [("recurring", "by", None, None, "FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0", MSK, None)],
    "IV.2.8": [("once", "by", "2023-07-24T12:00:00+03:00", None, None, MSK, None)],
    "V.2.1": [("once", "on", "2023-06-23", None, None, None, None)],
    "V.2.2": [("once", "on", "2023-07-13", None, None, None, None)],
    "VI.2.1": [("once", "on", "2023-06-23", None, None, None, None)],
    "VI.2.2": [("once", "on", "2023-06-23", None, None, None, None)],
    "VI.2.3": [("once", "on", "2023-06-23", None, None, None, None)],
    "VII.2.1": [("once", "on", "2023-06-21", None, None, None, None)],
    "VIII.2.1": [("recurring", None, None, None, "FREQ=WEEKLY", None, None)],
    "VIII.2.2": [("recurring", None, None, None, "FREQ=DAILY", None, None)],
    "VIII.2.3": [("once", "by", "2023-07-01", None, None, None, "2023-06-30")],
    "VIII.2.4": [("once", "by", "2023-07-20", None, None, None, None)],
    "VIII.2.5": [("once", "by", "2023-08-01", None, None, None, None)],
    "VIII.2.6": [("once", "on", "2023-09-01", None, None, None, None)],
    "VIII.2.7": [("once", "by", "2023-06-30", None, None, None, None)],
    "IX.2.1.1": [("once", "by", "2023-07-31", None, None, None, None)],
    "IX.2.1.2": [("once", "by", "2023-07-31", None, None, None, None)],
    "IX.2.2.1": [("once", "by", "2023-06-30", None, None, None, None)],
    "IX.2.2.2": [("once", "by", "2023-06-23", None, None, None, None)],
}
SECTIONS = [
    ("I", "Неумывакин В.С."), ("II", "Скворцова М.А."), ("III", "Скворцова М.А."), ("IV", "Бондарь О.А."),
    ("V", "Бондарь О.А."), ("VI", "Ковалев Д.С."), ("VII", "Казакова И.С."), ("VIII", "Огуенко Н.П."),
    ("IX", "Комарницкая Е.А."),
]
LEAD = ("Представителям исполнительных органов субъектов Российской Федерации совместно с образовательными "
        "организациями из числа участников федерального проекта «Профессионалитет» в 2023 году")


@pytest.fixture(params=SAMPLES)
def result(request, seed_results):
    return seed_results[request.param]


def all_directives(result):
    return {d.id: d for s in result.sections for d in s.directives}


def test_every_format_is_shipped():
    assert {p.rsplit(".", 1)[1] for p in SAMPLES} == {"txt", "docx", "pdf"}


def test_header(result):
    p = result.protocol
    assert p.date == "2023-06-20"
    assert p.number == "Д05-78/05пр"
    assert p.place == "Москва"
    assert p.chair == "В.С. Неумывакин"
    assert p.organization == "МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ РОССИЙСКОЙ ФЕДЕРАЦИИ"
    assert p.organization_short == "МИНПРОСВЕЩЕНИЯ РОССИИ"
    assert p.title.startswith("совещания с победителями конкурса на предоставление грантов")
    assert p.title.endswith("«Развитие образования» в 2023 году")
    assert p.signatory.name == "М.А. Скворцова"
    assert p.signatory.position.startswith("Заместитель директора Департамента государственной политики")
    assert p.signatory.position.endswith("профессионального образования и профессионального обучения")
    assert p.attendees[:6] == ("М.А. Скворцова", "Ковалев Д.С.", "Бондарь О.А.", "Казакова И.С.",
                               "Огуенко Н.П.", "Ипатова К.А.")
    assert "Комарницкая Е.А." in p.attendees


def test_sections_and_speakers(result):
    assert [(s.number, s.speakers) for s in result.sections] == [(n, (who,)) for n, who in SECTIONS]
    assert result.sections[0].title.startswith("Вступительное слово директора Департамента")
    assert result.sections[2].title == ("О проведении мониторинга Всероссийской приемной кампании в "
                                        "кластерах федерального проекта «Профессионалитет»")


def test_kinds(result):
    directives = all_directives(result)
    notes = [i for i, d in directives.items() if d.kind == "note"]
    tasks = [i for i, d in directives.items() if d.kind == "task"]
    groups = [i for i, d in directives.items() if d.kind == "group"]
    assert notes == [f"{n}.1" for n, _ in SECTIONS]
    assert tasks == list(TASK_DEADLINES)
    assert groups == ["II.2", "III.2", "IV.2", "V.2", "VI.2", "VII.2", "VIII.2", "IX.2", "IX.2.1", "IX.2.2"]


def test_task_deadlines(result):
    directives = all_directives(result)
    for task_id, expected in TASK_DEADLINES.items():
        got = [(d.kind, d.bound, d.due, d.until, d.rrule, d.timezone, d.effective_due)
               for d in directives[task_id].deadlines]
        assert got == expected, task_id


def test_addressees_inherited_and_inline(result):
    d = all_directives(result)
    assert d["II.2.1"].addressees == (LEAD,)
    assert d["VIII.2.7"].addressees == (LEAD, "Организациям, действующим в выбранной отрасли, совместно с "
                                        "образовательными организациями из числа участников федерального "
                                        "проекта «Профессионалитет» в 2023 году")
    assert d["VIII.2.7"].action == "предоставить"
    assert d["IX.2.1.1"].addressees == (
        LEAD, "Для представителей 70 образовательно-производственных центров (кластеров)",
        "Ответственным лицам за реализацию дополнительных профессиональных программ в "
        "образовательно-производственных центрах (кластерах)")
    assert d["IX.2.1.1"].action == "осуществлять"
    assert d["IV.2.1"].addressees[-1] == "Пресс службам региональных органов исполнительной власти"
    assert d["IV.2.1"].action == "разместить"


def test_parents_text_and_links(result):
    d = all_directives(result)
    assert (d["IX.2.2.1"].parent, d["IX.2.2"].parent, d["IX.2"].parent) == ("IX.2.2", "IX.2", None)
    assert d["II.2.1"].text == ("Предоставить информацию об ответственных присутствующих на еженедельном "
                                "совещании в адрес отраслевого куратора Проектного офиса;")
    assert d["II.2.1"].number == "2.1"
    assert d["VIII.2.7"].links.emails == ("info@firpo.ru", "spo-cluster@firpo.ru")
    assert d["IV.2.7"].links.urls == ("https://forms.yandex.ru/u/648b035d3e9d081ecd17fc2e/",)
    assert d["III.2.1"].deadlines[0].text == "22 июня 2023 г."


def test_no_warnings(result):
    assert result.warnings == ()


def test_caches_change_no_result():
    """Per-text caches only save time: a parse with them full, and one after
    clear_caches(), give byte-identical JSON."""
    import protokol
    from protokol.deadlines import _explained
    from protokol.output.json import render_json
    from protokol.structure.fields import item_fields

    path = sample_paths()[0]
    warm = render_json(protokol.parse(path))
    assert item_fields.cache_info().currsize and _explained.cache_info().currsize
    protokol.clear_caches()
    assert item_fields.cache_info().currsize == 0 and _explained.cache_info().currsize == 0
    assert render_json(protokol.parse(path)) == warm
