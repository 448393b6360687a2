"""The register workbook's frame written as text: the parts openpyxl 3.1 writes for it
(protokol.output.xlsx_book), byte for byte (a test compares both for several archives),
without importing openpyxl (~0.2 s of CPU in the archive files' child).

    parts(frames, stamp, zones)   [(name, bytes), ...] in openpyxl's order

app.xml names the installed openpyxl's version, as openpyxl does. The sheets have their
header row and an empty extent (A1:<last>1); xlsx_book puts the
rows in. The theme is openpyxl's own (xlsx_theme.xml, its text as openpyxl writes it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from protokol.output.sheet_xml import STYLE_ID, STYLES, cell_xml, letter, placed, row_xml

if TYPE_CHECKING:
    from protokol.output.xlsx_book import Frame

OPENPYXL = "3.1.5"  # the version app.xml names when the installed openpyxl's is not found
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPE = "application/vnd.openxmlformats-"
# each look of STYLES: (bold, alignment, number format id)
_LOOKS = {"head": (True, ' vertical="top" wrapText="1"', 0), "top": (False, ' vertical="top"', 0),
          "wrap": (False, ' vertical="top" wrapText="1"', 0), "date": (False, ' vertical="top"', 164),
          "time": (False, ' vertical="top"', 165), "wrap-date": (False, ' vertical="top" wrapText="1"', 164),
          "bold": (True, None, 0)}
_FONTS = ('<fonts count="2"><font><name val="Calibri"/><family val="2"/><color theme="1"/><sz val="11"/>'
          '<scheme val="minor"/></font><font><b val="1"/></font></fonts><fills count="2"><fill><patternFill/></fill>'
          '<fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/>'
          '<bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
          'borderId="0"/></cellStyleXfs>')
_COLORS = ("00000000 00FFFFFF 00FF0000 0000FF00 000000FF 00FFFF00 00FF00FF 0000FFFF 00000000 00FFFFFF 00FF0000 "
           "0000FF00 000000FF 00FFFF00 00FF00FF 0000FFFF 00800000 00008000 00000080 00808000 00800080 00008080 "
           "00C0C0C0 00808080 009999FF 00993366 00FFFFCC 00CCFFFF 00660066 00FF8080 000066CC 00CCCCFF 00000080 "
           "00FF00FF 00FFFF00 0000FFFF 00800080 00800000 00008080 000000FF 0000CCFF 00CCFFFF 00CCFFCC 00FFFF99 "
           "0099CCFF 00FF99CC 00CC99FF 00FFCC99 003366FF 0033CCCC 0099CC00 00FFCC00 00FF9900 00FF6600 00666699 "
           "00969696 00003366 00339966 00003300 00333300 00993300 00993366 00333399 00333333").split()
_TAIL = ('<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" hidden="0"/></cellStyles>'
         '<tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>'
         '<colors><indexedColors>' + "".join(f'<rgbColor rgb="{c}"/>' for c in _COLORS)
         + '</indexedColors></colors></styleSheet>')


def parts(frames: Sequence[Frame], stamp: dt.datetime, zones: Sequence[str]) -> list[tuple[str, bytes]]:
    """The workbook's parts, named, in the order openpyxl writes them."""
    sheets = [(f"xl/worksheets/sheet{n}.xml", _sheet(frame).encode("ascii")) for n, frame in enumerate(frames, 1)]
    return [("docProps/app.xml", _app()), ("docProps/core.xml", _core(stamp)),
            ("xl/theme/theme1.xml", Path(__file__).with_name("xlsx_theme.xml").read_bytes()), *sheets,
            ("xl/styles.xml", _styles(zones).encode("utf-8")), ("_rels/.rels", _root_rels()),
            ("xl/workbook.xml", _workbook(frames).encode("utf-8")), ("xl/_rels/workbook.xml.rels", _book_rels(frames)),
            ("[Content_Types].xml", _content_types(len(frames)))]


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _number(value: float) -> str:
    return "%.16g" % value


def _sheet(frame: Frame) -> str:
    last = letter(len(frame.columns))
    if frame.fixed:
        view = '<sheetView workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView>'
    else:
        view = ('<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
                'state="frozen"/><selection pane="bottomLeft" activeCell="A1" sqref="A1"/></sheetView>')
    cols = "".join(f'<col width="{_number(width)}" customWidth="1" min="{n}" max="{n}"/>'
                   for n, width in enumerate(frame.fitted(), 1))
    style = STYLE_ID[frame.head]
    head = placed(row_xml([cell_xml(col, name, style) for col, name in enumerate(frame.columns, 1)]), 1)
    found = "" if frame.fixed else f'<autoFilter ref="A1:{last}{frame.count + 1}"/>'
    return (f'<worksheet xmlns="{_MAIN}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr/>'
            f'</sheetPr><dimension ref="A1:{last}1"/><sheetViews>{view}</sheetViews><sheetFormatPr baseColWidth="8" '
            f'defaultRowHeight="15"/><cols>{cols}</cols><sheetData>{head}</sheetData>{found}<pageMargins left="0.75" '
            'right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>')


