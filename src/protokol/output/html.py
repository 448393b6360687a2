"""HTML reports (Jinja2, imported only here and in html_archive.py; templates in output/templates/, every text
autoescaped): one self-contained file that opens offline. Its CSS and its small filter
script are inlined and a Content-Security-Policy forbids any network load.

* render(results, today=None): `parse --format html`, sections and items with executor,
  deadline as written and resolved, a status (overdue/today/this week/later with `today`,
  else dated/recurring/undated), filters by executor and status, and a timeline.
* render_due(items, ...): the agenda (`due --format html`), grouped as asked.
* the archive's report (a batch run's out/index.html) is output/html_archive.py; it
  shares this module's environment, page layout and timeline.

The timeline is an SVG drawn from the data: weeks across, weekdays down, one mark per
occurrence (up to MARKS_PER_DAY a day, then "+n"), overdue marks red with a black ring;
occurrences before the window sit in a first column "ранее". Marks and rows carry
data-status and data-executors, so the filter hides both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from protokol import __version__
from protokol.acts import act_heading
from protokol.model import Directive, ParseResult

STATUS_LABELS = {"overdue": "просрочен", "today": "сегодня", "this_week": "на неделе", "later": "позже",
                 "dated": "дата", "recurring": "периодический", "undated": "без даты", "note": "справочно",
                 "ok": "обработан", "failed": "ошибка"}
WEEKDAYS = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")
MARKS_PER_DAY = 12
TIMELINE_WIDTH = 900
LEFT, TOP, ROW = 26, 26, 18


@dataclass(frozen=True, slots=True)
class Mark:
    day: dt.date
    status: str
    executors: tuple[str, ...]
    title: str
    key: str = ""  # the status the filter sees (the item's, in the parse report); default: status
    count: int = 1  # occurrences this mark stands for (the archive report aggregates them)


@lru_cache(maxsize=1)
def environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(loader=PackageLoader("protokol.output", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def _page(template: str, **values: Any) -> str:
    values.setdefault("version", __version__)
    values.setdefault("executors", [])
    values.setdefault("timeline", None)
    return str(environment().get_template(template).render(**values))


def _day(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y")


# ---------------------------------------------------------------- parse report


def render(results: Sequence[ParseResult], *, today: dt.date | None = None, **_: Any) -> str:
    from protokol.output.table import heading

    protocols: list[dict[str, Any]] = []
    marks: list[Mark] = []
    found: set[str] = set()
    for index, result in enumerate(results):
        sections = []
        keys: dict[str, str] = {}
        for section in result.sections:
            rows = [_row(d, today) for d in section.directives]
            found.update(r["status"] for r in rows)
            keys.update((r["id"], r["status"]) for r in rows)
            sections.append({"heading": heading(section), "speakers": ", ".join(section.speakers), "rows": rows})
        marks += _marks_of(result, today, keys)
        protocols.append(_protocol(result, index, sections))
    first, last = _span(results, marks, today)
    title = protocols[0]["heading"] if len(protocols) == 1 else f"Протоколы: {len(protocols)}"
    return _page("parse.html.j2", kind="parse", title=title, protocols=protocols,
                 today=_day(today) if today else None, executors=_executors(protocols),
                 statuses=[(k, STATUS_LABELS[k]) for k in STATUS_LABELS if k in found],
                 timeline=timeline([m for m in marks if first <= m.day <= last], first, last, today))


def _protocol(result: ParseResult, index: int, sections: list[dict[str, Any]]) -> dict[str, Any]:
    from protokol.agenda.collect import protocol_label

    p = result.protocol
    rows = [r for s in sections for r in s["rows"]]
    return {"index": index, "organization": p.organization, "title": p.title, "chair": p.chair,
            "heading": " ".join(x for x in (act_heading(p.act), protocol_label(p.number, p.date)) if x),
            "source": result.source.path, "sections": sections,
            "dated": sum(r["kind"] == "task" and r["dated"] for r in rows),
            "recurring": sum(r["status"] == "recurring" for r in rows)}


def _row(directive: Directive, today: dt.date | None) -> dict[str, Any]:
    from protokol.agenda.executors import executor_names
    from protokol.output.humanize import describe

    names = executor_names(directive)
    status = _status(directive, today)
    return {"id": directive.id, "kind": directive.kind, "text": directive.text, "executor": "; ".join(names),
            "executors": list(names), "written": [d.text for d in directive.deadlines],
            "resolved": [describe(d) for d in directive.deadlines], "status": status,
            "status_label": STATUS_LABELS[status], "dated": any(d.effective_due or d.due for d in directive.deadlines)}


def _status(directive: Directive, today: dt.date | None) -> str:
    from protokol.agenda.collect import status

    if directive.kind != "task":
        return "note"
    days = [dt.date.fromisoformat((d.effective_due or d.due or "")[:10]) for d in directive.deadlines
            if d.kind in ("once", "relative", "period") and (d.effective_due or d.due)]
    if days:
        return status(min(days), today) if today else "dated"
    if any(d.kind == "recurring" and d.rrule for d in directive.deadlines):
        return "recurring"
    return "undated"


def _marks_of(result: ParseResult, today: dt.date | None, keys: dict[str, str]) -> list[Mark]:
    """The occurrences of the protocol's task deadlines over its timeline's span; `keys`:
    the status of each item, which the filter applies to its marks too."""
    from protokol.agenda.collect import of_protocol, status
    from protokol.agenda.expand import Window

    first, last = _span([result], [], today)
    marks = []
    for o in of_protocol(result.to_dict(), Window(first, last, today or first, overdue=False)):
        kind = "recurring" if o.deadline.get("kind") == "recurring" else "dated"
        past = kind == "recurring" and today is not None and o.date < today  # replaced by the next one
        marks.append(Mark(o.date, status(o.date, today) if today and not past else kind, o.executors,
                          f"{_day(o.date)} · {o.item} · {o.deadline.get('text') or ''}", keys.get(o.item, "")))
    return marks


def _span(results: Sequence[ParseResult], marks: list[Mark], today: dt.date | None) -> tuple[dt.date, dt.date]:
    """From the earliest protocol date (else today, else the first mark) to the last dated
    deadline: at least 8 weeks, at most 26."""
    dates = [dt.date.fromisoformat(r.protocol.date) for r in results if r.protocol.date]
    dues = [dt.date.fromisoformat((x.effective_due or x.due or "")[:10]) for r in results for s in r.sections
            for d in s.directives for x in d.deadlines if x.kind in ("once", "relative", "period")
            and (x.effective_due or x.due)]
    first = min(dates) if dates else today or min((m.day for m in marks), default=None) or min(dues, default=None)
    first = first or dt.date(2000, 1, 3)
    last = max([first + dt.timedelta(weeks=8), *dues])
    return first, min(last, first + dt.timedelta(weeks=26))


def _executors(protocols: list[dict[str, Any]]) -> list[str]:
    names = {n for p in protocols for s in p["sections"] for r in s["rows"] for n in r["executors"]}
    return sorted(names, key=str.casefold)


# ---------------------------------------------------------------- agenda report


def render_due(items: Sequence[Any], *, first: dt.date, last: dt.date, today: dt.date, group_by: str | None = None,
               **_: Any) -> str:
    """The agenda of protokol.agenda (Occurrence items, in their order)."""
    from itertools import groupby

    from protokol.agenda.collect import STATUSES, protocol_label
    from protokol.agenda.render import describe_dict

    groups = []
    for key, members in groupby(items, key=lambda o: o.group(group_by)):
        rows = [{"date": _day(o.date), "time": o.time, "status": o.status, "status_label": STATUS_LABELS[o.status],
                 "executor": o.executor, "executors": list(o.executors), "item": o.item, "text": o.text,
                 "protocol": protocol_label(o.protocol_number, o.protocol_date) or o.source,
                 "written": o.deadline.get("text") or "", "resolved": describe_dict(o.deadline)} for o in members]
        label = _day(dt.date.fromisoformat(key)) if group_by == "date" and key else key
        groups.append({"key": key, "label": label, "rows": rows})
    counts = [(k, STATUS_LABELS[k], sum(o.status == k for o in items)) for k in STATUSES]
    marks = [Mark(o.date, o.status, o.executors, f"{_day(o.date)} · {o.item} · {o.executor}") for o in items]
    names = sorted({n for o in items for n in o.executors}, key=str.casefold)
    return _page("due.html.j2", kind="due", title=f"Сроки с {_day(first)} по {_day(last)}",
                 subtitle=f"Сегодня {_day(today)}; поручений в отчёте: {len(items)}", counts=counts,
                 groups=groups, executors=names, statuses=[(k, STATUS_LABELS[k]) for k in STATUSES],
                 timeline=timeline(marks, first, last, today))


# ---------------------------------------------------------------- timeline


def timeline(marks: Sequence[Mark], first: dt.date, last: dt.date, today: dt.date | None) -> dict[str, Any]:
    """The geometry of the timeline SVG: a column per week from the Monday of `first` to
    `last` (and a column "ранее" for marks before `first`), a row per weekday."""
    monday = first - dt.timedelta(days=first.weekday())
    weeks = (last - monday).days // 7 + 1
    early = any(m.day < first for m in marks)
    col = max(14, min(48, (TIMELINE_WIDTH - LEFT) // (weeks + early)))
    step = -(-34 // col)  # label every few columns so that labels do not overlap
    columns = [{"x": LEFT, "label": "ранее"}] if early else []
    columns += [{"x": LEFT + (early + w) * col,
                 "label": (monday + dt.timedelta(weeks=w)).strftime("%d.%m") if w % step == 0 else ""}
                for w in range(weeks)]
    per_row = max(1, (col - 4) // 7)
    cells: dict[tuple[int, int], int] = {}
    drawn, more = [], {}
    cap = min(MARKS_PER_DAY, per_row * 2)
    for m in sorted(marks, key=lambda m: (m.day, m.status)):
        column = 0 if m.day < first else early + (m.day - monday).days // 7
        key = (column, m.day.weekday())
        n = cells.get(key, 0)
        cells[key] = n + m.count
        x0, y0 = LEFT + column * col, TOP + m.day.weekday() * ROW
        if n + m.count > cap:
            more[key] = (x0 + 2, y0 + ROW - 4, n + m.count - cap)
        drawn += [{"x": x0 + 5 + (i % per_row) * 7, "y": y0 + 5 + (i // per_row) * 7, "r": 3, "status": m.status,
                   "key": m.key or m.status, "executors": list(m.executors), "title": m.title}
                  for i in range(n, min(n + m.count, cap))]
    legend = [(k, STATUS_LABELS[k]) for k in STATUS_LABELS if any(m.status == k for m in marks)]
    label = f"Сроки по неделям с {_day(monday)} по {_day(last)}: {sum(m.count for m in marks)}"
    if today:
        label += f"; сегодня {_day(today)}"
    return {"width": LEFT + (weeks + early) * col + 4, "height": TOP + 7 * ROW + 4, "top": TOP, "label": label,
            "rows": [{"y": TOP + i * ROW + 8, "label": WEEKDAYS[i]} for i in range(7)], "columns": columns,
            "marks": drawn, "more": [{"x": x, "y": y, "count": c} for x, y, c in more.values()], "legend": legend}
