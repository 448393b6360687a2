"""Make samples/ from the seed protocol text: .txt (UTF-8 and cp1251), .docx, .pdf.

    python scripts/make_samples.py [--seed PATH] [--out samples] [--no-pdf]

The .docx carries every item number as Word automatic numbering (so no typed number
is left in its text), a running header and a PAGE footer, and the attendees in a
two-column table. The .pdf is the .docx converted by LibreOffice
(``soffice --headless --convert-to pdf``) with its creation date, file ID and checksum
fixed. Every file is byte-for-byte reproducible (with the same LibreOffice version).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from protokol.readers.txt import read_txt  # noqa: E402

SEED = Path("/work/shared/seed/protocol-2023-06-20-D05-78.txt")
STEM = "protocol-2023-06-20-D05-78"
HEADER_TEXT = "Протокол № Д05-78/05пр"
FIXED_TIME = (2023, 6, 20, 12, 0, 0)

SECTION = re.compile(r"^(?P<num>[IVXLC]+)\.\s*(?P<rest>.*)$")
ITEM = re.compile(r"^(?P<num>\d+(?:\.\d+)*)\.?\s*(?P<rest>\S.*)$")
NAME = re.compile(r"^(?:[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё-]+|[А-ЯЁ][а-яё-]+\s[А-ЯЁ]\.\s?[А-ЯЁ]\.)$")
BOLD_SPAN = "cluster2023@firpo.ru"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# ---------------------------------------------------------------- numbering.xml


def _lvl(ilvl: int, fmt: str, text: str) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:suff w:val="space"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="709"/></w:pPr></w:lvl>')


SECTIONS_ABSTRACT = 10
ITEMS_ABSTRACT = 20


def numbering_xml(item_lists: int) -> str:
    """One upperRoman list for the sections, one three-level decimal list for the items,
    restarted (a new w:num with w:startOverride) after each РЕШИЛИ:."""
    sections = (f'<w:abstractNum w:abstractNumId="{SECTIONS_ABSTRACT}">'
                '<w:multiLevelType w:val="singleLevel"/>' + _lvl(0, "upperRoman", "%1.")
                + "</w:abstractNum>")
    items = (f'<w:abstractNum w:abstractNumId="{ITEMS_ABSTRACT}">'
             '<w:multiLevelType w:val="multilevel"/>'
             + _lvl(0, "decimal", "%1.") + _lvl(1, "decimal", "%1.%2.")
             + _lvl(2, "decimal", "%1.%2.%3.") + "</w:abstractNum>")
    nums = [f'<w:num w:numId="1"><w:abstractNumId w:val="{SECTIONS_ABSTRACT}"/></w:num>']
    for k in range(item_lists):
        nums.append(f'<w:num w:numId="{k + 2}"><w:abstractNumId w:val="{ITEMS_ABSTRACT}"/>'
                    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
    return f'<w:numbering xmlns:w="{W_NS}">' + sections + items + "".join(nums) + "</w:numbering>"


# ---------------------------------------------------------------- layout of the seed


def plan(texts: list[str]) -> list[dict]:
    """Each seed block -> what the docx makes of it: kind, text, numbering, bold."""
    out: list[dict] = []
    in_body = False
    item_list = 0
    counters: list[int] = []
    section = 0
    for i, text in enumerate(texts):
        m = SECTION.match(text)
        if m and len(m["num"]) <= 5 and m["rest"]:
            in_body = True
            section += 1
            out.append({"kind": "p", "text": m["rest"], "num": (1, 0), "bold": True,
                        "typed": m["num"] + "."})
            continue
        m = ITEM.match(text) if in_body else None
        if m and not text.startswith(("20", "19")):
            parts = [int(x) for x in m["num"].split(".")]
            level = len(parts) - 1
            counters = (counters + [0] * (level + 1))[: level + 1]
            counters[level] += 1
            if counters != parts:
                raise SystemExit(f"typed number {m['num']} does not follow the list: {counters}")
            out.append({"kind": "p", "text": m["rest"], "num": (item_list + 1, level),
                        "typed": m["num"] + "."})
            continue
        if text == "РЕШИЛИ:":
            item_list += 1
            counters = []
        out.append({"kind": "p", "text": text})
    return out


def attendee_rows(items: list[dict]) -> tuple[int, int, list[tuple[list[str], list[str]]]]:
    """The span of blocks between "Присутствовали:" and the first block that is neither an
    organisation ("от ...", its continuation) nor a name, grouped into table rows."""
    texts = [it["text"] for it in items]
    start = texts.index("Присутствовали:") + 1
    rows: list[tuple[list[str], list[str]]] = []
    i = start
    while i < len(texts) and (texts[i].startswith("от ") or (rows and not NAME.match(texts[i])
                                                             and not rows[-1][1])):
        left: list[str] = []
        while i < len(texts) and not NAME.match(texts[i]):
            left.append(texts[i])
            i += 1
        right: list[str] = []
        while i < len(texts) and NAME.match(texts[i]):
            right.append(texts[i])
            i += 1
        rows.append((left, right))
    return start, i, rows


# ---------------------------------------------------------------- docx


def build_docx(seed_text: str) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    blocks = read_txt(seed_text.encode("utf-8"))
    texts = [b.text for b in blocks]
    bolds = [b.bold for b in blocks]
    items = plan(texts)
    for it, bold in zip(items, bolds):
        it["bold"] = it.get("bold", False) or bold
    lists = max((it["num"][0] for it in items if "num" in it), default=1)

    doc = docx.Document()
    doc.core_properties.created = dt.datetime(*FIXED_TIME)
    doc.core_properties.modified = dt.datetime(*FIXED_TIME)
    doc.core_properties.title = "Протокол совещания № Д05-78/05пр"
    doc.core_properties.author = "protokol samples"
    doc.core_properties.last_modified_by = "protokol samples"
    doc.core_properties.revision = 1

    normal = doc.styles["Normal"]
    normal.font.name = "Liberation Serif"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Liberation Serif")
    normal.font.size = Pt(13)
    pf = normal.paragraph_format
    pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(6), 1.0

    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    header = section.header.paragraphs[0]
    header.text = HEADER_TEXT
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer._p.append(parse_xml(
        f'<w:fldSimple xmlns:w="{W_NS}" w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))

    numbering = doc.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(numbering_xml(lists)):
        numbering.append(child)

    start, end, rows = attendee_rows(items)
    first_body = next(i for i, it in enumerate(items) if it.get("num", (0,))[0] == 1)

    def paragraph(container, it: dict, indent: bool):
        p = container.add_paragraph()
        text = it["text"]
        pieces = text.split(BOLD_SPAN)
        for k, piece in enumerate(pieces):
            if k:
                p.add_run(BOLD_SPAN).bold = True
            if piece:
                p.add_run(piece).bold = it.get("bold") or None
        if "num" in it:
            num_id, ilvl = it["num"]
            ppr = p._p.get_or_add_pPr()
            ppr.insert(0, parse_xml(
                f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
        if indent:
            p.paragraph_format.first_line_indent = Cm(1.25)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        return p

    for i, it in enumerate(items):
        if start <= i < end:
            if i == start:
                table = doc.add_table(rows=len(rows), cols=2)
                for row, (left, right) in zip(table.rows, rows):
                    for cell, lines in zip(row.cells, (left, right)):
                        cell._tc.remove(cell.paragraphs[0]._p)
                        for line in lines:
                            paragraph(cell, {"text": line}, indent=False)
            continue
        p = paragraph(doc, it, indent=i >= first_body)
        if i < first_body and (it.get("bold") or it["text"] == "ПРОТОКОЛ"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    _trim_styles(doc)
    raw = io.BytesIO()
    doc.save(raw)
    return _fixed_zip(raw.getvalue())


def _trim_styles(doc) -> None:
    """Keep the styles the document uses (and what they are based on), as Word does;
    python-docx's template carries 164 of them (350 KB of styles.xml)."""
    from docx.oxml.ns import qn

    styles = doc.styles.element
    used = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
    parts = [doc.element] + [s.header._element for s in doc.sections] + \
        [s.footer._element for s in doc.sections]
    for part in parts:
        for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            used.update(el.get(qn("w:val")) for el in part.iter(qn(tag)))
    by_id = {st.get(qn("w:styleId")): st for st in styles.iter(qn("w:style"))}
    todo = list(used)
    while todo:
        st = by_id.get(todo.pop())
        for ref in ("w:basedOn", "w:link"):
            el = st.find(qn(ref)) if st is not None else None
            if el is not None and el.get(qn("w:val")) not in used:
                used.add(el.get(qn("w:val")))
                todo.append(el.get(qn("w:val")))
    for style_id, st in by_id.items():
        if style_id not in used:
            styles.remove(st)


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every member dated FIXED_TIME, so the bytes are reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


