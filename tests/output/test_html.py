"""HTML reports, checked in a real browser: headless Chromium renders them to a PNG and
dumps the DOM after the inline script ran. These tests FAIL when Chromium is missing
(CI installs Debian's `chromium`)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from protokol.agenda import Window, agenda
from protokol.model import Deadline, Directive, Links, Location, ParseResult, Protocol, Section, Source
from protokol.output import html

pytestmark = pytest.mark.engine("chromium")

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "protocol-2023-06-20-D05-78.docx"
TODAY = dt.date(2023, 7, 3)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "/usr/bin/chromium"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("Chromium is not installed (apt-get install chromium): the HTML reports are tested in it")


def browse(page: Path, tmp_path: Path, *, fragment: str = "", screenshot: Path | None = None) -> str:
    """The DOM after the page's script ran (--dump-dom), or a PNG written to `screenshot`."""
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    args = [chromium(), *FLAGS, f"--user-data-dir={profile}"]
    url = page.resolve().as_uri() + fragment
    if screenshot is not None:
        args += ["--window-size=1200,900", f"--screenshot={screenshot}", url]
    else:
        args += ["--virtual-time-budget=2000", "--dump-dom", url]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


class Dom(HTMLParser):
    """Elements as (tag, attrs) in order, and the text, from a dumped DOM."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, Any]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def find(self, tag: str, **attrs: str) -> list[dict[str, Any]]:
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def seed() -> ParseResult:
    from protokol.convert import parse_source

    return parse_source(str(SAMPLE))


@pytest.fixture(scope="module")
def parse_page(seed, tmp_path_factory) -> Path:
    page = tmp_path_factory.mktemp("html") / "report.html"
    page.write_text(html.render([seed], today=TODAY), encoding="utf-8")
    return page


def test_parse_report_in_chromium(seed, parse_page, tmp_path):
    dom = Dom(browse(parse_page, tmp_path))
    assert dom.find("body", **{"data-ready": "1"}), "the inline script did not run"
    tasks = [d for s in seed.sections for d in s.directives]
    rows = [a for t, a in dom.elements if t == "tr" and "data-status" in a]
    assert len(rows) == len(tasks)
    text = " ".join(dom.text)
    for d in tasks:
        assert d.id in text
    assert "Реализовать в полном объеме закупочные процедуры" in text and "до 1 июля 2023 г." in text
    assert "Показано: 48 из 48" in text
    options = [a.get("value") for a in dom.find("option")]
    assert "" in options and "Представители исполнительных органов субъектов Российской Федерации" in options
    marks = dom.find("circle")
    assert marks and all("mark" in m["class"] for m in marks)
    assert any("st-overdue" in m["class"] for m in marks)  # deadlines before 03.07.2023
    assert dom.find("svg") and "Сроки по неделям" in text


def test_filters_hide_rows_and_marks(parse_page, tmp_path):
    dom = Dom(browse(parse_page, tmp_path, fragment="#status=overdue"))
    rows = [a for t, a in dom.elements if t == "tr" and "data-status" in a]
    shown = [a for a in rows if "hidden" not in a]
    assert shown and all(a["data-status"] == "overdue" for a in shown)
    marks = dom.find("circle")
    assert all(("hidden" in m) == (m["data-status"] != "overdue") for m in marks)
    assert any("hidden" not in m for m in marks) and any("hidden" in m for m in marks)
    assert f"Показано: {len(shown)} из {len(rows)}" in " ".join(dom.text)
    who = "Представители исполнительных органов субъектов Российской Федерации"  # the executor, nominative
    dom = Dom(browse(parse_page, tmp_path, fragment="#status=recurring,note&executor=" + quote(who)))
    shown = [a for t, a in dom.elements if t == "tr" and "data-status" in a and "hidden" not in a]
    assert shown and all(a["data-status"] in ("recurring", "note") and who in json.loads(a["data-executors"])
                         for a in shown)
    assert {a["data-status"] for a in shown} == {"recurring", "note"}
    assert f"Показано: {len(shown)} из 48" in " ".join(dom.text)


def test_parse_report_screenshot(parse_page, tmp_path):
    png = tmp_path / "report.png"
    browse(parse_page, tmp_path, screenshot=png)
    assert png_size(png) == (1200, 900) and png.stat().st_size > 20_000  # drawn, not a blank page


def test_due_report_in_chromium(seed, tmp_path):
    window = Window(dt.date(2023, 6, 26), dt.date(2023, 7, 9), dt.date(2023, 6, 26))
    items = agenda([seed.to_dict()], window, group_by="executor")
    page = tmp_path / "due.html"
    page.write_text(html.render_due(items, first=window.first, last=window.last, today=window.today,
                                    group_by="executor"), encoding="utf-8")
    dom = Dom(browse(page, tmp_path))
    assert dom.find("body", **{"data-ready": "1", "data-report": "due"})
    rows = [a for t, a in dom.elements if t == "tr" and "data-status" in a]
    assert len(rows) == len(items) and len(dom.find("circle")) == len(items)
    assert {a["data-status"] for a in rows} == {"overdue", "today", "this_week", "later"}
    assert len([m for m in dom.find("circle") if "st-overdue" in m["class"]]) == sum(
        o.status == "overdue" for o in items)
    assert f"Показано: {len(items)} из {len(items)}" in " ".join(dom.text)


def test_offline_and_escaped(tmp_path):
    evil = "<script>document.title='x'</script><img src=http://example.org/t.png>"
    item = Directive("1", "1", None, "task", evil, (evil,), (), None,
                     (Deadline("до 5 июля 2023 г.", "once", "by", due="2023-07-05"),), Links(), Location(1))
    result = ParseResult(Source(evil, "txt", "0"), Protocol(number=evil, date="2023-07-01"),
                         (Section("1", evil, (), (item,)),))
    text = html.render([result], today=TODAY)
    assert "<script>document" not in text and "<img" not in text
    links = [v for _, a in Dom(text).elements for k, v in a.items() if k in ("src", "href")]
    assert links == []  # nothing to load
    assert "default-src 'none'" in text
    page = tmp_path / "evil.html"
    page.write_text(text, encoding="utf-8")
    dom = Dom(browse(page, tmp_path))
    assert not dom.find("img") and len(dom.find("script")) == 1 and evil in "".join(dom.text)


def test_batch_index():
    from protokol.output.html_archive import render_index

    records = [{"path": "a/one.txt", "status": "ok", "output": "a/one.txt.json", "directives": 3, "deadlines": 2,
                "unparsed": 0, "error": None},
               {"path": "<bad>.pdf", "status": "failed", "output": None, "error": "not a PDF"}]
    one = {"source": {"path": "a/one.txt"}, "protocol": {"number": "7-пр", "date": "2023-07-01"}, "sections": []}
    text = render_index(records, {"a/one.txt": one}, today=TODAY)
    assert 'href="a/one.txt.json"' in text and "7-пр" in text and "01.07.2023" in text
    assert "&lt;bad&gt;.pdf" in text and "not a PDF" in text and "с ошибкой: 1" in text


def small_protocol(n: int) -> str:
    return ("ПРОТОКОЛ\n\nсовещания рабочей группы\n\n" f"{n} июня 2023 г. № {n}-рг\n\nРЕШИЛИ:\n\n"
            f"1. Минтрансу края представить план работ № {n}. Срок – до {n} июля 2023 г.\n"
            "2. Управлению делами сообщать о ходе работ по пятницам.\n")


@pytest.fixture(scope="module")
def archive_page(tmp_path_factory) -> Path:
    """out/index.html of a batch run over the seed and two small protocols, as of TODAY."""
    from protokol.batch import BatchConfig, run

    root = tmp_path_factory.mktemp("archive")
    (root / "2023").mkdir()
    (root / "2023" / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    (root / "2023" / "rg-1.txt").write_text(small_protocol(1), encoding="utf-8")
    (root / "rg-5.txt").write_text(small_protocol(5), encoding="utf-8")
    (root / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    out = tmp_path_factory.mktemp("out")
    run(BatchConfig(root=root, out=out, jobs=1, today=TODAY))
    return out / "index.html"


def test_archive_report_in_chromium(archive_page, tmp_path):
    dom = Dom(browse(archive_page, tmp_path))
    assert dom.find("body", **{"data-ready": "1", "data-report": "index"}), "the inline script did not run"
    text = " ".join(dom.text)
    rows = [a for t, a in dom.elements if t == "tr" and "data-status" in a]
    assert len(rows) == 29 + 2 + 2  # the seed's tasks and two of each small protocol
    assert "Реализовать в полном объеме закупочные процедуры" in text and "Минтрансу края представить план работ № 5." in text
    assert "Протокол № 1-рг от 01.06.2023" in text and "Протокол № Д05-78/05пр от 20.06.2023" in text
    assert f"Показано: {len(rows)} из {len(rows)}" in text and "broken.pdf" in text and "с ошибкой: 1" in text
    options = [a.get("value") for a in dom.find("option")]
    assert "Минтранс края" in options and "Управление делами" in options
    assert "Представители исполнительных органов субъектов Российской Федерации" in options
    marks = dom.find("circle")
    assert marks and any("st-overdue" in m["class"] for m in marks) and dom.find("svg")
    assert "Сроки по неделям с 05.06.2023" in text
    links = [a["href"] for a in dom.find("a")]
    assert "2023/rg-1.txt.json" in links and all("://" not in link for link in links)


def test_archive_report_filters(archive_page, tmp_path):
    who = next(a["value"] for a in Dom(archive_page.read_text(encoding="utf-8")).find("option")
               if a["value"].startswith("Минтранс"))
    dom = Dom(browse(archive_page, tmp_path, fragment="#executor=" + quote(who)))
    rows = [a for t, a in dom.elements if t == "tr" and "data-status" in a]
    shown = [a for a in rows if "hidden" not in a]
    assert len(shown) == 2 and all(who in json.loads(a["data-executors"]) for a in shown)
    assert all(who in json.loads(m["data-executors"]) for m in dom.find("circle") if "hidden" not in m)
    assert f"Показано: 2 из {len(rows)}" in " ".join(dom.text)
    dom = Dom(browse(archive_page, tmp_path, fragment="#status=overdue"))
    shown = [a for t, a in dom.elements if t == "tr" and "data-status" in a and "hidden" not in a]
    assert shown and {a["data-status"] for a in shown} == {"overdue"}
    assert {m["data-status"] for m in dom.find("circle") if "hidden" not in m} == {"overdue"}


def test_archive_report_screenshot(archive_page, tmp_path):
    png = tmp_path / "index.png"
    browse(archive_page, tmp_path, screenshot=png)
    assert png_size(png) == (1200, 900) and png.stat().st_size > 20_000
