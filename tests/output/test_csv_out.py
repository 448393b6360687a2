"""csv: read the register back with the csv module."""

from __future__ import annotations

import csv
import io

from protokol.output import csv as csv_out
from protokol.output.register import COLUMNS


def read(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def by_item(rows):
    out: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        out.setdefault(row["Пункт"], []).append(row)
    return out


def test_default_utf8_comma_iso(results):
    text = csv_out.render(results)
    assert not text.startswith("\ufeff")
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert "\r\n" in text
    rows = read(text)
    assert len(rows) == 11
    items = by_item(rows)
    once = items["IV.2.1"][0]
    assert once["Дата срока"] == "2023-08-20T09:00:00+03:00"
    assert once["Срок с учётом выходных"] == "2023-08-18T09:00:00+03:00"
    assert once["Дата протокола"] == "2023-06-20"
    assert once["Исполнитель"] == "Представители исполнительных органов субъектов Российской Федерации"
    assert items["IV.2.9"][1]["Дата срока"] == "2023-07-01"
    assert items["IV.2.9"][1]["Срок с учётом выходных"] == "2023-06-30"
    assert items["IV.2.7"][0]["Первый срок"] == "2023-06-23T18:00:00"
    assert items["IV.2.5"][0]["Окончание повторения"] == "2023-08-20"
    assert items["IV.2.8"][0]["Срок (как в тексте)"] == ""
    assert items["IV.2.7"][0]["Периодичность"] == "еженедельно, пт до 18:00 МСК"
    assert items["IV.2.7"][0]["Поручение"].count("\n") == 1  # a newline survives quoting


def test_quoting_rfc4180(results):
    text = csv_out.render(results)
    assert '"Заполнить отчет | за текущую неделю по ссылке\n<https://forms.yandex.ru/u/648b/>."' in text
    assert ",Сформировать инфоповоды (не менее 3 х в неделю от региона).," in text  # unquoted


def test_all_kinds_and_russian_headers(results):
    rows = read(csv_out.render(results, all_kinds=True))
    assert {r["Вид пункта"] for r in rows} == {"поручение", "к сведению", "вводный пункт"}
    assert all(not any(ch.isascii() and ch.isalpha() for ch in name) for name in COLUMNS)


def test_quotes_doubled(result):
    from dataclasses import replace

    section = result.sections[0]
    item = replace(section.directives[0], text='Направить «план», см. "приложение"')
    result = replace(result, sections=(replace(section, directives=(item,)),))
    text = csv_out.render([result])
    assert '"Направить «план», см. ""приложение"""' in text
    assert read(text)[0]["Поручение"] == 'Направить «план», см. "приложение"'


def test_excel_bom_semicolon_russian_dates(results):
    text = csv_out.render(results, excel=True)
    assert text.startswith("\ufeff")
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = read(data.decode("utf-8-sig"), ";")
    assert list(rows[0]) == list(COLUMNS)
    items = by_item(rows)
    assert items["IV.2.1"][0]["Дата срока"] == "20.08.2023 09:00"
    assert items["IV.2.9"][1]["Срок с учётом выходных"] == "30.06.2023"
    assert items["IV.2.1"][0]["Дата протокола"] == "20.06.2023"
    assert items["IV.2.2"][0]["Дата срока"] == ""


def test_same_bytes_twice(results):
    assert csv_out.render(results) == csv_out.render(results)
    assert csv_out.render(results, excel=True) == csv_out.render(results, excel=True)


def test_empty():
    assert csv_out.render([]) == ",".join(COLUMNS) + "\r\n"
