"""Cost per document of reading .doc, .rtf and .odt (through LibreOffice) against .docx.

The seed protocol is saved by LibreOffice as .doc, .rtf and .odt, and --files copies of
each are read in one process, four ways:

  docx        protokol.api.parse of each .docx (the baseline)
  batch       one soffice start converts all --files files (convert_many, as a batch
              would), then each converted .docx is parsed: the cost per document with
              LibreOffice's start amortized over the files
  one start   protokol.api.parse of one file, as `protokol parse FILE.doc` does: one
              soffice start for the one file (measured on --single files)
  convert     the conversion alone, per document, within "batch"

Every figure is seconds per document (the best of --rounds runs, the formats interleaved,
so a noisy machine slows them alike), with the ratio to the .docx of the same run.

    python benchmarks/formats.py [--files 20] [--single 2] [--rounds 2]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from protokol.api import parse  # noqa: E402
from protokol.readers.office import convert_many, soffice  # noqa: E402

SEED = ROOT / "samples" / "protocol-2023-06-20-D05-78.docx"
TARGETS = {"doc": "doc:MS Word 97", "rtf": "rtf", "odt": "odt"}


def make_versions(exe: str, tmp: Path, files: int) -> dict[str, list[Path]]:
    """--files copies of the seed per format, the .doc/.rtf/.odt saved by LibreOffice."""
    out: dict[str, list[Path]] = {}
    for fmt, target in TARGETS.items():
        subprocess.run([exe, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless",
                        "--convert-to", target, "--outdir", str(tmp), str(SEED)],
                       check=True, capture_output=True, timeout=300)
    for fmt in ("docx", *TARGETS):
        source = SEED if fmt == "docx" else tmp / f"{SEED.stem}.{fmt}"
        folder = tmp / fmt
        folder.mkdir()
        out[fmt] = []
        for i in range(files):
            copy = folder / f"p{i:03d}.{fmt}"
            shutil.copyfile(source, copy)
            out[fmt].append(copy)
    return out


def run_docx(paths: list[Path]) -> float:
    start = time.perf_counter()
    for p in paths:
        parse(p)
    return (time.perf_counter() - start) / len(paths)


def run_batch(paths: list[Path], work: Path) -> tuple[float, float]:
    """(total, conversion) seconds per document, one soffice start for all the paths."""
    shutil.rmtree(work, ignore_errors=True)
    start = time.perf_counter()
    converted = convert_many(paths, work, timeout=600)
    conversion = time.perf_counter() - start
    for p in paths:
        result = converted[p]
        assert not isinstance(result, str), result
        parse(result.read_bytes(), fmt="docx", name=str(p))
    return (time.perf_counter() - start) / len(paths), conversion / len(paths)


def run_single(paths: list[Path]) -> float:
    start = time.perf_counter()
    for p in paths:
        parse(p)
    return (time.perf_counter() - start) / len(paths)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=20, help="documents per format (default 20)")
    ap.add_argument("--single", type=int, default=2, help="files read one start each (default 2)")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    exe = soffice()
    if exe is None:
        sys.exit("LibreOffice is needed: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="protokol-bench-") as tmp_name:
        tmp = Path(tmp_name)
        versions = make_versions(exe, tmp, args.files)
        parse(versions["docx"][0])  # warm: grammars, dictionaries
        best: dict[str, float] = {}
        for _ in range(args.rounds):
            figures = {"docx": run_docx(versions["docx"])}
            for fmt in TARGETS:
                total, conversion = run_batch(versions[fmt], tmp / "work")
                figures[f"{fmt} batch"], figures[f"{fmt} convert"] = total, conversion
                figures[f"{fmt} one start"] = run_single(versions[fmt][:args.single])
            for key, value in figures.items():
                best[key] = min(best.get(key, value), value)
    base = best["docx"]
    print(f"seed protocol, {args.files} files per format, best of {args.rounds} rounds; s per document")
    print(f"{'':16}{'s/doc':>9}{'x docx':>9}")
    for key, value in best.items():
        print(f"{key:16}{value:9.3f}{value / base:9.1f}")


if __name__ == "__main__":
    main()
