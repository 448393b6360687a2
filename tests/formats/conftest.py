"""The seed and every real-text corpus fragment in every format protokol reads, built once.

For each document: ``txt`` (the text), ``docx`` (Word automatic numbering: the shipped
sample for the seed, tests/formats/txt2docx.py for a fragment), and what LibreOffice makes
of that .docx: ``docx-lo`` (re-saved as .docx), ``odt``, ``pdf``, and ``doc`` and ``rtf``.
The .doc and .rtf are made from a .docx whose restarted lists are lists of their own (see
``split_restarts`` and txt2docx's ``restart="abstract"``): LibreOffice's .doc export drops
a restart inside a list, and its .rtf export drops a w:startOverride (its own rendering of
such a file shows "1." where the .docx showed "2." or "4."), so a .doc or .rtf made straight
from the Word-style .docx no longer holds the document's numbers at all.

LibreOffice runs once per target format for all the documents, and once more (through
protokol's own ``convert_many``, as the reader of a .doc, .rtf or .odt does) to turn the
.odt, .rtf and .doc back into the .docx protokol reads.

The corpus is read at test time from ``shared/corpus`` beside the repository (CI lays
``shared/`` there; ``PROTOKOL_SHARED`` names another place); its text is never copied here.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import zipfile
from pathlib import Path

import pytest

from protokol.readers.office import convert_many
from tests.conftest import ROOT, SAMPLES, SEED

from .txt2docx import txt_to_docx

SHARED = Path(os.environ.get("PROTOKOL_SHARED") or ROOT.parent / "shared")
FRAGMENTS = SHARED / "corpus" / "fragments"
LO_TARGETS = {"odt": "odt", "pdf": "pdf", "docx-lo": "docx:MS Word 2007 XML"}  # from the Word-style .docx
APART_TARGETS = {"doc": "doc:MS Word 97", "rtf": "rtf"}  # from the .docx with lists apart
OFFICE = ("odt", "rtf", "doc")  # read through LibreOffice -> .docx
FORMATS = ("docx", "docx-lo", "odt", "rtf", "doc", "pdf")
SOFFICE_SECONDS = 600


def fragment_paths() -> list[Path]:
    """The corpus fragments; a missing corpus fails the test that asks, with the reason."""
    paths = sorted(FRAGMENTS.glob("*.txt"))
    assert paths, (f"the real-text corpus is missing: no fragments in {FRAGMENTS} "
                   "(shared/ must lie beside the repository, or PROTOKOL_SHARED name it)")
    return paths


def fragment_names() -> list[str]:
    return [p.stem for p in sorted(FRAGMENTS.glob("*.txt"))] or ["corpus-missing"]


_START_OVERRIDE = re.compile(
    rb'<w:num w:numId="(\d+)">\s*<w:abstractNumId w:val="(\d+)"/>\s*<w:lvlOverride w:ilvl="0">'
    rb'\s*<w:startOverride w:val="(\d+)"/>\s*</w:lvlOverride>\s*</w:num>')


def split_restarts(data: bytes) -> bytes:
    """A .docx whose every w:num restarted by a level-0 w:startOverride points at a copy of
    its abstract numbering that starts there instead (the same labels, lists of their own)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    xml = src.read("word/numbering.xml")
    abstracts = {m.group(1): m.group(0) for m in
                 re.finditer(rb'<w:abstractNum w:abstractNumId="(\d+)".*?</w:abstractNum>', xml, re.S)}
    copies: list[bytes] = []
    next_id = max(int(a) for a in abstracts) + 1

    def restart(m: re.Match[bytes]) -> bytes:
        nonlocal next_id
        num_id, aid, start = m.groups()
        new = str(next_id).encode()
        next_id += 1
        copy = abstracts[aid].replace(b'w:abstractNumId="' + aid + b'"', b'w:abstractNumId="' + new + b'"', 1)
        copies.append(re.sub(rb'(<w:lvl w:ilvl="0"[^>]*>.*?<w:start w:val=")\d+', rb"\g<1>" + start, copy,
                             count=1, flags=re.S))
        return b'<w:num w:numId="' + num_id + b'"><w:abstractNumId w:val="' + new + b'"/></w:num>'

    nums = _START_OVERRIDE.sub(restart, xml)
    first_num = nums.index(b"<w:num ")
    xml = nums[:first_num] + b"".join(copies) + nums[first_num:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, xml if info.filename == "word/numbering.xml" else src.read(info))
    return out.getvalue()


def _soffice(exe: str, target: str, files: list[Path], out: Path, profile: Path) -> None:
    """One soffice start converting `files` to `target` into `out` (its process group
    killed if it outlives SOFFICE_SECONDS)."""
    out.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                             "--convert-to", target, "--outdir", str(out), *map(str, files)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            env={**os.environ, "HOME": str(profile)})
    try:
        code = proc.wait(timeout=SOFFICE_SECONDS)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
    assert code == 0, f"soffice --convert-to {target} failed ({code})"
    missing = [f.name for f in files if not (out / f"{f.stem}.{target.split(':')[0]}").is_file()]
    assert not missing, f"soffice --convert-to {target} made nothing of {missing}"


@pytest.fixture(scope="session")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """document name -> format -> file ("seed" and each fragment's stem)."""
    exe = shutil.which("soffice")
    assert exe, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    tmp = tmp_path_factory.mktemp("formats")
    profile = tmp / "profile"
    word, apart = tmp / "word", tmp / "apart"
    word.mkdir()
    apart.mkdir()
    sources: dict[str, tuple[Path, bytes]] = {"seed": (SAMPLES / f"{SEED}.txt", (SAMPLES / f"{SEED}.docx").read_bytes())}
    for path in fragment_paths():
        sources[path.stem] = (path, txt_to_docx(path.read_text(encoding="utf-8")))
    for name, (_, data) in sources.items():
        (word / f"{name}.docx").write_bytes(data)
        lists_apart = (split_restarts(data) if name == "seed"
                       else txt_to_docx(sources[name][0].read_text(encoding="utf-8"), restart="abstract"))
        (apart / f"{name}.docx").write_bytes(lists_apart)
    for folder, targets in ((word, LO_TARGETS), (apart, APART_TARGETS)):
        for fmt, target in targets.items():
            _soffice(exe, target, sorted(folder.glob("*.docx")), tmp / fmt, profile)
    out: dict[str, dict[str, Path]] = {}
    for name, (txt, _) in sources.items():
        out[name] = {"txt": txt, "docx": word / f"{name}.docx"}
        for fmt in (*LO_TARGETS, *APART_TARGETS):
            out[name][fmt] = tmp / fmt / f"{name}.{fmt.split('-')[0]}"
    return out


@pytest.fixture(scope="session")
def office_docx(versions: dict[str, dict[str, Path]], tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """Every .odt, .rtf and .doc -> the .docx LibreOffice makes of it for protokol (one start)."""
    paths = [files[fmt] for files in versions.values() for fmt in OFFICE]
    converted = convert_many(paths, tmp_path_factory.mktemp("office"), timeout=SOFFICE_SECONDS)
    failed = {str(p): why for p, why in converted.items() if isinstance(why, str)}
    assert not failed, failed
    return {p: Path(docx) for p, docx in converted.items()}
