"""The header of a protocol: organization, title, date, number, place, chair, attendees."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from protokol.acts import act_of
from protokol.structure.attendees import attendees, without_full_stop
from protokol.structure.header_dates import DIGIT, cited, find_date
from protokol.structure.lines import Line
from protokol.structure.markers import markers
from protokol.structure.names import TRAILING_NAME, is_name, names_in
from protokol.structure.scout import scout
from protokol.structure.scout import search as scouted_search

NUMBER = re.compile(r"(?:№|(?<![\w.])N(?=\s*\d))\s*(?P<n>[^\s,;]+(?:\s*/\s*[^\s,;]+)?)")
SETTLEMENT = r"(?:г\.|город\b|с\.|село\b|п\.|пос\.|пгт\.?|рп\.?)"
PLACE = re.compile(rf"^(?:{SETTLEMENT}\s*)?(?P<p>[А-ЯЁ][а-яё]+(?:[- ][А-ЯЁа-яё][а-яё]+){{0,2}})\.?$")
END_DATE = re.compile(r"\s+(?:от\s+)?(?:(?:г\.|город|пгт\.?|рп\.?)\s*[А-ЯЁ][а-яё-]+\s+(?:от\s+)?)?(?P<d>«?\s*\d{1,2}\s*»?\s*(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-яё]{0,2}\s*\d{4}"
                      r"|\d{1,2}\.\d{1,2}\.\d{4})\s*(?:г\.|года?)?\s*$", re.I)
CITY = re.compile(rf"^{SETTLEMENT}\s*[А-ЯЁ]")
# "г. Заречинск          № 14", "г. Лесногорск   «03» апреля 2025 г.": the place before the date or number
PLACE_FIRST = re.compile(rf"^{SETTLEMENT}\s*(?P<p>[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?)\s+(?=[«\"\d№N]|от\s)")
# "17 июля 2025 г.   г. Сосновоборск", "от 12.08.2025 № 604-рп г. Заозёрск", "… г. Новоречинск
# 03.06.2025 № 8" (lines joined): a place beside the line's date or number, anywhere in it
PLACE_BESIDE = re.compile(rf"(?:^|\s){SETTLEMENT}\s*(?P<p>[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+|\s[А-ЯЁ][а-яё]+)?)"
                          r"(?:\s+(?=[«\"\d№N]|от\s)|\.?\s*$)")
SUBJECT = re.compile(r"^(?:О|Об|Обо)\s+[а-яё]")
# "… по итогам рабочей поездки … 14 июля 2025 года": a title's event, its date not the act's
EVENT_OF = re.compile(r"\bпо\s+итогам\s+[а-яё]+\s+[а-яё]", re.I)
_EVENT_OF_SCOUT = scout(EVENT_OF.pattern, EVENT_OF.flags)  # skips to the "п"s: \b is tried everywhere
TAIL_DATE = re.compile(r"\s+от\s+(?=«?\s*\d)(?=.{0,40}$)")
# the reasons an act gives before its decisions: their dates and numbers are other documents'
PREAMBLE = re.compile(r"^(?:В\s+(?:соответствии|целях|связи|рамках|исполнение|ходе)|Во\s+исполнение|На\s+основании"
                      r"|Руководствуясь|Учитывая|С\s+целью|Принят[аоы]?\s|Заслушав|Рассмотрев|Обсудив)\b", re.I)
CODE_AFTER_DATE = re.compile(r"\s(?P<n>[А-ЯЁ][А-ЯЁа-яё]{0,3}-\d{1,6}(?:[-/][\wА-Яа-яЁё]+)*)$")
# "Пр-2081" alone on its line (a перечень's approval block): the act's number
CODE_LINE = re.compile(r"^[А-ЯЁ][А-ЯЁа-яё]{0,3}-\d{1,6}(?:[-/][\wА-Яа-яЁё]+)*$")
# "Дата проведения заседания: …", "Место проведения: …", "Форма проведения: …": a field of the
# header, no part of the title above it
FIELD_LINE = re.compile(r"^(?:Дата|Место|Время|Форма|Адрес)(?:\s+[а-яё]+){0,3}\s*:")
# "Место проведения: г. Северодольск, ул. Энергетиков, д. 4": the settlement is the place
PLACE_FIELD = re.compile(rf"^Место(?:\s+[а-яё]+){{0,3}}\s*:\s*{SETTLEMENT}\s*(?P<p>[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?)(?![\w-])")
# "Заказчик: ООО «ЭкоСтрой».", "Организатор: …": a field of the header after the list of attendees
FIELD_LABEL = re.compile(r"^[А-ЯЁ][а-яё]+(?:\s+[а-яё]+){0,2}\s*:\s*\S")
# "Кворум имеется", "Кворум для проведения заседания имеется.": no attendee
QUORUM = re.compile(r"^кворум\b", re.I)
SHORT_NAME = re.compile(r"\s*\((?P<short>[^()]{2,60})\)\s*$")


@dataclass
class Header:
    """The header as it is read, in the order a document gives it (mutable while the lines
    are read; structure.directives.protocol makes the frozen Protocol of it)."""

    organization: str | None = None
    organization_short: str | None = None
    date: str | None = None
    number: str | None = None
    place: str | None = None
    title: str | None = None
    chair: str | None = None
    secretary: str | None = None
    attendees: list[str] = field(default_factory=list)
    # the date of the event a перечень поручений follows ("по итогам совещания 14 марта 2026 г."):
    # the document's date when it gives no other (see event_date_fallback)
    event_date: str | None = None
    # the reasons an act gives before its decisions ("Во исполнение поручения … от … № …"): the
    # documents it cites there are the protocol's references
    reasons: list[str] = field(default_factory=list)
    act: str | None = None  # the kind of the act (protokol.acts.ACTS), by its header's word


OWN_TAIL = re.compile(r"\s+от\s+(?=[«\d][^№]{5,30}?№\s*\S+\s*$)")


def _own_tail(text: str) -> str:
    """The uncited "от <date> № <n>" a subject line ends with, else ""."""
    tail = OWN_TAIL.search(text)
    return text[tail.end():] if tail and not cited(text, tail.end()) else ""


def _own_number(text: str) -> str | None:
    """The first number of text that is not another document's."""
    for m in NUMBER.finditer(text):  # not inside a quoted name: «ГОРОДСКАЯ ПОЛИКЛИНИКА № 3»
        if not cited(text, m.start()) and text.count("«", 0, m.start()) <= text.count("»", 0, m.start()):
            return m["n"].strip().rstrip(".:;")
    return None


