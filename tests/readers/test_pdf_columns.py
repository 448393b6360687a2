"""A PDF page set in two columns: a paragraph that the column break cuts goes on at the top of
the next column (it starts lower-case and the text before it is left open), and is read as
one; a table's next cell, a little above the last line of the cell before it, stays apart."""

from __future__ import annotations

from protokol.readers.layout import Segment, paragraphs


def seg(text, x0, base, page=1, size=11.0):
    return Segment(text, x0, x0 + 5.0 * len(text), base, size, page)


LEFT = ["1. Управлению образования подготовить", "доклад о готовности школ к летнему", "отдыху детей в срок до 1 мая 2025 года.",
        "2. Отделу благоустройства организовать", "вывоз веток и"]
RIGHT = ["листвы с дворовых территорий в срок", "до 20 мая 2025 года.", "3. Отделу культуры провести смотр",
         "в срок до 15 июня 2025 года."]


def test_a_paragraph_cut_by_the_column_break_is_one():
    segs = [seg("РЕШИЛИ:", 60, 780)]
    segs += [seg(t, 60, 750 - 14 * k) for k, t in enumerate(LEFT)]
    segs += [seg(t, 320, 750 - 14 * k) for k, t in enumerate(RIGHT)]
    assert [b.text for b in paragraphs([segs])] == [
        "РЕШИЛИ:",
        "1. Управлению образования подготовить доклад о готовности школ к летнему отдыху детей в срок до 1 мая 2025 года.",
        "2. Отделу благоустройства организовать вывоз веток и листвы с дворовых территорий в срок до 20 мая 2025 года.",
        "3. Отделу культуры провести смотр в срок до 15 июня 2025 года."]


def test_a_table_cell_beside_a_cell_of_a_few_lines_stays_apart():
    segs = [seg("Управление жилищно-коммунального", 60, 700), seg("хозяйства и", 60, 686),
            seg("до 01.06.2025", 330, 700), seg("Отдел экономики", 60, 660), seg("до 15.06.2025", 330, 660)]
    assert [b.text for b in paragraphs([segs])] == [
        "Управление жилищно-коммунального хозяйства и", "до 01.06.2025", "Отдел экономики", "до 15.06.2025"]
