"""What a rule builds: its `result:` declaration, and the units it may name.

A rule's result names a builder (resolve.BUILDERS), the Deadline kind, the bound,
and the inputs the builder reads. An input is one group of the pattern or a family
of groups (a date is day/month/year or nday/mnum/nyear, ...). The loader checks
that every input the result uses can be produced by the pattern, that every group
of the pattern is read by some input, and that every unit named is declared in
lexicon/units.yaml with its meaning. grammars/README.md lists inputs and builders.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from protokol.errors import GrammarError
from protokol.frozen import Frozen
from protokol.model_core import Bound, DeadlineKind

DATE_PARTS = ("day", "nday", "month", "mnum", "year", "nyear", "curyear")
# input -> the groups it is read from (a trailing digit on a group is another spelling)
INPUTS: dict[str, tuple[str, ...]] = {
    "by": ("by",),
    "on": ("on",),
    "date": DATE_PARTS,
    **{f"{p}_date": tuple(f"{p}_{g}" for g in DATE_PARTS) for p in ("start", "until", "after")},
    "start_month": ("start_month",),
    "month": ("month",),
    "part_month": ("part_month",),
    "upto_month": ("upto_month",),
    "upto_year": ("upto_year",),
    "upto_part": ("upto_part",),
    "tomorrow": ("tomorrow",),
    "year": ("year", "nyear", "curyear"),
    "time": ("hour", "minute", "tz"),
    "hours": ("hours",),
    "yeardays": ("yeardays",),
    "start_time": ("start_hour", "start_minute"),
    "until_time": ("until_hour", "until_minute"),
    "workday": ("workday", "workdayw", "workdayl"),
    "weekday": ("weekday",),
    "weekdays": ("weekdays",),
    "workdays": ("workdays",),
    "exceptdays": ("exceptdays",),
    "count": ("n", "nw", "ncomb"),
    "unit": ("unit",),
    "unitadj": ("unitadj",),
    "daykind": ("daykind",),
    "after": ("after",),
    "before": ("before",),
    "eventday": ("eventday",),
    "freq": ("freq",),
    "monthday": ("monthday",),
    "last": ("last",),
    "reporting": ("reporting",),
    "times": ("times", "timesw"),
    "per": ("per",),
    "ordinal": ("q", "qw"),
    "start_ordinal": ("start_q", "start_qw"),
    "part": ("part",),
    "nextword": ("nextword",),
    "current": ("current",),
    "endunit": ("endunit",),
    "edge": ("edge",),
}
# builder -> (the kinds it builds, the inputs it reads)
BUILDERS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "marker": (frozenset({"continuous", "asap", "as_established"}), frozenset()),
    "once": (
        frozenset({"once"}),
        frozenset({
            "by", "on", "date", "weekday", "time", "workday", "month", "year", "nextword", "current", "monthday", "tomorrow",
        }),
    ),
    "shift": (
        frozenset({"relative"}),
        frozenset({
            "by", "count", "daykind", "unit", "unitadj", "after_date", "until_date", "after", "before", "endunit",
            "eventday",
        }),
    ),
    "span": (
        frozenset({"period"}),
        frozenset({
            "by", "start_date", "start_month", "date", "month", "year", "unit", "ordinal", "start_ordinal", "nextword",
            "current", "edge", "last", "until_date", "start_time", "time",
        }),
    ),
    "end_of": (frozenset({"period"}), frozenset({
        "by", "month", "upto_month", "upto_year", "upto_part", "year", "unit", "ordinal", "nextword", "current",
    })),
    "start_of": (frozenset({"period"}), frozenset({"month", "year", "unit", "ordinal"})),
    "repeat": (
        frozenset({"recurring"}),
        frozenset({
            "by", "freq", "time", "weekday", "weekdays", "workdays", "start_date", "until_date", "date",
            "monthday", "last", "unit", "reporting", "times", "per", "count", "ordinal", "month",
            "workday", "start_time", "until_time", "nextword", "current", "part", "part_month", "start_ordinal",
            "hours", "yeardays", "exceptdays",
        }),
    ),
}
RESULT_KEYS = frozenset({"kind", "build", "bound", "uses", "default", "regulation"})
BOUNDS = (None, "by", "on")
# inputs a `default:` may give a constant to, and how the constant is checked
DEFAULTABLE = frozenset({"unit", "date", "start_date", "count", "ordinal"})
DAY_MONTH = re.compile(r"(?:[0-2]?[1-9]|[123]0|31)\.(?:0?[1-9]|1[0-2])")
UNIT_KEYS = frozenset({"days", "months", "hours", "ends", "freq", "interval"})
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Unit(Frozen):  # frozen slotted value classes written out (protokol.frozen): cheap to define
    """The meaning of a unit of time (lexicon/units.yaml, `meaning:`)."""

    name: str
    days: int | None  # a fixed number of days (day 1, week 7)
    months: int | None  # a number of calendar months (month 1, quarter 3)
    hours: int | None  # a clock unit counted in whole days when it is a duration
    ends: int | None  # the weekday (0 = Monday) a calendar unit of days ends on
    freq: str | None  # RRULE FREQ of "every <unit>"
    interval: int  # RRULE INTERVAL of "every <unit>"
    __slots__ = __match_args__ = ("name", "days", "months", "hours", "ends", "freq", "interval")

    def __init__(self, name: str, days: int | None = None, months: int | None = None, hours: int | None = None,
                 ends: int | None = None, freq: str | None = None, interval: int = 1) -> None:
        self._fill(name, days, months, hours, ends, freq, interval)


class Result(Frozen):
    kind: DeadlineKind
    build: str
    bound: Bound | None  # before the groups "by" / "on" say otherwise
    uses: frozenset[str]
    defaults: Mapping[str, str]
    # rules profile -> (derived_by, calendar days from the protocol date)
    regulation: Mapping[str, tuple[str, int]]
    __slots__ = __match_args__ = ("kind", "build", "bound", "uses", "defaults", "regulation")

    def __init__(
        self, kind: DeadlineKind, build: str, bound: Bound | None = None, uses: frozenset[str] = frozenset(),
        defaults: Mapping[str, str] | None = None, regulation: Mapping[str, tuple[str, int]] | None = None,
    ) -> None:
        self._fill(kind, build, bound, uses, {} if defaults is None else defaults,
                   {} if regulation is None else regulation)


def load_units(file: str, data: Any, names: set[Any]) -> dict[str, Unit]:
    """The `meaning:` of every unit name of units.yaml (every value there needs one)."""
    if not isinstance(data, dict):
        raise GrammarError(file, None, "needs 'meaning': unit name -> {days|months|hours, ends, freq, interval}")
    units: dict[str, Unit] = {}
    for name, raw in data.items():
        if not isinstance(raw, dict) or set(raw) - UNIT_KEYS or not ({"days", "months", "hours"} & set(raw)):
            raise GrammarError(file, str(name), f"a unit needs days, months or hours; only keys {sorted(UNIT_KEYS)}")
        ends = raw.get("ends")
        if ends is not None and ends not in WEEKDAYS:
            raise GrammarError(file, str(name), f"ends must be a weekday code {WEEKDAYS}")
        if raw.get("freq") not in (None, "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"):
            raise GrammarError(file, str(name), "freq must be MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY")
        units[str(name)] = Unit(
            str(name), raw.get("days"), raw.get("months"), raw.get("hours"),
            None if ends is None else WEEKDAYS.index(ends), raw.get("freq"), int(raw.get("interval", 1)),
        )
    missing = {str(n) for n in names} - set(units)
    if missing:
        raise GrammarError(file, sorted(missing)[0], "unit without a meaning (add it under 'meaning:')")
    return units


def load_result(
    file: str, rule: str, raw: Any, regex: re.Pattern[str], units: Mapping[str, Unit], profiles: frozenset[str]
) -> Result:
    """Check a rule's `result:` against its pattern's groups."""
    if not isinstance(raw, dict) or set(raw) - RESULT_KEYS or "kind" not in raw or "build" not in raw:
        raise GrammarError(file, rule, f"result needs kind and build, only keys {sorted(RESULT_KEYS)}")
    build, kind = raw["build"], raw["kind"]
    if build not in BUILDERS:
        raise GrammarError(file, rule, f"unknown builder {build!r}; one of {sorted(BUILDERS)}")
    kinds, accepted = BUILDERS[build]
    if kind not in kinds:
        raise GrammarError(file, rule, f"kind must be one of {sorted(kinds)} for builder {build!r}")
    if raw.get("bound") not in BOUNDS:
        raise GrammarError(file, rule, 'bound must be "by", "on" (quoted: YAML reads on as true) or absent')
    uses = raw.get("uses") or []
    if not isinstance(uses, list) or not all(isinstance(u, str) for u in uses):
        raise GrammarError(file, rule, "uses must be a list of input names (quote \"on\": YAML reads on as true)")
    for use in uses:
        if use not in INPUTS:
            raise GrammarError(file, rule, f"unknown input {use!r}; one of {sorted(INPUTS)}")
        if use not in accepted:
            raise GrammarError(file, rule, f"builder {build!r} takes no input {use!r}; it takes {sorted(accepted)}")
    defaults = _defaults(file, rule, raw.get("default"), units)
    if set(defaults) - set(uses):
        raise GrammarError(file, rule, "default gives a constant to an input the result uses: add it to uses")
    produced = {g.rstrip("0123456789") for g in regex.groupindex}
    read = {g for use in uses for g in INPUTS[use]}
    for group in sorted(produced - read):
        raise GrammarError(file, rule, f"unknown group name {group!r}: no input of the result reads it")
    for use in uses:
        if use not in defaults and not produced & set(INPUTS[use]):
            raise GrammarError(file, rule, f"the result uses {use!r} but the pattern has no group {INPUTS[use]}")
    return Result(kind, build, raw.get("bound"), frozenset(uses), defaults, _regulation(file, rule, raw, profiles))


def _defaults(file: str, rule: str, raw: Any, units: Mapping[str, Unit]) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or set(raw) - DEFAULTABLE:
        raise GrammarError(file, rule, f"default gives constants to {sorted(DEFAULTABLE)} only")
    if "unit" in raw and raw["unit"] not in units:
        raise GrammarError(file, rule, f"unknown unit {raw.get('unit')!r}; declared {sorted(units)}")
    for key in ("date", "start_date"):
        if key in raw and not DAY_MONTH.fullmatch(str(raw[key])):
            raise GrammarError(file, rule, f"a default date is a day and a month, 'DD.MM': not {raw[key]!r}")
    for key in ("count", "ordinal"):
        if key in raw and not str(raw[key]).isdigit():
            raise GrammarError(file, rule, f"a default {key} is a number: not {raw[key]!r}")
    return {k: str(v) for k, v in raw.items()}


def _regulation(file: str, rule: str, raw: dict[str, Any], profiles: frozenset[str]) -> dict[str, tuple[str, int]]:
    found = raw.get("regulation") or {}
    if found and raw["build"] != "marker":
        raise GrammarError(file, rule, "only a marker takes regulation days")
    out: dict[str, tuple[str, int]] = {}
    for profile, entry in found.items() if isinstance(found, dict) else [(None, found)]:
        if profile not in profiles:
            raise GrammarError(file, rule, f"unknown rules profile {profile!r}; one of {sorted(profiles)}")
        if not isinstance(entry, dict) or set(entry) != {"days", "derived_by"} or not isinstance(entry["days"], int):
            raise GrammarError(file, rule, "regulation: profile -> {days: N, derived_by: name}")
        out[profile] = (str(entry["derived_by"]), entry["days"])
    return out
