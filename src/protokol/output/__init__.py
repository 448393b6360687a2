"""Renderers: ParseResult -> text or bytes, one module per format.

Every renderer is `render(results: Sequence[ParseResult], **options) -> str | bytes`,
pure and deterministic (same input, byte-identical output; nothing read from the clock).
`formats.FORMATS` names them and imports each module only when it is used:

    json   output/json.py (orjson, json.dumps where they differ; several results -> a JSON array)
    jsonl  output/json.py (one directive per line)
    table  table.py   rich terminal view: width=120, color=False, today=None
    md     md.py      Markdown report
    csv    csv.py     control register: excel=False (True: BOM, ";", dd.mm.yyyy), all_kinds=False
    xlsx   xlsx.py    control register workbook (sheets "Реестр", "Протоколы", "Ссылки"), all_kinds=False
    ics    ics.py     VTODO and/or VEVENT per dated deadline: ics_kind="both", remind="1d"

Shared: humanize.py (deadlines in plain Russian), register.py (the register's rows),
rrule.py (RRULE parts), ics_dates.py (the calendar's dates), schema.py + schema.json
(JSON Schema of the contract). archive.py: one register, calendar and references.jsonl
for a whole archive (batch), from per-file JSON results.
"""
