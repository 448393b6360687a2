"""A document written in LibreOffice itself (lists, nested lists, a list that continues
another across a paragraph, a restart, outline-numbered headings) read from its .odt."""

from __future__ import annotations

import shutil

from protokol.api import parse

from .conftest import _soffice

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def item(text: str, *sub: str, start: int | None = None) -> str:
    nested = "".join(f"<text:list-item><text:p>{s}</text:p></text:list-item>" for s in sub)
    value = f' text:start-value="{start}"' if start else ""
    return (f"<text:list-item{value}><text:p>{text}</text:p>"
            + (f"<text:list>{nested}</text:list>" if sub else "") + "</text:list-item>")


FODT = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <text:outline-style style:name="Outline">
  <text:outline-level-style text:level="1" style:num-format="I" style:num-suffix="."/>
 </text:outline-style>
 <text:list-style style:name="L1">
  <text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>
  <text:list-level-style-number text:level="2" style:num-format="1" style:num-suffix="." text:display-levels="2"/>
 </text:list-style>
</office:styles>
<office:body><office:text>
 <text:p>ПРОТОКОЛ</text:p>
 <text:p>от 5 марта 2024 г. № 12</text:p>
 <text:h text:outline-level="1">О подготовке к паводку</text:h>
 <text:p>РЕШИЛИ:</text:p>
 <text:list text:style-name="L1" xml:id="first">
  {item("Принять информацию к сведению.")}
  {item("Отделу гражданской обороны:", "проверить насосы до 20 марта 2024 года;", "составить график дежурств.")}
 </text:list>
 <text:h text:outline-level="1">О весеннем субботнике</text:h>
 <text:p>РЕШИЛИ:</text:p>
 <text:list text:style-name="L1">{item("Провести субботник 20 апреля 2024 года.", start=1)}</text:list>
 <text:p>Пояснение без номера.</text:p>
 <text:list text:style-name="L1" text:continue-list="first">
  {item("Управлению ЖКХ обеспечить вывоз мусора до 25 апреля 2024 года.")}
  {item("Отделу культуры:", "подготовить концерт к 1 мая 2024 года.")}
 </text:list>
</office:text></office:body></office:document>
"""


def test_a_libreoffice_document_keeps_its_numbers(tmp_path):
    exe = shutil.which("soffice")
    assert exe, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    (tmp_path / "lists.fodt").write_text(FODT, encoding="utf-8")
    _soffice(exe, "odt", [tmp_path / "lists.fodt"], tmp_path / "odt", tmp_path / "profile")
    result = parse(tmp_path / "odt" / "lists.odt", rules="none").to_dict()
    assert result["source"]["format"] == "odt"
    assert result["protocol"]["date"] == "2024-03-05"
    found = [(s["number"], d["id"], [dl["due"] for dl in d["deadlines"]])
             for s in result["sections"] for d in s["directives"]]
    # as LibreOffice shows them: the list after the unnumbered paragraph continues the first one
    assert found == [
        ("I", "I.1", []), ("I", "I.2", []), ("I", "I.2.1", ["2024-03-20"]), ("I", "I.2.2", []),
        ("II", "II.1", ["2024-04-20"]), ("II", "II.3", ["2024-04-25"]), ("II", "II.4", []),
        ("II", "II.4.1", ["2024-05-01"])]
