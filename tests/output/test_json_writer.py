"""protokol's indented JSON writer gives exactly json.dumps(indent=2, ensure_ascii=False)."""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from protokol.output.json import dumps

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


def reference(obj):
    return json.dumps(obj, ensure_ascii=False, indent=2)


@settings(max_examples=800, deadline=None)
@given(DATA)
def test_same_text_as_json_dumps(obj):
    assert dumps(obj) == reference(obj)


def test_every_sample_result(seed_results):
    for result in seed_results.values():
        data = result.to_dict()
        assert dumps(data) == reference(data)


def test_what_it_does_not_write_itself_goes_to_json():
    class Text(str):
        pass

    assert dumps({1: "int key", None: [math.inf]}) == reference({1: "int key", None: [math.inf]})
    assert dumps({"k": Text("подкласс")}) == reference({"k": Text("подкласс")})
    try:
        dumps({"k": object()})
    except TypeError:
        pass
    else:
        raise AssertionError("json.dumps refuses an object; so must dumps")
