"""Published and modified dates: markup candidates weighed against what the page shows; then the page text,
the dateline and htmldate."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, NamedTuple

from .._dom import MetadataCandidates
from ._date_labels import LABEL_LIMIT, PageDates, PrintedDate, says_updated, scan_page_dates
from ._dates import ParsedDate, date_from_url, describe, parse_datetime, plausible
from ._language import primary_subtag
from ._markup import ARTICLE_TYPES, MODIFIED_META, PUBLISHED_META, metas, node_types
from ._printed_times import (
    HeaderDate,
    as_printed,
    dates_between,
    header_printed,
    in_stated_zone,
    labelled_printed,
    printed_moments,
    printed_time,
    text_shows_day,
    updated_printed,
)
from ._relative_dates import counted_back, relative_dates
from ._resolved import Resolved
from ._text_dates import shown

# Meta keys by which a publisher declares the article's own dates; the rest of the date keys are generic
# (a crawl, template or file date) and need the date to be shown on the page.
_GENERIC_DATE_META = frozenset(
    {
        "date",
        "dc.date",
        "dcterms.created",
        "article_date_original",
        "og:updated_time",
        "dcterms.modified",
        "last-modified",
        "lastmod",
    }
)
_DECLARED_META = frozenset(PUBLISHED_META + MODIFIED_META) - _GENERIC_DATE_META
_KNOWN_DATE_META = frozenset(PUBLISHED_META + MODIFIED_META)
_PUBLICATION_KEY = re.compile(r"publish|publication|pub[_.-]?date|date[_.-]?pub|firstpub")
_NOT_PUBLICATION_KEY = re.compile(r"last|expir|modif|updat|principle|robots|type|auto|premium|smart|platform")


class _DateCandidate(NamedTuple):
    value: datetime
    source: str
    #: Declared by the publisher for the article itself (JSON-LD article node, article:published_time):
    #: evidence even when the page does not print it.
    declared: bool
    #: The text a ``<time>`` element shows for it ("Dec 19, 2025", "25.Jun.2019", "a day ago").
    shown_as: str = ""


def _date_candidates(
    candidates: MetadataCandidates, articles: list[dict[str, Any]], keys: Sequence[str], meta_keys: Sequence[str]
) -> Iterator[tuple[Any, str, bool]]:
    for node in articles:
        # A WebPage node's dates are often a CMS template's (every page of the site gets them): not declared.
        declared = bool(node_types(node) & ARTICLE_TYPES)
        for key in keys:
            for value in _date_values(node.get(key)):
                yield value, "json-ld", declared
    for key, value in metas(candidates, meta_keys):
        yield value, "opengraph" if key.startswith(("og:", "article:")) else "meta", key in _DECLARED_META
    if meta_keys is PUBLISHED_META:
        # Publication keys of other vocabularies ("published", "w-published-date", "cxenseparse:publishtime",
        # "date-pub"): named for the article's publication, so declared like article:published_time.
        for key, values in candidates.meta.items():
            if key not in _KNOWN_DATE_META and _PUBLICATION_KEY.search(key) and not _NOT_PUBLICATION_KEY.search(key):
                for value in values:
                    yield value, "meta", True


def _date_values(value: Any) -> list[Any]:
    """A JSON-LD date property's values: a string, each of a list of them (["2024-05-30T09:15:00Z"]), or a value
    object's ({"@type": "DateTime", "@value": "…"})."""
    values = value if isinstance(value, list) else [value]
    return [item.get("@value") if isinstance(item, dict) else item for item in values[:4]]


class _PageEvidence(NamedTuple):
    """What the page's visible text says about dates, for choosing among the markup's candidates."""

    dates: set[date]  # every day printed on the page
    header: set[date] | None  # days printed around the headline (its date line); None: headline not found
    header_text: str  # the text around the headline, where a <time> shows its date in its own words
    #: The text just after the headline (its date line and byline), where the article's own ``<time>`` is printed.
    after_headline: str
    moments: list[datetime]  # dates printed with a time of day, as the page writes them
    zones: Sequence[tzinfo]  # time zones of the page's own stamps
    #: Instants the page's ``<time>`` elements stamp with an explicit offset, each with the zone it is written in.
    stamped: dict[datetime, tzinfo]


