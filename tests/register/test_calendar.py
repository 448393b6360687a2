"""The calendar imported by three independent readers: icalendar, vobject and khal (run for real)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import icalendar
import pytest
import vobject

from protokol.api import parse_text
from protokol.output import ics
from protokol.output.formats import render
from tests.register.protocols import FIRST, OTHER, SECOND

UTC3 = dt.timedelta(hours=3)


@pytest.fixture(scope="module")
def results():
    return [parse_text(FIRST, name="a/first.txt"), parse_text(SECOND, name="a/second.txt"),
            parse_text(OTHER, name="b/other.txt")]


def _uids(data: bytes, name: str) -> list[str]:
    return [str(c["uid"]) for c in icalendar.Calendar.from_ical(data).walk(name)]


def test_both_kinds_by_default_and_each_alone(results):
    both = ics.render(results)
    todos, events = _uids(both, "VTODO"), _uids(both, "VEVENT")
    assert len(todos) == len(events) == 5  # items 1, 2, 3 of FIRST, 2 of SECOND (1 has no date), 1 of OTHER
    assert _uids(ics.render(results, ics_kind="todo"), "VEVENT") == []
    assert _uids(ics.render(results, ics_kind="event"), "VTODO") == []
    with pytest.raises(ValueError, match="calendar kind"):
        ics.render(results, ics_kind="tasks")


def test_uids_unique_across_protocols_and_stable_across_renames(results):
    data = ics.render(results)
    uids = _uids(data, "VTODO") + _uids(data, "VEVENT")
    assert len(uids) == len(set(uids))  # FIRST and OTHER are both "№ 5-пр" of 10.01.2024
    renamed = [parse_text(FIRST, name="elsewhere/renamed.txt")]
    assert _uids(ics.render(renamed), "VEVENT") == _uids(ics.render(results[:1]), "VEVENT")


def test_copies_of_one_protocol_give_no_duplicate_uids(results):
    data = ics.render([results[0], parse_text(FIRST, name="copy/first.txt")])
    uids = _uids(data, "VTODO") + _uids(data, "VEVENT")
    assert len(uids) == len(set(uids)) == len(_uids(ics.render(results[:1]), "VTODO")) * 2


def test_events_all_day_or_timed(results):
    cal = icalendar.Calendar.from_ical(ics.render(results[:1], ics_kind="event"))
    events = {str(e["summary"]).split(":", 1)[0]: e for e in cal.walk("VEVENT")}
    march = events["1"]
    assert march["dtstart"].dt == dt.date(2024, 3, 1) and march["duration"].dt == dt.timedelta(days=1)
    friday = events["2"]
    assert friday["dtstart"].dt == dt.datetime(2024, 1, 12, 14, 0, tzinfo=dt.timezone.utc)  # 17:00 MSK
    assert str(friday["rrule"].to_ical().decode()) == "FREQ=WEEKLY;BYDAY=FR"
    assert str(events["3"]["transp"]) == "TRANSPARENT"


def test_vobject_reads_the_same_moments_as_utc_plus_3(results):
    data = ics.render(results[:1]).decode("utf-8")
    cal = vobject.readOne(data)
    timed = [e for e in cal.vevent_list if isinstance(e.dtstart.value, dt.datetime)]
    assert timed
    for event in timed:
        local = event.dtstart.value.astimezone(dt.timezone(UTC3))
        assert (local.hour, local.minute) == (17, 0)
    first = next(iter(timed[0].getrruleset()))
    assert first.astimezone(dt.timezone(UTC3)) == dt.datetime(2024, 1, 12, 17, 0, tzinfo=dt.timezone(UTC3))
    assert {t.due.value for t in cal.vtodo_list if not isinstance(t.due.value, dt.datetime)} == {
        dt.date(2024, 3, 1), dt.date(2024, 2, 9)}


def test_seed_calendar_is_read_alike_by_icalendar_and_vobject(seed_results):
    result = next(iter(seed_results.values()))
    data = render("ics", [result])
    with_icalendar = {str(c["uid"]): c["dtstart"].dt for c in icalendar.Calendar.from_ical(data).walk("VEVENT")}
    with_vobject = {e.uid.value: e.dtstart.value for e in vobject.readOne(data.decode("utf-8")).vevent_list}
    assert with_icalendar == with_vobject


def _khal(tmp_path: Path, *args: str) -> str:
    khal = shutil.which("khal")
    assert khal, "khal is not installed (apt-get install khal): the calendar is imported into it for real"
    done = subprocess.run([khal, "-c", str(tmp_path / "khal.conf"), *args], capture_output=True, text=True,
                          timeout=120, env={"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
                                            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "Europe/Moscow"})
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_khal_imports_every_event(results, tmp_path):
    (tmp_path / "cal").mkdir()
    (tmp_path / "khal.conf").write_text(f"""[calendars]
[[protokol]]
path = {tmp_path / 'cal'}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = Europe/Moscow
default_timezone = Europe/Moscow
[default]
default_calendar = protokol
""", encoding="utf-8")
    path = tmp_path / "register.ics"
    path.write_bytes(ics.render(results))
    _khal(tmp_path, "import", "--batch", "-a", "protokol", str(path))
    assert len(list((tmp_path / "cal").glob("*.ics"))) == len(_uids(path.read_bytes(), "VEVENT"))
    week = _khal(tmp_path, "list", "--format", "{start} {title}", "2024-01-12", "1d")
    assert "2024-01-12 17:00 2: Главе поселения" in week
    march = _khal(tmp_path, "list", "--format", "{start} {title}", "2024-03-01", "1d")
    assert march.count("1: Минфину края") == 1 and "1: Директорам школ" in march
