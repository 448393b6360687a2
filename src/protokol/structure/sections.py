"""Split a protocol's lines into header, sections (heading, preamble, decisions) and signature."""

from __future__ import annotations

import re
from itertools import islice
from dataclasses import dataclass, field

from protokol.structure.fields import addressee_heading, item_fields
from protokol.structure.fullform import decision_lines, full_form, listened, question_title, speakers
from protokol.structure.lines import Line, RowLine
from protokol.structure.markers import markers
from protokol.structure.names import TRAILING_NAME, names_in
from protokol.structure.people import lone_surname
from protokol.structure.trailer import split_trailer

SPEAKER_PARENS = re.compile(r"^\((?P<who>[^()]+)\)\.?$")
# "…, Представительное Собрание района ПОСТАНОВЛЯЕТ:": the enacting words closing a line; an
# act that numbers none of its decisions has them one a paragraph below it
ENACTING = re.compile(r"(?:^|\s)(?:ПОСТАНОВЛЯ(?:ЕТ|Ю)|ПОСТАНОВИЛ[АИО]?|РЕШИЛ[АИО]?|ПРИКАЗЫВАЮ|ОПРЕДЕЛИЛ[АИО]?)\s*:\s*$")


@dataclass
class RawSection:
    number: str | None
    title: str
    heading: Line | None
    speakers: list[str] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)  # the decision lines


@dataclass
class Layout:
    header: list[Line]
    sections: list[RawSection]
    signature: list[Line]
    details: list[Line] = field(default_factory=list)  # the act's place, date, number under the signature


def layout(lines: list[Line]) -> Layout:
    lines, trailer = split_trailer(lines)
    found = _layout(lines)
    found.sections.extend(RawSection(a.number, a.title, None, body=a.body) for a in trailer.appendices)
    found.details = trailer.details
    return found


def _layout(lines: list[Line]) -> Layout:
    body, signature = _split_signature(lines)
    starts = _heading_indexes(body)
    full = None if starts and starts[0] < len(body) and _roman(body[starts[0]]) else full_form(body)
    if full is not None:
        header, questions = full
        return Layout(header, [RawSection(q.number, q.title, q.heading, q.speakers, q.body) for q in questions],
                      signature)
    if not starts:
        first = _first_decision_index(body)
        header = body[:first]
        section = RawSection(None, "", None)
        _fill(section, body[first:], brief=True)
        return Layout(header, [section], signature)  # no headings: one section, number null
    sections = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(body)
        heading = body[start]
        title = question_title(heading.text)
        people = _heading_people(title)  # "1. О ходе … (Пахомов И.Н., Ефремова А.А.)": who reports on it
        section = RawSection(heading.label.display if heading.label else None,
                             title[: people[0]].rstrip() if people else title, heading)
        _fill(section, body[start + 1:end], brief=False)
        if people:
            section.speakers[:0] = [p for p in people[1] if p not in section.speakers]
        sections.append(section)
    return Layout(body[: starts[0]], sections, signature)


def _roman(line: Line) -> bool:
    return line.label is not None and line.label.kind == "roman"


def _heading_indexes(lines: list[Line]) -> list[int]:
    roman = [i for i, ln in enumerate(lines) if ln.label and ln.label.kind == "roman"]
    mk = markers()
    if roman and not _roman_items(lines, roman[0]):
        return roman
    if roman:
        return []

    found = []
    for i, line in enumerate(lines):
        if line.label is None or line.label.kind != "arabic" or line.label.depth != 1:
            continue
        for j in range(i + 1, len(lines)):  # not lines[i + 1:]: a copy per label is quadratic
            nxt = lines[j]
            if nxt.label is not None:
                break
            if mk["decisions"].match(nxt.text) or mk["heard"].match(nxt.text) or _speakers_of(nxt) \
                    and not _decided_under(lines, i):
                found.append(i)
                break
    if found and any(_numbered_under(lines, i) for i in found):
        # "1. О ходе …" over "(Петров П.П.)" and "1.1.", "1.2." is a question: so is its sibling
        # "2. Разное" over "2.1.", "2.2.", though no speakers or marker follow it
        found = sorted({*found, *(i for i, ln in enumerate(lines)
                                  if ln.label is not None and ln.label.kind == "arabic" and ln.label.depth == 1
                                  and not ln.row and _numbered_under(lines, i))})
    return found or _subject_headings(lines)


def _numbered_under(lines: list[Line], i: int) -> bool:
    """Whether the next numbered line after lines[i] ("2.") is its first sub-item ("2.1.")."""
    label = lines[i].label
    nxt = next((ln.label for ln in islice(lines, i + 1, None) if ln.label is not None), None)
    return label is not None and nxt is not None and nxt.kind == "arabic" and nxt.path == (*label.path, 1)


