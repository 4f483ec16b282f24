"""Date strings from markup, URLs and datelines as timezone-aware datetimes, and the checks they must pass."""

from __future__ import annotations

import itertools
import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from typing import NamedTuple

from dateutil import parser as dateutil_parser
from dateutil.tz import gettz

# Before this no news page was published on the web; such values are placeholders ("0001-01-01", epoch 0).
EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)

_ZONES: dict[str, tzinfo] = {
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
_ZONES["IST"] = timezone(timedelta(hours=5, minutes=30), "IST")
# The United States' zones named without saying standard or daylight time ("9:15 a.m. ET", "5:06pm PT"), as American
# pages print them: the offset is the one in force on that day. ``gettz`` reads the system's tz database, else the
# copy dateutil ships (a slim container may lack the system's); loading that copy whole at import took 60 ms.
_ZONES.update(
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

# Latin-script month names, as dates print them: English, French, German, Spanish, Portuguese, Italian; Dutch,
# Indonesian and Malay, Turkish (with its letters and without: "Şubat", "Subat"), Romanian, Swedish, Danish and
# Norwegian, Catalan; Polish and Czech in the genitive a date takes ("5 marca 2024", "5. března 2024"), Finnish in the
# partitive ("5. maaliskuuta 2024"); Hungarian, full and abbreviated ("március", "márc."), whose dates put the year
# first ("2024. március 5.", ``_HUNGARIAN_MONTH``). Left out: a name that means another month in another language,
# since nothing here knows the page's language (Polish "listopada" is November, Croatian "listopada" October, so
# Polish November is not read, nor Croatian at all; Czech "listopadu", November, is Croatian only as "in October",
# never between a day and a year); and an English word that a day and a year may surround (Malay "Mac", March; the
# abbreviation "des", December in Indonesian and the Nordic languages, is the French "des"). Turkish "Mart" is an
# English noun too, but not one written between a day and a year. Names are kept in lower case and looked up
# case-folded (``month_number``): "MÄRZ", "FÉVRIER", "MÁRCIUS" are these names.
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "jan january janvier januar enero janeiro gennaio januari ocak ianuarie gener stycznia ledna tammikuuta "
            "január",
            "feb february février fevrier februar febrero fevereiro febbraio februari şubat subat februarie febrer "
            "lutego února helmikuuta február febr",
            "mar march mars märz marzo março marz maart mrt maret mart martie marts març marca března maaliskuuta "
            "március márc",
            "apr april avril abril aprile nisan aprilie kwietnia dubna huhtikuuta április ápr",
            "may mai mayo maio maggio mei mayıs mayis maj maig maja května toukokuuta május máj",
            "jun june juin juni junio junho giugno haziran iunie juny czerwca června kesäkuuta június jún",
            "jul july juillet juli julio julho luglio julai temmuz iulie juliol lipca července heinäkuuta július júl",
            "aug august août aout agosto augustus agustus ogos ağustos agustos augusti agost sierpnia srpna elokuuta "
            "augusztus",
            "sep sept september septembre septiembre setembro settembre eylül eylul septembrie setembre września září "
            "syyskuuta szeptember szept",
            "oct october octobre oktober octubre outubro ottobre okt ekim octombrie października října lokakuuta "
            "október",
            "nov november novembre noviembre novembro kasım kasim noiembrie listopadu marraskuuta",
            "dec december décembre decembre dezember diciembre dezembro dicembre desember disember aralık aralik "
            "decembrie desembre grudnia prosince joulukuuta",
        ),
        start=1,
    )
    for name in names.split()
}
# Hungarian month names, full and abbreviated, as a Hungarian date prints them after its year ("2024. március 5.",
# "2024. márc. 5."), in any case ("2024. MÁRCIUS 5."); each is a name of ``_MONTHS``.
_HUNGARIAN_MONTH_NAMES = (
    "január február március április május június július augusztus szeptember október november december "
    "jan febr márc ápr máj jún júl aug szept okt nov dec"
)
_HUNGARIAN_MONTH = "(?i:" + "|".join(sorted(_HUNGARIAN_MONTH_NAMES.split(), key=len, reverse=True)) + ")"
_MONTH_NAME = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\b\.?", re.IGNORECASE
)


def _month_key(name: str) -> str:
    """A month name as a key of ``_NATIVE_MONTHS``: NFC, case-folded, one space between words, Greek without its
    accents ("ΜΑΡΤΙΟΥ" and "Μαρτίου" alike)."""
    key = " ".join(unicodedata.normalize("NFC", name).casefold().rstrip(".").split())
    if any("\u0370" <= char <= "\u03ff" or "\u1f00" <= char <= "\u1fff" for char in key):
        decomposed = unicodedata.normalize("NFD", key)
        key = unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))
    return key


# Month names in scripts other than Latin, as dates write them: Russian and Ukrainian in the genitive ("9 марта") and
# the nominative, Greek likewise ("9 Μαρτίου"), Arabic (Egypt and the Gulf, the Levant, the Maghreb; the Levant's
# two-word names are ``_TWO_WORD_MONTH_NAMES``), Persian, Hebrew (with the "ב" of "9 במרץ"), Hindi, Bengali and Thai.
_NATIVE_MONTH_NAMES = [
    (name, number)
    for number, names in enumerate(
        (
            "января январь янв січня січень ιανουαρίου ιανουάριος ιαν يناير جانفي ژانویه ינואר जनवरी "
            "জানুয়ারি জানুয়ারী มกราคม",
            "февраля февраль фев лютого лютий φεβρουαρίου φεβρουάριος φεβ فبراير شباط فيفري فوریه פברואר फ़रवरी फरवरी "
            "ফেব্রুয়ারি ফেব্রুয়ারী กุมภาพันธ์",
            "марта март мар березня березень μαρτίου μάρτιος μαρ مارس آذار מרץ מרס मार्च মার্চ มีนาคม",
            "апреля апрель апр квітня квітень απριλίου απρίλιος απρ أبريل ابريل إبريل نيسان أفريل آوریل אפריל अप्रैल "
            "এপ্রিল เมษายน",
            "мая май травня травень μαΐου μάιος مايو أيار ماي מאי मई พฤษภาคม",
            "июня июнь июн червня червень ιουνίου ιούνιος ιουν يونيو يونيه حزيران جوان ژوئن יוני जून জুন มิถุนายน",
            "июля июль июл липня липень ιουλίου ιούλιος ιουλ يوليو يوليه تموز جويلية ژوئیه יולי जुलाई জুলাই กรกฎาคม",
            "августа август авг серпня серпень αυγούστου αύγουστος αυγ أغسطس اغسطس أوت اوت آب אוגוסט अगस्त আগস্ট สิงหาคม",
            "сентября сентябрь сен сент вересня вересень σεπτεμβρίου σεπτέμβριος σεπ سبتمبر أيلول سپتامبر ספטמבר "
            "सितंबर सितम्बर সেপ্টেম্বর กันยายน",
            "октября октябрь окт жовтня жовтень οκτωβρίου οκτώβριος οκτ أكتوبر اكتوبر اکتبر אוקטובר "
            "अक्टूबर अक्तूबर অক্টোবর ตุลาคม",
            "ноября ноябрь ноя листопада листопад νοεμβρίου νοέμβριος νοε نوفمبر نوامبر נובמבר नवंबर नवम्बर নভেম্বর "
            "พฤศจิกายน",
            "декабря декабрь дек грудня грудень δεκεμβρίου δεκέμβριος δεκ ديسمبر دسامبر דצמבר दिसंबर दिसम्बर "
            "ডিসেম্বর ธันวาคม",
        ),
        start=1,
    )
    for word in names.split()
    for name in ((word, "ב" + word) if "\u05d0" <= word[0] <= "\u05ea" else (word,))
]
# The Levant names January, October, November and December in two words, the first and second Kanun and Tishrin
# ("15 كانون الثاني 2024"), "الأول" with its hamza or without.
_TWO_WORD_MONTH_NAMES = {
    "كانون الثاني": 1,
    "تشرين الأول": 10,
    "تشرين الاول": 10,
    "تشرين الثاني": 11,
    "كانون الأول": 12,
    "كانون الاول": 12,
}
_NATIVE_MONTH_NAMES += _TWO_WORD_MONTH_NAMES.items()
# Thai news sites mostly abbreviate the month, two letters with a dot after each ("15 มี.ค. 2567"); the last dot is
# sometimes left out, as any month name's may be.
_THAI_ABBREVIATED_MONTH_NAMES = {
    "ม.ค.": 1,
    "ก.พ.": 2,
    "มี.ค.": 3,
    "เม.ย.": 4,
    "พ.ค.": 5,
    "มิ.ย.": 6,
    "ก.ค.": 7,
    "ส.ค.": 8,
    "ก.ย.": 9,
    "ต.ค.": 10,
    "พ.ย.": 11,
    "ธ.ค.": 12,
}
_NATIVE_MONTH_NAMES += _THAI_ABBREVIATED_MONTH_NAMES.items()
_NATIVE_MONTHS = {_month_key(name): number for name, number in _NATIVE_MONTH_NAMES}


