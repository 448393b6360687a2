"""A laid-out PDF whose lines end in hyphens reads like the text it was made from."""

from __future__ import annotations

import io
import shutil

from protokol.api import parse

from .conftest import _soffice

LINES = [  # one paragraph, broken into these lines by hand (a line break after each)
    "1. Управлению сельского хозяйства района завершить посев-",
    "ной сезон и направить отчёт о работе с дизайн-",
    "проектами по адресу agro@raion-",
    "adm.ru до 15 мая 2024 года.",
]
TEXT = ("Управлению сельского хозяйства района завершить посевной сезон и направить отчёт о "
        "работе с дизайн-проектами по адресу agro@raion-adm.ru до 15 мая 2024 года.")


def test_line_end_hyphens_of_a_real_pdf(tmp_path):
    import docx

    exe = shutil.which("soffice")
    assert exe, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    doc = docx.Document()
    doc.add_paragraph("РАСПОРЯЖЕНИЕ")
    doc.add_paragraph("от 2 апреля 2024 г. № 15-р")
    p = doc.add_paragraph()
    for i, line in enumerate(LINES):
        run = p.add_run(line)
        if i < len(LINES) - 1:
            run.add_break()
    source = tmp_path / "hyphens.docx"
    out = io.BytesIO()
    doc.save(out)
    source.write_bytes(out.getvalue())
    _soffice(exe, "pdf", [source], tmp_path / "pdf", tmp_path / "profile")
    result = parse(tmp_path / "pdf" / "hyphens.pdf", rules="none").to_dict()
    (directive,) = [d for s in result["sections"] for d in s["directives"]]
    assert (directive["id"], directive["text"]) == ("1", TEXT)
    assert [dl["due"] for dl in directive["deadlines"]] == ["2024-05-15"]
