"""protokol: Russian meeting protocols into sections, directives and deadlines."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
