"""The table of supported deadline forms, generated from the grammar's examples."""

from __future__ import annotations

from protokol.deadlines.grammar import Example, grammar

SHOWN = ("bound", "due", "start", "until", "effective_due", "rrule", "timezone", "derived_by", "working_day")
HEADER = (
    "| Text | Protocol date | Kind | Result | Rule |\n"
    "|---|---|---|---|---|\n"
)


def table() -> str:
    """Markdown: one row per grammar example (every row is also a test)."""
    rows = [_row(rule.name, ex) for rule in grammar().rules for ex in rule.examples]
    return HEADER + "".join(rows)


def _row(rule: str, example: Example) -> str:
    options = "".join(
        f" `--{key} {value}`" for key, value in (("rules", example.rules), ("roll", example.roll))
        if value != {"rules": "federal", "roll": "back"}[key]
    )
    date = example.date.isoformat() if example.date else "—"
    kinds = "; ".join(e["kind"] or "" for e in example.expect)
    if kinds == "unparsed":
        kinds = "unparsed (not a deadline)"
    result = "; ".join(_result(e, example.text) for e in example.expect)
    return f"| {_cell(example.text)} | {date}{options} | {kinds} | {result} | `{rule}` |\n"


def _result(expect: dict[str, str | None], text: str) -> str:
    parts = [f"{key} `{expect[key]}`" for key in SHOWN if expect.get(key)]
    if expect["text"] != text:
        parts.insert(0, f"text «{_cell(str(expect['text']))}»")
    return ", ".join(parts) or "—"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
