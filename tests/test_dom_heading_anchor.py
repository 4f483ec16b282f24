"""A heading's id made from its own words (a CMS or table-of-contents anchor) is not a widget's class word."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsclean._rules import default_rules
from newsclean.cleaners import DomCleaner
from newsclean.cleaners._dom import is_heading_anchor

BODY = " ".join(["The council approved the budget on Tuesday after a long and heated debate."] * 10)


def _removed(snippet: str) -> list[tuple[str, str]]:
    tree = LexborHTMLParser(f"<html><body><article><p>{BODY}</p></article>{snippet}</body></html>")
    return [(r.rule, r.text) for r in DomCleaner(default_rules()).clean(tree).removed]


@pytest.mark.parametrize(
    ("identifier", "text"),
    [
        ("3-upgrading-the-curb-appeal", "3. Upgrading the Curb Appeal"),
        (
            "h-balancing-aesthetic-appeal-with-long-term-function-nbsp",
            "Balancing Aesthetic Appeal with Long-Term Function",
        ),
        ("how_to_contribute", "How to contribute"),
        ("Share_Ware_On_Sale", "Share Ware On Sale"),
        ("toc-related-work", "Related work"),
    ],
)
def test_an_id_holding_the_headings_words_in_order_is_an_anchor(identifier: str, text: str) -> None:
    assert is_heading_anchor(identifier, text)


@pytest.mark.parametrize(
    ("identifier", "text"),
    [
        ("related-content-nav", "Other Sections"),  # a widget's id on an unrelated heading
        ("share_post_h1", "Share the post"),  # words of the heading, but not in its order
        ("site-index-subscribe-label", "Subscribe"),  # one word: a widget name as often as a slug
        ("appeal", ""),
    ],
)
def test_other_ids_are_not_anchors(identifier: str, text: str) -> None:
    assert not is_heading_anchor(identifier, text)


def test_a_heading_whose_anchor_holds_a_widget_word_stays() -> None:
    removed = _removed(
        '<h3 id="3-upgrading-the-curb-appeal">3. Upgrading the Curb Appeal</h3>'
        '<h2 id="how-to-contribute">How to contribute</h2>'
        '<div id="donation-appeal"><p>Please give what you can.</p></div>'
    )
    assert removed == [("dom.donation-box", "Please give what you can.")]


def test_a_heading_with_a_widget_class_goes_whatever_its_id() -> None:
    assert _removed('<h2 class="related-posts" id="related-posts">Related posts</h2>') == [
        ("dom.related-box", "Related posts")
    ]


def test_a_heading_whose_id_is_not_its_own_words_goes() -> None:
    assert _removed('<h2 id="related-content-nav">Other Sections</h2>') == [("dom.related-box", "Other Sections")]


def test_the_anchor_test_applies_to_headings_only() -> None:
    # A box's id that happens to spell its first words is still the box's name.
    removed = _removed('<div id="related-posts"><p>Related posts</p><a href="/a">Another story</a></div>')
    assert [rule for rule, _ in removed] == ["dom.related-box"]
