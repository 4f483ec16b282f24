"""Dates and datelines of pages in other scripts and calendars: Thai Buddhist-era years, the Levant's two-word month
names, the time of day printed beside a date in the text, and wire datelines as Chinese, Korean, Russian and
Arabic wires write them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from _metadata_page import BODY, FETCHED, TITLE, json_ld
from _metadata_page import clean_story as clean

from newsclean.metadata import find_dateline
from newsclean.metadata._authors import agency_name, parse_byline
from newsclean.metadata._date_labels import scan_page_dates
from newsclean.metadata._dates import parse_datetime
from newsclean.metadata._month_names import in_common_era
from newsclean.metadata._printed_times import printed_time
from newsclean.metadata._text_dates import visible_dates

THAI_TIME = timezone(timedelta(hours=7))


def article_ld(**fields: object) -> str:
    return json_ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": TITLE, **fields})


def published_day(body_line: str, **page: object) -> date | None:
    published = clean(body=f"<p>{body_line}</p>" + BODY, **page).published  # type: ignore[arg-type]
    return published.date() if published is not None else None


# -- 1. Thai years of the Buddhist era ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "15 มีนาคม 2567",
        "15 มีนาคม พ.ศ. 2567",  # with the era's mark
        "๑๕ มีนาคม ๒๕๖๗",  # in Thai digits
        "วันที่ 15 มีนาคม 2567 เวลา 10:05 น.",
    ],
)
def test_a_buddhist_era_year_after_a_thai_month_is_read_in_the_common_era(text: str) -> None:
    assert visible_dates(text) == {date(2024, 3, 15)}


def test_a_thai_page_printing_a_buddhist_era_date_is_dated_by_it() -> None:
    assert published_day("5 มีนาคม 2567", lang="th") == date(2024, 3, 5)
    assert published_day("5 มีนาคม พ.ศ. 2567", lang=None) == date(2024, 3, 5)  # the month name is context enough


def test_a_buddhist_era_date_in_markup_is_read() -> None:
    parsed = parse_datetime("15 มีนาคม 2567")
    assert parsed is not None and parsed.value == datetime(2024, 3, 15, tzinfo=UTC)
    page = clean('<meta property="article:published_time" content="5 มีนาคม 2567">', lang=None)
    assert page.published == datetime(2024, 3, 5, tzinfo=UTC)


def test_a_thai_pages_buddhist_era_stamp_is_no_future_date() -> None:
    stamp = "2567-03-05T08:30:00+07:00"
    assert clean(f'<meta property="article:published_time" content="{stamp}">', lang="th").published == datetime(
        2024, 3, 5, 8, 30, tzinfo=THAI_TIME
    )
    assert clean(article_ld(datePublished=stamp), lang="th-TH").published == datetime(
        2024, 3, 5, 8, 30, tzinfo=THAI_TIME
    )
    assert clean(article_ld(datePublished="25/02/2567 08:30"), lang="th").published == datetime(
        2024, 2, 25, 8, 30, tzinfo=UTC
    )


def test_gregorian_years_are_never_shifted() -> None:
    assert visible_dates("15 มีนาคม 2024") == {date(2024, 3, 15)}  # Thai sites print common-era years too
    assert parse_datetime("2024-03-05T08:30:00+07:00", buddhist_era=True) == parse_datetime("2024-03-05T08:30:00+07:00")
    # a Buddhist-era year with no Thai context is no year of this era's news
    assert visible_dates("15 March 2567") == set()
    assert clean('<meta property="article:published_time" content="2567-03-05T08:30:00+07:00">').published is None
    # a number that is no year, or out of the era's range, stays as written
    assert in_common_era("ราคา 2567 บาท") == "ราคา 2567 บาท"
    assert in_common_era("15 มีนาคม 2300") == "15 มีนาคม 2300"


def test_reading_the_era_keeps_every_place_in_the_text() -> None:
    text = "ข่าว 15 มีนาคม พ.ศ. 2567 เวลา 10:05 น. และ 2 เมษายน 2567"
    read = in_common_era(text)
    assert len(read) == len(text)
    assert read == "ข่าว 15 มีนาคม      2024 เวลา 10:05 น. และ 2 เมษายน 2024"
    scan = scan_page_dates(text)
    assert [text[p.start : p.end] for p in scan.printed] == ["15 มีนาคม พ.ศ. 2567", "2 เมษายน 2567"]


# -- 2. the Levant's two-word month names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("15 كانون الثاني 2024", date(2024, 1, 15)),
        ("15 تشرين الأول 2023", date(2023, 10, 15)),
        ("15 تشرين الاول 2023", date(2023, 10, 15)),  # without the hamza
        ("15 تشرين الثاني 2023", date(2023, 11, 15)),
        ("15 كانون الأول 2023", date(2023, 12, 15)),
        ("15 كانون الاول 2023", date(2023, 12, 15)),
        ("١٥ كانون  الثاني ٢٠٢٤", date(2024, 1, 15)),  # Arabic-Indic digits, two spaces
        ("15 آب 2023", date(2023, 8, 15)),  # the Levant's August, a single word
    ],
)
def test_levantine_month_names_are_read(text: str, day: date) -> None:
    assert visible_dates(text) == {day}
    parsed = parse_datetime(text)
    assert parsed is not None and parsed.value == datetime(day.year, day.month, day.day, tzinfo=UTC)


def test_a_page_dated_with_a_two_word_month_is_dated() -> None:
    assert published_day("نشر في 2 كانون الثاني 2024", lang="ar") == date(2024, 1, 2)


def test_the_one_word_levantine_names_still_read() -> None:
    assert visible_dates("15 شباط 2024") == {date(2024, 2, 15)}
    assert visible_dates("15 أيلول 2023") == {date(2023, 9, 15)}


# -- 3. the time of day the text prints beside its date ------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("March 5, 2024 at 3:45 pm", datetime(2024, 3, 5, 15, 45, tzinfo=UTC)),
        ("5 March 2024 14:30", datetime(2024, 3, 5, 14, 30, tzinfo=UTC)),
        ("9 марта 2024, 10:05", datetime(2024, 3, 9, 10, 5, tzinfo=UTC)),
        ("5 มีนาคม 2567 - 08:30 น.", datetime(2024, 3, 5, 8, 30, tzinfo=UTC)),
    ],
)
def test_a_text_date_keeps_its_printed_time_in_utc_assumed(line: str, expected: datetime) -> None:
    page = clean(body=f"<p>{line}</p>" + BODY)
    assert page.published == expected
    assert page.published is not None and page.published.utcoffset() == timedelta(0)
    assert page.provenance["published"] == "page text (after the headline); timezone assumed UTC"


def test_a_zone_printed_after_the_time_is_the_dates_zone() -> None:
    page = clean(body="<p>March 5, 2024 at 3:45 pm EST</p>" + BODY)
    assert page.published == datetime(2024, 3, 5, 15, 45, tzinfo=timezone(timedelta(hours=-5)))
    assert page.provenance["published"] == "page text (after the headline)"
    page = clean(body="<p>8:00 PM EST, Tue March 5, 2024</p>" + BODY)  # the time before the date
    assert page.published == datetime(2024, 3, 5, 20, tzinfo=timezone(timedelta(hours=-5)))


def test_a_zone_not_known_leaves_the_day_alone() -> None:
    # "HKT" is no zone the parser knows: 5:06 pm in UTC would misstate it
    page = clean(body="<p>March 3, 2024 5:06pm HKT</p>" + BODY)
    assert page.published == datetime(2024, 3, 3, tzinfo=UTC)
    assert "date only" in page.provenance["published"]


@pytest.mark.parametrize(
    ("printed", "offset"),
    [
        ("March 10, 2023 5:06pm PT", -8),  # before daylight time began, on March 12
        ("March 14, 2023 5:06pm PT", -7),
        ("July 4, 2023 5:06 p.m. ET", -4),
        ("December 4, 2023 5:06 p.m. CT", -6),
    ],
)
def test_an_american_zone_named_without_standard_or_daylight_takes_the_day_s_offset(printed: str, offset: int) -> None:
    page = clean(body=f"<p>{printed}</p>" + BODY)
    assert page.published is not None and page.published.utcoffset() == timedelta(hours=offset)
    assert (page.published.hour, page.published.minute) == (17, 6)
    assert "date only" not in page.provenance["published"]


def test_a_labelled_date_far_below_the_headline_keeps_its_time() -> None:
    page = clean(body=BODY * 3 + "<p>Posted on March 4, 2024 at 9:15 am</p>")
    assert page.published == datetime(2024, 3, 4, 9, 15, tzinfo=UTC)
    assert page.provenance["published"] == "page text (labelled date); timezone assumed UTC"


def test_a_printed_time_after_the_fetch_leaves_the_day_alone() -> None:
    # 23:30 on the day of the fetch (noon UTC) was local time in a zone ahead of UTC: the day is known, the instant not
    day = FETCHED.date()
    page = clean(body=f"<p>{day:%B} {day.day}, {day.year} at 11:30 pm</p>" + BODY)
    assert page.published == datetime(day.year, day.month, day.day, tzinfo=UTC)


def test_a_markup_date_is_not_changed_by_the_printed_time() -> None:
    page = clean(article_ld(datePublished="2024-03-05T10:00:00Z"), body="<p>March 5, 2024 at 3:45 pm</p>" + BODY)
    assert page.published == datetime(2024, 3, 5, 10, tzinfo=UTC)


def test_printed_time() -> None:
    text = "A March 5, 2024 at 3:45 pm | B March 6, 2024 14:30 GMT | C March 7, 2024 | D March 8, 2024 at 14:30 pm"
    scan = scan_page_dates(text)
    assert [printed_time(text, scan, printed) for printed in scan.printed] == [
        (datetime(2024, 3, 5, 15, 45, tzinfo=UTC), True, False),
        (datetime(2024, 3, 6, 14, 30, tzinfo=UTC), False, False),
        None,
        None,  # "14:30 pm" is no time
    ]


# -- 4. wire datelines in other scripts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "dateline", "place", "agency", "iso"),
    [
        (
            "新华社北京3月9日电（记者张三）国务院总理今天主持召开国务院常务会议。",
            "新华社北京3月9日电",
            "北京",
            "Xinhua",
            "--03-09",
        ),
        (
            "新華社台北2024年3月9日電 市政府今天宣布新的交通措施。",
            "新華社台北2024年3月9日電",
            "台北",
            "Xinhua",
            "2024-03-09",
        ),
        ("(서울=연합뉴스) 홍길동 기자 = 정부는 오늘 새 정책을 발표했다.", "(서울=연합뉴스)", "서울", "Yonhap", None),
        (
            "МОСКВА, 9 марта. /ТАСС/. Президент России заявил об этом.",
            "МОСКВА, 9 марта. /ТАСС/",
            "МОСКВА",
            "TASS",
            "--03-09",
        ),
        ("НЬЮ-ЙОРК, 9 марта. /ТАСС/. Текст сообщения.", "НЬЮ-ЙОРК, 9 марта. /ТАСС/", "НЬЮ-ЙОРК", "TASS", "--03-09"),
        ("واشنطن (رويترز) - قال مسؤولون أمريكيون يوم الثلاثاء.", "واشنطن (رويترز)", "واشنطن", "Reuters", None),
        ("باريس (أ ف ب) - أعلنت الحكومة الفرنسية خطة جديدة.", "باريس (أ ف ب)", "باريس", "AFP", None),
    ],
)
def test_native_wire_datelines(paragraph: str, dateline: str, place: str, agency: str, iso: str | None) -> None:
    found = find_dateline([paragraph])
    assert found is not None
    assert (found.text, found.place, found.agency, found.iso_date()) == (dateline, place, agency, iso)


@pytest.mark.parametrize(
    "paragraph",
    [
        "人民日报社北京3月9日电 国务院今天召开会议。",  # no agency the table knows
        "新华社记者张三报道，国务院今天召开会议。",  # a reporter's credit, no dateline
        "القدس (وكالة محلية) - قال مسؤولون.",
        "МОСКВА, 9 марта. /Иван Петров/. Текст.",  # a name between the slashes, no agency
        "Президент России (ТАСС) заявил об этом.",
    ],
)
def test_no_native_dateline_without_a_known_agency_in_its_form(paragraph: str) -> None:
    assert find_dateline([paragraph]) is None


def test_a_native_dateline_names_the_pages_agency_and_date() -> None:
    body = (
        "<p>新华社北京3月9日电（记者张三）国务院总理今天主持召开国务院常务会议，部署推动新能源汽车下乡工作。</p>"
        "<p>会议指出，推动新能源汽车下乡，有利于促进农村消费，推动绿色低碳发展，各地要加大支持力度。</p>"
        "<p>会议要求，各有关部门要加强协调配合，确保各项政策措施落到实处，取得实效，惠及广大农民群众。</p>"
    )
    page = clean(
        '<meta property="article:published_time" content="2024-03-09T10:00:00+08:00">',
        body=body,
        lang="zh",
        title="国务院部署推动新能源汽车下乡",
    )
    assert (page.agency, page.dateline, page.dateline_place) == ("Xinhua", "新华社北京3月9日电", "北京")
    assert page.dateline_date == "2024-03-09"  # the year from the markup date it agrees with
    assert page.provenance["agency"] == "dateline"


@pytest.mark.parametrize(("name", "agency"), [("رويترز", "Reuters"), ("ТАСС", "TASS"), ("연합뉴스", "Yonhap")])
def test_native_agency_names_are_agencies_in_bylines_too(name: str, agency: str) -> None:
    assert agency_name(name) == agency
    assert parse_byline(f"أحمد علي - {name}").agency == agency
