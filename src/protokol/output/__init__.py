"""Renderers: ParseResult -> text or bytes, one module per format.

Every renderer is `render(results: Sequence[ParseResult], **options) -> str | bytes`,
pure and deterministic (same input, byte-identical output; nothing read from the clock).
`formats.FORMATS` names them and imports each module only when it is used:

    json   output/json.py (orjson, json.dumps where they differ; several results -> a JSON array)
    jsonl  output/json.py (one directive per line)
    table  table.py   rich terminal view: width=120, color=False, today=None
    md     md.py      Markdown report
    csv    csv.py     control register: excel=False (True: BOM, ";", dd.mm.yyyy)
    xlsx   xlsx.py    control register workbook (sheets "Реестр", "Протокол")
    ics    ics.py     VTODO per dated deadline: remind="1d" ("30m", "2h", "1w", "none")

Shared: humanize.py (deadlines in plain Russian), register.py (the register's rows),
rrule.py (RRULE parts), schema.py + schema.json (JSON Schema of the contract).
"""
