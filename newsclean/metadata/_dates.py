"""Date strings from markup, URLs and datelines as timezone-aware datetimes, and the checks they must pass."""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from typing import NamedTuple

from dateutil import parser as dateutil_parser
from dateutil.tz import gettz

from ._month_names import (
    ENGLISH_MONTH_NAMES,
    MONTH_NAME,
    NATIVE_MONTH_NAME,
    NATIVE_MONTHS,
    STAMP_YEAR,
    THAI_DATE_SHORT_YEAR,
    as_dates_read,
    ascii_digits,
    common_era,
    month_key,
    short_buddhist_era,
)

# Before this no news page was published on the web; such values are placeholders ("0001-01-01", epoch 0).
EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)

ZONES: dict[str, tzinfo] = {
    name: timezone(timedelta(hours=hours), name)
    for name, hours in {
        "UTC": 0,
        "GMT": 0,
        "Z": 0,
        "EST": -5,
        "EDT": -4,
        "CST": -6,
        "CDT": -5,
        "MST": -7,
        "MDT": -6,
        "PST": -8,
        "PDT": -7,
        "AKST": -9,
        "AKDT": -8,
        "HST": -10,
        "BST": 1,
        "CET": 1,
        "CEST": 2,
        "MEZ": 1,
        "MESZ": 2,
        "EET": 2,
        "EEST": 3,
        "MSK": 3,
        "JST": 9,
        "KST": 9,
        "AEST": 10,
        "AEDT": 11,
    }.items()
}
ZONES["IST"] = timezone(timedelta(hours=5, minutes=30), "IST")
# The United States' zones named without saying standard or daylight time ("9:15 a.m. ET", "5:06pm PT"), as American
# pages print them: the offset is the one in force on that day. ``gettz`` reads the system's tz database, else the
# copy dateutil ships (a slim container may lack the system's); loading that copy whole at import took 60 ms.
ZONES.update(
    {
        name: zone
        for name, place in {
            "ET": "America/New_York",
            "CT": "America/Chicago",
            "MT": "America/Denver",
            "PT": "America/Los_Angeles",
        }.items()
        if (zone := gettz(place)) is not None
    }
)

_ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}|^\d{8}(?:T|$)")
_HAS_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# /2023/12/22/, /20231222-…; /2024/3/9/ (the month and day unpadded, each a path segment of its own, is a date
# too); not /2023/12/slug, which names a month.
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
    r"|/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?=/|$)"
    r"|/((?:19|20)\d{2})/(0[1-9]|1[0-2])/(?:[^/]+)"
)


# The month names dateutil reads (its default ``parserinfo``), and the two plain day formats it is spared.
_ENGLISH_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ENGLISH_MONTH = "|".join(sorted(_ENGLISH_MONTHS, key=len, reverse=True))
_PLAIN_DAY = re.compile(
    rf"^(?:(?P<mname>{_ENGLISH_MONTH}) (?P<md>[1-9]|[12]\d|3[01]), (?P<my>(?:19|20)\d\d)"
    rf"|(?P<dm>[1-9]|[12]\d|3[01]) (?P<nname>{_ENGLISH_MONTH}) (?P<ny>(?:19|20)\d\d))$",
    re.IGNORECASE,
)