def _spaced(names: Iterable[str]) -> str:
    """An alternation of ``names``, longest first (then in code-point order: the same pattern in any process, as a
    rule pack's digest needs), any run of whitespace between the words of a two-word name."""
    ordered = sorted(names, key=lambda name: (-len(name), name))
    return "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in ordered)


# As written, and without the accents of Greek capitals ("ΜΑΡΤΙΟΥ").
_NATIVE_MONTH_NAME = re.compile(
    r"(?<!\w)(?:" + _spaced({name for name, _ in _NATIVE_MONTH_NAMES} | set(_NATIVE_MONTHS)) + r")(?!\w)\.?",
    re.IGNORECASE,
)
#: Every month name ``month_number`` reads, as a regex alternation (longest first) that Python's re and RE2 both
#: compile: the rule packs name it ``(?&month_name)``, so that a line they remove as a date is one read here.
MONTH_NAME_ALTERNATION = _spaced(set(_MONTHS) | {name for name, _ in _NATIVE_MONTH_NAMES} | set(_NATIVE_MONTHS))
# Thai dates count years in the Buddhist era, 543 years ahead of the common one ("15 มีนาคม 2567" is March 15,
# 2024), often with the era's mark before the year ("15 มีนาคม พ.ศ. 2567"). Such a year is read after a Thai month
# name, or in a Thai page's own stamps, and only within the era's years of the modern press (2400 to 2700, the years
# 1857 to 2157): no year of the common era is in that range, so none is ever shifted.
_BUDDHIST_ERA_OFFSET = 543
_BUDDHIST_ERA_YEARS = range(2400, 2701)
# Thai month names, full or abbreviated, each with its last dot optional ("มี.ค." or "มี.ค").
_THAI_MONTH = (
    r"(?:" + _spaced({name.rstrip(".") for name, _ in _NATIVE_MONTH_NAMES if "\u0e00" <= name[0] <= "\u0e7f"}) + r")\.?"
)
_THAI_LETTER = re.compile("[\u0e00-\u0e7f]")
_THAI_DATE_YEAR = re.compile(_THAI_MONTH + r"\s*(?P<era>พ\.ศ\.)?\s*(?P<year>\d{4})(?!\d)")
# On a Thai page a numeric date counts its year in the era too ("15/03/2567"); a year of the era's range is read so
# only there, never a two-digit year, which would as well be a common-era one.
_NUMERIC_DATE_YEAR = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-](?P<year>\d{4})\b")
# A Thai day and month are often followed by the year's last two digits alone ("15 มี.ค. 67"): a Buddhist-era year
# of the 2500s (1957 to 2056), read so only right after a Thai month name. Four digits cannot take the place of two,
# so ``in_common_era`` leaves such a year: ``_TEXT_DATE`` reads it as it finds the date, ``_in_latin_script`` in
# markup.
_BUDDHIST_ERA_CENTURY = 2500
_THAI_DATE_SHORT_YEAR = re.compile(r"(?P<day_and_month>\b\d{1,2}\s*" + _THAI_MONTH + r")\s*(?P<year>\d{2})(?!\d)")
# The year of a stamp: four digits standing alone (a zone offset's "+0700" is too, but never in the era's range).
_STAMP_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _short_buddhist_era(year: str) -> int:
    """The common-era year of a Buddhist-era year written with its last two digits ("67" → 2024)."""
    return _BUDDHIST_ERA_CENTURY + int(year) - _BUDDHIST_ERA_OFFSET


def _common_era(year: str) -> str:
    """A Buddhist-era year as the common era numbers it ("2567" → "2024"); any other year as it is."""
    number = int(year)
    return str(number - _BUDDHIST_ERA_OFFSET) if number in _BUDDHIST_ERA_YEARS else year


def _common_era_date(match: re.Match[str]) -> str:
    """A Thai month name and its year, the year in the common era and the era's mark blanked out (one space for each
    of its characters: the date then reads as any other)."""
    year = _common_era(match["year"])
    if year == match["year"]:
        return match.group()
    start = match.start()
    month_and_gap = match.group()[: match.start("year") - start]
    if match["era"] is not None:
        era = slice(match.start("era") - start, match.end("era") - start)
        month_and_gap = month_and_gap[: era.start] + " " * len(match["era"]) + month_and_gap[era.stop :]
    return month_and_gap + year


def _common_era_numeric_date(match: re.Match[str]) -> str:
    """A numeric date with its year in the common era ("15/03/2567" → "15/03/2024")."""
    start = match.start("year") - match.start()
    return match.group()[:start] + _common_era(match["year"])


def in_common_era(text: str, *, buddhist_era: bool = False) -> str:
    """``text`` with the Buddhist-era year of each Thai date in the common era, one character for one, so places in
    the text stay where they were: "15 มีนาคม 2567" → "15 มีนาคม 2024". On a Thai page (``buddhist_era``, the page
    declares Thai, or ``text`` has Thai letters) numeric dates too: "15/03/2567" → "15/03/2024". Digits must be ASCII
    ones already."""
    if not buddhist_era and (text.isascii() or _THAI_LETTER.search(text) is None):
        return text
    return _NUMERIC_DATE_YEAR.sub(_common_era_numeric_date, _THAI_DATE_YEAR.sub(_common_era_date, text))


