"""Typing and scanning slips in a deadline's words, mended one character for one in the
folded (lower-case) text, so a span found in the result holds in the text as written:

- "д о 1 марта": a space inside "до" ("д о " -> "до  ");
- "до 1 0 июля", "не позднее 1 0.03.2026", "до 1 5-го марта": a day split by a space after a
  term word, before a month name or ".MM." ("1 0" -> " 10"; the day must be one, 01 to 31);
  "в течение 1 0 дней" (a count of days, 10 to 39);
- "до 01,04,2026": commas for the dots of a date (a year of two digits, "до 01,03,26", only
  after "до", "к", "не позднее" and a day and month of two digits each: "пункты 3,12,15" is no date);
- "ежемесячно – до 5 числа", "ежегодно - к 1 марта": a dash between a frequency word and
  its term, read as the comma the rules know.

Each mend needs its own shape around it, so a text without a slip comes back unchanged
(one search decides, for most texts nothing is found)."""

from __future__ import annotations

import re

_MONTH = r"(?:янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек)"
_SLIP = re.compile(
    r"(?<![а-я])(?:д ?о|к|ко|позднее|позже|по|с)\s+(?P<split>[0-3] \d)(?=(?:-?(?:го|ого|е|му))?[^\S\n]*" + _MONTH
    + r"|\.[01]?\d\.)|(?<![а-я])течение\s+(?P<split2>[1-3] \d)(?=[^\S\n]*(?:дн|рабоч|календ))"
    r"|(?<![а-я])(?P<do>д о)(?=[^\S\n]{0,2}\d)"
    r"|(?<![\d,.])(?P<commas>[0-3]?\d,[01]?\d,(?:(?:19|20)\d\d|(?:(?<=до \d\d,\d\d,)|(?<=к \d\d,\d\d,)|(?<=позднее \d\d,\d\d,))\d\d))(?!,?\d)"
    r"|еже[а-я]+но\.?[^\S\n]*(?P<dash>[-–—])(?=[^\S\n]*(?:до|не|к|ко|по|в|с)\s)"
)

# what a split day or a date with commas holds: a digit, a space or a comma, a digit
_HINT = re.compile(r"[0-9][ ,][0-9]")


def mend_slips(folded: str) -> str:
    """`folded` with its slips mended, the same length.

    >>> mend_slips("д о 1 0 июля")
    'до   10 июля'
    >>> mend_slips("до 01,04,2026, ежемесячно – до 5 числа")
    'до 01.04.2026, ежемесячно , до 5 числа'
    """
    if not ("д о" in folded or _HINT.search(folded) is not None
            or "еже" in folded and ("-" in folded or "–" in folded or "—" in folded)):
        return folded  # the cheap tests first: most texts hold no slip
    if _SLIP.search(folded) is None:
        return folded
    return _SLIP.sub(_mend, folded)


def _mend(match: re.Match[str]) -> str:
    whole = match.group(0)
    name = match.lastgroup or "dash"  # every alternative ends with its named group
    at, end = match.span(name)
    part = match.group(name)
    if name == "do":
        mended = "до "
    elif name in ("split", "split2"):
        day = int(part[0] + part[2])
        if not 1 <= day <= 31:
            return whole
        mended = " " + part[0] + part[2]  # the space first: "10.03.26" stays one token
    elif name == "commas":
        mended = part.replace(",", ".")
    else:
        mended = ","
    offset = at - match.start()
    before = whole[:offset]
    if before.startswith("д о"):  # "д о 1 0 июля": both slips
        before = "до " + before[3:]
    return before + mended + whole[offset + end - at:]
