"""What no rule understood: the text outside the recognised spans, cut into pieces at
commas, brackets, dashes and "и"; a piece that looks like a deadline (a date or time
shape, a month, a weekday, a frequency adverb, "срок –") is kept as "unparsed".

A leftover text is first asked whether a piece of it could look like one at all: the
strings a date shape cannot do without (cover.py) or a date word must be in it.
"""

from __future__ import annotations

import re

from protokol.deadlines import cover
from protokol.deadlines.candidates import PerGrammar, of_grammar
from protokol.deadlines.compiled import LazyPattern, prefix_tree
from protokol.deadlines.grammar import Grammar

# Leftover pieces are split at these; a piece matters when it holds a digit or a
# date word (a month, a weekday, a frequency word): then it is kept as "unparsed".
# a run of spaces is tried from its first space only (linear on long runs)
SEPARATORS = re.compile(r"[,;()]|\s[–—-]\s|(?<!\s)\s+(?:и|а\s+также)\s+")
# a token in the shape of a date or a time: "15.07", "01.07.2023", "9:30", "16-00 ч",
# "5 числа", "срок –" (a month, a weekday or a frequency adverb is looked up); not a
# document's number ("№ 5/12")
DATE_SHAPE = re.compile(
    r"(?<![\w./№-])(?<!№\s)[0-3]?\d\s?[./]\s?(?:[01]\d|[01]?\d[./]\d{2,4})(?![\w/-])|(?<!\d)[0-2]?\d:[0-5]\d(?!\d)"
    r"|(?<![\d.-])[0-2]?\d-[0-5]\d\s*ч|(?<!\d)[0-3]?\d(?:-?го)?\s+(?:числ|рабоч)|(?<!\w)срок\w*\s*[-–—:]"
)
TRIM = " \t\r\n.,;:–—-«»\"'"
WORD = re.compile(r"\w+")
# "среда" after an adjective is an environment ("окружающей среды", "городской среды",
# "доступной среде"), not a Wednesday, unless the adjective places a week ("следующей среды")
_ENVIRONMENT = re.compile(
    r"\b(?!(?:следующ|ближайш|кажд|очередн|эт|перв|втор|трет|четверт|последн|нынешн|прошл)\w*\s)"
    r"\w{2,}(?:ой|ей|ую|ая|ою|ею)\s+сред(?:а|ы|е|у|ой|ою)\b")
_WEEKDAY_SREDA = re.compile(r"сред(?:а|ы|е|у|ой|ою)\b")
# the strings every DATE_SHAPE match holds one of (each of its covers), made lazily: those
# without a digit, looked for with `in`, and a pattern of the others (the engine tries it
# only where a string with a digit may begin: "-", ":" or a digit, not at every space)
_SHAPE_COVER: list[tuple[tuple[str, ...], LazyPattern | None]] = []


def spans(text: str, folded: str, taken: list[tuple[int, int]], grammar: Grammar) -> list[tuple[int, int]]:
    """The pieces of the text outside `taken` (sorted spans) that look like a deadline."""
    out: list[tuple[int, int]] = []
    cursor = 0
    # (made once for the text: a piece's is the piece of it, each character made alone;
    # a text without a digit holds no string of a cover that has one)
    gate = cover.gate_text(folded)
    digits = cover.first_digit(folded) is not None
    for start, end in [*taken, (len(text), len(text))]:
        if text[cursor:start].strip(TRIM):
            region = folded[cursor:start]
            shape = _may_hold_a_shape(gate and gate[cursor:start], digits)
            # a piece's words are whole words of the region (it is cut at signs and
            # whole words, and trimmed of signs): a region without a date word has no
            # piece with one, unless it holds "сред" (an environment's "среда" is told by
            # the word before it, which a piece may have lost)
            words = _has_date_word(region, grammar) if not shape or "сред" not in region else True
            if shape or words:
                out.extend(_pieces(text, folded, cursor, start, grammar, gate, digits, words))
        cursor = max(cursor, end)
    return out


