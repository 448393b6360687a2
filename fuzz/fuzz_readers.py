"""atheris fuzz harness for the readers and the pipeline (not a test dependency).

    pip install atheris
    python fuzz/make_corpus.py                 # (re)build fuzz/corpus/{docx,pdf,txt}
    PROTOKOL_FUZZ_FORMAT=docx python fuzz/fuzz_readers.py fuzz/corpus/docx \
        -max_total_time=120 -timeout=10 -rss_limit_mb=2048 -artifact_prefix=/tmp/protokol-fuzz/

PROTOKOL_FUZZ_FORMAT is docx, pdf, txt (forced reader) or auto (sniffed from the bytes,
the default). Every input goes through read_bytes and parse_document and the result is
serialized; ProtokolError is the expected way to fail, anything else is a crash.
Crash inputs go to fuzz/regressions/ and tests/hostile/test_fuzz_regressions.py runs them.
"""

from __future__ import annotations

import json
import os
import sys

import atheris

with atheris.instrument_imports(include=["protokol"]):
    from protokol.errors import ProtokolError
    from protokol.pipeline import parse_document
    from protokol.readers import Limits, pdf, read_bytes

# pdfium runs in this process, not in the forked child the reader uses by default, so the
# fuzzer sees its coverage and its crashes (the child's isolation is tested in tests/hostile).
pdf.ISOLATE = False

FORMAT = os.environ.get("PROTOKOL_FUZZ_FORMAT", "auto")
NAME = {"docx": "fuzz.docx", "pdf": "fuzz.pdf", "txt": "fuzz.txt", "auto": "fuzz"}[FORMAT]
# smaller than the defaults so that one input stays fast; the defaults are tested elsewhere
LIMITS = Limits(max_bytes=4 * 1024 * 1024, max_pages=50, max_unzipped=32 * 1024 * 1024)


def run_one(data: bytes, name: str = NAME, fmt: str | None = None) -> None:
    """Read and parse `data`; raise only for a crash (anything but ProtokolError)."""
    try:
        doc = read_bytes(data, name, fmt=fmt, limits=LIMITS)
    except ProtokolError:
        return
    json.dumps(parse_document(doc).to_dict(), ensure_ascii=False)


def test_one_input(data: bytes) -> None:
    run_one(data, NAME, None if FORMAT == "auto" else FORMAT)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
