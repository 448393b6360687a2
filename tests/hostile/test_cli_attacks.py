"""The command line under attack: slow inputs, endless stdin, a full disk or a closed pipe on
stdout, absurd options, binary output to a terminal, one bad file among good ones.
Every input is built here; every run is a subprocess under 1 GB with a timeout."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from protokol import cli as cli_module
from tests.hostile.conftest import SAMPLES, SEED, _limit_memory, assert_parsed, assert_refused, cli

TXT = SAMPLES / f"{SEED}.txt"
DOCX = SAMPLES / f"{SEED}.docx"


def protokol(*args: str, stdin: object = None, stdout: object = subprocess.PIPE,
             timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    """Like conftest.cli, but with the caller's own stdin/stdout (a device, a pipe, a pty)."""
    return subprocess.run([sys.executable, "-m", "protokol", *args], stdin=stdin, stdout=stdout,
                          stderr=subprocess.PIPE, timeout=timeout, preexec_fn=_limit_memory)


def fed(*args: str, data: bytes, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    """protokol ARGS with `data` on stdin (bytes as they are, no decoding)."""
    return subprocess.run([sys.executable, "-m", "protokol", *args], input=data, stdout=stdout,
                          stderr=subprocess.PIPE, timeout=60, preexec_fn=_limit_memory)


def one_error_line(stderr: bytes, *fragments: str) -> str:
    text = stderr.decode()
    assert "Traceback" not in text and "Exception ignored" not in text, text[-2000:]
    assert text.startswith("protokol: error: ") and text.count("\n") == 1, text[-2000:]
    for fragment in fragments:
        assert fragment in text, (fragment, text)
    return text


def copies(tmp_path: Path, n: int) -> Path:
    """A legitimately slow input: the sample protocol n times over, every copy's lines made
    distinct (so no per-text cache makes the copies cheap)."""
    lines = TXT.read_text(encoding="utf-8").splitlines()
    path = tmp_path / f"x{n}.txt"
    path.write_text("\n".join(f"{line} (копия {k})" if line.strip() else line for k in range(n) for line in lines),
                    encoding="utf-8")
    return path


# ---------------------------------------------------------------- 1. --timeout


def test_a_tiny_timeout_stops_parse_with_one_line():
    proc = cli("parse", str(DOCX), "--timeout", "0.001", timeout=30)
    assert_refused(proc, "took longer than 0.001 s", str(DOCX))


def test_timeout_stops_a_slow_input_early_and_zero_means_none(tmp_path):
    big = copies(tmp_path, 60)
    start = time.perf_counter()
    free = cli("parse", str(big), "--timeout", "0", "-f", "jsonl", timeout=120)
    whole = time.perf_counter() - start
    assert free.returncode == 0 and free.stdout.count("\n") > 1000
    start = time.perf_counter()
    stopped = cli("parse", str(big), "--timeout", str(round(whole / 8, 3)), "-f", "jsonl", timeout=120)
    cut = time.perf_counter() - start
    assert_refused(stopped, "took longer than", big.name)
    assert cut < whole * 0.75, (cut, whole)


def test_generous_timeout_parses_and_the_other_files_still_run(tmp_path):
    assert_parsed(cli("parse", str(TXT), "--timeout", "120", timeout=60))
    alone = cli("parse", str(TXT), "-f", "jsonl", timeout=60).stdout.count("\n")
    big = copies(tmp_path, 500)  # over 10 s of parsing; the sample (grammars loaded with it) well under 3 s
    proc = cli("parse", str(TXT), str(big), str(TXT), "--timeout", "3", "-f", "jsonl", timeout=120)
    assert proc.returncode == 1 and "took longer than 3 s" in proc.stderr and big.name in proc.stderr
    assert proc.stderr.count("\n") == 1
    assert proc.stdout.count("\n") == 2 * alone  # both samples' directives, none of the big file's
    assert {json.loads(line)["protocol"]["number"] for line in proc.stdout.splitlines()} == {"Д05-78/05пр"}


def test_deadline_has_a_timeout_too():
    assert_refused(cli("deadline", "до 1 июля 2023 г.", "--timeout", "0.001", timeout=30), "took longer than")
    proc = cli("deadline", "до 1 июля 2023 г.", "--date", "2023-06-20", "--timeout", "60", timeout=30)
    assert proc.returncode == 0 and json.loads(proc.stdout)[0]["due"] == "2023-07-01"


# ---------------------------------------------------------------- 2. deadline - on unbounded stdin


def test_deadline_stdin_from_dev_zero_is_one_line():
    with open("/dev/zero", "rb") as zero:
        proc = protokol("deadline", "-", stdin=zero, timeout=30)
    assert proc.returncode == 1 and proc.stdout == b""
    one_error_line(proc.stderr, "<stdin>:1", "line longer than")


def test_deadline_stdin_one_endless_line_after_good_ones():
    data = "до 1 июля 2023 г.\n".encode() * 3 + b"x" * (8 * 1024 * 1024)
    proc = fed("deadline", "-", "--date", "2023-06-20", data=data)
    assert proc.returncode == 1
    lines = proc.stdout.decode().splitlines()
    assert [json.loads(line)["deadlines"][0]["due"] for line in lines] == ["2023-07-01"] * 3
    one_error_line(proc.stderr, "<stdin>:4", "line longer than")


def test_deadline_stdin_total_is_bounded(monkeypatch):
    monkeypatch.setattr(cli_module, "MAX_STDIN", 1000)
    result = CliRunner().invoke(cli_module.main, ["deadline", "-"], input="\n" * 999 + "ещё\n" * 10)
    assert result.exit_code == 1
    assert "input longer than 1000 bytes" in result.stderr and result.stderr.count("\n") == 1
    assert result.stdout.count("\n") == 999


def test_deadline_stdin_with_bad_utf8_and_long_but_allowed_lines():
    line = ("ежедневно " * 6000).encode()[: cli_module.MAX_LINE - 1]
    data = b"\xff\xfe\xc3 \n" + line + b"\n"
    proc = fed("deadline", "-", data=data)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert len(out) == 2 and "\ufffd" in out[0]["input"]


# ---------------------------------------------------------------- 3. stdout that fails


@pytest.mark.parametrize("args", [("parse", str(TXT)), ("parse", str(TXT), "-f", "xlsx"), ("schema",)])
def test_full_disk_on_stdout_is_one_line(args):
    with open("/dev/full", "wb") as full:
        proc = protokol(*args, stdout=full, timeout=60)
    assert proc.returncode == 1
    one_error_line(proc.stderr, "cannot write standard output", "No space left")


def test_full_disk_on_deadline_stream():
    with open("/dev/full", "wb") as full:
        proc = fed("deadline", "-", data="еженедельно\n".encode() * 5, stdout=full)
    assert proc.returncode == 1
    one_error_line(proc.stderr, "No space left")


@pytest.mark.parametrize("fmt", ["json", "table", "xlsx"])
def test_closed_pipe_ends_silently_with_exit_1(fmt):
    read, write = os.pipe()
    os.close(read)  # the reader is gone before protokol writes anything
    try:
        proc = protokol("parse", str(TXT), "-f", fmt, stdout=write, timeout=60)
    finally:
        os.close(write)
    assert proc.returncode == 1
    assert proc.stderr == b"", proc.stderr[-2000:]


def test_reader_that_stops_after_one_byte(tmp_path):
    big = copies(tmp_path, 30)  # far more output than a pipe buffer holds
    proc = subprocess.Popen([sys.executable, "-m", "protokol", "parse", str(big), "-f", "jsonl"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_limit_memory)
    assert proc.stdout is not None and proc.stdout.read(1) == b"{"
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and err == b"", err[-2000:]


# ---------------------------------------------------------------- 4. absurd --remind


@pytest.mark.parametrize("value", ["99999999999999d", "367d", "53w", "9" * 5000 + "m", "1y", "-1d"])
def test_absurd_remind_is_a_one_line_usage_error(value):
    proc = cli("parse", str(TXT), "-f", "ics", "--remind", value, timeout=30)
    assert proc.returncode == 2 and proc.stdout == "" and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("protokol: error: ") and proc.stderr.count("\n") == 1
    assert "--remind" in proc.stderr


def test_the_largest_remind_renders():
    proc = protokol("parse", str(TXT), "-f", "ics", "--remind", "366d", timeout=60)
    assert proc.returncode == 0 and b"TRIGGER;RELATED=END:-P366D" in proc.stdout


# ---------------------------------------------------------------- 8. outputs: terminal, extension, partial


def _on_a_terminal(*args: str) -> tuple[int, bytes, bytes]:
    """Run with stdout on a pseudo-terminal; what reached it, read while the run goes on."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "protokol", *args], stdout=follower, stderr=subprocess.PIPE,
                            preexec_fn=_limit_memory)
    os.close(follower)
    shown = bytearray()
    try:
        while True:
            try:
                chunk = os.read(leader, 1 << 16)
            except OSError:  # EIO: every writer of the terminal is gone
                break
            if not chunk:
                break
            shown += chunk
        _, err = proc.communicate(timeout=60)
    finally:
        os.close(leader)
    return proc.returncode, bytes(shown), err


@pytest.mark.parametrize("fmt", ["xlsx", "ics"])
def test_binary_format_is_not_dumped_on_a_terminal(fmt):
    code, shown, err = _on_a_terminal("parse", str(TXT), "-f", fmt)
    assert code == 2 and shown == b""
    one_error_line(err, "binary", f"-o FILE.{fmt}")


def test_a_text_format_still_reaches_the_terminal():
    code, shown, err = _on_a_terminal("parse", str(TXT), "-f", "md")
    assert code == 0 and shown.startswith(b"# "), err


@pytest.mark.parametrize("name", ["out.pdf", "out.docx", "out"])
def test_unknown_output_extension_is_a_usage_error(tmp_path, name):
    proc = cli("parse", str(TXT), "-o", str(tmp_path / name), timeout=30)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert ".xlsx" in proc.stderr and ".json" in proc.stderr and "--format" in proc.stderr
    assert not (tmp_path / name).exists()
    assert cli("parse", str(TXT), "-o", str(tmp_path / name), "-f", "json", timeout=30).returncode == 0


def test_one_bad_file_among_good_ones_still_writes_the_good(tmp_path):
    from openpyxl import load_workbook

    bad = tmp_path / "bad.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    missing = tmp_path / "missing.txt"
    out = tmp_path / "r.xlsx"
    proc = cli("parse", str(DOCX), str(bad), str(missing), "-o", str(out), timeout=60)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith("protokol: error: ") for line in lines)
    assert "bad.doc" in lines[0] and "missing.txt" in lines[1]
    book = load_workbook(out)
    assert book["Реестр"].max_row > 20 and book["Протоколы"].max_row == 2


def test_one_bad_file_on_stdout_json(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    proc = cli("parse", str(bad), str(TXT), "-f", "json", timeout=60)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "empty.txt" in proc.stderr
    assert json.loads(proc.stdout)["protocol"]["number"] == "Д05-78/05пр"
