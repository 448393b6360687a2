"""The stored grammar (grammars/built/deadlines.marshal), lazy patterns and trigger gates."""

from __future__ import annotations

import random
import re
import subprocess
import sys

import pytest

from protokol.deadlines import compiled, stored
from protokol.deadlines.grammar import build_grammar, grammar, read_sources
from protokol.deadlines.lexicon import fold


@pytest.fixture(scope="module")
def built():
    return build_grammar(read_sources())


def test_the_stored_grammar_is_the_one_the_files_build(built):
    """Fails when a grammar file or the code building the grammar changed without
    `python scripts/compile_grammar.py` (the library then builds from the YAML files)."""
    document = stored.read()
    assert document is not None, "grammars/built/deadlines.marshal is missing: run python scripts/compile_grammar.py"
    assert document["fingerprint"] == stored.sources_fingerprint(), (
        "grammars/built/deadlines.marshal is stale: run python scripts/compile_grammar.py"
    )
    assert document == stored.store(built), (
        "grammars/built/deadlines.marshal differs from a fresh build: run python scripts/compile_grammar.py"
    )


def test_the_loaded_grammar_equals_the_built_one(built):
    loaded = stored.load()
    assert loaded is not None
    assert loaded == built
    assert grammar() == built
    for step, rule in zip(sorted(loaded.plan, key=lambda s: s.order), loaded.rules):
        assert step.rule is rule  # one object per rule, as built


def test_a_stale_stored_grammar_is_not_used(monkeypatch, built):
    monkeypatch.setattr(stored, "sources_fingerprint", lambda: "edited")
    assert stored.load() is None
    assert grammar.__wrapped__() == built  # built from the YAML files instead


def test_the_fingerprint_covers_the_code_that_builds_the_grammar(monkeypatch):
    """Read from the files, not from imported modules: an edit to any builder changes it."""
    before = stored.sources_fingerprint()
    real_open = open

    def edited(path, *args, **kwargs):
        file = real_open(path, *args, **kwargs)
        if str(path).endswith("grammar/load.py"):
            text = file.read() + "\n# edited\n"
            file.close()
            import io

            return io.StringIO(text)
        return file

    monkeypatch.setattr("builtins.open", edited)
    assert stored.sources_fingerprint() != before


def test_an_unreadable_stored_grammar_is_not_used(monkeypatch, built):
    for data in (b"not marshal data", b"", stored.dumps({"format": stored.FORMAT})[:-3], stored.dumps(["a list"])):
        monkeypatch.setattr(stored, "grammar_bytes", lambda _, data=data: data)
        assert stored.load() is None
    monkeypatch.setattr(stored, "grammar_bytes", lambda _: None)
    assert stored.load() is None
    assert grammar.__wrapped__() == built


def _stored_patterns(node):
    if type(node) is list:
        if node[0] == "P":
            yield node
            return
        for item in node[1:]:
            yield from _stored_patterns(item)
    elif type(node) in (tuple, dict):
        for item in node.values() if type(node) is dict else node:
            yield from _stored_patterns(item)


def test_every_stored_program_is_the_pattern_re_compile_makes():
    """re.Pattern's equality compares pattern, flags and the engine's program."""
    found = list(_stored_patterns(stored.read()["grammar"]))
    assert len(found) > 100
    for _, pattern, flags, program in found:
        assert stored.from_program(pattern, program) == re.compile(pattern, flags), pattern[:60]


def test_patterns_come_from_their_programs_or_from_re_compile(monkeypatch, built):
    loaded = stored.load()
    pattern = loaded.rules[0].regex
    assert isinstance(pattern, stored.StoredPattern) and not pattern.is_compiled
    assert pattern.compiled == re.compile(pattern.pattern, pattern.flags) and pattern.is_compiled
    refused = stored.StoredPattern("a+b", 0, (32, b"\x00" * 8, 0, {}, (None,)))  # a program the engine rejects
    assert refused.fullmatch("aab") and refused.compiled == re.compile("a+b")
    monkeypatch.setattr(stored, "engine", lambda: (3, 0, 0, 4))  # written by another Python: programs unused
    other = stored.load()
    assert type(other.rules[0].regex) is compiled.LazyPattern and other == built


