"""Full-form protocols: ПОВЕСТКА ДНЯ, then for each question СЛУШАЛИ / ВЫСТУПИЛИ / РЕШИЛИ.

A question starts at "По первому вопросу …", at a numbered СЛУШАЛИ ("2. СЛУШАЛИ:"), at
its heading just before СЛУШАЛИ ("2. О пожарной безопасности"), or at a bare СЛУШАЛИ.
Its speakers are the person heard (written in the accusative after СЛУШАЛИ, put in the
nominative) and those who spoke (ВЫСТУПИЛИ); its decisions follow РЕШИЛИ or ПОСТАНОВИЛИ
(letters may be spaced out, the colon is optional, the first decision may share the line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from protokol import morph
from protokol.structure.labels import Label
from protokol.structure.lines import Line
from protokol.structure.markers import markers
from protokol.structure.names import NAME
from protokol.structure.people import nominative

ORDINALS = ("перв", "втор", "трет", "четв", "пят", "шест", "седьм", "восьм", "девят", "десят")
SUBJECT = re.compile(r"^(?:О|Об|Обо)\s+[а-яё]")
# "1. Вопрос повестки дня: Об утверждении …": the words that say it is a question, no part of its title
QUESTION_WORDS = re.compile(r"^Вопрос(?:\s+№?\s*\d{1,3})?(?:\s+повестки\s+дня)?\s*[:.–—-]\s*(?=\S)", re.I)
LEADING_NAME = re.compile(rf"^\s*(?P<name>{NAME.pattern})(?P<after>\s*[–—-]\s*(?P<role>[А-Яа-яЁё]+))?")


# "… повестки дня слушали: Белову О.П. …": a marker inside a block (a plain-text reader
# joins a line that starts in lower case to the one before it) starts a block of its own
INNER = re.compile(r"(?<=[\s.;])(?:слушали|выступили|решили|постановили)\s?:", re.I)
INNER_HINT = re.compile(r"\Sли\s?:", re.I)
LISTENED = re.compile(r"с\s?л\s?у\s?ш\s?а\s?л\s?и", re.I)  # no full form has no СЛУШАЛИ
MAX_JOINED = 2000  # longer blocks are no markers joined to a line or two: not searched


def _split_inner(line: Line) -> list[Line]:
    if len(line.text) > MAX_JOINED:
        return [line]
    cuts = [m.start() for m in INNER.finditer(line.text)]
    if not cuts:
        return [line]
    pieces = [line.text[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(line.text)])]
    first = [Line(line.label, pieces[0], line.block)] if pieces[0] else []
    return first + [Line(None, p, line.block) for p in pieces[1:] if p]


@dataclass
class Question:
    """One question of a full-form protocol (sections.Question's fields)."""

    number: str | None
    title: str
    heading: Line | None
    speakers: list[str] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)


def full_form(body: list[Line]) -> tuple[list[Line], list[Question]] | None:
    """(header lines, sections) of a full-form protocol; None when the text is not one. Without
    СЛУШАЛИ, questions opened by "По вопросу № 1 «О …»" each over its РЕШЕНИЕ КОМИССИИ are one too."""
    joined = "\n".join([line.text for line in body])  # one pass over the text
    if not LISTENED.search(joined):
        return _questions_decided(body) if QUESTION_HINT.search(joined) else None
    mk = markers()
    if any(len(line.text) <= MAX_JOINED and INNER_HINT.search(line.text) for line in body):
        body = [piece for line in body for piece in _split_inner(line)]
    if not any(listened(line) for line in body):
        return None
    return _read(body)


QUESTION_HINT = re.compile(r"вопросу", re.I)


