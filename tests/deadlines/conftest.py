"""Costly objects, built once per test session."""

from __future__ import annotations

import datetime as dt

import pytest

PROTOCOL_DATE = dt.date(2023, 6, 20)


@pytest.fixture(scope="session")
def grammar():
    from protokol.deadlines.grammar import grammar as load

    return load()


@pytest.fixture(scope="session")
def sources():
    from protokol.deadlines.grammar import read_sources

    return read_sources()
