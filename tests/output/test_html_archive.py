"""The archive's report (output/html_archive.py, a batch run's out/index.html): its content,
escaping, the large-archive rule, streaming (protocols consumed one at a time, memory flat)
and byte-identical output whatever --jobs. The browser test is in test_html.py."""

from __future__ import annotations

import datetime as dt
import gc
import io
import json
import re
import tracemalloc
import weakref
from collections.abc import Iterator
from typing import Any

import pytest

from protokol.batch import BatchConfig, run
from protokol.output import html_archive
from tests.agenda.helpers import deadline, protocol, task
from tests.output.test_html import Dom

TODAY = dt.date(2023, 7, 5)  # a Wednesday


def ok(path: str, directives: int = 3) -> dict[str, Any]:
    return {"path": path, "status": "ok", "output": path + ".json", "directives": directives, "deadlines": 2,
            "unparsed": 0, "error": None}


def archive() -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    first = protocol("7-пр", "2023-06-01",
                     task("1", "Подготовить отчет о закупках.", deadline("до 1 июля 2023 г.", due="2023-07-01"),
                          addressees=("Минфину края",)),
                     task("2", "Представить сведения.", deadline("до 5 июля 2023 г.", due="2023-07-05"),
                          addressees=("Минтрансу края",)),
                     task("3", "Сообщать о ходе работ.", deadline("по понедельникам", "recurring",
                                                                  rrule="FREQ=WEEKLY;BYDAY=MO"),
                          addressees=("Минфину края",)),
                     task("4", "Принять к сведению.", kind="note"), path="a/one.txt")
    second = protocol("8-пр", "2023-06-10",
                      task("1", "Разработать план.", deadline("до 7 июля 2023 г.", due="2023-07-07"),
                           addressees=("Минтрансу края",)),
                      task("2", "Провести совещание.", deadline("до 1 сентября 2023 г.", due="2023-09-01"),
                           addressees=("Минфину края",)),
                      task("3", "Обеспечить контроль.", addressees=("Минфину края",)),
                      task("4", "Давнее поручение.", deadline("до 1 марта 2023 г.", due="2023-03-01"),
                           addressees=("Минфину края",)), path="b/two.txt")
    failed = {"path": "c/<broken>.pdf", "status": "failed", "output": None, "error": "not a PDF", "directives": 0}
    image = {"path": "scan.png", "status": "unsupported", "output": None, "error": None, "format": "png image"}
    return [(ok("a/one.txt", 4), first), (ok("b/two.txt", 4), second), (failed, None), (image, None)]


def page(items: Any = None, **kwargs: Any) -> str:
    out = io.StringIO()
    html_archive.write_report(out, archive() if items is None else items, today=TODAY, **kwargs)
    return out.getvalue()


def test_tasks_statuses_and_filters():
    text = page()
    dom = Dom(text)
    rows = [a for t, a in dom.elements if t == "tr" and "data-status" in a]
    statuses = [a["data-status"] for a in rows]
    # one-off: 01.07 overdue, 05.07 today, 07.07 this week, 01.09 later, 01.03 overdue;
    # weekly on Mondays: next 10.07, later; none: undated. The note is not a task.
    assert statuses == ["overdue", "today", "later", "this_week", "later", "undated", "overdue"]
    assert all(f"st-{s}" in a["class"] for s, a in zip(statuses, rows))
    assert json.loads(rows[0]["data-executors"]) == ["Минфину края"]
    assert "Подготовить отчет о закупках." in text and "до 1 июля 2023 г." in text and "Принять к сведению" not in text
    assert [a["value"] for a in dom.find("option")] == ["", "Минтрансу края", "Минфину края"]
    boxes = [a["value"] for a in dom.find("input", name="status")]
    assert boxes == ["overdue", "today", "this_week", "later", "recurring", "undated"]  # recurring: past marks
    assert "просрочен: 2" in text and "на неделе: 1" in text and "без даты: 1" in text
    assert "Файлов: 4, обработано: 2, с ошибкой: 1, не поддерживается: 1" in text
    assert 'href="a/one.txt.json"' in text and "Протокол № 7-пр от 01.06.2023" in text
    assert "&lt;broken&gt;.pdf" in text and "not a PDF" in text and "png image" in text
    assert len(dom.find("script")) == 1 and "default-src 'none'" in text


