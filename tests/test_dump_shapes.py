"""How a dump's shape is read: HTML fragments that open with any element, and the title after removed lines."""

from __future__ import annotations

import pytest

import newsclean

BODY = (
    "The city council voted on Tuesday to approve a new budget that raises spending on schools and roads.\n"
    "Mayor Jane Smith said the plan was the best the city could afford this year, after months of talks."
)
PARAGRAPHS = tuple(BODY.split("\n"))
FRAGMENT = "".join(f"<p>{line}</p>\n" for line in PARAGRAPHS)


@pytest.mark.parametrize(
    "head",
    [
        "<style>.x{color:red}</style>\n",
        "<script>var ready = true;</script>\n",
        '<?xml version="1.0" encoding="utf-8"?>\n',
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav>\n',
        '<iframe src="https://video.example.com/embed/1"></iframe>\n',
        "<aside>Sponsored</aside>\n",
        "<font size=2>",
        "<center>",
    ],
)
def test_an_html_fragment_is_read_as_a_page_whatever_element_opens_it(head: str) -> None:
    article = newsclean.clean_text(head + FRAGMENT)
    assert article.provenance.get("text") == "html"
    assert article.paragraphs == PARAGRAPHS


def test_a_dump_opening_with_an_embed_line_and_no_text_blocks_stays_a_dump() -> None:
    article = newsclean.clean_text(f'<iframe src="https://video.example.com/embed/1"></iframe>\n{BODY}')
    assert article.provenance.get("text") is None
    assert article.paragraphs == PARAGRAPHS
    assert [r.rule for r in article.removed] == ["widget.stray-markup"]


@pytest.mark.parametrize(
    "first_line",
    [
        '<iframe src="https://video.example.com/embed/1"></iframe>',
        "Reading Time: 3 minutes",
        "Advertisement",
    ],
)
def test_the_title_is_the_first_line_the_cleaners_leave(first_line: str) -> None:
    article = newsclean.clean_text(f"{first_line}\nCouncil approves new budget\n{BODY}")
    assert article.title == "Council approves new budget"
    assert article.provenance["title"] == "first-line"
    assert article.paragraphs == PARAGRAPHS


def test_a_first_line_left_that_reads_as_prose_is_no_title() -> None:
    article = newsclean.clean_text(f"Advertisement\n{BODY}")
    assert article.title is None
    assert article.paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    ("title", "first_line"),
    [
        ("Council's new budget approved", "Council’s new budget approved"),
        ('Council calls the budget "fair"', "Council calls the budget “fair”"),
        ("Budget approved - schools win", "Budget approved — schools win"),
        ("Budget approved – schools win", "Budget approved - schools win"),
    ],
)
def test_a_headline_repeated_with_other_quotes_or_dashes_is_still_the_title(title: str, first_line: str) -> None:
    article = newsclean.clean_text(f"{first_line}\n{BODY}", title=title)
    assert article.paragraphs == PARAGRAPHS
    assert [r.rule for r in article.removed] == ["heuristic.title-repeat"]


def test_phrase_rules_match_whatever_apostrophe_the_page_writes() -> None:
    article = newsclean.clean_text(f"Council approves new budget\n{BODY}\nOnce you’re here…")
    assert article.paragraphs == PARAGRAPHS
    assert [(r.rule, r.text) for r in article.removed] == [("related.heading", "Once you’re here…")]


def test_a_first_line_title_loses_the_site_name_its_url_names() -> None:
    dump = f"Council approves new budget | The Springfield Gazette\n{BODY}"
    article = newsclean.clean_text(dump, url="https://www.springfieldgazette.com/news/budget")
    assert article.title == "Council approves new budget"
    assert article.paragraphs == PARAGRAPHS
    unnamed = newsclean.clean_text(dump, url="https://news.example.com/budget")  # the URL names another site
    assert unnamed.title == "Council approves new budget | The Springfield Gazette"


