"""protokol shows the item numbers LibreOffice itself shows for the same .doc, .rtf or .odt.

LibreOffice's plain-text export writes each list item's label as it displays it; the
labels protokol reads (through the .docx LibreOffice makes for it) must be the same, in
the same order. This holds for a file whose numbering LibreOffice's own export damaged
too: the .doc it makes straight from the Word-style seed shows "1." where the .docx shows
"2." (see conftest.py), and protokol reads "1." there, as the file says. An .rtf is shown
as protokol hands it to LibreOffice (with the empty last paragraph that keeps the level of
a sub-item ending the document: office.end_with_plain_paragraph).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from protokol.readers import read_bytes
from protokol.readers.office import convert_one, end_with_plain_paragraph
from tests.conftest import SAMPLES, SEED

from .conftest import OFFICE, _soffice

LABEL = re.compile(r"(?:\d+\.)+|\d+\)|[а-яa-z]\)|[IVXLC]+\.")  # bullets aside: "•" is how they are shown
SHOWN = re.compile(r"\s+(" + LABEL.pattern + r")\s")


@pytest.fixture(scope="session")
def shown(versions, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[str]]]:
    """staged file name -> (the file, the labels LibreOffice shows), one soffice start for all."""
    exe = shutil.which("soffice")
    assert exe, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    tmp = tmp_path_factory.mktemp("shown")
    profile, staged, out = tmp / "profile", tmp / "in", tmp / "out"
    staged.mkdir()
    _soffice(exe, "doc:MS Word 97", [SAMPLES / f"{SEED}.docx"], tmp / "straight", profile)
    files = {"seed-straight.doc": tmp / "straight" / f"{SEED}.doc"}
    files |= {f"{name}-{fmt}.{fmt}": paths[fmt] for name, paths in versions.items() for fmt in OFFICE}
    for link, target in files.items():
        if link.endswith(".rtf"):  # as protokol hands it over: see office.end_with_plain_paragraph
            shutil.copyfile(target, staged / link)
            end_with_plain_paragraph(staged / link)
        else:
            os.symlink(target, staged / link)
    _soffice(exe, "txt:Text (encoded):UTF8", sorted(staged.iterdir()), out, profile)
    result = {}
    for link, target in files.items():
        text = (out / (Path(link).stem + ".txt")).read_text(encoding="utf-8-sig")
        result[link] = (target, [m[1] for m in map(SHOWN.match, text.splitlines()) if m])
    return result


def test_labels_match_libreoffice_for_every_office_file(shown, office_docx):
    assert len(shown) > 3
    for link, (path, labels) in sorted(shown.items()):
        docx = office_docx[path].read_bytes() if path in office_docx else convert_one(path.read_bytes(), link, 300)
        read = [b.number_label for b in read_bytes(docx, link).blocks
                if b.number_label and LABEL.fullmatch(b.number_label)]
        assert read == labels, link


def test_the_straight_doc_of_the_seed_really_lost_its_numbers(shown):
    labels = shown["seed-straight.doc"][1]
    assert labels.count("1.") > labels.count("2."), "LibreOffice's .doc export kept the restarts: see conftest.py"
