"""Lexicons of grammars/lexicon/: lemmas -> every inflected form, generated once.

A lexicon file names lemmas and their values; pymorphy3 (through protokol.morph)
generates each lemma's forms with their grammemes when the grammar is loaded, so
matching needs no morphology at all: a rule's placeholder such as {months:gent}
becomes a regex alternation of the genitive forms, and a matched word is looked up
in a plain dict.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from protokol.errors import GrammarError
from protokol.frozen import Frozen, _set

LEXICONS = (
    "months", "weekdays", "numbers", "ordinals", "units", "unit_adjectives",
    "frequency", "words",
)
FILE_KEYS = frozenset({"pos", "words", "meaning", "abbreviations"})  # meaning: units.yaml only
ENTRY_KEYS = frozenset({"value", "pos", "predicted"})
FREQS = frozenset({"MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"})
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def fold(text: str) -> str:
    """Lower case, ё -> е: the same length, so spans found in folded text hold."""
    return text.lower().replace("ё", "е")


class Form(Frozen):
    word: str
    value: Any
    tags: frozenset[str]
    __slots__ = __match_args__ = ("word", "value", "tags")

    def __init__(self, word: str, value: Any, tags: frozenset[str]) -> None:
        _set(self, "word", word)
        _set(self, "value", value)
        _set(self, "tags", tags)


class Lexicon(Frozen):
    """name, forms, index (folded form -> value, the first lemma wins). A Lexicon read
    back from the stored grammar makes its forms on first use (`columns`): reading a
    deadline needs only the index."""

    name: str
    index: dict[str, Any]
    _forms: tuple[Form, ...]
    _columns: tuple[Any, ...] | None
    __match_args__ = ("name", "forms", "index")
    __slots__ = ("name", "_forms", "index", "_columns")

    def __init__(self, name: str, forms: tuple[Form, ...], index: dict[str, Any],
                 columns: tuple[Any, ...] | None = None) -> None:
        _set(self, "name", name)
        _set(self, "_forms", forms)
        _set(self, "index", index)
        _set(self, "_columns", columns)  # (words, values, tags) to make the forms from, when forms is ()

    @property
    def forms(self) -> tuple[Form, ...]:
        if self._columns is not None:
            _set(self, "_forms", tuple(map(Form, *self._columns)))
            _set(self, "_columns", None)
        return self._forms

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        Lexicon.__init__(self, *state)

    def values(self) -> set[Any]:
        return {f.value for f in self.forms}

    def alternation(self, grammemes: frozenset[str] = frozenset(), value: Any = None) -> str:
        """Regex alternation of the forms carrying all `grammemes`, factored by common
        prefixes (compiled.prefix_tree: at a place the longest form first, as the plain
        alternation of the forms longest first tries them, without trying every form)."""
        from protokol.deadlines.compiled import prefix_tree

        words = {
            f.word
            for f in self.forms
            if grammemes <= f.tags and (value is None or f.value == value)
        }
        return prefix_tree(words)

    def lookup(self, word: str) -> Any:
        found = self.index.get(word)  # a matched word is folded already (the keys are)
        return found if found is not None else self.index.get(fold(word.strip()))


def load_lexicon(name: str, data: Any) -> Lexicon:
    from protokol import morph  # building the grammar only: reading a stored one needs no morphology

    file = f"lexicon/{name}.yaml"
    if not isinstance(data, dict) or set(data) - FILE_KEYS or "words" not in data:
        raise GrammarError(file, None, f"needs 'words' and only keys {sorted(FILE_KEYS)}")
    default_pos = _pos_list(file, None, data.get("pos"))
    if not isinstance(data["words"], dict) or not data["words"]:
        raise GrammarError(file, None, "'words' must be a non-empty mapping lemma -> value")
    forms: list[Form] = []
    for lemma, entry in data["words"].items():
        value, pos, predicted = _entry(file, str(lemma), entry, default_pos)
        if not predicted and not morph.is_known(str(lemma)):
            raise GrammarError(file, str(lemma), "not in the pymorphy3 dictionary (say predicted: true)")
        forms.extend(_forms(file, str(lemma), value, pos))
    forms.extend(_abbreviations(file, data.get("abbreviations"), default_pos))
    index: dict[str, Any] = {}
    for form in forms:
        index.setdefault(form.word, form.value)
    return Lexicon(name, tuple(forms), index)


def _abbreviations(file: str, data: Any, pos: tuple[str, ...]) -> list[Form]:
    """`abbreviations:` (written with their dot: "еженед.", "дн.") -> value: forms tagged with
    the file's parts of speech and Abbr, no case or number: a placeholder with a case
    ({units:gent}) leaves them out, one without ({units}, {frequency:ADVB}) takes them."""
    if data is None:
        return []
    if not isinstance(data, dict) or not all(isinstance(k, str) and k.endswith(".") for k in data):
        raise GrammarError(file, None, "'abbreviations' must map words written with their dot to values")
    return [Form(fold(word), value, frozenset(pos) | {"Abbr"}) for word, value in data.items()]


def _pos_list(file: str, rule: str | None, pos: Any) -> tuple[str, ...]:
    if pos is None:
        return ()
    items = [pos] if isinstance(pos, str) else pos
    if not isinstance(items, list) or not all(isinstance(p, str) for p in items):
        raise GrammarError(file, rule, "'pos' must be a grammeme or a list of them")
    return tuple(items)


def _entry(file: str, lemma: str, entry: Any, default_pos: tuple[str, ...]) -> tuple[Any, tuple[str, ...], bool]:
    """(value, parts of speech, whether pymorphy3 may guess a word its dictionary lacks)."""
    if isinstance(entry, dict):
        if set(entry) - ENTRY_KEYS or "value" not in entry:
            raise GrammarError(file, lemma, f"entry needs 'value' and only keys {sorted(ENTRY_KEYS)}")
        pos = _pos_list(file, lemma, entry.get("pos")) or default_pos
        return entry["value"], pos, entry.get("predicted") is True
    return entry, default_pos, False


def _forms(file: str, lemma: str, value: Any, pos: tuple[str, ...]) -> list[Form]:
    """Every form of the lemma's lexeme with the wanted part of speech."""
    from protokol import morph

    found = morph.forms(lemma, pos)
    if not found:
        raise GrammarError(file, lemma, f"pymorphy3 knows no {'/'.join(pos) or 'word'} with this lemma")
    return [Form(fold(word), value, tags) for word, tags in found]