# The article header around the headline, where its date line is printed: a little before it ("Back to blog ·
# Dec 12, 2025 · 4 min read" above the title) and the byline block after it.
_HEADER_BEFORE = 100
_HEADER_AFTER = 300
# Without a known header, the first dates of the page stand for it when matching a stamp's time of day.
_UNPLACED_DATES = 10


def _page_evidence(
    candidates: MetadataCandidates,
    scan: PageDates,
    headline: list[tuple[int, int]],
    time_readings: dict[str, ParsedDate | None],
) -> _PageEvidence:
    text = candidates.visible_text or ""
    around: set[date] | None = None
    around_text = after_text = ""
    header_printed: list[PrintedDate] = []
    if headline:
        around = set()
        for start, end in headline:
            window = (max(0, start - _HEADER_BEFORE), end + _HEADER_AFTER)
            around |= dates_between(scan, *window)
            around_text += " " + text[window[0] : window[1]]
            after_text += " " + text[end : window[1]]
            header_printed += [p for p in scan.printed if window[0] <= p.start < window[1]]
    labelled = [p for p in scan.printed if p.label == "published"]
    if around is not None:
        # A date the page labels "Published …" is the article's wherever it is printed (often below the article).
        around |= {day for printed in labelled for day in printed.dates}
    else:
        header_printed = list(scan.printed[:_UNPLACED_DATES])
    moments = printed_moments(text, scan, dict.fromkeys(header_printed + labelled))
    return _PageEvidence(
        scan.dates,
        around,
        around_text,
        after_text,
        moments,
        _page_zones(time_readings),
        _stamped_zones(candidates, time_readings),
    )


