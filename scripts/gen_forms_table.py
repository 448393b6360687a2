"""Write the table of supported deadline forms into docs/deadlines.md.

The table is generated from the examples in grammars/deadlines/*.yaml (each of them
is also a test) and goes between the markers

    <!-- forms:start -->
    <!-- forms:end -->

Without the markers the table is printed to stdout. `--check` changes nothing and
exits 1 when docs/deadlines.md is out of date.

    python scripts/gen_forms_table.py [--check] [--readme PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from protokol.deadlines import forms_table  # noqa: E402

START, END = "<!-- forms:start -->", "<!-- forms:end -->"


def render(readme: str, table: str) -> str | None:
    """README text with the table between the markers; None when they are absent."""
    if START not in readme or END not in readme or readme.index(START) > readme.index(END):
        return None
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{table}{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/deadlines.md is out of date")
    parser.add_argument("--readme", type=Path, default=ROOT / "docs" / "deadlines.md")
    args = parser.parse_args(argv)
    table = forms_table()
    readme = args.readme.read_text(encoding="utf-8") if args.readme.exists() else ""
    updated = render(readme, table)
    if updated is None:
        sys.stdout.write(table)
        return 1 if args.check else 0
    if args.check:
        return 0 if updated == readme else 1
    if updated != readme:
        args.readme.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