_ENGLISH_MONTH_NAMES = (
    "January February March April May June July August September October November December".split()  # noqa: SIM905
)
# Every decimal digit but ASCII's, in the Basic Multilingual Plane: Arabic-Indic "٢٠٢٤", Persian "۲۰۲۴", Devanagari
# "२०२४", Bengali, Thai, full-width "２０２４". Each becomes its ASCII digit before a date is read, one character for
# one, so places in the text stay where they were.
_OTHER_DIGITS = [char for char in map(chr, range(0x80, 0x10000)) if char.isdecimal()]
_TO_ASCII_DIGITS = {ord(char): str(unicodedata.decimal(char)) for char in _OTHER_DIGITS}
_OTHER_DIGIT = re.compile(
    "["
    + "".join(
        f"\\u{ord(run[0]):04x}-\\u{ord(run[-1]):04x}"
        for run in (_OTHER_DIGITS[i : i + 10] for i in range(0, len(_OTHER_DIGITS), 10))
    )
    + "]"
)


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit written in ASCII: "٩ مارس ٢٠٢٤" → "9 مارس 2024"."""
    if text.isascii() or _OTHER_DIGIT.search(text) is None:
        return text
    return text.translate(_TO_ASCII_DIGITS)


def _as_dates_read(text: str, *, buddhist_era: bool = False) -> str:
    """``text`` as its dates are read, one character for one: ASCII digits, Thai years in the common era (see
    ``in_common_era`` for ``buddhist_era``)."""
    return in_common_era(ascii_digits(text), buddhist_era=buddhist_era)


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


def month_number(name: str) -> int | None:
    """The month a name of ``_MONTHS`` or ``_NATIVE_MONTHS`` stands for, in any case ("MÄRZ", "FÉVRIER", "NİSAN")."""
    key = name.casefold().rstrip(".")
    if not key.isascii():
        key = key.replace("i\u0307", "i")  # the Turkish capital "İ" ("NİSAN") folds to "i" and a dot above
    number = _MONTHS.get(key)
    if number is None and not name.isascii():
        return _NATIVE_MONTHS.get(_month_key(name))
    return number


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
        text = _STAMP_YEAR.sub(lambda year: _common_era(year.group()), ascii_digits(text))
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
    if parsed is None and (_ISO_LIKE.match(text) or (_MONTH_NAME.search(text) and _HAS_YEAR.search(text))):
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
                parsed = dateutil_parser.parse(text, tzinfos=_ZONES, default=datetime(1, 1, 1))
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
    text = _as_dates_read(text)
    cjk = _CJK_STAMP_DATE.match(text)
    if cjk is not None:
        year, month, day = int(cjk["year"]), int(cjk["month"]), int(cjk["day"])
        rest = _CJK_STAMP_TIME.sub(lambda m: f"{int(m['hour']):02d}:{int(m['minute']):02d}", text[cjk.end() :])
        return f"{year:04d}-{month:02d}-{day:02d}{' ' + rest.strip() if rest.strip() else ''}"
    text = _THAI_DATE_SHORT_YEAR.sub(lambda m: f"{m['day_and_month']} {_short_buddhist_era(m['year'])}", text)
    return _NATIVE_MONTH_NAME.sub(lambda m: _ENGLISH_MONTH_NAMES[_NATIVE_MONTHS[_month_key(m.group())] - 1], text)


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


# The letters of the other scripts ``_NATIVE_MONTHS`` writes month names in: Greek, Cyrillic, Hebrew, Arabic,
# Devanagari, Bengali, Thai (vowel signs and viramas included).
_NATIVE_LETTERS = "\u0370-\u03ff\u1f00-\u1fff\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u0900-\u09ff\u0e00-\u0e7f"
# French, Spanish, Italian and Portuguese write the first of the month as an ordinal and every other day as a
# number ("1er mai" but "2 mai"), so only a lone "1" takes these endings: French "1er" ("1ᵉʳ" in Unicode's
# superscripts), Spanish "1º" and Latin America's "1ro" and "1ero", Italian "1º" and "1°", Portuguese "1º", "1.º"
# and "1o". A superscript printed as an element of its own ("1<sup>er</sup>") reaches the page text after a space.
FIRST_DAY_ORDINAL = r"(?<=\b1)(?i:ero|ro|\s?(?:er|ᵉʳ|\.?º)|°|o)"

# The letters of the Latin-script month names beyond ASCII's (Polish "września", Czech "března", Turkish "Şubat",
# Finnish "kesäkuuta", Hungarian "október"), in both cases ("MÄRZ", "FÉVRIER", "AĞUSTOS"), with the Turkish capital
# "İ" ("NİSAN"), which ``str.upper`` does not give.
_MONTH_LETTERS = "".join(
    sorted({char for name in _MONTHS for char in name + name.upper() if not char.isascii()} | {"İ"})
)
# A month-name run reaches the longest name ("października", 12 letters; Greek "Σεπτεμβρίου", 11; Hindi "मई", 2),
# and holds those letters and the other scripts'. The runs are possessive: a shorter run is followed by a letter,
# which never continues a match, so giving letters back only costs time (a sixth of the scan over every word of the
# page).
# "5 de febrero de 2024" (Spanish, Portuguese, Catalan) has a "de" before the month (Catalan's "d'" before a vowel,
# "5 d'abril") and one ("del") before the year; Chinese, Japanese and Korean write "2024年3月5日" / "2024년 3월 5일",
# with no word boundary between the date and the text.
# The Levant's two-word names ("كانون الثاني") and Thai abbreviations ("มี.ค.") are tried before a run of letters,
# which would stop at the space or the dot. The last form is a Thai date with a two-digit year ("15 มี.ค. 67"), or
# with no space before its year ("15 มี.ค.2567", the year then in the common era already).
# Hungarian puts the year first, a dot after it and after the day: "2024. március 5.", "2024. márc. 5.", and in
# numbers "2024. 03. 05." (without spaces, "2024.03.05.", the ISO-like form reads it). The name form takes only a
# Hungarian name (``_HUNGARIAN_MONTH``), and no year right after the day without its dot ("2024. November 5, 2025" is
# the English date of 2025). The numeric form needs the spaces and its last dot, and stands outside a longer run of
# numbers: no digit, dot or sign before its year, nor a number and a space ("+36 1 2024. 03. 05."), nor a further
# "NN." group after it ("2024. 03. 05. 06. 07."); a time of day may follow ("2024. 03. 05. 14:30").
# Month names are matched in any case, capitals beyond ASCII's too ("5. MÄRZ 2024", "5 FÉVRIER 2024", "5 NİSAN
# 2024"), and ``month_number`` looks them up case-folded; so are the words around them ("5 DE MARÇO DE 2024").
# The first of the month may be an ordinal (``FIRST_DAY_ORDINAL``): "1er mai 2025", "1º de mayo de 2025".
_TEXT_DATE = re.compile(
    r"\b(?P<mname>[A-Za-zéÉ]{3,10}+)\.?\s+(?P<md>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<my>(?:19|20)\d{2})\b"
    r"|\b(?P<dm>\d{1,2})(?:st|nd|rd|th|" + FIRST_DAY_ORDINAL + r")?\.?\s+(?i:(?:of|de)\s+|d['’])?"
    r"(?P<nname>"
    + _spaced(_TWO_WORD_MONTH_NAMES)
    + "|"
    + _spaced(name.rstrip(".") for name in _THAI_ABBREVIATED_MONTH_NAMES)
    + r"|[A-Za-z"
    + _MONTH_LETTERS
    + _NATIVE_LETTERS
    + r"]{2,12}+)"
    r"\.?,?\s+(?i:del?\s+)?(?P<ny>(?:19|20)\d{2})\b"
    r"|\b(?P<iy>(?:19|20)\d{2})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?:\b|(?=T\d))"
    r"|\b(?<!\d[.,])(?P<hy>(?:19|20)\d{2})(?:\.\s*|\s+)(?P<hname>" + _HUNGARIAN_MONTH + r")(?![^\W\d_])\.?\s*"
    r"(?P<hd>\d{1,2})(?!\d)(?!,?\s+(?:19|20)\d{2}(?!\d))\.?"
    r"|(?<![\w.+/-])(?<!\d\s)(?P<hny>(?:19|20)\d{2})\.\s?(?P<hnm>\d{1,2})\.\s?(?P<hnd>\d{1,2})\.(?!\d)"
    r"(?!\s?\d{1,2}\.(?!\d))"
    r"|(?<!\d)(?P<cy>(?:19|20)\d{2})\s?[年년]\s?(?P<cm>\d{1,2})\s?[月월]\s?(?P<cd>\d{1,2})\s?[日일]"
    r"|\b(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>(?:19|20)?\d{2})\b"
    r"|\b(?P<td>\d{1,2})\s*(?P<tname>" + _THAI_MONTH + r")\s*(?P<ty>(?:19|20)?\d{2})(?!\d)"
)


# Every match of ``_TEXT_DATE`` holds one of these anchors: a year of four digits (the first six forms), or a
# separator followed by a digit (the seventh). Each starts with a literal, which Python's regex engine finds
# with a fast scan: five such scans cost a fifth of one alternation or character class.
_DATE_ANCHORS = tuple(re.compile(anchor) for anchor in (r"19\d\d", r"20\d\d", r"/\d", r"\.\d", r"-\d"))
# The Thai date with a two-digit year (the last form) has none: its month name is its anchor, looked for only in a
# text that is not all ASCII.
_THAI_DATE_ANCHOR = re.compile(_THAI_MONTH + r"\s*\d{2}")
# A match has at most 24 characters other than whitespace before its anchor, and an attempt of the regex reads
# at most 30 of them from where it starts; the window around an anchor holds more than that on each side.
_WINDOW = 48
_WINDOW_BEFORE_CHARS = 25
_WINDOW_AFTER_CHARS = 32


def _solid_chars(text: str) -> int:
    return sum(map(len, text.split()))


def _window(text: str, pos: int, at: int) -> tuple[int, int]:
    """Where to run the date regex for the anchor at ``at``: from ``pos`` at the earliest, wide enough to hold
    ``_WINDOW_BEFORE_CHARS`` non-space characters before the anchor and ``_WINDOW_AFTER_CHARS`` after it."""
    width = _WINDOW
    start = max(pos, at - width)
    while start > pos and _solid_chars(text[start:at]) < _WINDOW_BEFORE_CHARS:
        width *= 2
        start = max(pos, at - width)
    width = _WINDOW
    end = min(len(text), at + width)
    while end < len(text) and _solid_chars(text[at:end]) < _WINDOW_AFTER_CHARS:
        width *= 2
        end = min(len(text), at + width)
    return start, end


# ``_TEXT_DATE`` behind a lazy run of at most ``_WINDOW`` characters, matched at a window's start: it tries the date
# regex at the window's first ``_WINDOW + 1`` positions, in order, as a search does, and stops there. A search of
# the window goes on to the window's end, though a date that starts after the anchor is not used: a fifth less
# time in ``text_date_matches``. Group 1 is the date; the date regex's own groups follow it.
_DATE_NEAR_START = re.compile(rf"(?s:.{{0,{_WINDOW}}}?)({_TEXT_DATE.pattern})", _TEXT_DATE.flags)

_SpanAndGroups = tuple[tuple[int, int], tuple[str | None, ...]]


def _date_in_window(text: str, start: int, at: int, end: int) -> _SpanAndGroups | None:
    """The span and groups of ``_TEXT_DATE.search(text, start, end)`` when that match starts by ``at``, else
    None."""
    if at - start <= _WINDOW:
        near = _DATE_NEAR_START.match(text, start, end)
        found = (near.span(1), near.groups()[1:]) if near is not None else None
    else:  # a window widened for whitespace: further back than the lazy run reaches
        searched = _TEXT_DATE.search(text, start, end)
        found = (searched.span(), searched.groups()) if searched is not None else None
    return found if found is not None and found[0][0] <= at else None


def text_date_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_TEXT_DATE.finditer(text)``, in order, with the regex tried only around its anchors.

    Trying the four forms at every position of a page's text costs several times more than finding the few
    places a date can be. From ``pos``, let ``at`` be the first anchor: a match starting at or before ``at``
    holds ``at`` or a later anchor with at most 24 non-space characters before it, so it starts inside the
    window before ``at``, and every attempt of the regex from there ends inside the window after ``at``; a
    search confined to the window finds it, or finds none starting by ``at``, and then no match starts before
    ``at + 1``. Each match is checked against the regex run at that position on the whole text; a mismatch
    (never seen) falls back to the plain search.
    """
    anchor_patterns = _DATE_ANCHORS if text.isascii() else (*_DATE_ANCHORS, _THAI_DATE_ANCHOR)
    anchors = sorted({match.start() for anchor in anchor_patterns for match in anchor.finditer(text)})
    pos = 0
    for at in anchors:
        if at < pos:
            continue
        start, end = _window(text, pos, at)
        windowed = _date_in_window(text, start, at, end)
        if windowed is None:
            pos = at + 1
            continue
        span, groups = windowed
        match = _TEXT_DATE.match(text, span[0])
        if match is None or match.span() != span or match.groups() != groups:
            match = _TEXT_DATE.search(text, pos)
            if match is None:
                return
        yield match
        pos = match.end()


