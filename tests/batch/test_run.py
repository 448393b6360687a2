"""run(): the small archive of the issue, resume, determinism, timeouts and crashes."""

from __future__ import annotations

import csv
import os
import io
import json
import shutil
from pathlib import Path

import pytest

from protokol.batch import BatchConfig, BatchError, Progress, Summary, run
from protokol.output.archive import ARCHIVE_FILES
from protokol.output.formats import render

from .conftest import build_archive, small_protocol
from .helpers import (
    expected_directives_jsonl, expected_output, expected_record, manifest, parse_rel, temporaries, tree,
    without_duration,
)
from .test_walk import EXPECTED

FAILED = {"broken.docx", "empty.txt"}
UNREAD = {"notes.png"}
OK = [rel for rel in EXPECTED if rel not in FAILED | UNREAD]


def batch(root: Path, out: Path, **kwargs: object) -> tuple[Summary, list[Progress]]:
    events: list[Progress] = []
    summary = run(BatchConfig(root, out, **kwargs), events.append)  # type: ignore[arg-type]
    return summary, events


@pytest.fixture(scope="module")
def done(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Summary, list[Progress]]:
    """The archive converted once with two workers."""
    root = build_archive(tmp_path_factory.mktemp("done") / "archive")
    out = root.parent / "out"
    summary, events = batch(root, out, jobs=2)
    return root, out, summary, events


def test_manifest_is_exact(done: tuple[Path, Path, Summary, list[Progress]]) -> None:
    root, out, _, _ = done
    records = manifest(out)
    assert [r["path"] for r in records] == EXPECTED
    assert without_duration(records) == [expected_record(root, rel) for rel in EXPECTED]
    assert all(isinstance(r["duration"], float) and r["duration"] >= 0 for r in records)
    by_path = {r["path"]: r for r in records}
    assert by_path["empty.txt"]["error"] == "empty file"
    assert by_path["empty.txt"]["sha256"] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert "corrupt" in by_path["broken.docx"]["error"]
    assert by_path["2023/июнь/seed.docx"]["format"] == "docx" and by_path["2023/pdf/seed.pdf"]["format"] == "pdf"
    assert by_path["2023/июнь/seed.docx"]["directives"] > 40
    assert by_path["2023/small 1.txt"]["sha256"] == by_path["copies/small 1 copy.txt"]["sha256"]


def test_summary_and_progress(done: tuple[Path, Path, Summary, list[Progress]]) -> None:
    _, out, summary, events = done
    assert (summary.total, summary.ok, summary.failed, summary.skipped, summary.unsupported) == (9, 6, 2, 0, 1)
    assert summary.failed > 0  # the CLI exits 1
    assert [f[0] for f in summary.failures] == ["broken.docx", "empty.txt"]
    assert summary.failures[1] == ("empty.txt", "empty file")
    assert summary.warnings == ("2023/loop: symlink loop (points back to an enclosing folder), skipped",)
    assert summary.manifest == out / "manifest.jsonl" and summary.jobs == 2
    assert 0 < summary.peak_rss_kb < 200 * 1024
    assert events[0].status == "listed" and events[0].total == 9 and events[0].done == 0
    assert [e.done for e in events[1:]] == list(range(1, 10))
    assert sorted(e.path for e in events[1:]) == sorted(EXPECTED)
    assert events[-1].failed == 2 and events[-1].unsupported == 1 and all(len(e.workers) == 2 for e in events[1:])


def test_outputs_mirror_the_tree(done: tuple[Path, Path, Summary, list[Progress]]) -> None:
    root, out, _, _ = done
    for rel in OK:
        assert (out / (rel + ".json")).read_text(encoding="utf-8") == expected_output(root, rel)
    assert set(tree(out)) == {rel + ".json" for rel in OK} | {"manifest.jsonl", "directives.jsonl", "directives.csv", *ARCHIVE_FILES, "index.html"}
    assert temporaries(out) == []


