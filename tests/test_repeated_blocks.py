"""A second copy of the article's text goes, with a record of each paragraph; what an article repeats of its own
(a refrain, a list shown twice, a short run) stays."""

from __future__ import annotations

import newsclean
from newsclean.cleaners._repeated_blocks import CATEGORY, MIN_BLOCK, RULE, drop_repeated_blocks

ARTICLE = [
    "How much to charge for a class",
    "The right price can be the difference between a packed studio and an empty one every week.",
    "Costs differ from city to city, and so do the rates that students are willing to pay for a class.",
    "Pricing",
    "Teachers who rent a room pay by the hour, which sets the floor for any price they can ask.",
    "A drop-in rate above the monthly pass rewards the students who commit to a full month of classes.",
    "Discounts for groups fill the quiet hours of the week without lowering the price of the busy ones.",
]
CLOSING = "Try the booking tool free for fourteen days and see how it fits your studio's week."


def test_the_second_copy_of_the_article_goes_with_a_record_per_paragraph() -> None:
    paragraphs = [*ARTICLE, CLOSING, *ARTICLE]
    kept, removed = drop_repeated_blocks(paragraphs)
    assert kept == [*ARTICLE, CLOSING]
    assert [removal.text for removal in removed] == ARTICLE  # its headings too, inside the run
    assert {(removal.rule, removal.category, removal.stage) for removal in removed} == {(RULE, CATEGORY, "text")}


def test_a_refrain_and_a_short_repeated_run_stay() -> None:
    refrain = ARTICLE[1]
    paragraphs = [*ARTICLE, refrain, CLOSING, refrain]
    assert drop_repeated_blocks(paragraphs) == (paragraphs, [])
    short_run = [*ARTICLE, CLOSING, *ARTICLE[1 : 1 + MIN_BLOCK - 1]]
    assert drop_repeated_blocks(short_run) == (short_run, [])


def test_a_list_shown_twice_stays() -> None:
    picks = [
        f"- Pick {number}: the best studio booking app for teachers who travel between cities" for number in "123456"
    ]
    paragraphs = [*picks, *ARTICLE, *picks]
    assert drop_repeated_blocks(paragraphs) == (paragraphs, [])


def test_a_run_must_be_unbroken() -> None:
    # the same paragraphs again, each after new text: the article discussing its points, not a copy of it
    prose = [ARTICLE[1], ARTICLE[2], ARTICLE[4], ARTICLE[5]]
    interleaved = [*prose]
    for number, paragraph in enumerate(prose):
        interleaved += [f"Point {number} matters because each studio sets its prices in its own way.", paragraph]
    assert drop_repeated_blocks(interleaved) == (interleaved, [])


def test_a_text_dump_with_its_article_twice_comes_out_once() -> None:
    article = newsclean.clean_text("\n".join([*ARTICLE, *ARTICLE]))
    assert article.paragraphs == tuple(ARTICLE[1:])  # the first line became the title
    assert article.title == ARTICLE[0]
    assert [removal.text for removal in article.removed if removal.rule == RULE] == ARTICLE  # its title again too
