"""The commands of a click group, each imported from its module only when it is run or
looked up (click's lazy-loading pattern), so a run pays for one command and `--help`
for none. The group's help lists them from their stored first help paragraph."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import click


class LazyCommands(dict[str, click.Command]):
    """A dict of commands (Group.commands) that imports a lazy one on first access.

    Every name, loaded or not, is a key: `sorted(group.commands)` lists them all;
    `commands[name]`, `.get`, `.values()` and `.items()` import what they return."""

    def __init__(self, loaded: Mapping[str, click.Command], lazy: Mapping[str, tuple[str, str, str]]) -> None:
        super().__init__(loaded)
        self._lazy = {name: spec for name, spec in lazy.items() if name not in loaded}
        for name in self._lazy:
            super().__setitem__(name, None)  # type: ignore[assignment]  # a placeholder until loaded

    def _load(self, name: str) -> click.Command:
        module, attribute, _help = self._lazy.pop(name)
        command = getattr(importlib.import_module(module), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module}.{attribute} is not a click command")
        super().__setitem__(name, command)
        return command

    def __getitem__(self, name: str) -> click.Command:
        return self._load(name) if name in self._lazy else super().__getitem__(name)

    def get(self, name: str, default: Any = None) -> Any:  # type: ignore[override]
        return self[name] if name in self else default

    def values(self) -> Iterator[click.Command]:  # type: ignore[override]
        return (self[name] for name in list(self))

    def items(self) -> Iterator[tuple[str, click.Command]]:  # type: ignore[override]
        return ((name, self[name]) for name in list(self))

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._lazy.pop(name, None)
        super().__setitem__(name, command)

    def hidden(self, name: str) -> bool:
        """Whether `--help` leaves the command out (a lazy command never is hidden)."""
        return name not in self._lazy and bool(self[name].hidden)

    def short_help(self, name: str) -> Callable[[int], str]:
        """The command's short help for a width limit, without importing a lazy one."""
        if name in self._lazy:
            return click.Command(name, help=self._lazy[name][2]).get_short_help_str  # click's own shortening
        return self[name].get_short_help_str
