"""The console examples of README and docs/ run, and print exactly what they show."""

from __future__ import annotations

import re
import shlex

import pytest
from click.testing import CliRunner

from protokol.cli import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = [README] + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md"))]
EXAMPLES = [example for text in DOCS for example in re.findall(r"```console\n\$ (.+?)\n(.*?)```", text, re.S)]


def test_readme_has_console_examples():
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize("command, expected", EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_console_example(command, expected, monkeypatch):
    monkeypatch.chdir(ROOT)
    args = shlex.split(command)
    assert args[0] == "protokol"
    result = CliRunner().invoke(main, args[1:], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == expected


def test_library_example_values():
    import protokol

    result = protokol.parse(ROOT / "samples" / "protocol-2023-06-20-D05-78.docx")
    assert (result.protocol.number, result.protocol.date) == ("Д05-78/05пр", "2023-06-20")
    assert protokol.read_deadline("еженедельно до 20 августа 2023 г.", date="2023-06-20")[0].rrule == \
        "FREQ=WEEKLY;UNTIL=20230820"
    brief = protokol.parse_text("РЕШИЛИ:\n1. Минфину края обеспечить финансирование.\nСрок: до 1 апреля 2024 г.")
    task = brief.sections[0].directives[0]
    assert (task.addressees, task.action, task.deadlines[0].due) == (("Минфину края",), "обеспечить", "2024-04-01")
    assert "FREQ=WEEKLY;UNTIL=20230820" in README and "Д05-78/05пр 2023-06-20" in README
