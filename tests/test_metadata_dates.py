"""Published dates on whole (synthetic) pages: the article header, the page's own time zone, stray dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from _metadata_page import ARTICLE_TEXT, json_ld, resolve_page

from newsclean.metadata._date_labels import labelled_date, scan_page_dates
from newsclean.metadata._dates import parse_datetime
from newsclean.metadata._printed_times import as_printed, header_date, headline_spans, printed_moments, text_shows_day
from newsclean.metadata._text_dates import visible_dates

HEADLINE = "Council approves new flood barrier plan"
TITLE_META = f'<meta property="og:title" content="{HEADLINE}">'


# -- the time of day printed beside the date gives the page's zone --------------------------------------------------


def test_printed_time_of_day_puts_a_utc_stamp_in_the_page_zone() -> None:
    # 01:00 UTC on the 20th is 8:00 PM on the 19th in New York: the page says so, without any zoned <time>
    head = TITLE_META + json_ld({"@type": "NewsArticle", "datePublished": "2024-03-20T01:00:21Z"})
    body = f"<h1>{HEADLINE}</h1><p>By Jane Doe · Published 8:00 PM EST, Tue March 19, 2024</p>" + ARTICLE_TEXT
    resolved = resolve_page(head, body)
    published = resolved.values["published"]
    assert published == datetime(2024, 3, 20, 1, 0, 21, tzinfo=UTC)  # the same instant
    assert published.date() == date(2024, 3, 19)
    assert published.utcoffset() == timedelta(hours=-5)
    assert "with its time of day" in resolved.provenance["published"]


def test_printed_time_of_day_after_the_date_in_a_zone_ahead_of_utc() -> None:
    head = TITLE_META + json_ld({"@type": "NewsArticle", "datePublished": "2023-12-25T22:03:00.000Z"})
    body = f"<h1>{HEADLINE}</h1><p>Marina Tatas · December 26, 2023 - 9:03AM</p>" + ARTICLE_TEXT
    published = resolve_page(head, body).values["published"]
    assert published.date() == date(2023, 12, 26)
    assert published.utcoffset() == timedelta(hours=11)


def test_a_printed_time_no_zone_can_explain_leaves_the_stamp_alone() -> None:
    # 16:22 UTC shown as 05:39 the next day would need a +13:17 zone: that printed time is another event's
    head = TITLE_META + json_ld({"@type": "NewsArticle", "datePublished": "2023-12-22T16:22:00Z"})
    body = f"<h1>{HEADLINE}</h1><p>Political reporter · Saturday 23 December 2023 05:39, UK</p>" + ARTICLE_TEXT
    published = resolve_page(head, body).values["published"]
    assert published == datetime(2023, 12, 22, 16, 22, tzinfo=UTC)
    assert published.utcoffset() == timedelta(0)


def test_as_printed_needs_a_real_zone_offset() -> None:
    stamp = datetime(2024, 3, 20, 1, 0, 21, tzinfo=UTC)
    assert as_printed(stamp, [datetime(2024, 3, 19, 20, 0)]) == stamp
    assert as_printed(stamp, [datetime(2024, 3, 19, 20, 0)]).utcoffset() == timedelta(hours=-5)  # type: ignore[union-attr]
    assert as_printed(stamp, [datetime(2024, 3, 20, 6, 30)]).utcoffset() == timedelta(hours=5, minutes=30)  # type: ignore[union-attr]
    assert as_printed(stamp, [datetime(2024, 3, 19, 20, 7)]) is None  # minutes that no zone gives
    assert as_printed(stamp, [datetime(2024, 3, 18, 20, 0)]) is None  # more than 14 hours away
    aware = datetime(2023, 12, 18, 22, 57, tzinfo=timezone(timedelta(hours=-5)))
    assert as_printed(aware, [datetime(2023, 12, 19, 3, 57)]).date() == date(2023, 12, 19)  # type: ignore[union-attr]


def test_printed_moments_read_twelve_and_twenty_four_hour_clocks() -> None:
    text = "A December 22, 2023 at 8:48 p.m. | B 12:05 AM, Dec 23, 2023 | C 23 December 2023 05:39 | D 2 May 2024"
    scan = scan_page_dates(text)
    assert printed_moments(text, scan, scan.printed) == [
        datetime(2023, 12, 22, 20, 48),
        datetime(2023, 12, 23, 0, 5),
        datetime(2023, 12, 23, 5, 39),
    ]


# -- a <time> must be in the article header to beat a declared date -------------------------------------------------


def test_comment_time_far_below_the_article_does_not_beat_the_declared_date() -> None:
    head = TITLE_META + json_ld({"@type": "BlogPosting", "datePublished": "2024-01-10T09:00:00Z"})
    comments = '<p>Reader says: <time datetime="2024-03-02T18:00:00Z">March 2, 2024 at 6:00 pm</time> Great!</p>'
    body = f"<h1>{HEADLINE}</h1><p>By Jane Doe</p>" + ARTICLE_TEXT * 3 + comments
    resolved = resolve_page(head, body)
    assert resolved.values["published"] == datetime(2024, 1, 10, 9, tzinfo=UTC)
    assert "not shown on the page" in resolved.provenance["published"]


def test_time_in_the_article_header_still_wins() -> None:
    head = TITLE_META + json_ld({"@type": "BlogPosting", "datePublished": "2024-01-10T09:00:00Z"})
    header = '<p>By Jane Doe · <time datetime="2024-02-05T08:00:00Z">February 5, 2024</time></p>'
    resolved = resolve_page(head, f"<h1>{HEADLINE}</h1>" + header + ARTICLE_TEXT)
    assert resolved.values["published"].date() == date(2024, 2, 5)
    assert resolved.provenance["published"].startswith("time")


def test_related_story_time_is_no_date_without_a_declared_one() -> None:
    related = '<p>More news: Park opens <time datetime="2024-04-02T10:00:00Z">April 2, 2024</time></p>'
    body = f"<h1>{HEADLINE}</h1><p>By Jane Doe</p>" + ARTICLE_TEXT * 3 + related
    resolved = resolve_page(TITLE_META, body)
    assert "published" not in resolved.values


def test_time_that_shows_its_day_in_its_own_format_is_shown() -> None:
    head = TITLE_META
    body = f'<h1>{HEADLINE}</h1><p><time datetime="2023-12-19T15:55:39-08:00">12/19 — 2023</time></p>' + ARTICLE_TEXT
    resolved = resolve_page(head, body)
    assert resolved.values["published"] == datetime(2023, 12, 19, 15, 55, 39, tzinfo=timezone(timedelta(hours=-8)))


def test_text_shows_day() -> None:
    stamp = datetime(2025, 12, 19, 15, 55, tzinfo=UTC)
    assert text_shows_day("12/19 — 2025", stamp)
    assert text_shows_day("19.12.", stamp)
    assert text_shows_day("Dec 19", stamp)
    assert not text_shows_day("a day ago", stamp)
    assert not text_shows_day("19 minutes", stamp)
    assert not text_shows_day("Nov 19", stamp)


def test_zone_less_time_stamp_takes_the_zone_its_text_states() -> None:
    body = f'<h1>{HEADLINE}</h1><p><time datetime="2023-12-22 05:00:00">12/22/2023 05:00 AM EST</time></p>'
    resolved = resolve_page(TITLE_META, body + ARTICLE_TEXT)
    assert resolved.values["published"] == datetime(2023, 12, 22, 10, tzinfo=UTC)
    assert "timezone assumed" not in resolved.provenance["published"]


# -- the article header's date line: around every appearance of the headline -----------------------------------------


def test_date_printed_just_before_the_headline_is_the_header_date() -> None:
    body = f"<p>Back to blog</p><p>Dec 12, 2023 · 4 min read</p><h1>{HEADLINE}</h1>" + ARTICLE_TEXT
    resolved = resolve_page(TITLE_META, body)
    assert resolved.values["published"] == datetime(2023, 12, 12, tzinfo=UTC)
    assert resolved.provenance["published"].startswith("page text (before the headline)")


def test_headline_in_a_menu_first_then_in_the_article_header() -> None:
    menu = f"<ul><li>{HEADLINE}</li><li>Other story</li></ul><p>Sections: Politics, Sport, Weather, Culture</p>"
    body = menu + "<p>" + "Navigation filler text. " * 20 + f"</p><h1>{HEADLINE}</h1><p>By Jane Doe · March 3, 2024</p>"
    resolved = resolve_page(TITLE_META, body + ARTICLE_TEXT)
    assert resolved.values["published"].date() == date(2024, 3, 3)


def test_header_date_reads_after_then_before_each_appearance() -> None:
    text = f"Menu {HEADLINE} News Sport. " + "x" * 400 + f" Feb 1, 2024 {HEADLINE} Written by Jane Doe"
    spans = headline_spans(text, HEADLINE)
    assert len(spans) == 2
    scan = scan_page_dates(text)
    assert header_date(scan, spans, before=100) == (date(2024, 2, 1), True)
    assert header_date(scan, spans, before=0) is None
    after = f"{HEADLINE} Jane Doe 02/03/2024 · {HEADLINE} March 3, 2024"
    assert header_date(scan_page_dates(after), headline_spans(after, HEADLINE)) is None  # two readings: no evidence
    after = f"{HEADLINE} Jane Doe · March 3, 2024"
    assert header_date(scan_page_dates(after), headline_spans(after, HEADLINE)) == (date(2024, 3, 3), False)
    updated = f"{HEADLINE} Updated March 9, 2024"
    assert header_date(scan_page_dates(updated), headline_spans(updated, HEADLINE), before=100) is None


def test_headline_spans_point_into_the_text_when_folding_lengthens_it() -> None:
    # "ß" and "ﬁ" fold to two characters each: offsets in the folded text would land past the headline
    text = f"Straße · ﬁnanz · Menü {HEADLINE} Jane Doe · March 3, 2024"
    spans = headline_spans(text, HEADLINE)
    assert [text[start:end] for start, end in spans] == [HEADLINE]
    assert header_date(scan_page_dates(text), spans) == (date(2024, 3, 3), False)


def test_headline_spans_ignores_short_headlines() -> None:
    assert headline_spans("Home News Home News", "Home") == []


# -- labels and formats -----------------------------------------------------------------------------------------------


def test_posted_on_the_label_and_iso_dates_with_a_time() -> None:
    assert labelled_date("Thanks to my cat. Posted on the 15/12/2025 at 19:00 by @me") == date(2025, 12, 15)
    assert visible_dates("Nick van Mead 2022-11-23T08:10+02:00") == {date(2022, 11, 23)}
    assert visible_dates("order 2022-11-235") == set()


@pytest.mark.parametrize(
    ("text", "day", "label"),
    [
        # Spanish and Portuguese put a "de" before the month and a "de" or "del" before the year; Chinese, Japanese
        # and Korean write the year, month and day with their own marks and no space before them. None was read.
        ("Publicado el 5 de febrero de 2024, 10:30", date(2024, 2, 5), "published"),
        ("Publicado em 5 de março de 2024", date(2024, 3, 5), "published"),
        ("Actualizado: 5 de mayo del 2024", date(2024, 5, 5), "updated"),
        ("发布时间：2024年3月5日 10:30", date(2024, 3, 5), "published"),
        ("公開日：2024年3月5日", date(2024, 3, 5), "published"),
        ("更新時間：2024年3月6日", date(2024, 3, 6), "updated"),
        ("입력 2024년 3월 5일 오전 10:30", date(2024, 3, 5), "published"),
    ],
)
def test_dates_written_in_spanish_portuguese_and_cjk_are_read_and_labelled(text: str, day: date, label: str) -> None:
    assert visible_dates(text) == {day}
    assert labelled_date(text, updated=label == "updated") == day
    assert labelled_date(text, updated=label != "updated") is None


def test_a_cjk_date_needs_its_marks_and_a_spanish_one_a_month() -> None:
    assert visible_dates("第2024号 3月 5日") == set()  # no year mark
    assert visible_dates("12024年3月5日") == set()  # a longer number, not a year
    assert visible_dates("5 de Santos de 2024") == set()
    assert visible_dates("页面2024年3月5日发布") == {date(2024, 3, 5)}  # no word boundary around it


# -- publication keys of other vocabularies ----------------------------------------------------------------------------


def test_meta_publication_keys_of_other_vocabularies_are_declared() -> None:
    for key in ("w-published-date", "published", "cxenseparse:publishtime", "date-pub", "published_at"):
        resolved = resolve_page(f'<meta name="{key}" content="2023-05-27T06:03:43Z">', ARTICLE_TEXT)
        assert resolved.values["published"] == datetime(2023, 5, 27, 6, 3, 43, tzinfo=UTC), key
        assert resolved.provenance["published"].startswith("meta"), key


def test_meta_keys_that_only_mention_publishing_are_not_dates() -> None:
    for key in ("lastpublisheddate", "cdc:last_published", "article:expiration_time", "publishedtype"):
        resolved = resolve_page(f'<meta name="{key}" content="2023-05-27T06:03:43Z">', ARTICLE_TEXT)
        assert "published" not in resolved.values, key


# -- the date printed under the headline against a declared date the page never shows -------------------------------


def test_printed_header_date_overrules_a_later_declared_date_the_page_never_shows() -> None:
    # a CMS restamped datePublished when it migrated the story; the article still prints its first date
    head = TITLE_META + json_ld({"@type": "Article", "datePublished": "2024-05-02", "dateModified": "2024-05-02"})
    body = f"<h1>{HEADLINE}</h1><p>Shauna Mitchell · August 25, 2022</p>" + ARTICLE_TEXT
    resolved = resolve_page(head, body)
    assert resolved.values["published"] == datetime(2022, 8, 25, tzinfo=UTC)
    assert resolved.provenance["published"].startswith("page text (after the headline)")
    assert "json-ld date is not shown on the page" in resolved.provenance["published"]


def test_header_date_that_is_the_declared_modification_does_not_overrule() -> None:
    # "Kev · January 1, 2024" is the update the publisher declares, shown without its label
    head = TITLE_META + json_ld(
        {"@type": "Article", "datePublished": "2022-05-10T17:34:08Z", "dateModified": "2024-01-01T21:00:18Z"}
    )
    body = f"<h1>{HEADLINE}</h1><p>Kev · January 1, 2024 · 2 Comments</p>" + ARTICLE_TEXT
    resolved = resolve_page(head, body)
    assert resolved.values["published"] == datetime(2022, 5, 10, 17, 34, 8, tzinfo=UTC)
    assert resolved.values["modified"].date() == date(2024, 1, 1)


def test_header_date_later_than_the_declared_one_does_not_overrule() -> None:
    head = TITLE_META + json_ld({"@type": "Article", "datePublished": "2022-05-10T17:34:08Z"})
    body = f"<h1>{HEADLINE}</h1><p>By Jane Doe · March 3, 2024</p>" + ARTICLE_TEXT
    assert resolve_page(head, body).values["published"] == datetime(2022, 5, 10, 17, 34, 8, tzinfo=UTC)


def test_comment_time_of_day_far_below_the_article_is_no_header_date() -> None:
    head = TITLE_META + json_ld({"@type": "BlogPosting", "datePublished": "2024-01-10T09:00:00Z"})
    comments = '<p>Reader: <time datetime="2024-01-11T18:26:00+01:00">January 11, 2024 at 6:26 pm</time></p>'
    body = f"<h1>{HEADLINE}</h1><p>By Jane Doe</p>" + ARTICLE_TEXT * 3 + comments
    assert resolve_page(head, body).values["published"] == datetime(2024, 1, 10, 9, tzinfo=UTC)


# -- page text: "originally published", the header's date line, then any labelled date -------------------------------


def test_header_date_line_beats_a_labelled_date_further_down() -> None:
    # "Released: June 17, 2023" is a reviewed book's release, not the post's
    body = f"<h1>{HEADLINE}</h1><p>by Amanda · Dec 20, 2023 at 3:00 am</p>" + ARTICLE_TEXT
    body += "<p>A Far Better Thing. Author: H.G. Parry. Released: June 17, 2023 by Tor Books</p>"
    resolved = resolve_page(TITLE_META, body)
    assert resolved.values["published"] == datetime(2023, 12, 20, 3, tzinfo=UTC)  # at the time printed with it
    assert resolved.provenance["published"].startswith("page text (after the headline)")


def test_originally_published_beats_the_header_date_of_a_republished_story() -> None:
    body = f"<h1>{HEADLINE}</h1><p>Chris Carroll 30 Sep 2023, 11:07am</p>" + ARTICLE_TEXT
    body += "<p>This article was originally published on 26 Sep 2019 at 4:12pm but has been regularly updated.</p>"
    resolved = resolve_page(TITLE_META, body)
    assert resolved.values["published"] == datetime(2019, 9, 26, 16, 12, tzinfo=UTC)  # at the time printed with it
    assert resolved.provenance["published"].startswith("page text (originally published)")


def test_scan_marks_originally_published_dates() -> None:
    scan = scan_page_dates("Posted March 3, 2024. First published: 1 May 2020. Updated June 2, 2024")
    assert [printed.label for printed in scan.printed] == ["published", "original", "updated"]
    assert scan.published == date(2024, 3, 3)


# -- numeric dates in markup ---------------------------------------------------------------------------------------


def test_drupal_numeric_date_in_json_ld_is_declared() -> None:
    # Drupal's default format, "Fri, 09/22/2023 - 11:38", in the Article node and article:published_time
    head = json_ld({"@type": "Article", "datePublished": "Fri, 09/22/2023 - 11:38"})
    head += '<meta property="article:published_time" content="Fri, 09/22/2023 - 11:38">'
    body = f"<h1>{HEADLINE}</h1>" + ARTICLE_TEXT + "<p>Content current as of: 09/22/2023</p>"
    resolved = resolve_page(head, body)
    assert resolved.values["published"] == datetime(2023, 9, 22, 11, 38, tzinfo=UTC)
    assert resolved.provenance["published"].startswith("json-ld; timezone assumed UTC")


def test_ambiguous_numeric_date_in_markup_is_no_evidence() -> None:
    head = json_ld({"@type": "Article", "datePublished": "03/04/2023"})
    resolved = resolve_page(head, f"<h1>{HEADLINE}</h1>" + ARTICLE_TEXT)
    assert "published" not in resolved.values


# -- a date printed only as an update; the comments heading that repeats the headline ------------------------------


def test_labelled_publication_beats_a_declared_date_the_page_prints_as_the_update() -> None:
    # the CMS stamped the update as datePublished; the page labels both dates
    head = TITLE_META + json_ld({"@type": "Article", "datePublished": "Aug 21, 2023"})
    body = f"<h1>{HEADLINE}</h1><p>By Jane Doe, Published Apr 26, 2022 Updated Aug 21, 2023</p>" + ARTICLE_TEXT
    resolved = resolve_page(head, body)
    assert resolved.values["published"] == datetime(2022, 4, 26, tzinfo=UTC)
    assert resolved.provenance["published"].startswith("page text (labelled date)")
    assert "the json-ld date is printed as an update" in resolved.provenance["published"]


def test_declared_date_printed_without_an_update_label_stays() -> None:
    head = TITLE_META + json_ld({"@type": "Article", "datePublished": "Aug 21, 2023"})
    body = f"<h1>{HEADLINE}</h1><p>Published Apr 26, 2022 · Aug 21, 2023</p>" + ARTICLE_TEXT
    assert resolve_page(head, body).values["published"] == datetime(2023, 8, 21, tzinfo=UTC)


def test_later_labelled_publication_does_not_replace_the_declared_date() -> None:
    head = TITLE_META + json_ld({"@type": "Article", "datePublished": "Aug 21, 2022"})
    body = f"<h1>{HEADLINE}</h1><p>Updated Aug 21, 2022</p>" + ARTICLE_TEXT + "<p>Published Apr 26, 2023</p>"
    assert resolve_page(head, body).values["published"] == datetime(2022, 8, 21, tzinfo=UTC)


def test_comments_heading_that_repeats_the_headline_is_not_the_article_header() -> None:
    # the comment times after "2 thoughts on “…”" are not the article's date; the declared one is
    head = TITLE_META + json_ld({"@type": "Article", "datePublished": "2023-07-20T15:27:00+01:00"})
    comments = (
        f"<h3>2 thoughts on “{HEADLINE}”</h3>"
        '<p>Anna <time datetime="2023-09-17T18:26:47+01:00">September 17, 2023 at 6:26 pm</time> Great read</p>'
        '<p>Ben <time datetime="2023-09-18T10:10:54+01:00">September 18, 2023 at 10:10 am</time> Thanks</p>'
    )
    resolved = resolve_page(head, f"<h1>{HEADLINE}</h1>" + ARTICLE_TEXT + comments)
    assert resolved.values["published"].date() == date(2023, 7, 20)
    assert resolved.provenance["published"].startswith("json-ld")


def test_scholarly_citation_dates_are_declared() -> None:
    # a journal page's Highwire tags; its <time>s are the submission and revision dates
    body = f"<h1>{HEADLINE}</h1><p>Received <time>04.Apr.2019</time></p>" + ARTICLE_TEXT
    body += "<p>Published 25 June 2019</p>"
    for key, value in (("citation_date", "2019-06-25"), ("citation_publication_date", "2019/6/25")):
        resolved = resolve_page(f'<meta name="{key}" content="{value}">', body)
        assert resolved.values["published"] == datetime(2019, 6, 25, tzinfo=UTC), key
        assert resolved.provenance["published"].startswith("meta"), key


def test_a_date_printed_as_today_is_the_visit_not_the_article() -> None:
    visit = "Open Today, March 14, 2024 · Today's Hours March 14, 2024 · Today is Thursday, March 14, 2024"
    scan = scan_page_dates(visit)
    assert scan.dates == set() and scan.printed == ()
    kept = scan_page_dates("Markets rally today March 14, 2024 as rates fall")
    assert kept.dates == {date(2024, 3, 14)}


def test_page_that_prints_only_the_day_of_the_visit_gets_no_date() -> None:
    header = "<p>Visit us · Today's Hours March 14, 2024 · Members only: 8 a.m.</p>"
    resolved = resolve_page("", header + f"<h1>{HEADLINE}</h1>" + ARTICLE_TEXT)
    assert "published" not in resolved.values


def test_ambiguous_numeric_date_follows_the_page_order() -> None:
    # the page writes month first where it can be told ("12/17/2023"), so its 6/2/2023 is June 2
    scan = scan_page_dates("Updated: 6/2/2023 · Related: 12/17/2023 · 1/31/2023")
    assert scan.printed[0].dates == {date(2023, 6, 2)}
    assert date(2023, 2, 6) not in scan.dates
    # day first ("31/01/2023"): 6/2/2023 is 6 February
    assert scan_page_dates("6/2/2023 and 31/01/2023").printed[0].dates == {date(2023, 2, 6)}
    # both orders, or none: both readings stay
    assert scan_page_dates("6/2/2023, 31/01/2023, 12/17/2023").printed[0].dates == {date(2023, 6, 2), date(2023, 2, 6)}
    assert scan_page_dates("Posted 6/2/2023").printed[0].dates == {date(2023, 6, 2), date(2023, 2, 6)}


def _news_list(*days: tuple[str, str]) -> str:
    items = "".join(
        f'<li><a href="/n{i}">Story number {i} of the week</a> <time datetime="{stamp}">{text}</time></li>'
        for i, (stamp, text) in enumerate(days)
    )
    return f"<ul>{items}</ul>"


def test_time_after_the_headline_beats_a_news_list_ending_just_above_it() -> None:
    # A "Recent news" list whose last items end just above the headline: their <time>s are in the header window,
    # the article's own <time> is printed right after the headline.
    recent = _news_list(("2024-05-20T12:00:00Z", "05/20/2024"), ("2024-05-19T12:00:00Z", "05/19/2024"))
    own = '<p><time datetime="2021-03-01T12:00:00Z">03/01/2021</time> by Jane Doe</p>'
    resolved = resolve_page(TITLE_META, recent + f"<h1>{HEADLINE}</h1>" + own + ARTICLE_TEXT)
    assert resolved.values["published"].date() == date(2021, 3, 1)
    assert resolved.provenance["published"].startswith("time")


def test_time_just_above_the_headline_still_dates_a_page_with_none_after_it() -> None:
    above = '<p>Blog · <time datetime="2024-05-20T12:00:00Z">May 20, 2024</time></p>'
    resolved = resolve_page(TITLE_META, above + f"<h1>{HEADLINE}</h1><p>By Jane Doe</p>" + ARTICLE_TEXT)
    assert resolved.values["published"].date() == date(2024, 5, 20)


def test_declared_date_keeps_its_place_before_a_time_after_the_headline() -> None:
    head = TITLE_META + json_ld({"@type": "BlogPosting", "datePublished": "2024-01-10T09:00:00Z"})
    above = '<p><time datetime="2024-01-10T09:00:00Z">January 10, 2024</time></p>'
    after = '<p>Updated <time datetime="2024-02-05T08:00:00Z">February 5, 2024</time></p>'
    resolved = resolve_page(head, above + f"<h1>{HEADLINE}</h1>" + after + ARTICLE_TEXT)
    assert resolved.values["published"] == datetime(2024, 1, 10, 9, tzinfo=UTC)


def test_a_zone_offset_of_a_day_or_more_is_no_date_and_the_page_still_resolves() -> None:
    stamp = "2023-01-01T10:00:00+99:99"  # dateutil reads it; no datetime can compare it
    assert parse_datetime(stamp) is None
    head = f'<meta property="article:published_time" content="{stamp}">'
    body = f'<time datetime="{stamp}">1 January</time>' + ARTICLE_TEXT
    resolved = resolve_page(head + json_ld({"@type": "NewsArticle", "datePublished": stamp}), body)
    assert "published" not in resolved.values
    assert parse_datetime("2023-01-01T10:00:00+05:30") is not None


def test_a_declared_stamp_on_the_day_the_url_states_gives_its_time_and_zone() -> None:
    # The URL's day won as midnight UTC (the evening before in New York) over the publisher's own stamp of that day.
    head = json_ld({"@type": "NewsArticle", "headline": HEADLINE, "datePublished": "2024-05-30T09:15:00-04:00"})
    body = f"<article><h1>{HEADLINE}</h1>{ARTICLE_TEXT}</article>"
    on_the_day = resolve_page(head, body, url="https://example.org/2024/05/30/flood-barrier")
    assert on_the_day.values["published"] == datetime(2024, 5, 30, 9, 15, tzinfo=timezone(timedelta(hours=-4)))
    assert on_the_day.provenance["published"] == "json-ld; on the day the URL states"
    another_day = resolve_page(head, body, url="https://example.org/2024/05/29/flood-barrier")
    assert another_day.values["published"] == datetime(2024, 5, 29, tzinfo=UTC)  # the URL's day still wins
