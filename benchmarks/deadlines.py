"""Deadline normalization, side by side: protokol vs dateparser vs natasha.

Generates a few thousand Russian deadline expressions of every kind (with varied
dates, numbers and protocol dates, and the expected result of each), then in the
same run passes the same texts to

  * protokol.deadlines.parse_deadline(text, protocol_date)
  * dateparser.search.search_dates(text, languages=["ru"], settings={RELATIVE_BASE: protocol date})
  * natasha's DatesExtractor (natasha.MorphVocab + DatesExtractor)

and prints expressions/second for each (warm: after one untimed pass over the set), the
protokol/dateparser ratio overall and per kind, and how many expressions each one resolves to the correct date. Then it measures
the command line: the marginal cost of one more line through `protokol deadline -`
(every distinct expression of the set against a run of the first half of them, each
output checked against the in-process result), and the first expression in a
fresh process, `protokol deadline "до 1 июля 2023 г."`, against `python -c "import
click"` (the two alternated, medians compared). A date counts as correct for
dateparser and natasha when any date they return equals the expected one (natasha
leaves a missing year open; it is filled with the first such date on or after the
protocol date, as protokol does). Recurring and marker expressions have no single
date; for them only protokol's kind and RRULE are checked.

    python benchmarks/deadlines.py [--quick] [-n 3000] [--seed 20230620] [--rounds 3] [--cold-runs 15]
"""

from __future__ import annotations

import argparse
import calendar as cal
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

from dateutil.relativedelta import relativedelta  # noqa: E402

from protokol.deadlines import calendar as prod_calendar  # noqa: E402

GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
       "ноября", "декабря"]
LOC = ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре",
       "ноябре", "декабре"]
WD_DAT = [("понедельникам", "MO"), ("вторникам", "TU"), ("средам", "WE"), ("четвергам", "TH"),
          ("пятницам", "FR")]
WD_GEN = [("понедельника", "MO"), ("вторника", "TU"), ("среды", "WE"), ("четверга", "TH"), ("пятницы", "FR")]
NUM_GEN = {2: "двух", 3: "трех", 5: "пяти", 7: "семи", 10: "десяти", 14: "четырнадцати", 15: "пятнадцати",
           20: "двадцати", 30: "тридцати"}
ROMAN = ["I", "II", "III", "IV"]
ANCHORS = [dt.date(2022, 3, 14), dt.date(2023, 6, 20), dt.date(2024, 4, 26), dt.date(2024, 12, 20),
           dt.date(2025, 10, 30)]


@dataclass(frozen=True)
class Case:
    text: str
    anchor: dt.date
    kind: str
    due: dt.date | None = None  # the expected date, for dated kinds
    rrule: str | None = None  # the expected RRULE, for recurring


# ---------------------------------------------------------------- generator


def _day(rng: random.Random, anchor: dt.date) -> dt.date:
    return anchor + dt.timedelta(days=rng.randint(1, 300))


def _first_on_or_after(anchor: dt.date, month: int, day: int) -> dt.date:
    for year in range(anchor.year, anchor.year + 9):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= anchor:
            return candidate
    raise ValueError("no such date")


def once_cases(rng: random.Random, a: dt.date) -> Case:
    d = _day(rng, a)
    h, m = rng.randint(8, 18), rng.choice([0, 30])
    forms = [
        f"{d.day} {GEN[d.month - 1]} {d.year} г.",
        f"до {d.day} {GEN[d.month - 1]} {d.year} г.",
        f"не позднее {d.day} {GEN[d.month - 1]} {d.year} года",
        f"в срок до {d:%d.%m.%Y}",
        f"в срок не позднее {d:%d.%m.%Y} г.",
        f"до {d:%d.%m.%y}",
        f"к {d.day} {GEN[d.month - 1]}",
        f"не позднее {h}:{m:02d} (МСК) {d.day} {GEN[d.month - 1]} {d.year} г.",
        f"до {h} ч. {m:02d} мин. {d.day} {GEN[d.month - 1]} {d.year} г.",
        f"до {h}.{m:02d} по московскому времени {d:%d.%m.%Y}",
        f"{d.day} {GEN[d.month - 1]} {d.year} года в {h}-{m:02d} (время местное)",
        f"на {d.day} {GEN[d.month - 1]} {d.year} г.",
    ]
    text = rng.choice(forms)
    due = _first_on_or_after(a, d.month, d.day) if text.startswith("к ") else d
    return Case(text, a, "once", due)


