"""Every input in fuzz/regressions/ (crashes found by fuzz/fuzz_readers.py, and hand-made
relatives): read_bytes + parse_document raise nothing but ProtokolError.

A file named "<fmt>-<what>.<ext>" is read with that reader forced (as the harness did
with PROTOKOL_FUZZ_FORMAT=<fmt>) and also with the format sniffed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from protokol.errors import ProtokolError
from protokol.pipeline import parse_document
from protokol.readers import Limits, read_bytes
from tests.hostile.conftest import validate

REGRESSIONS = Path(__file__).resolve().parents[2] / "fuzz" / "regressions"
FILES = sorted(p for p in REGRESSIONS.iterdir() if p.is_file() and p.name != "README.md")
HARNESS_LIMITS = Limits(max_bytes=4 * 1024 * 1024, max_pages=50, max_unzipped=32 * 1024 * 1024)


def test_there_are_regression_inputs():
    assert len(FILES) >= 3


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
@pytest.mark.parametrize("limits", [Limits(), HARNESS_LIMITS], ids=["default_limits", "harness_limits"])
def test_regression_input_is_a_result_or_a_protokol_error(path, limits):
    data = path.read_bytes()
    prefix = path.name.split("-", 1)[0]
    for fmt in dict.fromkeys([prefix if prefix in ("docx", "pdf", "txt") else None, None]):
        try:
            doc = read_bytes(data, path.name, fmt=fmt, limits=limits)
        except ProtokolError as err:
            assert "\n" not in str(err)
            continue
        validate(json.loads(json.dumps(parse_document(doc).to_dict())))
