"""A .docx's styles.xml, read lazily: a style's numbering, boldness and basedOn link
(docx.py resolves them along basedOn chains)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from protokol.readers.ooxml import W, attr, number, wval

MAX_ILVL = 8
_FALSE = ("0", "false", "off", "none")


@dataclass(frozen=True)
class _Style:
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    bold: bool | None
    kind: str
    default: bool = False


def _on(el) -> bool | None:
    if el is None:
        return None
    return (wval(el) or "true").lower() not in _FALSE


def _style(st) -> _Style:
    based = st.find(W + "basedOn")
    num_pr = st.find(f"{W}pPr/{W}numPr")
    num_id = ilvl = None
    if num_pr is not None:
        nid, lvl = num_pr.find(W + "numId"), num_pr.find(W + "ilvl")
        num_id = None if nid is None else wval(nid)
        ilvl = None if lvl is None else number(wval(lvl), 0, 0, MAX_ILVL)
    return _Style(
        based_on=None if based is None else wval(based),
        num_id=num_id, ilvl=ilvl,
        bold=_on(st.find(f"{W}rPr/{W}b")),
        kind=attr(st, "type") or "paragraph",
        default=(attr(st, "default") or "0").lower() in ("1", "true", "on"),
    )


class Styles(Mapping[str, _Style]):
    """styles.xml's styles by id, each read into a _Style the first time it is asked for
    (a body uses a few of a template's styles). Of styles sharing an id the last counts;
    "" is the document defaults unless a style without an id replaces them."""

    def __init__(self, root) -> None:
        self._elements: dict[str, object] = {}
        self._made: dict[str, _Style] = {}
        self.default_para = ""  # the default paragraph style (the first, in document order)
        if root is None:
            return
        default_bold = _on(root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}b"))
        self._elements[""] = None
        self._made[""] = _Style(None, None, None, default_bold, "default")
        elements = self._elements
        for st in root.iter(W + "style"):
            key = attr(st, "styleId") or ""
            elements[key] = st
            if key == "":
                self._made.pop("", None)
        for key, st in elements.items():
            if st is not None and (attr(st, "default") or "0").lower() in ("1", "true", "on") \
                    and (attr(st, "type") or "paragraph") == "paragraph":
                self.default_para = key
                break

    def __getitem__(self, key: str) -> _Style:
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = _style(self._elements[key])  # KeyError when there is none
        return made

    def __contains__(self, key: object) -> bool:
        return key in self._elements

    def __iter__(self) -> Iterator[str]:
        return iter(self._elements)

    def __len__(self) -> int:
        return len(self._elements)


class StyleNumbering(Mapping[str, tuple[str | None, int | None]]):
    """style id -> (numId, ilvl) of its own w:numPr, read on first use."""

    def __init__(self, styles: Styles) -> None:
        self._styles = styles

    def __getitem__(self, key: str) -> tuple[str | None, int | None]:
        st = self._styles[key]
        return st.num_id, st.ilvl

    def __iter__(self) -> Iterator[str]:
        return iter(self._styles)

    def __len__(self) -> int:
        return len(self._styles)
