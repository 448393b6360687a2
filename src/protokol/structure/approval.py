"""The approval block of a перечень поручений ("УТВЕРЖДАЮ / Губернатор … / ______ Н.Н. Котов"):
who signs it, the перечень's signatory when no signature closes its body."""

from __future__ import annotations

import re

from protokol.structure.lines import Line
from protokol.structure.markers import markers
from protokol.structure.names import TRAILING_NAME

DIGIT = re.compile(r"\d")
# "УТВЕРЖДАЮ" opening the approval block of a перечень поручений (letters maybe spaced out)
APPROVE = re.compile(r"^у\s?т\s?в\s?е\s?р\s?ж\s?д\s?а\s?ю\s*:?$", re.I)


def approver(lines: list[Line]) -> tuple[str | None, str] | None:
    """(position, name) of who signs the approval block ("УТВЕРЖДАЮ / Губернатор … / ______ Н.Н.
    Котов"): a перечень's only signature, its signatory when the body has none under it."""
    at = next((i for i, ln in enumerate(lines[:12]) if APPROVE.match(ln.text.strip())), None)
    if at is None:
        return None
    position: list[str] = []
    for line in lines[at + 1: at + 6]:
        text = line.text.strip()
        m = TRAILING_NAME.search(text) if len(text) < 160 else None
        if m is not None:
            position.append(text[: m.start("name")].strip(" _\t"))
            return " ".join(p for p in position if p) or None, m["name"].strip()
        if DIGIT.search(text) or not markers()["signature_position"].match(text) and not position:
            return None  # a date or a number before any name: no signer written
        position.append(text)
    return None
