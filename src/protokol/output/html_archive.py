"""The archive's report: out/index.html of a batch run, the parse and due reports' page
(output/html.py: its Jinja2 environment, layout, filter script and timeline) for every
protocol of an archive, seen from `today`.

    >>> with open("out/index.html", "w", encoding="utf-8") as page:          # doctest: +SKIP
    ...     write_index(Path("out"), manifest_records, page, today=dt.date(2024, 3, 6))

It shows the archive's counts and failures, a filter by executor and status, a timeline of
the deadlines (weeks across, from WEEKS_BEFORE weeks before today's week, WEEKS weeks; the
overdue ones before it in a first column "ранее"), the protocols with their tasks
(executor, deadline as written and resolved, status: overdue, today, this week, later by
the same rule as `protokol due`, recurring without an occurrence in the next year,
undated) and the list of input files with their outputs.

Streamed, never the whole archive in memory: the protocols are read one at a time (from
the batch's JSON outputs, else its cached directive records), each one's rows rendered at
once into a temporary file, and only the tallies are kept (counts by status, executor
names, the timeline's marks counted by day, status and executors, days before the
timeline folded into one week). The page is then written by Template.generate(), the
temporary files copied into it in pieces.

A large archive (its manifest counts more than ROW_LIMIT directives) lists the tasks
due today or this week, all of them, and while fewer than ROW_LIMIT are listed, those
due on another day the timeline shows (overdue by at most WEEKS_BEFORE weeks, or coming
up); each protocol's others are counted in a row of their own, pointing at its output and
at register.xlsx. A smaller one lists every task (at most ROW_LIMIT when its size was not
told beforehand).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from protokol import __version__
from protokol.acts import act_heading
from protokol.output.html import STATUS_LABELS, Mark, environment, timeline

if TYPE_CHECKING:
    from protokol.output.html_parts import Part

ROW_LIMIT = 5000  # tasks listed in full; see the module docstring
WEEKS_BEFORE, WEEKS = 4, 26  # the timeline: from 4 weeks before today's week, 26 weeks
HORIZON = 366  # days ahead in which a recurring task's next occurrence gives its status
TASK_STATUSES = ("overdue", "today", "this_week", "later", "recurring", "undated")
FILE_LABELS = {"ok": "обработан", "skipped": "обработан", "failed": "ошибка", "unsupported": "не поддерживается",
               "skipped_link": "ссылка пропущена"}
OTHER_FILES = {"unsupported": "не поддерживается", "skipped_link": "ссылок пропущено"}
CHUNK = 1 << 16
Record = Mapping[str, Any]


class _Tally:
    """What the page's head needs, kept while the protocols stream by."""

    def __init__(self, today: dt.date, large: bool) -> None:
        from protokol.agenda.expand import Window

        self.today, self.large = today, large
        monday = today - dt.timedelta(days=today.weekday())
        self.first = monday - dt.timedelta(weeks=WEEKS_BEFORE)
        self.last = self.first + dt.timedelta(weeks=WEEKS, days=-1)
        self.window = Window(self.first, self.last, today, overdue=True)
        self.week_end = today + dt.timedelta(days=6 - today.weekday())
        self.statuses: Counter[str] = Counter()
        self.files: Counter[str] = Counter()
        self.marks: Counter[tuple[dt.date, str, tuple[str, ...]]] = Counter()
        self.packed: Counter[str] = Counter()  # marks of the workers' parts, by their JSON [day, status, executors]
        self.executors: set[str] = set()
        self.shown: set[str] = set()  # the statuses of tasks and of marks, for the filter
        self.tasks = self.listed = self.protocols = 0

    def listable(self, status: str, day: dt.date | None) -> bool:
        if self.large and status in ("today", "this_week"):
            return True
        if self.listed >= ROW_LIMIT:
            return False
        return not self.large or (day is not None and self.first <= day <= self.last)

    def mark(self, day: dt.date, status: str, executors: tuple[str, ...]) -> None:
        if day < self.first:  # one week "ранее": only the weekday counts there
            day = self.first - dt.timedelta(days=7 - day.weekday())
        self.marks[day, status, executors] += 1
        self.shown.add(status)


