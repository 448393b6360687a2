"""A plain-text protocol as Word would hold it: typed item labels become automatic numbering.

``txt_to_docx(text)`` makes a .docx (python-docx) with one paragraph per paragraph of the
text and every "1.", "2.1.", "1)", "а)" or "-" label turned into a w:numPr, so that the
number is no longer typed but shown by Word's numbering, as in a document written in Word:

* dotted decimal labels ("1.", "1.1.", "1.1.1.") are the levels of one multilevel list;
  "1)" and "а)" are lists of their own, and "-", "–", "•" a bullet list;
* a label that continues its list uses the list's current w:num; one that does not (a list
  that starts again, starts at 2, or skips a number as real documents do) starts a new
  w:num: with ``restart="override"`` (Word's "Restart numbering") a w:num with a
  w:startOverride on the same abstract numbering, with ``restart="abstract"`` a new abstract
  numbering whose w:start values give the label (how a .doc keeps it through LibreOffice,
  whose .doc export drops a restart inside a list);
* a label that no list can show (a sub-item number under another parent, "1.1." with no
  "1.") stays typed in the text.

Paragraphs: a blank line ends one; so does a line break, unless the next line starts with
a lower-case letter and is not a labelled item (a sentence wrapped by hand). A "# source:"
first line is left out.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LEVELS = 3

DECIMAL = re.compile(r"(?P<label>(?:[1-9]\d{0,2}\.){1,3})\s*(?P<rest>[^\d\s].*)")
PAREN = re.compile(r"(?P<label>[1-9]\d?\))\s*(?P<rest>\S.*)")
RUSSIAN = re.compile(r"(?P<label>[а-и]\))\s*(?P<rest>\S.*)")
BULLET = re.compile(r"(?P<label>[-–—•])\s+(?P<rest>\S.*)")
_RUSSIAN_LETTERS = "абвгдежзи"  # Word's russianLower, as far as RUSSIAN matches


@dataclass
class _List:
    """One kind of label: its abstract numbering's levels and where its counters are."""

    fmt: str
    texts: tuple[str, ...]
    counters: list[int] = field(default_factory=lambda: [0] * LEVELS)
    num_id: int | None = None
    floor: int = 0  # the highest level (lowest ilvl) the current w:num can continue


@dataclass
class _Plan:
    restart: str
    abstracts: list[str] = field(default_factory=list)
    nums: list[str] = field(default_factory=list)
    lists: dict[str, _List] = field(default_factory=dict)
    abstract_of: dict[str, int] = field(default_factory=dict)

    def new_num(self, kind: str, level: int, value: int) -> int:
        lst = self.lists[kind]
        num_id = len(self.nums) + 1
        if self.restart == "abstract" or kind not in self.abstract_of:
            starts = [max(c, 1) for c in lst.counters[:level]] + [value] + [1] * (LEVELS - level - 1)
            aid = len(self.abstracts) + 1
            self.abstracts.append(_abstract(aid, lst, starts))
            self.abstract_of[kind] = aid
            self.nums.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/></w:num>')
        else:
            self.nums.append(
                f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{self.abstract_of[kind]}"/>'
                f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{value}"/></w:lvlOverride></w:num>')
        lst.num_id = num_id
        lst.floor = level if self.restart == "abstract" else 0
        return num_id

    def xml(self) -> str:
        return f'<w:numbering xmlns:w="{W_NS}">' + "".join(self.abstracts + self.nums) + "</w:numbering>"


def _abstract(aid: int, lst: _List, starts: list[int]) -> str:
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{starts[i]}"/><w:numFmt w:val="{lst.fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:suff w:val="space"/></w:lvl>'
        for i, text in enumerate(lst.texts))
    return f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'


def _label(line: str) -> tuple[str, int, tuple[int, ...], str] | None:
    """(kind, level, the numbers of the label, text after it) of a labelled line."""
    m = DECIMAL.fullmatch(line)
    if m:
        parts = tuple(int(x) for x in m["label"].rstrip(".").split("."))
        return "decimal", len(parts) - 1, parts, m["rest"]
    m = PAREN.fullmatch(line)
    if m:
        return "paren", 0, (int(m["label"][:-1]),), m["rest"]
    m = RUSSIAN.fullmatch(line)
    if m:
        return "russian", 0, (_RUSSIAN_LETTERS.index(m["label"][0]) + 1,), m["rest"]
    m = BULLET.fullmatch(line)
    if m:
        return "bullet:" + m["label"], 0, (1,), m["rest"]
    return None


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs (see the module's rules)."""
    out: list[str] = []
    joinable = False
    lines = text.splitlines()
    if lines and lines[0].startswith("# source:"):
        lines = lines[1:]
    for raw in lines:
        line = raw.strip()
        if not line:
            joinable = False
            continue
        if joinable and line[0].islower() and _label(line) is None:
            out[-1] += " " + line
        else:
            out.append(line)
        joinable = True
    return out


def _lists() -> dict[str, _List]:
    return {
        "decimal": _List("decimal", tuple("".join(f"%{j + 1}." for j in range(i + 1)) for i in range(LEVELS))),
        "paren": _List("decimal", ("%1)", "%2)", "%3)")),
        "russian": _List("russianLower", ("%1)", "%2)", "%3)")),
    }


def plan(text: str, restart: str = "override") -> tuple[list[tuple[str, int | None, int]], str]:
    """Each paragraph as (text, numId or None, ilvl), and numbering.xml."""
    state = _Plan(restart, lists=_lists())
    out: list[tuple[str, int | None, int]] = []
    for para in paragraphs(text):
        found = _label(para)
        if found is None:
            out.append((para, None, 0))
            continue
        kind, level, numbers, rest = found
        if kind.startswith("bullet:"):
            if kind not in state.lists:
                state.lists[kind] = _List("bullet", (kind[-1],) * LEVELS)
                state.new_num(kind, 0, 1)
            out.append((rest, state.lists[kind].num_id, 0))
            continue
        lst = state.lists[kind]
        if list(numbers[:-1]) != lst.counters[:level] or level >= LEVELS:
            out.append((para, None, 0))  # no list shows it: the label stays typed
            continue
        value = numbers[-1]
        num_id = lst.num_id
        if num_id is None or value != lst.counters[level] + 1 or level < lst.floor:
            num_id = state.new_num(kind, level, value)
        lst.counters[level] = value
        lst.counters[level + 1:] = [0] * (LEVELS - level - 1)
        out.append((rest, num_id, level))
    return out, state.xml()


def txt_to_docx(text: str, restart: str = "override") -> bytes:
    """The .docx bytes (see the module's docstring)."""
    import docx
    from docx.oxml import parse_xml

    items, numbering_xml = plan(text, restart)
    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(numbering_xml):
        numbering.append(child)
    for para, num_id, ilvl in items:
        p = doc.add_paragraph(para)
        if num_id is not None:
            p._p.get_or_add_pPr().insert(0, parse_xml(
                f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
