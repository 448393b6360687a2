"""What a .docx run holds besides plain text: symbols (w:sym), text boxes (w:txbxContent in a
drawing, a VML picture or an mc:AlternateContent), content-control placeholders, and the
field characters that tell a field's instruction from its result (see docx.py's BodyWalker).
"""

from __future__ import annotations

from protokol.readers.ooxml import W

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
AC, FALLBACK = MC + "AlternateContent", MC + "Fallback"
TXBX = W + "txbxContent"
SHAPES = frozenset({W + "drawing", W + "pict", AC})  # what may hold a text box in a run
_FALSE = ("0", "false", "off")
_PLACEHOLDER = f"{W}sdtPr/{W}showingPlcHdr"
_CHAR, _FONT, _TYPE = W + "char", W + "font", W + "fldCharType"

# Symbol-font code points (the font's own encoding, written as F0xx or 00xx) -> Unicode:
# the marks a protocol uses; Greek letters and the rest are left out (drawn, not read)
SYMBOL_FONT = {0x20: " ", 0x21: "!", 0x28: "(", 0x29: ")", 0x2B: "+", 0x2C: ",", 0x2D: "-", 0x2E: ".",
               0x2F: "/", 0x3A: ":", 0x3B: ";", 0x3C: "<", 0x3D: "=", 0x3E: ">", 0xA3: "≤", 0xB0: "°",
               0xB1: "±", 0xB3: "≥", 0xB4: "×", 0xB7: "•", 0xB8: "÷", 0xBE: "—", 0xD7: "·", 0xAE: "→"}
SYMBOL_FONT.update({c: chr(c) for c in range(0x30, 0x3A)})  # digits
# Wingdings: its bullets, ticks and boxes (list markers typed as symbols)
WINGDINGS_FONT = {0x6C: "•", 0x6E: "■", 0x6F: "□", 0x71: "❑", 0x76: "❖", 0x9F: "•", 0xA7: "▪", 0xA8: "◻",
                  0xD8: "➢", 0xE0: "→", 0xE8: "➔", 0xF0: "⇨", 0xFB: "✗", 0xFC: "✓", 0xFE: "☑"}


def sym_text(el) -> str:
    """The character a w:sym shows: Symbol and Wingdings code points mapped to Unicode,
    another font's code point as it is; "" for what cannot be told (a private-use glyph)."""
    try:
        code = int(el.get(_CHAR) or "", 16)
    except ValueError:
        return ""
    return symbol_char(code, el.get(_FONT) or "")


def symbol_char(code: int, font: str) -> str:
    """The character code point ``code`` of ``font`` shows (a w:sym, a bullet's w:lvlText)."""
    font = font.lower()
    if 0xF000 <= code <= 0xF0FF:  # a symbol font's own code point, as Word writes it
        own = code - 0xF000
        if font.startswith("symbol"):
            return SYMBOL_FONT.get(own, "")
        return WINGDINGS_FONT.get(own, "") if font == "wingdings" else ""  # Webdings, Wingdings 2...: pictures
    if code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code <= 0xF8FF or code > 0x10FFFF:
        return ""
    return chr(code)


def text_boxes(el) -> list:
    """The w:txbxContent elements a shape shows: of an mc:AlternateContent those of its
    first branch that has any (its Choice, else its Fallback: the same text, written twice);
    a text box inside another box's text is left to that box's paragraphs."""
    if el.tag == AC:
        for branch in el:
            found = _top_boxes(branch)
            if found:
                return found
        return []
    return _top_boxes(el)


def _top_boxes(el) -> list:
    boxes = []
    for box in el.iter(TXBX):
        up = box.getparent()
        while up is not None and up is not el and up.tag != TXBX and up.tag != FALLBACK:
            up = up.getparent()
        if up is el:
            boxes.append(box)
    return boxes


def placeholder(sdt) -> bool:
    """A content control showing its placeholder ("Место для ввода текста."), not a value."""
    mark = sdt.find(_PLACEHOLDER)
    return mark is not None and (mark.get(W + "val") or "true").lower() not in _FALSE


def first_branch(ac):
    """The branch of an mc:AlternateContent to read: the first (a Choice) that holds
    anything, else None."""
    for branch in ac:
        if len(branch):
            return branch
    return None


class Fields:
    """Open fields (w:fldChar begin / separate / end): text is shown only outside every
    field's instruction (between begin and separate), so a field's result is read once
    and a nested field's result inside an instruction is not. Each mark costs O(1)."""

    __slots__ = ("stack", "open")

    def __init__(self) -> None:
        self.stack: list[bool] = []  # per open field: still in its instruction
        self.open = 0  # how many of them are

    def mark(self, fld) -> bool:
        """Take one w:fldChar; whether text is hidden after it."""
        kind = fld.get(_TYPE)
        stack = self.stack
        if kind == "begin":
            stack.append(True)
            self.open += 1
        elif kind == "separate":
            if stack and stack[-1]:
                stack[-1] = False
                self.open -= 1
        elif kind == "end" and stack:
            if stack.pop():
                self.open -= 1
        return self.open > 0

    def paragraph_start(self) -> bool:
        """A new paragraph while an instruction is open (a begin never separated nor ended):
        the open fields are dropped, so a broken field hides no more than the rest of its
        own paragraph."""
        if self.open:
            self.stack.clear()
            self.open = 0
        return False