def _questions_decided(body: list[Line]) -> tuple[list[Line], list[Question]] | None:
    """"По вопросу № 1 «О …»" (or "По первому вопросу") lines, each followed by its decisions'
    marker before the next question: the questions, as a full form's."""
    opened = [i for i, line in enumerate(body) if line.label is None and _question(line)]
    if not opened:
        return None
    for k, i in enumerate(opened):
        end = opened[k + 1] if k + 1 < len(opened) else len(body)
        if not _alone(body[i]):
            return None  # "По вопросу ремонта дорог доложить …": a sentence, no question's heading
        nxt = body[i + 1].label if i + 1 < end else None
        numbered = nxt is not None and nxt.kind == "arabic" and len(nxt.path) > 1 \
            and str(nxt.path[0]) == _number(body[i], k + 1)
        if not numbered and not any(ln.label is None and _decisions(ln) for ln in body[i + 1:end]):
            return None  # neither "РЕШЕНИЕ КОМИССИИ:" nor "1.1. …" right under it
    return _read(body, marked=False)


def _alone(line: Line) -> bool:
    """"По первому вопросу", "По вопросу № 1 «О …»", "По второму вопросу повестки дня: О …": a
    question's heading, nothing else after its words than its subject."""
    q = _question(line)
    rest = _AFTER_QUESTION.sub("", line.text[q.end():]).strip() if q else "…"
    return not rest or rest[:1] in "«\"" or bool(SUBJECT.match(rest))


def _read(body: list[Line], *, marked: bool = True) -> tuple[list[Line], list[Question]] | None:
    mk = markers()
    agenda_at = next((i for i, ln in enumerate(body) if ln.label is None and mk["agenda"].match(ln.text)), None)
    starts = _starts(body, agenda_at)
    if marked and not any(_decisions(line) for line in body[starts[0]:]):
        return None
    titles = _agenda(body[agenda_at + 1: starts[0]]) if agenda_at is not None else {}
    sections = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(body)
        sections.append(_section(body[start:end], k + 1, titles))
    header_end = agenda_at if agenda_at is not None and agenda_at < starts[0] else starts[0]
    return body[:header_end], sections


def listened(line: Line) -> bool:
    m = markers()["heard"].match(line.text)
    return m is not None and m.group(1).replace(" ", "").lower().startswith("слуш")


def _question(line: Line) -> re.Match[str] | None:
    return markers()["question"].match(line.text)


def _decisions(line: Line) -> bool:
    mk = markers()
    return bool(mk["decisions"].match(line.text) or mk["decisions_inline"].match(line.text))


def _starts(body: list[Line], agenda_at: int | None) -> list[int]:
    starts: list[int] = []
    pending = False  # a question opened that has not reached its СЛУШАЛИ yet
    decided = False  # the current question's decisions have begun: a numbered line is one of them
    # the agenda's items, up to the first СЛУШАЛИ or РЕШИЛИ: "1. О …" over "Докладчик: …" there
    # lists a question, it does not open one (a question's heading just above its СЛУШАЛИ still does)
    agenda_end = -1 if agenda_at is None else next(
        (i for i in range(agenda_at + 1, len(body)) if listened(body[i]) or _decisions(body[i])), len(body))
    for i, line in enumerate(body):
        if _question(line) or i >= agenda_end and _opens(body, i, len(starts) + 1, decided):
            starts.append(i)
            pending, decided = True, False
        elif _decisions(line):
            pending, decided = False, True
        elif listened(line):
            if pending:
                pending = False
            elif line.label is None and i > 0 and (not starts or starts[-1] < i - 1) \
                    and _heading(body[i - 1], len(starts) + 1, first=not starts and agenda_at is not None,
                                 decided=decided):
                starts.append(i - 1)
            else:
                starts.append(i)
            decided = False
    return starts


def _opens(body: list[Line], i: int, expected: int, decided: bool) -> bool:
    """"2. О разном" numbered as the next question, followed before the next numbered
    line by СЛУШАЛИ, a speaker or РЕШИЛИ."""
    if not _numbered_as(body[i], expected, decided) or listened(body[i]):
        return False
    mk = markers()
    for line in body[i + 1: i + 13]:
        if line.label is not None:
            return False
        if mk["heard"].match(line.text) or mk["speaker"].match(line.text) or _decisions(line):
            return True
    return False


def _numbered_as(line: Line, expected: int, decided: bool) -> bool:
    """Numbered as the next question; after decisions numbered "1.", "2." a question's
    heading is told by its "О …" ("2. Старосте подготовить …" is a decision)."""
    label = line.label
    return label is not None and label.kind in ("arabic", "roman") and label.depth == 1 \
        and label.path[0] == expected and (not decided or bool(SUBJECT.match(line.text)))


