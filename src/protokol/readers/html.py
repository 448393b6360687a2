"""Web pages: a protocol saved by Word as a "web page" (.htm/.html, also under a .doc name),
a page saved from a portal, and web archives (.mht/.mhtml, the HTML part read the same way).

Read with lxml.html (no network, no entities, comments and processing instructions dropped,
so Word's conditional comments ``<!--[if ...]>...<![endif]-->`` go with their content):

* block elements (p, div, h1-h6, li, blockquote, ...) each make a paragraph; a ``<br>`` ends
  a line, and a line that starts lower-case goes on the line before it (a sentence wrapped
  by hand, as in a .txt);
* a top-level table's cells are read as the .docx reader reads them: each paragraph of a
  cell one block, in_table, with its (table, row, grid column); ``colspan`` advances the
  column, a cell that ``rowspan`` carries down holds its text in the later rows too (not
  when the row's first cell is carried: one measure over two rows), as ``w:vMerge`` does;
* ``<ol><li>`` gives its item's number as the label ("1.", "2." ... from ``start``/``value``;
  ``type`` a, A, i, I, а or ``list-style-type``); a list inside an item is numbered as the
  document shows it ("1.1.", "а)"), Google Docs' flat lists from their stylesheet; a ``<ul>``
  item's label is "•" in a page LibreOffice or Google Docs saved, or inside an ``<ol>`` item (html_lists.py);
  the number Word writes as text (``<span style='mso-list:Ignore'>1.``) stays in the text, as in a .txt;
* script, style, head and the like, what is hidden (``display:none``, Word's ``mso-hide:all``)
  and what a .docx keeps in other parts (Word's ``mso-element:header``/``footer``/``footnote-list``/
  ``comment-list``, LibreOffice's ``<div title="header">``) are dropped; ``&nbsp;`` is a space;
* a paragraph wholly in ``<b>``/``<strong>``/``<th>``/a heading, or ``font-weight: bold``, is bold.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from protokol.errors import ReadError
from protokol.model import Block
from protokol.readers.html_lists import (BULLET, Template, bullet_label, fill, item_label, level_class, list_kind,
                                         office_page, templates)
from protokol.readers.normalize import clean, starts_lower

_DROPPED = frozenset({"script", "style", "head", "title", "noscript", "template", "object", "iframe",
                      "svg", "math", "select", "textarea", "button", "xml", "meta", "link"})
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
                    "blockquote", "pre", "address", "center", "section", "article", "header", "footer",
                    "main", "nav", "aside", "form", "fieldset", "caption", "figure", "figcaption", "hr",
                    "body", "html", "table", "tbody", "thead", "tfoot", "legend", "details", "summary"})
_BOLD = frozenset({"b", "strong", "th", "h1", "h2", "h3", "h4", "h5", "h6"})
_WEIGHT = re.compile(r"font-weight\s*:\s*([a-z0-9]+)", re.IGNORECASE)
_HIDDEN = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all|visibility\s*:\s*hidden"
                     r"|mso-element\s*:\s*(?:header|footer|footnote|endnote|comment)", re.IGNORECASE)
_FURNITURE = ("header", "footer")  # LibreOffice's <div title="header">
_FONT = re.compile(r"(?<![\w-])font-family\s*:\s*[\"']?\s*([\w ]*)", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")
_BREAK = "\n"  # a <br> inside a paragraph's pieces (source newlines are spaces by then)
MAX_DEPTH = 256  # libxml2's limit on nested elements (without XML_PARSE_HUGE)
MAX_SPAN = 64  # colspan/rowspan beyond this is taken as this (as the .docx reader bounds w:gridSpan)


def read_html(data: bytes, path: str, declared: str | None = None) -> tuple[Block, ...]:
    """A web page's bytes -> blocks; ``declared``: the charset an .mht part's header names."""
    from protokol.readers.web_source import page_text

    text = _XML_DECL.sub("", page_text(data, path, declared), count=1)
    if not text.strip():
        raise ReadError(path, "empty web page")
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(path, f"unreadable web page: {exc}") from None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):  # libxml2 stops, silently
        raise ReadError(path, f"web page nested deeper than {MAX_DEPTH} elements: refused")
    styles = "".join(el.text or "" for el in root.iter("style"))
    walker = _Walker(templates(styles) if "lst-kix_" in styles else {}, office_page(root) or "lst-kix_" in styles)
    walker.walk(root)
    return tuple(walker.blocks)


def read_mht(data: bytes, path: str) -> tuple[Block, ...]:
    """A web archive -> its HTML part's blocks."""
    from protokol.readers.web_source import archive_page

    page, charset = archive_page(data, path)
    return read_html(page, path, charset)


def _int(value: str | None, default: int) -> int:
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 7 else default  # "²".isdigit()