def resolve_dates(
    resolved: Resolved,
    candidates: MetadataCandidates,
    articles: list[dict[str, Any]],
    url: str | None,
    now: datetime,
    headline: list[tuple[int, int]],
) -> None:
    """``headline``: where the headline appears in the page text (``_printed_times.headline_spans``)."""
    found: list[_DateCandidate] = []
    future: list[str] = []
    # A Thai page may stamp its dates in the Buddhist era ("2567-03-15T10:00:00+07:00"), and print numeric dates in
    # it ("15/03/2567"), which no other page does.
    buddhist_era = primary_subtag(resolved.html_lang) == "th"
    for raw, source, declared in _date_candidates(
        candidates, articles, ("datePublished", "dateCreated"), PUBLISHED_META
    ):
        parsed = parse_datetime(raw, buddhist_era=buddhist_era)
        if parsed is None:
            continue
        if parsed.value > now:
            future.append(source)
        elif plausible(parsed.value, now):
            found.append(_DateCandidate(parsed.value, describe(source, parsed), declared))
    modified: list[_DateCandidate] = []
    for raw, source, declared in _date_candidates(candidates, articles, ("dateModified",), MODIFIED_META):
        parsed = parse_datetime(raw, buddhist_era=buddhist_era)
        if parsed is not None and plausible(parsed.value, now):
            modified.append(_DateCandidate(parsed.value, describe(source, parsed), declared))
    scan = (
        scan_page_dates(candidates.visible_text, buddhist_era=buddhist_era)
        if candidates.visible_text is not None
        else None
    )
    # Each <time>'s stamp and text, parsed once: for the page's time zones and for the candidates.
    time_readings = {
        raw: parse_datetime(raw, buddhist_era=buddhist_era) for stamp, text in candidates.times for raw in (stamp, text)
    }
    evidence = _page_evidence(candidates, scan, headline, time_readings) if scan is not None else None
    updates: list[_DateCandidate] = []
    for stamp, text in candidates.times:
        parsed = _time_stamp(stamp, text, time_readings)
        if parsed is not None and plausible(parsed.value, now):
            # A <time> that reads "Last updated: …" dates a change to the article, not its publication.
            (updates if says_updated(text) else found).append(
                _DateCandidate(parsed.value, describe("time", parsed), False, text)
            )
    from_url = date_from_url(url)
    if from_url is not None and plausible(from_url, now):
        found.append(_DateCandidate(from_url, "url; date only, timezone assumed UTC", True))
    news = any("newsarticle" in kind or kind == "liveblogposting" for node in articles for kind in node_types(node))
    chosen = _choose_date(found, evidence)
    if scan is not None and headline:
        header_line = header_printed(scan, headline, after=_HEADER_AFTER, before=_HEADER_BEFORE)
        if header_line is not None:
            date_line, before = header_line
            in_header = HeaderDate(next(iter(date_line.dates)), before)
            resolved.headline_date, resolved.headline_date_before = in_header
            _keep_printed_time(resolved, candidates.visible_text, scan, date_line)
            if chosen is not None and _header_overrules(in_header, chosen, modified):
                source = chosen[1].split(";")[0]
                chosen = (
                    datetime(in_header.day.year, in_header.day.month, in_header.day.day, tzinfo=UTC),
                    "page text (after the headline); date only, timezone assumed UTC; "
                    f"the {source} date is not shown on the page",
                )
    if chosen is not None and scan is not None:
        chosen = _labelled_publication_overrules(chosen, scan)
    if chosen is not None:
        note = f"; later than fetch time in {', '.join(dict.fromkeys(future))}" if future else ""
        resolved.set("published", chosen[0], chosen[1] + note)
    elif found:
        resolved.provenance["published"] = f"not set: {found[0].source.split(';')[0]} date not shown on the page"
    chosen_modified = _choose_date(modified + updates, evidence)
    if chosen_modified is not None:
        resolved.set("modified", *chosen_modified)
    resolved.news_article = news
    resolved.page_dates = scan.dates if scan is not None else None
    if scan is not None and candidates.visible_text is not None:
        resolved.relative_dates = relative_dates(
            candidates.visible_text, headline, after=_HEADER_AFTER, limit=LABEL_LIMIT
        )
        resolved.labelled_date = scan.published
        _keep_printed_time(resolved, candidates.visible_text, scan, labelled_printed(scan))
        resolved.labelled_original = any(
            printed.label == "original" and printed.dates == {scan.published} for printed in scan.printed
        )
        resolved.labelled_update = scan.updated
        update_line = updated_printed(scan)
        if update_line is not None:
            resolved.labelled_update_time = printed_time(candidates.visible_text, scan, update_line)


def _keep_printed_time(resolved: Resolved, text: str | None, scan: PageDates, printed: PrintedDate | None) -> None:
    """Keep the time of day the page prints with ``printed`` (the header's or the labelled date), for
    ``text_dates``: the first kept for a day stays."""
    if text is None or printed is None:
        return
    timed = printed_time(text, scan, printed)
    if timed is not None:
        resolved.printed_times.setdefault(next(iter(printed.dates)), timed)


def _header_overrules(in_header: HeaderDate, chosen: tuple[datetime, str], modified: list[_DateCandidate]) -> bool:
    """Whether the date printed under the headline overrules a declared date the page never shows: a CMS
    restamps ``datePublished`` when it migrates or republishes a story, while the article keeps printing its
    first date. Only an earlier date counts, and not one the publisher declares as the modification (an
    update shown without its label)."""
    day = in_header.day
    return (
        chosen[1].endswith("not shown on the page")
        and not in_header.before
        and day < chosen[0].date()
        and all(abs(candidate.value.date() - day) > timedelta(days=1) for candidate in modified)
    )


