"""PDF lines joined into paragraphs: a hyphen that only breaks a word goes, a real one stays."""

from __future__ import annotations

import pytest

from protokol.readers.layout import Segment, join_hyphen, join_lines, paragraphs


def seg(text: str, base: float) -> Segment:
    return Segment(text, 72, 72 + 6 * len(text), base, 12.0, 1)


@pytest.mark.parametrize("before,after,expected", [
    # a word broken by hyphenation: the dictionary knows the joined word
    ("завершить посев-", "ной сезон", "завершить посевной сезон"),
    ("провести экс-", "пертизу проекта", "провести экспертизу проекта"),
    ("через ин-", "тернет-приемную", "через интернет-приемную"),
    ("итоги конкурс-", "ного отбора", "итоги конкурсного отбора"),
    # a real hyphen at the end of a line
    ("работа над дизайн-", "проектами школ", "работа над дизайн-проектами школ"),
    ("в городе Ростов-", "на-Дону", "в городе Ростов-на-Дону"),
    ("для научно-", "исследовательских работ", "для научно-исследовательских работ"),
    ("сделать кое-", "что", "сделать кое-что"),
    # e-mails, sites and Latin words keep theirs
    ("по адресу prof@crst-", "spo.ru до 1 июля", "по адресу prof@crst-spo.ru до 1 июля"),
    ("адрес mail.sever-", "region@example.org", "адрес mail.sever-region@example.org"),
    ("на сайте www.kult-", "obl.ru", "на сайте www.kult-obl.ru"),
    ("по e-", "mail", "по e-mail"),
    ("протокол № Д12-", "7/пр", "протокол № Д12-7/пр"),
])
def test_line_end_hyphens(before, after, expected):
    assert join_lines(before, after) == expected


@pytest.mark.parametrize("left,right,drop", [
    ("посев", "ной", True), ("распоря", "жения", True), ("дизайн", "проектами", False),
    ("пресс", "службам", False), ("социально", "экономического", False),
])
def test_join_hyphen_words(left, right, drop):
    assert join_hyphen(left, right) is drop


def test_paragraph_lines_join_with_and_without_hyphens():
    page = [seg("1. Управлению сельского хозяйства завершить посев-", 760),
            seg("ной сезон и направить отчёт по адресу agro@obl-", 746),
            seg("adm.ru, согласовав его с дизайн-", 732),
            seg("проектами благоустройства.", 718)]
    (block,) = paragraphs([page])
    assert block.text == ("1. Управлению сельского хозяйства завершить посевной сезон и направить "
                          "отчёт по адресу agro@obl-adm.ru, согласовав его с дизайн-проектами благоустройства.")
