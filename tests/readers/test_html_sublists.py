"""A .docx's sub-list of its own ("а)", "б)" under item 4, a list that restarts) saved as a web
page by LibreOffice: it writes the sub-list as a plain <ol> beside the main list's <ol>s, the
main list going on after it with <ol start="5">. Read as a sub-list of item 4 ("4.1.", "4.2."),
not as a second "1.", "2." at the top. The page is made here by soffice from a .docx built by
hand (LibreOffice must be installed: the test fails without it)."""

from __future__ import annotations

import shutil

import pytest

from protokol.api import parse
from protokol.readers import read_bytes
from tests.formats.conftest import _soffice

from ._docx import abstract, lvl, make_docx, num, p, start_override

RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/{kind}" Target="{target}"/></Relationships>')
NUMBERING = (abstract(1, lvl(0), lvl(1)) + num(1, 1)
             + abstract(2, lvl(0), lvl(1)) + num(2, 2, start_override(0, 3))  # "3.1." as a list of its own
             + abstract(3, lvl(0, "russianLower", "%1)")) + num(3, 3))  # "а)" as a list of its own
BODY = (p("ПРОТОКОЛ № 5") + p("РЕШИЛИ:")
        + p("Администрации района обеспечить уборку улиц.", num=(1, 0))
        + p("Отделу культуры подготовить план мероприятий.", num=(1, 0))
        + p("Управлению образования:", num=(1, 0))
        + p("подготовить доклад;", num=(2, 1)) + p("провести совещание.", num=(2, 1))
        + p("Отделу спорта:", num=(1, 0))
        + p("организовать соревнования;", num=(3, 0)) + p("наградить победителей.", num=(3, 0))
        + p("Контроль за исполнением оставляю за собой.", num=(1, 0)))
EXPECTED = [("1.", "Администрации района обеспечить уборку улиц."),
            ("2.", "Отделу культуры подготовить план мероприятий."), ("3.", "Управлению образования:"),
            ("3.1.", "подготовить доклад;"), ("3.2.", "провести совещание."), ("4.", "Отделу спорта:"),
            ("4.1.", "организовать соревнования;"), ("4.2.", "наградить победителей."),
            ("5.", "Контроль за исполнением оставляю за собой.")]


def labelled(page: bytes) -> list[tuple[str | None, str]]:
    return [(b.number_label, b.text) for b in read_bytes(page, "p.html").blocks if b.number_label]


@pytest.fixture(scope="module")
def saved_page(tmp_path_factory):
    exe = shutil.which("soffice")
    assert exe, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    tmp = tmp_path_factory.mktemp("html_sublists")
    parts = {"_rels/.rels": RELS.format(kind="officeDocument", target="word/document.xml"),
             "word/_rels/document.xml.rels": RELS.format(kind="numbering", target="numbering.xml")}
    (tmp / "protocol.docx").write_bytes(make_docx(BODY, numbering=NUMBERING, parts=parts))
    _soffice(exe, "html", [tmp / "protocol.docx"], tmp / "out", tmp / "profile")
    return tmp / "out" / "protocol.html"


@pytest.mark.engine("soffice")
def test_a_sub_list_of_its_own_saved_by_libreoffice_goes_under_its_item(saved_page):
    page = saved_page.read_bytes()
    assert b'<ol start="5">' in page  # the shape this reading is for
    assert labelled(page) == EXPECTED


@pytest.mark.engine("soffice")
def test_the_page_gives_the_docx_item_tree_without_duplicates(saved_page):
    result = parse(saved_page)
    items = [(d.id, d.parent) for s in result.sections for d in s.directives]
    assert items == [("1", None), ("2", None), ("3", None), ("3.1", "3"), ("3.2", "3"), ("4", None),
                     ("4.1", "4"), ("4.2", "4"), ("5", None)]
    assert not [w for w in result.warnings if w.code == "duplicate_number"]


def page(*lists: str) -> bytes:
    return f"<html><body><p>РЕШИЛИ:</p>{''.join(lists)}</body></html>".encode()


def items(*texts: str) -> str:
    return "".join(f"<li><p>{t}</p></li>" for t in texts)


def test_a_list_between_two_parts_of_another_is_its_sub_list():
    got = labelled(page(f"<ol>{items('Первое.', 'Второе:')}</ol>", f'<ol type="a">{items("раз;", "два.")}</ol>',
                        f'<ol start="3">{items("Третье.")}</ol>'))
    assert got == [("1.", "Первое."), ("2.", "Второе:"), ("a)", "раз;"), ("b)", "два."), ("3.", "Третье.")]


@pytest.mark.parametrize("after", [
    '<ol start="4"><li><p>Четвёртое.</p></li></ol>',  # does not go on from "2."
    '<p>Текст.</p><ol start="3"><li><p>Третье.</p></li></ol>',  # a paragraph between
    "",  # nothing after it
    '<ol type="I" start="3"><li><p>Третье.</p></li></ol>',  # another kind of list
])
def test_a_list_that_does_not_stand_inside_another_is_read_as_written(after):
    got = labelled(page(f"<ol>{items('Первое.', 'Второе:')}</ol>", f"<ol>{items('раз;', 'два.')}</ol>", after))
    assert got[2:4] == [("1.", "раз;"), ("2.", "два.")]