def _decided_under(lines: list[Line], i: int) -> bool:
    """"1. В срок до … провести …" over "(Иванов И.И., Петров П.П.)", after РЕШИЛИ: a decision
    and the people answering for it, not a question and its speakers ("1. О мерах …")."""
    if SUBJECT_HEADING.match(lines[i].text):
        return False
    mk = markers()
    if not any(ln.label is None and mk["decisions"].match(ln.text) for ln in lines[:i]):
        return False
    return item_fields(lines[i].text, lead_in=False).action is not None


def _roman_items(lines: list[Line], first: int) -> bool:
    """"I. Провести …", "II. Утвердить …" with nothing under any of them: an act's items
    numbered in Roman, not the headings of its questions."""
    mk = markers()
    rest = lines[first:]
    if sum(ln.label is not None for ln in rest) >= 2 and all(
            ln.label is not None and ln.label.kind == "roman" or ln.label is None and not (
                mk["decisions"].match(ln.text) or mk["heard"].match(ln.text)) for ln in rest):
        return True
    # "I. Управлению образования (Сафонова Р.И.):" over "1) …;", "III. Контроль … возложить на …": each
    # Roman line tells someone or acts (no "О …" subject), nothing says СЛУШАЛИ or РЕШИЛИ
    roman = [ln for ln in rest if ln.label is not None and ln.label.kind == "roman"]
    return len(roman) >= 2 and any(ln.text.endswith(":") for ln in roman) and all(
        not SUBJECT_HEADING.match(ln.text) and (addressee_heading(ln.text) or item_fields(ln.text, lead_in=False).action)
        for ln in roman) and not any(ln.label is None and (mk["decisions"].match(ln.text) or mk["heard"].match(ln.text))
                                     for ln in rest)


SUBJECT_HEADING = re.compile(r"^(?:О|Об|Обо)\s+[а-яё][^:]*$")


def _subject_headings(lines: list[Line]) -> list[int]:
    """"1. О подготовке к …" with its decisions "1.1.", "1.2." (or a table of decisions) right
    under it, and so every top-level item: the questions of a brief protocol, not lead-ins (one
    ends with ":")."""
    top = [i for i, ln in enumerate(lines)  # a table's rows ("1 | Очистка … | до 1 марта") are no questions,
           if ln.label is not None and ln.label.kind == "arabic" and ln.label.depth == 1  # but a row
           and (not ln.row or _across(ln))]  # across the table ("1. О ходе газификации") may be
    for i in top:
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        first = nxt is not None and nxt.label is not None and nxt.label.path == (*lines[i].label.path, 1)  # type: ignore[union-attr]
        if not SUBJECT_HEADING.match(lines[i].text) or nxt is None or not (first or nxt.row and not lines[i].row):
            return []
    return top


def _across(line: Line) -> bool:
    """A table's row of one text across it, no term, no one answering: a heading in the table."""
    return isinstance(line, RowLine) and not line.deadline and not line.responsible


def _first_decision_index(lines: list[Line]) -> int:
    """Brief protocols: decisions start after РЕШИЛИ, else at the first numbered item."""
    mk = markers()
    for i, line in enumerate(lines):
        if line.label is None and mk["decisions"].match(line.text) and not _act_word(lines, i):
            return i
    attendees_seen = False
    for i, line in enumerate(lines):
        attendees_seen = attendees_seen or bool(mk["attendees"].match(line.text))
        if line.row or line.label is not None and line.label.kind in ("arabic", "paren", "roman") \
                and not _is_person_line(line):
            # "Управлению ЖКХ (Киреев А.Л.):" over the first "1.": the decisions start at that heading
            return i - 1 if i and lines[i - 1].label is None and addressee_heading(lines[i - 1].text) else i
    return _enacting_index(lines) if not any(ln.label is not None for ln in lines) else len(lines)


def _enacting_index(lines: list[Line]) -> int:
    """The line of the enacting words, if any, in an act with no item labels."""
    return next((i for i, ln in enumerate(lines) if ln.text[-1:] == ":" and ENACTING.search(ln.text)), len(lines))


def _act_word(lines: list[Line], i: int) -> bool:
    """"РЕШЕНИЕ" over "от 12.03.2025 № 45" (or over "совета директоров АО «…»" and then its date): the
    title of a council's act, not its decisions."""
    text = lines[i].text.strip()
    return text.startswith("РЕШЕНИЕ") and not text.endswith(":") and any(
        j < len(lines) and all(ln.label is None for ln in lines[i + 1: j + 1])
        and any(c.isdecimal() for c in lines[j].text[:40]) for j in (i + 1, i + 2))


def _is_person_line(line: Line) -> bool:
    names = names_in(line.text)
    return bool(names) and len(line.text) < len(names[0]) + 60 and line.text.startswith(names[0])


