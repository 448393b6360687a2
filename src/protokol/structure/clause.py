"""The deadlines of one clause, read alike by `parse` (an item's text and the "Срок –" lines
under it) and by `protokol deadline` (the whole clause as one text, "1. Обеспечить … Срок – до
1 июля 2025 г. Ответственный: …")."""

from __future__ import annotations

import datetime as dt

from protokol.deadlines import meaning, parse_deadline, scan_deadlines
from protokol.model import Deadline
from protokol.structure.items import split_tail
from protokol.structure.labels import split_label

Day = dt.date | str | None


def item_deadlines(text: str, terms: list[str], date: Day, *, rules: str, roll: str) -> list[Deadline]:
    """The deadlines of the terms ("Срок – …"), then those of the text. With a term, a bare
    date of the text describes the task ("ВКС, которое состоится 22 июня"): only a term the
    text sets ("до …", a duration) is added."""
    found: list[Deadline] = []
    for term in terms:
        found.extend(parse_deadline(term, date, rules=rules, roll=roll))
    seen = {(d.text, d.kind) for d in found}
    # "… завершить до 15 августа 2026 года." over "Срок: до 15.08.2026.": one term written twice
    dated = {meaning(d) for d in found} - {None}
    term_line = bool(found)
    for deadline in scan_deadlines(text, date, rules=rules, roll=roll):
        said = meaning(deadline)
        if (deadline.text, deadline.kind) not in seen and (not term_line or _set_term(deadline)) \
                and said not in dated:
            found.append(deadline)
            if said is not None:  # "до 1 сентября 2026 года (к новому учебному году)": one deadline
                dated.add(said)
    return found


def read_clause(text: str, date: Day, *, rules: str = "federal", roll: str = "back") -> list[Deadline]:
    """The deadlines `parse` finds in the item `text` is; not empty unless read_deadline is (its dates
    all name another act)."""
    _, body = split_label(text.strip())
    body, terms, _ = split_tail(body)
    found = item_deadlines(body, terms, date, rules=rules, roll=roll) if terms else []
    return found or parse_deadline(text, date, rules=rules, roll=roll)


def _set_term(deadline: Deadline) -> bool:
    return deadline.bound == "by" or deadline.kind in ("relative", "continuous", "asap", "as_established")