def relative_cases(rng: random.Random, a: dt.date) -> Case:
    n = rng.choice(list(NUM_GEN))
    forms = [
        (f"в течение {n} рабочих дней", prod_calendar.add_working_days(a, n)),
        (f"в течение {n} ({NUM_GEN[n]}) календарных дней", a + dt.timedelta(days=n)),
        (f"в течение {NUM_GEN[n]} рабочих дней", prod_calendar.add_working_days(a, n)),
        (f"в {n}-дневный срок", a + dt.timedelta(days=n)),
        (f"в {NUM_GEN[n]}дневный срок", a + dt.timedelta(days=n)),
        ("в месячный срок", a + relativedelta(months=1)),
        ("в двухнедельный срок", a + dt.timedelta(days=14)),
        ("в течение месяца", a + relativedelta(months=1)),
        (f"не позднее чем через {n} дней после проведения совещания", a + dt.timedelta(days=n)),
    ]
    text, due = rng.choice(forms)
    return Case(text, a, "relative", due)


def period_cases(rng: random.Random, a: dt.date) -> Case:
    year = a.year + rng.randint(0, 1)
    q = rng.randint(1, 4)
    month = rng.randint(1, 12)
    last = cal.monthrange(year, month)[1]
    forms = [
        (f"до конца {year} года", dt.date(year, 12, 31)),
        (f"в {ROMAN[q - 1]} квартале {year} г.", dt.date(year, 3 * q, cal.monthrange(year, 3 * q)[1])),
        (f"в {LOC[month - 1]} {year} г.", dt.date(year, month, last)),
        (f"с 1 по 15 {GEN[month - 1]} {year} г.", dt.date(year, month, 15)),
        (f"до конца {GEN[month - 1]} {year} года", dt.date(year, month, last)),
        ("до конца года", dt.date(a.year, 12, 31)),
        ("до конца месяца", dt.date(a.year, a.month, cal.monthrange(a.year, a.month)[1])),
    ]
    text, due = rng.choice(forms)
    return Case(text, a, "period", due)


