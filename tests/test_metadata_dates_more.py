"""Hungarian dates, which put the year first ("Közzétéve: 2024. március 5.", "2024. 03. 05."), and month names
written in capitals beyond ASCII's ("5. MÄRZ 2024", "5 FÉVRIER 2024", "2024. MÁRCIUS 5."); with the number runs and
capitalised words that are no dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from _metadata_page import BODY
from _metadata_page import clean_story as clean

from newsclean.metadata._date_labels import labelled_date, says_updated, scan_page_dates
from newsclean.metadata._month_names import month_number
from newsclean.metadata._printed_times import printed_moments
from newsclean.metadata._text_dates import visible_dates

PUBLISHED = date(2024, 3, 5)
UPDATED = date(2024, 3, 16)

# -- 1. Hungarian dates, year first ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day", "label"),
    [
        ("Közzétéve: 2024. március 5.", PUBLISHED, "published"),
        ("Közzétéve: 2024. márc. 5.", PUBLISHED, "published"),
        ("Közzétéve: 2024. március 5. 14:30", PUBLISHED, "published"),
        ("Publikálva: 2024. március 5., kedd", PUBLISHED, "published"),  # the weekday after the date
        ("Publikálva: kedd, 2024. március 5.", PUBLISHED, "published"),  # or between the label and the date
        ("Közzétéve: 2024. 03. 05.", PUBLISHED, "published"),
        ("Közzétéve: 2024. 03. 05. 14:30", PUBLISHED, "published"),
        ("KÖZZÉTÉVE: 2024. MÁRCIUS 5.", PUBLISHED, "published"),
        ("Frissítve: 2024. március 16. 14:30", UPDATED, "updated"),
        ("Módosítva: 2024. márc. 16.", UPDATED, "updated"),
        ("Utolsó frissítés: 2024. 03. 16.", UPDATED, "updated"),
        ("Utolsó módosítás: 2024. március 16., szombat", UPDATED, "updated"),
    ],
)
def test_a_hungarian_date_labelled_is_the_articles(text: str, day: date, label: str) -> None:
    updated = label == "updated"
    assert labelled_date(text, updated=updated) == day
    assert labelled_date(text, updated=not updated) is None
    assert says_updated(text) is updated
    scan = scan_page_dates(text)
    assert [(entry.dates, entry.label) for entry in scan.printed] == [({day}, label)]
    assert (scan.updated if updated else scan.published) == day


HUNGARIAN_MONTHS = "január február március április május június július augusztus szeptember október november december"
HUNGARIAN_ABBREVIATIONS = "jan. febr. márc. ápr. máj. jún. júl. aug. szept. okt. nov. dec."


@pytest.mark.parametrize("names", [HUNGARIAN_MONTHS, HUNGARIAN_ABBREVIATIONS])
def test_each_hungarian_month_name_is_its_month_in_any_case(names: str) -> None:
    for month, name in enumerate(names.split(), start=1):
        for written in (name, name.upper(), name.capitalize()):
            text = f"2024. {written} 5."
            assert visible_dates(text) == {date(2024, month, 5)}, text
            assert month_number(written) == month, written


def test_a_hungarian_date_in_the_page_text() -> None:
    assert visible_dates("A képviselő-testület 2024. március 5-én döntött") == {PUBLISHED}
    assert visible_dates("Budapest, 2024. szeptember 30.") == {date(2024, 9, 30)}
    assert visible_dates("2024. március 5. 2024. március 6.") == {PUBLISHED, date(2024, 3, 6)}


def test_a_hungarian_date_carries_its_time_of_day() -> None:
    text = "Közzétéve: 2024. március 5. 14:30"
    scan = scan_page_dates(text)
    assert printed_moments(text, scan, scan.printed) == [datetime(2024, 3, 5, 14, 30)]


def test_a_year_first_dotted_date_is_read_year_first() -> None:
    # both readings would be kept for a day-first "05.03.2024"; a year first leaves one
    assert visible_dates("2024. 03. 05.") == {PUBLISHED}
    assert visible_dates("2024. 3. 5.") == {PUBLISHED}
    assert visible_dates("2024.03.05.") == {PUBLISHED}
    assert scan_page_dates("Közzétéve: 2024. 03. 05.").published == PUBLISHED


def test_a_day_first_dotted_date_is_still_read_day_first() -> None:
    assert labelled_date("Veröffentlicht am 05.03.2024") == PUBLISHED
    assert visible_dates("05.03.2024") == {PUBLISHED, date(2024, 5, 3)}
    scan = scan_page_dates("Opublikowano: 05.03.2024 | Közzétéve: 2024. 03. 06.")
    assert [entry.dates for entry in scan.printed] == [{PUBLISHED}, {date(2024, 3, 6)}]


@pytest.mark.parametrize(
    "text",
    [
        "Közzétéve: 2024. 13. 45.",  # no month 13, no day 45
        "2024. 02. 30.",
        "Tel.: +36 1 2024. 03. 05.",  # a phone number's digits
        "Ügyszám: 12.2024. 03. 05.",  # a longer run of dotted numbers
        "Cikkszám: 2024. 03. 05. 06. 07.",
        "Sorozatszám: 2024. 03. 05.123",
        "Közzétéve: 2024. 03. 05",  # without its last dot, no plainly Hungarian date
        "a 2024. decemberi 5 napos szünet",  # "the 5-day break of December 2024": an adjective, no date
    ],
)
def test_a_number_run_is_no_hungarian_date(text: str) -> None:
    assert visible_dates(text) == set()
    assert labelled_date(text) is None
    assert scan_page_dates(text).printed == ()


def test_an_english_date_after_a_year_is_still_the_english_one() -> None:
    # "2024. November 5, 2025": the day is followed by its own year, so the Hungarian form leaves it
    assert visible_dates("Results for 2024. November 5, 2025 is the date") == {date(2025, 11, 5)}
    assert visible_dates("in 2024. March 5, 2025") == {date(2025, 3, 5)}  # March is no Hungarian name


def test_a_hungarian_page_is_dated_by_its_labels() -> None:
    line = "<p>Közzétéve: 2024. március 5. · Frissítve: 2024. március 6., szerda</p>"
    article = clean(body=BODY + line, lang="hu")
    assert article.published == datetime(2024, 3, 5, tzinfo=UTC)
    assert article.modified == datetime(2024, 3, 6, tzinfo=UTC)


def test_a_hungarian_page_is_dated_by_its_numeric_dates_and_time() -> None:
    line = "<p>Közzétéve: 2024. 03. 05. 14:30 · Módosítva: 2024. 03. 06.</p>"
    article = clean(body=BODY + line, lang="hu")
    assert article.published == datetime(2024, 3, 5, 14, 30, tzinfo=UTC)
    assert article.modified == datetime(2024, 3, 6, tzinfo=UTC)


# -- 2. month names in capitals beyond ASCII's ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("5. MÄRZ 2024", date(2024, 3, 5)),
        ("5 FÉVRIER 2024", date(2024, 2, 5)),
        ("5 DÉCEMBRE 2024", date(2024, 12, 5)),
        ("5 AOÛT 2024", date(2024, 8, 5)),
        ("5 DE MARÇO DE 2024", date(2024, 3, 5)),
        ("5 MARÇ 2024", date(2024, 3, 5)),
        ("5 ŞUBAT 2024", date(2024, 2, 5)),
        ("5 AĞUSTOS 2024", date(2024, 8, 5)),
        ("5 NİSAN 2024", date(2024, 4, 5)),  # the Turkish capital dotted I
        ("5 EYLÜL 2024", date(2024, 9, 5)),
        ("5 PAŹDZIERNIKA 2024", date(2024, 10, 5)),
        ("5 WRZEŚNIA 2024", date(2024, 9, 5)),
        ("5. BŘEZNA 2024", date(2024, 3, 5)),
        ("5. ÚNORA 2024", date(2024, 2, 5)),
        ("5. KESÄKUUTA 2024", date(2024, 6, 5)),
        ("5 MÁRCIUS 2024", date(2024, 3, 5)),
    ],
)
def test_a_month_name_in_capitals_is_its_month(text: str, day: date) -> None:
    assert visible_dates(text) == {day}
    assert visible_dates(text.lower().replace("i\u0307", "i")) == {day}  # as the lower-case name reads


@pytest.mark.parametrize(
    ("text", "day", "label"),
    [
        ("Veröffentlicht am 5. MÄRZ 2024", PUBLISHED, "published"),
        ("VERÖFFENTLICHT AM DIENSTAG, 5. MÄRZ 2024", PUBLISHED, "published"),
        ("Publié le 5 FÉVRIER 2024", date(2024, 2, 5), "published"),
        ("Mis à jour le 16 DÉCEMBRE 2024", date(2024, 12, 16), "updated"),
        ("Güncelleme: 16 AĞUSTOS 2024", date(2024, 8, 16), "updated"),
    ],
)
def test_a_labelled_date_with_its_month_in_capitals_is_the_articles(text: str, day: date, label: str) -> None:
    updated = label == "updated"
    assert labelled_date(text, updated=updated) == day
    assert labelled_date(text, updated=not updated) is None
    assert [(entry.dates, entry.label) for entry in scan_page_dates(text).printed] == [({day}, label)]


def test_a_german_page_in_capitals_is_dated_by_its_labels() -> None:
    line = "<p>VERÖFFENTLICHT AM 5. MÄRZ 2024 · AKTUALISIERT AM 6. MÄRZ 2024</p>"
    article = clean(body=BODY + line, lang="de")
    assert article.published == datetime(2024, 3, 5, tzinfo=UTC)
    assert article.modified == datetime(2024, 3, 6, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "5 ÉTÉ 2024",  # French "summer"
        "5 ÉPISODES 2024",
        "5 ÄRZTE 2024",  # German "doctors"
        "5. MÄDCHEN 2024",
        "5 ÓRA 2024",  # Hungarian "hour"
        "5 ŞEHIR 2024",  # Turkish "city"
        "2024. MÁSODIK 5.",  # Hungarian "second", after a year
    ],
)
def test_a_capitalised_ordinary_word_is_no_month(text: str) -> None:
    assert visible_dates(text) == set()
    assert visible_dates(text.lower()) == set()


def test_capitals_read_no_name_the_lower_case_tables_leave_out() -> None:
    # Polish "listopada" (November; Croatian October) and Malay "Mac" (an English word) stay unread in capitals
    assert visible_dates("5 LISTOPADA 2024") == set()
    assert visible_dates("5 MAC 2024") == set()
    assert month_number("ÉTÉ") is None
    assert month_number("MÁRCIUS") == 3
    assert month_number("NİSAN") == 4
