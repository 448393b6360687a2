"""index.html from the parts batch's workers render (html_parts.file_part: a protocol's
block, its row of files, its tallies, for the run's `today`): the same page as when the
run's process renders every protocol itself, under and past ROW_LIMIT, for a large
archive, for another day than the part's, and with the early writer of the archive's
files left unused."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import orjson
import pytest

from protokol.batch import BatchConfig, run
from protokol.output import html_archive, html_parts
from tests.output.test_html_archive import TODAY, archive, ok, page


def with_parts(items: list[tuple[dict[str, Any], dict[str, Any] | None]], today: dt.date = TODAY,
               loaded: list[str] | None = None) -> Iterator[tuple[dict[str, Any], Any]]:
    """Each converted protocol as a worker's part (from its JSON output), else as is."""
    for record, data in items:
        if data is None:
            yield record, data
            continue
        value = html_parts.file_part(record, orjson.dumps(data), "", today)

        def load(data: dict[str, Any] = data, path: str = record["path"]) -> dict[str, Any]:
            if loaded is not None:
                loaded.append(path)
            return data

        yield record, (data if value is None else html_parts.Part(value, load))


def many() -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    items = archive()
    more = [(ok(f"x{i}/" + r["path"], int(r.get("directives") or 0)) if d is not None else r, d) for i in range(3)
            for r, d in items]
    return items + more


@pytest.mark.parametrize(("limit", "directives"), [(5000, None), (9, None), (4, None), (3, None), (1, None),
                                                   (5, 100), (5000, 6000)])
def test_parts_give_the_same_page(monkeypatch, limit, directives):
    monkeypatch.setattr(html_archive, "ROW_LIMIT", limit)
    loaded: list[str] = []
    items = many()
    assert page(with_parts(items, loaded=loaded), directives=directives) == page(items, directives=directives)
    large = directives is not None and directives > limit
    if limit == 5000 and not large:
        assert loaded == []  # every part used as it is
    if large:
        assert len(loaded) == sum(d is not None for _, d in items)  # a large archive: the page's own rows


def test_a_part_is_only_used_for_its_day_and_output(tmp_path):
    records = [r for r, _ in archive()]
    (tmp_path / "a").mkdir()
    for record, data in archive():
        if data is not None:
            (tmp_path / record["output"]).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / record["output"]).write_bytes(orjson.dumps(data))
    from protokol.batch.names import SHARE, record_path
    from protokol.output.pieces import share_bytes

    other = dt.date(2023, 9, 1)
    for record, data in archive():
        if data is not None:
            part = html_parts.file_part(record, orjson.dumps(data), "", other)
            record_path(tmp_path, record["path"], SHARE).parent.mkdir(parents=True, exist_ok=True)
            record_path(tmp_path, record["path"], SHARE).write_bytes(share_bytes({"index": part}))
    for today in (TODAY, other):
        expected = io.StringIO()
        html_archive.write_report(expected, html_archive.entries(tmp_path, records), today=today, directives=8)
        found = io.StringIO()
        html_archive.write_index(tmp_path, records, found, today=today)
        assert found.getvalue() == expected.getvalue()
    used = list(html_archive.entries(tmp_path, records, other))
    assert sum(isinstance(d, html_parts.Part) for _, d in used) == 2
    moved = [dict(r, output=(r["output"] or "") + ".old") if r["status"] == "ok" else r for r in records]
    assert not any(isinstance(d, html_parts.Part) for _, d in html_archive.entries(tmp_path, moved, other))


@pytest.mark.parametrize("fmt", ["json", "md"])
def test_batch_rerun_on_another_day_gives_that_days_page(tmp_path, fmt):
    from tests.agenda.test_sources import small

    root = tmp_path / "archive"
    (root / "a").mkdir(parents=True)
    for i, name in enumerate(("a/one.txt", "two.txt"), start=2):
        (root / name).write_text(small(i), encoding="utf-8")
    first, later = dt.date(2023, 7, 3), dt.date(2023, 8, 14)
    run(BatchConfig(root=root, out=tmp_path / "out", fmt=fmt, jobs=2, today=first))
    once = (tmp_path / "out" / "index.html").read_bytes()
    summary = run(BatchConfig(root=root, out=tmp_path / "out", fmt=fmt, jobs=2, today=later))
    assert summary.skipped == 2
    run(BatchConfig(root=root, out=tmp_path / "fresh", fmt=fmt, jobs=1, today=later))
    assert (tmp_path / "out" / "index.html").read_bytes() == (tmp_path / "fresh" / "index.html").read_bytes()
    assert once != (tmp_path / "fresh" / "index.html").read_bytes()
    text = once.decode("utf-8")
    for name in ("a/one.txt", "two.txt"):  # the workers' parts were used: they are in the page as rendered
        assert f">{name}</a>" in text


def test_an_unused_early_writer_writes_nothing(tmp_path):
    from protokol.output.archive import close_writer, start_writer

    child = start_writer(tmp_path)
    close_writer(child)
    assert child.returncode == 0
    assert list(tmp_path.iterdir()) == []
