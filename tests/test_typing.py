"""mypy passes on src/ (configured in pyproject.toml)."""

from __future__ import annotations

from mypy import api

from tests.conftest import ROOT


def test_mypy_passes_on_src():
    stdout, stderr, status = api.run(["--config-file", str(ROOT / "pyproject.toml"), str(ROOT / "src" / "protokol")])
    assert status == 0, stdout + stderr
