"""Domain errors. The library raises these; only cli.py maps them to exit codes."""

from __future__ import annotations


class ProtokolError(Exception):
    """Base class of every error protokol raises on purpose."""


class ReadError(ProtokolError):
    """The input could not be read: unsupported, corrupt, encrypted, empty, too large."""

    def __init__(self, path: str, why: str) -> None:
        self.path = path
        self.why = why
        super().__init__(f"{path}: {why}" if path else why)


class GrammarError(ProtokolError):
    """A grammar file in grammars/ is invalid. Raised when the grammar is loaded."""

    def __init__(self, file: str, rule: str | None, why: str) -> None:
        self.file = file
        self.rule = rule
        self.why = why
        where = f"{file}: rule {rule!r}" if rule else file
        super().__init__(f"{where}: {why}")


class TimeBudgetExceeded(ProtokolError):
    """Reading or parsing one input took longer than its wall-clock budget (Limits.timeout)."""

    def __init__(self, path: str, seconds: float) -> None:
        self.path = path
        self.seconds = seconds
        why = f"took longer than {seconds:g} s (raise --timeout to allow more)"
        super().__init__(f"{path}: {why}" if path else why)
