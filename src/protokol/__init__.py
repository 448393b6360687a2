"""protokol: Russian meeting protocols into sections, directives and deadlines.

    >>> import protokol
    >>> result = protokol.parse("protocol.docx")            # doctest: +SKIP
    >>> protokol.read_deadline("до 1 июля 2023 г.", date="2023-06-20")[0].due
    '2023-07-01'
    >>> [d.due for d in protokol.scan_deadlines("Представить отчет в срок до 1 июля 2023 г.", date="2023-06-20")]
    ['2023-07-01']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from protokol.api import (
        clear_caches, executors, find_deadlines, parse, parse_text, read_deadline, references, scan_deadlines,
    )

__version__ = "0.1.0"

__all__ = [
    "__version__", "clear_caches", "executors", "find_deadlines", "parse", "parse_text", "read_deadline", "references",
    "scan_deadlines",
]


def __getattr__(name: str) -> Any:
    """The API functions (protokol.api), imported on first use: `import protokol.cli`
    and every other submodule import this package first, and should not pay for it."""
    if name in __all__:
        from protokol import api

        value = getattr(api, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'protokol' has no attribute {name!r}")
