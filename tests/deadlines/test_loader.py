"""A broken grammar fails at load time, naming the file and the rule."""

from __future__ import annotations

import copy

import pytest

from protokol.deadlines.grammar import build_grammar
from protokol.errors import GrammarError

ONCE = "deadlines/once.yaml"


def _rule(sources, file, name):
    return next(r for r in sources[file]["rules"] if r["name"] == name)


def _broken(sources, file, rule_name, **changes):
    broken = copy.deepcopy(sources)
    rule = _rule(broken, file, rule_name)
    for key, value in changes.items():
        if value is None:
            rule.pop(key, None)
        else:
            rule[key] = value
    return broken


def test_shipped_grammar_builds(sources):
    grammar = build_grammar(sources)
    assert [r.stage for r in grammar.rules] == sorted(
        (r.stage for r in grammar.rules), key=("markers", "recurring", "relative", "period", "once").index
    )
    assert all(r.examples for r in grammar.rules)


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"colour": "red"}, "unknown keys"),
        ({"pattern": r"до\s+(?P<day>\d+"}, "bad pattern"),
        ({"pattern": r"до\s+{nosuch}"}, "unknown placeholder"),
        ({"pattern": r"до\s+{months:gent,nosuchgram}"}, "unknown grammemes"),
        ({"pattern": r"до\s+{units.eon}"}, "has no value"),
        ({"pattern": r"до\s+(?P<colour>\d+)"}, "unknown group name"),
        ({"examples": None}, "at least one example"),
        ({"examples": []}, "at least one example"),
        ({"examples": [{"text": "до 1 июля", "expect": {"kind": "once", "colour": "red"}}]}, "Deadline fields"),
        ({"examples": [{"text": "до 1 июля", "expect": {"kind": "once", "bound": True}}]}, "quote"),
        ({"kind": "sometimes"}, "kind must be"),
        ({"bound": True}, "bound must be"),
        ({"find": "maybe"}, "find must be"),
        ({"set": {"default": "yesterday"}}, "set.default"),
        ({"set": {"colour": 1}}, "set allows"),
        ({"pattern": None}, "needs a pattern"),
        ({"trigger": "срочн"}, "trigger misses example"),
        # "до 1 июля 2023 г." is an example find_deadlines reports: its find_trigger must pass it
        ({"find_trigger": "позднее"}, "trigger misses example"),
        ({"find_trigger": r"(?:до|к|по|позднее|позже|чем)\s+\d"}, "«15» июля"),
        ({"find_trigger": "("}, "bad trigger"),
        ({"find": "never"}, "find_trigger needs find"),
    ],
)
def test_broken_rule_names_file_and_rule(sources, changes, why):
    with pytest.raises(GrammarError) as err:
        build_grammar(_broken(sources, ONCE, "once.date", **changes))
    assert err.value.file == ONCE
    assert err.value.rule == "once.date"
    assert why in err.value.why
    assert "once.yaml" in str(err.value) and "once.date" in str(err.value)


def test_duplicate_and_misplaced_rule_names(sources):
    broken = copy.deepcopy(sources)
    broken[ONCE]["rules"].append(copy.deepcopy(_rule(broken, ONCE, "once.date")))
    with pytest.raises(GrammarError, match="duplicate"):
        build_grammar(broken)
    broken = _broken(sources, ONCE, "once.date", name="period.date")
    with pytest.raises(GrammarError, match="start with 'once.'") as err:
        build_grammar(broken)
    assert err.value.rule == "period.date"


def test_broken_macro_and_lexicon(sources):
    broken = copy.deepcopy(sources)
    broken["deadlines/macros.yaml"]["macros"]["loop"] = "{loop}"
    broken["deadlines/macros.yaml"]["macros"]["date"] = "{loop}"
    with pytest.raises(GrammarError, match="refers to itself"):
        build_grammar(broken)
    broken = copy.deepcopy(sources)
    broken["lexicon/months.yaml"]["words"]["квакабрь"] = 13
    with pytest.raises(GrammarError) as err:
        build_grammar(broken)
    assert (err.value.file, err.value.rule) == ("lexicon/months.yaml", "квакабрь")
    broken = copy.deepcopy(sources)
    broken["lexicon/timezones.yaml"]["zones"]["Europe/Atlantis"] = ["атл"]
    with pytest.raises(GrammarError, match="IANA") as err:
        build_grammar(broken)
    assert err.value.rule == "Europe/Atlantis"
    broken = copy.deepcopy(sources)
    broken["lexicon/times_per.yaml"]["week"][2] = {"byday": ["MO"]}
    with pytest.raises(GrammarError, match="freq"):
        build_grammar(broken)


def test_broken_files(sources):
    for file, data in [
        (ONCE, {"rule": []}),
        ("deadlines/macros.yaml", {"macros": {"date": 5}}),
        ("lexicon/weekdays.yaml", {"words": {}}),
        ("lexicon/weekdays.yaml", {"words": {"понедельник": "MO"}, "colour": 1}),
    ]:
        broken = copy.deepcopy(sources)
        broken[file] = data
        with pytest.raises(GrammarError) as err:
            build_grammar(broken)
        assert err.value.file == file



def test_find_trigger_is_checked_only_against_reportable_examples(sources):
    """once.date's bare "22 июня 2023 г." is an example find_deadlines never reports:
    the shipped find_trigger fails it, and the grammar still builds."""
    rule = next(r for r in build_grammar(sources).rules if r.name == "once.date")
    texts = [e.text for e in rule.examples]
    assert "22 июня 2023 г." in texts and "в срок до «15» июля 2023 г." in texts
    assert rule.find_trigger is not None
    assert not rule.find_trigger.search("22 июня 2023 г.")
    assert rule.find_trigger.search("в срок до «15» июля 2023 г.")