def recurring_cases(rng: random.Random, a: dt.date) -> Case:
    (dat, code), (gen, code2) = rng.choice(WD_DAT), rng.choice(WD_GEN)
    h, n = rng.randint(9, 18), rng.randint(1, 28)
    forms = [
        ("Ежедневно", "FREQ=DAILY"),
        ("еженедельно", "FREQ=WEEKLY"),
        (f"по {dat}", f"FREQ=WEEKLY;BYDAY={code}"),
        (f"еженедельно по {dat}", f"FREQ=WEEKLY;BYDAY={code}"),
        (f"до {h}:00 (МСК) {gen}", f"FREQ=WEEKLY;BYDAY={code2};BYHOUR={h};BYMINUTE=0"),
        (f"ежемесячно до {n} числа", f"FREQ=MONTHLY;BYMONTHDAY={n}"),
        (f"ежемесячно, до {n} числа месяца, следующего за отчетным", f"FREQ=MONTHLY;BYMONTHDAY={n}"),
        ("ежеквартально до 10 числа месяца, следующего за отчетным кварталом",
         "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=10"),
        ("ежегодно до 1 февраля", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=1"),
        ("2 раза в месяц", "FREQ=MONTHLY;BYMONTHDAY=15,-1"),
        ("раз в полгода", "FREQ=MONTHLY;INTERVAL=6"),
    ]
    text, rrule = rng.choice(forms)
    return Case(text, a, "recurring", rrule=rrule)


def marker_cases(rng: random.Random, a: dt.date) -> Case:
    text, kind = rng.choice([
        ("постоянно", "continuous"), ("на постоянной основе", "continuous"), ("незамедлительно", "asap"),
        ("в кратчайшие сроки", "asap"), ("в установленные сроки", "as_established"),
        ("по отдельному графику", "as_established"),
    ])
    return Case(text, a, kind)


MIX = [(once_cases, 40), (relative_cases, 20), (period_cases, 15), (recurring_cases, 17), (marker_cases, 8)]


def generate(n: int, seed: int) -> list[Case]:
    rng = random.Random(seed)
    makers = [m for m, weight in MIX for _ in range(weight)]
    return [rng.choice(makers)(rng, rng.choice(ANCHORS)) for _ in range(n)]


# ---------------------------------------------------------------- runners


def run_protokol(cases: list[Case]) -> tuple[list[float], list[object]]:
    """Seconds per case, results. The cache of readings is emptied before each case:
    repeated cases are not free."""
    from protokol.deadlines import clear_cache, parse_deadline

    clock = time.perf_counter
    times, out = [], []
    for c in cases:
        clear_cache()
        start = clock()
        out.append(parse_deadline(c.text, c.anchor))
        times.append(clock() - start)
    return times, out


def run_dateparser(cases: list[Case]) -> tuple[list[float], list[object]]:
    from dateparser.search import search_dates

    clock = time.perf_counter
    times, out = [], []
    for c in cases:
        start = clock()
        settings = {"RELATIVE_BASE": dt.datetime.combine(c.anchor, dt.time()), "DATE_ORDER": "DMY"}
        out.append(search_dates(c.text, languages=["ru"], settings=settings) or [])
        times.append(clock() - start)
    return times, out


def run_rounds(cases: list[Case], rounds: int) -> tuple[tuple[list[float], list[object]], ...]:
    """run_protokol and run_dateparser over the whole set in turn; each case's least time."""
    best: list[tuple[list[float], list[object]]] = []
    for _ in range(rounds):
        for side, runner in enumerate((run_protokol, run_dateparser)):
            times, out = runner(cases)
            if len(best) <= side:
                best.append((times, out))
            else:
                best[side] = ([min(a, b) for a, b in zip(best[side][0], times)], out)
    return tuple(best)


def run_natasha(cases: list[Case], extractor: object) -> tuple[list[float], list[object]]:
    start = time.perf_counter()
    out = [[m.fact for m in extractor(c.text)] for c in cases]  # type: ignore[operator]
    return [(time.perf_counter() - start) / len(cases)] * len(cases), out


# ---------------------------------------------------------------- the command line


def _cli_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _protokol_command() -> list[str]:
    script = shutil.which("protokol", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "protokol"]


def _run(argv: list[str], stdin: str | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(argv, input=stdin, capture_output=True, text=True, env=_cli_env(), check=True)
    return time.perf_counter() - start, proc.stdout


def cli_marginal(cases: list[Case]) -> tuple[float, int, int]:
    """Seconds per line through `protokol deadline - --date 2023-06-20`, lines timed,
    lines whose output differs from the in-process reading.

    Every distinct expression of the set in one run (so the CLI's cache of readings never
    answers), minus a run of its first half (start-up, and the patterns compiled when a
    text first needs them, cancel out); best of two each.
    """
    from protokol.deadlines import parse_deadline

    anchor = dt.date(2023, 6, 20)
    texts = list(dict.fromkeys(c.text for c in cases))
    want = {t: [d.to_dict() for d in parse_deadline(t, anchor)] for t in texts}
    argv = [*_protokol_command(), "deadline", "-", "--date", anchor.isoformat()]
    half = len(texts) // 2
    full = min(_run(argv, "\n".join(texts) + "\n")[0] for _ in range(2))
    first = min(_run(argv, "\n".join(texts[:half]) + "\n")[0] for _ in range(2))
    _, out = _run(argv, "\n".join(texts) + "\n")
    wrong = sum(json.loads(line) != {"input": t, "deadlines": want[t]} for t, line in zip(texts, out.splitlines()))
    return (full - first) / (len(texts) - half), len(texts) - half, wrong


def cold_start(runs: int) -> tuple[float, float]:
    """Median wall seconds of `protokol deadline "до 1 июля 2023 г."` and of
    `python -c "import click"`, each in a fresh process, the two alternated."""
    protokol_argv = [*_protokol_command(), "deadline", "до 1 июля 2023 г."]
    click_argv = [sys.executable, "-c", "import click"]
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(_run(protokol_argv)[0])
        theirs.append(_run(click_argv)[0])
    return statistics.median(ours), statistics.median(theirs)


def protokol_correct(case: Case, found: list) -> bool:
    if not found or found[0].kind != case.kind:
        return False
    if case.due is not None:
        return (found[0].due or "")[:10] == case.due.isoformat()
    if case.rrule is not None:
        return found[0].rrule == case.rrule
    return True


def dateparser_correct(case: Case, found: list) -> bool:
    return any(moment.date() == case.due for _, moment in found)


def natasha_correct(case: Case, facts: list) -> bool:
    for fact in facts:
        if fact.month is None or fact.day is None:
            continue
        try:
            day = dt.date(fact.year, fact.month, fact.day) if fact.year else _first_on_or_after(
                case.anchor, fact.month, fact.day)
        except ValueError:
            continue
        if day == case.due:
            return True
    return False


# ---------------------------------------------------------------- report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="protokol vs dateparser vs natasha on deadline expressions")
    parser.add_argument("-n", type=int, default=3000, help="number of expressions (default 3000)")
    parser.add_argument("--quick", action="store_true", help="300 expressions")
    parser.add_argument("--seed", type=int, default=20230620)
    parser.add_argument("--cold-runs", type=int, default=15, help="fresh processes of each kind (default 15)")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the set of each (default 3)")
    args = parser.parse_args(argv)
    n = 300 if args.quick else args.n
    cases = generate(n, args.seed)
    dated = [i for i, c in enumerate(cases) if c.due is not None]

    loads = {}
    t = time.perf_counter()
    from protokol.deadlines import parse_deadline

    parse_deadline("до 1 июля 2023 г.", dt.date(2023, 6, 20))  # grammar load, calendar
    loads["protokol"] = time.perf_counter() - t
    t = time.perf_counter()
    from dateparser.search import search_dates

    search_dates("до 1 июля 2023 г.", languages=["ru"])
    loads["dateparser"] = time.perf_counter() - t
    t = time.perf_counter()
    from natasha import DatesExtractor, MorphVocab

    extractor = DatesExtractor(MorphVocab())
    list(extractor("до 1 июля 2023 г."))
    loads["natasha"] = time.perf_counter() - t

    # warm: one untimed pass over the set first (protokol compiles a rule's pattern the
    # first time a text passes its trigger; dateparser fills its own caches); then the
    # whole set in turn, protokol then dateparser, `rounds` times, each case's least time
    # kept (a spell of load from other processes falls on one round, not on one side)
    run_protokol(cases)
    run_dateparser(cases)
    ours, theirs = run_rounds(cases, args.rounds)
    results = {"protokol": ours, "dateparser": theirs, "natasha": run_natasha(cases, extractor)}
    check = {"protokol": protokol_correct, "dateparser": dateparser_correct, "natasha": natasha_correct}
    total = {name: sum(times) for name, (times, _) in results.items()}

    kinds: dict[str, int] = {}
    for c in cases:
        kinds[c.kind] = kinds.get(c.kind, 0) + 1
    print(f"{n} expressions ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}); "
          f"{len(dated)} have an expected date")
    print(f"{'':12}{'expr/s':>10}{'µs/expr':>10}{'load s':>8}{'correct dates':>16}")
    for name, (_, out) in results.items():
        correct = sum(check[name](cases[i], out[i]) for i in dated)
        print(f"{name:12}{n / total[name]:10.0f}{total[name] / n * 1e6:10.1f}{loads[name]:8.2f}"
              f"{correct:>9}/{len(dated)}")
    found = results["protokol"][1]
    every = sum(protokol_correct(c, o) for c, o in zip(cases, found))  # type: ignore[arg-type]
    ratio = total["dateparser"] / total["protokol"]
    print(f"protokol / dateparser speed per expression: {ratio:.1f}x; "
          f"protokol / natasha: {total['natasha'] / total['protokol']:.1f}x")
    print(f"{'by kind':16}{'protokol µs':>12}{'dateparser µs':>15}{'ratio':>8}{'correct':>12}")
    for kind in sorted(kinds):
        idx = [i for i, c in enumerate(cases) if c.kind == kind]
        ours = sum(results["protokol"][0][i] for i in idx) / len(idx)
        theirs = sum(results["dateparser"][0][i] for i in idx) / len(idx)
        ok = sum(protokol_correct(cases[i], found[i]) for i in idx)  # type: ignore[arg-type]
        print(f"{kind:16}{ours * 1e6:12.1f}{theirs * 1e6:15.1f}{theirs / ours:7.1f}x{ok:>7}/{len(idx)}")
    print(f"protokol, every kind: {every}/{n} correct")

    per_line, lines, wrong = cli_marginal(cases)
    dateparser_each = total["dateparser"] / n
    print(f"protokol deadline -: {per_line * 1e6:.1f} µs per more line ({lines} distinct lines over a first half, "
          f"{wrong} differing from in-process); dateparser / that: {dateparser_each / per_line:.1f}x")
    ours, theirs = cold_start(args.cold_runs)
    print(f'cold, fresh process (median of {args.cold_runs}): protokol deadline "до 1 июля 2023 г." '
          f'{ours * 1e3:.0f} ms; python -c "import click" {theirs * 1e3:.0f} ms; ratio {ours / theirs:.2f}x')
    return 0


if __name__ == "__main__":
    sys.exit(main())
