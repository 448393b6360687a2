"""protokol's JSON writer gives exactly json.dumps(ensure_ascii=False, indent=2), or with
indent=None the compact separators, whichever path (orjson or json) writes it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import math
import typing
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from protokol import model
from protokol.output.json import contract_dumps, dumps

LEAVES = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
    | st.text() | st.sampled_from(["", "\x00\x1f\x7f\u2028\u2029\ufeff", 'кавычки " и \\ слэш', "\n\t\r\b\f"])
)
DATA = st.recursive(
    LEAVES,
    lambda children: st.lists(children, max_size=4) | st.tuples(children, children)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=30,
)


def reference(obj, indent=2):
    return json.dumps(obj, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":"))


@settings(max_examples=800, deadline=None)
@given(DATA)
def test_same_text_as_json_dumps(obj):
    assert dumps(obj) == reference(obj)
    assert dumps(obj, indent=None) == reference(obj, None)


def test_every_sample_result(seed_results):
    for result in seed_results.values():
        data = result.to_dict()
        assert dumps(data) == contract_dumps(data) == reference(data)
        assert contract_dumps(data, indent=None) == reference(data, None)


@pytest.mark.parametrize("value", [
    1e-05, 3e-05, 9.99e-05, 1e-07, 1.234e-09, -1.6e-05, 1e16, 1e-100, -0.0, 0.1,  # orjson: 0.00001, 1e-7
    math.nan, math.inf, -math.inf,  # orjson: null
    2**64, -(2**63) - 1, 10**40,  # orjson refuses ints beyond 64 bits
    "\x00\x1f\x7f\u2028\u2029\ufeff\b\f\n\r\t\"\\", "lone \ud800 surrogate",  # escapes; orjson refuses surrogates
    {1: "int key", None: "null key", True: "bool key", 2.5: "float key"},
])
def test_where_orjson_differs_the_text_is_still_json_dumps(value):
    for obj in (value, [value], {"k": [value, {"n": value}]}):
        assert dumps(obj) == reference(obj)
        assert dumps(obj, indent=None) == reference(obj, None)
        assert contract_dumps(obj) == reference(obj) or isinstance(value, float)


def test_what_json_writes_its_own_way_or_refuses_goes_to_json():
    class Text(str):
        pass

    class Number(enum.IntEnum):
        ONE = 1

    assert dumps({1: "int key", None: [math.inf]}) == reference({1: "int key", None: [math.inf]})
    assert dumps({"k": Text("подкласс"), "n": Number.ONE}) == reference({"k": Text("подкласс"), "n": Number.ONE})

    @dataclasses.dataclass
    class Record:
        a: int = 1

    class Colour(enum.Enum):
        RED = "red"

    # orjson would write all of these; json.dumps refuses them, and so must dumps
    for refused in (object(), Record(), dt.date(2023, 6, 20), uuid.UUID(int=1), Colour.RED):
        with pytest.raises(TypeError):
            dumps({"k": refused})


def _leaf_types(hint, seen) -> set:
    """Every non-container type a model field can hold, following records."""
    if dataclasses.is_dataclass(hint):
        if hint in seen:
            return set()
        seen.add(hint)
        hints = typing.get_type_hints(hint, vars(model))
        return set().union(*(_leaf_types(hints[f.name], seen) for f in dataclasses.fields(hint)))
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        return {type(v) for v in typing.get_args(hint)}
    if origin is not None:
        return set().union(*(_leaf_types(a, seen) for a in typing.get_args(hint) if a is not Ellipsis))
    return {hint}


def test_contract_data_has_no_floats_so_orjson_writes_it_unchecked():
    """contract_dumps skips the type check: it relies on this."""
    leaves = _leaf_types(model.ParseResult, set())
    assert leaves <= {str, int, bool, type(None)}, leaves
    assert str in leaves and int in leaves
