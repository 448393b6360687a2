"""The one loader of the files of grammars/ (deadlines, lexicons, calendar, structure).

Installed, grammars/ is the package protokol.grammars; run from a source tree that was
not installed (PYTHONPATH=src), the files are read from the repository's grammars/.
Every problem is a GrammarError(file, None, why).

Files generated from others (the built deadline grammar, the calendar table) are JSON
and carry a fingerprint of what they were made from (`fingerprint`): a reader that
finds it differs from the sources at hand builds from the sources instead.
"""

from __future__ import annotations

import json
import os
import zlib
from functools import lru_cache
from typing import Any

from protokol.errors import GrammarError

# os.path, not pathlib, on the way to reading a deadline (pathlib's import costs ~3 ms)
_REPO_GRAMMARS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__)))), "grammars")


def __getattr__(name: str) -> Any:
    if name == "REPO_GRAMMARS":  # the repository's grammars/, as a Path (imported on first use)
        from pathlib import Path

        return Path(_REPO_GRAMMARS)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=1)
def _package_dir() -> str | None:
    """grammars/ as installed (a plain directory), without importlib.resources' import cost."""
    try:
        import protokol.grammars as package
    except ModuleNotFoundError:
        return None
    where = getattr(package, "__file__", None)
    return os.path.dirname(where) if where else None


def grammar_bytes(relative: str) -> bytes | None:
    """The bytes of grammars/<relative>, or None when it is not found."""
    for base in (_package_dir(), _REPO_GRAMMARS):
        if base is None:
            continue
        try:
            with open(os.path.join(base, relative), "rb") as file:
                return file.read()
        except (FileNotFoundError, NotADirectoryError):
            continue
    try:  # installed in some other way (a zip): through the package's loader
        from importlib import resources

        return resources.files("protokol.grammars").joinpath(relative).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        return None


def grammar_text(relative: str) -> str:
    """Text of grammars/<relative>, e.g. "deadlines/once.yaml"."""
    for base in (_package_dir(), _REPO_GRAMMARS):
        if base is None:
            continue
        try:
            with open(os.path.join(base, relative), encoding="utf-8") as file:
                return file.read()
        except (FileNotFoundError, NotADirectoryError):
            continue
    try:  # installed in some other way (a zip): through the package's loader
        from importlib import resources

        return resources.files("protokol.grammars").joinpath(relative).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        raise GrammarError(relative, None, "file is missing") from None


def read_json(relative: str) -> Any:
    """Parse one generated grammar file, e.g. "calendar/ru-table.json"."""
    try:
        return json.loads(grammar_text(relative))
    except ValueError as exc:
        raise GrammarError(relative, None, f"invalid JSON: {exc}") from None


def fingerprint(texts: dict[str, str]) -> str:
    """A short digest of named texts (a file name -> its text), for staleness checks."""
    parts = [f"{name}:{len(text)}:{zlib.crc32(text.encode('utf-8')):08x}" for name, text in sorted(texts.items())]
    return f"{zlib.crc32(chr(10).join(parts).encode('utf-8')):08x}-{sum(len(t) for t in texts.values())}"


def installed_version(module: str, distribution: str) -> str | None:
    """The installed version of a distribution, read from the name of its .dist-info
    folder beside the module (importlib.metadata costs ~10 ms to import: every run pays
    it for the stored grammar's freshness check); importlib.metadata when not found."""
    site = _site_of(module)
    if site is not None:
        prefix = distribution.replace("-", "_").replace(".", "_").lower() + "-"  # the folder's normalized name
        try:
            names = os.listdir(site)
        except OSError:
            names = []
        for name in sorted(names):
            if name.endswith(".dist-info") and name.lower().startswith(prefix):
                return name[len(prefix):-len(".dist-info")]
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _site_of(module: str) -> str | None:
    """The sys.path folder holding the top-level package or module `module`, found as
    the import system would find it on a plain path (importlib.util costs an import)."""
    import sys

    for folder in sys.path:
        base = os.path.join(folder or ".", module)
        if os.path.isfile(os.path.join(base, "__init__.py")) or os.path.isfile(base + ".py"):
            return folder or "."
    return None


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
