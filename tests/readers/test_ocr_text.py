"""OCR without Tesseract: which pages need it, hOCR -> Segments, the repairs of misread labels, deskew."""

from __future__ import annotations

import pytest

from protokol.readers import hocr, ocr
from protokol.readers.layout import Segment, paragraphs


def seg(text: str, page: int = 1, base: float = 700.0) -> Segment:
    return Segment(text, 72.0, 300.0, base, 12.0, page)


RUSSIAN = ("Обеспечить подготовку предложений по организации работы центров и направить их "
           "в адрес Департамента до конца месяца согласно утвержденному плану мероприятий")


@pytest.mark.parametrize("text,garbage", [
    (RUSSIAN, False),
    ("Protocol of the meeting of the working group on education", False),
    ("Ïðîòîêîë çàñåäàíèÿ ðàáî÷åé ãðóïïû ïî âîïðîñàì îáðàçîâàíèÿ", True),  # cp1251 read as Latin-1
    ("РџСЂРѕС‚РѕРєРѕР» Р·Р°СЃРµРґР°РЅРёСЏ СЂР°Р±РѕС‡РµР№ РіСЂСѓРїРїС‹ РїРѕ РІРѕРїСЂРѕСЃР°Рј", True),  # UTF-8 read as cp1251
    ("\ue000\ue001\ue002 \ue003\ue004 \x01\x02\x03", True),  # private use and control characters
    ("", False),
])
def test_garbage_text_layer(text, garbage):
    assert ocr.garbage([seg(text)]) is garbage


def test_pages_to_read_by_mode():
    pages = [[seg(RUSSIAN)], [], [seg("Ïðîòîêîë çàñåäàíèÿ ðàáî÷åé ãðóïïû")]]
    assert ocr.pages_to_read(pages, "auto") == [2, 3]
    assert ocr.pages_to_read(pages, "always") == [1, 2, 3]
    assert ocr.pages_to_read(pages, "never") == []
    with pytest.raises(ValueError):
        ocr.pages_to_read(pages, "sometimes")


@pytest.mark.parametrize("numbers,text", [([1], "1"), ([1, 2, 3, 5], "1-3, 5"), ([2, 4, 5, 6, 9, 10], "2, 4-6, 9-10")])
def test_page_list(numbers, text):
    assert ocr.page_list(numbers) == text


def words(*texts: str) -> list[tuple[str, float, float]]:
    return [(t, 100.0 * k, 100.0 * k + 80) for k, t in enumerate(texts)]


@pytest.mark.parametrize("line,expected", [
    (("П.", "Об", "исполнении"), "II. Об исполнении"),
    (("ГУ.", "Об", "информации"), "IV. Об информации"),
    (("УШ.", "О", "мониторинге"), "VIII. О мониторинге"),
    (("1Х.О", "результатах"), "IX. О результатах"),
    (("[У.", "Об", "итогах"), "IV. Об итогах"),
    (("|.", "Вступительное", "слово"), "I. Вступительное слово"),
    (("_П.", "Об", "итогах"), "II. Об итогах"),
    (("2.2,", "Сформировать", "план"), "2.2. Сформировать план"),
    ((".1.", "Принять", "к", "сведению"), "1. Принять к сведению"),
    (("Г.", "Москва"), "Г. Москва"),  # a town, not a Roman number
    (("1.", "Принять"), "1. Принять"),  # an arabic 1 stays
    (("Срок", "-", "до", "О1.07.2023"), "Срок - до 01.07.2023"),
    (("Протокол", "№", "ДО5-", "-78/05пр"), "Протокол № Д05-78/05пр"),
    (("информацию", "0б", "ответственных"), "информацию об ответственных"),
    (("до", "1", "августа", "2023", "т,"), "до 1 августа 2023 г."),
    (("|", "2.7.", "Организациям"), "2.7. Организациям"),
    (("_", "Срок", "|"), "Срок"),
    (("до", "15", "сентября", "2025", "Г.."), "до 15 сентября 2025 г."),
    (("Отв.:", "Смирнова", "Т:А"), "Отв.: Смирнова Т.А."),
    (("Отв.:.Фомин", "Р.Л."), "Отв.: Фомин Р.Л."),
    (("ПРОТОКОЛ", "№", "З"), "ПРОТОКОЛ № 3"),
    (("Протокол", "№", "1З-пр"), "Протокол № 13-пр"),
    (("Отв.:", "Петрова", "Е.С.", "—"), "Отв.: Петрова Е.С."),
    (("Срок", "—"), "Срок —"),  # a dash before the next line's date stays
    (("Заседание", "группы", "З"), "Заседание группы З"),
    (("2025", "г.", "№", "14.", "пр"), "2025 г. № 14-пр"),
    (("Протокол", "№", "5.", "от", "12.01.2025"), "Протокол № 5. от 12.01.2025"),  # a letter З without "№" stays
])
def test_repairs_of_a_line(line, expected):
    assert " ".join(w for w, _, _ in hocr.repair(words(*line))) == expected


