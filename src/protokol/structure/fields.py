"""Directive fields found in an item's text: action, inline addressee, kind (links: structure/links.py)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from protokol import morph
from protokol.structure.glued import INFINITIVE_END, glued_infinitive
from protokol.structure.markers import Marker, markers
from protokol.structure.names import NAME, names_in
from protokol.structure.people import lone_surname, names_in_case, split_trailing_name
from protokol.structure.slots import fast_init

WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
# The WORD tokens whose lower case ends in INFINITIVE_END, found by the regex engine
# (the words of every item were a Python loop): a token starts where WORD would start
# one (not after a letter, nor after "letter-"), is taken whole (atomic), and is kept
# when its end spells an ending.
INFINITIVE_LIKE = re.compile(
    r"(?<![А-Яа-яЁё])(?<![А-Яа-яЁё]-)(?>[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*)(?:"
    + "|".join("(?<=" + "".join(f"[{c.upper()}{c}]" for c in end) + ")" for end in INFINITIVE_END)
    + ")"
)
# the end of a token INFINITIVE_LIKE takes: an ending, then no letter nor "-letter" (the
# regex engine skips to its first letter, where INFINITIVE_LIKE's look-behinds are tried at
# every position); the token is then read back from its end, over the reversed text
_INFINITIVE_TAIL = re.compile(r"[ТтЧч](?:(?<=[Тт])[Ии](?:[Сс][Ьь])?|[Ьь](?:[Сс][Яя])?)(?![А-Яа-яЁё]|-[А-Яа-яЁё])")
_TOKEN = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")  # WORD; the same runs read backwards


def _infinitive_like(text: str, start: int) -> Iterator[tuple[int, str]]:
    """(position, token) of each match of INFINITIVE_LIKE in text[start:], as in text."""
    part = text[start:]  # a slice: `start` begins a token, as for WORD
    back = ""
    for m in _INFINITIVE_TAIL.finditer(part):
        back = back or part[::-1]
        end = m.end()
        begin = len(part) - _TOKEN.match(back, len(part) - end).end()  # type: ignore[union-attr]  # a letter ends it
        yield start + begin, part[begin:end]


PARENS_NAMES = re.compile(r"\s*\((?P<who>[^()]+)\)\s*$")


@fast_init
@dataclass(frozen=True, slots=True)
class Fields:
    action: str | None
    addressee: str | None
    responsible: tuple[str, ...]
    # "совместно с органами … обеспечить" under a lead-in: the co-executors' phrase before the verb
    together: str | None = None


# "совместно с …", "во взаимодействии с …" opening an item's text before its verb
TOGETHER = re.compile(r"^(?:совместно|во\s+взаимодействии|в\s+координации)\s+со?\s+\S", re.I)


def is_note_text(text: str) -> bool:
    return bool(markers()["note"].search(text))


def in_force(text: str) -> bool:
    """"Настоящее постановление вступает в силу …": when the act takes effect, a note."""
    marker = markers()["in_force"]  # its up to 8 leading words are slow to try: the required words first
    return marker.possible(text) and bool(marker.match(text))


@lru_cache(maxsize=4096)
def item_fields(text: str, *, lead_in: bool) -> Fields:
    """Action (governing infinitive's lemma) and the dative addressee before it.

    A lead-in ("Для представителей ...:", "Минфину края:") with no infinitive is an
    addressee as a whole.
    """
    mk = markers()
    control = mk["control"].match(text)
    if control:
        who = _who(control)
        verb_word = re.search(r"возложить", text, re.I)
        return Fields("возложить" if verb_word else None, None, tuple(names_in_case(who, "accs")) or (who,))
    appoint = mk["appoint"].match(text)
    if appoint and appoint["verb3"]:  # "Возложить на Петрову А.А. обязанности …": the first person named
        return Fields("возложить", None, tuple(names_in_case(appoint["who"][:200], "accs")[:1]))
    if appoint and appoint["verb2"] and " за " in text[: appoint.start("who")] and not names_in(appoint["who"]):
        # "назначить ответственных за организацию вакцинации": no one named (the lazy "за …" cut a word off)
        return Fields(morph.lemma(appoint["verb2"]), None, ())
    if appoint:
        return Fields(morph.lemma(appoint["verb"] or appoint["verb2"]), None, _appointed(appoint["who"]))
    instruction = mk["instruction"].match(text)
    skip = instruction.end() if instruction else 0
    verb, first = _infinitives(text, skip)
    end = first[0] if verb and first else None
    if end is not None:
        head = text[skip:end]
    elif lead_in:
        head = text[skip:].rstrip().rstrip(":")
    else:
        head = _dative_phrase(text, skip) if instruction else _before_person(text, skip)
    head = _without_reason(head)  # "Во исполнение поручения … от … № Пр-2590 министерству …"
    head = _skip_leading_deadline(head)  # "До 1 мая 2024 г. Управлению ... установить"
    # "Комитету по культуре | в течение 10 дней подготовить"; a lead-in's "участникам ... в 2023 году:" stays whole
    deadline = mk["addressee_deadline"].search(head) if end is not None or not lead_in else None
    head = head[: deadline.start()] if deadline else head
    # head is a part of text: a marker whose required words text lacks has none in head
    # (head is not case-folded then); the modal words cut, its words may join across the cut;
    # a colon before the verb goes ("Руководителям …: обеспечить")
    modal = mk["modal"].sub("", head) if mk["modal"].possible(text) else head
    # and a dash ("– отделу по делам молодёжи – организовать")
    head = _trim_adverbs(modal.strip(" ,:–—"), TRAILING_CIRCUMSTANCE.possible(text) or modal != head)
    # "Просить прокуратуру города рассмотреть": the verb governs the accusative of who is asked
    accusative = instruction is not None and instruction.group(1).lower() in ("просить", "обязать")
    head = _before_object(head) if end is not None and " " in head and not accusative else head
    if end is not None and not skip and TOGETHER.match(head):  # the addressee is the lead-in's
        return Fields(morph.lemma(verb[1]), None, _closing_people(text, end), head)  # type: ignore[index]
    addressee, responsible = _addressee(head, lead_in=lead_in and verb is None, governed=bool(instruction) or end is not None,
                                        accusative=accusative)
    if verb and not responsible:
        responsible = _closing_people(text, end or 0)
    action = morph.lemma(verb[1]) if verb else None
    return Fields(action, addressee, responsible)


PERSON_IN_PARENS = re.compile(r"\((?P<who>[^()]{2,60})\)")
# prepositions an accusative follows inside a body's name ("… за работу", "… на территорию")
_ACCUSATIVE_AFTER = frozenset({"на", "за", "в", "во", "через", "про", "под", "о", "об", "по"})
_NOT_OBJECT = ("gent", "datv", "ablt", "loct")  # the cases a body's name goes on in


def _before_object(head: str) -> str:
    """"Главам поселений информацию о паводке | направлять", "Отделу образования отчёт … | представить":
    the object the verb governs, written before it (a noun that reads as an accusative and in none of
    the cases a body's name goes on in, after no preposition, before any comma, quote or bracket),
    ends the addressee."""
    words = list(itertools.islice(WORD.finditer(head), 30))
    for prev, m in zip(words, words[1:]):
        word = m.group(0)
        if any(c in head[: m.start()] for c in ",«(\""):
            return head
        if word[:1].islower() and prev.group(0).lower() not in _ACCUSATIVE_AFTER \
                and morph.has_tag(word, "NOUN", "accs") and not any(morph.has_tag(word, c) for c in _NOT_OBJECT):
            return head[: m.start()].rstrip(" ,")
    return head


def _without_reason(head: str) -> str:
    """head without the document its reason cites: skipped when the head opens with it
    ("Во исполнение поручения … № Пр-2590 министерству …"), the end of the addressee when it
    follows one ("Министерству … в соответствии с постановлением … № 77-п")."""
    mk = markers()
    if not mk["addressee_reason"].possible(head):
        return head
    found = mk["addressee_reason"].search(head)
    if found is None:
        return head
    if not head[: found.start()].strip():
        return head[found.end():].strip()
    return head[: found.start()]


def _skip_leading_deadline(head: str) -> str:
    """head without the deadline it opens with ("В срок до 15.04.2024 МКУ ..." -> "МКУ ...")."""
    if not markers()["addressee_deadline"].match(" " + head):
        return head
    from protokol.deadlines import scan_deadlines

    found = scan_deadlines(head, None, rules="none")
    first = found[0].text if found else ""
    if first and head.lower().startswith(first.lower()):
        return head[len(first):].lstrip(" ,")
    return head


# "... обеспечить мониторинг (Петрова Е.С.) – до 25.03.2024.": the people answering for
# an item in parentheses at its end, before its deadline at most
CLOSING_PEOPLE = re.compile(r"\((?P<who>[^()]{4,160})\)\s*(?:[–—-]\s*[^()–—]{1,80})?[.;]?\s*$")


def _closing_people(text: str, start: int) -> tuple[str, ...]:
    m = CLOSING_PEOPLE.search(text, start)
    if not m or not names_in(m["who"]):
        return ()
    return tuple(names_in(m["who"]))


def _before_person(text: str, start: int) -> str:
    """Without a verb, a person in parentheses still ends the addressee before it
    ("Главному редактору газеты (Иванова И.И.) ..." cut short)."""
    for m in PERSON_IN_PARENS.finditer(text, start, min(len(text), start + 400)):
        if names_in(m["who"]) or lone_surname(m["who"]):
            return text[start:m.end()]
    return ""


def _infinitives(text: str, start: int) -> tuple[tuple[int, str] | None, tuple[int, str] | None]:
    """(position, word) of the first infinitive from `start` that is not the "принять"
    of "принять к сведению" (the verb), and of the first infinitive at all (None, None
    when there is no verb)."""
    first: tuple[int, str] | None = None
    notes: Iterator[re.Match[str]] | None = None  # the note phrases, read as far as the words asked about
    noted: list[tuple[int, int]] = []
    for at, word in _infinitive_like(text, start):
        if not morph.has_tag(word, "INFN"):
            continue
        first = first or (at, word)
        if notes is None:
            notes = markers()["note"].finditer(text)
        while not noted or noted[-1][0] <= at:  # a later phrase cannot hold this word
            if (n := next(notes, None)) is None:
                break
            noted.append((n.start(), n.end()))
        if not any(a <= at < b for a, b in noted):
            return (at, word), first
    glued = glued_infinitive(text, start)
    return (glued, first or glued) if glued else (None, None)


def _appointed(who: str) -> tuple[str, ...]:
    """"Минфин России", "отдел культуры (Петрова А.А.)", "Петрову А.А." (-> "Петрова А.А.")."""
    who = who.rstrip(";").strip()
    who = who if re.search(r"(?:^|[\s.])[А-ЯЁ]\.$", who) else who.rstrip(".")
    parens = PARENS_NAMES.search(who)
    if parens and names_in(parens["who"]):
        return (who[: parens.start()].strip(), *names_in(parens["who"]))
    return tuple(names_in_case(who, "accs")) or (who,)


# words that carry a dative addressee on after its first word: its genitive and dative
# attributes ("отделу культуры администрации района", "Комитету по культуре и спорту")
_LINKS = frozenset({"по", "и", "при", "с"})


def _dative_phrase(text: str, start: int) -> str:
    """The dative after "Поручить"/"Рекомендовать" when no infinitive follows: up to the
    first word that is neither dative nor genitive ("… отделу культуры организацию …")."""
    end = start
    for n, m in enumerate(itertools.islice(WORD.finditer(text, start), 40)):
        word = m.group(0)
        if n == 0 and not (morph.has_tag(word, "datv") or _abbreviation(word)):
            return ""
        if n and word.lower() not in _LINKS and not _abbreviation(word) \
                and not morph.has_tag(word, "datv") and not morph.has_tag(word, "gent"):
            break
        end = m.end()
    return text[start:end]


def addressee_heading(text: str) -> bool:
    """"Управлению образования (Лосева Е.Г.):" alone on its line: a body's heading over the
    numbered items it is given (a dative or an abbreviated body first, no verb)."""
    if not text.endswith(":") or len(text) > 200 or not text[:1].isupper() or not any(map(str.islower, text)):
        return False
    first = WORD.match(text)
    if first is None or morph.has_tag(first.group(0), "PREP") \
            or not (morph.has_tag(first.group(0), "datv") or _abbreviation(first.group(0))):
        return False  # "По итогам совещания решено:" names no one
    if any(w[:1].islower() and morph.has_tag(w, "VERB") for w in WORD.findall(text)):
        return False  # "… от 27.04.2021 N 404н приказываю:": the enacting words
    fields = item_fields(text, lead_in=True)
    return fields.action is None and fields.addressee is not None


def _abbreviation(word: str) -> bool:
    """"МУП", "ОМВД", "ГИБДД", "ОНДиПР" (its "и" in lower case): an indeclinable body's name."""
    return len(word) >= 2 and word.isupper() or bool(JOINED_ABBREVIATION.match(word))


# "ОНДиПР", "КДНиЗП", "ГОиЧС": two abbreviations joined by a lower-case "и"
JOINED_ABBREVIATION = re.compile(r"^[А-ЯЁ]{2,}(?:и[А-ЯЁ]{2,})+$")


def _addressee(head: str, *, lead_in: bool, governed: bool = False,
               accusative: bool = False) -> tuple[str | None, tuple[str, ...]]:
    if not head or len(head) > 400:
        return None, ()
    responsible: tuple[str, ...] = ()
    head = _cut_at_person(head)
    parens = PARENS_NAMES.search(head) if head.rstrip().endswith(")") else None  # the pattern ends so
    if parens and (names_in(parens["who"]) or lone_surname(parens["who"])):
        responsible = tuple(names_in(parens["who"])) or (parens["who"].strip(),)
        head = head[: parens.start()].strip()
        if "(" in head:  # "Минфину (Белоусова И.В.) совместно с Минстроем (Козлов П.П.)": both answer
            head, inner = _inner_people(head)
            responsible = tuple(dict.fromkeys([*inner, *responsible]))
    else:
        head, person = split_trailing_name(head)
        head, listed = _listed_people(head) if person else (head, ())
        responsible = (*listed, person) if person else ()
        if "(" in head:  # "Отделу … (Воронин Г.А.) совместно с администрациями поселений": he answers
            head, inner = _inner_people(head)
            responsible = tuple(dict.fromkeys([*inner, *responsible]))
    words = [m.group(0) for m in itertools.islice(WORD.finditer(head), 2)]
    if words and words[0].lower() in ("о", "об", "обо"):  # "О ситуации на рынке труда": a subject, no addressee
        return None, responsible
    if lead_in and head.lower().startswith(("для ", "по ")):
        return head, responsible
    if accusative and words and morph.has_tag(words[0], "accs") and not morph.has_tag(words[0], "PREP"):
        return head, responsible  # "Просить прокуратуру города рассмотреть …", "Обязать руководителей …"
    if _nominative_subject(words):  # "Решения комиссии, предусмотренные …, считать исполненными"
        return None, responsible
    if any(morph.has_tag(w, "datv") and not morph.has_tag(w, "PREP") for w in words if len(w) > 2):
        return head, responsible
    if governed and words and _abbreviation(words[0]):  # "Рекомендовать МУП «Теплосеть» провести"
        return head, responsible
    if lead_in and words and _abbreviation(words[0]) and len(words[0]) <= 8:  # "АО «Газсеть» (Евсеев А.Н.):"
        return head, responsible
    return None, responsible


def _inner_people(head: str) -> tuple[str, list[str]]:
    """The people in parentheses inside an addressee ("Минфину (Белоусова И.В.), Минстрою"),
    and the addressee without them: they answer, the bodies are addressed."""
    inner: list[str] = []

    def person(m: re.Match[str]) -> str:  # a surname alone too ("Министерству финансов края (Тихонов)")
        found = names_in(m["who"]) or [s for s in [lone_surname(m["who"])] if s]
        inner.extend(found)
        return "" if found else m.group(0)

    return _SPACES.sub(" ", PERSON_IN_PARENS.sub(person, head)).replace(" ,", ",").strip(), inner


_SPACES = re.compile(r"\s{2,}")


# "Заместителю главы Лосевой Н.П., начальнику отдела …": a person after a position, before the next one
_LISTED_PERSON = re.compile(rf"(?<=[а-яё»\"])\s(?P<name>{NAME.pattern})(?=\s*,\s*[а-яё]|\s+и\s+[а-яё])")


def _listed_people(head: str) -> tuple[str, tuple[str, ...]]:
    """A list of dative positions each with its person, the last one's already taken: the
    others' people (in the nominative), and the head without them."""
    found = list(_LISTED_PERSON.finditer(head)) if "." in head else []
    if not found:
        return head, ()
    people = tuple(names_in_case(m["name"], "datv")[0] for m in found)
    return _LISTED_PERSON.sub("", head), people


def _nominative_subject(words: list[str]) -> bool:
    """"Решения комиссии", "Поручения протокола": a noun that is no dative before a genitive
    (its second word may also read as a dative: "комиссии"), not an abbreviated body."""
    return len(words) == 2 and not _abbreviation(words[0]) and morph.has_tag(words[0], "NOUN") \
        and not morph.has_tag(words[0], "datv") and morph.has_tag(words[1], "gent")


# what may follow "Отделу … (Иванов И.И.)" and still be addressed: another body
_MORE_ADDRESSEES = re.compile(r"^(?:[,;]|и\b|совместно\b|а\s+также\b)", re.I)


def _cut_at_person(head: str) -> str:
    """"Отделу … (Ситников Ю.В.) во исполнение поручения …" and "… (Никитин А.Е.):": the
    addressee ends with the person answering for it."""
    if "(" not in head:
        return head
    for m in PERSON_IN_PARENS.finditer(head):
        if names_in(m["who"]):
            after = head[m.end():].strip(" :")
            return head if _MORE_ADDRESSEES.match(after) else head[: m.end()]
    return head


TRAILING_CIRCUMSTANCE = Marker(
    re.compile(r"(?:\s+(?:при\s+необходимости|в\s+случае\s+необходимости|по\s+возможности))+$", re.I),
    requires=("необходимости", "возможности"),
)


def _trim_adverbs(head: str, circumstance: bool = True) -> str:
    """Drop adverbs standing between an addressee and its verb ("... своевременно");
    TRAILING_CIRCUMSTANCE looked for when `circumstance` (its words may be in head)."""
    while True:
        head = TRAILING_CIRCUMSTANCE.sub("", head).rstrip(" ,") if circumstance else head.rstrip(" ,")
        words = head.rsplit(" ", 1)
        if len(words) == 2 and morph.has_tag(words[1], "ADVB", min_score=0.3) and not morph.has_tag(words[1], "datv"):
            head = words[0]
            continue
        return head


def controller(text: str) -> str | None:
    """X of "Контроль за исполнением ... возложить на X", as written."""
    m = markers()["control"].match(text)
    return _who(m) if m else None


def _who(control: re.Match[str]) -> str:
    """The controller as written, without the closing full stop (an initial's kept)."""
    who = control["who"].strip().rstrip(";")
    return who if re.search(r"(?:^|[\s.])[А-ЯЁ]\.$", who) else who.rstrip(".")
