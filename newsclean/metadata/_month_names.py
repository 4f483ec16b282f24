"""Month names in the languages and scripts dates are read in, Thai years of the Buddhist era, and the digits of
other scripts: a date's words and numbers as ``_dates``, ``_text_dates`` and the rule packs read them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Latin-script month names, as dates print them: English, French, German, Spanish, Portuguese, Italian; Dutch,
# Indonesian and Malay, Turkish (with its letters and without: "Şubat", "Subat"), Romanian, Swedish, Danish and
# Norwegian, Catalan; Polish and Czech in the genitive a date takes ("5 marca 2024", "5. března 2024"), Finnish in the
# partitive ("5. maaliskuuta 2024"); Hungarian, full and abbreviated ("március", "márc."), whose dates put the year
# first ("2024. március 5.", ``HUNGARIAN_MONTH``). Left out: a name that means another month in another language,
# since nothing here knows the page's language (Polish "listopada" is November, Croatian "listopada" October, so
# Polish November is not read, nor Croatian at all; Czech "listopadu", November, is Croatian only as "in October",
# never between a day and a year); and an English word that a day and a year may surround (Malay "Mac", March; the
# abbreviation "des", December in Indonesian and the Nordic languages, is the French "des"). Turkish "Mart" is an
# English noun too, but not one written between a day and a year. Names are kept in lower case and looked up
# case-folded (``month_number``): "MÄRZ", "FÉVRIER", "MÁRCIUS" are these names.
MONTHS = {
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
# "2024. márc. 5."), in any case ("2024. MÁRCIUS 5."); each is a name of ``MONTHS``.
_HUNGARIAN_MONTH_NAMES = (
    "január február március április május június július augusztus szeptember október november december "
    "jan febr márc ápr máj jún júl aug szept okt nov dec"
)
HUNGARIAN_MONTH = "(?i:" + "|".join(sorted(_HUNGARIAN_MONTH_NAMES.split(), key=len, reverse=True)) + ")"
MONTH_NAME = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")\b\.?", re.IGNORECASE
)


def month_key(name: str) -> str:
    """A month name as a key of ``NATIVE_MONTHS``: NFC, case-folded, one space between words, Greek without its
    accents ("ΜΑΡΤΙΟΥ" and "Μαρτίου" alike)."""
    key = " ".join(unicodedata.normalize("NFC", name).casefold().rstrip(".").split())
    if any("\u0370" <= char <= "\u03ff" or "\u1f00" <= char <= "\u1fff" for char in key):
        decomposed = unicodedata.normalize("NFD", key)
        key = unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))
    return key


# Month names in scripts other than Latin, as dates write them: Russian and Ukrainian in the genitive ("9 марта") and
# the nominative, Greek likewise ("9 Μαρτίου"), Arabic (Egypt and the Gulf, the Levant, the Maghreb; the Levant's
# two-word names are ``TWO_WORD_MONTH_NAMES``), Persian, Hebrew (with the "ב" of "9 במרץ"), Hindi, Bengali and Thai.
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
TWO_WORD_MONTH_NAMES = {
    "كانون الثاني": 1,
    "تشرين الأول": 10,
    "تشرين الاول": 10,
    "تشرين الثاني": 11,
    "كانون الأول": 12,
    "كانون الاول": 12,
}
_NATIVE_MONTH_NAMES += TWO_WORD_MONTH_NAMES.items()
# Thai news sites mostly abbreviate the month, two letters with a dot after each ("15 มี.ค. 2567"); the last dot is
# sometimes left out, as any month name's may be.
THAI_ABBREVIATED_MONTH_NAMES = {
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
_NATIVE_MONTH_NAMES += THAI_ABBREVIATED_MONTH_NAMES.items()
NATIVE_MONTHS = {month_key(name): number for name, number in _NATIVE_MONTH_NAMES}


def spaced(names: Iterable[str]) -> str:
    """An alternation of ``names``, longest first (then in code-point order: the same pattern in any process, as a
    rule pack's digest needs), any run of whitespace between the words of a two-word name."""
    ordered = sorted(names, key=lambda name: (-len(name), name))
    return "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in ordered)


# As written, and without the accents of Greek capitals ("ΜΑΡΤΙΟΥ").
NATIVE_MONTH_NAME = re.compile(
    r"(?<!\w)(?:" + spaced({name for name, _ in _NATIVE_MONTH_NAMES} | set(NATIVE_MONTHS)) + r")(?!\w)\.?",
    re.IGNORECASE,
)
#: Every month name ``month_number`` reads, as a regex alternation (longest first) that Python's re and RE2 both
#: compile: the rule packs name it ``(?&month_name)``, so that a line they remove as a date is one read here.
MONTH_NAME_ALTERNATION = spaced(set(MONTHS) | {name for name, _ in _NATIVE_MONTH_NAMES} | set(NATIVE_MONTHS))
# Thai dates count years in the Buddhist era, 543 years ahead of the common one ("15 มีนาคม 2567" is March 15,
# 2024), often with the era's mark before the year ("15 มีนาคม พ.ศ. 2567"). Such a year is read after a Thai month
# name, or in a Thai page's own stamps, and only within the era's years of the modern press (2400 to 2700, the years
# 1857 to 2157): no year of the common era is in that range, so none is ever shifted.
_BUDDHIST_ERA_OFFSET = 543
_BUDDHIST_ERA_YEARS = range(2400, 2701)
# Thai month names, full or abbreviated, each with its last dot optional ("มี.ค." or "มี.ค").
THAI_MONTH = (
    r"(?:" + spaced({name.rstrip(".") for name, _ in _NATIVE_MONTH_NAMES if "\u0e00" <= name[0] <= "\u0e7f"}) + r")\.?"
)
_THAI_LETTER = re.compile("[\u0e00-\u0e7f]")
_THAI_DATE_YEAR = re.compile(THAI_MONTH + r"\s*(?P<era>พ\.ศ\.)?\s*(?P<year>\d{4})(?!\d)")
# On a Thai page a numeric date counts its year in the era too ("15/03/2567"); a year of the era's range is read so
# only there, never a two-digit year, which would as well be a common-era one.
_NUMERIC_DATE_YEAR = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-](?P<year>\d{4})\b")
# A Thai day and month are often followed by the year's last two digits alone ("15 มี.ค. 67"): a Buddhist-era year
# of the 2500s (1957 to 2056), read so only right after a Thai month name. Four digits cannot take the place of two,
# so ``in_common_era`` leaves such a year: ``TEXT_DATE`` reads it as it finds the date, ``_in_latin_script`` in
# markup.
_BUDDHIST_ERA_CENTURY = 2500
THAI_DATE_SHORT_YEAR = re.compile(r"(?P<day_and_month>\b\d{1,2}\s*" + THAI_MONTH + r")\s*(?P<year>\d{2})(?!\d)")
# The year of a stamp: four digits standing alone (a zone offset's "+0700" is too, but never in the era's range).
STAMP_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def short_buddhist_era(year: str) -> int:
    """The common-era year of a Buddhist-era year written with its last two digits ("67" → 2024)."""
    return _BUDDHIST_ERA_CENTURY + int(year) - _BUDDHIST_ERA_OFFSET


