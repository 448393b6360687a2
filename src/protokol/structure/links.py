"""The URLs and e-mail addresses in a directive's text."""

from __future__ import annotations

import re

from protokol.model import Links

# "(?:https?://|www\.)[^\s<>\"«»]+" with IGNORECASE, spelled so that the regex engine skips to
# its first letter (see _MAYBE_LINK below); "s" also matches "ſ" under IGNORECASE
URL = re.compile(r"[hHwW](?:(?<=[hH])[tT][tT][pP][sSſ]?://|(?<=[wW])[wW][wW]\.)[^\s<>\"«»]+")
# starts only where a run of address characters starts, and never backtracks into it:
# "[\w.+-]+@" from every position of a long word was quadratic (80 kB: 14 s)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+")
_LOCAL_PART = re.compile(r"[\w.+-]*")  # an address's part before "@", read backwards


def _emails(text: str) -> list[str]:
    """EMAIL.findall(text), tried only where an address can start: the run of its characters
    before each "@" (EMAIL's look-behind, at every position, was most of its time)."""
    found: list[str] = []
    back = text[::-1]
    done = 0  # where the last address ended: findall's next search starts there
    at = text.find("@")
    while at >= 0:
        start = at - _LOCAL_PART.match(back, len(text) - at).end() + (len(text) - at)  # type: ignore[union-attr]
        if done <= start < at and (m := EMAIL.match(text, start)):
            found.append(m.group())
            done = m.end()
        at = text.find("@", at + 1)
    return found


NO_LINKS = Links((), ())


# a URL holds "://" or "www.", an address "@": most texts have none. Spelled so that the
# regex engine can skip to the first letter's candidates (a pattern with IGNORECASE, or one
# whose alternatives do not all begin with one character, is tried at every position);
# "w" has no case-insensitive equal but "W"
_MAYBE_LINK = re.compile(r"[:wW@](?:(?<=:)//|(?<=[wW])[wW][wW]\.|(?<=@))")


def _may_link(text: str) -> bool:
    """bool(_MAYBE_LINK.search(text)), the pattern asked only of text holding a "w" (the
    substring tests cost less than the engine's look at every character)."""
    return "://" in text or "@" in text or ("w" in text or "W" in text) and _MAYBE_LINK.search(text) is not None


def links(text: str, *more: str) -> Links:
    """URLs and e-mail addresses in text (and in `more`, as if joined to it by spaces)."""
    if not _may_link(text) and not any(map(_may_link, more)):
        return NO_LINKS
    text = " ".join([text, *more]) if more else text
    urls = [u.rstrip(".,;:)>") for u in URL.findall(text)]
    emails = [e.rstrip(".") for e in _emails(text) if not any(e in u for u in urls)] if "@" in text else []
    return Links(tuple(dict.fromkeys(urls)), tuple(dict.fromkeys(emails)))
