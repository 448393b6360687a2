"""protokol.frozen: hand-written value classes behave as @dataclass(frozen=True, slots=True) ones."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from protokol.deadlines.grammar.rules import Example, Step, Trigger
from protokol.deadlines.lexicon import Form, Lexicon
from protokol.frozen import Frozen, _set


class Point(Frozen):
    x: int
    y: tuple[str, ...]
    __slots__ = __match_args__ = ("x", "y")

    def __init__(self, x: int, y: tuple[str, ...] = ()) -> None:
        _set(self, "x", x)
        _set(self, "y", y)


@dataclasses.dataclass(frozen=True, slots=True)
class Point2:
    x: int
    y: tuple[str, ...] = ()


def test_the_same_behaviour_as_a_frozen_slotted_dataclass():
    ours, theirs = Point(1, ("a",)), Point2(1, ("a",))
    assert repr(ours) == repr(theirs).replace("Point2", "Point")
    assert ours == Point(1, ("a",)) and ours != Point(2) and hash(ours) == hash(theirs) == hash(Point(1, ("a",)))
    assert (ours == theirs) is False and ours.__eq__(theirs) is NotImplemented
    assert Point.__match_args__ == Point2.__match_args__
    match ours:
        case Point(1, y):
            assert y == ("a",)
        case _:
            pytest.fail("no match")
    for change in (lambda: setattr(ours, "x", 2), lambda: delattr(ours, "x"), lambda: setattr(ours, "z", 1)):
        with pytest.raises(dataclasses.FrozenInstanceError):
            change()
    assert not hasattr(ours, "__dict__")
    assert pickle.loads(pickle.dumps(ours)) == ours and copy.deepcopy(ours) == ours and copy.copy(ours) == ours


def test_the_grammar_values_keep_their_repr_equality_and_pickling():
    form = Form("июля", 7, frozenset({"gent"}))
    assert repr(form) == "Form(word='июля', value=7, tags=frozenset({'gent'}))"
    example = Example("до 1 июля", None, "federal", "back", ({"kind": "once"},))
    assert repr(example) == ("Example(text='до 1 июля', date=None, rules='federal', roll='back', "
                             "expect=({'kind': 'once'},))")
    trigger = Trigger(None, ("июл",))  # type: ignore[arg-type]
    step = Step(0, 3, None)  # type: ignore[arg-type]
    assert step.find_trigger == -1 and step == Step(0, 3, None, -1)  # type: ignore[arg-type]
    for value in (form, example, trigger, step):
        assert pickle.loads(pickle.dumps(value)) == value


def test_a_lexicon_makes_its_forms_on_first_use_and_equals_the_eager_one():
    forms = (Form("мая", 5, frozenset({"gent"})), Form("май", 5, frozenset({"nomn"})))
    eager = Lexicon("months", forms, {"мая": 5, "май": 5})
    columns = (("мая", "май"), (5, 5), [frozenset({"gent"}), frozenset({"nomn"})])
    lazy = Lexicon("months", (), {"мая": 5, "май": 5}, columns)
    assert lazy.lookup("мая") == 5 and lazy._columns is not None  # the index answers without the forms
    assert lazy == eager and lazy.forms == forms and lazy._columns is None
    assert repr(lazy) == repr(eager)
    with pytest.raises(TypeError):  # a dict field: unhashable, as the dataclass was
        hash(lazy)
    assert pickle.loads(pickle.dumps(eager)) == eager