def _labelled_publication_overrules(chosen: tuple[datetime, str], scan: PageDates) -> tuple[datetime, str]:
    """The date the page labels "Published" when the chosen one is printed only as an update ("Published Apr 26,
    2023 · Updated Aug 21, 2025" under a ``datePublished`` of Aug 21, 2025: the CMS stamped the update as the
    publication). Only an earlier labelled date counts."""
    day, labelled = chosen[0].date(), scan.published
    if labelled is None or labelled >= day:
        return chosen
    printed = [p for p in scan.printed if day in p.dates]
    if not printed or any(p.label != "updated" for p in printed):
        return chosen
    source = chosen[1].split(";")[0]
    return (
        datetime(labelled.year, labelled.month, labelled.day, tzinfo=UTC),
        f"page text (labelled date); date only, timezone assumed UTC; the {source} date is printed as an update",
    )


def _time_stamp(stamp: str, text: str, readings: dict[str, ParsedDate | None]) -> ParsedDate | None:
    """A ``<time>`` element's date: its ``datetime`` attribute (in the zone its text names when the attribute
    gives none: "2023-12-22 05:00:00" shown as "12/22/2023 05:00 AM EST"), else its text. ``readings`` holds
    ``parse_datetime`` of both."""
    parsed = readings[stamp]
    if parsed is None:
        return readings[text]
    if parsed.zone_assumed and not parsed.date_only:
        local = in_stated_zone(parsed.value.replace(tzinfo=None), text)
        if local is not None:
            return ParsedDate(local, False, False)
    return parsed


def _page_zones(time_readings: dict[str, ParsedDate | None]) -> list[tzinfo]:
    """Time zones the page itself writes its times in (``<time datetime="…-05:00">``, "11:00 pm EST"), from
    its ``<time>`` elements' stamps and texts, parsed."""
    zones: dict[timedelta | None, tzinfo] = {}
    for parsed in time_readings.values():
        if parsed is not None and not parsed.zone_assumed and parsed.value.tzinfo is not None:
            zones.setdefault(parsed.value.utcoffset(), parsed.value.tzinfo)
    return list(zones.values())


def _stamped_zones(candidates: MetadataCandidates, readings: dict[str, ParsedDate | None]) -> dict[datetime, tzinfo]:
    """Each instant a ``<time datetime="…">`` gives with an explicit offset, and that offset's zone."""
    stamped: dict[datetime, tzinfo] = {}
    for stamp, _ in candidates.times:
        parsed = readings[stamp]
        if parsed is not None and not parsed.zone_assumed and not parsed.date_only and parsed.value.tzinfo is not None:
            stamped.setdefault(parsed.value, parsed.value.tzinfo)
    return stamped


def _as_the_page_stamps_it(value: datetime, source: str, evidence: _PageEvidence) -> tuple[datetime, str]:
    """``value`` in the zone a ``<time>`` element of the page writes the same instant in: an
    ``article:published_time`` of 03:05 UTC on the 19th that the page stamps as 19:05-08:00 on the 18th was
    published on the 18th where it was written."""
    if "date only" in source or "timezone assumed" in source or "time zone" in source:
        # no instant to place, or already placed in the zone the page prints its date in
        return value, source
    zone = evidence.stamped.get(value)
    if zone is None or zone.utcoffset(value) == value.utcoffset():
        return value, source
    return value.astimezone(zone), f"{source}; in the zone the page's <time> stamps it in"


def _in_shown_zone(value: datetime, page_dates: set[date], zones: Sequence[tzinfo]) -> datetime | None:
    """``value`` in the page's own time zone when that makes its day the one printed on the page (a UTC stamp
    of 04:00 on the 22nd that the page shows as "Dec. 21, 11:00 pm EST")."""
    if value.date() in page_dates:
        return None
    for zone in zones:
        local = _in_zone(value, zone)
        if local is not None and local.date() in page_dates:
            return local
    return None


def _in_zone(value: datetime, zone: tzinfo) -> datetime | None:
    """``value`` in ``zone``; None when it falls past the calendar's last day or before its first there (23:00 UTC on
    9999-12-31, believed when the caller's fetch time is that late, is already year 10000 at UTC+14)."""
    try:
        return value.astimezone(zone)
    except OverflowError:
        return None


