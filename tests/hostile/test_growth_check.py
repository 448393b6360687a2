"""The growth check itself (assert_linear): it passes linear code and fails quadratic code,
also with the limit widened by the machine's memory penalty."""

from __future__ import annotations

import pytest

from tests.hostile.test_big_inputs import assert_linear, memory_penalty


def _linear(text: str) -> int:
    return sum(1 for ch in text if ch == "а")


def _quadratic(text: str) -> int:
    # each prefix copied: 1 + 2 + ... + n characters
    return sum(len(text[:k]) for k in range(0, len(text), 8))


def test_linear_code_passes():
    assert_linear(_linear, lambda n: "аб" * n, 5_000)


def test_quadratic_code_fails():
    with pytest.raises(AssertionError, match="memory penalty"):
        assert_linear(_quadratic, lambda n: "аб" * n, 2_000, attempts=2)


def test_memory_penalty_is_near_one_for_equal_sizes():
    # the same working set at both sizes: no penalty to speak of (noise aside)
    assert 0.5 < memory_penalty(1_000_000, 1_000_000) < 2
