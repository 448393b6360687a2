"""Word .docx read with zipfile + lxml directly (python-docx is not a runtime dependency).

Body paragraphs in order, including table cells (nested tables too) and the paragraphs
of text boxes (after the paragraph they are anchored in); headers, footers, comments and
footnotes are separate parts and are not read. Deleted text (w:del, w:moveFrom) is
skipped, inserted text kept; a field shows its result, not its instruction; a content
control its value, not its placeholder. Automatic numbering is resolved into the label
Word displays (see numbering.py) and kept out of the text. (docx_marks.py: the marks.)
"""

from __future__ import annotations

import io
import zipfile

from protokol.errors import ReadError
from protokol.model import Block, Limits
from protokol.readers.docx_chunks import AltChunks
from protokol.readers.docx_marks import AC, SHAPES, Fields, first_branch, placeholder, sym_text, text_boxes
from protokol.readers.docx_package import main_part, part_names
from protokol.readers.docx_styles import MAX_ILVL, Styles, StyleNumbering
from protokol.readers.normalize import clean
from protokol.readers.numbering import Numbering
from protokol.readers.ooxml import W, Package, first_two, number, wval

_P, _TBL, _R, _T = W + "p", W + "tbl", W + "r", W + "t"
_TR, _TC, _TCPR, _SPAN = W + "tr", W + "tc", W + "tcPr", W + "gridSpan"
_VMERGE = W + "vMerge"
_PPR, _PSTYLE, _NUMPR, _NUMID, _ILVL = W + "pPr", W + "pStyle", W + "numPr", W + "numId", W + "ilvl"
_RPR, _B, _RSTYLE, _VAL = W + "rPr", W + "b", W + "rStyle", W + "val"
_CONTAINERS = {W + "tr", W + "tc", W + "sdtContent", W + "customXml",
               W + "body", W + "ins", W + "moveTo", W + "smartTag"}
_SKIP = {W + "del", W + "moveFrom", W + "pPr", W + "rPr", W + "drawing", W + "pict",
         W + "object", W + "instrText", W + "delText", W + "footnoteReference",
         W + "endnoteReference", W + "commentReference", W + "fldData", W + "sdtPr", W + "sdtEndPr"}
_SDT, _FLDCHAR, _SYM = W + "sdt", W + "fldChar", W + "sym"
_ALTCHUNK = W + "altChunk"
_SPACE = {W + "tab", W + "br", W + "cr", W + "ptab"}
_FALSE = ("0", "false", "off", "none")
_VANISH = W + "vanish"
PARTS = ("word/document.xml", "word/styles.xml", "word/numbering.xml")
_NBH = W + "noBreakHyphen"
_ILVLS = {str(i): i for i in range(MAX_ILVL + 1)}
MAX_BASED_ON = 64  # basedOn links followed from one style (real chains are a few deep)


def read_docx(data: bytes, path: str = "", limits=None, opened: zipfile.ZipFile | None = None,
              nested: bool = False) -> tuple[Block, ...]:
    """``opened``: data's zip as the caller opened it (readers.sniff), closed here; ``nested``:
    the .docx is another one's w:altChunk (its own chunks are not read)."""
    limits = limits or Limits()
    try:
        zf = opened if opened is not None else zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, NotImplementedError):  # NotImplemented: zip version > 6.3
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise ReadError(path, "encrypted or legacy .doc file (supported: docx, pdf, txt)") from None
        raise ReadError(path, "corrupt .docx: not a zip archive") from None
    with zf:
        pkg = Package(zf, path, limits.max_unzipped)
        main = main_part(zf)
        styles_part, numbering_part = part_names(zf, main)
        pkg.check(tuple(dict.fromkeys(PARTS + (main, styles_part, numbering_part))))
        document = pkg.xml(main, required=True)
        styles = Styles(pkg.xml(styles_part, skip=b"w:latentStyles"))  # hundreds of names, unused
        numbering = Numbering(pkg.xml(numbering_part), StyleNumbering(styles))
        body = document.find(W + "body")
        if body is None:
            raise ReadError(path, f"corrupt .docx: {main} has no body")
        walker = BodyWalker(styles, numbering)
        if not nested:
            walker.chunks = AltChunks(zf, pkg, main, limits)
        return tuple(walker.walk(body))