# A numeric date in markup, as CMS templates write it: Drupal's "Thu, 09/25/2025 - 11:38", ASP.NET's
# "12/21/2023 3:38:14 PM", "13/11/2025 09:21:40".
_NUMERIC_STAMP = re.compile(
    r"^(?:(?P<weekday>mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>(?:19|20)\d\d)"
    r"(?:\s*[-,]?\s*(?P<hour>\d{1,2}):(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?\s*(?P<half>[ap])?\.?m?\.?)?$",
    re.IGNORECASE,
)
# Google Scholar's citation_publication_date: "2019/1/22", year first; and as Arabic, Persian, Chinese and Japanese
# pages stamp it, with its time: "2024/03/09 10:05".
_YEAR_FIRST_SLASHES = re.compile(
    r"^(?P<year>(?:19|20)\d\d)/(?P<month>\d{1,2})/(?P<day>\d{1,2})"
    r"(?:[ T]+(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?)?$"
)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _numeric_stamp(text: str) -> datetime | None:
    """A numeric day/month or month/day date read the only way it can be: a part above 12 is the day, and when
    both could be months the weekday printed with it decides; without one the date is no evidence."""
    year_first = _YEAR_FIRST_SLASHES.match(text)
    if year_first is not None:
        year, month, day, hour, minute, second = (
            int(year_first[part] or 0) for part in ("year", "month", "day", "hour", "minute", "second")
        )
        try:
            return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
        except ValueError:
            return None
    match = _NUMERIC_STAMP.match(text)
    if match is None:
        return None
    first, second, year = int(match["a"]), int(match["b"]), int(match["year"])
    hour, minute, second_of_minute = int(match["hour"] or 0), int(match["minute"] or 0), int(match["second"] or 0)
    half = (match["half"] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    readings: set[datetime] = set()
    for month, day in ((first, second), (second, first)):
        try:
            readings.add(datetime(year, month, day, hour, minute, second_of_minute, tzinfo=UTC))
        except ValueError:
            continue
    if len(readings) > 1 and match["weekday"]:
        weekday = _WEEKDAYS.index(match["weekday"].casefold())
        readings = {reading for reading in readings if reading.weekday() == weekday}
    return readings.pop() if len(readings) == 1 else None


class ParsedDate(NamedTuple):
    value: datetime
    zone_assumed: bool  # no zone in the source: UTC assumed
    date_only: bool  # no time of day in the source


# Unix times a JSON-LD date may be written as: from ``EARLIEST`` to the year 2100, in seconds, or in milliseconds
# (13 digits). Another number (a year, a count) is no time.
_UNIX_SECONDS = (EARLIEST.timestamp(), datetime(2100, 1, 1, tzinfo=UTC).timestamp())


def _unix_time(number: float) -> ParsedDate | None:
    for seconds in (number, number / 1000):
        if _UNIX_SECONDS[0] <= seconds < _UNIX_SECONDS[1]:
            return ParsedDate(datetime.fromtimestamp(seconds, UTC), False, False)
    return None


# RFC 9557's zone suffix: "…-07:00[America/Los_Angeles]", "…[!Europe/Paris]", "…Z[u-ca=iso8601]" (a calendar tag).
# A zone is an IANA name with its area ("America/Los_Angeles", "Etc/GMT+7") or UTC: a bracketed word after a date
# ("May 5, 2024 [Updated]") is no zone.
_NAMED_ZONE_SUFFIX = re.compile(
    r"(?:\[!?(?P<zone>[A-Za-z][\w+-]*(?:/[\w+-]+){1,2}|UTC)\])?(?:\[!?[a-z][\w-]*=[\w-]+\])*$"
)


def _in_named_zone(stamp: str, zone_name: str | None, *, buddhist_era: bool) -> ParsedDate | None:
    """A stamp with its bracketed zone taken off: its own offset, when it states one, is the instant; else the
    named zone's (``gettz``, as for the American zones above; no result for a zone it does not know)."""
    parsed = parse_datetime(stamp, buddhist_era=buddhist_era)
    if parsed is None or not parsed.zone_assumed or zone_name is None:
        return parsed
    zone = gettz(zone_name)
    if zone is None:
        return None
    return ParsedDate(parsed.value.replace(tzinfo=zone), False, parsed.date_only)


def parse_datetime(raw: object, *, buddhist_era: bool = False) -> ParsedDate | None:
    """A date or timestamp as written in markup (ISO 8601, RFC 2822, "December 22, 2023 10:15 AM EST").
    ``buddhist_era``: a Thai page's stamp, whose year may count in that era ("2567-03-15T10:00:00+07:00"). A
    JSON number is a Unix time, in seconds or milliseconds (``_unix_time``); a stamp may name its zone after it
    in brackets, as RFC 9557 writes it ("2025-05-20T10:00:00-07:00[America/Los_Angeles]")."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return _unix_time(raw)
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if text.endswith("]") and (named := _NAMED_ZONE_SUFFIX.search(text)) is not None and named.start() < len(text):
        return _in_named_zone(text[: named.start()], named["zone"], buddhist_era=buddhist_era)
    if not text or len(text) > 64:
        return None
    if buddhist_era:
        text = STAMP_YEAR.sub(lambda year: common_era(year.group()), ascii_digits(text))
    if not text.isascii():
        text = _in_latin_script(text)
    parsed: datetime | None = None
    date_only = False
    if _ISO_LIKE.match(text):
        candidate = text.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
        try:
            parsed = datetime.fromisoformat(candidate)
            date_only = len(candidate) in (8, 10)
        except ValueError:
            parsed = None
    if parsed is None and re.match(r"^[A-Za-z]{3}, \d", text):
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            parsed = None
    if parsed is None and "/" in text:
        numeric = _numeric_stamp(text)
        if numeric is not None:
            return ParsedDate(numeric, True, not re.search(r"\d:\d", text))
    if parsed is None and (_ISO_LIKE.match(text) or (MONTH_NAME.search(text) and _HAS_YEAR.search(text))):
        plain = _PLAIN_DAY.match(text) if text.isascii() else None
        if plain is not None:
            # Half of the dates dateutil gets are a bare "December 22, 2023" / "22 Dec 2023": read directly,
            # to the same value (checked against dateutil on every day of the calendar in both orders).
            month = _ENGLISH_MONTHS[(plain["mname"] or plain["nname"]).casefold()]
            day, year = int(plain["md"] or plain["dm"]), int(plain["my"] or plain["ny"])
            try:
                return ParsedDate(datetime(year, month, day, tzinfo=UTC), True, True)
            except ValueError:
                return None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                parsed = dateutil_parser.parse(text, tzinfos=ZONES, default=datetime(1, 1, 1))
        except (ValueError, OverflowError, TypeError):
            return None
        date_only = parsed.hour == parsed.minute == parsed.second == 0 and not re.search(r"\d:\d", text)
    if parsed is None or parsed.year < 1:
        return None
    if parsed.tzinfo is None:
        return ParsedDate(parsed.replace(tzinfo=UTC), True, date_only)
    try:
        parsed.utcoffset()
    except ValueError:  # dateutil keeps an offset of a day or more ("+99:99"), which no datetime can compare
        return None
    return ParsedDate(parsed, False, date_only)


# "2024年3月9日 10時05分", "2024년 3월 9일": Chinese, Japanese and Korean dates and times, with a weekday in brackets
# ("2024年3月9日(土)", Japanese) or without.
_CJK_STAMP_DATE = re.compile(
    r"^(?P<year>(?:19|20)\d{2})\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일]"
    r"(?:\s*[(（][日月火水木金土一二三四五六天][)）])?"
)
_CJK_STAMP_TIME = re.compile(r"(?P<hour>\d{1,2})\s*[時时시]\s*(?P<minute>\d{1,2})\s*[分분]")


def _in_latin_script(text: str) -> str:
    """A date stamp written in other digits, month names or characters as ``parse_datetime`` reads it: "٩ مارس
    ٢٠٢٤" → "9 March 2024", "2024年3月9日 10時05分" → "2024-03-09 10:05"."""
    text = as_dates_read(text)
    cjk = _CJK_STAMP_DATE.match(text)
    if cjk is not None:
        year, month, day = int(cjk["year"]), int(cjk["month"]), int(cjk["day"])
        rest = _CJK_STAMP_TIME.sub(lambda m: f"{int(m['hour']):02d}:{int(m['minute']):02d}", text[cjk.end() :])
        return f"{year:04d}-{month:02d}-{day:02d}{' ' + rest.strip() if rest.strip() else ''}"
    text = THAI_DATE_SHORT_YEAR.sub(lambda m: f"{m['day_and_month']} {short_buddhist_era(m['year'])}", text)
    return NATIVE_MONTH_NAME.sub(lambda m: ENGLISH_MONTH_NAMES[NATIVE_MONTHS[month_key(m.group())] - 1], text)


def date_from_url(url: str | None) -> datetime | None:
    """The publication date many sites put in their paths (/2023/12/22/…, /20231222-…); midnight UTC."""
    if not url:
        return None
    match = _URL_DATE.search(url.split("?", 1)[0])
    if match is None or match.group(1, 4) == (None, None):
        return None
    year, month, day = match.group(1, 2, 3) if match.group(1) is not None else match.group(4, 5, 6)
    try:
        return datetime(int(year), int(month), int(day), tzinfo=UTC)
    except ValueError:
        return None


def plausible(value: datetime, now: datetime) -> bool:
    """Never later than the fetch time, never before the web had news on it."""
    return EARLIEST <= value <= now


def describe(source: str, parsed: ParsedDate) -> str:
    """Provenance text that says what was assumed."""
    notes = []
    if parsed.date_only:
        notes.append("date only")
    if parsed.zone_assumed:
        notes.append("timezone assumed UTC")
    return "; ".join([source, *notes])
