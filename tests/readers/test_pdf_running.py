"""Running headers and footers of a text PDF against items that only look alike: a line at a
page's edge is dropped when it recurs on half of the pages with the same numbers, or with a
number that goes up with the page; "15. Отделу № 15 ..." atop page 2 and "31. Отделу № 31 ..."
atop page 3 are the protocol's items and are kept."""

from __future__ import annotations

import pytest

from protokol.readers.layout import Segment, paragraphs


def seg(text, x0, base, page, size=12.0):
    return Segment(text, x0, x0 + 6 * len(text), base, size, page)


def item(n: int) -> tuple[str, str]:
    return f"{n}. Отделу номер {n} подготовить отчёт о работе за квартал в", f"срок до {n % 28 + 1} мая 2025 года."


def pages(header: str | None, footer: str | None, per_page: int = 8, count: int = 3) -> list[list[Segment]]:
    out, n = [], 0
    for page in range(1, count + 1):
        segs = [seg(header.format(page=page), 200, 810, page)] if header else []
        for k in range(per_page):
            n += 1
            first, second = item(n)
            segs += [seg(first, 72, 780 - 28 * k, page), seg(second, 72, 766 - 28 * k, page)]
        if footer:
            segs.append(seg(footer.format(page=page), 200, 30, page))
        out.append(segs)
    return out


@pytest.mark.parametrize(("header", "footer"), [
    ("Администрация Энского района", "Исп. Иванова И.И., тел. 2-11-33"),
    ("Протокол № 5 от 12.03.2025, стр. {page} из 3", None),
    (None, "Страница {page}"),
    (None, None),
])
def test_items_that_look_alike_at_page_edges_are_kept(header, footer):
    texts = [b.text for b in paragraphs(pages(header, footer))]
    assert texts == [" ".join(item(n)) for n in range(1, 25)]


def test_a_header_with_the_page_number_and_a_fixed_number_is_still_dropped():
    texts = [b.text for b in paragraphs(pages("Исх. № 12-34/5, лист {page}", "Версия 2 от 01.02.2025", count=4))]
    assert texts == [" ".join(item(n)) for n in range(1, 33)]
