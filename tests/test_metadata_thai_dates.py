"""Thai dates as Thai news sites print them: abbreviated month names ("15 มี.ค. 2567"), two-digit Buddhist-era years
after a Thai month ("15 มี.ค. 67"), and numeric dates in the Buddhist era on a Thai page ("15/03/2567"); and TASS
datelines naming a correspondent between the slashes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from _metadata_page import BODY
from _metadata_page import clean_story as clean

from newsclean.metadata import find_dateline
from newsclean.metadata._date_labels import scan_page_dates
from newsclean.metadata._dates import parse_datetime
from newsclean.metadata._month_names import in_common_era, month_number
from newsclean.metadata._text_dates import visible_dates

ABBREVIATED_MONTHS = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]


def published_day(body_line: str, **page: object) -> date | None:
    published = clean(body=f"<p>{body_line}</p>" + BODY, **page).published  # type: ignore[arg-type]
    return published.date() if published is not None else None


# -- 1. abbreviated Thai month names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("month", "name"), list(enumerate(ABBREVIATED_MONTHS, start=1)))
def test_each_abbreviated_thai_month_is_its_month(month: int, name: str) -> None:
    assert month_number(name) == month
    assert month_number(name.rstrip(".")) == month  # the last dot left out
    assert visible_dates(f"15 {name} 2566") == {date(2023, month, 15)}
    assert visible_dates(f"15 {name} 66") == {date(2023, month, 15)}
    parsed = parse_datetime(f"15 {name} 2566")
    assert parsed is not None and parsed.value == datetime(2023, month, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "15 มี.ค. 2567",
        "15 มี.ค 2567",  # without the last dot
        "15 มี.ค. พ.ศ. 2567",  # with the era's mark
        "15 มี.ค.2567",  # no space before the year
        "๑๕ มี.ค. ๒๕๖๗",  # Thai digits
        "15 มี.ค. 2024",  # a common-era year, as some Thai sites print it
        "วันศุกร์ที่ 15 มี.ค. 2567 เวลา 10:05 น.",
    ],
)
def test_a_date_with_an_abbreviated_thai_month_is_read(text: str) -> None:
    assert visible_dates(text) == {date(2024, 3, 15)}


@pytest.mark.parametrize(
    "text",
    [
        "15 มี.ค. 67",
        "15 มี.ค 67",
        "15 มี.ค.67",
        "15มี.ค.67",
        "15 มีนาคม 67",  # a full month name, a two-digit year
        "๑๕ มี.ค. ๖๗",
        "อัปเดต 15 มี.ค. 67 - 10:05 น.",
    ],
)
def test_a_two_digit_buddhist_era_year_after_a_thai_month_is_read(text: str) -> None:
    assert visible_dates(text) == {date(2024, 3, 15)}


def test_a_two_digit_year_is_buddhist_era_only_after_a_thai_month() -> None:
    assert visible_dates("15 March 67") == set()
    assert visible_dates("ราคา 15 บาท 67 สตางค์") == set()
    assert visible_dates("สำนักงาน ก.พ. 67 คน") == set()  # the Civil Service Commission, no day before it
    # a numeric date's two-digit year stays as it was read before, on a Thai page too
    assert visible_dates("ข่าว 15/03/24") == {date(2024, 3, 15)}
    assert in_common_era("ข่าว 15/03/67", buddhist_era=True) == "ข่าว 15/03/67"


def test_abbreviated_thai_dates_keep_their_places_in_the_text() -> None:
    text = "ข่าว 15 มี.ค. 2567 เวลา 10:05 น. และ 2 เม.ย. 67 อีกครั้ง"
    scan = scan_page_dates(text)
    assert [text[p.start : p.end] for p in scan.printed] == ["15 มี.ค. 2567", "2 เม.ย. 67"]
    assert [set(p.dates) for p in scan.printed] == [{date(2024, 3, 15)}, {date(2024, 4, 2)}]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("15 มี.ค. 2567", datetime(2024, 3, 15, tzinfo=UTC)),
        ("15 มี.ค. 67", datetime(2024, 3, 15, tzinfo=UTC)),
        ("15 มี.ค. 67 10:30", datetime(2024, 3, 15, 10, 30, tzinfo=UTC)),
        ("15 ก.ย. พ.ศ. 2566 08:00", datetime(2023, 9, 15, 8, tzinfo=UTC)),
    ],
)
def test_an_abbreviated_thai_date_in_markup_is_read(raw: str, expected: datetime) -> None:
    parsed = parse_datetime(raw)
    assert parsed is not None and parsed.value == expected


def test_a_thai_page_dated_with_abbreviated_months_is_dated() -> None:
    assert published_day("5 มี.ค. 2567", lang="th") == date(2024, 3, 5)
    assert published_day("5 มี.ค. 67", lang=None) == date(2024, 3, 5)
    page = clean('<meta property="article:published_time" content="5 มี.ค. 67 08:30">', lang="th")
    assert page.published == datetime(2024, 3, 5, 8, 30, tzinfo=UTC)


# -- 2. numeric dates in the Buddhist era on a Thai page --------------------------------------------------------------


@pytest.mark.parametrize("text", ["ข่าว 15/03/2567", "ข่าว 15.03.2567", "ข่าว 15-03-2567", "ข่าว ๑๕/๐๓/๒๕๖๗"])
def test_a_buddhist_era_numeric_date_among_thai_letters_is_read(text: str) -> None:
    assert visible_dates(text) == {date(2024, 3, 15)}


def test_a_buddhist_era_numeric_date_needs_a_thai_page() -> None:
    assert visible_dates("Posted 15/03/2567") == set()
    assert scan_page_dates("Posted 15/03/2567").dates == set()
    assert scan_page_dates("Posted 15/03/2567", buddhist_era=True).dates == {date(2024, 3, 15)}


def test_numeric_years_out_of_the_eras_range_are_never_shifted() -> None:
    assert in_common_era("ข่าว 15/03/2024") == "ข่าว 15/03/2024"
    assert in_common_era("ข่าว 15/03/2300") == "ข่าว 15/03/2300"
    assert in_common_era("ข่าว 15/03/2567 หน้า") == "ข่าว 15/03/2024 หน้า"


def test_a_thai_page_printing_a_buddhist_era_numeric_date_is_dated_by_it() -> None:
    assert published_day("15/02/2567", lang="th") == date(2024, 2, 15)  # declared Thai, the date in ASCII
    assert published_day("ข่าว 15/02/2567", lang=None) == date(2024, 2, 15)  # Thai letters around it
    assert published_day("15/02/2567", lang="en") is None


# -- 3. TASS datelines naming a correspondent ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "dateline", "place"),
    [
        ("МОСКВА, 9 марта. /Корр. ТАСС Иван Петров/. Текст.", "МОСКВА, 9 марта. /Корр. ТАСС Иван Петров/", "МОСКВА"),
        ("ВАШИНГТОН, 9 марта. /Корр. ТАСС/. Текст.", "ВАШИНГТОН, 9 марта. /Корр. ТАСС/", "ВАШИНГТОН"),
        (
            "БЕРЛИН, 9 марта. /Спец. корр. ТАСС Анна Иванова/. Текст.",
            "БЕРЛИН, 9 марта. /Спец. корр. ТАСС Анна Иванова/",
            "БЕРЛИН",
        ),
        ("ЛОНДОН, 9 марта. /Собкорр. ТАСС/. Текст.", "ЛОНДОН, 9 марта. /Собкорр. ТАСС/", "ЛОНДОН"),
        ("МОСКВА, 9 марта. /ТАСС/. Текст.", "МОСКВА, 9 марта. /ТАСС/", "МОСКВА"),
    ],
)
def test_a_tass_dateline_with_a_correspondent_is_tass(paragraph: str, dateline: str, place: str) -> None:
    found = find_dateline([paragraph])
    assert found is not None
    assert (found.text, found.place, found.agency, found.iso_date()) == (dateline, place, "TASS", "--03-09")


def test_a_correspondent_of_no_known_agency_is_no_dateline() -> None:
    assert find_dateline(["МОСКВА, 9 марта. /Корр. Газеты Иван Петров/. Текст."]) is None
    assert find_dateline(["МОСКВА, 9 марта. /Иван Петров, ТАСС/. Текст."]) is None
