"""Cold start: `protokol deadline` and `protokol --help` import only what they need
(structural, not timed: which modules a fresh interpreter holds afterwards)."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from protokol.cli import LAZY, main
from protokol.cli.lazy import LazyCommands

# modules of the other commands and of reading documents, and heavy libraries
NOT_FOR_DEADLINE = ("protokol.cli.parse", "protokol.cli.batch", "protokol.cli.due", "protokol.batch",
                    "protokol.readers", "protokol.agenda", "protokol.structure", "protokol.pipeline",
                    "protokol.convert", "protokol.api", "rich", "openpyxl", "pdfplumber", "pypdfium2", "docx",
                    "pymorphy3", "yaml", "importlib.metadata", "email",
                    # the document's classes (model_core holds what a deadline needs), the code that builds
                    # the grammar (the stored one is read; its freshness check reads the builders' files)
                    "protokol.model", "protokol.deadlines.grammar.load", "protokol.deadlines.grammar.expand",
                    "protokol.deadlines.grammar.plan", "protokol.morph", "pickle")


def _imported_after(*args: str) -> list[str]:
    code = ("import sys; from protokol.cli import main\n"
            f"try:\n    main({list(args)!r})\nexcept SystemExit:\n    pass\n"
            f"prefixes = {NOT_FOR_DEADLINE!r}\n"
            "print(sorted(m for m in sys.modules if any(m == p or m.startswith(p + '.') for p in prefixes)))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return eval(proc.stdout.strip().splitlines()[-1])  # noqa: S307 - our own printed list


@pytest.mark.parametrize("args", [("deadline", "до 1 июля 2023 г."), ("deadline", "еженедельно", "--date",
                                                                       "2023-06-20"), ("--help",)])
def test_deadline_and_help_import_no_other_command(args):
    assert _imported_after(*args) == []


def test_a_lazy_command_is_imported_when_run():
    assert "protokol.cli.parse" in subprocess.run(
        [sys.executable, "-c", "import sys; from protokol.cli import main\n"
         "try:\n    main(['parse', '--help'])\nexcept SystemExit:\n    pass\n"
         "print(sorted(m for m in sys.modules if m.startswith('protokol.cli.')))"],
        capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("name", sorted(LAZY))
def test_stored_short_help_is_the_commands_own(name):
    command = main.commands[name]
    assert LAZY[name][2] == command.help.split("\n\n")[0]
    fresh = LazyCommands({}, {name: LAZY[name]})
    for limit in (20, 45, 60, 200):
        assert fresh.short_help(name)(limit) == command.get_short_help_str(limit)


def test_help_is_the_same_before_and_after_the_commands_load(monkeypatch):
    fresh = LazyCommands({name: c for name, c in dict.items(main.commands) if name not in LAZY}, LAZY)
    monkeypatch.setattr(main, "commands", fresh)
    before = main.get_help(click.Context(main, info_name="protokol"))
    assert sorted(name for name, c in dict.items(fresh) if c is None) == sorted(LAZY)  # none loaded by --help
    for name in LAZY:
        assert isinstance(fresh[name], click.Command)
    assert main.get_help(click.Context(main, info_name="protokol")) == before
    assert all(f"\n  {name} " in before for name in ("batch", "deadline", "due", "parse", "schema"))


def test_lazy_commands_behave_as_a_dict():
    commands = LazyCommands({}, LAZY)
    assert sorted(commands) == sorted(LAZY)
    assert commands.get("nonsense") is None
    assert all(isinstance(c, click.Command) for c in commands.values())
    assert [name for name, _ in commands.items()] == list(LAZY)


def test_the_console_script_pauses_the_collector_only_in_its_own_process():
    """protokol.__main__.run (the `protokol` script): the collector is paused while the
    command line is imported and its objects frozen at the end; an import leaves it on."""
    code = ("import gc, sys\n"
            "sys.argv = ['protokol', 'deadline', 'до 1 июля 2023 г.']\n"
            "from protokol.__main__ import run\n"
            "try:\n    run()\nexcept SystemExit as exc:\n    print(exc.code, gc.isenabled(), gc.get_freeze_count() > 10000)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert '"due": "2023-07-01"' in proc.stdout and proc.stdout.strip().splitlines()[-1] == "0 True True"
    code = "import gc\nimport protokol.cli\nprint(gc.isenabled(), gc.get_freeze_count())\n"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "True 0\n"
    from pathlib import Path

    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert '\nprotokol = "protokol.__main__:run"\n' in pyproject