# Time zones span UTC-12 to UTC+14: a calendar day somewhere runs from 10:00 UTC the day before to 12:00 UTC the
# day after.
_EARLIEST_ZONE = timedelta(hours=14)
_LATEST_ZONE = timedelta(hours=12)


def _could_be_on(candidate: _DateCandidate, day: date) -> bool:
    """Whether ``candidate`` falls on ``day``: in its own zone when it states one or has no time of day, else in
    some time zone."""
    if "date only" in candidate.source or "timezone assumed" not in candidate.source:
        return candidate.value.date() == day
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return start - _EARLIEST_ZONE <= candidate.value < start + timedelta(days=1) + _LATEST_ZONE


def _shows_itself(candidate: _DateCandidate) -> bool:
    """A ``<time>`` whose own text shows its day, in a format the page text scan does not read ("12/19 —
    2025")."""
    return bool(candidate.shown_as) and text_shows_day(candidate.shown_as, candidate.value)


def _date_in_header(candidate: _DateCandidate, evidence: _PageEvidence) -> bool:
    """Whether the article header (around the headline) prints ``candidate``, or the header is not known."""
    if evidence.header is None or shown(candidate.value, evidence.header):
        return True
    return len(candidate.shown_as) >= 4 and candidate.shown_as in evidence.header_text


def _choose_date(found: list[_DateCandidate], evidence: _PageEvidence | None) -> tuple[datetime, str] | None:
    """The first candidate readers can see on the page (or that the URL states); else the first date the
    publisher declares for the article in structured data. A markup date that is neither shown nor declared
    (a WebPage template's, a stray ``<time>``) is not evidence of when the article appeared, and one that is
    not declared must be printed in the article's header when the header is known (not in a comment or a
    list of other stories)."""
    if not found:
        return None
    if evidence is None:
        return found[0].value, found[0].source
    chosen = _choose_among(found, evidence)
    return _as_the_page_stamps_it(*chosen, evidence) if chosen is not None else None


def _after_headline_first(found: list[_DateCandidate], evidence: _PageEvidence) -> list[_DateCandidate]:
    """The ``<time>``s printed just after the headline (the article's date line) before the other ``<time>``s: the
    ones printed just above it are often the dates of a list of other stories that ends where the article begins,
    as the header's text date line is read after the headline first. Markup dates keep their place."""
    times = [i for i, c in enumerate(found) if c.source.startswith("time")]
    after = [i for i in times if len(found[i].shown_as) >= 4 and found[i].shown_as in evidence.after_headline]
    if not after or after[0] == times[0]:
        return found
    order = after + [i for i in times if i not in after]
    reordered = list(found)
    for slot, index in zip(times, order, strict=True):
        reordered[slot] = found[index]
    return reordered


def _choose_among(found: list[_DateCandidate], evidence: _PageEvidence) -> tuple[datetime, str] | None:
    url_day = next((c.value.date() for c in found if c.source.startswith("url")), None)
    for candidate in _after_headline_first(found, evidence):
        if candidate.source.startswith("url"):
            # The URL gives the day; a date the publisher declares on that day gives its time and zone too.
            timed = (c for c in found if c.declared and not c.source.startswith("url") and "date only" not in c.source)
            same_day = next((c for c in timed if _could_be_on(c, candidate.value.date())), None)
            if same_day is not None:
                return same_day.value, f"{same_day.source}; on the day the URL states"
            return candidate.value, candidate.source
        if not candidate.declared and not _date_in_header(candidate, evidence):
            continue
        if not candidate.declared and url_day is not None and not _could_be_on(candidate, url_day):
            # The URL's date is the publisher's; a <time> of another day is a list's or a widget's.
            continue
        if "date only" not in candidate.source:
            printed = as_printed(candidate.value, evidence.moments)
            if printed is not None:
                return printed, f"{candidate.source}; shown on the page with its time of day, in the page's time zone"
        if not (shown(candidate.value, evidence.dates) or _shows_itself(candidate)):
            continue
        days = evidence.header or evidence.dates
        local = _in_shown_zone(candidate.value, days, evidence.zones)
        if local is not None:
            return local, f"{candidate.source}; shown on the page in the page's time zone"
        return candidate.value, f"{candidate.source}; shown on the page"
    for candidate in found:
        if candidate.declared:
            return candidate.value, f"{candidate.source}; not shown on the page"
    return None