def _cell_props(tc) -> tuple[int, bool]:
    """How many grid columns a cell spans (its first w:gridSpan, at least 1) and whether it
    continues the one above it (its first w:vMerge, without w:val="restart"): one pass over
    its w:tcPr's children (two find() calls parsed their paths in Python)."""
    span = merge = None
    pr = tc[0] if len(tc) else None
    if pr is not None and pr.tag == _TCPR:
        span, merge = first_two(pr, _SPAN, _VMERGE)
    return (1 if span is None else number(wval(span), 1, 1, 64),
            merge is not None and (merge.get(_VAL) or "continue") != "restart")


def _run_props(rpr) -> tuple[bool, bool | None, str | None]:
    """A run's w:rPr in one scan: hidden (its first w:vanish), its own bold (its first w:b)
    and its character style (the last w:rStyle before that w:b)."""
    hidden = vanish = False
    bold = rstyle = None
    for c in rpr:
        tag = c.tag
        if tag == _B:
            if bold is None:
                bold = (c.get(_VAL) or "true").lower() not in _FALSE
        elif tag == _RSTYLE:
            if bold is None:
                rstyle = c.get(_VAL)
        elif tag == _VANISH and not vanish:
            vanish = True
            hidden = (c.get(_VAL) or "true").lower() not in _FALSE
    return hidden, bold, rstyle


