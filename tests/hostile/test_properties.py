"""Property tests: arbitrary text never makes the parser or the deadline grammar raise,
and what comes out is always contract-valid JSON (protokol.output.schema)."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protokol.deadlines import scan_deadlines, parse_deadline
from protokol.errors import ReadError
from protokol.model import Block, Document
from protokol.pipeline import Options, parse_document
from protokol.readers import read_bytes
from tests.hostile.conftest import validate

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# pieces of real protocols, so that random text reaches deep into the parser
PIECES = [
    "ПРОТОКОЛ", "П Р О Т О К О Л", "РЕШИЛИ:", "PЕШИЛИ:", "СЛУШАЛИ:", "Председатель –", "Секретарь:",
    "Присутствовали:", "Повестка дня", "I.", "IV.", "XX.", "1.", "1.1.", "1.1.1.", "2)", "а)", "б)", "-", "•",
    "Срок –", "Cрок:", "Срок исполнения:", "Ответственный:", "(ответственный – Иванов И.И.)", "Отв.:",
    "до 1 июля 2023 г.", "еженедельно", "по понедельникам", "в течение 10 рабочих дней", "постоянно",
    "не позднее 9:00 (МСК) 20 августа 2023 г.", "ежеквартально, до 10 числа", "31.02.2023",
    "Минфину края", "обеспечить", "Рекомендовать", "принять к сведению", "Иванов И.И.", "И.И. Иванов",
    "от 20 июня 2023 г. № Д05-78/05пр", "г. Москва", "https://example.ru/a?b=1", "a.b@example.ru",
    ":", ";", ".", ",", "(", ")", "«", "»", "\u200b", "\u00a0", "\u0301", "\ufeff", "\u202e", "\t", "  ",
    "Министр", "_____", "1.Утвердить: 1.1.План", "Губернатор края                    А.В. Усс",
]
WORDY = st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=10).map(" ".join)
ANY_TEXT = st.text(max_size=200)
BLOCK_TEXT = WORDY | ANY_TEXT
DATES = st.none() | st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2199, 12, 31))
OPTIONS = st.builds(Options, date=DATES, rules=st.sampled_from(["federal", "none"]),
                    roll=st.sampled_from(["back", "forward", "none"]))


def _checked(result) -> dict:
    data = result.to_dict()
    text = json.dumps(data, ensure_ascii=False)  # serializable
    validate(json.loads(text))
    return data


@st.composite
def documents(draw) -> Document:
    texts = draw(st.lists(BLOCK_TEXT, max_size=25))
    blocks = []
    for n, text in enumerate(texts, 1):
        blocks.append(Block(
            text=text, paragraph=n, page=draw(st.none() | st.integers(1, 5)),
            number_label=draw(st.none() | st.sampled_from(["1.", "2.1.", "IV.", "а)", "1)", "", "•", "x"])),
            in_table=draw(st.booleans()), bold=draw(st.booleans()),
        ))
    return Document("prop.txt", "txt", "0" * 64, tuple(blocks))


@SETTINGS
@given(documents(), OPTIONS)
def test_parse_document_never_raises_and_is_contract_valid(doc, options):
    first = _checked(parse_document(doc, options))
    assert _checked(parse_document(doc, options)) == first  # deterministic


@SETTINGS
@given(st.lists(BLOCK_TEXT, max_size=30).map("\n".join), st.sampled_from(["utf-8", "utf-16", "cp1251"]))
def test_any_text_file_reads_and_parses(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    try:
        doc = read_bytes(data, "prop.txt")
    except ReadError as err:
        assert "\n" not in str(err)
        return
    _checked(parse_document(doc))


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from(["x.txt", "x.docx", "x.pdf", "x", "x.doc", "x.odt"]))
def test_any_bytes_are_a_document_or_a_read_error(data, name):
    try:
        doc = read_bytes(data, name)
    except ReadError as err:
        assert str(err).startswith(name) and "\n" not in str(err)
        return
    _checked(parse_document(doc))


@SETTINGS
@given(WORDY | ANY_TEXT, DATES, st.sampled_from(["federal", "none"]), st.sampled_from(["back", "forward", "none"]))
def test_deadline_grammar_never_raises_and_is_contract_valid(text, date, rules, roll):
    parsed = parse_deadline(text, date, rules=rules, roll=roll)
    found = scan_deadlines(text, date, rules=rules, roll=roll)
    # never empty, unless the text's only dates name another act: then as in running text
    assert parsed or not found
    # running text keeps a date-like leftover as unparsed (issue 13); every result is a span of it
    assert all(d.text in text for d in found)
    for deadlines in (parsed, found):
        data = json.loads(json.dumps([d.to_dict() for d in deadlines], ensure_ascii=False))
        validate(data, "deadlines")
