"""Helpers for hostile-input tests: run the CLI like a user, with bounded memory and time."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SEED = "protocol-2023-06-20-D05-78"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MEMORY = 1024 * 1024 * 1024  # address-space limit of a CLI run: 1 GB


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def cli(*args: str, timeout: float = 60, stdin: bytes | None = None, cwd: Path | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m protokol ARGS` in a subprocess under a 1 GB address-space limit."""
    return subprocess.run(
        [sys.executable, "-m", "protokol", *args], input=stdin.decode("latin-1") if stdin else None,
        capture_output=True, text=True, timeout=timeout, preexec_fn=_limit_memory, cwd=cwd,
        env={**os.environ, **(env or {})},
    )


def assert_refused(proc: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """Exit 1, nothing on stdout, exactly one stderr line "protokol: error: ...", no traceback."""
    assert proc.returncode == 1, (proc.returncode, proc.stderr[-2000:])
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert proc.stderr.endswith("\n") and proc.stderr.count("\n") == 1, proc.stderr[-2000:]
    assert proc.stderr.startswith("protokol: error: "), proc.stderr
    for fragment in fragments:
        assert fragment.lower() in proc.stderr.lower(), (fragment, proc.stderr)
    return proc.stderr


def assert_parsed(proc: subprocess.CompletedProcess[str]) -> dict:
    import json

    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr
    data = json.loads(proc.stdout)
    validate(data)
    return data


def validate(data: object, name: str = "result") -> None:
    """The output contract's JSON Schema (protokol.output.schema)."""
    from protokol.output.schema import validate as check

    check(data, name)
