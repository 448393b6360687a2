"""Golden files: the whole JSON of every sample, compared byte for byte.

Run `python -m pytest tests/test_golden.py --update-golden` after an intended change,
then review the diff of tests/golden/ like any other code change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from protokol.output.json import dumps
from protokol.output.schema import validate
from tests.conftest import sample_paths

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("sample", sample_paths(), ids=lambda p: p.name)
def test_sample_matches_golden(sample, seed_results, request):
    data = seed_results[sample.name].to_dict()
    data["source"]["path"] = f"samples/{sample.name}"  # independent of where the repo lives
    validate(data, "result")
    text = dumps(data) + "\n"
    golden = GOLDEN / f"{sample.name}.json"
    if request.config.getoption("--update-golden"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run pytest with --update-golden"
    assert text == golden.read_text(encoding="utf-8")


def test_every_golden_file_has_its_sample():
    names = {p.name for p in sample_paths()}
    assert {p.name[: -len(".json")] for p in GOLDEN.glob("*.json")} == names