def visible_dates(text: str) -> set[date]:
    """Every calendar date written out in ``text`` (both readings of an ambiguous 03/04/2023), in any digits, Thai
    ones in the Buddhist era."""
    found: set[date] = set()
    for match in text_date_matches(_as_dates_read(text)):
        _add_dates(match, found)
    return found


# A numeric date written with dots ("05.03.2024") is read day first where a date is read as the article's (under a
# label, in the article header). Dots are the notation of the languages that put the day first (German, Russian,
# Ukrainian, Polish, Czech, Turkish, the Nordic languages, Greek, Hebrew …), while American dates are mostly written
# with slashes; reading a dotted date both ways dropped every labelled one whose day is 12 or less ("Дата
# публикации: 05.03.2024"). Some American sites write dots too ("Opening Bell 5.3.19", "By Block Renovation
# 09.10.2024", September 10): on a page whose unambiguous numeric dates put the month first ("11.24.2025"),
# ``scan_page_dates`` reads its dotted dates so, as it does its slashed ones. ``visible_dates``, the days a page
# shows, keeps both readings, as for slashes and dashes, which are read neither way by default.
def _dotted(match: re.Match[str]) -> bool:
    """Whether ``match`` is a numeric date (the ``a``/``b``/``y`` form) written with dots."""
    if match.group("a") is None:
        return False
    text = match.string
    return text[match.end("a")] == "." and text[match.end("b")] == "."


