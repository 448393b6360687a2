"""What follows an act's body: the signature in the middle of the text, the place, date and
number written under it ("г. Приреченск / 7 октября 2025 года / № 112", as decrees do), the
executor's name and phone and the mailing list, and appendices ("Приложение к постановлению …
/ ПЛАН мероприятий …")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from protokol.structure.lines import Line
from protokol.structure.markers import markers
from protokol.structure.names import TRAILING_NAME

# "Приложение", "Приложение № 2", "ПРИЛОЖЕНИЕ 1 к постановлению …" alone at the start of its line
APPENDIX = re.compile(r"^приложение(?:\s*(?:№|N)?\s*(?P<n>\d{1,3}))?\b(?:\s+к\s+\S+.*)?$", re.I)
APPENDIX_OF = re.compile(r"^к\s+(?:постановлени|распоряжени|решени|приказ|протокол|указ|перечн|план)", re.I)
# the title word of an appendix whose rows or items are tasks; a ПЕРЕЧЕНЬ of measures, not of
# places or documents ("ПЕРЕЧЕНЬ населённых пунктов, подверженных …" lists no tasks)
TASK_LIST = re.compile(r"^(?:план|мероприятия|комплекс\s+мер|перечень(?:\s+[а-яё]+[ыио]х)?\s+"
                       r"(?:поручени|мероприяти|мер\b|работ|задач|действи))", re.I)
# "УТВЕРЖДЁН / распоряжением администрации …" over an appendix that has no "Приложение" line
APPROVED = re.compile(r"^утвержд(?:[её]н[аоы]?|аю)(?![а-яё])\s*(?P<by>.*)$", re.I)
APPROVED_BY = re.compile(r"^(?:постановлени|распоряжени|решени|приказ|указ)(?:ем|ом)\b", re.I)
# a line under the signature that gives the act's own place, date or number
DETAIL = re.compile(r"^(?:(?:г\.|город|с\.|пос\.|п\.|пгт\.?)\s*[А-ЯЁ][\w-]*|от\s+)?.{0,4}\d.{0,30}$|^(?:г\.|город)\s*[А-ЯЁ][\w-]*$")


# "С приказом ознакомлены:" and the signatures under it, to the end of the document
FAMILIARIZED = re.compile(r"^(?:с\s+(?:настоящим\s+)?(?:приказом|распоряжением|постановлением|решением)\s+)?"
                          r"ознакомлен[аы]?\b", re.I)
# under the signature: "Исп. Лукина О.В.", "тел. 2-14-37", "Разослать: в дело, …", "Верно", "М.П."
FOOTER = re.compile(r"^(?:исп(?:олнитель)?\b|тел\b|телефон|т\.\s*\d|разослать|рассылка|верно\b|копия\s+верна"
                    r"|e-?mail|эл\.\s*почта|м\.\s?п\.?$)", re.I)


@dataclass
class Appendix:
    number: str  # "Приложение", "Приложение 2"
    title: str
    body: list[Line] = field(default_factory=list)


@dataclass
class Trailer:
    details: list[Line] = field(default_factory=list)  # place, date and number under the signature
    appendices: list[Appendix] = field(default_factory=list)


def split_trailer(lines: list[Line]) -> tuple[list[Line], Trailer]:
    """The lines up to the body's signature, and what follows it."""
    if not any(ln.label is not None or ln.row for ln in lines):
        return lines, Trailer()
    first = next((i for i, ln in enumerate(lines) if ln.label is not None or ln.row), 0)
    end = _body_end(lines, first)
    if end is None:
        return lines, Trailer()
    rest = lines[end:]
    at = next((i for i, ln in enumerate(rest) if _appendix_start(rest, i)), len(rest))
    details = [ln for ln in rest[:_familiarized(rest, 0, at)]
               if ln.label is None and DETAIL.match(ln.text.strip()) and not FOOTER.match(ln.text.strip())]
    return lines[:end], Trailer(details, _appendices(rest[at:]))


