"""Metadata of pages in non-Latin scripts, found by a probe with realistic synthetic pages: names written with
combining marks or wrapped in bidi marks, bylines with their own language's labels, dates in other digits and
month names, titles with unspaced or full-width separators, Traditional Chinese, Korean word counts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from _metadata_page import BODY, TITLE, json_ld
from _metadata_page import clean_story as clean

from newsclean.metadata._authors import parse_byline, person_name
from newsclean.metadata._computed import word_count
from newsclean.metadata._dates import date_from_url, parse_datetime
from newsclean.metadata._language import resolve_language
from newsclean.metadata._text_dates import visible_dates
from newsclean.metadata._title import clean_title


def article_ld(**fields: object) -> str:
    return json_ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": TITLE, **fields})


# -- 1. names written with combining marks, or wrapped in bidi marks -----------------------------------------------

NAMES_WITH_MARKS = [
    "राहुल शर्मा",  # Devanagari: virama and vowel signs
    "สมชาย ใจดี",  # Thai: vowel and tone marks
    "مُحَمَّد علي",  # Arabic with its vowel marks
    "রাহুল শর্মা",  # Bengali
    "ராகுல் சர்மா",  # Tamil
    "علی‌رضا رضایی",  # Persian, a zero-width non-joiner inside the first name
]


@pytest.mark.parametrize("name", NAMES_WITH_MARKS)
def test_a_name_with_combining_marks_is_a_name(name: str) -> None:
    assert person_name(name, structured=True) == name
    assert clean(f'<meta name="author" content="{name}">').authors == (name,)
    assert clean(article_ld(author={"@type": "Person", "name": name})).authors == (name,)


@pytest.mark.parametrize("name", NAMES_WITH_MARKS[:3])
def test_a_byline_element_with_combining_marks_names_its_author(name: str) -> None:
    assert clean(body=f'<p class="byline">{name}</p>' + BODY).authors == (name,)


@pytest.mark.parametrize("mark", ["\u200f", "\u200e", "\u061c", "\u2067"])
def test_bidi_marks_around_a_name_are_no_part_of_it(mark: str) -> None:
    assert clean(f'<meta name="author" content="{mark}ישראל ישראלי{mark}">').authors == ("ישראל ישראלי",)
    assert parse_byline(f"{mark}أحمد علي{mark}", structured=True).authors == ("أحمد علي",)


def test_marks_do_not_make_junk_a_name() -> None:
    assert person_name("राहुल शर्मा 2024", structured=True) is None
    assert person_name("\u0301\u0301", structured=True) is None


# -- 2. bylines labelled in their own language ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("记者 张三", ("张三",)),
        ("本报记者 张三 李四", ("张三", "李四")),
        ("本报记者张三", ("张三",)),
        ("记者 张三、李四", ("张三", "李四")),
        ("作者：王五", ("王五",)),
        ("山田太郎記者", ("山田太郎",)),
        ("文：山田太郎", ("山田太郎",)),
        ("文：山田 太郎", ("山田 太郎",)),  # a Japanese name with a space is one person
        ("홍길동 기자", ("홍길동",)),
        ("홍길동기자", ("홍길동",)),
        ("홍길동 기자 gildong@hani.co.kr", ("홍길동",)),
        ("홍길동 김철수 기자", ("홍길동", "김철수")),
        ("글 홍길동", ("홍길동",)),
        ("بقلم أحمد علي", ("أحمد علي",)),
        ("بقلم: أحمد علي", ("أحمد علي",)),
        ("كتب: أحمد علي", ("أحمد علي",)),
        ("كتبت سارة أحمد", ("سارة أحمد",)),
        ("نویسنده: علی رضایی", ("علی رضایی",)),
        ("מאת ישראל ישראלי", ("ישראל ישראלי",)),
        ("लेखक: राहुल शर्मा", ("राहुल शर्मा",)),
        ("ผู้เขียน: สมชาย ใจดี", ("สมชาย ใจดี",)),
        ("โดย สมชาย ใจดี", ("สมชาย ใจดี",)),
        ("Текст: Иван Петров", ("Иван Петров",)),
        ("Автор: Иван Петров", ("Иван Петров",)),
        ("Иван Петров и Мария Сидорова", ("Иван Петров", "Мария Сидорова")),
        ("记者 张三 通讯员 李四", ("张三", "李四")),
        ("文／記者張三", ("張三",)),
        ("(서울=연합뉴스) 홍길동 기자", ("홍길동",)),
        ("홍길동·김철수 기자", ("홍길동", "김철수")),
        ("迈克尔·乔丹", ("迈克尔·乔丹",)),  # a middle dot between Chinese characters joins a foreign name
        ("ドナルド・トランプ", ("ドナルド・トランプ",)),
    ],
)
def test_native_byline_labels_are_no_part_of_the_name(byline: str, authors: tuple[str, ...]) -> None:
    assert parse_byline(byline, structured=True).authors == authors
    assert parse_byline(byline).authors == authors


def test_a_greek_by_is_no_part_of_the_name() -> None:
    # "Του" is "by" (the name follows in the genitive, which is how the page writes it)
    assert parse_byline("Του Γιώργου Παπαδόπουλου").authors == ("Γιώργου Παπαδόπουλου",)
    assert parse_byline("Της Μαρίας Παπαδοπούλου").authors == ("Μαρίας Παπαδοπούλου",)


@pytest.mark.parametrize(
    ("byline", "author"),
    [("记者 张三", "张三"), ("山田太郎記者", "山田太郎"), ("홍길동 기자", "홍길동"), ("بقلم أحمد علي", "أحمد علي")],
)
def test_native_labels_go_in_every_author_source(byline: str, author: str) -> None:
    assert clean(f'<meta name="author" content="{byline}">').authors == (author,)
    assert clean(article_ld(author={"@type": "Person", "name": byline})).authors == (author,)
    assert clean(body=f'<p class="byline">{byline}</p>' + BODY).authors == (author,)


def test_a_label_alone_names_nobody() -> None:
    for label in ("记者", "기자", "بقلم", "作者：", "Текст:"):
        assert parse_byline(label, structured=True).authors == ()


def test_names_that_merely_start_like_a_label_stay_whole() -> None:
    # "文" is also a surname, "Του" only a label before a name
    assert parse_byline("文在寅", structured=True).authors == ("文在寅",)
    assert parse_byline("Jane Doe and John Smith").authors == ("Jane Doe", "John Smith")


def test_an_email_after_a_latin_name_is_no_reason_to_drop_it() -> None:
    assert parse_byline("Jane Doe jane.doe@example.com", structured=True).authors == ("Jane Doe",)


# -- 3. dates in other digits and month names --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "٩ مارس ٢٠٢٤",
        "٢٠٢٤/٠٣/٠٩ ١٠:٠٥",
        "۲۰۲۴/۰۳/۰۹",
        "०९ मार्च २०२४",
        "09 मार्च 2024",
        "9 марта 2024, 10:05",
        "9 березня 2024",
        "9 Μαρτίου 2024",
        "نشر في 9 مارس 2024",
        "9 במרץ 2024",
        "9 มีนาคม 2024",
        "9 মার্চ 2024",
    ],
)
def test_a_date_in_other_digits_or_month_names_is_read(text: str) -> None:
    assert visible_dates(text) == {date(2024, 3, 9)}
    article = clean(body=f"<p>{text}</p>" + BODY)
    assert article.published is not None
    assert article.published.date() == date(2024, 3, 9)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("1 января 2024", date(2024, 1, 1)),
        ("15 Февраля 2024", date(2024, 2, 15)),
        ("2 листопада 2023", date(2023, 11, 2)),
        ("28 Φεβρουαρίου 2024", date(2024, 2, 28)),
        ("12 Σεπτεμβρίου 2023", date(2023, 9, 12)),
        ("5 أغسطس 2023", date(2023, 8, 5)),
        ("5 אוגוסט 2023", date(2023, 8, 5)),
        ("5 सितंबर 2023", date(2023, 9, 5)),
        ("5 ธันวาคม 2023", date(2023, 12, 5)),
        ("5 กุมภาพันธ์ 2024", date(2024, 2, 5)),
    ],
)
def test_month_names_of_other_languages(text: str, day: date) -> None:
    assert visible_dates(text) == {day}


@pytest.mark.parametrize(
    ("raw", "expected", "date_only"),
    [
        ("2024年03月09日 10:05", datetime(2024, 3, 9, 10, 5, tzinfo=UTC), False),
        ("2024年3月9日 10時05分", datetime(2024, 3, 9, 10, 5, tzinfo=UTC), False),
        ("2024年3月9日", datetime(2024, 3, 9, tzinfo=UTC), True),
        ("2024년 3월 9일 10:05", datetime(2024, 3, 9, 10, 5, tzinfo=UTC), False),
        ("٢٠٢٤/٠٣/٠٩ ١٠:٠٥", datetime(2024, 3, 9, 10, 5, tzinfo=UTC), False),
        ("2024/03/09 10:05", datetime(2024, 3, 9, 10, 5, tzinfo=UTC), False),
        ("9 марта 2024, 10:05", datetime(2024, 3, 9, 10, 5, tzinfo=UTC), False),
        ("9 Μαρτίου 2024", datetime(2024, 3, 9, tzinfo=UTC), True),
        ("٩ مارس ٢٠٢٤", datetime(2024, 3, 9, tzinfo=UTC), True),
    ],
)
def test_markup_dates_in_other_scripts_are_parsed(raw: str, expected: datetime, date_only: bool) -> None:
    parsed = parse_datetime(raw)
    assert parsed is not None
    assert (parsed.value, parsed.date_only) == (expected, date_only)


@pytest.mark.parametrize("stamp", ["2024年03月09日 10:05", "2024年3月9日 10時05分"])
def test_a_cjk_markup_date_is_the_published_date(stamp: str) -> None:
    expected = datetime(2024, 3, 9, 10, 5, tzinfo=UTC)
    assert clean(f'<meta property="article:published_time" content="{stamp}">').published == expected
    assert clean(article_ld(datePublished=stamp)).published == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.com/2024/3/9/oil", date(2024, 3, 9)),
        ("https://www.example.com/news/2024/3/19/oil-prices", date(2024, 3, 19)),
        ("https://www.example.com/2024/03/9/oil", date(2024, 3, 9)),
        ("https://www.example.com/2024/03/09/oil", date(2024, 3, 9)),
        # not a date: a month of 13, a day of 32, a number that is an id, a year with no day
        ("https://www.example.com/2024/13/9/oil", None),
        ("https://www.example.com/2024/3/32/oil", None),
        ("https://www.example.com/2024/3/915/oil", None),
        ("https://www.example.com/2024/3/oil", None),
        ("https://www.example.com/story/2024/3/9x/oil", None),
    ],
)
def test_unpadded_url_dates(url: str, expected: date | None) -> None:
    found = date_from_url(url)
    assert (found.date() if found else None) == expected


def test_an_unpadded_url_date_dates_the_page() -> None:
    published = clean(url="https://www.example.com/2024/3/9/oil").published
    assert published is not None
    assert published.date() == date(2024, 3, 9)


# -- 4. titles with unspaced or full-width separators -----------------------------------------------------------

HEADLINE_ZH = "多地出台新政支持新能源汽车下乡"


@pytest.mark.parametrize(
    ("raw", "site", "expected"),
    [
        (f"{HEADLINE_ZH}_新浪财经_新浪网", "新浪财经", HEADLINE_ZH),
        (f"{HEADLINE_ZH}-新华网", "新华网", HEADLINE_ZH),
        (f"{HEADLINE_ZH}--经济·科技--人民网", "人民网", HEADLINE_ZH),
        ("東京で桜が満開、平年より早く｜NHK", "NHK", "東京で桜が満開、平年より早く"),
        ("東京で桜が満開、平年より早く | NHK", "NHK", "東京で桜が満開、平年より早く"),
        ("東京で桜が満開 3月20日：朝日新聞デジタル", "朝日新聞デジタル", "東京で桜が満開 3月20日"),
        (
            "أسعار النفط ترتفع بعد تراجع المخزونات \u200f| الجزيرة نت",
            "الجزيرة نت",
            "أسعار النفط ترتفع بعد تراجع المخزونات",
        ),
    ],
)
def test_unspaced_and_full_width_separators_before_the_site_name(raw: str, site: str, expected: str) -> None:
    assert clean_title(raw, site_names=[site]) == expected
    page = clean(f'<meta property="og:site_name" content="{site}">', title=raw, h1=False, lang=None)
    assert page.title == expected


@pytest.mark.parametrize(
    ("raw", "site"),
    [
        ("Spider-Man", "Man"),  # a hyphen inside a Latin word joins it
        ("Jean-Luc Picard returns", "Example"),
        ("新华网评：推动高质量发展", "新华网"),  # the site before a colon opens a commentary's title
        ("多地出台新政_支持新能源汽车下乡", "新浪财经"),  # an underscore with no site name after it stays
    ],
)
def test_unspaced_separators_need_the_site_name_after_them(raw: str, site: str) -> None:
    assert clean_title(raw, site_names=[site]) == raw


def test_a_headline_hyphen_before_the_site_stays() -> None:
    assert clean_title("Covid-19病例持续上升-新华网", site_names=["新华网"]) == "Covid-19病例持续上升"


def test_a_trailing_bidi_mark_is_no_part_of_the_title() -> None:
    assert clean_title("\u200fأسعار النفط ترتفع\u200f") == "أسعار النفط ترتفع"


# -- 5. Traditional Chinese without a lang attribute ----------------------------------------------------------------

TRADITIONAL = (
    "國務院常務會議今天決定在全國範圍內推廣新能源汽車下鄉活動，以促進農村消費和綠色發展。政府表示將提供補貼。"
    "台北市政府今天宣布，將於下個月起實施新的交通管制措施，以改善市中心的交通狀況。市長表示，這項政策經過多次討論。"
)


def test_traditional_chinese_is_chinese() -> None:
    guess = resolve_language(None, TRADITIONAL)
    assert guess is not None
    assert guess.language == "zh"
    page = clean(body=f"<p>{TRADITIONAL}</p><p>{TRADITIONAL}</p>", lang=None, title="新能源汽車下鄉活動全面推廣")
    assert page.language == "zh"


def test_japanese_is_not_summed_into_chinese() -> None:
    japanese = "東京都は今日、新しい交通政策を発表しました。市民はこの政策が渋滞を減らすことを期待しています。" * 2
    guess = resolve_language(None, japanese)
    assert guess is not None
    assert guess.language == "ja"


# -- 6. Korean words -----------------------------------------------------------------------------------------------

KOREAN = "서울시는 오늘 새로운 대중교통 정책을 발표했다. 시민들은 이번 정책이 교통 혼잡을 줄일 것으로 기대하고 있다."


def test_korean_words_are_spaced_words() -> None:
    assert word_count(KOREAN) == len(KOREAN.split()) == 15
    assert word_count("大韓民國 서울시는 오늘") == 4 + 2  # hanja one word each, hangul by its spaces


def test_korean_reading_time_follows_its_word_count() -> None:
    sentences = [
        f"{KOREAN} {word}은 오늘 발표했다." for word in ("서울", "부산", "대구", "인천", "광주", "대전", "울산", "세종")
    ]
    body = "".join(f"<p>{' '.join(sentences[i:] + sentences[:i])}</p>" for i in range(4))  # 4 distinct paragraphs
    page = clean(body=body, lang="ko", title="서울시 새 대중교통 정책 발표")
    assert page.word_count == len(page.text.split()) > 238 * 2  # every word once, each hangul syllable no word
    assert page.reading_time_minutes == 3
