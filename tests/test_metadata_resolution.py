"""Resolution on whole pages: which dates count as evidence of publication, and which <h1> reading is the headline."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from _metadata_page import ARTICLE_TEXT, json_ld, resolve_page

from newsclean.metadata import parse_byline
from newsclean.metadata._date_labels import labelled_date


def test_article_date_declared_in_json_ld_is_kept_when_not_shown() -> None:
    resolved = resolve_page(json_ld({"@type": "Article", "datePublished": "2023-03-02T10:00:00Z"}), ARTICLE_TEXT)
    assert resolved.values["published"] == datetime(2023, 3, 2, 10, tzinfo=UTC)
    assert "not shown on the page" in resolved.provenance["published"]


def test_article_published_time_meta_is_declared_evidence() -> None:
    head = '<meta property="article:published_time" content="2022-11-05T08:30:00+01:00">'
    resolved = resolve_page(head, ARTICLE_TEXT)
    assert resolved.values["published"].date() == date(2022, 11, 5)
    assert resolved.provenance["published"].startswith("opengraph")


def test_web_page_template_date_that_nobody_sees_is_not_evidence() -> None:
    resolved = resolve_page(json_ld({"@type": "WebPage", "datePublished": "2019-01-01T00:00:00Z"}), ARTICLE_TEXT)
    assert "published" not in resolved.values
    assert resolved.provenance["published"].startswith("not set")


def test_web_page_date_shown_to_readers_is_kept() -> None:
    body = "<p>Posted January 1, 2019</p>" + ARTICLE_TEXT
    resolved = resolve_page(json_ld({"@type": "WebPage", "datePublished": "2019-01-01T00:00:00Z"}), body)
    assert resolved.values["published"].date() == date(2019, 1, 1)
    assert "shown on the page" in resolved.provenance["published"]


def test_shown_date_wins_over_a_hidden_declared_one() -> None:
    head = json_ld({"@type": "Article", "datePublished": "2020-05-05"})
    body = '<time datetime="2021-07-08">July 8, 2021</time>' + ARTICLE_TEXT
    resolved = resolve_page(head, body)
    assert resolved.values["published"].date() == date(2021, 7, 8)


def test_labelled_date_in_page_text_when_markup_has_none() -> None:
    body = "<p>By Jane Doe · Published on March 14, 2024</p>" + ARTICLE_TEXT
    resolved = resolve_page("", body)
    assert resolved.values["published"] == datetime(2024, 3, 14, tzinfo=UTC)
    assert resolved.provenance["published"].startswith("page text")


def test_date_labelled_updated_is_the_modified_date_not_the_published_one() -> None:
    body = "<p>By Jane Doe · Last updated: March 14, 2024</p>" + ARTICLE_TEXT
    resolved = resolve_page("", body)
    assert resolved.values["modified"] == datetime(2024, 3, 14, tzinfo=UTC)
    assert resolved.provenance["modified"].startswith("page text (labelled update)")
    assert resolved.values.get("published") != datetime(2024, 3, 14, tzinfo=UTC)
    body = "<p>Published March 1, 2020 · Updated March 5, 2024</p>" + ARTICLE_TEXT
    resolved = resolve_page("", body)
    assert resolved.values["published"] == datetime(2020, 3, 1, tzinfo=UTC)
    assert resolved.values["modified"] == datetime(2024, 3, 5, tzinfo=UTC)


def test_labelled_date_needs_a_label_and_one_reading() -> None:
    assert labelled_date("Offer valid until March 14, 2024. Published: 02/03/2023") is None
    assert labelled_date("Last updated: March 14, 2024") is None
    assert labelled_date("Last updated: March 14, 2024", updated=True) == date(2024, 3, 14)
    assert labelled_date("Call us. Published on Friday, 5 April 2024 by the desk") == date(2024, 4, 5)
    assert labelled_date("Posted 2023-12-01 in News") == date(2023, 12, 1)


def test_labelled_date_after_fetch_time_is_refused() -> None:
    resolved = resolve_page("", "<p>Updated: December 1, 2030</p>" + ARTICLE_TEXT)
    assert "published" not in resolved.values


# -- headline from the <h1> ------------------------------------------------------------------------------------


def test_h1_inline_elements_are_not_split_into_words() -> None:
    head = '<meta property="og:title" content="How AI Can Cut Your Planning Cycle">'
    resolved = resolve_page(head, '<h1>How AI Can Cut Your Planning <span class="cap">C</span>ycle</h1>' + ARTICLE_TEXT)
    assert resolved.values["title"] == "How AI Can Cut Your Planning Cycle"


def test_h1_lines_split_by_br_stay_apart() -> None:
    head = '<meta property="og:title" content="Bridge closes for repairs">'
    resolved = resolve_page(head, "<h1>Bridge closes<br>for repairs</h1>" + ARTICLE_TEXT)
    assert resolved.values["title"] == "Bridge closes for repairs"


def test_h1_section_kicker_dropped_when_the_markup_title_lacks_it() -> None:
    head = (
        '<meta property="og:title" content="Gov. Hochul vetoes ban on noncompete agreements">'
        '<meta property="article:section" content="Politics">'
    )
    resolved = resolve_page(head, "<h1>Politics Gov. Hochul vetoes ban on noncompete agreements</h1>" + ARTICLE_TEXT)
    assert resolved.values["title"] == "Gov. Hochul vetoes ban on noncompete agreements"


def test_h1_genre_label_glued_to_the_headline_is_dropped() -> None:
    head = json_ld({"@type": "NewsArticle", "headline": "What I will be praying for this Christmas"})
    body = "<h1>Opinion What I will be praying for this Christmas</h1>" + ARTICLE_TEXT
    assert resolve_page(head, body).values["title"] == "What I will be praying for this Christmas"


def test_genre_label_every_title_and_the_h1_print_is_part_of_the_headline() -> None:
    headline = "Opinion: The city bus is slow and yet we still ride it"
    head = (
        json_ld({"@type": "NewsArticle", "headline": headline})
        + f'<meta property="og:title" content="{headline}">'
        + f"<title>{headline} | Gazette</title>"
    )
    resolved = resolve_page(head, f"<h1>{headline}</h1>" + ARTICLE_TEXT)
    assert resolved.values["title"] == headline


@pytest.mark.parametrize(
    ("json_ld_headline", "h1"),
    [
        # the JSON-LD headline lacks the label: the template glues it on
        ("The city bus is slow", "Opinion: The city bus is slow"),
        # every markup title has it, the headline readers see does not
        ("Opinion: The city bus is slow", "The city bus is slow"),
        # the <h1> glues a kicker element on without a separator
        ("The city bus is slow", "Opinion The city bus is slow"),
    ],
)
def test_genre_label_some_title_lacks_is_dropped(json_ld_headline: str, h1: str) -> None:
    head = (
        json_ld({"@type": "NewsArticle", "headline": json_ld_headline})
        + '<meta property="og:title" content="Opinion | The city bus is slow">'
    )
    resolved = resolve_page(head, f"<h1>{h1}</h1>" + ARTICLE_TEXT)
    assert resolved.values["title"] == "The city bus is slow"


def test_genre_label_in_a_single_title_is_dropped() -> None:
    resolved = resolve_page("<title>Opinion: The city bus is slow</title>", ARTICLE_TEXT)
    assert resolved.values["title"] == "The city bus is slow"


def test_of_several_h1s_the_one_sharing_content_words_with_the_titles_is_the_headline() -> None:
    head = '<meta property="og:title" content="Our favourite bakeries in Lyon"><title>Where to eat in Lyon</title>'
    body = (
        "<h1>The best bakeries and markets in Lyon for breakfast</h1>"
        + ARTICLE_TEXT
        # a teaser for the next story shares as many words, but only "in", "to" and the city
        + "<h1>Next in your guide to being outside in Lyon</h1>"
    )
    resolved = resolve_page(head, body)
    assert resolved.values["title"] == "The best bakeries and markets in Lyon for breakfast"


def test_quoted_h1_headline_keeps_its_quotes() -> None:
    head = '<meta property="og:title" content="“New ways to trim the budget”">'
    resolved = resolve_page(head, "<h1>“New ways to trim the budget”</h1>" + ARTICLE_TEXT)
    assert resolved.values["title"] == "“New ways to trim the budget”"


def test_h1_leading_words_that_are_no_label_stay() -> None:
    head = '<meta property="og:title" content="Solo Projects of the Band, So Far">'
    resolved = resolve_page(head, "<h1>A Complete List of Solo Projects of the Band, So Far</h1>" + ARTICLE_TEXT)
    assert resolved.values["title"] == "A Complete List of Solo Projects of the Band, So Far"


def test_h1_bracketed_tag_at_the_end_dropped() -> None:
    head = '<meta property="og:title" content="Dan and Shay bring Bigger Houses to the finale">'
    resolved = resolve_page(head, "<h1>Dan and Shay bring Bigger Houses to the finale [Watch]</h1>" + ARTICLE_TEXT)
    assert resolved.values["title"] == "Dan and Shay bring Bigger Houses to the finale"


# -- authors on personal and company sites ----------------------------------------------------------------------


def test_personal_blog_named_after_its_author_keeps_the_author() -> None:
    head = '<meta property="og:site_name" content="Kristian Larsen">' + json_ld(
        {"@type": "Article", "author": {"@type": "Person", "name": "Kristian Larsen"}}
    )
    resolved = resolve_page(head, ARTICLE_TEXT, url="https://www.kristian-larsen.com/reviews/headphones")
    assert resolved.values["authors"] == ("Kristian Larsen",)


def test_personal_site_whose_name_the_author_field_repeats_keeps_the_author() -> None:
    head = '<meta property="og:site_name" content="Nora Patel"><meta name="author" content="Nora Patel">'
    resolved = resolve_page(head, ARTICLE_TEXT, url="https://noraposts.dev/notes/git")
    assert resolved.values["authors"] == ("Nora Patel",)
    # an all-lower-case author field spells the same person
    head = '<meta property="og:site_name" content="Nora Patel"><meta name="author" content="nora patel">'
    assert resolve_page(head, ARTICLE_TEXT, url="https://riverfarm.com/blog/herbs").values["authors"] == ("nora patel",)
    # the host spells the name the author field gives
    head = '<meta name="author" content="Omar Haddad">'
    assert resolve_page(head, ARTICLE_TEXT, url="https://omar-haddad.net/2021/tools").values["authors"] == (
        "Omar Haddad",
    )


@pytest.mark.parametrize(
    ("site", "host"),
    [("RTC Bank", "rtcbank.com"), ("Maple Dentistry PC", "mapledentistry.com"), ("Quillpad Store", "quillpad.com")],
)
def test_company_site_repeated_in_the_author_field_is_no_person(site: str, host: str) -> None:
    head = f'<meta property="og:site_name" content="{site}"><meta name="author" content="{site}">'
    resolved = resolve_page(head, ARTICLE_TEXT, url=f"https://www.{host}/blog/tips")
    assert "authors" not in resolved.values
    assert resolved.values["organization"] == site


def test_company_named_as_author_is_the_organisation() -> None:
    head = '<meta property="og:site_name" content="Escalon">' + json_ld(
        {"@type": "Article", "author": {"name": "Escalon"}}
    )
    resolved = resolve_page(head, ARTICLE_TEXT, url="https://escalon.services/blog/hr-outsourcing")
    assert "authors" not in resolved.values
    assert resolved.values["organization"] == "Escalon"


def test_site_name_that_is_a_person_only_counts_with_two_names() -> None:
    head = '<meta property="og:site_name" content="MLSsoccer">' + json_ld(
        {"@type": "NewsArticle", "author": {"@type": "Person", "name": "MLSsoccer"}}
    )
    resolved = resolve_page(head, ARTICLE_TEXT, url="https://www.mlssoccer.com/news/referee-of-the-year")
    assert "authors" not in resolved.values


@pytest.mark.parametrize("byline", ["The Independent", "Edit Profile", "INQUIRER.net BrandRoom", "Webmaster"])
def test_titles_widgets_and_domains_are_no_person(byline: str) -> None:
    assert parse_byline(byline, structured=True).authors == ()


# -- headline by overlap; bylines narrowed; one JSON-LD Person is one person; mastheads --------------------------


def test_h1_rephrased_by_the_seo_title_is_still_the_headline() -> None:
    head = '<meta property="og:title" content="Climate change: 5 innovative solutions | Riverside">'
    body = "<h1>Five innovative solutions to climate change: learning from hotspots</h1>" + ARTICLE_TEXT
    resolved = resolve_page(head, body)
    assert resolved.values["title"] == "Five innovative solutions to climate change: learning from hotspots"
    assert resolved.provenance["title"] == "h1"


def test_h1_sharing_nothing_with_the_markup_title_is_not_the_headline() -> None:
    head = '<meta property="og:title" content="Council approves flood barrier plan">'
    resolved = resolve_page(head, "<h1>Riverside Gazette Menu</h1>" + ARTICLE_TEXT)
    assert resolved.values["title"] == "Council approves flood barrier plan"


def test_of_two_h1s_in_the_title_the_one_covering_more_of_it_wins() -> None:
    head = '<meta property="og:title" content="Ten things to know about Happy Valley | Anglofile">'
    body = "<h1>Anglofile</h1><h1>Ten things to know about Happy Valley</h1>" + ARTICLE_TEXT
    assert resolve_page(head, body).values["title"] == "Ten things to know about Happy Valley"


def test_byline_block_is_narrowed_to_the_name_element_inside_it() -> None:
    body = (
        '<div class="byline">Jim Walsh Riverside Courier-Post</div>'
        '<span class="author-name">Jim Walsh</span>' + ARTICLE_TEXT
    )
    assert resolve_page("", body).values["authors"] == ("Jim Walsh",)


def test_json_ld_person_with_an_affiliation_is_one_person() -> None:
    head = json_ld({"@type": "Article", "author": {"@type": "Person", "name": "Jane Doe, Riverside Report"}})
    assert resolve_page(head, ARTICLE_TEXT).values["authors"] == ("Jane Doe",)
    head = json_ld({"@type": "Article", "author": {"@type": "Person", "name": "Maria & Katerina Novak"}})
    assert resolve_page(head, ARTICLE_TEXT).values["authors"] == ("Maria", "Katerina Novak")


def test_masthead_typed_as_a_person_is_not_a_personal_site() -> None:
    head = '<meta property="og:site_name" content="RIVER TODAY">' + json_ld(
        {"@type": "NewsArticle", "author": {"@type": "Person", "name": ", RIVER TODAY"}}
    )
    body = '<span class="author-name">Kayla Jones</span>' + ARTICLE_TEXT
    resolved = resolve_page(head, body, url="https://www.rivertoday.com/story/news/2023/12/22/prague/")
    assert resolved.values["authors"] == ("Kayla Jones",)
    assert resolved.values["organization"] == "RIVER TODAY"


def test_utc_stamp_takes_the_day_the_page_shows_in_its_own_zone() -> None:
    head = json_ld({"@type": "NewsArticle", "datePublished": "2023-12-22T04:00:41+00:00"})
    body = '<time datetime="2023-12-22T04:00:41+00:00">Dec. 21, 2023 11:00 pm EST</time>' + ARTICLE_TEXT
    resolved = resolve_page(head, body)
    published = resolved.values["published"]
    assert published == datetime(2023, 12, 22, 4, 0, 41, tzinfo=UTC)  # the same instant
    assert published.date() == date(2023, 12, 21)
    assert "in the page's time zone" in resolved.provenance["published"]


def test_stamp_keeps_its_zone_when_the_page_gives_none() -> None:
    head = json_ld({"@type": "NewsArticle", "datePublished": "2023-12-22T04:00:41+00:00"})
    resolved = resolve_page(head, "<p>Posted Dec. 21, 2023</p>" + ARTICLE_TEXT)
    assert resolved.values["published"].date() == date(2023, 12, 22)


def test_stamp_takes_the_zone_a_time_element_writes_the_same_instant_in() -> None:
    head = '<meta property="article:published_time" content="2023-12-19T03:05:00+00:00">'
    body = (
        "<h1>Are budget meetings too long?</h1>"
        '<time datetime="2023-12-18T19:05:00-08:00">December 18, 2023</time>'
        # a list of recent posts printed right under the header: the day after is printed there too
        "<p>Recent posts: Budget night recap December 19, 2023</p>" + ARTICLE_TEXT
    )
    resolved = resolve_page(head, body)
    published = resolved.values["published"]
    assert published == datetime(2023, 12, 19, 3, 5, tzinfo=UTC)  # the same instant
    assert published.utcoffset() == timedelta(hours=-8)
    assert published.date() == date(2023, 12, 18)
    assert "in the zone the page's <time> stamps it in" in resolved.provenance["published"]


def test_time_element_of_another_instant_leaves_the_stamp_zone_alone() -> None:
    head = '<meta property="article:published_time" content="2023-12-19T03:05:00+00:00">'
    body = '<time datetime="2023-12-18T18:00:00-08:00">December 18, 2023</time>' + ARTICLE_TEXT
    body += "<p>Budget night recap December 19, 2023</p>"
    resolved = resolve_page(head, body)
    assert resolved.values["published"].utcoffset() == timedelta(0)
    assert resolved.values["published"].date() == date(2023, 12, 19)


def test_time_element_of_another_day_than_the_url_states_is_not_the_article_date() -> None:
    body = (
        # a list of recent features, printed just before the headline
        '<p><time datetime="2023-12-20T18:00:00-05:00">Dec 20</time> Budget night recap</p>'
        "<h1>The council passes its budget</h1>"
        '<p>by Jane Doe, <time datetime="2023-12-19T17:45:00-05:00">Dec 19th 2023</time></p>' + ARTICLE_TEXT
    )
    resolved = resolve_page("", body, url="https://news.example/feature/2023-12-19/council-budget/")
    assert resolved.values["published"] == datetime(2023, 12, 19, 17, 45, tzinfo=timezone(timedelta(hours=-5)))
    assert resolved.provenance["published"].startswith("time")


def test_time_element_without_a_zone_on_the_url_day_somewhere_stays() -> None:
    # 03:00 UTC on the 20th is still the 19th west of Greenwich: no contradiction with the URL
    body = '<h1>The council passes its budget</h1><p><time datetime="2023-12-20T03:00:00">Dec 19, 2023 10 pm</time></p>'
    resolved = resolve_page("", body + ARTICLE_TEXT, url="https://news.example/2023/12/19/council-budget/")
    assert resolved.values["published"] == datetime(2023, 12, 20, 3, tzinfo=UTC)
    assert resolved.provenance["published"].startswith("time")


def test_json_ld_author_given_as_a_reference_into_the_graph() -> None:
    graph = {
        "@graph": [
            {"@type": "Article", "author": {"@id": "https://example.org/#/schema/person/1"}},
            {"@type": "Person", "@id": "https://example.org/#/schema/person/1", "name": "Nora Patel"},
        ]
    }
    assert resolve_page(json_ld(graph), ARTICLE_TEXT).values["authors"] == ("Nora Patel",)


def test_written_by_label_pair_in_twitter_meta_is_an_author_field() -> None:
    head = '<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Chase Bern">'
    head += '<meta name="twitter:label2" content="Est. reading time"><meta name="twitter:data2" content="4 minutes">'
    resolved = resolve_page(head, ARTICLE_TEXT)
    assert resolved.values["authors"] == ("Chase Bern",)
    assert resolved.provenance["authors"] == "meta"


def test_written_by_in_the_page_text_names_first_and_last_name_only() -> None:
    resolved = resolve_page("", "<div><p>Written by</p><p>Edna Tabor</p></div><p>Table of contents</p>" + ARTICLE_TEXT)
    assert resolved.values["authors"] == ("Edna Tabor",)
    resolved = resolve_page("", "<p>Written by Jeffrey A. Slotman More from him</p>" + ARTICLE_TEXT)
    assert resolved.values["authors"] == ("Jeffrey A. Slotman",)
    assert "authors" not in resolve_page("", "<p>Posts written by the team</p>" + ARTICLE_TEXT).values


HEADLINE = "<h1>Council agrees on the new budget</h1>"


def test_by_name_just_after_the_headline_is_the_byline() -> None:
    header = HEADLINE + "<p><span>By Sofia Gonzalez</span> December 2, 2025</p>"
    resolved = resolve_page("<title>Council agrees on the new budget</title>", header + ARTICLE_TEXT)
    assert resolved.values["authors"] == ("Sofia Gonzalez",)
    assert resolved.provenance["authors"] == "byline"
    lower = HEADLINE + "<p>Dec 17, 2025 by: Ziyi Xu, editor</p>"
    assert resolve_page("", lower + ARTICLE_TEXT).values["authors"] == ("Ziyi Xu",)
    after_title = "<h1>Home gyms for any budget</h1><p>by Jane Roe on Jan 22, 2025</p>"
    head = "<title>Home gyms for any budget</title>"
    assert resolve_page(head, after_title + ARTICLE_TEXT).values["authors"] == ("Jane Roe",)
    colon = HEADLINE + "<p>Budget news by: Ziyi Xu, Dec 17, 2025</p>"
    assert resolve_page("", colon + ARTICLE_TEXT).values["authors"] == ("Ziyi Xu",)
    labelled = HEADLINE + "<p>By Daryl Austin Published March 9, 2026</p>"
    assert resolve_page("", labelled + ARTICLE_TEXT).values["authors"] == ("Daryl Austin",)
    role = HEADLINE + "<p>By Preetam Jinka Co-founder and Chief Architect</p>"
    assert resolve_page("", role + ARTICLE_TEXT).values["authors"] == ("Preetam Jinka",)
    initial = HEADLINE + "<p>By Jeffrey A. Slotman</p><p>30 Dec 2025</p>"
    assert resolve_page("", initial + ARTICLE_TEXT).values["authors"] == ("Jeffrey A. Slotman",)


@pytest.mark.parametrize(
    "header",
    [
        "<p>By using our links you support Myles Katherine.</p>",  # a sentence, not a byline
        "<p>Photos by Sofia Gonzalez</p>",  # a credit for other work
        "<p>Brought to you by Bringing More Value</p>",  # lower-case "by" inside a sentence
        "<p>By Field Level Media Staff Writers</p>",  # a run of capitalised words is not a name to cut short
        "<p>Published by Clay Mar 17, 2025</p>",  # a month is not a surname
        "<p>Guidance by Sector Expand or Collapse</p>",  # a menu's phrase
        "<p>January 20th, 2025 by JWU Last updated: August 25, 2025</p>",  # an acronym and a word
        # where does the name end? ("The …" would end it: see the test below)
        "<p>By Isabella Tabacchi</p><p>Composition Matters In Landscape Photography</p>",
    ],
)
def test_by_label_after_the_headline_that_names_nobody(header: str) -> None:
    assert "authors" not in resolve_page("", HEADLINE + header + ARTICLE_TEXT).values


def test_by_name_far_from_the_headline_is_no_byline() -> None:
    far = HEADLINE + ARTICLE_TEXT + "<p>By Sofia Gonzalez</p>"
    assert "authors" not in resolve_page("", far).values


def test_time_element_that_says_updated_is_the_modified_date() -> None:
    head = json_ld({"@type": "Article", "datePublished": "2023-10-15T09:00:00Z"})
    body = '<time datetime="2024-03-18">Last Updated: March 18, 2024</time>' + ARTICLE_TEXT
    resolved = resolve_page(head, body)
    assert resolved.values["published"].date() == date(2023, 10, 15)
    assert resolved.values["modified"].date() == date(2024, 3, 18)


def test_date_printed_just_after_the_headline_is_published() -> None:
    head = '<meta property="og:title" content="Council approves new flood barrier plan">'
    body = "<h1>Council approves new flood barrier plan</h1><p>Jane Doe · March 3, 2024</p>" + ARTICLE_TEXT
    resolved = resolve_page(head, body)
    assert resolved.values["published"] == datetime(2024, 3, 3, tzinfo=UTC)
    assert resolved.provenance["published"].startswith("page text (after the headline)")


def test_update_after_the_headline_or_a_date_far_below_it_is_not_published() -> None:
    head = '<meta property="og:title" content="Council approves new flood barrier plan">'
    updated = "<h1>Council approves new flood barrier plan</h1><p>Updated March 3, 2024</p>" + ARTICLE_TEXT
    assert resolve_page(head, updated).provenance.get("published", "").startswith("page text") is False
    far = "<h1>Council approves new flood barrier plan</h1>" + ARTICLE_TEXT + "<p>March 3, 2024</p>"
    assert resolve_page(head, far).provenance.get("published", "").startswith("page text") is False


# -- the byline printed after the headline: where the name ends --------------------------------------------------

HEADLINE_HEAD = '<meta property="og:title" content="Council approves the flood barrier plan">'


@pytest.mark.parametrize(
    ("header", "authors"),
    [
        # the article's text starts with a capitalised word that cannot continue a name
        ("By Nora Patel The council met on Tuesday", ("Nora Patel",)),
        # a widget label follows the name; initials before the last name
        ("By A. J. Okafor View In Digital Edition", ("A. J. Okafor",)),
        # a three-part name ends at the dateline in capitals
        ("By Md Rafiqul Islam RIVERTON, Dec 20, 2025 (RNS) - The council", ("Md Rafiqul Islam",)),
        # "Date · Name" without "By"
        ("Dec 26, 2025 • Lena Ortiz in Local Politics", ("Lena Ortiz",)),
        ("2025-12-17 · Lena Ortiz The council met", ("Lena Ortiz",)),
        # a compound word ("Hot-swappable") starts the text; a double-barrelled name does not
        ("Apr 17, 2025 By Nora Patel Hot-swappable keyboards are", ("Nora Patel",)),
        ("By Sergio Martínez-Beltrán The council", ("Sergio Martínez-Beltrán",)),
        # three capitalised words before a lower-case word: the third may be the article's, so no name
        ("By Nora Patel Riverton has approved", ()),
        # after a bar comes the section as often as the author
        ("Apr 21, 2017 | Products Liability If someone", ()),
    ],
)
def test_byline_after_the_headline_ends_where_the_name_does(header: str, authors: tuple[str, ...]) -> None:
    body = f"<h1>Council approves the flood barrier plan</h1><p>{header}</p>" + ARTICLE_TEXT
    assert resolve_page(HEADLINE_HEAD, body).values.get("authors", ()) == authors


def test_byline_after_a_later_appearance_of_the_headline() -> None:
    # the headline first appears in a list of posts, then above the article with its byline
    body = (
        "<ul><li>Council approves the flood barrier plan</li><li>Another story on the river works</li></ul>"
        "<h1>Council approves the flood barrier plan</h1><p>2025-12-17 · Lena Ortiz</p>" + ARTICLE_TEXT
    )
    assert resolve_page(HEADLINE_HEAD, body).values["authors"] == ("Lena Ortiz",)


def test_byline_in_the_article_header_wins_over_a_menu_of_columnists_before_it() -> None:
    body = (
        '<ul class="columnists"><li class="author">Kate Riley</li><li class="author">Omar Haddad</li></ul>'
        '<h1>Council approves the flood barrier plan</h1><p class="byline">Lena Ortiz</p>' + ARTICLE_TEXT
    )
    assert resolve_page(HEADLINE_HEAD, body).values["authors"] == ("Lena Ortiz",)


def test_reviewers_and_commenters_are_not_the_author() -> None:
    reviewer = (
        '<p class="byline">Fact checked by Omar Haddad</p><span class="author-name">Omar Haddad</span>' + ARTICLE_TEXT
    )
    assert "authors" not in resolve_page("", reviewer).values
    commenter = ARTICLE_TEXT + '<div class="comment-author">Kate Riley says:</div><b class="author">Kate Riley</b>'
    assert "authors" not in resolve_page("", commenter).values


def test_author_photo_alt_text_and_producer_links_are_byline_elements() -> None:
    bio = "<p>Nora Patel writes about towns and rivers, " + "budgets and councils " * 8 + "</p>"
    photo = '<div><img class="post_author-image" alt="Nora Patel" src="/n.jpg">' + bio + "</div>"
    assert resolve_page("", photo + ARTICLE_TEXT).values["authors"] == ("Nora Patel",)
    producer = '<span class="inline-list__item"><a href="/producers/lena-ortiz">Lena Ortiz</a></span>'
    assert resolve_page("", producer + ARTICLE_TEXT).values["authors"] == ("Lena Ortiz",)


def test_h1_sharing_a_possessive_with_the_seo_title_is_the_headline() -> None:
    # "Valentino’s" and "Valentino" are one word: the <h1> shares a third of its words with the SEO title
    head = '<meta property="og:title" content="Discover the New Marcello Madison Ave Flagship - Gazette">'
    body = "<h1>Come Shopping With Us At Marcello’s New NYC Madison Avenue Flagship Store</h1>" + ARTICLE_TEXT
    resolved = resolve_page(head, body)
    assert resolved.values["title"] == "Come Shopping With Us At Marcello’s New NYC Madison Avenue Flagship Store"


def test_a_list_of_columnists_away_from_the_article_header_names_no_author() -> None:
    columnists = "".join(
        f'<li class="author">{name}</li>' for name in ("Kate Riley", "Omar Haddad", "Lena Ortiz", "Nora Patel")
    )
    # the list comes after the article's text, well past the header
    body = "<h1>Council approves the flood barrier plan</h1>" + ARTICLE_TEXT * 2 + f"<ul>{columnists}</ul>"
    assert "authors" not in resolve_page(HEADLINE_HEAD, body).values
    # the same list with one of them in the article header: that one wrote it
    header = '<p class="byline">By Lena Ortiz</p>'
    body = f"<ul>{columnists}</ul><h1>Council approves the flood barrier plan</h1>{header}" + ARTICLE_TEXT
    assert resolve_page(HEADLINE_HEAD, body).values["authors"] == ("Lena Ortiz",)


def test_scholarly_citation_authors_are_all_listed_last_name_first() -> None:
    head = '<meta name="citation_author" content="Roy, Anil"><meta name="citation_author" content="Patel, Jyoti">'
    resolved = resolve_page(head, ARTICLE_TEXT)
    assert resolved.values["authors"] == ("Anil Roy", "Jyoti Patel")
    assert resolved.provenance["authors"] == "meta"


def test_contributors_label_in_the_page_text_names_the_author() -> None:
    body = "<p>Contributors: Janet Lough Check here for local stock</p>" + ARTICLE_TEXT
    assert resolve_page("", body).values["authors"] == ("Janet Lough",)
    # a bare "Author" without its colon is a word in a sentence
    body = "<p>Bestselling Author Janet Lough visited the council</p>" + ARTICLE_TEXT
    assert "authors" not in resolve_page("", body).values


def test_title_drops_the_section_its_url_names() -> None:
    head = '<meta property="og:title" content="Homestead gardening makes villages self-reliant | District">'
    resolved = resolve_page(head, ARTICLE_TEXT, url="https://www.bssnews.example/district/343604")
    assert resolved.values["title"] == "Homestead gardening makes villages self-reliant"


def test_h1_that_is_the_domain_is_the_site_not_the_headline() -> None:
    resolved = resolve_page(
        "<title>davidbau.com Vibe Coding</title>",
        "<h1>davidbau.com</h1>" + ARTICLE_TEXT,
        url="https://davidbau.com/archives/2025/12/16/vibe_coding.html",
    )
    assert resolved.values["title"] == "Vibe Coding"


def test_h1_drops_a_section_its_url_names_after_the_headline() -> None:
    head = '<meta property="og:title" content="How to help toddlers sleep through the night">'
    body = "<h1>How to help toddlers sleep through the night | Patient Education</h1>" + ARTICLE_TEXT
    resolved = resolve_page(head, body, url="https://health.example.edu/children/patient-education/helping-sleep")
    assert resolved.values["title"] == "How to help toddlers sleep through the night"
    assert resolved.provenance["title"] == "h1"


def test_the_first_title_two_sources_agree_on_wins_over_the_first_by_priority() -> None:
    stories = [json_ld({"@type": "NewsArticle", "headline": f"Other story number {n}"}) for n in range(3)]
    agreed = json_ld({"@type": "NewsArticle", "headline": "Council approves the budget"})
    head = (
        "".join(stories)
        + agreed
        + '<meta property="og:title" content="Council approves the budget">'
        + "<title>Council approves the budget</title>"
    )
    resolved = resolve_page(head, ARTICLE_TEXT)
    assert resolved.values["title"] == "Council approves the budget"
    assert resolved.provenance["title"] == "json-ld (agrees with opengraph)"


def test_titles_from_one_source_alone_do_not_agree() -> None:
    same = json_ld({"@type": "NewsArticle", "headline": "Council approves the budget"})
    head = same * 3 + '<meta property="og:title" content="Budget approved by the council">'
    resolved = resolve_page(head, ARTICLE_TEXT)
    # Three copies from JSON-LD are one source: the first by priority stands, with no agreement claimed.
    assert resolved.values["title"] == "Council approves the budget"
    assert resolved.provenance["title"] == "json-ld"


@pytest.mark.parametrize(
    ("base", "url", "expected"),
    [
        # Relative links resolved against the page's URL pointed at the CDN copy, not where the page says it lives.
        ("https://news.example.org/world/", "https://cdn.example.net/x/page.html", "https://news.example.org/world/"),
        ("/world/", "https://example.org/guides/budget", "https://example.org/world/"),
        ("https://example.org/world/", None, "https://example.org/world/"),
        ("javascript:void(0)", "https://example.org/guides/budget", "https://example.org/guides/"),
    ],
    ids=["absolute", "relative-to-the-page", "no-page-url", "not-a-web-url"],
)
def test_relative_links_resolve_against_the_first_base_href(base: str, url: str | None, expected: str) -> None:
    head = (
        f'<base href="{base}"><base href="https://ignored.example.org/">'
        '<link rel="canonical" href="budget-vote"><meta property="og:image" content="img/lead.jpg">'
    )
    resolved = resolve_page(head, ARTICLE_TEXT, url=url)
    assert resolved.values["canonical_url"] == expected + "budget-vote"
    assert resolved.values["image"] == expected + "img/lead.jpg"


@pytest.mark.parametrize(
    ("head", "source"),
    [
        (json_ld({"@type": "NewsArticle", "isAccessibleForFree": "False"}), "json-ld isAccessibleForFree"),
        (json_ld({"@type": "Article", "isAccessibleForFree": False}), "json-ld isAccessibleForFree"),
        ('<meta property="article:content_tier" content="locked">', "opengraph article:content_tier"),
        (json_ld({"@type": "NewsArticle", "isAccessibleForFree": True}), None),
        ('<meta property="article:content_tier" content="metered">', None),
        (json_ld({"@type": "WebSite", "isAccessibleForFree": False}), None),  # a site node: not this page
    ],
    ids=["string-false", "boolean-false", "locked-tier", "free", "metered-tier", "site-node"],
)
def test_an_article_its_publisher_declares_not_free_is_flagged_paywalled(head: str, source: str | None) -> None:
    resolved = resolve_page(head, ARTICLE_TEXT)
    assert ("paywalled" in resolved.flags) is (source is not None)
    assert resolved.provenance.get("paywalled") == source


@pytest.mark.parametrize(
    ("h1s", "title", "source"),
    [
        (["City News"], "Council approves new budget after long debate", "title-tag"),
        (["City News", "Council approves new budget after long debate"], None, "h1"),
    ],
)
def test_a_logo_h1_naming_the_title_s_unknown_site_segment_is_not_the_headline(
    h1s: list[str], title: str | None, source: str
) -> None:
    # The logo's <h1> shared all its words with the title's "| City News" tail and became the title.
    head = "<title>Council approves new budget after long debate | City News</title>"
    body = "".join(f"<h1>{h1}</h1>" for h1 in h1s) + f"<article>{ARTICLE_TEXT}</article>"
    resolved = resolve_page(head, body, url="https://news.example.com/x/budget")
    assert resolved.values["title"] == (title or "Council approves new budget after long debate")
    assert resolved.provenance["title"] == source


def test_a_headline_shorter_than_the_site_name_after_it_is_still_the_headline() -> None:
    head = "<title>Council approves budget | The Springfield Daily Herald</title>"
    resolved = resolve_page(head, f"<h1>Council approves budget</h1><article>{ARTICLE_TEXT}</article>")
    assert (resolved.values["title"], resolved.provenance["title"]) == ("Council approves budget", "h1")


@pytest.mark.parametrize(
    "block",
    [
        '/*<![CDATA[*/{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Jane Doe"}, "datePublished":'
        ' "2024-05-30T09:15:00Z"}/*]]>*/',
        '//<![CDATA[\n{"@type": "NewsArticle", "author": "Jane Doe", "datePublished": "2024-05-30T09:15:00Z"}\n//]]>',
        '<!-- {"@type": "NewsArticle", "author": "Jane Doe", "datePublished": "2024-05-30T09:15:00Z"} -->',
        '{"@type": "NewsArticle", "author": "Jane Doe", "datePublished": ["2024-05-30T09:15:00Z"]};',
        '{"@type": "NewsArticle", "author": "Jane Doe", "description": "Two\nlines",'
        ' "datePublished": {"@type": "DateTime", "@value": "2024-05-30T09:15:00Z"}}',
    ],
    ids=["cdata-comment", "cdata-line-comment", "html-comment", "date-list-and-semicolon", "raw-newline-value-object"],
)
def test_json_ld_in_a_template_s_wrapper_or_with_a_date_list_is_read(block: str) -> None:
    # Each was skipped as broken JSON-LD (or its date as not a string): no author, no date.
    head = f'<script type="application/ld+json">{block}</script>'
    resolved = resolve_page(head, f"<article><h1>Budget</h1>{ARTICLE_TEXT}</article>")
    assert resolved.values.get("authors") == ("Jane Doe",)
    assert resolved.values["published"] == datetime(2024, 5, 30, 9, 15, tzinfo=UTC)


def test_an_image_from_json_ld_says_so() -> None:
    # It was labelled "opengraph" whatever gave it.
    head = json_ld({"@type": "NewsArticle", "headline": "Budget", "image": {"url": "https://example.org/lead.jpg"}})
    resolved = resolve_page(head, f"<article><h1>Budget</h1>{ARTICLE_TEXT}</article>")
    assert (resolved.values["image"], resolved.provenance["image"]) == ("https://example.org/lead.jpg", "json-ld")
    tagged = resolve_page('<meta property="og:image" content="https://example.org/og.jpg">' + head, ARTICLE_TEXT)
    assert (tagged.values["image"], tagged.provenance["image"]) == ("https://example.org/og.jpg", "opengraph")