def _pieces(text: str, folded: str, start: int, end: int, grammar: Grammar,
            gate: str | None, digits: bool = True, words: bool = True) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    for sep in [*SEPARATORS.finditer(folded, start, end), None]:
        stop = sep.start() if sep else end
        piece = _trimmed(text, pos, stop)
        if piece and _looks_like_deadline(folded[piece[0]:piece[1]], grammar, gate and gate[piece[0]:piece[1]],
                                          digits, words):
            out.append(piece)
        pos = sep.end() if sep else end
    return out


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """text[start:end] without the TRIM characters at its ends, as (start, end), or None."""
    part = text[start:end]
    kept = part.rstrip(TRIM)
    if not kept:
        return None
    return start + len(kept) - len(kept.lstrip(TRIM)), start + len(kept)


def _looks_like_deadline(piece: str, grammar: Grammar, gate: str | None, digits: bool = True,
                         words: bool = True) -> bool:
    """A date-like token: a date or time shape, a month or weekday name, a frequency
    adverb (gate: the piece of the text's cover.gate_text; digits: whether the text
    holds a digit; words=False: the piece holds no date word, known from its region)."""
    if _may_hold_a_shape(gate, digits) and DATE_SHAPE.search(piece):
        return True
    return words and _has_date_word(piece, grammar)


def _has_date_word(folded: str, grammar: Grammar) -> bool:
    """Is one of the words of a folded text a date word? An environment's "среда" is not one."""
    if "сред" in folded and _WEEKDAY_SREDA.search(folded) is not None:  # (what every _ENVIRONMENT match holds)
        return any(map(_date_words(grammar)[0].__contains__, WORD.findall(_ENVIRONMENT.sub(" ", folded))))
    # a word (a run of \w) lies inside a token between spaces: each token's answer is
    # remembered (the tokens of a text are mostly tokens seen before)
    # (the answers looked up in C; only a text with a token not seen before walks its tokens)
    dates, known = _date_words(grammar)
    tokens = folded.split()
    answers = set(map(known.get, tokens))
    if True in answers:
        return True
    if None not in answers:
        return False
    for token in tokens:
        if token not in known:
            if len(known) >= TOKENS_KEPT:
                known.clear()
            if known.setdefault(token, any(map(dates.__contains__, WORD.findall(token)))):
                return True
    return False


def _may_look_like_deadline(region: str, grammar: Grammar, gate: str | None, digits: bool = True) -> bool:
    """Can a piece of this leftover text look like a deadline? Not without what a date
    shape needs or a date word: a piece's words are words of the text it was cut from
    (it is cut at signs and whole words, and trimmed of signs)."""
    return _may_hold_a_shape(gate, digits) or _has_date_word(region, grammar)


def _may_hold_a_shape(gate: str | None, digits: bool = True) -> bool:
    """Does the text hold one of the strings a DATE_SHAPE match cannot do without? (gate:
    its cover.gate_text, or a piece of the whole text's; None: it may; digits=False: the
    text holds no digit, so none of the strings with one)"""
    if not _SHAPE_COVER:
        _SHAPE_COVER.extend(_split_cover(c) for c in cover.covers(DATE_SHAPE.pattern))
    if gate is None:
        return True
    for words, regex in _SHAPE_COVER:
        if not any(map(gate.__contains__, words)) and (regex is None or not digits or regex.search(gate) is None):
            return False
    return True


def _split_cover(strings: tuple[str, ...]) -> tuple[tuple[str, ...], LazyPattern | None]:
    """(the strings without a digit, a pattern finding the others or None)."""
    digital = {s for s in strings if not cover.DIGITS.isdisjoint(s)}
    return tuple(s for s in strings if s not in digital), LazyPattern(prefix_tree(digital)) if digital else None


_DATE_WORDS: PerGrammar = {}
TOKENS_KEPT = 65536  # the most tokens whose answer is remembered


def _date_words(grammar: Grammar) -> tuple[frozenset[str], dict[str, bool]]:
    """The folded forms of the grammar's months, weekdays and frequency adverbs (a piece
    is folded already: its words are looked up as they are), and the answers of tokens."""
    return of_grammar(_DATE_WORDS, grammar, _date_words_of)


def _date_words_of(grammar: Grammar) -> tuple[frozenset[str], dict[str, bool]]:
    lexicons = grammar.lexicons
    words = {w for name in ("months", "weekdays") for w, v in lexicons[name].index.items() if v is not None}
    words.update(w for w, v in lexicons["frequency"].index.items() if v is not None and w.endswith("о"))
    return frozenset(words), {}
