"""Every example written in the grammar files is a test case."""

from __future__ import annotations

import pytest

from protokol.deadlines import explain
from protokol.deadlines.grammar import grammar


def _cases():
    for rule in grammar().rules:
        for i, example in enumerate(rule.examples):
            yield pytest.param(rule, example, id=f"{rule.name}[{i}] {example.text}")


@pytest.mark.parametrize(("rule", "example"), list(_cases()))
def test_example(rule, example):
    found = explain(example.text, example.date, rules=example.rules, roll=example.roll)
    assert [e.deadline.to_dict() for e in found] == list(example.expect)
    if all(e["kind"] == "unparsed" for e in example.expect):  # a counter-example of the rule
        assert rule.name not in {e.rule for e in found}
    else:
        assert rule.name in {e.rule for e in found}, "the example is read by another rule"
