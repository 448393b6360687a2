"""protokol.convert: the one read -> parse -> render path the API and the command line share."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from click.testing import CliRunner

import protokol
from protokol.cli import main
from protokol.convert import convert, make_options, parse_source, render_bytes
from protokol.errors import ReadError
from protokol.model import Limits, Options
from tests.conftest import SAMPLES, SEED

TXT = SAMPLES / f"{SEED}.txt"


def test_convert_gives_the_command_lines_bytes():
    for fmt in ("json", "jsonl", "md", "csv", "ics"):
        cli = CliRunner().invoke(main, ["parse", str(TXT), "-f", fmt], catch_exceptions=False).stdout_bytes
        assert convert(str(TXT), Options(), fmt) == cli, fmt


def test_a_path_bytes_and_a_file_object_read_alike():
    data = TXT.read_bytes()
    from_path = parse_source(TXT, make_options("2023-06-20"))
    from_bytes = parse_source(data, make_options(dt.date(2023, 6, 20)), name=str(TXT))
    from_file = parse_source(io.BytesIO(data), make_options("2023-06-20"), name=str(TXT))
    assert from_path == from_bytes == from_file
    assert parse_source(data).source.path == "<bytes>"
    assert from_path == protokol.parse(TXT, date="2023-06-20")


def test_options_builder_and_errors():
    assert make_options("2023-06-20", "none", "forward") == Options(dt.date(2023, 6, 20), "none", "forward")
    with pytest.raises(ValueError):
        make_options("20.06.2023")
    with pytest.raises(ValueError, match="unknown format"):
        render_bytes("pdf", [])
    with pytest.raises(ReadError, match="too large"):
        convert(io.BytesIO(b"x" * 101), limits=Limits(max_bytes=100))
    with pytest.raises(ReadError, match="empty"):
        convert(b"", fmt="json")
