"""Deadlines: text -> [Deadline], resolved against the protocol date.

Interface contract (owned by the deadline grammar):

    parse_deadline(text, date, *, rules="federal", roll="back") -> list[Deadline]
        `text` is a whole deadline expression (the part after "Срок –").
        Never empty: what is not understood comes back as kind "unparsed".
    find_deadlines(text, date, *, rules="federal", roll="back") -> list[Deadline]
        Scans running text for deadline phrases with strong markers ("в срок до ...",
        "не позднее ...", "в установленные сроки", "в течение 10 рабочих дней").
        May be empty; never returns "unparsed".
    default_deadline(date, *, rules="federal") -> Deadline | None
        The deadline a rule profile gives a task that has none (None for "none").
    explain(text, date, ...) -> list[Explained]   spans, rule names, results.

`date` is a datetime.date or None; nothing here calls today().
"""