def write_index(out: Path, records: Sequence[Record], target: IO[str], *, today: dt.date) -> None:
    """out/index.html of the batch output folder `out` whose manifest records (in order)
    are `records`, written to `target`."""
    write_report(target, entries(out, records, today), today=today,
                 directives=sum(int(r.get("directives") or 0) for r in records))


def entries(out: Path, records: Iterable[Record],
            today: dt.date | None = None) -> Iterator[tuple[Record, dict[str, Any] | Part | None]]:
    """Each manifest record with its protocol's contract dict (None unless converted), read
    one at a time: its JSON output, else the batch's cached directive records; or, with
    `today`, the part its worker rendered for that day when there is one (Part)."""
    from protokol.output.html_parts import Part, read_part

    for record in records:
        data: dict[str, Any] | Part | None = None
        if record.get("status") in ("ok", "skipped"):
            def load(record: Record = record) -> dict[str, Any]:
                return _json_output(out, record) or _cached(out, record["path"])

            part = read_part(out, record, today) if today is not None else None
            data = Part(part, load) if part is not None else load()
        yield record, data


def _json_output(out: Path, record: Record) -> dict[str, Any] | None:
    output = record.get("output") or ""
    if not output.endswith(".json"):
        return None
    try:
        raw = (out / output).read_bytes()
    except OSError:
        return None
    return _contract(output, raw)


def _contract(output: str, raw: bytes) -> dict[str, Any] | None:
    import orjson

    if not output.endswith(".json"):
        return None
    try:
        data = orjson.loads(raw)
    except ValueError:
        return None
    return data if isinstance(data, dict) and isinstance(data.get("sections"), list) else None


def _cached(out: Path, rel: str) -> dict[str, Any]:
    from protokol.batch.names import record_file

    try:
        with open(record_file(str(out), rel), "rb") as lines:
            return _from_records(lines, rel)
    except OSError:
        return _from_records((), rel)


def _from_records(lines: Iterable[str | bytes], rel: str) -> dict[str, Any]:
    import orjson

    from protokol.output.archive import results_from_records

    try:
        found = results_from_records(r for line in lines if line.strip() if isinstance(r := orjson.loads(line), dict))
    except ValueError:
        found = []
    return found[0] if found else {"source": {"path": rel}, "protocol": {}, "sections": []}


def write_report(target: IO[str], items: Iterable[tuple[Record, dict[str, Any] | Part | None]], *, today: dt.date,
                 directives: int | None = None, title: str = "Архив протоколов") -> None:
    """The page for `items` (manifest record, contract dict or None), consumed one at a
    time; `directives`: the archive's count, when known beforehand (more than ROW_LIMIT:
    a large archive, see the module docstring)."""
    from protokol.output.html_parts import Part

    tally = _Tally(today, directives is not None and directives > ROW_LIMIT)
    env = environment()
    block, row = env.get_template("archive_protocol.html.j2"), env.get_template("archive_file.html.j2")
    with tempfile.TemporaryFile("w+", encoding="utf-8") as tasks, \
            tempfile.TemporaryFile("w+", encoding="utf-8") as files:
        for index, (record, data) in enumerate(items):
            if isinstance(data, Part) and not data.fits(tally):
                data = data.load()
            head = data.value if isinstance(data, Part) else (data or {}).get("protocol") or {}
            tally.files[str(record.get("status"))] += 1
            line = data.row(record) if isinstance(data, Part) else None
            files.write(row.render(f=_file(record, head)) if line is None else line)
            if isinstance(data, Part):
                tasks.write(data.merge(index, tally))
            elif data is not None:
                protocol = _protocol(index, record, data, tally)
                if protocol["rows"] or protocol["hidden"]:
                    tasks.write(block.render(p=protocol))
        values = _head(tally, title)
        pieces = env.get_template("archive.html.j2").generate(tasks=_pieces(tasks), files=_pieces(files), **values)
        for piece in pieces:
            target.write(piece)


def _pieces(fh: IO[str]) -> Iterator[Any]:
    """A temporary file's content as markup (rendered and escaped already), in pieces."""
    from markupsafe import Markup

    fh.seek(0)
    while piece := fh.read(CHUNK):
        yield Markup(piece)


