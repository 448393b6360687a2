"""Check that a change leaves every result as it was: parse the same documents with this
tree's code and with another source tree's (a worktree of the base commit) and compare
the JSON, byte for byte.

    git worktree add --detach /tmp/base main
    python scripts/same_output.py /tmp/base/src [FOLDER ...]

Parsed: every .docx/.txt/.pdf/.odt/.rtf/.doc under the folders (default: tests and
samples; add an archive from benchmarks/make_archive.py), each with the per-text caches
emptied and again with them kept; and every Russian string constant of tests/**/*.py as
a text (protokol.parse_text), an addressee (protokol.executors) and a text mentioning
documents (protokol.references). Prints the count, or the first document that differs.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = {".docx", ".txt", ".pdf", ".odt", ".rtf", ".doc"}


def _strings() -> list[str]:
    found = set()
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 8 \
                    and re.search("[А-Яа-яЁё]", node.value):
                found.add(node.value)
    return sorted(found)


def _dump(folders: list[str]) -> None:
    """The child: one line per result on stdout (this process's protokol is the tree's)."""
    import protokol
    from protokol import grammar_files
    from protokol.pipeline import parse_path

    if not Path(protokol.__file__).resolve().is_relative_to(ROOT):
        # another tree reads its own grammars/, not those of the package installed from this one
        grammar_files._package_dir = lambda: None

    def line(label: str, make) -> None:
        try:
            value = json.dumps(make(), ensure_ascii=False, sort_keys=True)
        except Exception as exc:  # noqa: BLE001 - a failure is a result to compare too
            value = f"error {type(exc).__name__}: {exc}"
        sys.stdout.write(f"{label}\t{value}\n".encode("utf-8", "backslashreplace").decode("utf-8"))

    files = sorted(p for f in folders for p in Path(f).rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
    for path in files:
        protokol.clear_caches()
        line(f"{path} (cold)", lambda: parse_path(path).to_dict())
        line(f"{path} (warm)", lambda: parse_path(path).to_dict())
    for text in _strings():
        protokol.clear_caches()
        line("text", lambda: protokol.parse_text(text, "2024-01-15").to_dict())
        line("addressee", lambda: [e.to_dict() for e in protokol.executors(text)])
        line("references", lambda: [r.to_dict() for r in protokol.references(text)])


def _run(src: str, folders: list[str]) -> list[str]:
    code = f"import sys; sys.path.insert(0, {src!r}); sys.path.insert(1, {str(ROOT / 'scripts')!r}); " \
           f"import same_output; same_output._dump({folders!r})"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    folders = sys.argv[2:] or [str(ROOT / "tests"), str(ROOT / "samples")]
    base, this = _run(sys.argv[1], folders), _run(str(ROOT / "src"), folders)
    for old, new in zip(base, this):
        if old != new:
            print(f"differs: {old.split(chr(9))[0]}")
            return 1
    if len(base) != len(this):
        print(f"differs: {len(base)} results before, {len(this)} now")
        return 1
    print(f"same output: {len(this)} results")
    return 0


if __name__ == "__main__":
    sys.exit(main())
