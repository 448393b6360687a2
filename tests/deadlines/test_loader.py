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
        ({"result": {"kind": "sometimes", "build": "once"}}, "kind must be one of"),
        ({"result": {"kind": "once", "build": "once", "bound": True}}, "bound must be"),
        ({"result": {"kind": "once"}}, "result needs kind and build"),
        ({"result": None}, "result needs kind and build"),
        ({"result": {"kind": "once", "build": "guess"}}, "unknown builder"),
        ({"result": {"kind": "once", "build": "once", "uses": ["by", "date", "colour"]}}, "unknown input"),
        ({"result": {"kind": "once", "build": "once", "uses": ["by", "date", "unit"]}}, "takes no input 'unit'"),
        ({"result": {"kind": "once", "build": "once", "uses": ["by", True, "date"]}}, 'quote "on"'),
        # the pattern has no time groups: a result that needs a time cannot be built
        ({"result": {"kind": "once", "build": "once", "uses": ["by", "on", "date", "time"]}}, "has no group"),
        # the pattern's "on" group is read by no input of the result
        ({"result": {"kind": "once", "build": "once", "uses": ["by", "date"]}}, "unknown group name 'on'"),
        ({"result": {"kind": "once", "build": "once", "uses": ["by", "on", "date"], "default": {"unit": "day"}}},
         "default gives a constant to an input the result uses"),
        ({"find": "maybe"}, "find must be"),
        ({"pattern": None}, "needs a pattern"),
        ({"trigger": "ноябр"}, "trigger misses example"),
        ({"trigger": "срочн"}, "trigger copied from markers.srochno"),
        ({"trigger": "nosuch"}, "unknown trigger name"),
        # "до 1 июля 2023 г." is an example find_deadlines reports: its find_trigger must pass it
        ({"find_trigger": "позднее"}, "trigger misses example"),
        ({"find_trigger": r"(?:до|к|ко|по|позднее|позже|чем)\s+\d"}, "«15» июля"),
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


MARKERS = "deadlines/markers.yaml"
PERIOD = "deadlines/period.yaml"


@pytest.mark.parametrize(
    ("file", "rule", "changes", "why"),
    [
        (MARKERS, "markers.srochno", {"result": {"kind": "asap", "build": "marker", "regulation": {"federal": {"days": 3}}}},
         "regulation: profile"),
        (MARKERS, "markers.srochno",
         {"result": {"kind": "asap", "build": "marker", "regulation": {"regional": {"days": 3, "derived_by": "x"}}}},
         "unknown rules profile"),
        (PERIOD, "period.part_of_year",
         {"result": {"kind": "period", "build": "span", "uses": ["ordinal", "unit", "year"], "default": {"unit": "eon"}}},
         "unknown unit 'eon'"),
        (PERIOD, "period.part_of_year",
         {"result": {"kind": "period", "build": "span", "uses": ["ordinal", "unit", "year"], "default": {"colour": 1}}},
         "default gives constants"),
        (PERIOD, "period.end_of", {"result": {"kind": "once", "build": "end_of", "uses": ["by"]}}, "kind must be"),
    ],
)
def test_broken_result_names_file_and_rule(sources, file, rule, changes, why):
    with pytest.raises(GrammarError) as err:
        build_grammar(_broken(sources, file, rule, **changes))
    assert (err.value.file, err.value.rule) == (file, rule)
    assert why in err.value.why


def test_units_need_a_meaning(sources):
    broken = copy.deepcopy(sources)
    del broken["lexicon/units.yaml"]["meaning"]["week"]
    with pytest.raises(GrammarError) as err:
        build_grammar(broken)
    assert (err.value.file, err.value.rule) == ("lexicon/units.yaml", "week")
    broken = copy.deepcopy(sources)
    broken["lexicon/units.yaml"]["meaning"]["week"] = {"days": 7, "ends": "sunday"}
    with pytest.raises(GrammarError, match="weekday code"):
        build_grammar(broken)
    broken = copy.deepcopy(sources)
    broken["lexicon/units.yaml"]["meaning"]["week"] = {"ends": "SU"}
    with pytest.raises(GrammarError, match="days, months or hours"):
        build_grammar(broken)


def test_triggers_are_declared_once(sources):
    broken = copy.deepcopy(sources)
    broken["deadlines/triggers.yaml"]["triggers"]["Bad Name"] = "x"
    with pytest.raises(GrammarError) as err:
        build_grammar(broken)
    assert err.value.file == "deadlines/triggers.yaml"
    # the same inline pattern on two rules is refused: it belongs in triggers.yaml
    copied = _rule(sources, MARKERS, "markers.as_established")["trigger"]
    broken = _broken(sources, "deadlines/relative.yaml", "relative.term_adjective", trigger=copied)
    with pytest.raises(GrammarError, match="copied from markers.as_established") as err:
        build_grammar(broken)
    assert err.value.rule == "relative.term_adjective"
    grammar = build_grammar(sources)
    shared = sources["deadlines/triggers.yaml"]["triggers"]
    rules = {r.name: r for r in grammar.rules}
    assert rules["once.time"].trigger == rules["once.date_then_time"].trigger
    assert rules["once.time"].trigger.regex.pattern == shared["time"]


def test_a_unit_means_what_units_yaml_says(sources):
    """"до конца недели" is read from data: the week's meaning decides the date."""
    import datetime as dt

    from protokol.deadlines.extract import scan
    from protokol.deadlines.resolve import Context

    def end_of_week(data):
        (hit,) = scan("до конца недели", Context(build_grammar(data), dt.date(2023, 6, 20), "federal", "none"))
        return hit.deadline.due

    assert end_of_week(sources) == "2023-06-25"  # Sunday
    changed = copy.deepcopy(sources)
    changed["lexicon/units.yaml"]["meaning"]["week"] = {"days": 7, "ends": "FR", "freq": "WEEKLY"}
    assert end_of_week(changed) == "2023-06-23"
