"""Build minimal .docx packages in memory: body XML in, bytes out."""

from __future__ import annotations

import io
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W_NS}"'

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def p(text: str = "", *, num: tuple[int, int] | None = None, style: str | None = None,
      bold: bool = False, extra: str = "") -> str:
    """One w:p with one run; ``num`` = (numId, ilvl)."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    run = f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{run}{extra}</w:p>"


def lvl(ilvl: int, fmt: str = "decimal", text: str | None = None, start: int = 1,
        extra: str = "") -> str:
    text = text if text is not None else "".join(f"%{i + 1}." for i in range(ilvl + 1))
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def abstract(aid: int, *levels: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{aid}">{extra}{"".join(levels)}</w:abstractNum>'


def num(nid: int, aid: int, *overrides: str) -> str:
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{"".join(overrides)}</w:num>'


def start_override(ilvl: int, value: int) -> str:
    return f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'


def make_docx(body: str, *, numbering: str | None = None, styles: str | None = None,
              parts: dict[str, str | bytes] | None = None, raw_document: bytes | None = None) -> bytes:
    document = raw_document or (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}>'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>").encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("word/document.xml", document)
        if numbering is not None:
            zf.writestr("word/numbering.xml", f"<w:numbering {NS}>{numbering}</w:numbering>")
        if styles is not None:
            zf.writestr("word/styles.xml", f"<w:styles {NS}>{styles}</w:styles>")
        for name, data in (parts or {}).items():
            zf.writestr(name, data)
    return out.getvalue()