def text_dates(resolved: Resolved, now: datetime) -> None:
    """The published date the page text gives when the markup gave none: a date labelled "originally
    published" (a republished story's first date), then the article header's date line, then any date a
    publication label introduces ("Published on …", "Posted", "Date: …"). With the time of day the page prints
    beside it when it prints one (``_printed_times.printed_time``), else the day alone."""
    labelled, header = resolved.labelled_date, resolved.headline_date
    side = "before" if resolved.headline_date_before else "after"
    options = [
        (labelled if resolved.labelled_original else None, "page text (originally published)"),
        (header, f"page text ({side} the headline)"),
        (labelled, "page text (labelled date)"),
    ]
    for day, source in options:
        if day is None or "published" in resolved.values:
            continue
        timed = resolved.printed_times.get(day)
        if timed is not None and plausible(timed.value, now):
            resolved.set("published", timed.value, describe(source, timed))
            continue
        value = datetime(day.year, day.month, day.day, tzinfo=UTC)
        if plausible(value, now):
            resolved.set("published", value, f"{source}; date only, timezone assumed UTC")


def relative_text_dates(resolved: Resolved, fetched: datetime) -> None:
    """The published and modified dates the page prints relative to the fetch ("Published 3 hours ago", "2 days
    ago" under the headline, "Updated yesterday") when nothing else set them (``_relative_dates``)."""
    for relative in resolved.relative_dates:
        field = "modified" if relative.label == "updated" else "published"
        if field in resolved.values:
            continue
        parsed = counted_back(relative.phrase, fetched)
        if parsed is not None:
            source = f"page text ('{relative.phrase}' before the fetch time); approximate"
            resolved.set(field, parsed.value, describe(source, parsed))


def dateline_date(resolved: Resolved, month: int | None, day: int | None, year: int | None, now: datetime) -> None:
    if month is None or day is None:
        return
    published: datetime | None = resolved.get("published")
    if year is None and published is not None:
        # The dateline omits the year; the markup's date gives it when the two agree within a day.
        for candidate_year in (published.year, published.year - 1):
            try:
                guess = datetime(candidate_year, month, day, tzinfo=UTC)
            except ValueError:
                continue
            if abs(guess.date() - published.date()) <= timedelta(days=1):
                year = candidate_year
                break
    if year is None:
        resolved.set("dateline_date", f"--{month:02d}-{day:02d}", "dateline; year not stated")
        return
    try:
        value = datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return
    resolved.set("dateline_date", value.date().isoformat(), "dateline")
    if plausible(value, now):
        resolved.set("published", value, "dateline; date only, timezone assumed UTC")


def htmldate_fallback(resolved: Resolved, html: str, now: datetime) -> None:
    if resolved.page_dates is not None and not resolved.page_dates and not resolved.news_article:
        return  # its date would be used only if the page showed it, and the page shows no date: skip the parse
    try:
        from htmldate import find_date

        found = find_date(
            html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d", max_date=now.strftime("%Y-%m-%d")
        )
    except Exception:  # htmldate raises several undocumented types on odd markup; no date is the honest answer
        return
    parsed = parse_datetime(found) if found else None
    if parsed is None or not plausible(parsed.value, now):
        return
    if resolved.page_dates is None:
        resolved.set("published", parsed.value, describe("htmldate", parsed))
    elif shown(parsed.value, resolved.page_dates):
        resolved.set("published", parsed.value, describe("htmldate", parsed) + "; shown on the page")
    elif resolved.news_article:
        resolved.set("published", parsed.value, describe("htmldate", parsed) + "; not shown on the page")
