"""Read the grammar's data files: the package protokol.grammars, or the repo's grammars/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from protokol.errors import GrammarError

REPO_GRAMMARS = Path(__file__).resolve().parents[3] / "grammars"


def grammar_text(relative: str) -> str:
    """Text of grammars/<relative>, installed or (for an uninstalled run) from the repo."""
    try:
        from importlib import resources

        return resources.files("protokol.grammars").joinpath(relative).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        pass
    try:
        return (REPO_GRAMMARS / relative).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GrammarError(relative, None, "file is missing") from None


def read_grammar_yaml(relative: str) -> Any:
    import yaml

    try:
        return yaml.load(grammar_text(relative), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise GrammarError(relative, None, f"invalid YAML: {exc}") from None