def test_combined_files(done: tuple[Path, Path, Summary, list[Progress]]) -> None:
    root, out, _, _ = done
    text = (out / "directives.jsonl").read_text(encoding="utf-8")
    assert text == expected_directives_jsonl(root, OK)
    records = [json.loads(line) for line in text.splitlines()]
    data = (out / "directives.csv").read_bytes()
    expected = render("csv", [parse_rel(root, rel) for rel in OK], excel=True)
    assert data == expected.encode("utf-8")  # `protokol parse OK... --format csv --excel`, byte for byte
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the Cyrillic right
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][0] == "№" and {"Раздел", "Пункт", "Поручение", "Исполнитель"} <= set(rows[0])
    assert rows[0][-1] == "Файл"
    assert [r[0] for r in rows[1:]] == [str(n) for n in range(1, len(rows))]  # numbered across files
    assert {r[-1] for r in rows[1:]} == {rec["protocol"]["source"]["path"] for rec in records}
    cell = {name: i for i, name in enumerate(rows[0])}
    small = next(r for r in rows[1:] if r[-1] == "2023/small 1.txt" and r[cell["Пункт"]] == "I.1")
    assert small[cell["Исполнитель"]] == "Минфин края" and "до 2 июля 2023 г." in small  # the nominative
    assert "02.07.2023" in small and "30.06.2023" in small  # a Sunday: moved back
    assert data.count(b"\r\n") >= len(rows)


def test_combined_csv_defuses_formulas(tmp_path: Path) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    text = small_protocol(1).replace("1. Минфину края обеспечить", "1. =HYPERLINK(\"http://x\") Минфину края обеспечить")
    (root / "a.txt").write_text(text, encoding="utf-8")
    summary, _ = batch(root, out, jobs=1)
    assert summary.ok == 1
    cells = [c for row in csv.reader(io.StringIO((out / "directives.csv").read_text(encoding="utf-8-sig"),
                                                 newline=""), delimiter=";") for c in row]
    assert any("HYPERLINK" in c for c in cells)
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)


def test_resume_skips_reprocesses_changed_and_force(tmp_path: Path) -> None:
    root = build_archive(tmp_path / "archive")
    out = tmp_path / "out"
    first, _ = batch(root, out, jobs=2)
    outputs = tree(out)
    del outputs["manifest.jsonl"]
    second, events = batch(root, out, jobs=2)
    assert (second.ok, second.failed, second.skipped, second.unsupported) == (0, 2, 6, 1)  # failures are retried
    assert {e.path for e in events if e.status == "skipped"} == set(OK) | UNREAD
    assert [(r["status"], r["reused"]) for r in manifest(out)] == [
        ("failed", False) if r in FAILED else ("unsupported", True) if r in UNREAD else ("ok", True)
        for r in EXPECTED]
    assert {k: v for k, v in tree(out).items() if k != "manifest.jsonl"} == outputs
    (root / "2023" / "small-2.TXT").write_text(small_protocol(7, 9), encoding="utf-8")
    (root / "empty.txt").write_text(small_protocol(8), encoding="utf-8")
    third, events = batch(root, out, jobs=2)
    assert (third.ok, third.failed, third.skipped, third.unsupported) == (2, 1, 5, 1)
    assert {e.path for e in events if e.status == "ok"} == {"2023/small-2.TXT", "empty.txt"}
    assert without_duration(manifest(out)) == [
        expected_record(root, rel, reused=rel in OK + ["notes.png"] and rel != "2023/small-2.TXT")
        for rel in EXPECTED]
    assert (out / "directives.jsonl").read_text(encoding="utf-8") == \
        expected_directives_jsonl(root, [r for r in EXPECTED if r not in {"broken.docx"} | UNREAD])
    forced, _ = batch(root, out, jobs=2, force=True)
    assert (forced.ok, forced.failed, forced.skipped, forced.unsupported) == (7, 1, 0, 1)


def test_jobs_do_not_change_outputs(done: tuple[Path, Path, Summary, list[Progress]], tmp_path: Path) -> None:
    root, out, _, _ = done
    single = tmp_path / "single"
    batch(root, single, jobs=1)
    assert tree(single).keys() == tree(out).keys()
    for name, data in tree(out).items():
        if name != "manifest.jsonl":
            assert tree(single)[name] == data, name
    assert without_duration(manifest(single)) == without_duration(manifest(out))


