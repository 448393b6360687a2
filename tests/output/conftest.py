"""Fixtures for the renderer tests; the results themselves are built in outdata.py."""

from __future__ import annotations

import pytest

from protokol.model import ParseResult
from tests.output.outdata import bare_result, seed_result


@pytest.fixture()
def result() -> ParseResult:
    return seed_result()


@pytest.fixture()
def results() -> list[ParseResult]:
    return [seed_result(), bare_result()]
