"""Write grammars/calendar/ru-table.json: the production calendar's days, derived from
holidays.RU and grammars/calendar/ru-overrides.yaml, so that reading a deadline does
not import holidays (which loads every country it knows).

Run it after upgrading holidays or editing ru-overrides.yaml (a test fails until then;
meanwhile the library reads holidays and the YAML file directly):

    python scripts/gen_calendar_table.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from protokol.deadlines.calendar import TABLE, build_table  # noqa: E402


def render() -> str:
    table = build_table()
    lines = [f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in table.items()
             if key not in ("public", "weekend_workdays")]
    for key in ("public", "weekend_workdays"):
        rows = ",\n".join(f"    {json.dumps(year)}: {json.dumps(days)}" for year, days in table[key].items())
        lines.append(f"{json.dumps(key)}: {{\n{rows}\n  }}")
    return "{\n  " + ",\n  ".join(lines) + "\n}\n"


def main() -> int:
    path = ROOT / "grammars" / TABLE
    path.write_text(render(), encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
