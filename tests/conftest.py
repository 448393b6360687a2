"""Shared fixtures: costly objects once per session (style.md point 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = "protocol-2023-06-20-D05-78"


def sample_paths() -> list[Path]:
    return sorted(p for p in SAMPLES.glob(f"{SEED}*") if p.suffix in {".txt", ".docx", ".pdf"})


@pytest.fixture(scope="session")
def seed_results() -> dict[str, object]:
    """The seed protocol parsed from every shipped sample format, keyed by file name."""
    from protokol.pipeline import parse_path

    return {p.name: parse_path(p) for p in sample_paths()}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite tests/golden/*.json from the current output instead of comparing.")