# ---------------------------------------------------------------- pdf


def docx_to_pdf(docx_path: Path, pdf_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("soffice not found: apt-get install -y libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        env_profile = Path(tmp) / "profile"
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{env_profile}", "--headless",
             "--convert-to", "pdf", "--outdir", tmp, str(docx_path)],
            check=True, capture_output=True, timeout=180,
            env={"PATH": "/usr/bin:/bin", "HOME": tmp, "SOURCE_DATE_EPOCH": "1687262400"},
        )
        pdf_path.write_bytes(_fixed_pdf((Path(tmp) / (docx_path.stem + ".pdf")).read_bytes()))


def _fixed_pdf(data: bytes) -> bytes:
    """Blank LibreOffice's creation date, file ID and checksum with same-length values,
    so the xref offsets stay right and the bytes are reproducible."""
    stamp = b"%04d%02d%02d%02d%02d%02d" % FIXED_TIME
    for pattern, fill in ((rb"(/CreationDate\(D:)(\d{14})([^)]*\))", stamp),
                          (rb"(/ID \[ ?<)([0-9A-F]+)(>)", b"0"),
                          (rb"(<)([0-9A-F]{32})(> ?\])", b"0"),
                          (rb"(/DocChecksum /)([0-9A-F]+)()", b"0")):
        data = re.sub(pattern, lambda m, fill=fill: m.group(1) + (fill * len(m.group(2)))[:len(m.group(2))]
                      + m.group(3), data)
    return data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=Path, default=SEED)
    ap.add_argument("--out", type=Path, default=ROOT / "samples")
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args(argv)
    seed = args.seed.read_text(encoding="utf-8")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{STEM}.txt").write_bytes(seed.encode("utf-8"))
    crlf = seed.replace("\r\n", "\n").replace("\n", "\r\n")
    (args.out / f"{STEM}-cp1251.txt").write_bytes(crlf.encode("cp1251"))
    docx_path = args.out / f"{STEM}.docx"
    docx_path.write_bytes(build_docx(seed))
    if not args.no_pdf:
        docx_to_pdf(docx_path, args.out / f"{STEM}.pdf")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
