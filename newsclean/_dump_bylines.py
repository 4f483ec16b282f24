"""A text dump's byline and date lines, read as its authors and dates once the cleaners have taken them out; and
a page's removed byline line, for the names its header byline ran into the text and the date on it when the page
text placed none (``header_byline_dates``).

A page states its authors and dates in markup; a dump has only its text, and the lines that state them ("By Jane
Doe", "Published on March 5, 2024") are the ones the credits pack removes as not part of the article. Removed, they
were lost; here the first of each kind is read before it goes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime

from ._models import Removal
from .metadata._authors import Byline, parse_byline
from .metadata._date_labels import STAND_LABEL, scan_page_dates
from .metadata._dates import ParsedDate, describe, parse_datetime, plausible
from .metadata._printed_times import printed_time
from .metadata._relative_dates import counted_back
from .metadata._resolved import Resolved
from .metadata._text_dates import visible_dates

#: The rules that remove a line of names alone, or with a date and reading time beside them ("By Jane Doe | March
#: 5, 2024 | 5 min read", "Von Hans Müller und Petra Schmidt"): a page's byline line is read from these.
#: A Chinese or Japanese reporters' line ("（记者 张三 李四）") is one too; not an editor's or a source's credit
#: (byline.editor-credit: "责任编辑：王五", "来源：新华社"), whose names edited or supplied the story, not wrote it.
_NAME_LINE_RULES = ("byline.written-by", "byline.other-languages", "byline.author-label", "byline.chinese-reporter")
#: The rules that remove a byline line a dump's authors (and a date) are read from: those, a line with the
#: author's role and the update date ("By Jane Roe ⋅ Senior Editor ⋅ Updated May 6, 2025"), or a blog's post line
#: ("Posted by admin on March 3, 2024"), whose account is read only when it is a person's name: ``parse_byline``
#: reads none from a login ("jdoe") or a role ("admin", "editor", "staff", "webmaster").
_BYLINE_RULES = (*_NAME_LINE_RULES, "byline.role-and-date", "byline.posted-by")
# The rules that remove a line that is only a date (labelled "Published", "Updated" … or not, in English or another
# language) or an update stamp.
_DATE_RULES = ("byline.dateline", "byline.dateline-other-languages", "update_banner.timestamp-line")
# Words that say a date is the update's, in the languages of the date-line rules.
_UPDATE_WORDS = r"updated|modified|mis à jour|modifié|actualizado|aktualisiert|aggiornato|atualizado|bijgewerkt"
# A publication line may go on with its update ("Publié le 5 mars 2024 à 10h30, mis à jour le 6 mars 2024 à 8h",
# "Veröffentlicht am 04.03.2024, Stand: 05.03.2024"): the date after this is the modified one.
_UPDATE_CLAUSE = re.compile(rf",?\s*\b(?:{_UPDATE_WORDS}|{STAND_LABEL})\b", re.IGNORECASE)
# The labels of the date-line rules in the languages that write the day before the month ("Stand: 05.03.2024",
# "Publié le 05/03/2024", "Aktualisiert: 05.03.2024, 10:30 Uhr"): under one, a numeric date is read day first. Not
# English labels ("Published 03/05/2024" may be American) nor an unlabelled date, which stay unread when ambiguous.
_DAY_FIRST_LABEL = re.compile(
    r"^\W*(?:(?:zuletzt\s+)?(?:veröffentlicht|erschienen|publiziert|aktualisiert|geändert)|stand|datum|publié|publiée|"
    r"paru|parue|mis en ligne|mis à jour|modifié|publicado|publicada|actualizado|fecha|pubblicato|pubblicata|"
    r"aggiornato|data|atualizado|gepubliceerd|geplaatst|bijgewerkt|opublikowano|zaktualizowano|aktualizacja|"
    r"опубликовано|обновлено|дата публикации|опубліковано|оновлено|yayınlan\w*|güncellen\w*|publicerad|publisert|"
    r"publiceret|julkaistu|päivitetty|publikováno|aktualizováno|publicat|actualizat)\b",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\b")
_DATE_LABEL = re.compile(
    rf"^(?:by|posted|published|(?P<updated>(?:last )?(?:{_UPDATE_WORDS})|{STAND_LABEL}))"
    r"(?:\s+(?:on|at|am|le|em|el))?\s*:?\s*",
    re.IGNORECASE,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# The date a byline line gives beside the names ("By Jane Doe | Updated March 6, 2024", "Posted on March 5, 2024 by
# Jane Doe"), with its label, and "on" before it ("By Jane Doe on 2024-03-05"): the shapes byline.written-by takes.
# The label may follow a word without a space ("Senior AnalystUpdated Sep 17, 2025"), as pages run lines together.
_BYLINE_DATE = re.compile(
    r"(?:\bon\s+)?(?P<label>(?:(?P<updated>(?:last\s+)?(?:updated|modified))|published|posted)(?:\s+(?:on|at))?"
    r"\s*:?\s*)?\b(?P<date>(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?(?:\s+[a-z]{2,4}\b)?)?)",
    re.IGNORECASE,
)
_READING_TIME = re.compile(r"\s*[|•·⋅/–—-]?\s*\d+\s*-?\s*min(?:ute)?s?\.?\s+read\s*$", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s+[|•·⋅]\s+")
_EDGES = " |•·⋅/–—-,"


def complete_byline_list(
    resolved: Resolved, removed: Sequence[Removal], paragraphs: Sequence[str], kept: Sequence[str]
) -> None:
    """A page's authors from the byline line the text cleaner removed, when neither its markup nor its header
    byline named any ("By Dr. Jane Doe", "By JANE DOE Associated Press": the page text runs a byline into what
    follows, where a name's end is unclear, and such names are passed over there); or when the header byline
    was read only in part ("By Jane Doe and John Smith Police said …"), while the removed line ends where the
    byline does. Only a longer list starting with the names already read replaces them; an agency it names
    fills a missing one. Only the article's own byline line counts (``_header_byline``), not a related story's
    below it."""
    header = _header_byline(removed, _NAME_LINE_RULES, paragraphs, kept)
    if header is None:
        return
    byline = header.text
    if "authors" not in resolved.values:
        names = _byline_names(_without_date(byline)[0])
        if resolved.set("authors", names.authors, "byline"):
            resolved.set("agency", names.agency, "byline")
        return
    if resolved.provenance.get("authors") != "byline":
        return
    parsed = parse_byline(_without_date(byline)[0])
    known: tuple[str, ...] = resolved.values["authors"]
    if len(parsed.authors) > len(known) and parsed.authors[: len(known)] == known:
        resolved.replace("authors", parsed.authors, "byline")
        resolved.set("agency", parsed.agency, "byline")


def read_removed_bylines(
    resolved: Resolved, removed: Sequence[Removal], *, fetched: datetime | None, line: str = "text (date line)"
) -> None:
    """Authors (and agency) from the first byline line removed; the published date from the first date line
    removed (or the date on a byline line: "By Jane Doe | March 5, 2024"), or the modified date when its label
    says "Updated"; each only when nothing else has set it. A date is read only when it means one day
    ("05.03.2024" could be March or May, and is passed over), or, given the fetch time, when it counts back from
    it ("Updated 3 hours ago"); no date later than the fetch (the time of cleaning without one) is believed.
    ``line`` names the line in a date's provenance (``"text (date line)"``; counted back from the fetch,
    ``"text (date line '3 hours ago' before the fetch time)"``)."""
    now = fetched or datetime.now(UTC)
    for removal in removed:
        if removal.rule in _BYLINE_RULES:
            names_text, dated = _without_date(removal.text)
            if "authors" not in resolved.values:
                names = _byline_names(names_text)
                resolved.set("authors", names.authors, "byline")
                resolved.set("agency", names.agency, "byline")
            if dated is not None:
                field = "modified" if dated.group("updated") else "published"
                if field not in resolved.values:
                    _read_date(resolved, field, dated.group("date"), fetched=fetched, now=now, line=line)
            continue
        if removal.rule not in _DATE_RULES:
            continue
        label = _DATE_LABEL.match(removal.text)
        updated = removal.category == "update_banner" or (label is not None and label.group("updated"))
        stated = removal.text[label.end() :] if label is not None else removal.text
        update = _UPDATE_CLAUSE.search(stated) if not updated else None
        day_first = _DAY_FIRST_LABEL.match(removal.text) is not None
        if update is not None and "modified" not in resolved.values:
            _read_date(
                resolved,
                "modified",
                stated[update.end() :],
                fetched=fetched,
                now=now,
                line=line,
                day_first=day_first,
            )
        field = "modified" if updated else "published"
        if field not in resolved.values:
            stated = stated[: update.start()] if update else stated
            _read_date(resolved, field, stated, fetched=fetched, now=now, line=line, day_first=day_first)


def _without_date(byline: str) -> tuple[str, re.Match[str] | None]:
    """The byline line without its reading time and the date beside its names, and the date's match."""
    text = _READING_TIME.sub("", byline)
    dated = _BYLINE_DATE.search(text)
    if dated is None:
        return text.strip(_EDGES), None
    return f"{text[: dated.start()].rstrip(_EDGES)} {text[dated.end() :].lstrip(_EDGES)}".strip(_EDGES), dated


