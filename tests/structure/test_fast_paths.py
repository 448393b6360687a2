"""The faster spellings of the structure's searches find exactly what the plain ones do:
scouts that skip text (a word a pattern needs), patterns spelled so the regex engine can
skip ahead (no IGNORECASE, one first character), and bracket depths filled between brackets."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from protokol.structure import executors, fields, glued, links, references, scout

# case and look-alike letters included: "ᲂ" and "ᲃ" are a Cyrillic "о" and "с" to IGNORECASE
PIECES = [
    "протокола", "ПРОТОКОЛ", "прᲂтокол", "письмом", "писем", "Приказ", "распоряжения", "указ", "указанный",
    "постановления", "Федерального", "закона", "решение", "поручения", "от", "№", "12-345", "3", "марта",
    "2024", "г.", "Минтранса", "России", "ᲃовместно", "совместно", "во", "взаимодействии", "в", "координации",
    "с", "со", "при", "участии", "участием", "Минфину", "и", "ФЕДЕРАЛЬНОГО закона", "ẞ", "ß", "«", "»", "(", ")", "\"", "“", "”", "„", ",", ";",
    " ", "-", ".", "@", "www.", "WwW.", "http://", "HTTPS://", "hTtPſ://", "ſ", "mail.ru", "x_1", "+",
    "провестиблаготворительную", "а" * 41, "ё", "1", "И", "Ё", "Я", "\u2003", "\n",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)
SPACED = st.lists(st.sampled_from(PIECES), max_size=14).map(" ".join)


def _depths_char_by_char(text: str) -> list[int]:
    depth, straight, out = 0, False, []
    for ch in text:
        if ch in "«(":
            depth += 1
        elif ch in "»)":
            depth = max(0, depth - 1)
        elif ch in "\"“”„":
            straight = not straight
            depth += 1 if straight else -1
        out.append(depth)
    return out


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_bracket_depths(text):
    assert executors._depths(text) == _depths_char_by_char(text)


@settings(max_examples=600, deadline=None)
@given(SPACED)
def test_co_executor_markers_need_their_words(text):
    for pattern, words in executors._FOLDED_WORDS.items():
        if pattern.search(text):
            assert any(w in text.casefold() for w in words), (pattern.pattern, text)
        assert executors._top_level_split(text, pattern) == _split_plain(text, pattern)


def _split_plain(text, pattern):
    depths = executors._depths(text)
    parts, last = [], 0
    for m in pattern.finditer(text):
        if depths[m.start()] == 0 and m.start() > last:
            parts.append(text[last:m.start()])
            last = m.end()
    return [*parts, text[last:]]


@settings(max_examples=600, deadline=None)
@given(SPACED, st.integers(min_value=0, max_value=40))
def test_document_words_found_where_the_plain_search_finds_them(text, pos):
    plain = references.DOCUMENT.search(text, pos)
    fold = text.casefold()
    for fast in (references._document(text, pos), references._document(text, pos, fold if len(fold) == len(text) else None)):
        assert (fast.span(), fast.lastgroup) == (plain.span(), plain.lastgroup) if plain else fast is None
    if references.DOCUMENT.search(text):
        assert references._may_name_document(text)
    assert references._has_digit(text) == bool(re.search(r"\d", text))


def test_letters_of_folded_stems_fold_as_ignorecase_compares():
    """A character folds to a letter of the stems exactly when IGNORECASE takes it as that letter."""
    letters = set(references._FOLDED_STEMS.pattern) | set("".join(references._REQUIRED)) \
        | {c for words in executors._FOLDED_WORDS.values() for c in "".join(words)}
    letters = {c for c in letters if c.isalpha()}
    for letter in letters:  # IGNORECASE's equal characters (test below) fold to the letter
        assert {c.casefold() for c in scout.equal_chars(letter)} == {letter}, letter
    for code in range(0x110000):  # and no other character does
        fold = chr(code).casefold()
        if fold in letters:
            assert chr(code) in scout.equal_chars(fold), hex(code)


@settings(max_examples=600, deadline=None)
@given(TEXTS, st.integers(min_value=0, max_value=40))
def test_glued_word_runs(text, start):
    start = min(start, len(text))
    assert [m.span() for m in glued.glued_runs(text, start)] == [m.span() for m in glued.GLUED.finditer(text, start)]


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_links_as_with_ignorecase(text):
    readable = re.compile(r"(?:https?://|www\.)[^\s<>\"«»]+", re.I)
    assert links.URL.findall(text) == readable.findall(text)
    assert bool(links._MAYBE_LINK.search(text)) == bool(re.search(r"://|www\.|@", text, re.I))
    assert links._may_link(text) == bool(links._MAYBE_LINK.search(text))
    assert links._emails(text) == links.EMAIL.findall(text)


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_initial_at_the_end(text):
    text += "."
    assert executors._ends_with_initial(text) == bool(re.search(r"(?:^|[\s.])[А-ЯЁ]\.$", text))
    assert executors._ends_with_initial("И.") and executors._ends_with_initial("Иванову И.И.")
    assert not executors._ends_with_initial("России.") and not executors._ends_with_initial("ИИ.")


def test_examples():
    text = "Учесть письмо Минтранса России №12-345 от 3 марта 2024 г. и указанный протокол"
    assert references._document(text, 0).group() == "письмо"
    assert references._document(text, 20).group() == "протокол"  # "указанный" is no "указ"
    assert references._document(text, 71) is None
    assert not references._may_name_document("Обеспечить подготовку к 1 июля 2024 г.")
    assert references._may_name_document("прᲂтокол от 1 июля 2024 г.")  # IGNORECASE's "о", lower() leaves it
    assert links.URL.findall("см. HTTPS://example.org/a и WWW.site.ru") == ["HTTPS://example.org/a", "WWW.site.ru"]
    assert executors._depths("«а (б)» в") == [1, 1, 1, 2, 2, 1, 0, 0, 0]


# words, word pieces, endings, hyphens and names for the item-field searches below
WORDS = [
    "обеспечить", "ОБЕСПЕЧИТЬ", "провести", "добиться", "беречь", "Берёчься", "области", "тись", "ться", "чь", "ть",
    "Ти", "сь", "ся", "кто-то", "-", "--", "Иванов", "И.", "И.И.", "Петрову", "А.", "Б", "Мамина-Сибиряка",
    "ответственный:", "Ответсвенные –", "отв.", "исполнитель:", "срок –", "Срок:", "доклад -", "ᲂтветственный:",
    "принять", "к", "сведению", "информацию", "собой", "Контроль", "оставляю", "за", "вступает", "в", "силу",
    "(", ")", ",", ";", ".", " ", "\n", "ё", "1", "2024", "г.",
]
WORD_TEXTS = st.lists(st.sampled_from(WORDS), max_size=16).map("".join)
WORD_SPACED = st.lists(st.sampled_from(WORDS), max_size=16).map(" ".join)


@settings(max_examples=800, deadline=None)
@given(st.one_of(WORD_TEXTS, WORD_SPACED, TEXTS), st.integers(min_value=0, max_value=30))
def test_infinitive_like_tokens(text, start):
    start = min(start, len(text))
    plain = [(start + m.start(), m.group(0)) for m in fields.INFINITIVE_LIKE.finditer(text[start:])]
    assert list(fields._infinitive_like(text, start)) == plain


@settings(max_examples=300, deadline=None)
@given(st.one_of(WORD_TEXTS, WORD_SPACED, TEXTS))
def test_markers_through_their_scouts(text):
    from protokol.structure.markers import markers

    for name, marker in markers().items():
        found = scout.scout(marker.pattern.pattern, marker.pattern.flags)
        if found is None:
            continue
        plain = marker.pattern.search(text)
        fast = scout.search(found, marker.pattern, text)
        assert (fast.span(), fast.groups()) == (plain.span(), plain.groups()) if plain else fast is None, name
        assert [m.span() for m in scout.finditer(found, marker.pattern, text)] == \
            [m.span() for m in marker.pattern.finditer(text)], name


@settings(max_examples=300, deadline=None)
@given(st.one_of(WORD_TEXTS, WORD_SPACED, TEXTS))
def test_markers_through_their_first_words(text):
    from protokol.structure.markers import markers

    fold = text.casefold()
    for name, marker in markers().items():
        words = scout.starts(marker.pattern.pattern, marker.pattern.flags)
        if words is None or len(fold) != len(text):
            continue
        plain = marker.pattern.search(text)
        fast = scout.find_from(words, marker.pattern, text, fold)
        assert (fast.span(), fast.groups()) == (plain.span(), plain.groups()) if plain else fast is None, name
        assert [(m.span(), m.groups()) for m in marker.finditer(text)] == \
            [(m.span(), m.groups()) for m in marker.pattern.finditer(text)], name
        found = marker.search(text)
        assert (found.span(), found.groups()) == (plain.span(), plain.groups()) if plain else found is None, name


def test_first_words():
    from protokol.structure.markers import markers

    mk = markers()
    assert scout.starts(mk["deadline_line"].pattern.pattern, re.I) == ("доклад", "представить", "с р о к", "срок")
    assert scout.starts(mk["responsible_line"].pattern.pattern, re.I) == ("исполнител", "отв.", "ответс", "сбор", "соисп.", "соисполнител")
    assert scout.starts(mk["note"].pattern.pattern, re.I) is None  # "к сведению": one letter, then a space
    assert scout.starts(r"(?:^|(?<=\s))ab[cd]", 0) is None  # shorter than three letters
    assert scout.starts(r"(?i:срок)", 0) is None  # flags inside: not read
    assert scout.starts(r"x?abc", 0) is None
    assert scout.starts(r"abc(?:de|fg)h", 0) == ("abcdeh", "abcfgh")
    assert mk["deadline_line"].search("Обеспечить; СРОК – до 1 июля").start() == 12
    assert mk["responsible_line"].search("Обеспечить; ᲂтв.: Иванов").start() == 12  # "ᲂ" is "о" to IGNORECASE
    assert [m.start() for m in mk["deadline_line"].finditer("срок – 1; Срок: 2; доклад – 3")] == [0, 10, 19]
    assert mk["deadline_line"].search("Обеспечить работу. С р о к: до 1 июля").start() == 19  # letters spaced out
    text = "Straße; срок – 1"  # "ß" folds to two letters: the scout instead
    assert mk["deadline_line"].search(text).start() == 8


def test_scouts():
    from protokol.structure.markers import markers

    mk = markers()
    for name in ("note", "responsible_line", "deadline_line", "heard", "control"):
        assert scout.scout(mk[name].pattern.pattern, mk[name].pattern.flags) is not None, name
    assert mk["responsible_line"].search("Обеспечить; ᲂтв.: Иванов").start() == 12
    assert mk["responsible_line"].scouted  # made on first use
    assert scout.scout(r"\S*x", 0) is None  # may begin anywhere
    assert scout.scout(r"\s*x", 0).pattern.startswith(r"(?-i:[\sx])")  # a space or "x"
    assert scout.scout(mk["addressee_deadline"].pattern.pattern, re.I) is not None  # "\s+(?:в\s+течение…"
    assert scout.scout(r"x?", 0) is None  # may be empty
    latin = scout.scout(r"(?i:[a-z])b", 0).pattern
    assert all(c in latin.split("]")[0] for c in "aZ\u0130\u212a\u0131\u017f")  # "ı" and "ſ" are "i" and "s" to IGNORECASE


def test_case_equal_characters_as_the_regex_engine_takes_them():
    import _sre

    lower: dict[int, list[str]] = {}
    for x in range(0x110000):
        lower.setdefault(_sre.unicode_tolower(x), []).append(chr(x))
    letters = [chr(c) for c in (*range(0x20, 0x7f), *range(0x400, 0x500))]
    for c in letters:
        want = {x for x in [*lower.get(ord(c), []), *lower.get(_sre.unicode_tolower(ord(c)), [])]
                if re.fullmatch(re.escape(c), x, re.I)}
        if _sre.unicode_iscased(ord(c)):
            # every character that matches c under IGNORECASE has a lower case that c's matches
            fixes = {chr(_sre.unicode_tolower(ord(c)))} | set(map(chr, re._casefix._EXTRA_CASES.get(
                _sre.unicode_tolower(ord(c)), ())))
            want = {x for low in fixes for x in lower.get(ord(low), [])}
        assert scout.equal_chars(c) == want, c
        assert all(re.fullmatch(re.escape(c), x, re.I) for x in want), c


@settings(max_examples=400, deadline=None)
@given(st.one_of(WORD_TEXTS, TEXTS), st.integers(min_value=0, max_value=3))
def test_infinitive_inside_through_its_scout(text, cut):
    end = max(0, len(text) - cut)
    assert bool(glued._INFINITIVE_INSIDE_SCOUT.search(text, 0, end)) == bool(glued._INFINITIVE_INSIDE.search(text, 0, end))
