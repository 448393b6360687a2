"""A sweep of deadline clauses in the shapes of Russian acts and protocols (our own texts).

Every clause is read against the protocol date 2024-01-15 (a Monday) and must give the
deadlines a control clerk would enter, one to one: nothing missing, nothing extra. An
expected deadline names only the fields that matter for it; `rrule` lists the parts
(`FREQ=MONTHLY`, `BYMONTHDAY=5`) that the rule must contain.
"""

from __future__ import annotations

import pytest

from protokol.deadlines import read_deadline

DATE = "2024-01-15"


def E(kind, due=None, start=None, bound=None, rrule=None):  # noqa: N802 - a table row
    return {"kind": kind, "due": due, "start": start, "bound": bound, "rrule": rrule}


SWEEP = [
    # plain dates: "до", "не позднее", "к" give `by`; a bare date after an action is `on`
    ("1. Представить в комитет сводную информацию до 1 марта 2024 г.", [E("once", "2024-03-01", bound="by")]),
    ("2. Направить предложения в срок до 15.02.2024.", [E("once", "2024-02-15", bound="by")]),
    ("3. Провести заседание комиссии 28 февраля 2024 года.", [E("once", "2024-02-28", bound="on")]),
    ("4. Подготовить доклад до1 июля 2024 года.", [E("once", "2024-07-01", bound="by")]),
    ("5. Завершить ремонт кровли не позднее 30 сентября 2024 г.", [E("once", "2024-09-30", bound="by")]),
    ("Представить отчет к 10 апреля.", [E("once", "2024-04-10", bound="by")]),
    ("Представить проект решения до 31.05.24.", [E("once", "2024-05-31", bound="by")]),
    ("Представить сведения до 5 марта 2024года.", [E("once", "2024-03-05", bound="by")]),
    ("Направить отчет не позднее 10.07.2024г.", [E("once", "2024-07-10", bound="by")]),
    ("до 15 ноября", [E("once", "2024-11-15", bound="by")]),
    ("до 31 декабря текущего года", [E("once", "2024-12-31", bound="by")]),
    ("Подготовить помещения к началу учебного года.", [E("once", "2024-09-01", bound="by")]),
    ("В соответствии с распоряжением от 10 января 2024 года № 5-р провести учения 22 февраля 2024 года.",
     [E("once", "2024-02-22", bound="on")]),
    ("Провести субботник 20 и 27 апреля 2024 года.",
     [E("once", "2024-04-20", bound="on"), E("once", "2024-04-27", bound="on")]),
    ("Провести смотр 3 июня 2024 года, 10 июня 2024 года.",
     [E("once", "2024-06-03", bound="on"), E("once", "2024-06-10", bound="on")]),
    ("Срок: до 25.03.2024 г., 25.06.2024 г.",
     [E("once", "2024-03-25", bound="by"), E("once", "2024-06-25", bound="by")]),
    ("до 10 апреля, 10 июля, 10 октября 2024 года",
     [E("once", "2024-04-10", bound="by"), E("once", "2024-07-10", bound="by"),
      E("once", "2024-10-10", bound="by")]),
    ("до 01.04.2024 г., до 01.07.2024 г., до 01.10.2024 г.",
     [E("once", "2024-04-01", bound="by"), E("once", "2024-07-01", bound="by"),
      E("once", "2024-10-01", bound="by")]),
    ("Отчет за I квартал 2024 года представить до 10 апреля 2024 г.", [E("once", "2024-04-10", bound="by")]),
    ("Представить информацию до 1 марта\n2024 года.", [E("once", "2024-03-01", bound="by")]),
    # times
    ("Провести совещание 5 февраля в 10.00.", [E("once", "2024-02-05T10:00:00", bound="on")]),
    ("Доложить к 9 час. 00 мин. 16 января 2024 г.", [E("once", "2024-01-16T09:00:00", bound="by")]),
    ("Провести собрание 12 марта 2024 г. в 14.00.", [E("once", "2024-03-12T14:00:00", bound="on")]),
    ("Провести митинг 9 мая 2024 года в 11 час. 00 мин.", [E("once", "2024-05-09T11:00:00", bound="on")]),
    ("в 15:30 22 января 2024 года", [E("once", "2024-01-22T15:30:00", bound="on")]),
    ("до 18.00 19 января", [E("once", "2024-01-19T18:00:00", bound="by")]),
    ("до 12 часов 17 января 2024 года", [E("once", "2024-01-17T12:00:00", bound="by")]),
    ("Провести заседание 25 января 2024 г. в 10-00.", [E("once", "2024-01-25T10:00:00", bound="on")]),
    # periods
    ("Провести декаду с 1 по 10 октября 2024 года.", [E("period", "2024-10-10", "2024-10-01")]),
    ("Провести ярмарки 14-15 сентября 2024 г.", [E("period", "2024-09-15", "2024-09-14")]),
    ("Провести акцию с 25 ноября 2024 года по 15 января 2025 года.", [E("period", "2025-01-15", "2024-11-25")]),
    ("С 01.03.2024 перейти на электронный документооборот.", [E("period", None, "2024-03-01")]),
    ("Организовать работу в марте - апреле 2024 года.", [E("period", "2024-04-30", "2024-03-01")]),
    ("Провести с 10.06.2024 по 14.06.2024 неделю здоровья.", [E("period", "2024-06-14", "2024-06-10")]),
    ("в период с 1 по 30 апреля 2024 года", [E("period", "2024-04-30", "2024-04-01")]),
    ("в январе-феврале 2024 года", [E("period", "2024-02-29", "2024-01-01")]),
    ("Провести ревизию в IV квартале 2024 года.", [E("period", "2024-12-31", "2024-10-01")]),
    ("Провести сверку в III квартале", [E("period", "2024-09-30", "2024-07-01")]),
    ("в IV кв. 2024 г.", [E("period", "2024-12-31", "2024-10-01")]),
    ("в течение I квартала 2024 года", [E("period", "2024-03-31", "2024-01-01")]),
    ("Разработать программу в I полугодии 2024 года.", [E("period", "2024-06-30", "2024-01-01")]),
    ("во II полугодии 2024 г.", [E("period", "2024-12-31", "2024-07-01")]),
    ("Обследовать мосты до конца 2024 года.", [E("period", "2024-12-31", bound="by")]),
    ("до конца I квартала 2024 г.", [E("period", "2024-03-31", bound="by")]),
    ("до конца текущего года", [E("period", "2024-12-31", bound="by")]),
    ("Обеспечить контроль в течение 2024 года.", [E("period", "2024-12-31", "2024-01-01")]),
    ("в 2025 году", [E("period", "2025-12-31", "2025-01-01")]),
    # year ranges: one period from the first day of the first year to the last day of the last
    ("Реализовать мероприятия в 2024-2025 годах.", [E("period", "2025-12-31", "2024-01-01")]),
    ("Провести работы в 2024 - 2026 гг.", [E("period", "2026-12-31", "2024-01-01")]),
    ("в 2024 – 2025 гг.", [E("period", "2025-12-31", "2024-01-01")]),
    ("в течение 2024-2025 годов", [E("period", "2025-12-31", "2024-01-01")]),
    ("Выполнить ремонт дорог в 2024-2025гг.", [E("period", "2025-12-31", "2024-01-01")]),
    ("в 2024, 2025 годах", [E("period", "2025-12-31", "2024-01-01")]),
    # relative: counted from the day after the protocol date
    ("Завершить работы в течение года.", [E("relative", "2025-01-15", bound="by")]),
    ("Устранить нарушения в трехдневный срок.", [E("relative", "2024-01-18", bound="by")]),
    ("Представить пояснения в недельный срок.", [E("relative", "2024-01-22", bound="by")]),
    ("в 5-дневный срок", [E("relative", "2024-01-20", bound="by")]),
    ("в двухмесячный срок", [E("relative", "2024-03-15", bound="by")]),
    ("в течение 3 (трех) месяцев", [E("relative", "2024-04-15", bound="by")]),
    ("Провести приемку в течение 10 рабочих дней.", [E("relative", "2024-01-29", bound="by")]),
    # "со дня подписания" of what? The text does not say it is the protocol: counted from an unknown day
    ("в течение 30 календарных дней со дня подписания", [E("relative", bound="by")]),
    # relative to an event the text does not date: only the kind
    ("Привести документы в соответствие в месячный срок со дня вступления в силу настоящего постановления.",
     [E("relative")]),
    ("Обеспечить дежурство в день проведения выборов.", [E("relative")]),
    ("Опубликовать итоги на следующий день после проведения конкурса.", [E("relative")]),
    ("Представить акт в 10-дневный срок со дня получения уведомления.", [E("relative")]),
    ("в трехдневный срок после окончания мероприятия", [E("relative")]),
    # markers
    ("Осуществлять мониторинг постоянно.", [E("continuous")]),
    # "по мере необходимости" has no date: the task stays on control, like "постоянно"
    ("Проводить обследование по мере необходимости.", [E("continuous")]),
    ("Актуализировать сведения по мере необходимости", [E("continuous")]),
    # recurring
    ("Представлять план ежегодно к 1 декабря.", [E("recurring", bound="by", rrule="FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=1")]),
    ("ежегодно в срок до 1 марта", [E("recurring", bound="by", rrule="FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1")]),
    ("Представлять отчет ежегодно, не позднее 1 февраля.", [E("recurring", bound="by", rrule="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=1")]),
    ("Представлять сведения ежегодно до 15 января года, следующего за отчетным.",
     [E("recurring", bound="by", rrule="FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=15")]),
    ("Информировать ежемесячно до 5 числа.", [E("recurring", bound="by", rrule="FREQ=MONTHLY;BYMONTHDAY=5")]),
    ("ежемесячно в срок до 25 числа", [E("recurring", bound="by", rrule="FREQ=MONTHLY;BYMONTHDAY=25")]),
    ("ежемесячно, до 3 числа месяца, следующего за отчетным", [E("recurring", bound="by", rrule="FREQ=MONTHLY;BYMONTHDAY=3")]),
    ("Представлять отчет до 20 числа месяца, следующего за отчетным.", [E("recurring", bound="by", rrule="FREQ=MONTHLY;BYMONTHDAY=20")]),
    ("не позднее 1 числа месяца, следующего за отчетным", [E("recurring", bound="by", rrule="FREQ=MONTHLY;BYMONTHDAY=1")]),
    ("ежеквартально до 15 числа месяца, следующего за отчетным кварталом",
     [E("recurring", bound="by", rrule="FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=15")]),
    ("Проводить учения 1 раз в полугодие.", [E("recurring", rrule="FREQ=MONTHLY;INTERVAL=6")]),
    ("один раз в полугодие", [E("recurring", rrule="FREQ=MONTHLY;INTERVAL=6")]),
    ("2 раза в год", [E("recurring", rrule="FREQ=MONTHLY;INTERVAL=6")]),
    ("Проверять состояние не реже одного раза в квартал.", [E("recurring", rrule="FREQ=MONTHLY;INTERVAL=3")]),
    ("Проводить заседания не реже 1 раза в месяц.", [E("recurring", rrule="FREQ=MONTHLY")]),
    ("Проводить рейды еженедельно по пятницам.", [E("recurring", rrule="FREQ=WEEKLY;BYDAY=FR")]),
    ("еженедельно по понедельникам до 12.00", [E("recurring", rrule="FREQ=WEEKLY;BYDAY=MO;BYHOUR=12")]),
    ("ежедневно до 17.00", [E("recurring", rrule="FREQ=DAILY;BYHOUR=17")]),
    # a first term, then a frequency
    ("Представить информацию в срок до 01.02.2024, далее – ежемесячно до 5 числа.",
     [E("once", "2024-02-01", bound="by"), E("recurring", bound="by", rrule="FREQ=MONTHLY;BYMONTHDAY=5")]),
    ("до 1 декабря 2024 года, далее - ежеквартально",
     [E("once", "2024-12-01", bound="by"), E("recurring", rrule="FREQ=MONTHLY;INTERVAL=3")]),
    ("в срок до 1 февраля 2024 года и далее ежемесячно",
     [E("once", "2024-02-01", bound="by"), E("recurring", rrule="FREQ=MONTHLY")]),
    ("до 20 декабря 2024 г. и далее ежегодно",
     [E("once", "2024-12-20", bound="by"), E("recurring", rrule="FREQ=YEARLY")]),
    ("до 30 ноября 2024 года, далее – ежегодно до 30 ноября",
     [E("once", "2024-11-30", bound="by"), E("recurring", bound="by", rrule="FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30")]),
    # more of the same shapes, other numbers and spellings
    ("не позднее 15 числа месяца, следующего за отчетным кварталом",
     [E("recurring", bound="by", rrule="FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=15")]),
    ("ежеквартально, до 5 числа месяца, следующего за отчетным кварталом",
     [E("recurring", bound="by", rrule="FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=5")]),
    ("до 1 числа каждого месяца", [E("recurring", bound="by", rrule="FREQ=MONTHLY;BYMONTHDAY=1")]),
    ("ежемесячно к 10 числу", [E("recurring", bound="by", rrule="FREQ=MONTHLY;BYMONTHDAY=10")]),
    ("ежемесячно, в срок до 10-го числа", [E("recurring", bound="by", rrule="FREQ=MONTHLY;BYMONTHDAY=10")]),
    ("ежегодно, в срок до 20 января", [E("recurring", bound="by", rrule="FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=20")]),
    # the same days every year: one recurring window, not a period and a frequency
    ("Проводить акцию ежегодно с 1 по 10 декабря.",
     [E("recurring", "2024-12-10", "2024-12-01", rrule="FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=1")]),
    ("Проводить смотр ежегодно в IV квартале.",
     [E("recurring", "2024-12-31", "2024-10-01", rrule="FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=1")]),
    ("один раз в два месяца", [E("recurring", rrule="FREQ=MONTHLY;INTERVAL=2")]),
    ("не реже 2-х раз в год", [E("recurring", rrule="FREQ=MONTHLY;INTERVAL=6")]),
    ("раз в год", [E("recurring", rrule="FREQ=YEARLY")]),
    ("еженедельно, по четвергам, до 16.00", [E("recurring", rrule="FREQ=WEEKLY;BYDAY=TH;BYHOUR=16")]),
    ("в течение первого полугодия 2024 года", [E("period", "2024-06-30", "2024-01-01")]),
    ("в течение I полугодия", [E("period", "2024-06-30", "2024-01-01")]),
    ("во 2-м квартале", [E("period", "2024-06-30", "2024-04-01")]),
    ("в I-II кварталах 2024 года", [E("period", "2024-06-30", "2024-01-01")]),
    ("до конца февраля 2024 г.", [E("period", "2024-02-29", bound="by")]),
    ("в течение 2-х недель", [E("relative", "2024-01-29", bound="by")]),
    ("в течение пяти рабочих дней", [E("relative", "2024-01-22", bound="by")]),
    ("в течение 2 (двух) рабочих дней", [E("relative", "2024-01-17", bound="by")]),
    ("в срок не позднее 3 рабочих дней", [E("relative", "2024-01-18", bound="by")]),
    ("в 2-недельный срок", [E("relative", "2024-01-29", bound="by")]),
    ("в 3-дневный срок со дня подписания настоящего протокола", [E("relative", "2024-01-18", bound="by")]),
    ("к 10.00 18 января 2024 г.", [E("once", "2024-01-18T10:00:00", bound="by")]),
    ("в срок до 20.01.2024 и до 20.07.2024",
     [E("once", "2024-01-20", bound="by"), E("once", "2024-07-20", bound="by")]),
    ("до 15.03.2024, до 15.09.2024",
     [E("once", "2024-03-15", bound="by"), E("once", "2024-09-15", bound="by")]),
    ("Представить отчет до 1 февраля 2024 года (включительно).", [E("once", "2024-02-01", bound="by")]),
    ("Провести проверку\nдо 15 марта 2024 г.", [E("once", "2024-03-15", bound="by")]),
]

