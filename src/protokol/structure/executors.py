"""Addressees split into single executors, each in the nominative (contract 1.1).

    >>> [e.name for e in executors_of(["Минфину России, Минэкономразвития России и Минздраву России"])]
    ['Минфин России', 'Минэкономразвития России', 'Минздрав России']

An addressee is a dative phrase: a list ("X, Y и Z") whose members are told apart by
their first word (a noun group in the dative, an abbreviation like "МКУ", a ministry
like "Минэкономразвития"), then "совместно с" / "во взаимодействии с" followed by
co-executors in the instrumental. Each executor's leading noun group is put in the
nominative (morph.nominative_head); what follows it ("... субъектов Российской
Федерации") is kept as written. A person named after a position ("Главе района
Иванову В.В.") is kept apart, in the nominative. Nothing inside quotes or
parentheses is ever split, and an abbreviated body ("МКУ «ЕДДС»") stays as written.

Types: person (a name alone), position (a singular post: глава, заместитель, ...),
group (a plural: "Представители ...", "Руководители ..."), organization (the rest).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import lru_cache

from protokol import morph
from protokol.model import Executor, ExecutorRole, ExecutorType
from protokol.structure import scout
from protokol.structure.markers import folded
from protokol.structure.names import FIELD_AFTER_AND, NAME, WHOLE_NAME, post_and_person
from protokol.structure.people import lone_surname, nominative, split_trailing_name

# "совместно с X" and kin: the case the co-executors are written in
CO_MARKERS = re.compile(r"\s*,?\s+(?:совместно|во\s+взаимодействии|в\s+координации)\s+со?\s+", re.I)
PARTICIPATION = re.compile(r"\s*,?\s+(?:при\s+участии|с\s+участием)\s+", re.I)
LEAD = re.compile(r"^(?:для)\s+", re.I)
SEPARATOR = re.compile(r",\s*(?:а\s+также\s+)?|;\s*|\s+(?:и|а\s+также)\s+")
ABBREVIATION = re.compile(r"^(?:[А-ЯЁA-Z]{2,}(?:-[А-ЯЁA-Z0-9]+)?|[А-ЯЁ]{2,}(?:и[А-ЯЁ]{2,})+)$")  # "ОНДиПР" too
MINISTRY = re.compile(r"^(?:Мин|Рос|Фед)[а-яё]{3,}$")
PREPOSITIONS = frozenset({"по", "к"})
POSITIONS = frozenset({
    "глава", "заместитель", "руководитель", "директор", "министр", "председатель", "начальник",
    "губернатор", "мэр", "редактор", "ректор", "секретарь", "помощник", "советник", "уполномоченный",
    "префект", "прокурор", "командир", "заведующий", "главврач", "врач", "специалист", "консультант",
    "референт", "управляющий", "координатор", "куратор", "представитель", "ответственный", "президент",
    "вице-губернатор", "сити-менеджер", "инспектор", "атаман", "старший", "член", "депутат", "аудитор",
    "архитектор", "бухгалтер", "инженер", "юрист", "эксперт", "инструктор", "диспетчер", "комиссар",
})
_EDGE = " \t,;:–—-"
# "(сбор)": the body that gathers the others' answers, the lead executor (directives)
REMARK = re.compile(r"\s*\((?:по\s+согласованию|по\s+списку|при\s+необходимости|сбор)\)$", re.I)
# "(Иванов И.И.)", or a surname alone ("(Тихонов)", checked by people.lone_surname)
PERSON_IN_PARENS = re.compile(rf"\s*\((?P<who>{NAME.pattern}|(?P<alone>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?))\)$")
_PUNCT = ",.;:«»()\"“”„"


def executors_of(addressees: Iterable[str]) -> tuple[Executor, ...]:
    """Every executor of a directive's addressees, in order, each name once per role."""
    seen: dict[tuple[str, str], Executor] = {}
    for addressee in addressees:
        for executor in split_addressee(addressee):
            seen.setdefault((executor.name, executor.role), executor)
    return tuple(seen.values())


@lru_cache(maxsize=4096)
def split_addressee(addressee: str) -> tuple[Executor, ...]:
    text = _trim(" ".join(addressee.split()))
    case = "datv"
    first = text.split(maxsplit=1)[0] if text else ""
    if first[:1].isalpha() and not morph.has_tag(first, "datv") and morph.has_tag(first, "accs") \
            and not morph.has_tag(first, "nomn") and not morph.has_tag(first, "PREP"):
        case = "accs"  # "Просить прокуратуру города …": who is asked, in the accusative
    if LEAD.match(text):
        text, case = LEAD.sub("", text), "gent"
    parts = _top_level_split(text, PARTICIPATION)
    main_and_co = _top_level_split(parts[0], CO_MARKERS)
    found = list(_members(main_and_co[0], case, "executor"))
    for co in main_and_co[1:]:
        found.extend(_members(co, "ablt", "co_executor"))
    for co in parts[1:]:
        found.extend(_members(co, "gent", "co_executor"))
    return tuple(found)