def _heading(line: Line, expected: int, *, first: bool, decided: bool) -> bool:
    """The question's heading just before its СЛУШАЛИ: "2. О …" numbered as the next
    question (an agenda's last item is not), or an unnumbered "О …" where no agenda is."""
    if _decisions(line) or markers()["heard"].match(line.text):
        return False
    if line.label is None:
        return not first and bool(SUBJECT.match(line.text))
    return _numbered_as(line, expected, decided)


def _agenda(lines: list[Line]) -> dict[str, str]:
    """Agenda titles by question number ("1." items, or unnumbered lines in order)."""
    titles: dict[str, str] = {}
    for n, line in enumerate(lines, 1):
        key = line.label.display if line.label is not None and line.label.kind in ("arabic", "roman") else str(n)
        titles.setdefault(key, line.text.rstrip(". "))
    return titles


def _number(line: Line, n: int) -> str:
    q = _question(line)
    if q:
        word = (q["ordinal"] or "").lower()
        digits = q["n1"] or q["n2"] or q["n3"]
        if digits:
            return str(int(digits))
        found = next((k for k, stem in enumerate(ORDINALS, 1) if word.startswith(stem)), None)
        return str(found or n)
    if line.label is not None and line.label.kind in ("arabic", "roman") and line.label.depth == 1:
        return line.label.display
    return str(n)


def _heading_under(first: Line, line: Line) -> Line | None:
    """The line "1. О ходе …" right under a bare "СЛУШАЛИ:" line, the question it heard."""
    m = markers()["heard"].match(first.text)
    if m is None or not listened(first) or first.text[m.end():].strip(" :–—-") or not SUBJECT.match(line.text):
        return None
    return line if line.label is None or line.label.kind in ("arabic", "roman") else None


def _section(lines: list[Line], n: int, titles: dict[str, str]) -> Question:
    first = lines[0]
    number = _number(first, n)
    own_title = first.label is not None and not listened(first) and not _question(first)
    title = question_title(first.text) if own_title else titles.get(number, "") or _named(first)
    heading = _heading_under(first, lines[1]) if not title and len(lines) > 1 else None
    if heading is not None:  # "СЛУШАЛИ:" alone, then "1. О ходе …": the question's heading under it
        title = heading.text.rstrip(". ")
        number = heading.label.display if heading.label is not None and heading.label.depth == 1 else number
    at = next((i for i, ln in enumerate(lines) if _decisions(ln)), len(lines))
    if not title and listened(first):  # "СЛУШАЛИ: Лыкову Н.Н. о работе транспорта": the subject heard
        heard = markers()["heard"].match(first.text)
        alone = heard is not None and not first.text[heard.end():].strip()
        title = _heard_subject(lines[1].text if alone and len(lines) > 1 else first.text)
    if at == len(lines) and _question(first) and len(lines) > 1 and lines[1].label is not None:
        at = 0  # "По первому вопросу" over "1.1. …": its decisions, with no marker
    section = Question(number, title, first)
    section.speakers = speakers(lines[:at])
    if at < len(lines):
        section.body = decision_lines(lines[at], lines[at + 1:])
    return section


# what follows "По вопросу № 1" before the question's own title
_AFTER_QUESTION = re.compile(r"^[\s:.–—-]*(?:повестки\s+дня)?[\s:.–—-]*", re.I)


def _named(first: Line) -> str:
    """The title a question's opening line gives: "По вопросу № 1 «О благоустройстве …»" ->
    "О благоустройстве …"; "" for a bare "По первому вопросу"."""
    q = _question(first)
    if q is None:
        return ""
    rest = _AFTER_QUESTION.sub("", first.text[q.end():]).strip()
    if rest[:1] in "«\"" and rest.rstrip(" .:")[-1:] in "»\"":
        rest = rest.rstrip(" .:")[1:-1]
    return rest.rstrip(". :") if SUBJECT.match(rest) else ""


