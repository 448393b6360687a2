"""Person names as Russian protocols write them: "В.С. Неумывакин", "Неумывакин В.С."."""

from __future__ import annotations

import re

_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_INITIALS = r"[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?"
NAME = re.compile(rf"(?:{_INITIALS}\s?{_SURNAME}|{_SURNAME}\s{_INITIALS})")
WHOLE_NAME = re.compile(rf"^\s*(?:{NAME.pattern})\s*$")
TRAILING_NAME = re.compile(rf"(?:^|\s{{2,}}|\t|_+\s*|\s)(?P<name>{NAME.pattern})\s*$")


def is_name(text: str) -> bool:
    return bool(WHOLE_NAME.match(text))


def names_in(text: str) -> list[str]:
    """Names listed in text like "Иванов И.И., Петров П.П." (as written)."""
    return [m.group(0).strip() for m in NAME.finditer(text)]


_PARENS = re.compile(r"\([^()]*\)")
# "по делам ГО и ЧС", "энергетики и ЖКХ области": an abbreviation after "и" that a lower-case word,
# a bracket or the end follows is a field of the body before it, not a body of its own ("и ОМВД
# России", "и МКУ «Дорсервис»" are); \x00 stands for a bracket split_people holds apart
FIELD_AFTER_AND = re.compile(r"[А-ЯЁ]{2,}(?:\s+[а-яё(\x00]|\s*(?:$|[;,.)]))")
_AND_SPLIT = re.compile(r"[;,]\s*|\s+и\s+(?=[А-ЯЁ])(?![А-ЯЁ]{2,}(?:\s+[а-яё(\x00]|\s*(?:$|[;,.)])))")


def split_people(text: str, posts: list[tuple[str, str]] | None = None) -> list[str]:
    """A list of responsible people or bodies, split on commas and semicolons, not inside
    parentheses ("Минприроды области (Смирнов В.Г., Орлов П.П.)" stays one). A person with
    the post he holds ("начальник отдела Петров И.И.", "Петров П.П. – заместитель главы") is
    the person; `posts` gets each such (post, person)."""
    held = _PARENS.findall(text)
    count = iter(range(len(held)))
    masked = _PARENS.sub(lambda m: f"\x00{next(count)}\x00", text)
    parts = [p.strip(" ;,") for p in _AND_SPLIT.split(masked)]
    out: list[str] = []
    for part in parts:
        part = re.sub(r"\x00(\d+)\x00", lambda m: held[int(m[1])], part)
        part = part if re.search(r"(?:^|[\s.])[А-ЯЁ]\.$", part) else part.rstrip(".")
        if (titled := _NAME_DASH.match(part)) and POSITION_AFTER_NAME.match(part, titled.end()) \
                and len(names_in(part)) == 1:
            _note_post(posts, part[titled.end():], titled["name"])
            part = titled["name"]  # "Петров П.П. – заместитель главы района": the person
        elif (bracketed := _POST_IN_BRACKETS.match(part)) and POST_FIRST.match(bracketed["post"]):
            _note_post(posts, bracketed["post"], bracketed["name"])
            part = bracketed["name"]  # "Петров И.И. (начальник отдела ЖКХ)": the person
        elif held_post := post_and_person(part):
            _note_post(posts, *held_post)
            part = held_post[1]  # "начальник отдела дорожного хозяйства Петров И.И.": the person
        if part.strip(".") and not (out and WHOLE_NAME.match(out[-1]) and POSITION_AFTER_NAME.match(part)
                                    and not names_in(part)):
            out.append(part)  # "Петров П.П., заместитель главы района": his position, no one else
        elif part.strip(".") and out:
            _note_post(posts, part, out[-1])
    return out


_NAME_DASH = re.compile(rf"^(?P<name>{NAME.pattern})\s*[–—-]\s*")
# a position in lower case after a person's name ("Петров П.П., заместитель главы …"): the person's own
POSITION_AFTER_NAME = re.compile(r"(?:(?:первый|главный|старший|ведущий)\s+)?(?:заместитель|начальник|глава|директор"
                                 r"|руководитель|председатель|министр|специалист|консультант|советник|помощник"
                                 r"|секретарь|заведующий|и\.\s?о\.)(?![а-яё])")


# a post opening an entry, the person holding it after it ("начальник отдела … Петров И.И.",
# "директор МКУ «…» Громов Д.С.", "секретарь комиссии (Соколова Д.Д.)", "корпоративный секретарь Общества …")
POST_FIRST = re.compile(r"(?:[а-яё]+[ыои]й\s+){0,2}(?:заместитель|начальник|глава|директор|руководитель"
                        r"|председатель|министр|специалист|консультант|советник|помощник|секретарь|заведующий"
                        r"|управляющий|и\.\s?о\.)(?![а-яё])", re.I)
_POST_IN_BRACKETS = re.compile(rf"^(?P<name>{NAME.pattern})\s*\((?P<post>[^()]+)\)$")
_PERSON_LAST = re.compile(rf"\s\(?(?P<name>{NAME.pattern})\)?$")


def post_and_person(part: str) -> tuple[str, str] | None:
    """(post, person) of "начальник отдела дорожного хозяйства Петров И.И.", else None."""
    if not POST_FIRST.match(part):
        return None
    m = _PERSON_LAST.search(part)
    if m is None or len(names_in(part)) != 1:
        return None
    post = part[: m.start()].rstrip(" ,–—-")
    return (post, m["name"].strip()) if post else None


def _note_post(posts: list[tuple[str, str]] | None, post: str, person: str) -> None:
    post = post.strip(" ,;–—-")
    post = post if re.search(r"(?:^|[\s.])[А-ЯЁ]\.$", post) else post.rstrip(".")
    if posts is not None and post:
        posts.append((post, person))