# The groups of each written form of ``_TEXT_DATE`` (only one alternative matches, so only one form's are set):
# a month's name with the year and the day, or the year, month and day in numbers.
_NAMED_MONTH_FORMS = (("mname", "my", "md"), ("nname", "ny", "dm"), ("hname", "hy", "hd"))
_NUMBERED_FORMS = (("iy", "im", "id"), ("cy", "cm", "cd"), ("hny", "hnm", "hnd"))


def _add_dates(match: re.Match[str], found: set[date]) -> None:
    groups = match.groupdict()
    options: list[tuple[int, int, int]] = []
    named = next((form for form in _NAMED_MONTH_FORMS if groups[form[0]]), None)
    numbered = next((form for form in _NUMBERED_FORMS if groups[form[0]]), None)
    if named is not None:
        name, year_group, day_group = named
        month = month_number(groups[name])
        if month:
            options.append((int(groups[year_group]), month, int(groups[day_group])))
    elif numbered is not None:
        year_group, month_group, day_group = numbered
        options.append((int(groups[year_group]), int(groups[month_group]), int(groups[day_group])))
    elif groups["ty"]:
        month = month_number(groups["tname"])
        year_text = groups["ty"]
        if month:
            year = int(year_text) if len(year_text) == 4 else _short_buddhist_era(year_text)
            options.append((year, month, int(groups["td"])))
    else:
        year = int(groups["y"])
        year = year + 2000 if year < 100 else year
        first, second = int(groups["a"]), int(groups["b"])
        options.extend(((year, first, second), (year, second, first)))
    for year, month, day in options:
        try:
            found.add(date(year, month, day))
        except ValueError:
            continue


def shown(value: datetime, dates: set[date]) -> bool:
    """Whether the day of ``value`` (or the day before or after, for time-zone shifts) is written on the page."""
    # By day number, not ``day ± timedelta``: a date on the calendar's last or first day (9999-12-31, believed when
    # the caller's fetch time is that late) has no day after or before it, and the sum overflows.
    ordinal = value.date().toordinal()
    return any(date.fromordinal(day) in dates for day in range(max(1, ordinal - 1), min(_LAST_DAY, ordinal + 1) + 1))


_LAST_DAY = date.max.toordinal()


# How far into the page text a label is looked for before a date.
LABEL_LIMIT = 50_000

# A date the page labels as the article's own: "Published on March 3, 2024", "Date: 12/03/2024". A date labelled
# "Updated" / "Last updated" is when the article changed, not when it appeared: it is a modified date.
# Between the label and its date a page may print a small word, "on"/"at" or its kin: German "am", French "le",
# Spanish and Catalan "el", Portuguese "em", Italian "il", Dutch "op", the Nordic "den", Indonesian and Malay
# "pada", Turkish "tarihi" ("Güncelleme tarihi:", the update's date), Greek "στις", Arabic "في" / "بتاريخ", Persian
# "در", Hebrew "ב" ("פורסם ב-05.03.2024"), Vietnamese "lúc" / "ngày"; Thai, written without spaces, "เมื่อ",
# "วันที่" or "เมื่อวันที่" ("เผยแพร่เมื่อวันที่ 5 มี.ค. 2567"). Russian and Ukrainian put none there (their "в" /
# "о" introduces the time of day, after the date). These words follow a label, never stand for one.
# The day of the week a page may print before the date ("Published Tuesday, March 5, 2024", "Veröffentlicht am
# Dienstag, 5. März 2024", "Publicado el martes, 5 de marzo de 2024"), in the languages whose labels are read here
# with a Latin or Cyrillic alphabet.
_LABEL_WEEKDAYS = (
    "(?:mon|tues|wednes|thurs|fri|satur|sun)day",
    "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag",
    "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche",
    "lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo",
    "(?:segunda|terça|terca|quarta|quinta|sexta)(?:-feira)?",
    "lunedì|lunedi|martedì|martedi|mercoledì|mercoledi|giovedì|giovedi|venerdì|venerdi|sabato|domenica",
    "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag",
    "måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag|mandag|tirsdag|lørdag|søndag",
    "poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela",
    "pazartesi|salı|çarşamba|perşembe|cuma|cumartesi|pazar",
    "понедельник|вторник|среда|четверг|пятница|суббота|воскресенье",
    "понеділок|вівторок|середа|четвер|п['’ʼ]ятниця|субота|неділя",
    "hétfő|kedd|szerda|csütörtök|péntek|szombat|vasárnap",
)
_LABEL_TAIL = (
    r"(?:\s+(?:on|at|am|le|el|em|il|op|den|pada|tarihi|στις|في|بتاريخ|در|ב|lúc|ngày))?"
    r"(?:\s*(?:เมื่อวันที่|เมื่อ|วันที่))?"
    r"(?:\s+the)?\s*[:\-–—|：]?\s*(?:(?:" + "|".join(_LABEL_WEEKDAYS) + r"),?\s*)?$"
)
# Publication labels of other languages, as regex fragments: the word for "published" in the form a news site
# prints it, or its "date of publication". A word prose puts before any date ("on the date of": Thai "วันที่" and
# "เมื่อวันที่", Vietnamese "ngày", Hindi "दिनांक" / "तारीख"; Russian "дата" alone) is no label on its own.
_OTHER_PUBLISHED_LABELS = (
    "опубликован[оа]?",  # Russian
    "дата публикации",
    "опубліковано",  # Ukrainian
    "дата публікації",
    "pubblicat[oa]",  # Italian
    "data di pubblicazione",
    "gepubliceerd",  # Dutch
    "geplaatst",
    "opublikowano",  # Polish
    "data publikacji",
    "data dodania",
    "yay[ıi]nlanma",  # Turkish
    "yay[ıi]mlanma",
    "yay[ıi]n tarihi",
    "diterbitkan",  # Indonesian, Malay
    "dipublikasikan",
    "publikováno",  # Czech
    "publicerad",  # Swedish
    "publiceret",  # Danish
    "publisert",  # Norwegian
    "julkaistu",  # Finnish
    "δημοσιε[υύ][θτ]ηκε",  # Greek, accented or in capitals
    "δημοσ[ιί]ευση",
    "פורסם",  # Hebrew
    "תאריך פרסום",
    "تاريخ النشر",  # Arabic
    "تم النشر",
    "نشر",
    "نُشر",
    "تار[یي]خ انتشار",  # Persian
    "منتشر شده",
    "प्रकाशित",  # Hindi
    "पब्लिश्ड",
    "ngày đăng",  # Vietnamese
    "đăng ngày",
    "ngày xuất bản",
    "เผยแพร่",  # Thai
    "วันที่เผยแพร่",
    "publicat",  # Romanian, Catalan
    "data publicării",
    "közzétéve",  # Hungarian
    "publikálva",
)
# Update labels of other languages, with their "last updated" forms, which ``says_updated`` reads at the start of a
# date's text.
_OTHER_UPDATED_LABELS = (
    "обновлен[оа]?",  # Russian
    "дата обновления",
    "последнее обновление",
    "оновлено",  # Ukrainian
    "дата оновлення",
    "останнє оновлення",
    "aggiornat[oa]",  # Italian
    "ultimo aggiornamento",
    "bijgewerkt",  # Dutch
    "laatst bijgewerkt",
    "laatst gewijzigd",
    "atualizad[oa]",  # Portuguese
    "zaktualizowano",  # Polish
    "aktualizacja",
    "ostatnia aktualizacja",
    "g[üu]ncelleme",  # Turkish
    "g[üu]ncellenme",
    "son g[üu]ncelleme",
    "diperbarui",  # Indonesian, Malay
    "diperbaharui",
    "dikemas ?kini",
    "aktualizováno",  # Czech
    "poslední aktualizace",
    "uppdaterad",  # Swedish
    "senast uppdaterad",
    "opdateret",  # Danish
    "sidst opdateret",
    "oppdatert",  # Norwegian
    "sist oppdatert",
    "päivitetty",  # Finnish
    "viimeksi päivitetty",
    "ενημερ[ωώ]θηκε",  # Greek
    "τελευτα[ιί]α ενημ[εέ]ρωση",
    "עודכן",  # Hebrew
    "עודכן לאחרונה",
    "עדכון אחרון",
    "[آا]خر تحديث",  # Arabic
    "تم التحديث",
    "تاريخ التحديث",
    "ب(?:ه[\u200c ]?)?روز[\u200c ]?رسانی",  # Persian, with its zero-width non-joiners, a space or neither
    "ب(?:ه[\u200c ]?)?روز شده",
    "آخرین ب(?:ه[\u200c ]?)?روز[\u200c ]?رسانی",
    "अपडेट",  # Hindi
    "अपडेटेड",
    "अंतिम अपडेट",
    "cập nhật",  # Vietnamese
    "(?:อัปเดต|อัพเดท|อัพเดต|อัปเดท)(?:ล่าสุด)?",  # Thai
    "ปรับปรุงล่าสุด",
    "แก้ไขล่าสุด",
    "actualizat",  # Romanian
    "ultima actualizare",
    "data actualizării",
    "actualitzat",  # Catalan
    "frissítve",  # Hungarian
    "utolsó frissítés",
    "módosítva",
    "utolsó módosítás",
)
_PUBLISHED_LABEL = re.compile(
    r"\b(?:published|posted|written|released|date|veröffentlicht|publié|publicado"
    r"|发布时间|发布日期|发布于|发表于|發佈時間|發布時間|公開日|投稿日|게시일|입력|"
    + "|".join(_OTHER_PUBLISHED_LABELS)
    + ")"
    + _LABEL_TAIL,
    re.IGNORECASE,
)
_UPDATED_LABEL = re.compile(
    r"\b(?:updated|last updated|modified|last modified|aktualisiert|mis à jour|actualizado"
    r"|更新时间|更新時間|更新日|수정|" + "|".join(_OTHER_UPDATED_LABELS) + ")" + _LABEL_TAIL,
    re.IGNORECASE,
)


