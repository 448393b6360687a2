"""What the numbering shares between nums (readers/numbering.py): one Level for the levels
nothing defines, and the lists of levels each level restarts, by the levels' w:lvlRestart.
A num's own start override or level must never show through another num."""

from __future__ import annotations

from ._docx import abstract, lvl, num, p, start_override
from .test_numbering import labels

# level 0 shows level 1's counter too; level 1 is defined nowhere
SINGLE = abstract(1, lvl(0, text="%1.%2."))


def test_a_start_override_of_an_undefined_level_stays_with_its_num():
    numbering = SINGLE + num(1, 1, start_override(1, 5)) + num(2, 1)
    assert labels(p("А", num=(1, 0)) + p("Б", num=(2, 0)), numbering) == ["1.5.", "2.1."]
    assert labels(p("А", num=(2, 0)) + p("Б", num=(1, 0)), numbering) == ["1.1.", "2.5."]


NEVER = '<w:lvlOverride w:ilvl="1">' + lvl(1, extra='<w:lvlRestart w:val="0"/>') + "</w:lvlOverride>"


def test_nums_whose_levels_restart_differently_keep_their_own_resets():
    # two abstracts alike, counted apart; num 4's level 1 never restarts, num 3's does
    numbering = abstract(2, lvl(0), lvl(1)) + abstract(3, lvl(0), lvl(1)) + num(3, 2) + num(4, 3, NEVER) + num(5, 2) + num(6, 2, NEVER)
    order = [0, 1, 0, 1]
    body = "".join(p(f"п{n}{i}", num=(n, level)) for n in (4, 3, 5) for i, level in enumerate(order))
    body += p("п60", num=(6, 0)) + p("п61", num=(6, 1))
    assert labels(body, numbering) == ["1.", "1.1.", "2.", "2.2.",  # num 4: level 1 goes on
                                       "1.", "1.1.", "2.", "2.1.",  # num 3: restarted under "2."
                                       "3.", "3.1.", "4.", "4.1.",  # num 5 shares num 3's counters
                                       "5.", "5.2."]  # num 6 too, its level 1 never restarting


def test_a_num_reads_the_first_of_each_of_its_children():
    # two w:abstractNumId: the first names the list; two w:startOverride: the first counts
    numbering = abstract(1, lvl(0)) + abstract(2, lvl(0, "upperRoman", "%1.")) + (
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/><w:abstractNumId w:val="2"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/><w:startOverride w:val="9"/>'
        "</w:lvlOverride></w:num>")
    assert labels(p("А", num=(1, 0)) + p("Б", num=(1, 0)), numbering) == ["4.", "5."]


def test_an_override_with_a_start_and_a_level_applies_both():
    # num 1's level 0 is its own (letters) from 3; num 2 goes on with the shared counter,
    # shown as its abstract's level shows it; an override of level 12 is no level at all
    own = ('<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/>' + lvl(0, "lowerLetter", "%1)")
           + '</w:lvlOverride><w:lvlOverride w:ilvl="12"><w:startOverride w:val="7"/></w:lvlOverride>')
    numbering = abstract(1, lvl(0)) + num(1, 1, own) + num(2, 1)
    body = p("А", num=(1, 0)) + p("Б", num=(1, 0)) + p("В", num=(2, 0))
    assert labels(body, numbering) == ["c)", "d)", "5."]
