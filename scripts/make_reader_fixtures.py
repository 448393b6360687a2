"""Make the binary fixtures of tests/readers (committed; tests never need these tools).

    python scripts/make_reader_fixtures.py

* hyphens.pdf   - 3 pages from a .docx by LibreOffice: a running header, a PAGE
                  footer, words hyphenated at line ends ("образова-|тельных") and a
                  compound broken at its hyphen ("образовательно-|производственных"),
                  a paragraph continued across a page break.
* scanned.pdf   - an image-only PDF (Pillow), no text layer.
* encrypted.pdf - hyphens.pdf encrypted with a user password by qpdf.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "readers"
sys.path.insert(0, str(ROOT / "scripts"))

from make_samples import W_NS, _fixed_zip, docx_to_pdf  # noqa: E402

HEADER = "Протокол № 7/23-пр"
# (text, soft breaks "|" become w:br, page break after the paragraph)
PARAGRAPHS = [
    ("ПРОТОКОЛ", False),
    ("1. Обеспечить подготовку образова-|тельных программ для образовательно-|"
     "производственных центров (кластеров).", False),
    ("Срок – до 1 июля 2023 г.", False),
    ("2. Представить отчет о ходе работ в адрес", True),
    ("Минпросвещения России.", False),
    ("3. Принять информацию к сведению.", True),
    ("4. Направить предложения по доку-|ментам в Департамент.", False),
    ("Срок – еженедельно.", False),
]


def hyphens_docx() -> bytes:
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml
    from docx.shared import Pt

    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Liberation Serif"
    normal.font.size = Pt(13)
    normal.paragraph_format.space_after = Pt(6)
    sec = doc.sections[0]
    sec.header.paragraphs[0].text = HEADER
    sec.footer.paragraphs[0]._p.append(parse_xml(
        f'<w:fldSimple xmlns:w="{W_NS}" w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    for text, page_break in PARAGRAPHS:
        p = doc.add_paragraph()
        for k, piece in enumerate(text.split("|")):
            run = p.add_run(piece)
            if k < text.count("|"):
                run.add_break()
        if page_break:
            p.add_run().add_break(WD_BREAK.PAGE)
    raw = io.BytesIO()
    doc.save(raw)
    return _fixed_zip(raw.getvalue())


def scanned_pdf() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (595, 842), "white")
    ImageDraw.Draw(img).text((72, 72), "PROTOKOL (scan)", fill="black")
    out = io.BytesIO()
    img.save(out, "PDF")
    return out.getvalue()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "hyphens.docx"
        src.write_bytes(hyphens_docx())
        docx_to_pdf(src, OUT / "hyphens.pdf")
    (OUT / "scanned.pdf").write_bytes(scanned_pdf())
    qpdf = shutil.which("qpdf")
    if qpdf:
        subprocess.run([qpdf, "--encrypt", "secret", "owner", "256", "--", str(OUT / "hyphens.pdf"),
                        str(OUT / "encrypted.pdf")], check=True)
    else:
        print("qpdf not found: encrypted.pdf not made (apt-get install -y qpdf)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
