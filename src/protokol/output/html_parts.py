"""index.html's parts rendered by batch's workers (output/html_archive.py is the page):
each converted file's row of files, protocol block and tallies, rendered for the run's
`today` with the file's share (batch/worker.py), so that the run's process only adds
the tallies up and copies the blocks (Part.merge). A part is used only for its day and
its output, and only while every task of it is listed (not a large archive, not past
ROW_LIMIT): else the page renders the protocol itself, so the page is the same either way.

    part = file_part(record, output_bytes, records_text, today)     # JSON-able, or None
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from protokol.output import html_archive as page

Record = Mapping[str, Any]


def prepare() -> None:
    """Load what the page needs ahead (jinja2, its templates, the agenda's rules): batch
    does it in a thread while its files are converted. Never fails: the page loads
    whatever is missing itself."""
    import contextlib

    with contextlib.suppress(Exception):
        env = page.environment()
        for name in ("archive.html.j2", "archive_file.html.j2", "archive_protocol.html.j2"):
            env.get_template(name)
        import protokol.agenda.collect
        import protokol.agenda.executors
        import protokol.agenda.expand
        import protokol.agenda.render  # noqa: F401


class Part:
    """A protocol's part of the page rendered by its batch worker (file_part), kept in
    its share file; `load` reads the protocol when the part cannot be used (a large
    archive, or past ROW_LIMIT: its rows are then chosen by the whole page's tally)."""

    __slots__ = ("value", "load")

    def __init__(self, value: dict[str, Any], load: Callable[[], dict[str, Any]]) -> None:
        self.value, self.load = value, load

    def row(self, record: Record) -> str | None:
        """Its row of the list of files, when rendered for this record's counts."""
        value = self.value
        return value["file"] if value.get("counts") == _counts(record) else None

    def fits(self, tally: page._Tally) -> bool:
        """Whether every task of it is listed here, as when the page renders it."""
        return not tally.large and tally.listed + self.value["tasks"] <= page.ROW_LIMIT

    def merge(self, index: int, tally: page._Tally) -> str:
        """Its tallies added to the page's; its block with its place filled in."""
        value = self.value
        tally.protocols += 1
        tally.tasks += value["tasks"]
        tally.listed += value["tasks"]
        tally.statuses.update(value["statuses"])
        tally.executors.update(value["executors"])
        tally.shown.update(value["shown"])
        tally.packed.update(value["marks"])
        return str(value["html"]).replace(PLACE, str(index), 2)  # id and data-group, before any text


PLACE = "\x04"  # a protocol block's place in the page, filled in by the page (Part.merge)


def read_part(out: Path, record: Record, today: dt.date) -> dict[str, Any] | None:
    """The part of the page the worker rendered with the file's output (file_part), if
    it was for `today` and this output."""
    from protokol.batch.names import SHARE, record_file
    from protokol.output.pieces import read_share_head

    try:
        share = read_share_head(record_file(str(out), record["path"], SHARE))
    except OSError:
        return None
    part = share.get("index") if share is not None else None
    ok = isinstance(part, dict) and part.get("today") == today.isoformat() and part.get("link") == page._link(record)
    return part if ok else None


def file_part(record: Record, rendered: bytes, records: str, today: dt.date) -> dict[str, Any] | None:
    """A converted file's part of the page (its row of files, its protocol block, its
    tallies), rendered by its batch worker from its record (path, output, counts) and
    what the page would read (its JSON output `rendered`, else its directive records) as
    if every task of it is listed; None when it has more than ROW_LIMIT tasks (the page then
    renders it)."""
    import orjson

    tally = page._Tally(today, False)
    rel, output = record["path"], record["output"]
    data = page._contract(output, rendered) or page._from_records(records.splitlines(), rel)
    protocol = page._protocol(PLACE, record, data, tally)
    if tally.listed < tally.tasks:
        return None
    head = data.get("protocol") or {}
    env = page.environment()
    html = env.get_template("archive_protocol.html.j2").render(p=protocol) if protocol["rows"] else ""
    return {"today": today.isoformat(), "link": page._link(record), "number": head.get("number"),
            "date": head.get("date"), "counts": _counts(record),
            "file": env.get_template("archive_file.html.j2").render(f=page._file(record, head)), "html": html,
            "tasks": tally.tasks, "statuses": dict(tally.statuses), "executors": sorted(tally.executors),
            "shown": sorted(tally.shown),
            "marks": {orjson.dumps([d.isoformat(), s, e]).decode(): n for (d, s, e), n in tally.marks.items()}}


def _counts(record: Record) -> list[Any]:
    return [record.get("directives") or 0, record.get("deadlines") or 0, record.get("unparsed") or 0]