def texts(pages: list[list[Segment]]) -> list[str]:
    return [s.text for page in pages for s in page]


@pytest.mark.parametrize("labels,expected", [
    (["2. A", "2.4. B", "2.2. C"], ["2. A", "2.1. B", "2.2. C"]),  # a digit misread
    (["2.4. A", "5. B", "2.6. C"], ["2.4. A", "2.5. B", "2.6. C"]),  # "2." lost
    (["2. A", "21. B", "2.2. C"], ["2. A", "2.1. B", "2.2. C"]),  # the dot lost
    (["1. A", "3. B", "4. C"], ["1. A", "3. B", "4. C"]),  # a gap in the document itself stays
    (["II. X", "21. A", "2.2. B"], ["II. X", "21. A", "2.2. B"]),  # nothing to tell it by
])
def test_a_label_out_of_sequence_is_the_one_between_its_neighbours(labels, expected):
    assert texts(hocr.sequence([[seg(t) for t in labels]])) == expected


def test_page_furniture_of_a_scan():
    page1 = [seg("Протокол № 14-пр", base=780), seg("1. Принять", base=700), seg("Срок - до 15.03.2025", base=680), seg("КОПИЯ ВЕРНА", base=120),
             seg("2.", base=60)._replace(x0=290)]
    page2 = [seg("Протокол № 14-прот 18.07.2025", page=2, base=800), seg("5. Представить", page=2, base=700),
             seg("6. Возложить", page=2, base=600)]
    assert texts(hocr.furniture([page1, page2])) == ["Протокол № 14-пр", "1. Принять", "Срок - до 15.03.2025", "2", "5. Представить",
                                                   "6. Возложить"]
    one = [seg("Протокол № 14-пр от 18.07.2025", base=800), seg("1. A", base=700), seg("2.", base=600)]
    assert texts(hocr.furniture([one])) == texts([one])  # page 1's header, a label at the margin: kept
    other = [seg("ПРОТОКОЛ № 15 от 20.07.2025", page=2, base=800), *page2[1:]]
    assert texts(hocr.furniture([page1, other]))[4] == "ПРОТОКОЛ № 15 от 20.07.2025"  # the next protocol's


@pytest.mark.parametrize("top", [["Продолжение протокола"], ["Продолжение приложения № 2", "стр. 2 из 3"],
                                 ["- 2 -", "Продолжение протокола."]])
def test_a_scans_line_saying_the_page_goes_on_is_dropped(top):
    """Atop page 2 only (no running header), with a page number above, beside or under it."""
    from protokol.readers.layout import paragraphs

    page1 = [seg("ПРОТОКОЛ № 14-пр", base=780), seg("1. Принять к сведению.", base=700),
             seg("Срок - до 15.03.2025", base=680), seg("1", base=60)._replace(x0=290)]
    page2 = [seg(t, page=2, base=800 - 16 * k) for k, t in enumerate(top)] + [
        seg("5. Представить отчёт.", page=2, base=700), seg("2", page=2, base=60)._replace(x0=290)]
    got = [b.text for b in paragraphs(hocr.furniture([page1, page2]))]
    assert got == ["ПРОТОКОЛ № 14-пр", "1. Принять к сведению.", "Срок - до 15.03.2025", "5. Представить отчёт."]