# "This article was originally published on 26 Sep 2019 but has been updated": the first publication, which the
# date printed under the headline of a republished story is not.
_ORIGINAL_LABEL = re.compile(r"\b(?:originally|first)\s+(?:published|posted)" + _LABEL_TAIL, re.IGNORECASE)
_PUBLICATION_LABELS = frozenset({"published", "original"})


# The label ends its word ("updatedness" is none), but a Thai one may run into the next: Thai puts no space between
# words ("อัปเดตเมื่อ 6 มี.ค. 2567").
_UPDATE_TEXT = re.compile(
    r"^\W*(?:page\s+|last\s+)?(?:updated|modified|aktualisiert|mis à jour|actualizado|"
    + "|".join(_OTHER_UPDATED_LABELS)
    + r")(?![^\W\u0e00-\u0e7f])",
    re.IGNORECASE,
)


def says_updated(text: str) -> bool:
    """Whether a date's own text calls it an update ("Last Updated: Dec 17, 2025", "Page updated: …")."""
    return bool(_UPDATE_TEXT.match(text))


def labelled_date(text: str, *, updated: bool = False, limit: int = LABEL_LIMIT) -> date | None:
    """The first date in ``text`` that a label introduces, read one way only (an ambiguous 03/04/2023 is no
    evidence): a publication label ("Published", "Posted on", "Date:"), or with ``updated`` an update label
    ("Updated", "Last modified")."""
    label = _UPDATED_LABEL if updated else _PUBLISHED_LABEL
    text = _as_dates_read(text)
    for match in _TEXT_DATE.finditer(text, 0, limit):
        if not label.search(text, max(0, match.start() - 40), match.start()):
            continue
        dates = visible_dates(match.group(0))
        if len(dates) == 2 and _dotted(match):  # "05.03.2024": day first
            dates = {day for day in dates if day.day == int(match.group("a"))}
        if len(dates) == 1:
            return next(iter(dates))
    return None


# "Today's Hours March 14, 2026", "Open Today, March 14", "Today is Sunday, March 14": the day of the visit.
_TODAY_LABEL = re.compile(
    r"\btoday(?:(?:['’]s\s+(?:hours|date)|\s+is)\s*[:,]?|\s*[:,])\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?$",
    re.IGNORECASE,
)


def date_label(text: str, start: int) -> str | None:
    """What the label just before ``start`` says the date there is: "updated", "original" ("originally
    published") or "published"; None when no label introduces it."""
    before = max(0, start - 40)
    if _UPDATED_LABEL.search(text, before, start):
        return "updated"
    if _PUBLISHED_LABEL.search(text, before, start):
        return "original" if _ORIGINAL_LABEL.search(text, before, start) else "published"
    return None


class PrintedDate(NamedTuple):
    """A date as the page prints it: where, which day(s) it can mean, and what its label says it is."""

    start: int
    end: int
    dates: frozenset[date]  # both readings of an ambiguous 03/04/2023
    label: str | None  # "published", "original" ("originally published"), "updated" when a label introduces it


class PageDates(NamedTuple):
    dates: set[date]  # what ``visible_dates`` gives
    published: date | None  # what ``labelled_date`` gives
    updated: date | None  # what ``labelled_date(..., updated=True)`` gives
    printed: tuple[PrintedDate, ...] = ()  # every date printed, in page order


