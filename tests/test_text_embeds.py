"""Embedded social posts: the attribution line and the post before it go; article text around them stays."""

from __future__ import annotations

import newsclean
from newsclean._rules import default_rules
from newsclean.cleaners import TextCleaner
from newsclean.cleaners._embeds import CATEGORY, RULE, drop_embedded_posts, embedded_post_indices

BODY = [
    "The council voted on Tuesday to close the old bridge for two years while engineers rebuild it.",
    "Residents said the detour would add half an hour to their commute, and shops feared lost trade.",
]
POST = "The bridge is closing and nobody asked us. Shameful. pic.twitter.com/AbC123xYz"
ATTRIBUTION = "— Jane Roe (@janeroe) December 20, 2023"


def test_post_and_its_attribution_are_dropped() -> None:
    paragraphs = [BODY[0], POST, ATTRIBUTION, BODY[1]]
    kept, removed = drop_embedded_posts(paragraphs)
    assert kept == BODY
    assert [(r.rule, r.category, r.stage, r.text) for r in removed] == [
        (RULE, CATEGORY, "text", POST),
        (RULE, CATEGORY, "text", ATTRIBUTION),
    ]


def test_post_text_without_a_picture_link_goes_with_its_attribution() -> None:
    post = "Officer involved shooting on Morse Street. No officers hit."
    attribution = "— Chief Brooks (@ChiefBrooksNPD) 22 December 2023"
    assert embedded_post_indices([BODY[0], post, attribution, BODY[1]]) == [1, 2]


def test_a_long_paragraph_before_an_attribution_is_article_text() -> None:
    long_paragraph = " ".join([BODY[0]] * 5)
    assert embedded_post_indices([long_paragraph, ATTRIBUTION]) == [1]


def test_consecutive_attributions_do_not_take_each_other() -> None:
    second = "— John Doe (@johndoe) Dec. 21, 2023"
    assert embedded_post_indices([BODY[0], POST, ATTRIBUTION, second, BODY[1]]) == [1, 2, 3]


def test_lone_picture_link_is_a_post_but_a_long_paragraph_citing_one_is_not() -> None:
    assert embedded_post_indices(["Spoilers. We are doing karaoke all day. pic.twitter.com/JOqwjKBv7r"]) == [0]
    long_paragraph = " ".join([BODY[0]] * 5) + " pic.twitter.com/JOqwjKBv7r"
    assert embedded_post_indices([long_paragraph]) == []


def test_prose_about_twitter_handles_and_dates_stays() -> None:
    paragraphs = [
        "The mayor (@mayor) posted on December 20, 2023 that the bridge would close.",
        "- Jane Roe (@janeroe) said the vote was rushed, in a post on Friday.",
        *BODY,
    ]
    assert drop_embedded_posts(paragraphs) == (paragraphs, [])


def test_text_cleaner_records_embedded_posts() -> None:
    result = TextCleaner(default_rules()).clean([BODY[0], POST, ATTRIBUTION, BODY[1]])
    assert result.paragraphs == tuple(BODY)
    assert result.kept_indices == (0, 3)
    assert [r.rule for r in result.removed] == [RULE, RULE]


def test_pipeline_drops_an_embedded_tweet_from_html() -> None:
    html = (
        "<html><head><title>Bridge closes</title></head><body><article>"
        f"<p>{BODY[0]}</p><blockquote><p>{POST}</p><p>{ATTRIBUTION}</p></blockquote><p>{BODY[1]}</p>"
        "</article></body></html>"
    )
    article = newsclean.Pipeline().clean_html(html)
    assert "pic.twitter.com" not in article.text
    assert "@janeroe" not in article.text
    assert BODY[0] in article.text and BODY[1] in article.text
    assert RULE in {r.rule for r in article.removed}
