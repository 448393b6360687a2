"""Docs that cannot drift: every command has help with an example and a README section."""

from __future__ import annotations

import pytest

from protokol.cli import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
DEADLINES = (ROOT / "docs" / "deadlines.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_command_has_help_with_an_example(name):
    command = main.commands[name]
    assert command.help and len(command.help) > 40
    assert "Examples:" in command.help and f"protokol {name}" in command.help


@pytest.mark.parametrize("name", sorted(main.commands))
def test_command_has_a_readme_section(name):
    assert f"\n### protokol {name}\n" in README


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_option_has_help(name):
    for param in main.commands[name].params:
        if param.param_type_name == "option":
            assert getattr(param, "help", None), f"{name} {param.name}"


def test_quick_start_is_two_commands_and_ci_runs_the_test_command():
    start = README.index("## Quick start")
    block = README[README.index("```bash", start) + len("```bash"): README.index("```", README.index("```bash", start) + 7)]
    commands = [line for line in block.strip().splitlines() if line.strip()]
    assert len(commands) == 2
    assert "protokol parse samples/" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\n" + commands[1].strip() + "\n" in ci


def test_forms_table_is_generated_from_the_grammar_examples():
    from protokol.deadlines import forms_table

    start = DEADLINES.index("<!-- forms:start -->") + len("<!-- forms:start -->")
    end = DEADLINES.index("<!-- forms:end -->")
    assert DEADLINES[start:end].strip() == forms_table().strip()


def test_readme_is_short_and_its_links_into_docs_resolve():
    import re

    assert len(README.splitlines()) <= 200
    for page in re.findall(r"\]\(((?:docs|grammars)/[^)#]+)", README):
        assert (ROOT / page).is_file(), page
    for doc in (ROOT / "docs").glob("*.md"):
        for target in re.findall(r"\]\(([a-z-]+\.md)", doc.read_text(encoding="utf-8")):
            assert (ROOT / "docs" / target).is_file(), (doc.name, target)