def _head(tally: _Tally, title: str) -> dict[str, Any]:
    import orjson

    for key, count in tally.packed.items():
        when, state, names = orjson.loads(key)
        tally.marks[dt.date.fromisoformat(when), state, tuple(names)] += count
    day = _day
    counts = [(k, STATUS_LABELS[k], tally.statuses[k]) for k in TASK_STATUSES if tally.statuses[k]]
    done = tally.files["ok"] + tally.files["skipped"]
    files = [f"обработано: {done}", f"с ошибкой: {tally.files['failed']}"]
    files += [f"{label}: {tally.files[k]}" for k, label in OTHER_FILES.items() if tally.files[k]]
    note = None
    if tally.listed < tally.tasks:
        rule = (f"все со сроком сегодня и на этой неделе, и, пока их меньше {ROW_LIMIT}, со сроком на шкале "
                f"(с {day(tally.first)} по {day(tally.last)})" if tally.large else f"первые {ROW_LIMIT}")
        note = (f"Показаны {tally.listed} из {tally.tasks} поручений: {rule}. "
                "Остальные посчитаны в строке своего протокола; все поручения — в register.xlsx и directives.csv.")
    marks = [Mark(d, s, e, f"{'ранее' if d < tally.first else day(d)} · {'; '.join(e) or '—'}", count=n)
             for (d, s, e), n in sorted(tally.marks.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2]))]
    return {"version": __version__, "kind": "index", "title": title, "counts": counts, "note": note,
            "tasks_total": tally.tasks,
            "subtitle": f"Сегодня {day(tally.today)}. Файлов: {sum(tally.files.values())}, {', '.join(files)}; "
                        f"протоколов: {tally.protocols}, поручений: {tally.tasks}",
            "executors": sorted(tally.executors, key=lambda n: (n.casefold(), n)),
            "statuses": [(k, STATUS_LABELS[k]) for k in TASK_STATUSES if tally.statuses[k] or k in tally.shown],
            "timeline": timeline(marks, tally.first, tally.last, tally.today)}


def _file(record: Record, head: Mapping[str, Any]) -> dict[str, Any]:
    status = str(record.get("status") or "failed")
    return {"path": shown(record.get("path") or ""), "output": _link(record), "number": head.get("number") or "",
            "date": _iso_day(head.get("date")), "directives": record.get("directives") or 0,
            "deadlines": record.get("deadlines") or 0, "unparsed": record.get("unparsed") or 0,
            "status": "ok" if status in ("ok", "skipped") else "failed" if status == "failed" else "other",
            "status_label": FILE_LABELS.get(status, status),
            "error": shown(str(record.get("error") or record.get("format") or "")) if status not in ("ok", "skipped")
            else None}


def _protocol(index: int | str, record: Record, data: dict[str, Any], tally: _Tally) -> dict[str, Any]:
    """One protocol's block: its heading, the rows listed, the tasks only counted."""
    from protokol.agenda.collect import protocol_label
    from protokol.agenda.executors import executor_names

    head = data.get("protocol") or {}
    tally.protocols += 1
    anchor = head.get("date") if isinstance(head.get("date"), str) else None
    rows, hidden = [], Counter[str]()
    for section in data.get("sections") or ():
        for directive in section.get("directives") or ():
            if directive.get("kind") == "task":
                names = executor_names(directive)
                status, day = _task(directive, anchor, tally, names)
                tally.tasks += 1
                tally.statuses[status] += 1
                tally.executors.update(names)
                if tally.listable(status, day):
                    tally.listed += 1
                    rows.append(_row(directive, status, day, names))
                else:
                    hidden[status] += 1
    label = protocol_label(head.get("number"), head.get("date"))
    name = act_heading(head.get("act"))
    return {"index": index, "heading": " ".join(x for x in (name, label) if x),
            "title": head.get("title") or "", "organization": head.get("organization") or "",
            "path": shown(record.get("path") or ""), "output": _link(record), "rows": rows,
            "hidden": [(k, STATUS_LABELS[k], hidden[k]) for k in TASK_STATUSES if hidden[k]],
            "hidden_total": sum(hidden.values())}