def _body_end(lines: list[Line], first: int) -> int | None:
    """Index of the first line after the body: at an appendix heading (a signature may stand
    above it), or after a signature that only the act's details follow; None when the body
    runs to the end."""
    appendix = next((i for i in range(first + 1, len(lines))  # the cheap test first: it runs on every line
                     if lines[i].text[:4].lower() in ("прил", "утве") and _appendix_start(lines, i)), None)
    limit = len(lines) if appendix is None else appendix
    familiar = _familiarized(lines, first + 1, limit)
    for i in range(max(first + 1, familiar - 9), min(familiar, limit - 1)):
        if _details_to_end(lines[i + 1:familiar]) and _signature_line(lines, i):
            return i + 1
    return appendix


def _familiarized(lines: list[Line], start: int, limit: int) -> int:
    """Where "С приказом ознакомлены:" starts the signatures that run to `limit`, else `limit`."""
    return next((i for i in range(start, limit) if lines[i].text[:1] in "СсОо" and lines[i].label is None
                 and FAMILIARIZED.match(lines[i].text.strip())), limit)


def _signature_line(lines: list[Line], i: int) -> bool:
    """A position and a name ("Глава района          В.В. Крылов"), the position maybe on the lines above."""
    line = lines[i]
    if line.label is not None or line.row or len(line.text) > 200:
        return False
    m = TRAILING_NAME.search(line.text)
    if not m:
        return False
    position = line.text[: m.start("name")].strip(" _\t")
    above = lines[i - 1].text if i > 0 and lines[i - 1].label is None else ""
    mk = markers()["signature_position"]
    return bool(position and mk.match(position) or not position and above and mk.match(above))


def _details_to_end(rest: list[Line]) -> bool:
    """Only the act's place, date and number, the executor's name and phone and the mailing
    list follow (a few short lines; nothing, before "С приказом ознакомлены")."""
    return len(rest) <= 8 and all(
        ln.label is None and not ln.row and (DETAIL.match(ln.text.strip()) or FOOTER.match(ln.text.strip()))
        for ln in rest)


def _appendix_start(lines: list[Line], i: int) -> bool:
    line = lines[i]
    if line.label is not None or line.row:
        return False
    nxt = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
    approved = APPROVED.match(line.text.strip())
    if approved:  # "УТВЕРЖДЁН" over "распоряжением …", or the two joined on one line
        return bool(APPROVED_BY.match(approved["by"] or nxt))
    if not APPENDIX.match(line.text.strip()):
        return False
    return bool(line.text.strip().lower() != "приложение" or APPENDIX_OF.match(nxt) or not nxt)


def _appendices(lines: list[Line]) -> list[Appendix]:
    """Each appendix that lists tasks (a table of decisions, a ПЛАН or ПЕРЕЧЕНЬ of measures):
    its items. Others (a СОСТАВ of a commission, a ПОЛОЖЕНИЕ) hold no tasks."""
    starts = [i for i in range(len(lines)) if _appendix_start(lines, i)]
    out = []
    for n, start in enumerate(starts):
        part = lines[start:starts[n + 1] if n + 1 < len(starts) else len(lines)]
        m = APPENDIX.match(part[0].text.strip())
        number = f"Приложение {m['n']}" if m and m["n"] else "Приложение"
        first = next((i for i, ln in enumerate(part) if ln.label is not None or ln.row), len(part))
        head = [ln.text.strip() for ln in part[1:first]
                if not APPENDIX_OF.match(ln.text.strip()) and not APPROVED_BY.match(ln.text.strip())
                and not DETAIL.match(ln.text.strip())]
        title_at = next((i for i, t in enumerate(head) if TASK_LIST.match(t)), None)
        tasks = any(ln.row for ln in part) or title_at is not None
        if tasks and first < len(part):
            title = " ".join(head[title_at or 0:]).strip()
            out.append(Appendix(number, title, part[first:]))
    return out