def _members(text: str, case: str, role: ExecutorRole) -> Iterator[Executor]:
    for chunk in _split_list(text, case):
        chunk = _trim(chunk)
        if chunk:
            yield _executor(chunk, case, role)


_LIST_COMMA = re.compile("[,;]")


def listed(text: str, role: ExecutorRole) -> tuple[Executor, ...]:
    """The bodies an "Исполнитель:" / "Соисполнители:" line lists in the nominative ("управление
    архитектуры и градостроительства, МКУ «…» (Петров П.П.)"), split at its commas only ("и"
    stays inside a name), each with the person in its brackets; a person alone is none."""
    depths = _depths(text)
    parts, last = [], 0
    for m in _LIST_COMMA.finditer(text):
        if not depths[m.start()]:
            parts.append(text[last:m.start()])
            last = m.end()
    parts.append(text[last:])
    found = (_executor(chunk, "nomn", role) for part in parts if (chunk := _trim(part)))
    return tuple(e for e in found if e.type != "person")


# ---------------------------------------------------------------- splitting


_BRACKETS = re.compile("[«(»)\"“”„]")


def _depth_at(text: str) -> Callable[[int], int]:
    """depth(at): the nesting depth of text[at] (quotes «», "", and parentheses; a bracket's
    own depth is the one after it), kept at the brackets only: a list a character cost
    more than the few places asked about."""
    places, depths, depth, straight = [-1], [0], 0, False
    for m in _BRACKETS.finditer(text):
        ch = m.group()
        if ch in "«(":
            depth += 1
        elif ch in "»)":
            depth = max(0, depth - 1)
        else:
            straight = not straight
            depth += 1 if straight else -1
        places.append(m.start())
        depths.append(depth)
    if len(places) == 1:
        return _NO_DEPTH
    return lambda at: depths[bisect_right(places, at) - 1]


def _no_depth(at: int) -> int:
    return 0


_NO_DEPTH = _no_depth


def _depths(text: str) -> list[int]:
    """Nesting depth of each character (quotes «», "", and parentheses)."""
    return list(map(_depth_at(text), range(len(text))))


# a word each marker above holds, case-folded: a text without it is not searched (the
# markers' leading "\s*" is tried at every position), the words looked for as substrings of
# the folded text (shared with the markers): a character folds to one of their letters
# exactly when IGNORECASE takes it as that letter (tests/structure/test_fast_paths.py)
_FOLDED_WORDS = {CO_MARKERS: ("совместно", "взаимодействии", "координации"), PARTICIPATION: ("участи",)}
# every match of these begins with a space, "," or ";" (their leading "\s" kept the regex
# engine from skipping ahead): each pattern's scout (structure/scout.py) skips to those
_SCOUTS = {pattern: re.compile(rf"[\s,;](?<=(?=(?:{pattern.pattern}))[\s\S])", pattern.flags)
           for pattern in (CO_MARKERS, PARTICIPATION, SEPARATOR)}


def _top_level_split(text: str, pattern: re.Pattern[str]) -> list[str]:
    fold = folded(text)
    for word in _FOLDED_WORDS[pattern]:
        if word in fold:
            break
    else:
        return [text]
    depth = _depth_at(text)
    parts, last = [], 0
    for m in scout.finditer(_SCOUTS[pattern], pattern, text):
        if depth(m.start()) == 0 and m.start() > last:
            parts.append(text[last:m.start()])
            last = m.end()
    parts.append(text[last:])
    return parts


def _split_list(text: str, case: str) -> list[str]:
    """Split at a comma or "и" that begins a new member (a head in `case`)."""
    depth = _depth_at(text)
    parts, last = [], 0
    for m in scout.finditer(_SCOUTS[SEPARATOR], SEPARATOR, text):
        if depth(m.start()) or m.start() <= last:
            continue
        current = text[last:m.start()]
        is_and = "," not in m.group(0) and ";" not in m.group(0)
        if is_and and not _and_splits(current, text[m.end():]):
            continue
        if _starts_member(text[m.end():], case, strict=is_and):
            parts.append(current)
            last = m.end()
    parts.append(text[last:])
    return parts


def _and_splits(current: str, rest: str) -> bool:
    """"и" may start a new member: not after a lone noun ("Предприятиям и организациям
    города" share "города"), and after "по ..." only before a capitalized name
    ("по информационной политике и связям" goes on; "по культуре и Комитету" splits)."""
    words = current.split()
    if len(words) == 1 and not rest[:1].isupper():
        return False
    return not (PREPOSITIONS & {w.lower() for w in words[1:]}) or _named_body(rest)


def _named_body(rest: str) -> bool:
    """A capitalized body ("Комитету ...", "МКУ «...»"), not a capitalized word of a
    "по ..." phrase ("по делам ГО и ЧС")."""
    words = rest.split()
    if not words or not words[0][:1].isupper():
        return False
    if ABBREVIATION.match(words[0].strip(_PUNCT)):
        return len(words) > 1 and words[1][:1] in "«\"“"
    return True


