"""The model's records built by protokol.slots.fast_init take the parameters the dataclass's
own __init__ takes (names, order, defaults) and hold what they are given."""

from __future__ import annotations

import inspect
import pickle
from dataclasses import MISSING, FrozenInstanceError, fields, replace

import pytest

from protokol import model

FAST = ("Block", "Location", "Warning", "Links", "Executor", "Reference", "Directive", "Section")


@pytest.mark.parametrize("name", FAST)
def test_fast_init_keeps_the_dataclass_parameters(name):
    cls = getattr(model, name)
    assert cls.__init__.__code__.co_filename == "<string>" and cls.__init__.__qualname__ == f"{name}.__init__"
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    assert [p.name for p in params] == [f.name for f in fields(cls)]
    assert [p.default for p in params] == [inspect.Parameter.empty if f.default is MISSING else f.default
                                           for f in fields(cls)]
    values = [f"v{i}" for i in range(len(params))]  # any value: __init__ only stores them
    made = cls(*values)
    assert [getattr(made, f.name) for f in fields(cls)] == values
    assert made == cls(**{p.name: v for p, v in zip(params, values)}) and hash(made) == hash(cls(*values))
    assert pickle.loads(pickle.dumps(made)) == made
    assert replace(made, **{params[0].name: "other"}) != made
    with pytest.raises(FrozenInstanceError):
        setattr(made, params[0].name, "other")


def test_a_block_built_with_its_defaults():
    block = model.Block("2.1. Обеспечить", 3)
    assert (block.page, block.number_label, block.in_table, block.bold, block.cell, block.cells) == \
        (None, None, False, False, None, ())
    assert block.to_dict()["text"] == "2.1. Обеспечить"
