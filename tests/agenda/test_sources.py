"""agenda.sources: a batch output folder is read from its manifest and outputs, never
parsed again; contract JSON files and folders of protocols are read too."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from protokol.agenda import Window, agenda, load
from protokol.batch import BatchConfig, run
from protokol.convert import parse_source
from tests.agenda.helpers import deadline, protocol, task

WINDOW = Window(dt.date(2023, 7, 3), dt.date(2023, 7, 16), dt.date(2023, 7, 3))


def small(n: int) -> str:
    return ("ПРОТОКОЛ\n\nсовещания\n\n" f"{n} июня 2023 г. № {n}-пр\n\nРЕШИЛИ:\n\n"
            f"1. Минфину края подготовить отчет № {n}. Срок – до {n + 1} июля 2023 г.\n"
            "2. Органам власти представлять сведения по понедельникам.\n")


def never(path: Path) -> dict:
    raise AssertionError(f"{path} was parsed again")


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    (root / "a").mkdir()
    (root / "a" / "one.txt").write_text(small(2), encoding="utf-8")
    (root / "two.txt").write_text(small(5), encoding="utf-8")
    (root / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    out = tmp_path_factory.mktemp("out")
    run(BatchConfig(root=root, out=out, jobs=1))
    out.joinpath(".root").write_text(str(root), encoding="utf-8")
    return out


def test_batch_folder_is_read_from_manifest_and_outputs(batch_out):
    loaded = list(load([str(batch_out)], never))
    assert sorted(x.path for x in loaded) == ["a/one.txt", "broken.pdf", "two.txt"]
    errors = [x for x in loaded if x.error]
    assert [x.path for x in errors] == ["broken.pdf"] and errors[0].error.startswith("failed in the batch")
    items = agenda([x.data for x in loaded if x.data], WINDOW)
    assert [(o.date.isoformat(), o.protocol_number, o.item) for o in items] == [
        ("2023-07-03", "2-пр", "1"), ("2023-07-03", "2-пр", "2"), ("2023-07-03", "5-пр", "2"),
        ("2023-07-06", "5-пр", "1"), ("2023-07-10", "2-пр", "2"), ("2023-07-10", "5-пр", "2")]


def test_batch_output_gives_the_agenda_of_parsing_the_files(batch_out):
    root = Path(batch_out.joinpath(".root").read_text(encoding="utf-8"))
    archive = [x.data for x in load([str(batch_out)], never) if x.data]
    parsed = [parse_source((root / rel).read_bytes(), name=rel).to_dict() for rel in ("a/one.txt", "two.txt")]
    assert [o.to_dict() for o in agenda(archive, WINDOW)] == [o.to_dict() for o in agenda(parsed, WINDOW)]


def test_batch_in_another_format_falls_back_to_directives_jsonl(batch_out, tmp_path):
    out = tmp_path / "md"
    root = tmp_path / "archive"
    root.mkdir()
    (root / "two.txt").write_text(small(5), encoding="utf-8")
    run(BatchConfig(root=root, out=out, fmt="md", jobs=1))
    loaded = list(load([str(out)], never))
    items = agenda([x.data for x in loaded if x.data], WINDOW)
    assert [(o.date.isoformat(), o.protocol_number, o.item) for o in items] == [
        ("2023-07-03", "5-пр", "2"), ("2023-07-06", "5-пр", "1"), ("2023-07-10", "5-пр", "2")]


def test_json_files_one_result_or_an_array(tmp_path):
    one = protocol("7", "2023-07-01", task("1", "Сделать.", deadline("до 5 июля", due="2023-07-05")))
    (tmp_path / "one.json").write_text(json.dumps(one), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([one, one]), encoding="utf-8")
    (tmp_path / "bad.json").write_text("{\"x\": 1}", encoding="utf-8")
    loaded = list(load([str(tmp_path / n) for n in ("one.json", "many.json", "bad.json")], never))
    assert [x.error is None for x in loaded] == [True, True, True, False]


def test_a_folder_of_protocols_is_parsed_in_name_order(tmp_path):
    (tmp_path / "b.txt").write_text(small(5), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(small(2), encoding="utf-8")
    (tmp_path / "notes.md").write_text("не протокол", encoding="utf-8")
    seen: list[str] = []

    def parse(path: Path) -> dict:
        seen.append(path.relative_to(tmp_path).as_posix())
        return parse_source(str(path)).to_dict()

    loaded = list(load([str(tmp_path)], parse))
    assert seen == ["b.txt", "sub/a.txt"] and all(x.data for x in loaded)


def test_batch_writes_an_index_of_the_archive(batch_out):
    page = (batch_out / "index.html").read_text(encoding="utf-8")
    assert 'href="a/one.txt.json"' in page and "2-пр" in page and "05.06.2023" in page
    assert "broken.pdf" in page and "с ошибкой: 1" in page