def scan_page_dates(text: str, *, limit: int = LABEL_LIMIT, buddhist_era: bool = False) -> PageDates:
    """``visible_dates`` and both ``labelled_date`` readings of ``text`` from one pass of the date regex, with
    each printed date's place and label. An ambiguous numeric date ("03/04/2023") keeps both readings unless
    the page's unambiguous numeric dates all follow one order ("12/17/2025": month first); a dotted one
    ("05.03.2024") is printed day first unless they put the month first (``_dotted``). Digits of any script
    are read as ASCII ones and Thai years in the common era, one character for one: places stay those of
    ``text``. ``buddhist_era``: the page declares Thai, so its numeric dates may count years in that era."""
    text = _as_dates_read(text, buddhist_era=buddhist_era)
    found: set[date] = set()
    printed: list[PrintedDate] = []
    month_first: dict[int, date] = {}  # printed index → the month-first reading of an ambiguous 03/04/2023
    dotted: dict[int, date] = {}  # printed index → the month-first reading of a 05.03.2024, printed day first
    orders: set[bool] = set()  # the orders the page's unambiguous numeric dates show (True: month first)
    for match in text_date_matches(text):
        readings: set[date] = set()
        _add_dates(match, readings)
        if not readings:
            continue
        if _TODAY_LABEL.search(text, max(0, match.start() - 30), match.start()):
            continue  # "Today's Hours March 14, 2026": the day of the visit, not of the article
        found |= readings
        if match.group("a") is not None:
            first, second = int(match.group("a")), int(match.group("b"))
            if len(readings) == 2:
                reading = next(d for d in readings if (d.month, d.day) == (first, second))
                if _dotted(match):  # printed day first unless the page puts the month first
                    dotted[len(printed)] = reading
                    readings = readings - {reading}
                else:
                    month_first[len(printed)] = reading
            elif first != second:
                orders.add(second > 12)
        # labels are read up to ``limit``, as ``labelled_date`` does
        label = date_label(text, match.start()) if match.start() < limit else None
        printed.append(PrintedDate(match.start(), match.end(), frozenset(readings), label))
    if orders == {True}:
        # The page puts the month first ("11.24.2025"): its dotted 09.10.2024 is September 10.
        for index, reading in dotted.items():
            printed[index] = printed[index]._replace(dates=frozenset({reading}))
    if len(orders) == 1 and dotted:
        found = {day for entry in printed for day in entry.dates}
    if len(orders) == 1 and month_first:
        # The page writes its numeric dates one way ("12/17/2025", "01/31/2025"): its 03/01/2017 is March 1.
        for index, reading in month_first.items():
            kept = reading if orders == {True} else next(iter(printed[index].dates - {reading}))
            printed[index] = printed[index]._replace(dates=frozenset({kept}))
        found = {day for entry in printed for day in entry.dates}
    published = next((p for p in printed if p.label in _PUBLICATION_LABELS and len(p.dates) == 1), None)
    updated = next((p for p in printed if p.label == "updated" and len(p.dates) == 1), None)
    if len(text) > limit:  # a date the limit cuts is read by the labelled readings only up to the limit
        published = published if published is None or published.end <= limit else None
        updated = updated if updated is None or updated.end <= limit else None
    return PageDates(
        found,
        next(iter(published.dates)) if published else None,
        next(iter(updated.dates)) if updated else None,
        tuple(printed),
    )


def headline_spans(text: str, headline: str, *, most: int = 4) -> list[tuple[int, int]]:
    """Where the headline appears in the page text (its first ``most`` appearances): a menu, a table of contents
    or a "related" list may print it before the article header does."""
    key = headline[:40].casefold()
    if len(key) < _SHORT_HEADLINE_CHARS:
        return _whole_appearances(text, headline, most) if _specific(headline) else []
    folded = text.casefold()
    origin = _folded_origins(text) if len(folded) != len(text) else None
    spans: list[tuple[int, int]] = []
    start = folded.find(key)
    while start >= 0 and len(spans) < most:
        at = start if origin is None else origin[start]
        spans.append((at, at + len(headline)))
        start = folded.find(key, start + len(key))
    return spans


# A headline shorter than this ("Rates rise", "市議会、新予算案を承認") is looked for only where it stands alone: as
# a part of the text ("Rates rise" in "Rates rise when…") it names nothing.
_SHORT_HEADLINE_CHARS = 12
_IDEOGRAPHIC = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _specific(headline: str) -> bool:
    """Whether a short headline says enough to be told from a menu's one word: two words, or four ideographs, kana
    or hangul syllables (each of which says as much as a word)."""
    return len(headline.split()) >= 2 or len(_IDEOGRAPHIC.findall(headline)) >= 4


def _whole_appearances(text: str, headline: str, most: int) -> list[tuple[int, int]]:
    """The first ``most`` appearances of ``headline`` as printed (case and all) with nothing but whitespace, or
    the text's start or end, on either side (the page text puts a space between every two elements), and no
    lower-case word after it: "Rates rise when inflation climbs" is a sentence, not the headline."""
    pattern = re.compile(rf"(?<!\S){re.escape(headline)}(?!\S)")
    appearances = (
        match.span()
        for match in pattern.finditer(text)
        if not text[match.end() : match.end() + 2].strip()[:1].islower()
    )
    return list(itertools.islice(appearances, most))


def _folded_origins(text: str) -> list[int]:
    """For each character of ``text.casefold()``, the offset in ``text`` it comes from: folding lengthens some
    characters ("ß" → "ss", "ﬁ" → "fi"), and the spans must point into the text itself."""
    return [offset for offset, char in enumerate(text) for _ in char.casefold()]


def dates_between(scan: PageDates, start: int, end: int) -> set[date]:
    """The days printed between ``start`` and ``end`` of the text ``scan`` read (every reading of each)."""
    found: set[date] = set()
    for printed in scan.printed:
        if printed.start >= end:
            break
        if printed.end > start:
            found |= printed.dates
    return found


# A time of day printed beside a date: "December 22, 2023 at 8:48 p.m.", "Dec 23, 2023 5:06pm PT",
# "8:00 PM EST, Tue December 19, 2023", "December 26, 2023 - 9:03AM", "23 December 2023 05:39"; and as French writes
# it, an "h" between the hour and its minutes ("5 mars 2024 à 10h30").
_CLOCK = re.compile(
    r"(?<![\d:.])(?P<h>[01]?\d|2[0-3])(?::|h(?=[0-5]\d(?!\d)))(?P<m>[0-5]\d)(?::[0-5]\d)?"
    r"(?:\s?(?P<half>[ap])\.?\s?m\b\.?)?",
    re.I,
)
_CLOCK_REACH = 30  # characters between a date and its time of day


def _after_clock(text: str, printed: PrintedDate, limit: int) -> int:
    """Where ``printed`` and the time of day it may carry end ("23 December 2023 05:39")."""
    clock = _CLOCK.search(text, printed.end, min(printed.end + _CLOCK_REACH, limit))
    return clock.end() if clock is not None else printed.end


def _printed_clock(text: str, scan: PageDates, index: int) -> re.Match[str] | None:
    """The time of day printed with ``scan.printed[index]``: the one it is followed by, else the one it follows,
    never across another date."""
    printed = scan.printed[index]
    following = scan.printed[index + 1].start if index + 1 < len(scan.printed) else len(text)
    clock = _CLOCK.search(text, printed.end, min(printed.end + _CLOCK_REACH, following))
    if clock is None:
        preceding = _after_clock(text, scan.printed[index - 1], printed.start) if index > 0 else 0
        before = list(_CLOCK.finditer(text, max(preceding, printed.start - _CLOCK_REACH), printed.start))
        clock = before[-1] if before else None
    return clock