def test_deleted_input_and_failed_rewrite(tmp_path: Path) -> None:
    """An input that turns bad loses its old output; a vanished input leaves the manifest."""
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(small_protocol(1), encoding="utf-8")
    (root / "b.txt").write_text(small_protocol(2), encoding="utf-8")
    out = tmp_path / "out"
    batch(root, out, jobs=1)
    (root / "a.txt").write_bytes(b"")
    (root / "b.txt").unlink()
    summary, _ = batch(root, out, jobs=1)
    assert (summary.total, summary.failed) == (1, 1)
    assert [(r["path"], r["status"]) for r in manifest(out)] == [("a.txt", "failed")]
    assert not (out / "a.txt.json").exists()
    assert (out / "directives.jsonl").read_text() == ""


def test_hang_and_crash_fail_only_their_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    for n in range(1, 6):
        (root / "sub" / f"p{n}.txt").write_text(small_protocol(n), encoding="utf-8")
    (root / "hang-me.txt").write_text(small_protocol(6), encoding="utf-8")
    (root / "crash-me.txt").write_text(small_protocol(7), encoding="utf-8")
    monkeypatch.setenv("PROTOKOL_TEST_HANG", "hang-me")
    monkeypatch.setenv("PROTOKOL_TEST_CRASH", "crash-me")
    out = tmp_path / "out"
    summary, _ = batch(root, out, jobs=2, timeout=2.0)
    assert (summary.ok, summary.failed) == (5, 2)
    assert summary.failures == (("crash-me.txt", "worker crashed (killed by SIGKILL)"),
                                ("hang-me.txt", "timed out after 2 s"))
    records = {r["path"]: r for r in manifest(out)}
    assert records["hang-me.txt"]["sha256"] == expected_record(root, "hang-me.txt")["sha256"]
    assert records["hang-me.txt"]["duration"] >= 2.0
    assert all(records[f"sub/p{n}.txt"]["status"] == "ok" for n in range(1, 6))
    assert not (out / "hang-me.txt.json").exists() and not (out / "crash-me.txt.json").exists()
    assert temporaries(out) == []