def test_section_one_read_as_t():
    pages = [[seg("Т. О переводе услуг"), seg("1.1. Принять"), seg("II. О подготовке")]]
    assert texts(hocr.roman_first(pages))[0] == "I. О переводе услуг"
    kept = [[seg("Т. Иванов"), seg("Сказал"), seg("II. О подготовке")]]
    assert texts(hocr.roman_first(kept)) == texts(kept)


def test_arabic_one_read_as_roman_one():
    pages = [[seg("I. Управлению подготовить"), seg("Срок - до 15.03.2025")], [seg("2. Отделу провести")]]
    assert texts(hocr.roman_first(pages))[0] == "1. Управлению подготовить"
    sections = [[seg("I. Общие вопросы"), seg("2. Отделу провести"), seg("II. Разное")]]
    assert texts(hocr.roman_first(sections)) == texts(sections)
    alone = [[seg("I. Общие вопросы"), seg("1. Принять")]]
    assert texts(hocr.roman_first(alone)) == texts(alone)


def test_roman_one_read_as_arabic_one():
    pages = [[seg("1. Вступительное слово"), seg("1. Принять информацию")], [seg("II. Об исполнении")]]
    assert texts(hocr.roman_first(pages)) == ["I. Вступительное слово", "1. Принять информацию", "II. Об исполнении"]
    assert texts(hocr.roman_first([[seg("1. Первый"), seg("2. Второй")]])) == ["1. Первый", "2. Второй"]


HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
<div class='ocr_page' title='bbox 0 0 2480 3508'>
 <span class='ocr_line' title="bbox 300 400 1500 460; baseline 0.0175 -12; x_size 50">
  <span class='ocrx_word' title='bbox 300 400 400 450; x_wconf 96'>2.1.</span>
  <span class='ocrx_word' title='bbox 420 405 800 455; x_wconf 96'>Обеспечить</span>
  <span class='ocrx_word' title='bbox 790 410 1500 460; x_wconf 90'>подключение</span>
 </span>
 <span class='ocr_line' title="bbox 300 470 1500 530; baseline 0.0175 -12; x_size 50">
  <span class='ocrx_word' title='bbox 300 470 900 520; x_wconf 96'>ответственных</span>
  <span class='ocrx_word' title='bbox 940 500 942 502; x_wconf 0'>-</span>
  <span class='ocrx_word' title='bbox 950 475 1500 530; x_wconf 96'>лиц;</span>
 </span>
</div></body></html>"""


def test_hocr_words_sit_on_their_line_and_make_paragraphs():
    segs = hocr.segments(HOCR, 3, 72 / 300, 842.0)
    assert [s.text for s in segs] == ["2.1. Обеспечить подключение", "ответственных лиц;"]
    assert {s.page for s in segs} == {3}
    assert segs[0].base > segs[1].base  # PDF coordinates grow upwards
    assert 12 < segs[0].size < 15  # x_size 50 px at 300 dpi: a 13.8 pt font
    assert abs(segs[0].x0 - segs[1].x0) < 1  # the skew turned back: one left edge
    assert [b.text for b in paragraphs([segs])] == ["2.1. Обеспечить подключение ответственных лиц;"]


def test_broken_hocr_gives_no_segments():
    assert hocr.segments("<html><body><span class='ocr_line'", 1, 0.24, 842.0) == []


def test_skew_is_found_and_turned_back():
    from PIL import Image, ImageDraw

    image = Image.new("L", (1200, 1600), 255)
    draw = ImageDraw.Draw(image)
    for y in range(100, 1500, 40):  # lines of "text": dashes 12 px high
        for x in range(100, 1100, 60):
            draw.rectangle((x, y, x + 45, y + 12), fill=0)
    assert ocr.skew(image) == 0.0
    for angle in (-2.3, 0.7, 1.0):
        assert ocr.skew(image.rotate(angle, fillcolor=255)) == pytest.approx(angle, abs=0.15)