def _byline_names(text: str) -> Byline:
    """The names of a byline line without its date; when the whole line names none ("By Jane Roe ⋅ Senior
    Editor"), those of its first part, before a separator."""
    names = parse_byline(text)
    if not names.authors and (parts := _SEPARATOR.split(text, maxsplit=1)) and len(parts) > 1:
        return parse_byline(parts[0])
    return names


def _read_date(
    resolved: Resolved,
    field: str,
    stated: str,
    *,
    fetched: datetime | None,
    now: datetime,
    line: str,
    day_first: bool = False,
) -> None:
    """Set ``field`` from a date line's date, when it names one day no later than ``now`` or counts back from the
    fetch time; ``line`` names the line in its provenance, as for ``read_removed_bylines``. ``day_first``: the
    line's label is in a language that writes the day first, so an ambiguous numeric date is read so."""
    days = visible_dates(stated)
    day_month = _day_first_reading(stated) if day_first and len(days) == 2 else None
    if day_month is not None and day_month in days:
        days = {day_month}
    else:
        day_month = None
    relative = counted_back(stated, fetched) if fetched is not None and not days else None
    if relative is not None:
        counted = f"{line.removesuffix(')')} '{stated.strip()}' before the fetch time); approximate"
        resolved.set(field, relative.value, describe(counted, relative))
    if len(days) != 1:
        return
    day = next(iter(days))
    parsed = parse_datetime(stated)
    if parsed is None or parsed.value.date() != day:
        # The day as read in the text, with the time of day printed beside it ("5. März 2024, 10:30 Uhr", whose
        # month dateutil does not know), else at midnight UTC.
        scan = scan_page_dates(stated)
        if day_month is not None:  # the printed date, read both ways, stands for the day-first reading
            scan = scan._replace(
                printed=tuple(
                    found._replace(dates=frozenset(days)) if day_month in found.dates else found
                    for found in scan.printed
                )
            )
        printed = next((found for found in scan.printed if found.dates == {day}), None)
        timed = printed_time(stated, scan, printed) if printed is not None else None
        parsed = (
            timed if timed is not None else ParsedDate(datetime(day.year, day.month, day.day, tzinfo=UTC), True, True)
        )
    if plausible(parsed.value, now):
        resolved.set(field, parsed.value, describe(line, parsed))