def test_other_format_via_renderers(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(small_protocol(1), encoding="utf-8")
    batch(root, tmp_path / "out", jobs=1)
    assert (tmp_path / "out" / "a.txt.json").exists()
    summary, _ = batch(root, tmp_path / "out", fmt="md", jobs=1)
    assert (summary.ok, summary.skipped) == (1, 0)  # another format: not up to date
    assert not (tmp_path / "out" / "a.txt.json").exists()  # the previous format's output is gone
    text = (tmp_path / "out" / "a.txt.md").read_text(encoding="utf-8")
    assert "Минфину края" in text
    assert manifest(tmp_path / "out")[0]["settings"].startswith("format=md;")
    assert (tmp_path / "out" / "directives.jsonl").read_text(encoding="utf-8").count("\n") == 4


@pytest.mark.parametrize("fmt", ["json", "jsonl", "md"])
def test_outputs_are_what_parse_renders(tmp_path: Path, fmt: str) -> None:
    """A batch output is byte for byte the file `protokol parse --format FMT` renders
    (the worker renders json and jsonl from data it has already made)."""
    import protokol
    from protokol.output.formats import render

    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(small_protocol(1), encoding="utf-8")
    summary, _ = batch(root, tmp_path / "out", fmt=fmt, jobs=1)
    assert summary.ok == 1
    parsed = protokol.parse((root / "a.txt").read_bytes(), name="a.txt", fmt="txt")
    expected = render(fmt, [parsed])
    written = (tmp_path / "out" / f"a.txt.{fmt}").read_bytes()
    assert written == (expected if isinstance(expected, bytes) else expected.encode("utf-8"))


def test_run_errors(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    with pytest.raises(BatchError, match="unknown output format 'nope'"):
        run(BatchConfig(root, tmp_path / "out", fmt="nope"))
    with pytest.raises(BatchError, match="no such folder"):
        run(BatchConfig(tmp_path / "missing", tmp_path / "out"))
    with pytest.raises(BatchError, match="must differ"):
        run(BatchConfig(root, root))
    (tmp_path / "file").write_text("x")
    with pytest.raises(BatchError, match="not a folder"):
        run(BatchConfig(root, tmp_path / "file"))


def test_concurrent_run_is_refused(tmp_path: Path) -> None:
    import fcntl

    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    (out / ".protokol-batch").mkdir(parents=True)
    with open(out / ".protokol-batch" / "lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        with pytest.raises(BatchError, match="another batch run"):
            run(BatchConfig(root, out))
    summary = run(BatchConfig(root, out))
    assert (summary.total, summary.jobs) == (0, 0)
    assert (out / "manifest.jsonl").read_text() == ""
    shutil.rmtree(out)


def test_interrupt_while_listing_keeps_the_previous_manifest(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    batch_module = importlib.import_module("protokol.batch.run")

    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    out.mkdir()
    previous = '{"path": "a.txt", "status": "ok"}\n'
    (out / "manifest.jsonl").write_text(previous)

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(batch_module, "list_inputs", interrupted)
    with pytest.raises(batch_module.BatchInterrupted) as caught:
        run(BatchConfig(root, out))
    assert caught.value.summary.interrupted and caught.value.summary.total == 0
    assert isinstance(caught.value, KeyboardInterrupt)
    assert (out / "manifest.jsonl").read_text() == previous


def test_torn_manifest_lines_are_ignored(tmp_path: Path) -> None:
    from protokol.batch import load_manifest

    path = tmp_path / "manifest.jsonl"
    path.write_text('{"path": "a.txt", "status": "ok", "n": 1}\nnot json\n[1]\n'
                    '{"path": "a.txt", "status": "failed"}\n{"path": "b.txt", "sta')
    assert load_manifest(path) == {"a.txt": {"path": "a.txt", "status": "failed"}}
    assert load_manifest(tmp_path / "missing.jsonl") == {}


def test_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    name = os.fsdecode(b"bad-\xff name.txt")
    (root / name).write_text(small_protocol(1), encoding="utf-8")
    summary, _ = batch(root, out, jobs=1)
    assert (summary.ok, summary.failed) == (1, 0)
    raw = (out / "manifest.jsonl").read_bytes()
    assert b'"path": "bad-\\udcff name.txt"' in raw
    assert manifest(out)[0]["path"] == name and manifest(out)[0]["output"] == name + ".json"
    assert (out / (name + ".json")).exists()
    assert json.loads((out / "directives.jsonl").read_text(encoding="utf-8").splitlines()[0])[
        "protocol"]["source"]["path"] == "bad-\ufffd name.txt"
    again, _ = batch(root, out, jobs=1)
    assert again.skipped == 1


def test_the_parent_never_imports_heavy_libraries(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(small_protocol(1), encoding="utf-8")
    code = ("import sys; from pathlib import Path; from protokol.batch import BatchConfig, run; "
            f"s = run(BatchConfig(Path({str(root)!r}), Path({str(tmp_path / 'out')!r}), jobs=1)); "
            "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
            "{'pymorphy3', 'pdfplumber', 'pypdfium2', 'docx', 'dateparser', 'lxml', 'openpyxl', 'rich'}); "
            "print(s.ok, heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "1 []"


def test_output_name_too_long_is_shortened(tmp_path: Path) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    long = "п" * 124 + ".txt"  # 252 bytes: fits, but name + ".json" does not (255)
    (root / long).write_text(small_protocol(1), encoding="utf-8")
    (root / "short.txt").write_text(small_protocol(2), encoding="utf-8")
    summary, _ = batch(root, out, jobs=1)
    assert (summary.ok, summary.failed) == (2, 0)
    name = {r["path"]: r["output"] for r in manifest(out)}[long]
    assert name.endswith(".txt.json") and len(name.encode()) <= 255 and name.startswith("п" * 100)
    assert (out / name).read_text(encoding="utf-8") == expected_output(root, long)
    assert temporaries(out) == [] and (out / "short.txt.json").exists()
    assert batch(root, out, jobs=1)[0].skipped == 2