def _task(directive: dict[str, Any], anchor: str | None, tally: _Tally,
          names: tuple[str, ...]) -> tuple[str, dt.date | None]:
    """A task's status (the `due` rule on its earliest dated day, else on the next
    occurrence of its recurring deadline, in the timeline or up to HORIZON days ahead)
    and that day; its occurrences in the timeline are marked on the way (as `due` finds
    them: agenda.expand; a past occurrence of a recurring task is not overdue, the next
    one replaces it: "recurring")."""
    from protokol.agenda.collect import status
    from protokol.agenda.expand import DATED, occurrences, split_iso

    today, week_end, window, marks = tally.today, tally.week_end, tally.window, tally.marks
    days: list[dt.date] = []
    recurring: list[dict[str, Any]] = []
    upcoming: dt.date | None = None
    for deadline in directive.get("deadlines") or ():
        kind = deadline.get("kind") if isinstance(deadline, dict) else None
        if kind in DATED:
            value = deadline.get("effective_due") or deadline.get("due")
            when = split_iso(value) if isinstance(value, str) else None
            if when is not None:
                days.append(when[0])
                if window.keeps(when[0]):
                    tally.mark(when[0], status(when[0], today, week_end), names)
        elif kind == "recurring" and deadline.get("rrule"):
            recurring.append(deadline)
            for day, _ in occurrences(deadline, anchor, window):  # inside the timeline
                state = "recurring" if day < today else status(day, today, week_end)
                marks[day, state, names] += 1
                tally.shown.add(state)
                if day >= today and (upcoming is None or day < upcoming):
                    upcoming = day
    if not days and recurring:
        days = [upcoming] if upcoming else [found for d in recurring if (found := _next(d, anchor, tally))]
    earliest = min(days) if days else None
    return status(earliest, today, week_end) if earliest else "recurring" if recurring else "undated", earliest


def _next(deadline: dict[str, Any], anchor: str | None, tally: _Tally) -> dt.date | None:
    """The first occurrence after the timeline, up to HORIZON days from today, looked for
    a few weeks at a time (only the first is wanted)."""
    from protokol.agenda.expand import Window, occurrences

    first, end = tally.last + dt.timedelta(days=1), tally.today + dt.timedelta(days=HORIZON)
    while first <= end:
        last = min(end, first + dt.timedelta(weeks=4))
        found = occurrences(deadline, anchor, Window(first, last, tally.today, overdue=False))
        if found:
            return found[0][0]
        first = last + dt.timedelta(days=1)
    return None


def _row(directive: dict[str, Any], state: str, day: dt.date | None, names: tuple[str, ...]) -> dict[str, Any]:
    from protokol.agenda.render import describe_dict

    deadlines = [d for d in directive.get("deadlines") or () if isinstance(d, dict)]
    return {
        "id": directive.get("id") or "", "text": directive.get("text") or "", "executor": "; ".join(names),
        "executors": list(names), "written": [d.get("text") or "" for d in deadlines],
        "resolved": [describe_dict(d) for d in deadlines], "status": state, "status_label": STATUS_LABELS[state],
        "day": _day(day) if day else ""}


def _link(record: Record) -> str | None:
    from urllib.parse import quote

    output = record.get("output")
    return quote(output.encode("utf-8", "surrogateescape")) if isinstance(output, str) and output else None


def _day(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y")


def _iso_day(value: Any) -> str:
    try:
        return _day(dt.date.fromisoformat(value[:10])) if isinstance(value, str) else ""
    except ValueError:
        return ""


def shown(name: str) -> str:
    """A name as text: bytes that are not UTF-8 (kept by the manifest as surrogates) shown as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def render_index(records: Sequence[Record], protocols: Mapping[str, Mapping[str, Any]] | None = None, *,
                 today: dt.date) -> str:
    """The page as a string, for `records` and the contract dicts of their protocols by
    path (a small archive in memory; batch streams with write_index)."""
    import io

    page = io.StringIO()
    found = protocols or {}
    write_report(page, ((r, dict(found[r["path"]]) if r.get("path") in found else None) for r in records),
                 today=today, directives=sum(int(r.get("directives") or 0) for r in records))
    return page.getvalue()
