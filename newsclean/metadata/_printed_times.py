"""Where a page prints its dates, and the time of day and zone it prints beside them: the headline's place in the
text, the dates between two places, the moments printed, a stamp's time as the page prints it."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import NamedTuple

from ._date_labels import PUBLICATION_LABELS, PageDates, PrintedDate
from ._dates import ZONES, ParsedDate
from ._month_names import MONTH_NAME, NATIVE_MONTH_NAME, ascii_digits, month_number


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
    abbreviation is not a zone ``ZONES`` knows ("5:06pm HKT"): placing that time in another zone would misstate
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
    zone = ZONES.get(stated["zone"])
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
    return next((p for p in scan.printed if p.label in PUBLICATION_LABELS and p.dates == {scan.published}), None)


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
    if any(month_number(word.group(0)) == value.month for word in MONTH_NAME.finditer(text)):
        return True
    return not text.isascii() and any(
        month_number(word.group(0)) == value.month for word in NATIVE_MONTH_NAME.finditer(text)
    )


_ZONE_NAME = re.compile(r"\b(?:" + "|".join(name for name in ZONES if name != "Z") + r")\b")


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
    return wall_clock.replace(tzinfo=ZONES[zone.group(0)])
