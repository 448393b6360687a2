"""Locate and read the YAML files of grammars/ (shipped as the package protokol.grammars)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from protokol.errors import GrammarError


def read_yaml(relative: str) -> Any:
    """Parse one grammar file, e.g. "structure/markers.yaml"."""
    import yaml

    node = resources.files("protokol.grammars").joinpath(relative)
    try:
        return yaml.load(node.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except FileNotFoundError:
        raise GrammarError(relative, None, "file is missing") from None
    except yaml.YAMLError as exc:
        raise GrammarError(relative, None, f"invalid YAML: {exc}") from None


@lru_cache(maxsize=None)
def cached_yaml(relative: str) -> Any:
    return read_yaml(relative)
