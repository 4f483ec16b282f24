"""A drop cap is joined to the word it begins (``_drop_caps``)."""

from __future__ import annotations

import pytest

import newsclean

REST = [
    "The council met on Tuesday evening to vote on the harbour bridge repairs after months of debate in the chamber.",
    "Engineers had warned that the steel supports were corroding faster than expected after two very wet winters.",
    "The works will cost about twelve million dollars and close one lane of traffic until the autumn of next year.",
]


def _article(first_paragraph: str, *, before: str = "") -> str:
    rest = "".join(f"<p>{paragraph}</p>" for paragraph in REST)
    return (
        "<html><head><title>Bridge repairs approved</title></head><body>"
        f"<main>{before}<article><p>{first_paragraph}</p>{rest}</article></main></body></html>"
    )


def _first_paragraph(html: str) -> str:
    article = newsclean.clean_html(html, url="https://gazette.example/news/bridge")
    assert list(article.paragraphs[1:]) == REST
    return article.paragraphs[0]


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # The letter's box indented over lines, as a template writes it: "F our years before" came out.
        (
            '<span class="intro"><span class="a-dropcap-intro">\n\t\t<span class="size-74">F</span>\n\t</span>our years'
            " before</span> the bridge opened, the city had no crossing east of the harbour at all.",
            "Four years before the bridge opened, the city had no crossing east of the harbour at all.",
        ),
        (
            '<span class="dropcap">T</span>he bridge opened in 1961 and has carried the traffic ever since then.',
            "The bridge opened in 1961 and has carried the traffic ever since then.",
        ),
        (
            '<span class="ArticlePage-articleBody-firstLetter">“W</span>e cannot wait another winter,” the mayor said'
            " at the start of the meeting.",
            "“We cannot wait another winter,” the mayor said at the start of the meeting.",
        ),
        # A space after an inline drop cap is a word space: "A man", not "Aman".
        (
            '<span class="dropcap">A</span> man who crosses the bridge every day said the repairs were long overdue.',
            "A man who crosses the bridge every day said the repairs were long overdue.",
        ),
    ],
    ids=["whitespace-inside-its-box", "plain", "with-a-quote-mark", "a-word-of-one-letter"],
)
def test_an_inline_drop_cap_is_joined_to_the_text_right_after_it(markup: str, expected: str) -> None:
    assert _first_paragraph(_article(markup)) == expected


def test_a_block_drop_cap_outside_the_article_begins_its_first_word() -> None:
    # The letter in a <div> before the article's container: the extractor kept "uring the pandemic".
    html = _article(
        "uring the pandemic the ferry ran twice an hour, and the council says it will do so again during the works.",
        before='<div class="post-first-letter">D</div>\n  ',
    )
    assert _first_paragraph(html) == (
        "During the pandemic the ferry ran twice an hour, and the council says it will do so again during the works."
    )


def test_a_block_drop_cap_that_may_be_a_word_of_its_own_is_left() -> None:
    # "A" before a block may be a word ("A man …") or begin one ("A|fter"): which cannot be told, so it is not joined.
    html = _article(
        "man who crosses the bridge every day said the repairs were long overdue and welcome news for commuters.",
        before='<div class="first-letter">A</div>',
    )
    assert not _first_paragraph(html).startswith("Aman")


def test_a_drop_cap_class_on_more_than_a_letter_is_left() -> None:
    html = _article('<span class="dropcap">Breaking</span> news from the council chamber as the bridge vote is held.')
    assert _first_paragraph(html) == "Breaking news from the council chamber as the bridge vote is held."
