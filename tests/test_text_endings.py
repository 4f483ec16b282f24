"""Rules with `scope = "ending"`: a closing heading takes the apparatus after it, but never cuts an article short."""

from __future__ import annotations

from newsclean._rules import default_rules
from newsclean.cleaners import TextCleaner
from newsclean.cleaners._text import ENDING_REACH

BODY = [f"Paragraph {n} of the story: the council met again and argued about the bridge for hours." for n in range(8)]


def _clean(paragraphs: list[str]) -> tuple[tuple[str, ...], list[tuple[str, str]]]:
    result = TextCleaner(default_rules()).clean(paragraphs)
    return result.paragraphs, [(r.rule, r.text) for r in result.removed]


def test_heading_near_the_end_takes_everything_after_it() -> None:
    tail = ["Further reading", "How the council spent its budget", "A full list of the city's bridges, by age."]
    kept, removed = _clean(BODY + tail)
    assert kept == tuple(BODY)
    assert removed == [("ending.section", text) for text in tail]


def test_heading_in_the_first_half_only_drops_itself() -> None:
    paragraphs = [*BODY[:2], "About the author", *BODY[2:]]
    kept, removed = _clean(paragraphs)
    assert kept == tuple(BODY)
    assert removed == [("ending.section", "About the author")]


def test_heading_too_far_from_the_end_only_drops_itself() -> None:
    body = [f"Line {n} of a very long piece that keeps going with more reporting." for n in range(80)]
    paragraphs = [*body[:50], "Footnotes", *body[50:]]
    assert len(paragraphs) - 1 - 50 > ENDING_REACH
    kept, removed = _clean(paragraphs)
    assert kept == tuple(body)
    assert removed == [("ending.section", "Footnotes")]


def test_paragraph_after_the_heading_keeps_its_own_rule() -> None:
    tail = ["About the author", "Jane Doe covers city hall for the paper.", "Share this:"]
    kept, removed = _clean(BODY + tail)
    assert kept == tuple(BODY)
    assert [rule for rule, _ in removed] == ["ending.section", "ending.section", "widget.share"]


def test_a_sentence_starting_with_the_heading_words_is_not_an_ending() -> None:
    paragraphs = [*BODY, "Further reading of the report shows the council knew about the cracks.", BODY[0]]
    kept, removed = _clean(paragraphs)
    assert kept == tuple(paragraphs)
    assert removed == []


# A feature's second half, under a subheading that is also a widget's label elsewhere: more of the article.
FEATURE = [
    f"Part {n} of the feature: the residents described how the flood reached their homes, and what they lost."
    for n in range(10)
]
SECTION = [
    "Maria Lopez, who has lived on the street for thirty years, said the water rose faster than anyone expected.",
    "Her neighbour spent two nights on the roof before a rescue boat reached him, and he still cannot sleep well.",
    "The city has promised grants for repairs, but many residents said they had not heard back from the office.",
    "Volunteers from the church have been collecting stories like these for an exhibition planned for next spring.",
]


def test_a_subheading_followed_by_more_of_the_article_drops_only_itself() -> None:
    for heading in ("Share your story", "Author", "More to explore"):
        kept, removed = _clean([*FEATURE, heading, *SECTION])
        assert kept == (*FEATURE, *SECTION)
        assert removed == [("ending.also-subheading", heading)]


def test_a_later_heading_still_ends_the_article_after_a_subheading() -> None:
    tail = ["About the author", "Jane Doe covers floods and housing for the paper."]
    kept, removed = _clean([*FEATURE, "Share your story", *SECTION, *tail])
    assert kept == (*FEATURE, *SECTION)
    assert removed == [("ending.also-subheading", "Share your story"), *(("ending.section", text) for text in tail)]


def test_a_long_run_of_links_or_a_short_bio_after_the_heading_still_goes() -> None:
    links = [f"How the flood of {year} changed the city's plans" for year in range(1990, 1998)]
    kept, removed = _clean([*FEATURE, "Further reading", *links])
    assert kept == tuple(FEATURE)
    assert len(removed) == 1 + len(links)
    bio = ["About the author", SECTION[0]]
    kept, removed = _clean([*FEATURE, *bio])
    assert kept == tuple(FEATURE)
    assert removed == [("ending.section", text) for text in bio]


def test_a_heading_that_only_opens_apparatus_takes_a_long_bio_after_a_short_piece() -> None:
    # The bio is over a quarter of this short piece's words, and prose: under "About the author" it is a bio all
    # the same. Under "Author", which features also use as a subheading, the same lines would be kept.
    short = FEATURE[:4]
    bio = [
        "About the author",
        "Jane Doe has written about housing, floods and the people who live with them for fifteen years, first for"
        " a weekly paper in the valley and then for this one.",
        "Her reporting on the 2019 flood won a regional award, and she now edits the paper's climate coverage,"
        " including the series this story belongs to.",
    ]
    kept, removed = _clean([*short, *bio])
    assert kept == tuple(short)
    assert removed == [("ending.section", text) for text in bio]
    kept, removed = _clean([*short, "Author", *bio[1:]])
    assert kept == (*short, *bio[1:])
    assert removed == [("ending.also-subheading", "Author")]