def _styles(zones: Sequence[str]) -> str:
    from protokol.output.xlsx_book import DATE_FORMAT, TIME_FORMAT, time_format

    formats = [DATE_FORMAT, TIME_FORMAT] + [time_format(zone) for zone in zones]
    numbers = "".join(f'<numFmt numFmtId="{n}" formatCode="{_attr(code)}"/>' for n, code in enumerate(formats, 164))
    looks = [_LOOKS[name] for name in STYLES] + [(False, ' vertical="top"', n) for n in range(166, 166 + len(zones))]
    xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" pivotButton="0" quotePrefix="0" xfId="0"/>']
    for bold, alignment, fmt in looks:
        at = f'<xf numFmtId="{fmt}" fontId="{int(bold)}" fillId="0" borderId="0"'
        if alignment is None:
            xfs.append(f'{at} pivotButton="0" quotePrefix="0" xfId="0"/>')
        else:
            xfs.append(f'{at} applyAlignment="1" pivotButton="0" quotePrefix="0" xfId="0"><alignment{alignment}/></xf>')
    return (f'<styleSheet xmlns="{_MAIN}"><numFmts count="{len(formats)}">{numbers}</numFmts>{_FONTS}'
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>{_TAIL}')


def _workbook(frames: Sequence[Frame]) -> str:
    sheets = "".join(f'<sheet xmlns:r="{_REL}" name="{_attr(frame.title)}" sheetId="{n}" state="visible" r:id="rId{n}"/>'
                     for n, frame in enumerate(frames, 1))
    names = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
        f"{_attr(_quoted(frame.title))}!$A$1:${letter(len(frame.columns))}${frame.count + 1}</definedName>"
        for n, frame in enumerate(frames) if not frame.fixed)
    return (f'<workbook xmlns="{_MAIN}"><workbookPr/><workbookProtection/><bookViews><workbookView visibility="visible" '
            'minimized="0" showHorizontalScroll="1" showVerticalScroll="1" showSheetTabs="1" tabRatio="600" '
            f'firstSheet="0" activeTab="0" autoFilterDateGrouping="1"/></bookViews><sheets>{sheets}</sheets>'
            + (f"<definedNames>{names}</definedNames>" if names else "")
            + '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>')


def _quoted(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def _app() -> bytes:
    """docProps/app.xml: openpyxl names itself and its installed version there."""
    from protokol.grammar_files import installed_version

    version = installed_version("openpyxl", "openpyxl") or OPENPYXL
    return ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f"<Application>Microsoft Excel Compatible / Openpyxl {version}</Application>"
            f"<AppVersion>{'.'.join(version.split('.')[:-1])}</AppVersion></Properties>").encode("ascii")


def _core(stamp: dt.datetime) -> bytes:
    when = stamp.isoformat(timespec="seconds") + "Z"
    terms = ('xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             'xsi:type="dcterms:W3CDTF"')
    return ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties">'
            '<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">protokol</dc:creator>'
            f"<dcterms:created {terms}>{when}</dcterms:created><dcterms:modified {terms}>{when}</dcterms:modified>"
            "</cp:coreProperties>").encode("ascii")


def _relationships(items: Sequence[tuple[str, str]]) -> bytes:
    return (f'<Relationships xmlns="{_PKG_REL}">'
            + "".join(f'<Relationship Type="{kind}" Target="{target}" Id="rId{n}"/>'
                      for n, (kind, target) in enumerate(items, 1))
            + "</Relationships>").encode("ascii")


def _root_rels() -> bytes:
    return _relationships([(f"{_REL}/officeDocument", "xl/workbook.xml"),
                           (f"{_PKG_REL}/metadata/core-properties", "docProps/core.xml"),
                           (f"{_REL}/extended-properties", "docProps/app.xml")])


def _book_rels(frames: Sequence[Frame]) -> bytes:
    sheets = [(f"{_REL}/worksheet", f"/xl/worksheets/sheet{n}.xml") for n in range(1, len(frames) + 1)]
    return _relationships([*sheets, (f"{_REL}/styles", "styles.xml"), (f"{_REL}/theme", "theme/theme1.xml")])


def _content_types(sheets: int) -> bytes:
    office = f"{_TYPE}officedocument."
    overrides = [("/xl/styles.xml", f"{office}spreadsheetml.styles+xml"), ("/xl/theme/theme1.xml", f"{office}theme+xml"),
                 ("/docProps/core.xml", f"{_TYPE}package.core-properties+xml"),
                 ("/docProps/app.xml", f"{office}extended-properties+xml")]
    overrides += [(f"/xl/worksheets/sheet{n}.xml", f"{office}spreadsheetml.worksheet+xml") for n in range(1, sheets + 1)]
    overrides.append(("/xl/workbook.xml", f"{office}spreadsheetml.sheet.main+xml"))
    return ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="{_TYPE}package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
            + "</Types>").encode("ascii")
