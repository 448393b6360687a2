"""`protokol parse` options of the register and the calendar: --all-kinds, --ics-kind."""

from __future__ import annotations

import icalendar
import openpyxl
from click.testing import CliRunner

from protokol.cli import main
from tests.register.protocols import FIRST


def _parse(tmp_path, *args: str):
    source = tmp_path / "first.txt"
    source.write_text(FIRST, encoding="utf-8")
    done = CliRunner().invoke(main, ["parse", str(source), *args])
    assert done.exit_code == 0, done.output


def test_all_kinds_puts_notes_in_the_register(tmp_path):
    _parse(tmp_path, "-o", str(tmp_path / "tasks.xlsx"))
    _parse(tmp_path, "-o", str(tmp_path / "all.xlsx"), "--all-kinds")
    kinds = [{row[5] for row in openpyxl.load_workbook(tmp_path / name)["Реестр"].iter_rows(min_row=2, values_only=True)}
             for name in ("tasks.xlsx", "all.xlsx")]
    assert kinds == [{"поручение"}, {"поручение", "к сведению"}]


def test_ics_kind(tmp_path):
    for kind, todos, events in (("todo", 3, 0), ("event", 0, 3), ("both", 3, 3)):
        path = tmp_path / f"{kind}.ics"
        _parse(tmp_path, "-o", str(path), "--ics-kind", kind)
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        assert (len(cal.walk("VTODO")), len(cal.walk("VEVENT"))) == (todos, events)
    done = CliRunner().invoke(main, ["parse", str(tmp_path / "first.txt"), "--format", "ics", "--ics-kind", "all"])
    assert done.exit_code == 2