# "… Н.Н. о работе …", "…, об итогах …": the subject of what was heard, after a name
HEARD_SUBJECT = re.compile(r"(?:^|[\s,–—-])(?P<subject>(?:о|об|обо)\s+[а-яё])")
MAX_SUBJECT = 300


def _heard_subject(text: str) -> str:
    """The subject a СЛУШАЛИ line gives after the speaker's name ("СЛУШАЛИ: Лыкову Н.Н. о работе
    транспорта." -> "О работе транспорта"); "" when it names none. Two searches, each once
    over the line."""
    name = NAME.search(text, 0, MAX_SUBJECT)
    found = HEARD_SUBJECT.search(text, name.end()) if name is not None else None
    if found is None:
        return ""
    subject = text[found.start("subject"):].strip().rstrip(". ").strip()
    return subject[0].upper() + subject[1:] if len(subject) <= MAX_SUBJECT else ""


def question_title(text: str) -> str:
    """A question's heading as its title: "Вопрос повестки дня: Об утверждении …." -> "Об утверждении …"."""
    return QUESTION_WORDS.sub("", text).rstrip(". ")


def speakers(lines: list[Line]) -> list[str]:
    mk = markers()
    found: list[str] = []
    mode: str | None = None
    for line in lines:
        text = line.text
        m = mk["heard"].match(text) or mk["speaker"].match(text)
        if m:
            mode = "heard" if listened(line) else "spoke"
            text = text[m.end():].strip(" :–—-")
        who = LEADING_NAME.match(text) if mode else None
        if who is None and mode == "heard" and (after := NAME.search(text, 0, 200)):
            # "Начальника отдела ГО и ЧС Кравца Д.В. – о прогнозе": the position first, in the accusative
            found.append(nominative(after.group(0).strip(), "accs"))
            mode = "spoke"
            continue
        if who:
            heard = mode == "heard"
            found.append(_as_speaker(who) if heard else who["name"].strip())
            mode = "spoke" if heard else mode  # after the one heard, names are as written
            # "СЛУШАЛИ: Кожевникова Б.Л., Полякову С.Д.": a list of the heard, all in the accusative
            # "ВЫСТУПИЛИ: Котов Л.Л., Прохорова В.В. – начальник отдела …": each entry opening with a name
            rest = NAME.findall(text[who.end():]) if _listed(text) else \
                [m["name"] for m in _NEXT_NAME.finditer(text, who.end())]
            found.extend(nominative(n.strip(), "accs") if heard else n.strip() for n in rest)
    return list(dict.fromkeys(found))


_NEXT_NAME = re.compile(rf"[,;]\s*(?P<name>{NAME.pattern})(?=\s*(?:[–—-]|[,;.]|$))")


def _listed(text: str) -> bool:
    """"Белова О.П., Орлов И.И." - a line of names only."""
    return not NAME.sub("", text).strip(" ,;.и")


def _as_speaker(who: re.Match[str]) -> str:
    """The person heard, in the nominative: "Сомова В.В. – начальника отдела" is
    accusative ("Сомов В.В."), "Ткачёва Н.Н. – директор" is nominative already."""
    name = who["name"].strip()
    role = who["role"]
    # one person's role: singular ("директора" reads as a plural nominative too, and is accusative here)
    if role and len(role) > 2 and morph.has_tag(role, "nomn", "sing"):
        return name
    return nominative(name, "accs")


def decision_lines(marker: Line, lines: list[Line]) -> list[Line]:
    """The decision lines; with no numbering at all, each paragraph is a decision."""
    inline = markers()["decisions_inline"].match(marker.text)
    out = ([Line(None, marker.text[inline.end():].strip(), marker.block)] if inline else []) + lines
    if any(ln.label is not None for ln in out):
        return out
    mk = markers()
    bullet = Label("bullet", "-")
    return [ln if mk["deadline_line"].match(ln.text) or mk["responsible_line"].match(ln.text)
            else Line(bullet, ln.text, ln.block) for ln in out
            if not mk["vote"].match(ln.text) and not mk["editorial"].match(ln.text)]