def _sibling(el, step: str):
    """The element next to ``el`` (``step``: "getprevious" or "getnext") with nothing but
    white space between them, else None."""
    other = getattr(el, step)()
    if other is None or not isinstance(other.tag, str):
        return None
    between = other.tail if step == "getprevious" else el.tail
    return other if not between or between.isspace() else None


class _Walker:
    """One pass over the page: the text of each paragraph, its boldness, label and cell."""

    def __init__(self, levels: dict[str, Template] | None = None, office: bool = False) -> None:
        self.blocks: list[Block] = []
        self.index = 0
        self._pieces: list[str] = []
        self._all_bold = True
        self._label: str | None = None  # an <ol> item's number, for its first paragraph
        self._depth = self._table = self._row = self._column = 0
        self._cell: tuple[int, int, int] | None = None
        self._carried: dict[int, list] = {}  # column -> [rows left, span, blocks] of a rowspan cell
        self._row_goes_on = False
        self._symbols: dict[int, str] | None = None  # a symbol font's characters, inside one
        self._outer: tuple[tuple[str, int], ...] = ()  # the <ol> items (kind, number) around
        self._last: list[int] = []  # the number of the last <ol> item at each depth, for a list LibreOffice goes on with
        self._levels = levels or {}  # Google Docs' list levels: class -> the template of its numbers
        self._counters: dict[str, int] = {}
        self._office = office  # a page an office program saved: its <ul>s are the document's lists

    def walk(self, root) -> None:
        self._walk(root, False)
        self._flush()

    def _font(self, family: str) -> None:
        """Word writes a list's bullet as the Symbol or Wingdings character ("·", "§", "Ø"):
        shown as the .docx reader shows a w:sym of that font ("•", "▪", "➢")."""
        from protokol.readers.docx_marks import SYMBOL_FONT, WINGDINGS_FONT

        family = family.strip().lower()
        self._symbols = SYMBOL_FONT if family == "symbol" else WINGDINGS_FONT if family == "wingdings" else None

    # ------------------------------------------------------------ elements

    def _walk(self, el, bold: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower().rpartition(":")[2] if ":" in tag else tag.lower()
        style = el.get("style") or ""
        if tag in _DROPPED or (style and _HIDDEN.search(style)) or el.get("hidden") is not None \
                or (tag == "div" and el.get("title") in _FURNITURE):
            return
        bold = self._bold(tag, style, bold)
        symbols = self._symbols
        family = _FONT.search(style) if style and "font-family" in style else None
        if family or el.get("face"):  # <font face="Symbol">
            self._font(family[1] if family else el.get("face"))
        try:
            self._element(el, tag, bold)
        finally:
            self._symbols = symbols

    def _element(self, el, tag: str, bold: bool) -> None:
        if tag == "br":
            self._pieces.append(_BREAK)
        elif tag in ("td", "th", "tr", "table"):
            self._table_part(el, tag, bold)
            return
        elif tag in _BLOCK:
            self._flush()
            if tag == "ol":
                self._list(el, bold)
                return
            if tag == "ul" and (self._office or self._outer) and bullet_label(el):
                self._bullets(el, bold)
                return
            self._children(el, bold)
            return
        self._contents(el, bold)

    def _bold(self, tag: str, style: str, bold: bool) -> bool:
        if tag in _BOLD:
            bold = True
        if style:
            m = _WEIGHT.search(style)
            if m:
                weight = m[1].lower()
                bold = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
        return bold

    def _list(self, ol, bold: bool) -> None:
        """An <ol>: each item's first paragraph labelled with its number (html_lists)."""
        kind, outer = list_kind(ol), self._outer
        level = level_class(ol, self._levels) if self._levels else None
        n = _int(ol.get("start"), 1) - 1
        if level is not None and ol.get("start") is None and "start" not in (ol.get("class") or "").split():
            n = self._counters.get(level, 0)  # a Google Docs level going on after a deeper one
        first = next((c for c in ol if isinstance(c.tag, str)), None)
        depth = len(outer)
        saved = outer
        if level is None and not depth and first is not None and first.tag == "li" \
                and (under := self._interrupted(ol)):
            outer = (under,)  # a sub-list of its own, written as a list beside its parent's
            depth = 1
        if first is not None and first.tag.lower() == "ol":  # no item of this level before the list in it:
            if ol.get("start") is None and len(self._last) > depth:  # LibreOffice goes on with the
                n = self._last[depth]  # last item of this level (<ol><ol start="2">, after a paragraph)
            self._outer = outer + ((kind, n),)
        self._text(ol.text, bold)
        for child in ol:
            if isinstance(child.tag, str) and child.tag.lower() == "li":
                n = _int(child.get("value"), n + 1)
                self._flush()
                if level is not None:
                    self._counters[level] = n
                    self._label = fill(self._levels[level], self._counters)
                else:
                    self._label = item_label(kind, n, outer)
                self._outer = outer + ((kind, n),)
                self._last[depth:] = [n]
            self._walk(child, bold)
            self._text(child.tail, bold)
        self._flush()
        self._label, self._outer = None, saved

    def _interrupted(self, ol) -> tuple[str, int] | None:
        """The last item (kind, number) of the list this <ol> stands inside, when it is a list
        of its own restarting at 1 between two <ol>s of that list, the second going on from the
        first (``<ol>…3 items…</ol><ol><li>…</ol><ol start="4">``): LibreOffice writes a .docx's
        sub-list of its own ("а)", "б)" under item 3) so, its format lost."""
        if ol.get("start") is not None or not self._last:
            return None
        before, after = _sibling(ol, "getprevious"), _sibling(ol, "getnext")
        if before is None or after is None or before.tag != "ol" or after.tag != "ol":
            return None
        n = self._last[0]
        if _int(after.get("start"), 1) != n + 1 or list_kind(after) != list_kind(before):
            return None
        return list_kind(before), n

    def _bullets(self, ul, bold: bool) -> None:
        """A <ul>: each item's first paragraph labelled with a bullet, as a .docx's bullet list."""
        self._text(ul.text, bold)
        for child in ul:
            if isinstance(child.tag, str) and child.tag.lower() == "li":
                self._flush()
                self._label = BULLET
            self._walk(child, bold)
            self._text(child.tail, bold)
        self._flush()
        self._label = None

    def _children(self, el, bold: bool) -> None:
        """A block's contents, then its paragraph ends."""
        self._contents(el, bold)
        self._flush()

    def _contents(self, el, bold: bool) -> None:
        """An element's text, its children and the text after each, in order."""
        self._text(el.text, bold)
        for child in el:
            self._walk(child, bold)
            self._text(child.tail, bold)

    # ------------------------------------------------------------ tables

    def _table_part(self, el, tag: str, bold: bool) -> None:
        self._flush()
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self._table, self._row, self._carried = self._table + 1, 0, {}
            self._children(el, bold)
            self._depth -= 1
        elif tag == "tr" and self._depth == 1:
            self._row, self._column = self._row + 1, 1
            self._row_goes_on = 1 in self._carried
            self._children(el, bold)
            self._carry(None)
        elif tag in ("td", "th") and self._depth == 1:
            self._carry(self._column)
            column, span = self._column, min(max(_int(el.get("colspan"), 1), 1), MAX_SPAN)
            self._cell = (self._table, self._row, column)
            self._column += span
            start = len(self.blocks)
            self._children(el, bold)
            self._cell = None
            rows = min(max(_int(el.get("rowspan"), 1), 1), MAX_SPAN)
            if rows > 1:
                self._carried[column] = [rows - 1, span, self.blocks[start:]]
        else:
            self._children(el, bold)

    def _carry(self, upto: int | None) -> None:
        """Step over the columns cells of rows above still cover (all of them when upto is None),
        copying their text into this row unless its first column is carried."""
        while self._column in self._carried and (upto is None or self._column <= upto):
            carried = self._carried[self._column]
            if not self._row_goes_on:
                self.blocks.extend(Block(b.text, b.paragraph, None, b.number_label, True, b.bold,
                                         (self._table, self._row, self._column)) for b in carried[2])
            carried[0] -= 1
            if carried[0] <= 0:
                del self._carried[self._column]
            self._column += carried[1]

    # ------------------------------------------------------------ text

    def _text(self, text: str | None, bold: bool) -> None:
        if not text:
            return
        text = text.replace("\r", " ").replace("\n", " ")
        if self._symbols is not None:
            text = "".join(self._symbols.get(ord(c), c) if " " < c < "\u0100" else c for c in text)
        self._pieces.append(text)
        if not bold and self._all_bold and not text.isspace():
            self._all_bold = False

    def _flush(self) -> None:
        """The paragraph read so far -> blocks (one per line its <br>s leave standing)."""
        if not self._pieces:
            return
        lines: list[str] = []
        for line in (clean(part) for part in "".join(self._pieces).split(_BREAK)):
            if not line:
                continue
            if lines and starts_lower(line) and not lines[-1].endswith((":", ";")):
                lines[-1] = f"{lines[-1]} {line}"
            else:
                lines.append(line)
        bold = self._all_bold
        self._pieces, self._all_bold = [], True
        cell = self._cell if self._depth else None
        for line in lines:
            self.index += 1
            self.blocks.append(Block(line, self.index, None, self._label, self._depth > 0, bold, cell))
            self._label = None
