"""Build the seed corpus fuzz/corpus/{docx,pdf,txt} from samples/ (small, trimmed copies)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "samples"
SEED = "protocol-2023-06-20-D05-78"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(paragraphs: str, numbering: str | None = None, styles: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{paragraphs}</w:body></w:document>')
        if numbering:
            zf.writestr("word/numbering.xml", numbering)
        if styles:
            zf.writestr("word/styles.xml", styles)
    return buf.getvalue()


def _p(text: str, num: int | None = None, ilvl: int = 0) -> str:
    ppr = f"<w:pPr><w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>" if num else ""
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


NUMBERING = (f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">'
             '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
             '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>'
             '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


# style-linked numbering: a heading style basedOn another, a list defined through a
# numStyleLink, Roman and letter levels, w:lvlRestart and a w:startOverride
LINKED_NUMBERING = (
    f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/>'
    '<w:pStyle w:val="H1"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="russianLower"/><w:lvlText w:val="%2)"/>'
    '<w:lvlRestart w:val="1"/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="L"/></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num></w:numbering>')
LINKED_STYLES = (
    f'<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr>'
    '<w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="H1"/></w:style>'
    '<w:style w:type="numbering" w:styleId="L"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '</w:styles>')


def _styled(text: str, style: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'


def corpus() -> dict[str, dict[str, bytes]]:
    txt = (SAMPLES / f"{SEED}.txt").read_bytes()
    text = txt.decode("utf-8")
    head = text[:1500]
    return {
        "txt": {
            "sample-head.txt": head.encode("utf-8"),
            "sample-tail.txt": text[-1500:].encode("utf-8"),
            "cp1251.txt": (SAMPLES / f"{SEED}-cp1251.txt").read_bytes()[:1500],
            "koi8r.txt": head.encode("koi8_r", errors="replace"),
            "utf16.txt": head[:600].encode("utf-16"),
            "mixed-code-pages.txt": head[:700].encode("cp1251", errors="replace")
                                    + head[700:1400].encode("koi8_r", errors="replace"),
            "utf8-bad-byte.txt": head[:700].encode("utf-8") + b"\xff" + head[700:1400].encode("utf-8"),
            "pages-bold.txt": "**ПРОТОКОЛ**\nсовещания\n\fРЕШИЛИ:\n1. Обеспечить\nработу.\nСрок – до 1 июля 2023 г.\n"
                              .encode("utf-8"),
        },
        "docx": {
            "sample.docx": (SAMPLES / f"{SEED}.docx").read_bytes(),
            "minimal.docx": _docx(_p("ПРОТОКОЛ") + _p("РЕШИЛИ:") + _p("1. Обеспечить.") + _p("Срок – до 1 июля 2023 г.")),
            "numbered.docx": _docx(_p("РЕШИЛИ:") + _p("Обеспечить:", 1) + _p("подпункт", 1, 1) + _p("Второй", 1),
                                   NUMBERING),
            "linked.docx": _docx(_styled("О работе", "H1") + _p("РЕШИЛИ:") + _p("Обеспечить", 2, 1)
                                 + _styled("О планах", "H2") + _p("Второй", 1, 1), LINKED_NUMBERING, LINKED_STYLES),
        },
        "pdf": {
            "sample.pdf": (SAMPLES / f"{SEED}.pdf").read_bytes(),
            "blank.pdf": _blank_pdf(),
        },
    }


def _blank_pdf() -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(100, 100)
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def main() -> None:
    for fmt, files in corpus().items():
        folder = HERE / "corpus" / fmt
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)


if __name__ == "__main__":
    main()