def _wall_clock(day: date, clock: re.Match[str]) -> datetime | None:
    """``day`` at the time ``clock`` reads, naive; None for a 12-hour clock past 12 ("14:30 pm")."""
    hour, minute = int(clock.group("h")), int(clock.group("m"))
    half = (clock.group("half") or "").lower()
    if half and not 1 <= hour <= 12:
        return None
    if half == "p" and hour != 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    return datetime(day.year, day.month, day.day, hour, minute)


def printed_moments(text: str, scan: PageDates, printed_dates: Iterable[PrintedDate]) -> list[datetime]:
    """The dates of ``printed_dates`` (from ``scan``) printed with a time of day, naive: in whatever zone the
    page prints them. A time belongs to the date it follows, else to the date it precedes, never across
    another date."""
    text = ascii_digits(text)
    order = {printed: index for index, printed in enumerate(scan.printed)}
    moments: list[datetime] = []
    for printed in printed_dates:
        index = order.get(printed)
        if len(printed.dates) != 1 or index is None:
            continue
        clock = _printed_clock(text, scan, index)
        moment = _wall_clock(next(iter(printed.dates)), clock) if clock is not None else None
        if moment is not None:
            moments.append(moment)
    return moments


# What a time of day may be followed by that names its zone: an abbreviation ("3:45 pm EST", "14:30 (GMT)").
_ZONE_AFTER_CLOCK = re.compile(r"\s*\(?(?P<zone>[A-Z]{1,5})\b")


def printed_time(text: str, scan: PageDates, printed: PrintedDate) -> ParsedDate | None:
    """The instant ``printed`` (from ``scan``) stands for with the time of day printed beside it (as
    ``printed_moments`` pairs them): in the zone an abbreviation after the time names ("March 5, 2024 at 3:45 pm
    EST", "9:15 a.m. ET"), else in UTC, assumed, as a zone-less stamp is. None without a time, or when the
    abbreviation is not a zone ``_ZONES`` knows ("5:06pm HKT"): placing that time in another zone would misstate
    it."""
    if len(printed.dates) != 1 or printed not in scan.printed:
        return None
    text = ascii_digits(text)
    clock = _printed_clock(text, scan, scan.printed.index(printed))
    moment = _wall_clock(next(iter(printed.dates)), clock) if clock is not None else None
    if clock is None or moment is None:
        return None
    stated = _ZONE_AFTER_CLOCK.match(text, clock.end())
    if stated is None:
        return ParsedDate(moment.replace(tzinfo=UTC), True, False)
    zone = _ZONES.get(stated["zone"])
    return ParsedDate(moment.replace(tzinfo=zone), False, False) if zone is not None else None


_LARGEST_OFFSET = timedelta(hours=14)
_ZONE_STEP = timedelta(minutes=15)


def as_printed(value: datetime, moments: list[datetime]) -> datetime | None:
    """``value`` in the zone the page prints it in, when the page prints its date and time of day: the same
    instant written as local time ("Published 8:00 PM EST, Tue December 19, 2023" for 01:00 UTC on the 20th).
    The offset must be one a time zone can have (a quarter of an hour, at most 14 hours)."""
    utc = value.astimezone(UTC).replace(tzinfo=None, second=0, microsecond=0)
    for moment in moments:
        offset = moment - utc
        if abs(offset) <= _LARGEST_OFFSET and offset % _ZONE_STEP == timedelta(0):
            return value.astimezone(timezone(offset))
    return None


class HeaderDate(NamedTuple):
    day: date
    before: bool  # printed just before the headline rather than after it


def header_printed(
    scan: PageDates, spans: list[tuple[int, int]], *, after: int = 300, before: int = 0
) -> tuple[PrintedDate, bool] | None:
    """The article header's date line: the first date printed within ``after`` characters after a headline
    appearance (``headline_spans``), else one printed just ``before`` it ("Back to blog · Dec 12, 2025 ·
    Title"), read one way only, unless its label calls it an update. Appearances are tried in page order. With
    the date: whether it is printed before the headline."""
    for start, end in spans:
        following = next((p for p in scan.printed if end <= p.start < end + after), None)
        if following is not None:
            if following.label == "updated" or len(following.dates) != 1:
                return None
            return following, False
        if before:
            preceding = [p for p in scan.printed if start - before <= p.end <= start]
            if preceding and preceding[-1].label != "updated" and len(preceding[-1].dates) == 1:
                return preceding[-1], True
    return None


def header_date(
    scan: PageDates, spans: list[tuple[int, int]], *, after: int = 300, before: int = 0
) -> HeaderDate | None:
    """The day of the article header's date line (``header_printed``)."""
    found = header_printed(scan, spans, after=after, before=before)
    return HeaderDate(next(iter(found[0].dates)), found[1]) if found is not None else None


def labelled_printed(scan: PageDates) -> PrintedDate | None:
    """Where the date ``scan.published`` (the first a publication label introduces) is printed."""
    if scan.published is None:
        return None
    return next((p for p in scan.printed if p.label in _PUBLICATION_LABELS and p.dates == {scan.published}), None)


def updated_printed(scan: PageDates) -> PrintedDate | None:
    """Where the date ``scan.updated`` (the first an update label introduces) is printed."""
    if scan.updated is None:
        return None
    return next((p for p in scan.printed if p.label == "updated" and p.dates == {scan.updated}), None)


_NUMBER = re.compile(r"\d+")


def text_shows_day(text: str, value: datetime) -> bool:
    """Whether a ``<time>`` element's own text shows the day of its stamp, in any format: the day's number
    with the year or the month ("12/19 — 2025", "19.12.", "Dec 19")."""
    numbers = {int(n) for n in _NUMBER.findall(text)}
    if value.day not in numbers:
        return False
    if value.year in numbers or value.month in numbers - {value.day} or value.month == value.day:
        return True
    if any(month_number(word.group(0)) == value.month for word in _MONTH_NAME.finditer(text)):
        return True
    return not text.isascii() and any(
        month_number(word.group(0)) == value.month for word in _NATIVE_MONTH_NAME.finditer(text)
    )


_ZONE_NAME = re.compile(r"\b(?:" + "|".join(name for name in _ZONES if name != "Z") + r")\b")


def _clock_times(text: str) -> Iterable[tuple[int, int]]:
    for clock in _CLOCK.finditer(text):
        hour, minute = int(clock.group("h")), int(clock.group("m"))
        half = (clock.group("half") or "").lower()
        if half == "p" and hour < 12:
            hour += 12
        elif half == "a" and hour == 12:
            hour = 0
        yield hour, minute


def in_stated_zone(wall_clock: datetime, text: str) -> datetime | None:
    """A zone-less stamp in the zone its displayed text names, when the text shows the same time of day
    (``<time datetime="2023-12-22 05:00:00">12/22/2023 05:00 AM EST</time>``)."""
    zone = _ZONE_NAME.search(text)
    if zone is None or (wall_clock.hour, wall_clock.minute) not in set(_clock_times(text)):
        return None
    return wall_clock.replace(tzinfo=_ZONES[zone.group(0)])
