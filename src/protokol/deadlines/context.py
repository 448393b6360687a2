"""What the words around a match say about it, in running text (a whole clause).

A date that names another document or a past event is not a deadline
("распоряжение от 12 марта 1996 года", "письмо … № 05-16 от 29 мая", "отчет за
2022 год", "план на 2024 год", "в 2003 году было проведено", "(1945 год)", a cited act's
quoted title "№ 12 «О бюджете на 2024 год»", "возникшие с 1 января 2022 года", data "по
состоянию на 1 апреля"); a
year-less date in a line that names a holiday ("5 июля – День …", "День … – 22
апреля", "отмечать 12 октября") recurs every year; the dates of a list share the
bound of the first ("до 10 апреля, 10 июля, 10 октября"). Everything is tested on
the folded text (lower case, е for ё) a few characters either side of the match.
"""

from __future__ import annotations

import re

from protokol.deadlines.compiled import LazyPattern  # compiled on first use: a bare expression needs none


class Sought(LazyPattern):
    """A pattern only asked whether it is found in a text (its search's match is not to
    be read): searched as its finder (grammar.plan.finder: a class of the characters a
    match may begin with, then the pattern looked for from there), made on first use.
    The engine tries a pattern that begins with a look ("(?<!\\w)от") at every place of
    the text, and skips to the characters of a class at once. The plain pattern when
    those characters are not known or hold a digit (a class lists ASCII ones only)."""

    __slots__ = ()

    def _compile(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            from protokol.deadlines.grammar.plan import finder

            found = finder(self.pattern, self.flags)
            if found is None or any(c.isdigit() for c in found.head):
                compiled = re.compile(self.pattern, self.flags)
            else:
                compiled = found.compiled
            self._compiled = compiled
            self._bind(compiled)
        return compiled


AROUND = 240  # characters of context looked at before a match
# "от 12 марта 1996 года", "от «5» мая": the date of a document; "по состоянию на 1
# января": the day data are given for
REFERENCE_BEFORE = Sought(r"(?<!\w)(?:от|по\s+состоянию(?:\s+на)?)\s*[«\"]?$")
DATE_OF_BEFORE = Sought(r"(?<!\w)от\s*[«\"]?$")  # "от 12 марта": a document's date only
# "12.03.2020 № 45", "15 марта 2000 г. n 67": a date followed by a document number
REFERENCE_AFTER = LazyPattern(r"^\s*(?:г\b\.?|года\b)?\s*,?\s*(?:№|n\s*\d|n\s*$|n\s+\w)")
# "правоотношения, возникшие с 21 сентября 2022 года": an active past participle before any
# match tells a past event (PARTICIPLE_BEFORE below: also passive ones, before a bare date only)
PAST_PARTICIPLE_BEFORE = LazyPattern(r"(?<!\w)\w{3,}(?:вш|[бгкрзсхпт]ш)(?:ие|ий|ая|ее|их|им|ими|его|ему|ей|ую)(?:ся)?\s+$")
# "постановление … № 160-п «О мерах … в 2024 году»": inside the quoted title of a cited document
CITED_TITLE_BEFORE = Sought(r"(?:№|n)\s*\S+\s*[«\"][^»\"]*$")
# "по подготовке образовательных организаций к …": what is prepared for, in a document's name
PREPARING_BEFORE = Sought(r"(?<!\w)подготовк\w*(?:\s+[^\s,;:.]+){0,6}\s+$")
# "отчет за 2022 год", "план на 2024 год", "по итогам 2022 года", "за период с 1 января по
# 31 декабря": a reporting or planning
# period (stage period only)
PERIOD_OF_BEFORE = Sought(r"(?<!\w)(?:за(?:\s+период)?|на|по\s+итогам|итоги)\s+$")
# "в 2003 году было проведено", "было проведено в 2003 году", "был проведен 5 мая"
PAST_AFTER = LazyPattern(r"^\s*,?\s*(?:был[аои]?|прошл[аио]?|состоял[аиосья]*)(?!\w)")
# ("были введены в 2025 году": with a short passive participle between)
PAST_BEFORE = Sought(r"(?<!\w)(?:был[аои]?)(?:\s+[а-я]{3,}(?:ны|на|но|ен|ан|ты|та|то))?\s+$")
# "заявки, по которым поступили до 1 июля", "работы, которые завершились в мае": a relative
# clause's past-tense verb right before the match tells a past event
RELATIVE_PAST_BEFORE = Sought(r"(?<!\w)котор\w*(?:\s+[^\s,;:.]+){0,4}?\s+[а-я]{2,}(?:л|ла|ло|ли)(?:сь|ся)?\s+$")
# "заседания, состоявшегося 12 января", "проект, внесенный 10 января": a past participle
# right before a bare date or a period after "в" ("работы, проведенной в 2023 году"; not
# "запланированное на 12 марта": another preposition there); two
# readings came together here, kept apart because their scopes differ (PAST_PARTICIPLE_BEFORE)
PARTICIPLE_BEFORE = LazyPattern(
    r"\w(?:вш|[еа]нн)(?:ый|ий|ого|его|ому|ему|ым|им|ом|ем|ая|ой|ей|ую|ое|ее|ые|ие|ых|их|ыми|ими)(?:ся)?\s+$"
)
# a participle that plans, not one that reports: "мероприятия, запланированные в марте"
PLANNED_BEFORE = Sought(r"(?<!\w)(?:за)?(?:планирова|намече|предусмотре|предполага)\w*\s+$")
# "ежегодно проводимого конкурса": a frequency that describes a thing (a participle follows)
DESCRIBES_AFTER = LazyPattern(r"^\s+\w+(?:мого|мой|мых|мую|мое|мые|щего|щей|щих|щие|щий|щее|нного|нной|нных|нные|нный)(?!\w)")
# "из числа участников проекта «…» в 2023 году": a period that says who is meant, not when
# (no verb between the members and the period)
MEMBERS_BEFORE = LazyPattern(r"(?:из\s+числа|участник\w*)(?P<tail>[^;:.]{0,120})$")
VERB = LazyPattern(r"\w(?:ть|ти|ться)(?!\w)")
# a word (no preposition, no sign) right before a bare year: "наводнения 1956 года"
NOUN_BEFORE = Sought(r"(?<!\w)(?!(?:в|во|до|к|ко|на|с|со|по|за|от|из|о|об|при|через|около|течение|срок|сроки|исполнения|выполнения|реализации|проведения|года|год|году)\s)[а-я]{2,}\s+$")
# "(1945 год)": a year in brackets after a name
BRACKET_BEFORE = LazyPattern(r"\(\s*$")
BRACKET_AFTER = LazyPattern(r"^\s*\)")
# a holiday named before or after a year-less date
HOLIDAY_BEFORE = LazyPattern(
    r"(?:^|[;\n])\s*[«\"]?(?:день|годовщин\w*|праздник\w*)(?!\w)[^;\n]{0,200}?\s[–—-]\s*"
    r"(?:[0-3]?\d\s*(?:,|и)\s*)*$"
)
HOLIDAY_AFTER = LazyPattern(r"^\s*[–—-]\s*[«\"]?(?:день|годовщин|праздник)")
CELEBRATE_BEFORE = Sought(r"(?<!\w)(?:отмечать|праздновать)(?:\s+(?:его|ее|их))?\s+(?:ежегодно\s+)?$")
# a clause that approves a document ("Утвердить план мероприятий … 1 июня 2024 года"):
# its dates describe the document, only a term set for the approval ("до", "в течение")
# is a deadline
APPROVES = LazyPattern(r"^[\W\d]*(?:[а-я]\)\s*)?утвердить(?!\w)")
# what may stand between the dates of one list
LIST_GAP = LazyPattern(r"^\s*(?:,|и|;)\s*$")


def not_a_deadline(folded: str, start: int, end: int, stage: str, rule: str) -> bool:
    """Does the text around folded[start:end] make the match a reference, not a deadline?"""
    before = folded[max(0, start - AROUND):start]
    after = folded[end:end + 40]
    if (not before or before.isspace()) and (not after or after.isspace()):
        return False  # nothing around the match: every test below needs a word or a sign
    if REFERENCE_BEFORE.search(before) or REFERENCE_AFTER.search(after):
        return True
    last = last_word_at(before)  # (where the two participles' patterns may match: from there)
    if PAST_AFTER.search(after) or PAST_BEFORE.search(before) or \
            (last >= 0 and PAST_PARTICIPLE_BEFORE.search(before, last)):
        return True
    if "котор" in before and RELATIVE_PAST_BEFORE.search(before):
        return True
    if folded[start:start + 1].isdigit() and last >= 0 and PARTICIPLE_BEFORE.search(before, last):
        return True
    if stage == "period" and folded.startswith("в ", start) and last >= 0 and PARTICIPLE_BEFORE.search(before, last) \
            and not PLANNED_BEFORE.search(before):
        return True  # "о работе, проведенной в 2023 году" (not "запланированные в марте")
    if CITED_TITLE_BEFORE.search(before):
        return True
    if folded.startswith("к ", start) and PREPARING_BEFORE.search(before) and APPROVES.match(folded):
        return True  # "Утвердить план мероприятий по подготовке школ к новому учебному году": the plan's name
    if stage == "period" and PERIOD_OF_BEFORE.search(before):
        return True
    members = MEMBERS_BEFORE.search(before) if stage == "period" else None
    if members and not VERB.search(members["tail"]):
        return True
    if stage == "recurring" and DESCRIBES_AFTER.search(after):
        return True
    if rule == "period.year" and folded[start:start + 1].isdigit() and NOUN_BEFORE.search(before):
        return True  # "жертв наводнения 1956 года", "итоги работы 2024 года": a year that names a thing
    return rule == "period.year" and bool(BRACKET_BEFORE.search(before) and BRACKET_AFTER.search(after))


def last_word_at(before: str) -> int:
    """Where the last word of `before` begins when spaces end it, else -1. A match of a
    pattern of word characters then spaces to the end ("\\w…вш…\\s+$") lies in that word
    and the spaces, so it is searched for from there (a look behind still sees the text
    before it)."""
    stripped = before.rstrip()
    if len(stripped) == len(before) or not stripped:
        return -1
    return len(stripped) - len(stripped.rsplit(None, 1)[-1])


def cites_a_document(folded: str, start: int, end: int) -> bool:
    """Is folded[start:end] a date of another act ("протокол от 17 января 2023 г. № 5")?"""
    before = folded[max(0, start - AROUND):start]
    return bool(DATE_OF_BEFORE.search(before[-40:]) or REFERENCE_AFTER.search(folded[end:end + 40])
                or CITED_TITLE_BEFORE.search(before))  # or in its quoted title: "№ 5 «О бюджете на 2024 год»"


def names_a_holiday(folded: str, start: int, end: int) -> bool:
    """Is the year-less date folded[start:end] the day of a holiday (it recurs yearly)?"""
    before = folded[max(0, start - AROUND):start]
    return bool(
        HOLIDAY_BEFORE.search(before) or CELEBRATE_BEFORE.search(before) or HOLIDAY_AFTER.search(folded[end:end + 40])
    )


def same_list(folded: str, end: int, start: int) -> bool:
    """Only a comma or "и" between two matches: dates of one list."""
    return bool(LIST_GAP.match(folded[end:start]))


def describes_a_document(folded: str) -> bool:
    """Does the clause approve a document (so its bare dates describe the document)?"""
    return bool(APPROVES.match(folded))