# ---------------------------------------------------------------- other lexicon files


def load_zones(data: Any, compile_pattern: Callable[[str, str, str], object]) -> tuple[tuple[str, str], ...]:
    import zoneinfo

    file = "lexicon/timezones.yaml"
    if not isinstance(data, dict) or set(data) != {"zones"} or not isinstance(data["zones"], dict):
        raise GrammarError(file, None, "needs exactly the key 'zones': IANA name -> phrases")
    pairs: list[tuple[str, str]] = []
    for zone, phrases in data["zones"].items():
        if zone != "local":
            try:
                zoneinfo.ZoneInfo(zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                raise GrammarError(file, zone, "unknown IANA time zone") from None
        for phrase in phrases if isinstance(phrases, list) else [phrases]:
            compile_pattern(file, zone, str(phrase))
            pairs.append((str(phrase), zone))
    # longer phrases first, so "мск+4" wins over "мск"
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def load_times_per(data: Any, units: Lexicon) -> dict[str, dict[int, dict[str, Any]]]:
    file = "lexicon/times_per.yaml"
    allowed = {"freq", "interval", "byday", "bymonthday"}
    if not isinstance(data, dict):
        raise GrammarError(file, None, "needs unit -> {times -> rrule parts}")
    table: dict[str, dict[int, dict[str, Any]]] = {}
    for unit, rows in data.items():
        if unit not in units.values() or not isinstance(rows, dict):
            raise GrammarError(file, str(unit), "unknown unit or rows not a mapping")
        for times, parts in rows.items():
            if not isinstance(times, int) or not isinstance(parts, dict) or set(parts) - allowed or "freq" not in parts:
                raise GrammarError(file, str(unit), f"row {times!r}: needs freq, only keys {sorted(allowed)}")
            if parts["freq"] not in FREQS or set(parts.get("byday", ())) - set(BYDAY):
                raise GrammarError(file, str(unit), f"row {times!r}: bad FREQ or BYDAY value")
        table[unit] = dict(rows)
    return table
