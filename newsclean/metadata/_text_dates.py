"""The dates a page's text prints ("March 5, 2024", "5. März 2024", "2024年3月5日", "05/03/2024"), found with
anchors and windows instead of one regex over the whole text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

from ._month_names import (
    HUNGARIAN_MONTH,
    MONTHS,
    THAI_ABBREVIATED_MONTH_NAMES,
    THAI_MONTH,
    TWO_WORD_MONTH_NAMES,
    as_dates_read,
    month_number,
    short_buddhist_era,
    spaced,
)

# The letters of the other scripts ``NATIVE_MONTHS`` writes month names in: Greek, Cyrillic, Hebrew, Arabic,
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
    sorted({char for name in MONTHS for char in name + name.upper() if not char.isascii()} | {"İ"})
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
# Hungarian name (``HUNGARIAN_MONTH``), and no year right after the day without its dot ("2024. November 5, 2025" is
# the English date of 2025). The numeric form needs the spaces and its last dot, and stands outside a longer run of
# numbers: no digit, dot or sign before its year, nor a number and a space ("+36 1 2024. 03. 05."), nor a further
# "NN." group after it ("2024. 03. 05. 06. 07."); a time of day may follow ("2024. 03. 05. 14:30").
# Month names are matched in any case, capitals beyond ASCII's too ("5. MÄRZ 2024", "5 FÉVRIER 2024", "5 NİSAN
# 2024"), and ``month_number`` looks them up case-folded; so are the words around them ("5 DE MARÇO DE 2024").
# The first of the month may be an ordinal (``FIRST_DAY_ORDINAL``): "1er mai 2025", "1º de mayo de 2025".
TEXT_DATE = re.compile(
    r"\b(?P<mname>[A-Za-zéÉ]{3,10}+)\.?\s+(?P<md>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<my>(?:19|20)\d{2})\b"
    r"|\b(?P<dm>\d{1,2})(?:st|nd|rd|th|" + FIRST_DAY_ORDINAL + r")?\.?\s+(?i:(?:of|de)\s+|d['’])?"
    r"(?P<nname>"
    + spaced(TWO_WORD_MONTH_NAMES)
    + "|"
    + spaced(name.rstrip(".") for name in THAI_ABBREVIATED_MONTH_NAMES)
    + r"|[A-Za-z"
    + _MONTH_LETTERS
    + _NATIVE_LETTERS
    + r"]{2,12}+)"
    r"\.?,?\s+(?i:del?\s+)?(?P<ny>(?:19|20)\d{2})\b"
    r"|\b(?P<iy>(?:19|20)\d{2})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?:\b|(?=T\d))"
    r"|\b(?<!\d[.,])(?P<hy>(?:19|20)\d{2})(?:\.\s*|\s+)(?P<hname>" + HUNGARIAN_MONTH + r")(?![^\W\d_])\.?\s*"
    r"(?P<hd>\d{1,2})(?!\d)(?!,?\s+(?:19|20)\d{2}(?!\d))\.?"
    r"|(?<![\w.+/-])(?<!\d\s)(?P<hny>(?:19|20)\d{2})\.\s?(?P<hnm>\d{1,2})\.\s?(?P<hnd>\d{1,2})\.(?!\d)"
    r"(?!\s?\d{1,2}\.(?!\d))"
    r"|(?<!\d)(?P<cy>(?:19|20)\d{2})\s?[年년]\s?(?P<cm>\d{1,2})\s?[月월]\s?(?P<cd>\d{1,2})\s?[日일]"
    r"|\b(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>(?:19|20)?\d{2})\b"
    r"|\b(?P<td>\d{1,2})\s*(?P<tname>" + THAI_MONTH + r")\s*(?P<ty>(?:19|20)?\d{2})(?!\d)"
)


# Every match of ``TEXT_DATE`` holds one of these anchors: a year of four digits (the first six forms), or a
# separator followed by a digit (the seventh). Each starts with a literal, which Python's regex engine finds
# with a fast scan: five such scans cost a fifth of one alternation or character class.
_DATE_ANCHORS = tuple(re.compile(anchor) for anchor in (r"19\d\d", r"20\d\d", r"/\d", r"\.\d", r"-\d"))
# The Thai date with a two-digit year (the last form) has none: its month name is its anchor, looked for only in a
# text that is not all ASCII.
_THAI_DATE_ANCHOR = re.compile(THAI_MONTH + r"\s*\d{2}")
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


# ``TEXT_DATE`` behind a lazy run of at most ``_WINDOW`` characters, matched at a window's start: it tries the date
# regex at the window's first ``_WINDOW + 1`` positions, in order, as a search does, and stops there. A search of
# the window goes on to the window's end, though a date that starts after the anchor is not used: a fifth less
# time in ``text_date_matches``. Group 1 is the date; the date regex's own groups follow it.
_DATE_NEAR_START = re.compile(rf"(?s:.{{0,{_WINDOW}}}?)({TEXT_DATE.pattern})", TEXT_DATE.flags)

_SpanAndGroups = tuple[tuple[int, int], tuple[str | None, ...]]


def _date_in_window(text: str, start: int, at: int, end: int) -> _SpanAndGroups | None:
    """The span and groups of ``TEXT_DATE.search(text, start, end)`` when that match starts by ``at``, else
    None."""
    if at - start <= _WINDOW:
        near = _DATE_NEAR_START.match(text, start, end)
        found = (near.span(1), near.groups()[1:]) if near is not None else None
    else:  # a window widened for whitespace: further back than the lazy run reaches
        searched = TEXT_DATE.search(text, start, end)
        found = (searched.span(), searched.groups()) if searched is not None else None
    return found if found is not None and found[0][0] <= at else None


def text_date_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``TEXT_DATE.finditer(text)``, in order, with the regex tried only around its anchors.

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
        match = TEXT_DATE.match(text, span[0])
        if match is None or match.span() != span or match.groups() != groups:
            match = TEXT_DATE.search(text, pos)
            if match is None:
                return
        yield match
        pos = match.end()


def visible_dates(text: str) -> set[date]:
    """Every calendar date written out in ``text`` (both readings of an ambiguous 03/04/2023), in any digits, Thai
    ones in the Buddhist era."""
    found: set[date] = set()
    for match in text_date_matches(as_dates_read(text)):
        add_dates(match, found)
    return found


# A numeric date written with dots ("05.03.2024") is read day first where a date is read as the article's (under a
# label, in the article header). Dots are the notation of the languages that put the day first (German, Russian,
# Ukrainian, Polish, Czech, Turkish, the Nordic languages, Greek, Hebrew …), while American dates are mostly written
# with slashes; reading a dotted date both ways dropped every labelled one whose day is 12 or less ("Дата
# публикации: 05.03.2024"). Some American sites write dots too ("Opening Bell 5.3.19", "By Block Renovation
# 09.10.2024", September 10): on a page whose unambiguous numeric dates put the month first ("11.24.2025"),
# ``scan_page_dates`` reads its dotted dates so, as it does its slashed ones. ``visible_dates``, the days a page
# shows, keeps both readings, as for slashes and dashes, which are read neither way by default.
def written_with_dots(match: re.Match[str]) -> bool:
    """Whether ``match`` is a numeric date (the ``a``/``b``/``y`` form) written with dots."""
    if match.group("a") is None:
        return False
    text = match.string
    return text[match.end("a")] == "." and text[match.end("b")] == "."


# The groups of each written form of ``TEXT_DATE`` (only one alternative matches, so only one form's are set):
# a month's name with the year and the day, or the year, month and day in numbers.
_NAMED_MONTH_FORMS = (("mname", "my", "md"), ("nname", "ny", "dm"), ("hname", "hy", "hd"))
_NUMBERED_FORMS = (("iy", "im", "id"), ("cy", "cm", "cd"), ("hny", "hnm", "hnd"))


def add_dates(match: re.Match[str], found: set[date]) -> None:
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
            year = int(year_text) if len(year_text) == 4 else short_buddhist_era(year_text)
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
