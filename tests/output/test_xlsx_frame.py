"""register.xlsx's frame written as text (output/xlsx_frame.py) is, byte for byte, what
openpyxl writes for it (xlsx_book.openpyxl_parts), for archives of every shape."""

from __future__ import annotations

import datetime as dt
import functools
import io
import subprocess
import sys

import pytest

from protokol.convert import parse_source
from protokol.model import Options
from protokol.output import xlsx_book
from protokol.output.assembly import assemble
from protokol.output.xlsx_book import Frame, write_book
from tests.register.protocols import FIRST, OTHER, SECOND

LONG = ("ПРОТОКОЛ\n\nсовещания\n\n5 марта 2024 г. № 7\n\nРЕШИЛИ:\n\n1. Минфину края обеспечить "
        + "подготовку сводного отчета по всем муниципальным образованиям края; " * 700
        + "Срок – до 1 апреля 2024 г.\n")
TIMED = ("ПРОТОКОЛ\n\nсовещания\n\n6 марта 2024 г. № 9\n\nРЕШИЛИ:\n\n1. Минстрою края & ООО «<Строй>» "
         "представить сведения. Срок – 12 марта 2024 г. в 10:00 по московскому времени.\n\n"
         "2. Минфину края доложить. Срок – 13 марта 2024 г. в 15:30 (время местное, UTC+5).\n")
ARCHIVES = {"empty": [], "one": [FIRST], "several": [FIRST, SECOND, OTHER, FIRST],
            "timed": [TIMED, SECOND], "long": [LONG, OTHER, TIMED]}


def _book(texts: list[str], frame_by: str, monkeypatch: pytest.MonkeyPatch) -> bytes:
    results = [parse_source(text.encode("utf-8"), Options(), input_format="txt", name=f"p{n}.txt")
               for n, text in enumerate(texts)]
    monkeypatch.setattr(xlsx_book, "write_book", functools.partial(write_book, frame_by=frame_by))
    target = io.BytesIO()
    assemble(results, None).write_xlsx(target)
    return target.getvalue()


@pytest.mark.parametrize("name", sorted(ARCHIVES))
def test_frame_as_text_is_openpyxls(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ARCHIVES[name]
    assert _book(texts, "text", monkeypatch) == _book(texts, "openpyxl", monkeypatch)


@pytest.mark.parametrize("zones", [[], ["MSK"], ["MSK", 'a"&<b>', "UTC+5"]])
def test_frames_of_every_kind_are_openpyxls(zones: list[str]) -> None:
    frames = [Frame("Поручения", ["№", "Поручение", " Срок "], 3, lambda out: out.write(b""), widest=[1, 80, 10],
                    numbered=True),
              Frame("A'b & <c>", ["x", "y", "z", "w"], 0, lambda out: None, fixed=(12, 10, 10, 7.25), head="bold"),
              Frame("Q", ["x"], 0, lambda out: None, widest=[0])]
    for stamp in (dt.datetime(2024, 1, 2, 3, 4, 5, 678), dt.datetime(1970, 5, 6)):
        text, reference = io.BytesIO(), io.BytesIO()
        write_book(text, frames, stamp, zones)
        write_book(reference, frames, stamp, zones, frame_by="openpyxl")
        assert text.getvalue() == reference.getvalue()


def test_register_is_written_without_openpyxl(tmp_path) -> None:
    code = ("import io, sys\n"
            "from protokol.convert import parse_source\nfrom protokol.model import Options\n"
            "from protokol.output.assembly import assemble\n"
            "r = parse_source(sys.argv[1].encode(), Options(), input_format='txt', name='a.txt')\n"
            "assemble([r], None).write_xlsx(io.BytesIO())\n"
            "assert 'openpyxl' not in sys.modules, 'openpyxl imported'\n")
    subprocess.run([sys.executable, "-c", code, FIRST], check=True, timeout=120)
