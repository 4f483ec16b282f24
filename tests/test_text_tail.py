"""Trailing teaser headlines: a run of them after the article goes; a lone closing subheading stays."""

from __future__ import annotations

import newsclean
from newsclean.cleaners._text_tail import RULE, drop_trailing_teasers, is_headline_shaped

BODY = [
    "The council voted on Tuesday to close the old bridge for two years while engineers rebuild it.",
    "Residents said the detour would add half an hour to their commute, and shops feared lost trade.",
    "The mayor promised a free shuttle bus across the river until the new bridge opens in 2027.",
]
TEASERS = ["Supreme Court Set To Decide Cases On Election Rules", "Local Bakery Wins National Bread Prize"]


def test_run_of_headlines_at_the_end_is_dropped() -> None:
    kept, removed = drop_trailing_teasers(BODY + TEASERS)
    assert kept == BODY
    assert [(r.rule, r.category, r.text) for r in removed] == [(RULE, "related", t) for t in TEASERS]


def test_single_closing_subheading_stays() -> None:
    paragraphs = [*BODY, "What Happens Next For The Bridge"]
    assert drop_trailing_teasers(paragraphs) == (paragraphs, [])


def test_headlines_that_are_most_of_the_text_stay() -> None:
    paragraphs = [BODY[0], *TEASERS, "Another Story About The River Crossing Here"]
    assert drop_trailing_teasers(paragraphs) == (paragraphs, [])


def test_list_items_and_sentences_are_not_headlines() -> None:
    assert is_headline_shaped(TEASERS[0])
    assert not is_headline_shaped("- Supreme Court Set To Decide Cases On Election Rules")
    assert not is_headline_shaped("The Court Will Decide Soon, Lawyers Said.")
    assert not is_headline_shaped("the court will decide on the rules soon")
    assert not is_headline_shaped("Short Line")
    paragraphs = [*BODY, "- First Item Of The Closing List", "- Second Item Of The Closing List"]
    assert drop_trailing_teasers(paragraphs) == (paragraphs, [])


READING_LIST = [
    "The Overstory by Richard Powers",
    "Klara and the Sun by Kazuo Ishiguro",  # too few capitals to be headline-shaped
    "The Vanishing Half by Brit Bennett",
    "Demon Copperhead by Barbara Kingsolver",
]


def test_a_list_the_article_announces_with_a_colon_stays() -> None:
    paragraphs = [*BODY, "Here are the books our critics recommend most this summer:", *READING_LIST]
    assert drop_trailing_teasers(paragraphs) == (paragraphs, [])
    dump = newsclean.clean_text("\n".join(["Summer reading", *paragraphs]))
    assert dump.paragraphs[-4:] == tuple(READING_LIST)


def test_teasers_after_a_sentence_still_go_after_a_colon_earlier_in_the_text() -> None:
    paragraphs = [BODY[0], "The plan has three parts:", *BODY[1:], *TEASERS]
    kept, removed = drop_trailing_teasers(paragraphs)
    assert kept == paragraphs[:-2] and [r.text for r in removed] == TEASERS


def test_pipeline_records_the_removal() -> None:
    article = newsclean.clean_text("\n\n".join(BODY + TEASERS), title="Council closes the old bridge")
    assert article.paragraphs == tuple(BODY)
    assert [r.rule for r in article.removed] == [RULE, RULE]
