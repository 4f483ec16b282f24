"""Text dumps that are HTML (a scraped record's ``content`` field often holds the article's markup), and pages
that are plain text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsclean
from newsclean._normalize import looks_like_html_dump
from newsclean.io import JsonlReader

PARAGRAPHS = (
    "The city council voted on Tuesday to approve the new budget after a long and heated debate.",
    "Council members argued for hours over the planned transit line & the money for schools.",
)
FRAGMENT = (
    "<div class='entry-content'><p>" + PARAGRAPHS[0] + "</p>"
    "<p>Council members argued for hours over the planned <a href='/transit'>transit line</a> &amp; the money for"
    " schools.</p></div>"
)


def test_an_html_dump_is_read_as_the_page_it_is() -> None:
    # It was read a line a paragraph: the whole fragment became the title, and the article was empty.
    article = newsclean.clean_text(FRAGMENT)
    assert article.status == "ok" and article.paragraphs == PARAGRAPHS
    assert article.provenance["text"] == "html"
    assert article.paragraphs == newsclean.clean_html(FRAGMENT).paragraphs


def test_the_callers_title_stands_for_the_pages_own() -> None:
    page = f"<html><head><title>Budget passes</title></head><body>{FRAGMENT}</body></html>"
    article = newsclean.clean_text(page, title="Council approves the budget")
    assert (article.title, article.provenance["title"]) == ("Council approves the budget", "caller")
    assert newsclean.clean_text(page).title == "Budget passes"


def test_a_json_record_whose_text_field_holds_html_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps({"url": "https://news.example.com/budget", "content": FRAGMENT}) + "\n")
    (document,) = JsonlReader(path)
    assert isinstance(document, newsclean.Document) and document.text == FRAGMENT
    assert newsclean.Pipeline().run(document).paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    "text",
    [
        "Plain dump title\nThe tutorial says <b>bold</b> is how HTML writes bold text, for readers new to it.",
        "<3 to everyone who came to the opening of the new library on Main Street on Saturday.",
        "< 5 minutes is all it takes to sign up for the council's new newsletter, officials said.",
        "<p align='center'>logo</p>\n\n# Council approves budget\n\nThe **new** budget passed, see [the vote](/v).",
    ],
)
def test_text_that_only_mentions_tags_is_not_taken_for_html(text: str) -> None:
    assert not looks_like_html_dump(text) or text.startswith("<p align")  # the last is Markdown, checked first
    assert newsclean.clean_text(text).provenance.get("text") != "html"


# The other way round: a page that holds no markup at all (a text/plain response, a dump handed to clean_html).
PLAIN_PAGE = (
    "Council approves the budget\n\n"
    "The city council voted on Tuesday to approve the new budget after a long and heated debate.\n\n"
    "Council members argued for hours over the planned transit line and the money for schools.\n\n"
    "Share this:\n"
)


def test_a_page_without_markup_is_read_as_the_text_dump_it_is() -> None:
    # It went to the extractor as one page: the headline stayed in the body and the title was None.
    article = newsclean.clean_html(PLAIN_PAGE)
    assert (article.status, article.title) == ("ok", "Council approves the budget")
    second = "Council members argued for hours over the planned transit line and the money for schools."
    assert article.paragraphs == newsclean.clean_text(PLAIN_PAGE).paragraphs == (PARAGRAPHS[0], second)
    assert article.provenance["text"] == "plain text"
    assert [removal.rule for removal in article.removed] == ["widget.share"]


def test_a_plain_page_in_bytes_keeps_its_decoding() -> None:
    quoted = PLAIN_PAGE.replace("heated debate", "“heated” debate – twice")
    headers = {"Content-Type": "text/plain; charset=windows-1252"}
    article = newsclean.clean_html(quoted.encode("cp1252"), headers=headers)
    assert "“heated” debate – twice" in article.paragraphs[0]
    assert (article.encoding, article.encoding_source, article.provenance["text"]) == (
        "windows-1252",
        "http-header",
        "plain text",
    )


@pytest.mark.parametrize(
    ("page", "read_as"),
    [
        (PLAIN_PAGE.replace("schools.", "schools, a < b and <3."), "plain text"),
        ("# Council approves the budget\n\n" + PARAGRAPHS[0] + " It was **close**.\n", "markdown"),
        (PLAIN_PAGE.replace("Share this:", "<p>Share this:</p>"), None),
        ("<!-- saved -->\n" + PLAIN_PAGE, None),
    ],
    ids=["comparisons", "markdown", "one-tag", "comment"],
)
def test_a_page_is_read_as_text_only_when_nothing_in_it_opens_a_tag(page: str, read_as: str | None) -> None:
    assert newsclean.clean_html(page).provenance.get("text") == read_as