def _day_first_reading(stated: str) -> date | None:
    """The first numeric date of ``stated`` read day first ("05.03.2024": March 5), if it is a day."""
    numeric = _NUMERIC_DATE.search(stated)
    if numeric is None:
        return None
    day, month, year = (int(group) for group in numeric.groups())
    try:
        return date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        return None


# Kept paragraphs a page's byline line may follow and still be its header's: a standfirst printed above it.
_BYLINE_AFTER_KEPT = 1


def _header_byline(
    removed: Sequence[Removal], rules: Sequence[str], paragraphs: Sequence[str], kept: Sequence[str]
) -> Removal | None:
    """The first byline line one of ``rules`` removed from a page's ``paragraphs``, when it is the article's: printed
    above its body, after at most a standfirst of the ``kept`` paragraphs (a related story's byline below the
    article, in a list of other stories, is not)."""
    byline = next((removal for removal in removed if removal.rule in rules), None)
    if byline is None:
        return None
    at = next((index for index, paragraph in enumerate(paragraphs) if byline.text in paragraph), None)
    body = set(kept)
    if at is None or sum(paragraph in body for paragraph in paragraphs[:at]) > _BYLINE_AFTER_KEPT:
        return None
    return byline


def header_byline_dates(
    resolved: Resolved,
    paragraphs: list[str],
    kept: list[str],
    removed: Sequence[Removal],
    fetched_at: datetime | None,
) -> list[tuple[str, datetime, str]]:
    """The dates of a page's byline line the text cleaner removed ("By Jane Doe | March 5, 2024", "By Jane Doe |
    Updated March 6, 2024 at 3:45 p.m. ET"), read as a dump's are, for ``complete`` to set only when nothing else
    did (the markup, the date line after the headline, a labelled date, a dateline). The page text reads the
    date after the headline only when it finds the headline there; without it (no visible ``<h1>``), this date
    was lost. Only the first byline line removed counts, and only when it is the article's: printed above its
    body (after at most a standfirst, not below the article in a list of other stories), and naming one of the
    authors when other evidence named them."""
    byline = _header_byline(removed, _BYLINE_RULES, paragraphs, kept)
    if byline is None:
        return []
    read = Resolved()
    read_removed_bylines(read, (byline,), fetched=fetched_at, line="page text (byline line)")
    known: tuple[str, ...] = resolved.get("authors", ())
    named: tuple[str, ...] = read.get("authors", ())
    if known and named and not {name.casefold() for name in known} & {name.casefold() for name in named}:
        return []  # another story's byline, or a quoted one: the article's authors are not on it
    return [
        (field, read.values[field], read.provenance[field])
        for field in ("published", "modified")
        if field in read.values
    ]