def _fill(section: RawSection, lines: list[Line], *, brief: bool) -> None:
    mk = markers()
    decisions_at = next(
        (i for i, ln in enumerate(lines) if ln.label is None and mk["decisions"].match(ln.text)
         and not _act_word(lines, i)), None
    )
    if decisions_at is None:
        decisions_at = next((i for i, ln in enumerate(lines) if ln.label is not None), len(lines)) - 1
    enacted = brief and decisions_at == len(lines) - 1 and _enacting_index(lines) < len(lines)
    if enacted:  # "… ПОСТАНОВЛЯЕТ:" over decisions numbered none: one a paragraph
        decisions_at = _enacting_index(lines)
    preamble, section.body = lines[: max(decisions_at, 0)], lines[decisions_at + 1:]
    if enacted:
        section.body = decision_lines(lines[decisions_at], section.body)
    if 0 <= decisions_at < len(lines) and lines[decisions_at].label is None and _speakers_of(lines[decisions_at]):
        preamble = lines[: decisions_at + 1]  # "(Козлов Д.А., Лебедев М.Н.)" right above the first item
    if brief and decisions_at >= 0 and decisions_at < len(lines) and (
            lines[decisions_at].label is not None or addressee_heading(lines[decisions_at].text)):
        section.body = lines[decisions_at:]  # "Управлению ЖКХ:" over the first "1.": a heading, no marker
    if any(map(listened, preamble)):  # СЛУШАЛИ: the person heard in the nominative, as in the full form
        section.speakers = speakers(preamble)
        return
    heard = False
    for line in preamble:
        found = _speakers_of(line)
        heard = heard or bool(mk["heard"].match(line.text))
        if not found and heard and _is_person_line(line):
            found = names_in(line.text)[:1]
        section.speakers.extend(s for s in found if s not in section.speakers)


HEADING_PEOPLE = re.compile(r"\s*\((?P<who>[^()]{3,200})\)\.?$")


def _heading_people(title: str) -> tuple[int, list[str]] | None:
    """Where the people in brackets closing a question's heading start, and the people."""
    m = HEADING_PEOPLE.search(title) if title.endswith((")", ").")) else None
    found = _people_listed(m["who"]) if m and m.start() else []
    return (m.start(), found) if m and found else None


def _people_listed(who: str) -> list[str]:
    """"Козлов Д.А., Лебедев М.Н." (with initials), or "Лавров, Соболева, Тихонов" (surnames alone,
    as a government's protocol lists its speakers)."""
    named = names_in(who)
    if named:
        return named
    alone = [lone_surname(part) for part in who.split(",")]
    return [s for s in alone if s] if alone and all(alone) else []


def _speakers_of(line: Line) -> list[str]:
    mk = markers()
    parens = SPEAKER_PARENS.match(line.text)
    if parens and _people_listed(parens["who"]):
        return _people_listed(parens["who"])
    for key in ("speaker", "heard"):
        m = mk[key].match(line.text)
        if m:
            return names_in(line.text[m.end():])[:5] if key == "speaker" else names_in(line.text[m.end():])[:1]
    return []


def _split_signature(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """The signature at the end: position lines, then a name (possibly on the same line)."""
    if not lines or lines[-1].label is not None:
        return lines, []
    last = lines[-1].text
    if len(last) > 200:  # checked first: TRAILING_NAME is quadratic on long runs of "_" or spaces
        return lines, []
    m = TRAILING_NAME.search(last)
    if not m:
        return lines, []
    mk = markers()
    start = len(lines) - 1
    i = start - 1
    while i >= 0 and start - i <= 8:
        text = lines[i].text
        if lines[i].label is not None or len(text) > 160 or text.endswith((".", ";", ":")):
            break
        if mk["deadline_line"].match(text) or mk["responsible_line"].match(text):
            break
        i -= 1
        if mk["signature_position"].match(text):
            start = i + 1
    own = last[: m.start("name")].strip(" _\t")
    if own and not mk["signature_position"].match(own) and start == len(lines) - 1:
        return lines, []  # a sentence that happens to end with a name
    return lines[:start], lines[start:]


# "Председатель комиссии      подпись      В.П. Рогожин": the place of the signature, no part of the position
SIGN_WORD = re.compile(r"[\s_]*(?:\(\s*подпись\s*\)|/\s*подпись\s*/|подпись)[\s_]*$", re.I)


def signatory(signature: list[Line]) -> tuple[str | None, str] | None:
    """The position and name of who signs; of several ("Председатель комиссии … О.Н. Рыбаков /
    Секретарь комиссии … Т.А. Зуева"), the first: the one who presided."""
    named = [(i, m) for i, ln in enumerate(signature) if (m := TRAILING_NAME.search(ln.text))]
    if not named or named[-1][0] != len(signature) - 1:
        return None
    at, m = named[0]
    last = signature[at].text
    parts = [ln.text for ln in signature[:at]] + [SIGN_WORD.sub("", last[: m.start("name")]).strip(" _\t")]
    position = " ".join(p for p in parts if p).strip() or None
    return position, m["name"].strip()