def test_timeline_marks_overdue_and_weeks():
    dom = Dom(page())
    marks = dom.find("circle")
    by_status: dict[str, int] = {}
    for m in marks:
        key = m["class"].split("st-")[1]
        by_status[key] = by_status.get(key, 0) + 1
    # dated: 01.07 and 01.03 overdue (01.03 in the column "ранее"), 05.07 today, 07.07 this
    # week, 01.09 later; Mondays from 05.06 (4 weeks before today's week) on 26 weeks: the
    # ones before today are not overdue (the next one replaces them), drawn as recurring
    assert by_status["overdue"] == 2 and by_status["today"] == 1 and by_status["this_week"] == 1
    assert by_status["recurring"] == 5 and by_status["later"] == 1 + 21  # 01.09, and the Mondays 10.07 .. 27.11
    overdue = [m for m in marks if "st-overdue" in m["class"]]
    assert {m["data-status"] for m in overdue} == {"overdue"}
    assert "ранее · Минфину края" in " ".join(dom.text)  # 01.03, before the timeline's first week
    assert "ранее" in " ".join(dom.text) and "Сроки по неделям с 05.06.2023" in " ".join(dom.text)
    assert all(json.loads(m["data-executors"]) for m in marks)


def test_recurring_marks_are_counted_not_kept(monkeypatch):
    """The timeline gets one aggregated mark per day, status and executors, drawn as one
    circle per occurrence up to the cell's room, then "+n"."""
    many = [(ok(f"p{i}.txt"), protocol(str(i), "2023-06-01", task("1", "Сделать.", deadline(
        "до 6 июля 2023 г.", due="2023-07-06"), addressees=("Минфину края",)), path=f"p{i}.txt"))
        for i in range(40)]
    text = page(many)
    assert text.count('<circle class="mark st-this_week"') < 40 and re.search(r">\+\d+</text>", text)
    assert "Сроки по неделям с 05.06.2023 по 03.12.2023: 40" in text


def test_text_is_escaped_and_formulas_stay_text():
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    formula = '=HYPERLINK("http://example.org","x")'
    item = task("1", evil + " " + formula, deadline(evil, due="2023-07-06"), addressees=(evil, formula))
    data = protocol(evil, "2023-06-01", item, path="evil.txt")
    data["protocol"]["title"] = evil
    text = page([({**ok("x/<b>.txt"), "output": 'x/"><script>.json'}, data)])
    assert "<script>alert" not in text and "<img" not in text and "<b>" not in text
    assert text.count("<script>") == 1  # the filter's own
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "=HYPERLINK(&#34;http://example.org&#34;" in text
    assert 'href="x/%22%3E%3Cscript%3E.json"' in text
    dom = Dom(text)
    from protokol.agenda.executors import executor_names

    names = executor_names(item)  # shortened, as in `due`
    assert [a["value"] for a in dom.find("option")][1:] == sorted(names, key=str.casefold)
    assert names[0].startswith("<script>") and names[1].startswith("=HYPERLINK")


def test_large_archive_lists_what_needs_looking_at(monkeypatch):
    monkeypatch.setattr(html_archive, "ROW_LIMIT", 5)
    text = page(directives=6)  # the manifest says more than ROW_LIMIT: a large archive
    dom = Dom(text)
    statuses = [a["data-status"] for t, a in dom.elements if t == "tr" and "data-status" in a]
    # listed: 01.07 overdue (in the timeline), today, this week, 01.09 (in the timeline); the
    # Mondays' next (10.07) too; not: undated, 01.03 (long overdue)
    assert statuses == ["overdue", "today", "later", "this_week", "later"]
    assert "Показаны 5 из 7 поручений" in text and "register.xlsx" in text
    assert "Ещё поручений: 2 (просрочен: 1, без даты: 1)" in text
    monkeypatch.setattr(html_archive, "ROW_LIMIT", 1)
    text = page(directives=6)  # today's and this week's always, the others up to ROW_LIMIT
    statuses = [a["data-status"] for t, a in Dom(text).elements if t == "tr" and "data-status" in a]
    assert statuses == ["overdue", "today", "this_week"] and "Показаны 3 из 7 поручений" in text
    monkeypatch.setattr(html_archive, "ROW_LIMIT", 2)
    text = page()  # the size not told: at most ROW_LIMIT rows
    assert len([a for t, a in Dom(text).elements if t == "tr" and "data-status" in a]) == 2
    assert "Показаны 2 из 7 поручений" in text and "Ещё поручений: 1 " in text and "Ещё поручений: 4 " in text


