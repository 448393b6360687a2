"""The table of supported forms is generated from the grammar examples."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from protokol.deadlines import forms_table

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "gen_forms_table.py"


def _script():
    spec = importlib.util.spec_from_file_location("gen_forms_table", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_one_row_per_example(grammar):
    table = forms_table()
    rows = table.splitlines()[2:]
    assert len(rows) == sum(len(r.examples) for r in grammar.rules)
    assert "| до 12:00 (МСК) четверга | 2023-06-20 | recurring |" in table
    assert "rrule `FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=0`" in table
    assert all(row.count(" | ") == 4 for row in rows)  # no stray "|" inside a cell


def test_script_writes_between_the_markers(tmp_path, capsys):
    script = _script()
    readme = tmp_path / "README.md"
    readme.write_text("# x\n\n<!-- forms:start -->\nold\n<!-- forms:end -->\n\ntail\n", encoding="utf-8")
    assert script.main(["--check", "--readme", str(readme)]) == 1
    assert script.main(["--readme", str(readme)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert text == f"# x\n\n<!-- forms:start -->\n{forms_table()}<!-- forms:end -->\n\ntail\n"
    assert script.main(["--check", "--readme", str(readme)]) == 0
    readme.write_text("no markers\n", encoding="utf-8")
    assert script.main(["--readme", str(readme)]) == 0
    assert capsys.readouterr().out == forms_table()
    assert readme.read_text(encoding="utf-8") == "no markers\n"