def test_reading_a_deadline_needs_no_yaml_morphology_holidays_or_every_pattern():
    code = (
        "import sys\n"
        "from protokol.cli import main\n"
        "try:\n"
        "    main(['deadline', 'до 1 июля 2023 г.'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = {'yaml', 'pymorphy3', 'holidays', 'rich', 'openpyxl', 'lxml', 'dateparser'} & set(sys.modules)\n"
        "from protokol.deadlines.grammar import grammar\n"
        "rules = grammar().rules\n"
        "print(sorted(heavy), sum(r.regex.is_compiled for r in rules), len(rules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert '"due": "2023-07-01"' in proc.stdout
    heavy, compiled_rules, total = proc.stdout.strip().splitlines()[-1].rsplit(" ", 2)
    assert heavy == "[]"
    assert 0 < int(compiled_rules) <= int(total) // 3


def test_lazy_pattern_compiles_on_first_use_and_equals_the_compiled_one():
    lazy = compiled.LazyPattern(r"(?P<d>\d+)-е", re.VERBOSE)
    assert not lazy.is_compiled
    assert lazy == re.compile(r"(?P<d>\d+)-е", re.VERBOSE) and hash(lazy) == hash(compiled.LazyPattern(lazy.pattern, lazy.flags))
    assert [m["d"] for m in lazy.finditer("1-е и 22-е")] == ["1", "22"]
    assert lazy.is_compiled and lazy.groupindex == {"d": 1}
    assert lazy.search("x 5-е").start() == 2 and lazy.fullmatch("5-е") and lazy.findall("7-е") == ["7"]


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("(?:понедельник|понедельника|вторник)", ("вторник", "понедельник")),
        ("a|b(?:c|d)e", ("a", "bce", "bde")),
        (r"не\ позднее|в\.", ("в.", "не позднее")),
        (r"\d", None),
        (r"(?<!\w)с\s", None),
        ("a|", None),
        ("a+", None),
        ("[ab]", None),
        # prefix_tree's optional groups: the word that ends where longer ones go on
        (r"ab(?:c|d)?", ("ab",)),
        (r"x(?:y(?:z)?|w)", ("xw", "xy")),
        (r"(?:a|b)??", None),
        (r"(?:a)?+", None),
    ],
)
def test_literal_words(pattern, words):
    assert compiled.literal_words(pattern) == words


def test_prefix_tree_matches_what_the_longest_first_alternation_does():
    rng = random.Random(13)
    for _ in range(200):
        words = {"".join(rng.choice("абв") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 8))}
        plain = re.compile("|".join(sorted(words, key=lambda w: (-len(w), w))))
        tree = re.compile(compiled.prefix_tree(words))
        for _ in range(20):
            text = "".join(rng.choice("абвг") for _ in range(rng.randint(0, 8)))
            assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)], (words, text)


def test_prefix_tree_inside_a_pattern_backtracks_as_the_alternation_does():
    """A lexicon's forms are written as their prefix tree (Lexicon.alternation): inside a
    rule, where what follows may fail after the longest form, the shorter forms are
    tried in the same order, so every match and every group is the same."""
    rng = random.Random(17)
    for _ in range(300):
        words = {"".join(rng.choice("абв") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 8))}
        flat = "|".join(sorted(words, key=lambda w: (-len(w), w)))
        tail = rng.choice(["", "в", "(?:аг|б)", "г?б", "(?!а)"])
        plain = re.compile(rf"(?<!г)(?P<w>(?:{flat})){tail}(?P<t>б*)")
        tree = re.compile(rf"(?<!г)(?P<w>(?:{compiled.prefix_tree(words)})){tail}(?P<t>б*)")
        assert compiled.literal_words(compiled.prefix_tree(words)) == compiled.literal_words(flat)
        for _ in range(20):
            text = "".join(rng.choice("абвг") for _ in range(rng.randint(0, 10)))
            assert [(m.span(), m.groupdict()) for m in tree.finditer(text)] == \
                [(m.span(), m.groupdict()) for m in plain.finditer(text)], (words, tail, text)


def test_a_lexicons_alternation_is_the_prefix_tree_of_its_forms():
    from protokol.deadlines.lexicon import Form, Lexicon

    forms = tuple(Form(w, i, frozenset({"gent"} if w.endswith("я") else set())) for i, w in
                  enumerate(["июня", "июнь", "июля", "июль", "май", "мая", "май"]))
    lexicon = Lexicon("months", forms, {})
    assert lexicon.alternation() == compiled.prefix_tree({"июня", "июнь", "июля", "июль", "май", "мая"})
    gent = re.compile(f"(?:{lexicon.alternation(frozenset({'gent'}))})")
    assert [m.group() for m in gent.finditer("июня июль мая июля")] == ["июня", "мая", "июля"]
    assert lexicon.alternation(frozenset({"plur"})) == ""  # (no form: the build reports it)


def test_trigger_results_and_steps_passing_agree_with_each_trigger(built):
    texts = [fold(e.text) for r in built.rules for e in r.examples]
    texts += ["", "постоянно", "сроки", "ежегодный отчет", "по средам и пятницам", "до 18-00 12.03.2015"]
    for text in texts:
        passed = built.trigger_results(text)
        steps = built.steps_passing(text, passed)
        want = [t.regex.search(text) is not None for t in built.triggers]
        # a pattern trigger that gates no rule (a find_trigger only) is left to find mode
        gating = {s.trigger for s in built.plan}
        assert [p if i in gating or p is not None else want[i] for i, p in enumerate(passed)] == want, text
        assert sorted(s.order for s in steps) == sorted(
            s.order for s in built.plan if s.trigger < 0 or want[s.trigger]
        ), text


def test_installed_versions_are_read_from_the_dist_info_folders():
    """The freshness checks read versions without importlib.metadata; the same answers."""
    from importlib import metadata

    from protokol.grammar_files import installed_version

    for module, distribution in (("pymorphy3", "pymorphy3"), ("pymorphy3_dicts_ru", "pymorphy3-dicts-ru"),
                                 ("holidays", "holidays"), ("click", "click")):
        assert installed_version(module, distribution) == metadata.version(distribution)
    assert installed_version("no_such_module_here", "no-such-distribution-here") is None
