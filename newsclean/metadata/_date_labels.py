"""Dates a page's text labels as the article's ("Published March 3, 2024", "Aktualisiert am …"): the labels in
the languages read, and one scan of the text for its printed dates and both labelled readings."""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from ._month_names import as_dates_read
from ._text_dates import TEXT_DATE, add_dates, text_date_matches, visible_dates, written_with_dots

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
#: German "Stand: 05.03.2024 10:30 Uhr", the state of the text as of then, its last update: an update label with its
#: colon only, as "take a stand on March 5" is prose.
STAND_LABEL = r"stand(?=\s*:)"
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
    STAND_LABEL,
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
PUBLICATION_LABELS = frozenset({"published", "original"})


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
    text = as_dates_read(text)
    for match in TEXT_DATE.finditer(text, 0, limit):
        if not label.search(text, max(0, match.start() - 40), match.start()):
            continue
        dates = visible_dates(match.group(0))
        if len(dates) == 2 and written_with_dots(match):  # "05.03.2024": day first
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
    ("05.03.2024") is printed day first unless they put the month first (``dotted``). Digits of any script
    are read as ASCII ones and Thai years in the common era, one character for one: places stay those of
    ``text``. ``buddhist_era``: the page declares Thai, so its numeric dates may count years in that era."""
    text = as_dates_read(text, buddhist_era=buddhist_era)
    found: set[date] = set()
    printed: list[PrintedDate] = []
    month_first: dict[int, date] = {}  # printed index → the month-first reading of an ambiguous 03/04/2023
    dotted: dict[int, date] = {}  # printed index → the month-first reading of a 05.03.2024, printed day first
    orders: set[bool] = set()  # the orders the page's unambiguous numeric dates show (True: month first)
    for match in text_date_matches(text):
        readings: set[date] = set()
        add_dates(match, readings)
        if not readings:
            continue
        if _TODAY_LABEL.search(text, max(0, match.start() - 30), match.start()):
            continue  # "Today's Hours March 14, 2026": the day of the visit, not of the article
        found |= readings
        if match.group("a") is not None:
            first, second = int(match.group("a")), int(match.group("b"))
            if len(readings) == 2:
                reading = next(d for d in readings if (d.month, d.day) == (first, second))
                if written_with_dots(match):  # printed day first unless the page puts the month first
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
    published = next((p for p in printed if p.label in PUBLICATION_LABELS and len(p.dates) == 1), None)
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
