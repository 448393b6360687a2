"""The one loader of the YAML files of grammars/ (deadlines, lexicons, calendar, structure).

Installed, grammars/ is the package protokol.grammars; run from a source tree that was
not installed (PYTHONPATH=src), the files are read from the repository's grammars/.
Every problem is a GrammarError(file, None, why).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from protokol.errors import GrammarError

REPO_GRAMMARS = Path(__file__).resolve().parents[2] / "grammars"


def grammar_text(relative: str) -> str:
    """Text of grammars/<relative>, e.g. "deadlines/once.yaml"."""
    try:
        from importlib import resources

        return resources.files("protokol.grammars").joinpath(relative).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        pass
    try:
        return (REPO_GRAMMARS / relative).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GrammarError(relative, None, "file is missing") from None


def read_yaml(relative: str) -> Any:
    """Parse one grammar file, e.g. "structure/markers.yaml"."""
    import yaml

    try:
        return yaml.load(grammar_text(relative), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise GrammarError(relative, None, f"invalid YAML: {exc}") from None


@lru_cache(maxsize=None)
def cached_yaml(relative: str) -> Any:
    return read_yaml(relative)


# the name the deadline grammar used
read_grammar_yaml = read_yaml
