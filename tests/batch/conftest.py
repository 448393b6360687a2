"""The small archive of the batch issue, built in a temporary folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SEED = "protocol-2023-06-20-D05-78"
ODD_NAME = "Протокол от 1 июля\nитоги.txt"  # Cyrillic, spaces and a newline
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(40))  # the start of a png image


def small_protocol(n: int, day: int = 1) -> str:
    """A short protocol with two sections; n varies the content and the directives."""
    items = "\n".join(
        f"{k}. Минфину края обеспечить подготовку отчета № {n}-{k}. Срок – до {day + k} июля 2023 г."
        for k in range(1, 2 + n % 3))
    return (
        "МИНИСТЕРСТВО ФИНАНСОВ\n\nПРОТОКОЛ\n\nсовещания по вопросу " + f"№ {n}\n\n"
        f"{day} июня 2023 г. № {n}-пр\n\nМосква\n\n"
        "I. О подготовке отчетов\n\nРЕШИЛИ:\n\n" + items + "\n\n"
        "II. О мониторинге\n\nРЕШИЛИ:\n\n"
        "1. Принять информацию к сведению.\n"
        "2. Органам исполнительной власти представлять сведения еженедельно, по понедельникам.\n"
    )


def build_archive(root: Path) -> Path:
    """Nested folders, a duplicate, a corrupt docx, an empty file, an image (a format
    protokol does not read), a symlink loop and an odd file name."""
    (root / "2023" / "июнь").mkdir(parents=True)
    (root / "2023" / "pdf").mkdir(parents=True)
    (root / "copies").mkdir()
    shutil.copy(SAMPLES / f"{SEED}.docx", root / "2023" / "июнь" / "seed.docx")
    shutil.copy(SAMPLES / f"{SEED}.pdf", root / "2023" / "pdf" / "seed.pdf")
    (root / "2023" / "small 1.txt").write_text(small_protocol(1), encoding="utf-8")
    (root / "copies" / "small 1 copy.txt").write_text(small_protocol(1), encoding="utf-8")  # duplicate
    (root / "2023" / "small-2.TXT").write_text(small_protocol(2, 3), encoding="utf-8")
    (root / "2023" / ODD_NAME).write_text(small_protocol(4, 5), encoding="utf-8")
    (root / "broken.docx").write_bytes(b"PK\x03\x04" + os.urandom(64))  # zip garbage
    (root / "empty.txt").write_bytes(b"")
    (root / "notes.png").write_bytes(PNG)  # listed as unsupported
    os.symlink("..", root / "2023" / "loop")  # a symlink loop
    return root


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    return build_archive(tmp_path / "archive")