def test_a_line_that_is_only_the_sites_name_is_no_title_and_stays() -> None:
    article = newsclean.clean_text(f"Springfield Gazette\n{BODY}", url="https://springfieldgazette.com/a")
    assert article.title is None
    assert article.paragraphs == ("Springfield Gazette", *PARAGRAPHS)


def test_a_callers_title_with_the_site_name_still_finds_the_headline_repeated() -> None:
    article = newsclean.clean_text(
        f"Council approves new budget\n{BODY}",
        title="Council approves new budget - Springfield Gazette",
        url="https://springfieldgazette.com/a",
    )
    assert article.title == "Council approves new budget - Springfield Gazette"  # the caller's title stands
    assert article.paragraphs == PARAGRAPHS
    assert [r.rule for r in article.removed] == ["heuristic.title-repeat"]


def test_a_page_saved_as_text_loses_its_skip_link_and_breadcrumb_and_keeps_its_headline() -> None:
    article = newsclean.clean_text(f"Skip to main content\nHome » News » Local\nCouncil approves new budget\n{BODY}")
    assert article.title == "Council approves new budget"
    assert article.paragraphs == PARAGRAPHS
    assert [r.rule for r in article.removed] == ["widget.page-furniture", "widget.breadcrumb"]


def test_a_newsletter_saved_as_text_keeps_only_its_article() -> None:
    newsletter = (
        "View this email in your browser\n"
        "Council approves new budget\n"
        f"{BODY}\n"
        "You are receiving this email because you opted in via our website.\n"
        "Our mailing address is:\n"
        "Want to change how you receive these emails?\n"
        "You can update your preferences or unsubscribe from this list.\n"
    )
    article = newsclean.clean_text(newsletter)
    assert article.title == "Council approves new budget"
    assert article.paragraphs == PARAGRAPHS
    assert {r.rule for r in article.removed} == {"newsletter.email-footer"} and len(article.removed) == 5


@pytest.mark.parametrize(
    "title",
    ["Council approves new budget | Springfield Gazette", "Springfield Gazette - Council approves new budget"],
)
def test_a_callers_title_with_a_site_name_and_no_url_still_finds_the_headline_repeated(title: str) -> None:
    article = newsclean.clean_text(f"Council approves new budget\n{BODY}", title=title)
    assert article.paragraphs == PARAGRAPHS
    assert [r.rule for r in article.removed] == ["heuristic.title-repeat"]


def test_a_short_part_of_a_callers_title_is_not_taken_for_its_headline() -> None:
    article = newsclean.clean_text(f"Budget approved\n{BODY}", title="Budget approved - schools win")
    assert article.paragraphs == ("Budget approved", *PARAGRAPHS)  # two words: as likely a subheading


SHORTCODES = ["[convertkit form=1630175]", '[button link="https://example.com/review/" type="big"]Review it[/button]']


def test_a_shortcode_the_site_left_unexpanded_goes_from_a_dump_and_from_a_page() -> None:
    first, second = PARAGRAPHS
    dump = newsclean.clean_text(f"{first}\n{SHORTCODES[0]}\n{second}\n{SHORTCODES[1]}")
    page = newsclean.clean_html(
        "<html><body><article><h1>Council approves new budget</h1>"
        + "".join(f"<p>{line}</p>" for line in (first, SHORTCODES[0], second, SHORTCODES[1]))
        + "</article></body></html>"
    )
    for article in (dump, page):
        assert article.paragraphs == PARAGRAPHS
        shortcodes = [(r.rule, r.text) for r in article.removed if r.rule != "heuristic.title-repeat"]
        assert shortcodes == [("widget.shortcode", code) for code in SHORTCODES]


def test_a_shortcode_that_opens_a_sentence_stays_with_it() -> None:
    line = '[dropcap style="big"]T[/dropcap]he council met again on Wednesday to settle the last items of the budget.'
    article = newsclean.clean_text(f"{PARAGRAPHS[0]}\n{line}")
    assert article.paragraphs == (PARAGRAPHS[0], line)
    assert article.removed == ()