def common_era(year: str) -> str:
    """A Buddhist-era year as the common era numbers it ("2567" → "2024"); any other year as it is."""
    number = int(year)
    return str(number - _BUDDHIST_ERA_OFFSET) if number in _BUDDHIST_ERA_YEARS else year


def _common_era_date(match: re.Match[str]) -> str:
    """A Thai month name and its year, the year in the common era and the era's mark blanked out (one space for each
    of its characters: the date then reads as any other)."""
    year = common_era(match["year"])
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
    return match.group()[:start] + common_era(match["year"])


def in_common_era(text: str, *, buddhist_era: bool = False) -> str:
    """``text`` with the Buddhist-era year of each Thai date in the common era, one character for one, so places in
    the text stay where they were: "15 มีนาคม 2567" → "15 มีนาคม 2024". On a Thai page (``buddhist_era``, the page
    declares Thai, or ``text`` has Thai letters) numeric dates too: "15/03/2567" → "15/03/2024". Digits must be ASCII
    ones already."""
    if not buddhist_era and (text.isascii() or _THAI_LETTER.search(text) is None):
        return text
    return _NUMERIC_DATE_YEAR.sub(_common_era_numeric_date, _THAI_DATE_YEAR.sub(_common_era_date, text))


ENGLISH_MONTH_NAMES = (
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


def as_dates_read(text: str, *, buddhist_era: bool = False) -> str:
    """``text`` as its dates are read, one character for one: ASCII digits, Thai years in the common era (see
    ``in_common_era`` for ``buddhist_era``)."""
    return in_common_era(ascii_digits(text), buddhist_era=buddhist_era)


def month_number(name: str) -> int | None:
    """The month a name of ``MONTHS`` or ``NATIVE_MONTHS`` stands for, in any case ("MÄRZ", "FÉVRIER", "NİSAN")."""
    key = name.casefold().rstrip(".")
    if not key.isascii():
        key = key.replace("i\u0307", "i")  # the Turkish capital "İ" ("NİSAN") folds to "i" and a dot above
    number = MONTHS.get(key)
    if number is None and not name.isascii():
        return NATIVE_MONTHS.get(month_key(name))
    return number
