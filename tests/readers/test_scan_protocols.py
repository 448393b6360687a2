"""Scanned protocols end to end: protocols typed here, drawn on page images and scanned
(tests/readers/_text_scans.py: 200 and 300 dpi, 0.6-1.5 degrees askew, noise, blur, a
grey stamp box with words in it), parsed by `protokol parse SCAN.pdf -f json`; the
sections, directive ids, executors, responsible people and deadlines must be those the
typed text says. These tests need tesseract-ocr and tesseract-ocr-rus and fail without
them (about 4 s of Tesseract a page on a busy 2-core machine, 4 pages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.conftest import assert_parsed, cli
from tests.readers._text_scans import scan

pytestmark = pytest.mark.engine("tesseract")

# A line starting ">" is a paragraph's first line (indented), "^" a centred bold heading,
# "#" a centred page header or footer.
P1 = [[
    "^ПРОТОКОЛ",
    "^совещания у заместителя главы администрации города",
    "^по вопросам благоустройства дворовых территорий",
    "",
    "г. Тверь                                                                    12 февраля 2025 г. № 7",
    "",
    "Председательствовал: заместитель главы администрации Соколов П.А.",
    "Присутствовали: Иванов И.И., Петрова Е.С., Кузьмин А.В.",
    "",
    "^РЕШИЛИ:",
    ">1. Управлению благоустройства подготовить перечень дворовых террито-",
    "рий, подлежащих ремонту в 2025 году, и представить его на утверждение.",
    "Срок – до 15.03.2025",
    "Отв.: Иванов И.И.",
    ">2. Отделу муниципального заказа провести закупку работ по ремонту",
    "асфальтового покрытия внутриквартальных проездов.",
    "Срок – до 30.04.2025",
    "Отв.: Петрова Е.С.",
    ">3. Управлению транспорта согласовать схему временной организации",
    "движения на период производства работ.",
    "Срок – до 1 апреля 2025 г.",
    "Отв.: Кузьмин А.В.",
    ">4. Информацию о ходе выполнения работ заслушать на очередном сове-",
    "щании.",
    "Срок – 20.05.2025",
    "",
    "Председательствующий                                              П.А. Соколов",
]]
P2 = [[
    "^ПРОТОКОЛ № 3",
    "^заседания рабочей группы по цифровизации",
    "^муниципальных услуг",
    "",
    "05.03.2025                                                                                        г. Самара",
    "",
    "^I. О переводе услуг в электронный вид",
    ">1.1. Информацию докладчика принять к сведению.",
    ">1.2. Комитету информатизации обеспечить перевод в электронный вид",
    "не менее десяти массовых муниципальных услуг.",
    "Срок – до 01.06.2025.",
    "Ответственный: Морозов Д.К.",
    ">1.3. Финансовому управлению предусмотреть средства на доработку",
    "регионального портала в проекте бюджета на 2026 год.",
    "Срок – до 1 октября 2025 г.",
    "",
    "^II. О подготовке сотрудников",
    ">2.1. Отделу кадров организовать обучение сотрудников многофункцио-",
    "нальных центров работе с новой версией системы.",
    "Срок – до 30.09.2025",
    "Отв.: Лебедева О.Н.",
    ">2.2. Комитету информатизации ежеквартально представлять отчёт о ходе",
    "обучения.",
    "Срок – ежеквартально, до 10 числа месяца, следующего за отчётным",
    "кварталом.",
    "",
    "Руководитель рабочей группы                                         Т.В. Орлова",
]]
P3 = [[
    "^ПРОТОКОЛ",
    "^совещания по вопросам подготовки к отопительному сезону",
    "",
    "г. Вологда                                                                   18 июля 2025 г. № 14-пр",
    "",
    "Председатель: Никитин С.Ю.",
    "Присутствовали: по списку (приложение 1).",
    "",
    "^СЛУШАЛИ:",
    ">Григорьева В.П. о готовности котельных и тепловых сетей.",
    "^РЕШИЛИ:",
    ">1. Принять к сведению информацию о ходе подготовки объектов",
    "теплоснабжения к отопительному периоду 2025/2026 года.",
    ">2. Муниципальному предприятию «Теплосеть» завершить гидравлические",
    "испытания тепловых сетей в микрорайонах Северный и Заречный.",
    "Срок – до 15.08.2025",
    "Отв.: Григорьев В.П.",
    ">3. Управлению образования обеспечить промывку систем отопления",
    "в зданиях школ и детских садов и представить акты готовности.",
    "Срок – до 25.08.2025",
    "Отв.: Смирнова Т.А.",
    ">4. Управлению ЖКХ организовать ежедневный мониторинг хода работ",
    "и информировать председателя о выявленных нарушениях.",
    "Срок – постоянно.",
    "#2",
], [
    "#Протокол № 14-пр от 18.07.2025",
    "",
    ">5. Управляющим компаниям представить в Управление ЖКХ паспорта",
    "готовности многоквартирных домов к эксплуатации в зимний период.",
    "Срок – до 15 сентября 2025 г.",
    "Отв.: Фомин Р.Л.",
    ">6. Контроль за исполнением настоящего протокола возложить на",
    "заместителя главы города Никитина С.Ю.",
    "",
    "Председатель                                                                С.Ю. Никитин",
    "",
    "Протокол вела                                                              А.А. Белова",
]]

# id -> (kind, executors, responsible, deadlines' due), as the typed text says
P1_TASKS = {
    "1": ("task", ["Управление благоустройства"], ["Иванов И.И."], ["2025-03-15"]),
    "2": ("task", ["Отдел муниципального заказа"], ["Петрова Е.С."], ["2025-04-30"]),
    "3": ("task", ["Управление транспорта"], ["Кузьмин А.В."], ["2025-04-01"]),
    "4": ("task", [], [], ["2025-05-20"]),
}
P2_TASKS = {
    "I.1.1": ("note", [], [], []),
    "I.1.2": ("task", ["Комитет информатизации"], ["Морозов Д.К."], ["2025-06-01"]),
    "I.1.3": ("task", ["Финансовое управление"], [], ["2025-10-01"]),
    "II.2.1": ("task", ["Отдел кадров"], ["Лебедева О.Н."], ["2025-09-30"]),
    "II.2.2": ("task", ["Комитет информатизации"], [], [None]),
}
P3_TASKS = {
    "1.1": ("note", [], [], []),  # "к отопительному периоду 2025/2026 года" names a season, no deadline
    "1.2": ("task", ["Муниципальное предприятие «Теплосеть»"], ["Григорьев В.П."], ["2025-08-15"]),
    "1.3": ("task", ["Управление образования"], ["Смирнова Т.А."], ["2025-08-25"]),
    "1.4": ("task", ["Управление ЖКХ"], [], [None]),
    "1.5": ("task", ["Управляющие компании"], ["Фомин Р.Л."], ["2025-09-15"]),
    "1.6": ("task", [], ["Никитин С.Ю."], []),  # who controls: no month's default term
}

SCANS = {  # name: (pages, scan options, protocol date, number, tasks); 2 pages of P3
    "p1-200dpi": (P1, dict(dpi=200, angle=1.3, noise=0.02, seed=3), "2025-02-12", "7", P1_TASKS),
    "p2-300dpi": (P2, dict(dpi=300, angle=1.5, seed=6), "2025-03-05", "3", P2_TASKS),
    "p3-200dpi-blurred": (P3, dict(dpi=200, angle=0.9, noise=0.02, blur=1.0, seed=8), "2025-07-18",
                          "14-пр", P3_TASKS),
}


def found(result: dict) -> dict[str, tuple]:
    return {d["id"]: (d["kind"], [e["name"] for e in d["executors"]], d["responsible"],
                      [x["due"] for x in d["deadlines"]])
            for s in result["sections"] for d in s["directives"]}


@pytest.fixture(scope="module")
def text_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Each protocol's typed text parsed as .txt: what the scan must give."""
    folder = tmp_path_factory.mktemp("typed")
    out = {}
    for name, pages in (("P1", P1), ("P2", P2), ("P3", P3)):
        path = folder / f"{name}.txt"
        path.write_text("\n".join(line.lstrip(">^#") for page in pages for line in page) + "\n", encoding="utf-8")
        out[name] = assert_parsed(cli("parse", str(path), "-f", "json"))
    return out


@pytest.mark.parametrize("name", ["P1", "P2", "P3"])
def test_the_typed_text_says_what_the_tests_expect(text_results, name):
    tasks = {"P1": P1_TASKS, "P2": P2_TASKS, "P3": P3_TASKS}[name]
    assert found(text_results[name]) == tasks


@pytest.mark.parametrize("name", sorted(SCANS))
def test_scanned_protocol_gives_what_its_text_says(name: str, tmp_path: Path):
    pages, options, date, number, tasks = SCANS[name]
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(scan(pages, **options))
    result = assert_parsed(cli("parse", str(path), "-f", "json", "--timeout", "300", timeout=400))
    assert result["protocol"]["date"] == date
    assert result["protocol"]["number"] == number
    assert found(result) == tasks
    assert [w["code"] for w in result["warnings"]].count("ocr") == 1
