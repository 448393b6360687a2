"""The command line as a user meets it: formats, files, stdin, errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from protokol.cli import main
from protokol.output.schema import validate
from tests.conftest import SAMPLES, SEED

TXT = SAMPLES / f"{SEED}.txt"


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str, input: bytes | str | None = None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


def test_piped_output_defaults_to_contract_json(run):
    result = run("parse", str(TXT))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    validate(data, "result")
    assert list(data) == ["schema_version", "source", "protocol", "sections", "warnings"]
    assert data["source"] == {"path": str(TXT), "format": "txt", "sha256": data["source"]["sha256"]}
    assert len(data["source"]["sha256"]) == 64


def test_output_is_byte_identical_run_to_run(run):
    assert run("parse", str(TXT), "-f", "json").stdout_bytes == run("parse", str(TXT), "-f", "json").stdout_bytes


def test_jsonl_has_one_directive_per_line_with_context(run):
    lines = run("parse", str(TXT), "--format", "jsonl").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    for record in records:
        validate(record, "record")
    assert len(records) == 9 + 29 + 10
    first = records[0]
    assert first["id"] == "I.1"
    assert first["protocol"]["number"] == "Д05-78/05пр" and first["protocol"]["date"] == "2023-06-20"
    assert first["section"]["number"] == "I"


def test_stdin_and_output_file(run, tmp_path):
    out = tmp_path / "r.json"
    result = run("parse", "-", "--input-format", "txt", "-o", str(out), input=TXT.read_bytes())
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["source"]["path"] == "<stdin>"


def test_several_files_give_a_json_array(run, tmp_path):
    other = tmp_path / "other.txt"
    other.write_bytes(TXT.read_bytes().replace("Д05-78".encode(), "Д05-79".encode()))
    one = json.loads(run("parse", str(TXT), "-f", "json").stdout)
    text = run("parse", str(TXT), str(other), "-f", "json").stdout
    data = json.loads(text)
    assert data[0] == one  # each element is that file's own result, in the order given
    assert data[1]["source"]["path"] == str(other) and data[1]["protocol"]["number"] == "Д05-79/05пр"
    assert data[1]["sections"] == one["sections"] and len(data) == 2
    assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.docx", None, "not found"),
        ("empty.txt", b"", "empty"),
        ("garbage.txt", bytes(range(256)) * 4, "not a text file"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "docx, pdf, txt"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_1(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    proc = subprocess.run([sys.executable, "-m", "protokol", "parse", str(path)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("protokol: error: ")
    assert message in proc.stderr.lower()
    assert "Traceback" not in proc.stderr


def test_usage_errors_exit_2(run):
    assert run("parse").exit_code == 2
    assert run("parse", str(TXT), "--date", "20.06.2023").exit_code == 2
    assert run("parse", str(TXT), "--rules", "nonsense").exit_code == 2


def test_help_does_not_import_heavy_libraries():
    code = ("import sys; from protokol.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = {'pymorphy3', 'pdfplumber', 'dateparser', 'docx', 'openpyxl', 'icalendar', 'rich', 'pypdfium2'}\n"
            "print(sorted(heavy & set(sys.modules)))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_deadline_command(run):
    data = json.loads(run("deadline", "до 1 июля 2023 г.", "--date", "2023-06-20").stdout)
    validate(data, "deadlines")
    assert [(d["kind"], d["bound"], d["due"], d["effective_due"]) for d in data] == [
        ("once", "by", "2023-07-01", "2023-06-30")]


def test_deadline_command_reads_lines_from_stdin(run):
    out = run("deadline", "-", "--date", "2023-06-20", input="еженедельно\nчто-то непонятное\n").stdout
    records = [json.loads(line) for line in out.splitlines()]
    for record in records:
        validate(record, "deadline-line")
    assert [r["input"] for r in records] == ["еженедельно", "что-то непонятное"]
    assert records[0]["deadlines"][0]["rrule"] == "FREQ=WEEKLY"
    assert records[1]["deadlines"][0]["kind"] == "unparsed"


def test_batch_command_exit_code_summary_and_quiet(tmp_path):
    archive = tmp_path / "archive"
    (archive / "nested").mkdir(parents=True)
    (archive / "nested" / "ok.txt").write_bytes(TXT.read_bytes())
    (archive / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    cmd = [sys.executable, "-m", "protokol", "batch", str(archive), "-o", str(tmp_path / "out"), "--jobs", "1"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert "2 inputs, 1 converted, 0 up to date, 1 failed" in proc.stderr
    assert "failed: broken.docx:" in proc.stderr
    manifest = [json.loads(line) for line in (tmp_path / "out" / "manifest.jsonl").read_text().splitlines()]
    assert [(m["path"], m["status"]) for m in manifest] == [("broken.docx", "failed"), ("nested/ok.txt", "ok")]
    again = subprocess.run(cmd + ["--quiet"], capture_output=True, text=True)
    assert (again.returncode, again.stdout, again.stderr) == (1, "", "")


def test_schema_command_prints_the_contract_schema(run):
    schema = json.loads(run("schema").stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert "Deadline" in schema["$defs"]
    assert json.loads(run("schema", "record").stdout)["$schema"] == schema["$schema"]


@pytest.mark.parametrize("fmt, head", [("xlsx", b"PK"), ("ics", b"BEGIN:VCALENDAR"), ("csv", "№".encode()),
                                       ("md", b"# "), ("table", "Протокол".encode()), ("html", b"<!DOCTYPE html>")])
def test_every_format_through_the_cli(run, tmp_path, fmt, head):
    result = run("parse", str(TXT), "-f", fmt)
    assert result.exit_code == 0
    assert result.stdout_bytes.lstrip(b"\xef\xbb\xbf").startswith(head)


def test_output_format_is_inferred_from_the_extension(run, tmp_path):
    out = tmp_path / "register.xlsx"
    assert run("parse", str(TXT), "-o", str(out)).exit_code == 0
    assert out.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("given, expected", [((), 300.0), (("--timeout", "12.5"), 12.5), (("--timeout", "0"), None)])
def test_timeout_reaches_the_readers_limits(run, monkeypatch, given, expected):
    import protokol.readers

    seen = []
    real = protokol.readers.read

    def spy(path, *, fmt=None, limits=None):
        seen.append(limits)
        return real(path, fmt=fmt, limits=limits)

    monkeypatch.setattr(protokol.readers, "read", spy)
    assert run("parse", str(TXT), *given).exit_code == 0
    assert [limits.timeout for limits in seen] == [expected]


def test_usage_errors_are_one_line_with_a_hint(run):
    result = run("parse", str(TXT), "--timeout", "-1")
    assert result.exit_code == 2
    assert result.stderr.startswith("protokol: error: ") and result.stderr.count("\n") == 1
    assert "--timeout" in result.stderr and "--help" in result.stderr


def test_help_names_the_new_options(run):
    assert "--timeout" in run("parse", "--help").stdout
    assert "--timeout" in run("deadline", "--help").stdout
    assert "366d" in run("parse", "--help").stdout
