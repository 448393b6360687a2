"""Frozen, slotted value classes written out by hand: what @dataclass(frozen=True,
slots=True) gives a class (the same __init__, equality and hash by the fields in
order, the same repr, immutability, __match_args__, pickling), without its cost at
import: a dataclass compiles about six methods with exec, some 0.8 ms a class, which
`protokol deadline` pays for every class it defines before reading anything.

A subclass lists its fields, in order, in __match_args__ (as a dataclass does), gives
them as __slots__ and writes __init__ with `_set(self, name, value)` (object.__setattr__)
or, for many fields, `self._fill(value, ...)`.
Used for the grammar's many small values (grammar/rules.py, lexicon.py).
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any

_set = object.__setattr__


class Frozen:
    __slots__ = ()
    __match_args__: tuple[str, ...] = ()

    def _fill(self, *values: Any) -> None:
        """Set the fields, in order (for an __init__ of many fields)."""
        for name, value in zip(self.__match_args__, values, strict=True):
            _set(self, name, value)

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self.__match_args__])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()  # type: ignore[attr-defined, no-any-return]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__match_args__)
        return f"{type(self).__qualname__}({fields})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> tuple[Any, ...]:
        return self._values()

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, value in zip(self.__match_args__, state):
            _set(self, name, value)