# years that name a thing or a past stretch beside the real term (other protocol dates)
BESIDE_A_TERM = [
    ("Закончить отопительный сезон 2023 - 2024 годов 15 мая 2024 года.", "2024-04-10",
     [E("once", "2024-05-15", bound="on")]),
    ("Провести заседание по итогам развития района в\n2021-2022 годах 20 марта 2023 года.", "2023-02-01",
     [E("once", "2023-03-20", bound="on")]),
    ("Рассмотреть 18 ноября проект бюджета на 2025 год и на плановый период 2026 и 2027 годов.", "2024-10-01",
     [E("once", "2024-11-18", bound="on")]),
]


def _matches(found, expected) -> bool:
    if len(found) != len(expected):
        return False
    for got, want in zip(found, expected):
        if got.kind != want["kind"]:
            return False
        for field in ("due", "start", "bound"):
            if want[field] is not None and getattr(got, field) != want[field]:
                return False
        if want["kind"] in ("period", "once") and getattr(got, "start") != want["start"]:
            return False
        if want["kind"] == "period" and want["due"] is None and got.due is not None:
            return False
        if want["rrule"] is not None:
            parts = set((got.rrule or "").split(";"))
            if not set(want["rrule"].split(";")) <= parts:
                return False
    return True


def hit_rate() -> tuple[int, int, list[str]]:
    """(right, total, the clauses read wrong): the sweep's figure for a report."""
    missed = [text for text, expected in SWEEP if not _matches(read_deadline(text, DATE), expected)]
    return len(SWEEP) - len(missed), len(SWEEP), missed


@pytest.mark.parametrize(("text", "date", "expected"), BESIDE_A_TERM)
def test_years_beside_a_term_are_no_deadline(text, date, expected):
    found = read_deadline(text, date)
    assert _matches(found, expected), [(d.kind, d.bound, d.start, d.due, d.text) for d in found]


@pytest.mark.parametrize(("text", "expected"), SWEEP, ids=[f"s{n:03d}" for n in range(1, len(SWEEP) + 1)])
def test_a_sweep_clause_gives_the_clerks_reading(text, expected):
    found = read_deadline(text, DATE)
    shown = [(d.kind, d.bound, d.start, d.due, d.rrule) for d in found]
    assert _matches(found, expected), shown