class Result(dict):  # a dict that a weak reference can follow
    pass


def results(n: int, alive: list[int] | None = None) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """n protocols, made one at a time; `alive` gets, before each, how many of those
    already yielded are still held by the consumer."""
    made: list[weakref.ref[Result]] = []
    for i in range(n):
        if alive is not None:
            gc.collect()
            alive.append(sum(ref() is not None for ref in made))
        day = dt.date(2023, 6, 1) + dt.timedelta(days=i % 12)  # the same days however many
        items = [task(str(k), f"Поручение {k} протокола {i}.", deadline(
            "до срока", due=(day + dt.timedelta(days=k)).isoformat()), addressees=(f"Исполнителю {k % 7}",))
            for k in range(20)]
        data = Result(protocol(f"{i}-пр", day.isoformat(), *items, path=f"p{i:05d}.txt"))
        made.append(weakref.ref(data))
        yield ok(f"p{i:05d}.txt", 20), data
        del data, items


def test_protocols_are_consumed_one_at_a_time():
    alive: list[int] = []
    html_archive.write_report(io.StringIO(), results(30, alive), today=TODAY, directives=600)
    assert len(alive) == 30 and max(alive) <= 1  # at most the one just handled (the loop's variable)


def test_memory_does_not_grow_with_the_archive(monkeypatch):
    def peak(n: int) -> int:
        gc.collect()
        tracemalloc.start()
        try:
            with open("/dev/null", "w", encoding="utf-8") as sink:
                html_archive.write_report(sink, results(n), today=TODAY, directives=n * 20)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak(5)  # templates compiled, caches warm
    small, big = peak(12), peak(192)  # 16x the protocols (3,840 tasks)
    assert big < small * 1.5, (small, big)


def test_batch_index_is_the_same_whatever_jobs(tmp_path):
    from tests.agenda.test_sources import small

    root = tmp_path / "archive"
    (root / "a").mkdir(parents=True)
    for i, name in enumerate(("a/one.txt", "two.txt", "three.txt"), start=2):
        (root / name).write_text(small(i), encoding="utf-8")
    (root / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    pages = []
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        run(BatchConfig(root=root, out=out, jobs=jobs, today=dt.date(2023, 7, 3)))
        pages.append((out / "index.html").read_bytes())
    assert pages[0] == pages[1]
    text = pages[0].decode("utf-8")
    assert "Сегодня 03.07.2023" in text and "поручений: 6" in text and 'data-status="today"' in text


def test_batch_cli_today_fixes_the_report(tmp_path):
    from click.testing import CliRunner

    from protokol.cli import main
    from tests.agenda.test_sources import small

    root = tmp_path / "archive"
    root.mkdir()
    (root / "one.txt").write_text(small(2), encoding="utf-8")
    out = tmp_path / "out"
    done = CliRunner().invoke(main, ["batch", str(root), "-o", str(out), "-q", "--jobs", "1", "--today", "2023-07-03"])
    assert done.exit_code == 0, done.output
    text = (out / "index.html").read_text(encoding="utf-8")
    assert "Сегодня 03.07.2023" in text and "сегодня: 2" in text  # 03.07: the 1st item's date and a Monday


def test_batch_in_another_format_reads_the_cached_records(tmp_path):
    from tests.agenda.test_sources import small

    root = tmp_path / "archive"
    root.mkdir()
    (root / "one.txt").write_text(small(2), encoding="utf-8")
    out = tmp_path / "out"
    run(BatchConfig(root=root, out=out, fmt="md", jobs=1, today=dt.date(2023, 7, 3)))
    text = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="one.txt.md"' in text and "Протокол № 2-пр от 02.06.2023" in text
    assert "Минфину края подготовить отчет № 2." in text and text.count('<tr class="kind-task') == 2