def _starts_member(rest: str, case: str, *, strict: bool) -> bool:
    words = tuple(rest.split()[:6])
    if not words:
        return False
    first = words[0].strip("«»\"(),.")
    if ABBREVIATION.match(first) or MINISTRY.match(first):
        return not (strict and FIELD_AFTER_AND.match(rest.lstrip()))  # "энергетики и ЖКХ области" goes on
    if WHOLE_NAME.match(" ".join(words[:2])):
        return True
    head, used, _, lemma = morph.nominative_head(words, case)
    if not head or not (lemma in POSITIONS or morph.has_tag(words[used - 1].strip(_PUNCT), "NOUN", case)):
        return False  # "..., действующим в ...": a participle agreeing with the head before
    # after "и" a word that also reads as a genitive continues the name ("культуры и печати")
    return not (strict and case != "gent" and morph.has_tag(words[0], "gent", min_score=0.05))


# ---------------------------------------------------------------- one executor


def _executor(chunk: str, case: str, role: ExecutorRole) -> Executor:
    remark = REMARK.search(chunk) if chunk.endswith(")") else None
    if remark and remark.start() > 0:  # "Главам поселений (по согласованию)": a remark, no part of the name
        return replace(_executor(chunk[: remark.start()], case, role), as_written=chunk)
    parens = PERSON_IN_PARENS.search(chunk) if chunk.endswith(")") else None
    if parens and parens["alone"] and not lone_surname(parens["alone"]):
        parens = None  # "(Роспотребнадзор)": no one's surname
    if parens and parens.start() > 0:  # "Администрации города (Иванов И.И.), МКУ …": its person, as written
        inner = _executor(chunk[: parens.start()], case, role)
        return replace(inner, as_written=chunk, person=inner.person or parens["who"])
    if WHOLE_NAME.match(chunk):
        return Executor(nominative(chunk, case), chunk, "person", role)
    body, person = split_trailing_name(chunk) if case == "datv" else post_and_person(chunk) or (chunk, None) \
        if case == "nomn" else (chunk, None)  # "начальник управления Мельникова А.Р." (an Исполнитель line)
    words = tuple(body.split())
    first = words[0].strip("«»\"(")
    if ABBREVIATION.match(first):
        return Executor(body, chunk, "organization", role, person)
    head, used, number, lemma = morph.nominative_head(words, case)
    skipped = 0
    # "Пресс службам ...": an unchanging first word before a noun in the case ("Отдел социальной защиты"
    # is already in the nominative: its adjective is no head; so is "Центр занятости населения", whose
    # second word reads as a genitive as well)
    if not head and len(words) > 1 and words[1][:1].islower() and morph.has_tag(words[1].strip(_PUNCT), "NOUN", case) \
            and not (case == "datv" and morph.has_tag(words[1].strip(_PUNCT), "gent")):
        head, used, number, lemma = morph.nominative_head(words[1:], case)
        skipped = 1
    if not head:  # "и.о. начальника управления Крылова К.К.": a post by its holder
        return Executor(_capital(body), chunk, "position" if case == "nomn" and person else "organization", role, person)
    rest = _agreeing_rest(words, skipped + used, case, number or "sing")
    name = _capital(" ".join((*words[:skipped], *head, *rest)))
    return Executor(name, chunk, _type(lemma, number), role, person)


def _agreeing_rest(words: tuple[str, ...], start: int, case: str, number: str) -> list[str]:
    """The words from `start` on; a participle after a comma agrees with the head and is
    put in the nominative too ("Организациям, действующим в ...")."""
    out = list(words[start:])
    if out[:1] == ["и"]:  # "Предприятиям и организациям города": both in the nominative
        more, used, _, _ = morph.nominative_head(words[start + 1:], case)
        out[1:1 + used] = more
    for i in range(start, len(words)):
        if words[i - 1].endswith(","):
            out[i - start] = morph.agrees(words[i], case, number) or words[i]
    return out


def _type(lemma: str | None, number: str | None) -> ExecutorType:
    if number == "plur":
        return "group"
    if lemma in POSITIONS:
        return "position"
    return "organization"


def _trim(text: str) -> str:
    """Without edge punctuation; a final full stop stays after an initial ("Иванову И.И.")."""
    text = text.strip(_EDGE)
    while text.endswith(".") and not _ends_with_initial(text):
        text = text[:-1].rstrip(_EDGE)
    return text


def _ends_with_initial(text: str) -> bool:
    """A final initial ("... И."): re.search(r"(?:^|[\\s.])[А-ЯЁ]\\.$", text) for a text ending
    with ".", looked at from its end (the pattern has no first character to skip to)."""
    return len(text) >= 2 and ("А" <= text[-2] <= "Я" or text[-2] == "Ё") and (
        len(text) == 2 or text[-3].isspace() or text[-3] == ".")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
