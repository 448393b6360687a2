"""Whole documents in shapes real acts use (written for these tests, shapes/*.txt, and
shapes/*.<docx|odt|rtf>.src built into that format by build.py): what a control clerk reads
in each (shapes/expected.yaml), one test per check; and the deadlines `parse` gives each
directive are the ones `protokol deadline` reads in its clause.

Documents 26-59 (the second sweep): 600/684 checks on the code before it, 684/684 after.
Documents 60-75 (the fourth sweep): 343/369 checks on the code before it, 369/369 after.
Documents 76-97 (the fifth sweep): 443/513 checks on the code before it, 513/513 after.
Documents 116-135 (the ninth sweep): 540/585 checks on the code before it, 585/585 after.
Documents 136-155 (the tenth sweep): 451/541 checks on the code before it, 541/541 after.
Documents 156-175 (the twelfth sweep): 382/453 checks on the code before it, 453/453 after.
Documents 177-196 (the fourteenth sweep): 382/479 checks on the code before it, 479/479 after;
197-199, written after its rules: 25/73 on the code before it, 73/73 after (72/73 before the
last rule, a body of an Ответственный cell read in the nominative).
Documents 200-220 (the sixteenth sweep): 489/510 checks on the code before it (478/510 with the
expectations as first written), 510/510 after; 221-225, written after its rules: 110/113 on the code
before it, 111/113 on first reading, 113/113 after."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from protokol.cli import main
from protokol.readers import read
from protokol.structure.lines import mend_broken_words
from protokol.structure.markers import markers
from protokol.structure.tables import is_table_block
from tests.docs.build import sources
from tests.docs.shapes import FOLDER, checks, directives, expected, needs_soffice, parsed, path

SOFFICE = pytest.mark.engine("soffice")


def _param(*values, name: str):  # type: ignore[no-untyped-def]
    """A test case; one of an .odt or .rtf document needs LibreOffice to be built and read."""
    return pytest.param(*values, id=name, marks=[SOFFICE] if needs_soffice(name.split(":")[0]) else [])


CHECKS = [_param((name, run), name=name) for name, run in checks()]


def test_every_document_has_expectations():
    assert sorted([p.name for p in FOLDER.glob("*.txt")] + list(sources(FOLDER))) == sorted(expected())
    assert len(expected()) >= 40


@pytest.mark.parametrize("check", CHECKS)
def test_shape(check):
    name, run = check
    miss = run()
    assert miss is None, f"{name}: {miss}"


def clauses(name: str) -> list[tuple[str, str, list[dict]]]:
    """(id, the clause as written, parse's deadlines) of every directive of a document that
    is not a table row: its own paragraph and the "Срок –" / "Ответственный:" lines under it."""
    blocks = read(path(name)).blocks
    by_paragraph = {b.paragraph: i for i, b in enumerate(blocks)}
    found = directives(parsed(name))
    shared = {d.location.paragraph for d in found if sum(x.location.paragraph == d.location.paragraph for x in found) > 1}
    mk = markers()
    out = []
    rows = {b.paragraph for b in blocks if is_table_block(b)}  # a .txt's tab-separated line, a .docx's cell
    terms = {d.id: d.deadlines for d in found if d.kind == "group" and d.deadlines}
    for d, after in zip(found, [*found[1:], None]):
        if d.kind == "group" or d.location.paragraph in rows:
            continue  # a table row is no clause: its Срок cell is its term
        if d.parent in terms and d.deadlines == terms[d.parent] and after is not None and after.parent == d.parent:
            continue  # "а) …;" under a lead-in whose closing "Доклад – …" line it takes: no term of its own
        if d.location.paragraph in shared:  # items run together on one line: the item's own text
            clause = d.text
        else:
            i = by_paragraph[d.location.paragraph]
            parts, after_term = [blocks[i].text], False
            for b in blocks[i + 1:]:
                if after_term and parts[-1].rstrip().endswith(":") and b.text.lstrip()[:1] in "-–•":
                    continue  # "Ответственные исполнители:" over "- управление … ;": who answers, no term
                term = mk["deadline_line"].match(b.text) or mk["responsible_line"].match(b.text)
                if is_table_block(b) or not term and (after_term or parts[-1].rstrip().endswith((".", ";", ":"))):
                    break  # a sentence cut by a line break goes on ("… с 1 июня по / 31 августа 2025 г."),
                    # the lines after "Срок: до 25.07.2025" (no full stop) do not
                parts.append(b.text)
                after_term = bool(term)
            # a word hyphenated inside the paragraph ("27 ию- ня") is read mended, as parse reads it
            clause = mend_broken_words(" ".join(parts))
            own = blocks[i].text.rstrip()
            if len(d.text) > len(own) + 1 and d.text.startswith(own):
                clause = d.text  # an item of two paragraphs (Word's second one unnumbered): its whole text
        out.append((d.id, clause, [x.to_dict() for x in d.deadlines]))
    return out


CLAUSES = [_param(name, *c, name=f"{name}:{c[0]}") for name in sorted(expected()) if not needs_soffice(name)
           for c in clauses(name)]
CLAUSES += [_param(name, None, None, None, name=name) for name in sorted(expected()) if needs_soffice(name)]


@pytest.mark.parametrize(("name", "item", "clause", "found"), CLAUSES)
def test_parse_and_deadline_read_a_clause_alike(name, item, clause, found):
    if item is None:  # a document LibreOffice builds: its clauses are known once it is built
        for c in clauses(name):
            _clause_alike(name, *c)
    else:
        _clause_alike(name, item, clause, found)


def _clause_alike(name, item, clause, found):  # type: ignore[no-untyped-def]
    date = parsed(name).protocol.date
    run = CliRunner().invoke(main, ["deadline", "--rules", "none", *(["--date", date] if date else []), "--", clause])
    assert run.exit_code == 0, run.output
    cli = json.loads(run.stdout)
    if not found and len(cli) == 1 and cli[0]["kind"] == "unparsed" and cli[0]["text"] == clause:
        cli = []  # `deadline` reports a clause with no deadline at all as one unparsed
    assert [(x["kind"], x["due"], x["start"], x["rrule"]) for x in cli] == \
        [(x["kind"], x["due"], x["start"], x["rrule"]) for x in found], f"{item}: {clause!r}"
