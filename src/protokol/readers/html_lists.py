"""The number a web page's ``<ol>`` item shows, as the document it was saved from shows it.

* A ``<ul>`` item: "•" (a bullet, as a .docx's bullet list gives its character) in a page an
  office program saved (LibreOffice's generator, Google Docs' lists) or inside an ``<ol>`` item;
  a portal's ``<ul>`` (a menu, a footer's links) is left unlabelled.
* A list's kind comes from ``type`` (1, a, A, i, I, а, А) or ``list-style-type`` in its style
  (decimal, lower-alpha/lower-latin, upper-..., lower-roman, upper-roman, cyrillic-lower/upper).
* A top-level item: "3.", "c.", "iii." as a browser shows it.
* A list inside an item (LibreOffice writes a multi-level list as nested ``<ol>``s with no more
  said): a decimal one under decimal items gives the whole path, "1.1.", "1.2.1." (the number a
  protocol's sub-item carries); a letter one "а)", "b)"; a decimal one under a letter or Roman
  item "1)".
* Google Docs writes each level as its own flat ``<ol class="lst-kix_…-N" start="…">`` and the
  number in its stylesheet (``.lst-kix_…-1>li:before{content: counter(…-0,decimal) "."
  counter(…-1,decimal) ". "}``): that template is filled with the counters of the items read.
"""

from __future__ import annotations

import re

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_CYRILLIC = "абвгдежзиклмнопрстуфхцчшщэюя"
_STYLE_KINDS = {"decimal": "1", "lower-alpha": "a", "lower-latin": "a", "upper-alpha": "A",
                "upper-latin": "A", "lower-roman": "i", "upper-roman": "I", "cyrillic-lower": "а",
                "lower-russian": "а", "cyrillic-upper": "А", "upper-russian": "А", "none": ""}
_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([a-z-]+)", re.IGNORECASE)
# a Google Docs level's number: ".lst-kix_abc-1>li:before{content:"" counter(lst-ctn-kix_abc-0,decimal) ". "}"
_BEFORE = re.compile(r"\.lst-(kix_[\w-]+)\s*>\s*li:before\s*\{[^}]*?content\s*:\s*([^;}]*)", re.IGNORECASE)
_PART = re.compile(r"\"((?:[^\"\\]|\\.)*)\"|counter\(\s*lst-ctn-(kix_[\w-]+)\s*(?:,\s*([a-z-]+)\s*)?\)",
                   re.IGNORECASE)
_CLASS = re.compile(r"(?<![\w-])lst-(kix_[\w-]+)")
MAX_TEMPLATE = 16  # parts of one level's template
MAX_STYLE = 1 << 20  # characters of stylesheet looked through

BULLET = "•"  # a <ul> item's label, as a browser's disc and Word's usual bullet
Template = tuple[str | tuple[str, str], ...]  # literal text, or (counter, its style)


def list_kind(ol) -> str:
    """An <ol>'s numbering kind: "1", "a", "A", "i", "I", "а", "А", or "" for none."""
    kind = (ol.get("type") or "1").strip()[:1] or "1"
    style = ol.get("style") or ""
    if "list-style" in style:
        m = _LIST_STYLE.search(style)
        if m and m[1].lower() in _STYLE_KINDS:
            return _STYLE_KINDS[m[1].lower()]
    return kind if kind in ("1", "a", "A", "i", "I", "а", "А") else "1"


def office_page(root) -> bool:
    """Whether LibreOffice (or OpenOffice) saved the page (``<meta name="generator">``): its
    ``<ul>``s are the document's bullet lists, not a portal's menus."""
    for meta in root.iter("meta"):
        if (meta.get("name") or "").lower() == "generator":
            return "office" in (meta.get("content") or "").lower()
    return False


def bullet_label(ul) -> bool:
    """Whether a <ul>'s items carry a bullet (BULLET): not with ``list-style-type: none``, nor
    in a page's navigation (``<nav>``, ``<menu>``: a portal's menu is no list of measures)."""
    style = ul.get("style") or ""
    if "list-style" in style:
        m = _LIST_STYLE.search(style)
        if m and m[1].lower() == "none":
            return False
    return not any(isinstance(a.tag, str) and a.tag.lower() in ("nav", "menu") for a in ul.iterancestors())


def _number(kind: str, n: int) -> str:
    if kind in ("a", "A", "а", "А") and 1 <= n <= 26:
        letter = (_LATIN if kind in "aA" else _CYRILLIC)[n - 1]
        return letter.upper() if kind.isupper() else letter
    if kind in ("i", "I") and 1 <= n < 4000:
        roman, rest = "", n
        for value, numeral in _ROMAN:
            while rest >= value:
                roman, rest = roman + numeral, rest - value
        return roman.upper() if kind == "I" else roman
    return str(n)


def item_label(kind: str, n: int, outer: tuple[tuple[str, int], ...]) -> str | None:
    """The label of item ``n`` of a list of ``kind`` inside the items ``outer`` (kind, number)."""
    if not kind:
        return None
    if not outer:
        return _number(kind, n) + "."
    if kind in ("a", "A", "а", "А") and 1 <= n <= 26:
        return _number(kind, n) + ")"
    if kind == "1":
        if all(k == "1" for k, _ in outer):
            return "".join(f"{m}." for _, m in outer) + f"{n}."
        return f"{n})"
    return _number(kind, n) + "."


def templates(styles: str) -> dict[str, Template]:
    """Google Docs' list levels in a page's stylesheet: level class -> its number's template."""
    found: dict[str, Template] = {}
    for m in _BEFORE.finditer(styles[:MAX_STYLE]):
        parts: list[str | tuple[str, str]] = []
        for part in _PART.finditer(m[2]):
            if part[2]:
                parts.append((part[2], _STYLE_KINDS.get((part[3] or "decimal").lower(), "1")))
            else:
                parts.append(re.sub(r"\\([0-9a-fA-F]{1,6}) ?|\\(.)", _unescape, part[1]))
        if any(isinstance(p, tuple) for p in parts) and len(parts) <= MAX_TEMPLATE:
            found[m[1]] = tuple(parts)
    return found


def _unescape(m: re.Match) -> str:
    if m[1]:
        code = int(m[1], 16)
        return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else ""
    return m[2]


def level_class(ol, known: dict[str, Template]) -> str | None:
    """The Google Docs level an <ol>'s class names, when the stylesheet gives its template."""
    for m in _CLASS.finditer(ol.get("class") or ""):
        if m[1] in known:
            return m[1]
    return None


def fill(template: Template, counters: dict[str, int]) -> str | None:
    """A Google Docs level's template with the counters read so far ("1.2.")."""
    out = []
    for part in template:
        if isinstance(part, tuple):
            if not part[1]:
                continue
            out.append(_number(part[1], counters.get(part[0], 1)))
        else:
            out.append(part)
    label = "".join(out).strip()
    return label or None