def _own_number_cut(text: str) -> str:
    """text without its own numbers ("совещания № 4"); cited ones stay ("протокола № 5")."""
    return NUMBER.sub(lambda m: m[0] if cited(text, m.start()) else "", text)


def _place(text: str) -> re.Match[str] | None:
    """PLACE, in the nominative ("г. Тюмень"; not "Северного муниципального района", a title's end)."""
    m = PLACE.match(text)
    if m is None:
        return None
    from protokol import morph

    village = text[: m.start("p")].strip()
    return m if all(morph.has_tag(w, "nomn") or _stressed_adjective(village, w)
                    for w in re.findall(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*", m["p"])) else None


def _stressed_adjective(settlement: str, word: str) -> bool:
    """"пгт Ключевской", "п. Луговской": a settlement's name with a stressed ending reads as a
    feminine oblique case ("Северской"), but after a settlement's word other than "г." it is a
    masculine nominative."""
    return bool(settlement) and settlement[:1] != "г" and word.endswith(("ской", "цкой"))


def _place_beside(text: str) -> str | None:
    """PLACE_BESIDE's place, in the nominative ("г. Северске" names no place of the act)."""
    from protokol import morph

    for m in PLACE_BESIDE.finditer(text):
        village = text[m.start(): m.start("p")].strip()
        if all(morph.has_tag(w, "nomn") or _stressed_adjective(village, w) for w in re.split(r"[- ]", m["p"])):
            return m["p"]
    return None


def _has_number(text: str) -> bool:
    """NUMBER can match (a quick test: the pattern has no fixed first character to scan for)."""
    return "№" in text or "N" in text


def _event_of(text: str) -> bool:
    """EVENT_OF.search(text) is not None, through its scout."""
    if _EVENT_OF_SCOUT is None:
        return EVENT_OF.search(text) is not None
    return scouted_search(_EVENT_OF_SCOUT, EVENT_OF, text) is not None


def parse_header(lines: list[Line]) -> Header:
    head = Header()
    mk = markers()
    word_at = next((i for i, ln in enumerate(lines) if mk["protocol_word"].match(ln.raw)), None)
    if word_at is not None:
        head.act = "протокол"
        _organization(head, [ln.raw for ln in lines[:word_at]])
        after_word = mk["protocol_word"].sub("", lines[word_at].raw, count=1).strip()
        own_text = _own_number_cut(after_word).strip(" ,") if _has_number(after_word) else after_word
        _title(head, ([after_word] if own_text else []) + [ln.raw for ln in lines[word_at + 1:]])
    else:
        _act(head, lines)
    _details(head, lines[word_at or 0:])  # the word's line too: "ПРОТОКОЛ № 5", "ПРОТОКОЛ совещания … 05.04.2024 № 12-пр"
    return head


UPPER_SUBJECT = re.compile(r"^(?:О|ОБ|ОБО)\s")
UPPER_LINE = re.compile(r"^[^a-zа-яё]*[А-ЯЁ]{2}[^a-zа-яё]*$")


def _act(head: Header, lines: list[Line]) -> None:
    """An act's header ("АДМИНИСТРАЦИЯ ...", "ПОСТАНОВЛЕНИЕ", its date and number, "О ..."):
    the upper-case lines just above the act's word are its organization, its subject the title."""
    found = [(i, m) for i, ln in enumerate(lines) if (m := markers()["act_word"].match(ln.raw.strip()))]
    at, word = next(((i, m) for i, m in found if m[0].isupper()), (None, None))
    if at is None or word is None:
        head.act = _act_in_small_letters(lines, *found[0]) if found else None
        return
    head.act = act_of(word[0])
    above = [ln.raw for ln in lines[:at]]
    upper: list[str] = []
    for text in reversed(above):
        if not text.strip() or not UPPER_LINE.match(text.strip()):
            break
        upper.insert(0, text)
    _organization(head, upper)
    after = [lines[at].raw.strip()[word.end():].strip()] + [ln.raw for ln in lines[at + 1:]]
    while after and not SUBJECT.match(after[0]) and not _event_of(after[0]) and (
            not after[0] or find_date(after[0]) or _has_number(after[0]) and _own_number(after[0])
            or UPPER_LINE.match(after[0]) and not UPPER_SUBJECT.match(after[0])):
        after.pop(0)  # "от 18.03.2024 № 215", "г. Северск", "ГУБЕРНАТОРА ОБЛАСТИ" before the subject
    _title(head, after)


# the act's own date and number after its word (and its issuer), the line ending there or
# going on with the subject: "Распоряжение от 14.03.2007 г № 2214", "Распоряжение № 45-р от
# 12.03.2026", "Постановление администрации округа от 21.11.2025 № 833 О проведении …"
_DAY = r"от\s+[\w.«»\"\s]{6,30}?\s*(?:г\.?|года)?"
OWN_DETAILS = re.compile(r"(?:\s+[^\s№]+){0,8}?\s+(?:" + _DAY + r"\s*№\s*[\w./-]+|№\s*[\w./-]+\s+" + _DAY
                         + r")\s*(?:$|(?:О|Об|Обо|ОБ|ОБО)\s)")


def _act_in_small_letters(lines: list[Line], at: int, word: re.Match[str]) -> str | None:
    """The kind an act's word in small letters names, among the first five lines that hold
    text: "Распоряжение от 14.03.2007 № 2214" (its own date and number after it), "Перечень
    поручений по итогам встречи …" (as it stands). `word` was matched on the line stripped."""
    if sum(1 for ln in lines[:at] if ln.raw.strip()) >= 5:
        return None
    act = act_of(word[0])
    return act if act == "перечень поручений" or OWN_DETAILS.match(lines[at].raw.strip(), word.end()) else None


def _organization(head: Header, texts: list[str]) -> None:
    org = " ".join(t.strip() for t in texts if t.strip())
    if not org:
        return
    short = SHORT_NAME.search(org)
    if short and short.start() > 0:
        head.organization_short = short["short"].strip()
        org = org[: short.start()].strip()
    head.organization = org


def _title(head: Header, texts: list[str]) -> None:
    mk = markers()
    parts: list[str] = []
    for text in texts:
        stripped = (_own_number_cut(text) if _has_number(text) else text).strip(" ,")
        if not stripped or find_date(text) and len(stripped) < 40 or any(
            mk[k].match(text) for k in ("chair", "secretary", "attendees", "agenda")
        ):
            if parts or find_date(text) or _has_number(text) and NUMBER.search(text):
                break
            continue
        if parts and (_place(text) or stripped != text.strip(" ,") and _place(stripped)
                      or CITY.match(text) and find_date(text) and _place_beside(text)) or PREAMBLE.match(text) or parts and (text.rstrip().endswith(":") or text.startswith("(")) \
                or parts and FIELD_LINE.match(text):
            break  # a place, the reasons, the enacting words ("Совет депутатов решил:"), "(в ред. …)", "Дата проведения: …"
        if not parts and (CITY.match(text) or UPPER_LINE.match(text) and " " not in text.strip()):
            continue  # "г. Северск", "МОСКВА" above the subject
        end = END_DATE.search(stripped) if DIGIT.search(stripped) else None
        if end and parts + [stripped[: end.start()]] != [""] and not cited(stripped, end.start("d")):
            parts.append(stripped[: end.start()])  # "совещания … г. Северск 05.04.2024" (a joined line)
            break
        # the last "от <date>" near the end: "… в постановление … от 15.01.2020 № 12 от 12.03.2021"
        tail = next(reversed(list(TAIL_DATE.finditer(stripped))), None) if " от " in stripped else None
        # "совещания от « 20 » июня 2023 г." (a joined line); not "… письма Минстроя от 2 февраля 2024 г."
        if tail and find_date(stripped[tail.end():]) and not cited(stripped, tail.end()):
            parts.append(stripped[: tail.start()])
            break
        parts.append(stripped)
    if parts:
        title = " ".join(parts).strip()
        # a sentence's full stop goes, an initial's stays ("совещания у заместителя … Карпенко Д.В.")
        head.title = title if re.search(r"(?:^|[\s.])[А-ЯЁ]\.$", title) else title.rstrip(".").strip()


def event_date_fallback(head: Header) -> None:
    """A перечень поручений dated only by its event ("по итогам совещания 14 марта 2026 г."):
    the event's date is the document's."""
    if head.date is None and head.event_date is not None:
        head.date = head.event_date


def add_details(head: Header, lines: list[Line]) -> None:
    """The date, number and place the header lacks, from lines elsewhere (under the signature)."""
    _details(head, lines)


def signed_secretary(head: Header, signature: list[Line]) -> None:
    """The secretary the header does not name, from the signatures: "Секретарь комиссии   А.В.
    Дьячкова", "Протокол вёл   С.С. Орехов" (the name maybe on the line under the position)."""
    if head.secretary is not None:
        return
    mk = markers()
    for i, line in enumerate(signature):
        if not mk["secretary"].match(line.text):
            continue
        m = TRAILING_NAME.search(line.text)
        if m is None and i + 1 < len(signature) and is_name(signature[i + 1].text):
            m = TRAILING_NAME.search(signature[i + 1].text)
        if m is not None:
            head.secretary = m["name"].strip()
        return


def _unnamed(entry: str | None) -> bool:
    """A chair's or secretary's entry that has a position but no name yet."""
    return entry is not None and len(entry) < 200 and not names_in(entry)


def _details(head: Header, lines: list[Line]) -> None:
    mk = markers()
    role: str | None = None
    attendee_texts: list[str] = []
    attendee_rows: list[tuple[int, int] | None] = []  # the (table, row) of each text, None out of a table
    for line in lines:
        text = line.raw
        if line.label is None and mk["agenda"].match(text):
            break  # the agenda's items are no attendees
        if PREAMBLE.match(text):  # "В целях ... 1 июня 2015 года": another event's or document's date
            head.reasons.append(text)
            continue
        # "О проведении ... 1 июня 2015 года", "… по итогам совещания 14 июля": the event's date,
        # another document's number; only "О ... от 12.03.2021 № 45" (the act's own line joined
        # to its subject) is the act's
        event = _event_of(text)
        own = _own_tail(text) if event or SUBJECT.match(text) else text
        own_date = find_date(own)
        if event and head.event_date is None and not own_date:
            head.event_date = find_date(text)
        head.date = head.date or own_date
        number = _own_number(own) if head.number is None and _has_number(own) else None
        if head.number is None and not number and len(text) < 60 and (code := CODE_AFTER_DATE.search(text)) \
                and find_date(text[: code.start()]):
            number = code["n"]  # "14 февраля 2025 г.   Пр-417": a code beside the date, no "№"
        if head.number is None and not number and CODE_LINE.match(text.strip()):
            number = text.strip()  # "Пр-2081" on a line of its own
        if number:
            head.number = number
        if head.place is None and (field_place := PLACE_FIELD.match(text)):
            head.place = field_place["p"]
        for key in ("chair", "secretary", "attendees"):
            m = mk[key].match(text)
            if m:
                role, text = key, text[m.end():].strip()
                break
        else:
            if role is not None and text.endswith(":") and UPPER_LINE.match(text) or role == "attendees" and (
                    QUORUM.match(text) or (text.endswith(":") or FIELD_LABEL.match(text))
                    and not text.lower().startswith("от ") and not names_in(text)):
                role = None  # "ПОРУЧЕНИЯ:", "РЕШИЛИ:", "По итогам совещания:": a heading of the body ends the list
                continue  # of people; so does "Кворум имеется"
            if role is None and head.place is None and _place(text) and text != head.title \
                    and not mk["signature_position"].match(text):  # "Губернатор Северной области" approves
                head.place = _place(text)["p"]  # type: ignore[index]
                continue
            if role is None and head.place is None and (first := PLACE_FIRST.match(text)):
                head.place = first["p"]
            if role is None and head.place is None and (own_date or number):
                head.place = _place_beside(text)
        if not text or role is None:
            continue
        if role == "chair" and head.chair is None:
            head.chair = without_full_stop(text)
        elif role == "secretary" and head.secretary is None:
            head.secretary = without_full_stop(text)
        elif role in ("chair", "secretary") and _unnamed(getattr(head, role)) and names_in(text):
            # "Первый заместитель главы – председатель комиссии" over "Волков Д.А.": one entry
            setattr(head, role, f"{getattr(head, role)} {without_full_stop(text)}")
        elif role == "attendees":  # "1. Абрамова Т.С. – …", "- Ефимов К.К. – …": a list's label is no part of the name
            text = line.text if line.label is not None and text == line.raw else text
            row = line.block.cell[:2] if line.block.cell is not None else None
            if row is not None and attendee_rows and attendee_rows[-1] == row and is_name(attendee_texts[-1]) \
                    and not names_in(text):
                attendee_texts[-1] = f"{attendee_texts[-1]} – {text}"  # a table's row: "Бондарь А.В." | "начальник …"
                continue
            attendee_texts.append(text)
            attendee_rows.append(row)
    # a table's head ("Фамилия | Должность") names no one; each row is an entry of its own (";": not wrapped on)
    head.attendees = attendees([t if row is None or t.endswith((".", ";")) else f"{t};"
                                for t, row in zip(attendee_texts, attendee_rows) if row is None or row[1] > 1 or names_in(t)])
