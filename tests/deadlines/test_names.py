"""Names that say what they do: read_deadline (one expression), scan_deadlines (running
text); the old names still work and warn."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest

import protokol
from protokol import deadlines
from protokol.deadlines.extract import Explained, Hit
from protokol.deadlines.results import BUILDERS
from protokol.model import DEADLINE_KINDS, DIRECTIVE_KINDS, Deadline

RUNNING = "Представить отчет в срок до 1 июля 2023 г. и далее по запросу"


@pytest.mark.parametrize("date", [dt.date(2023, 6, 20), "2023-06-20"])
def test_read_and_scan_accept_a_date_or_an_iso_string(date):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (one,) = protokol.read_deadline("до 1 июля 2023 г.", date=date)
        assert one.due == "2023-07-01" and one.kind == "once"
        assert protokol.read_deadline("когда-нибудь", date=date) == [Deadline(text="когда-нибудь", kind="unparsed")]
        assert [d.due for d in protokol.scan_deadlines(RUNNING, date=date)] == ["2023-07-01"]
        assert protokol.scan_deadlines("Принять к сведению.", date=date) == []
        assert deadlines.read_deadline("до 1 июля 2023 г.", date) == [one]
        assert deadlines.scan_deadlines(RUNNING, date) == protokol.scan_deadlines(RUNNING, date=date)


def test_old_names_are_deprecated_aliases():
    with pytest.deprecated_call(match="read_deadline"):
        old = protokol.find_deadlines("до 1 июля 2023 г.", date="2023-06-20")
    assert old == protokol.read_deadline("до 1 июля 2023 г.", date="2023-06-20")
    with pytest.deprecated_call(match="scan_deadlines"):
        old = deadlines.find_deadlines(RUNNING, dt.date(2023, 6, 20))
    assert old == deadlines.scan_deadlines(RUNNING, dt.date(2023, 6, 20))
    assert deadlines.parse_deadline is deadlines.read_deadline


def test_parse_warns_about_no_old_name(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("ПРОТОКОЛ\n1. Иванову представить отчет в срок до 1 июля 2023 г.\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        protokol.parse(str(path), date="2023-06-20")


def test_one_span_type_and_literal_kinds(grammar):
    assert Hit is Explained and deadlines.Explained is Explained
    assert {r.kind for r in grammar.rules} | {"unparsed"} == set(DEADLINE_KINDS)
    assert set().union(*(kinds for kinds, _ in BUILDERS.values())) <= set(DEADLINE_KINDS)
    assert set(DIRECTIVE_KINDS) == {"task", "note", "group"}