class BodyWalker:
    """One pass over the body: each paragraph's style, numbering label, text and boldness.

    Per-style facts (numbering, boldness through basedOn) are resolved once per style
    the body uses, then looked up."""

    def __init__(self, styles: Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.index = 0
        self.blocks: list[Block] = []
        self._bold_cache: dict[tuple[str, str], bool] = {}
        self._num_cache: dict[tuple[str, str | None, int | None], tuple[str | None, int | None]] = {}
        # per _Style field: style id -> the value it has or inherits through basedOn
        self._inherited: dict[str, dict[str, object]] = {"num_id": {}, "ilvl": {}, "bold": {}}
        # the cell of a top-level table being read: table, row and grid column counters
        self._depth = self._table = self._row = self._column = 0
        self._cell: tuple[int, int, int] | None = None
        # a vertically merged cell's text, by (table, grid column), and whether the row being read
        # continues the one above in its first column (a merged "№": the row goes on, no copy)
        self._above: dict[tuple[int, int], list[Block]] = {}
        self._row_goes_on = False
        self.default_para = styles.default_para
        self._all_bold = True  # of the paragraph being read
        self._fields = Fields()
        self._hold = 0  # content controls showing a placeholder that the walk is inside
        self._muted = False  # text is not shown: in a field's instruction or a placeholder
        self._boxes: list = []  # text boxes met in the paragraph being read
        self.chunks: AltChunks | None = None  # the package's w:altChunk parts, when they are read

    def _inherit(self, style_id: str | None, name: str):
        """A style's ``name`` field, else the nearest basedOn ancestor's (None if none has it).

        Every style is resolved once (memoized along the walk), so a document with a
        basedOn chain of n styles costs O(n), not O(n^2); a cycle ends the chain, and so
        does a chain longer than MAX_BASED_ON.
        """
        memo = self._inherited[name]
        path: list[str] = []
        found = None
        while style_id and style_id in self.styles:
            if style_id in memo:
                found = memo[style_id]
                break
            if style_id in path or len(path) >= MAX_BASED_ON:
                break
            st = self.styles[style_id]
            own = getattr(st, name)
            if own is not None:
                memo[style_id] = found = own
                break
            path.append(style_id)
            style_id = st.based_on
        for visited in path:
            memo[visited] = found
        return found

    def walk(self, el) -> list[Block]:
        self._walk(el, False)
        return self.blocks

    def _walk(self, el, in_table: bool) -> None:
        for child in el:
            tag = child.tag
            if tag == _P:
                self.index += 1
                block = self.paragraph(child, in_table)
                if block is not None:
                    self.blocks.append(block)
                if self._boxes:  # its text boxes' paragraphs come after it
                    boxes, self._boxes = self._boxes, []
                    for box in boxes:
                        self._walk(box, in_table)
            elif tag == _TBL:
                self._depth += 1
                if self._depth == 1:
                    self._table, self._row = self._table + 1, 0
                self._walk(child, True)
                self._depth -= 1
            elif tag == _TR and self._depth == 1:
                self._row, self._column = self._row + 1, 1
                self._walk(child, in_table)
            elif tag == _TC and self._depth == 1:
                self._cell = (self._table, self._row, self._column)
                span, merged = _cell_props(child)
                self._column += span
                start = len(self.blocks)
                self._walk(child, in_table)
                self._merged(merged, start)
                self._cell = None
            elif tag in _CONTAINERS:
                self._walk(child, in_table)
            elif tag == _SDT:
                self._inside(child, self._walk, child, in_table)
            elif tag == AC:
                branch = first_branch(child)
                if branch is not None:
                    self._walk(branch, in_table)
            elif tag == _ALTCHUNK and self.chunks is not None:
                self._chunk(self.chunks.blocks(child), in_table)

    def _chunk(self, blocks: tuple[Block, ...], in_table: bool) -> None:
        """A w:altChunk's blocks where it stands: numbered on from the body's paragraphs; in a
        table's cell they are that cell's, and its own tables follow the body's."""
        tables = 0
        for b in blocks:
            self.index += 1
            if in_table:
                cell = self._cell if self._depth == 1 else None
            elif b.cell is not None:
                tables = max(tables, b.cell[0])
                cell = (self._table + b.cell[0], b.cell[1], b.cell[2])
            else:
                cell = None
            self.blocks.append(Block(b.text, self.index, None, b.number_label, in_table or b.in_table, b.bold,
                                     cell, b.cells))
        self._table += tables

    def _inside(self, sdt, read, *args) -> None:
        """read(*args) a content control's content, muted while it shows its placeholder."""
        if not placeholder(sdt):
            read(*args)
            return
        self._hold += 1
        self._muted = True
        try:
            read(*args)
        finally:
            self._hold -= 1
            self._muted = self._hold > 0 or self._fields.open > 0

    def _field(self, fld) -> bool:
        self._muted = self._fields.mark(fld) or self._hold > 0
        return self._muted

    def _merged(self, merged: bool, start: int) -> None:
        """A cell merged with the one above ("Министерство … (Рябцев Е.Е.)" for two rows) holds its
        text in this row too, unless the row's first cell is merged (one measure over two rows)."""
        table, row, column = self._cell  # type: ignore[misc]
        if column == 1:
            self._row_goes_on = merged
        if not merged:
            self._above[(table, column)] = self.blocks[start:]
        elif not self._row_goes_on and len(self.blocks) == start:
            self.blocks.extend(Block(b.text, b.paragraph, b.page, None, True, b.bold, (table, row, column))
                               for b in self._above.get((table, column), ()))

    # ---------------------------------------------------------------- paragraphs

    def paragraph(self, p, in_table: bool) -> Block | None:
        pstyle = num_id = ilvl = None
        if self._muted:  # a field's instruction left open ends with its paragraph
            self._muted = self._fields.paragraph_start() or self._hold > 0
        runs = p  # the children the runs are looked for in: those after the properties
        for first in p:  # the paragraph's properties, when they come first
            if first.tag == _PPR:
                runs = first.itersiblings()
                for c in first:
                    tag = c.tag
                    if tag == _PSTYLE:
                        pstyle = c.get(_VAL)
                    elif tag == _NUMPR:
                        for d in c:
                            dtag = d.tag
                            if dtag == _NUMID:
                                num_id = d.get(_VAL)
                            elif dtag == _ILVL:
                                value = d.get(_VAL)
                                ilvl = _ILVLS.get(value)  # type: ignore[arg-type]
                                if ilvl is None:
                                    ilvl = number(value, 0, 0, MAX_ILVL)
            break
        pstyle = pstyle or self.default_para
        if num_id is None or ilvl is None:  # the style's numbering, if any (cached per style)
            known = self._num_cache.get((pstyle, num_id, ilvl))
            if known is None:
                known = self._num_cache[pstyle, num_id, ilvl] = self._style_numbering(pstyle, num_id, ilvl)
            num_id, ilvl = known
        # the list counters advance for empty paragraphs too
        label = None if num_id is None or num_id == "0" else self.numbering.label(num_id, ilvl or 0)
        texts: list[str] = []
        self._all_bold = True
        self._runs(runs, pstyle, texts)
        text = "".join(texts)
        if text:
            text = clean(text)
        cell = self._cell if in_table else None
        if not text and (label is None or cell is None):  # a table's auto-numbered "№" cell is kept
            return None
        return Block(text, self.index, None, label, in_table, self._all_bold, cell)

    def _style_numbering(self, pstyle: str, num_id: str | None, ilvl: int | None) -> tuple[str | None, int | None]:
        """numId and ilvl of a paragraph whose own numPr leaves one out: its style's,
        following basedOn (a style-linked level when only the numId is known)."""
        style_num, style_ilvl = self._inherit(pstyle, "num_id"), self._inherit(pstyle, "ilvl")
        num_id = style_num if num_id is None else num_id
        ilvl = style_ilvl if ilvl is None else ilvl
        if num_id is not None and ilvl is None and pstyle:
            ilvl = self.numbering.level_for_style(num_id, pstyle)
        return num_id, ilvl

    def _runs(self, el, pstyle: str, out: list[str]) -> None:
        """The texts of the runs among el's children (el: an element, or an iterator of
        elements) into out; a visible text run that is not bold clears _all_bold (tabs and
        breaks count as bold spaces)."""
        muted = self._muted
        for child in el:
            tag = child.tag
            if tag == _R:
                bold = None  # known at the run's first text
                own = rstyle = None
                first = True
                for part in child:
                    ptag = part.tag
                    if ptag == _T:
                        if muted:
                            pass
                        else:
                            if bold is None:
                                bold = own if own is not None else self._bold_cache.get((pstyle, rstyle or ""))
                                if bold is None:
                                    bold = self._style_bold_of(pstyle, rstyle)
                            text = part.text or ""
                            out.append(text)
                            if not bold and self._all_bold and not text.isspace():
                                self._all_bold = False
                    elif first and ptag == _RPR:  # (before the set test: its tag is hashed only if not)
                        if len(part):  # an empty <w:rPr/> says nothing
                            hidden, own, rstyle = _run_props(part)
                            if hidden:  # its field characters still open and close fields
                                for fld in part.itersiblings(_FLDCHAR):
                                    muted = self._field(fld)
                                break
                    elif ptag in _SPACE:
                        if not muted:
                            out.append(" ")
                    elif ptag == _NBH:
                        if not muted:
                            out.append("-")
                            if not bold:
                                self._all_bold = False
                    elif ptag == _FLDCHAR:
                        muted = self._field(part)
                    elif ptag == _SYM:
                        if not muted:
                            out.append(sym_text(part))
                    elif ptag in SHAPES:
                        if not muted:
                            self._boxes.extend(text_boxes(part))
                    first = False
            elif tag in _SKIP or tag == _P:
                continue
            elif tag == _SDT:
                self._inside(child, self._runs, child, pstyle, out)
                muted = self._muted
            elif tag == AC:
                branch = first_branch(child)
                if branch is not None:
                    self._runs(branch, pstyle, out)
                    muted = self._muted
            elif len(child):
                self._runs(child, pstyle, out)
                muted = self._muted

    def _style_bold_of(self, pstyle: str, rstyle: str | None) -> bool:
        """A run without its own w:b: its character style's, else the paragraph style's boldness."""
        key = (pstyle, rstyle or "")
        bold = self._bold_cache.get(key)
        if bold is None:
            bold = self._bold_cache[key] = self._style_bold(pstyle, rstyle)
        return bold

    def _style_bold(self, pstyle: str, rstyle: str | None) -> bool:
        for style_id in (rstyle, pstyle):
            bold = self._inherit(style_id, "bold")
            if bold is not None:
                return bool(bold)
        default = self.styles.get("")
        return bool(default and default.bold)
