"""Seventh pass on dev-set precision: furniture left in newsclean's own output, checked in context.

The lines are classes of non-gold output that recur on several sites of the dev sets (docs/text-cleaning.md, "A seventh
pass on dev-set precision"): inline teaser labels ("REQUIRED READING:", "Also:", "Next:", "You may also be interested:")
and the "You may like" label alone, a photo shoot's credit roles, a podcast's production credits, and a recent-posts
list with each post's date. Each line is set in a council story and cleaned as a text dump: the furniture goes,
credited to its rule, and the story stays; prose with the same words stays. The tail-scoped rules act on the last
paragraphs only, so their lines are also set early in a long story, where they stay.
"""

from __future__ import annotations

import pytest
from _audit_lines import BODY, HEAD, assert_kept, assert_removed_by

import newsclean

# Enough paragraphs after a line set early that it is out of the tail's reach (the last six paragraphs kept).
LONG_BODY = (
    *BODY,
    "Parents at the meeting asked how the money for the new classrooms would be spent over the next three years.",
    "The finance director said the district would publish a spending plan for each school before the end of March.",
    "A bond measure for the library branches is expected to reach the ballot in November, officials said.",
    "Two members said they would vote against the bond unless the council found savings elsewhere in the budget.",
    "The council meets again on Thursday to discuss the transit plan and the new bus routes for the east side.",
)

ANYWHERE = {
    "REQUIRED READING: Michigan basketball's Juwan Howard cleared to return as head coach, AD announces": (
        "related.inline"
    ),
    "REQUIRED READING: Families have verbal fights all the time. Here's what makes this situation different.": (
        "related.inline"
    ),
    "Also: Two breakthroughs made 2023 tech's most innovative year in over a decade": "related.inline",
    "Also: The best wireless headphones": "related.inline",
    "Next: Singer Shares Passionate Cover of ‘Jingle Bells’ at Holiday Show": "related.inline",
    "Digitech: Demola Heshin": "caption.shoot-credit",
    "Photo Retouching: Jinx Studios": "caption.shoot-credit",
    "Prop Stylist: Desola Falomo": "caption.shoot-credit",
    "Manicurist: Jessica at Kachy Nails": "caption.shoot-credit",
    "Market Styling Assistant: Jahn Affah": "caption.shoot-credit",
    "Line Producer: Salma Saliu": "caption.shoot-credit",
    "Art & Design Director: Emily Zirimis": "caption.shoot-credit",
    "Designer: Liz Coulbourn": "caption.shoot-credit",
    "You may also be interested: Best Course Creation Software": "related.inline",
    "You may like": "widget.page-furniture",
    "You May Also Check:": "widget.page-furniture",
}

TAIL = {
    "This episode was produced by Berly McCoy, edited by Rebecca Ramirez and fact checked by Brit Hanson. The audio"
    " engineer was Josh Newell.": "byline.production-credit",
    "Interview with Bruce Dern produced by Ben Edwards.": "byline.production-credit",
    "Today’s show was edited by Jane Roe and mixed by John Doe.": "byline.production-credit",
    "- A Mindful Approach to New Year’s Resolutions - January 13, 2020": "related.dated-teaser",
    "- The Ultimate Guide to Surviving (and Thriving) on a Long-Haul Flight ✈️ - December 8, 2025": (
        "related.dated-teaser"
    ),
}

PROSE = [
    "Also: how much time do you spend debugging the new system? That is hidden slowness, the auditor said.",
    "Also: The company said it would cut 200 jobs.",
    "Next: The council votes on the budget on Tuesday.",
    "Next year the council will vote on the transit plan again.",
    "Required reading for the new members is the 400-page audit of the transit agency.",
    "Designer: the brief was to make the library last a century, she said.",
    "Line producers earn less than they did a decade ago, the union says.",
    "This episode was produced by a studio that has since closed, the network said.",
    "The series is produced by Shonda Rhimes and premieres in March.",
    "- The council approved the plan on January 13, 2020",
    "- Deadline - January 13, 2020, for all applications",
    "The family's statement, issued in Ohio - March 3, 1998",
    "You may like the new menu more than the old one, the chef said.",
]


def _clean(line: str, where: str) -> newsclean.Article:
    if where == "middle":
        paragraphs = [*HEAD, line, *BODY]
    elif where == "early":
        paragraphs = [*HEAD, line, *LONG_BODY]
    else:
        paragraphs = [*HEAD, *BODY, line]
    return newsclean.clean_text("\n\n".join(paragraphs) + "\n")


@pytest.mark.parametrize("where", ["middle", "tail"])
@pytest.mark.parametrize(("line", "rule"), ANYWHERE.items())
def test_furniture_goes_anywhere(line: str, rule: str, where: str) -> None:
    assert_removed_by(_clean(line, where), line, rule, BODY)


@pytest.mark.parametrize(("line", "rule"), TAIL.items())
def test_closing_furniture_goes_at_the_end(line: str, rule: str) -> None:
    assert_removed_by(_clean(line, "tail"), line, rule, BODY)


@pytest.mark.parametrize("line", TAIL)
def test_closing_furniture_stays_early_in_a_long_story(line: str) -> None:
    assert_kept(_clean(line, "early"), line)


@pytest.mark.parametrize("where", ["middle", "tail", "early"])
@pytest.mark.parametrize("line", PROSE)
def test_prose_is_kept(line: str, where: str) -> None:
    assert_kept(_clean(line, where), line)


def test_a_recent_posts_list_goes_with_its_dates() -> None:
    """A story that ends in a WordPress recent-posts widget: its three dated items go, the story stays."""
    items = [
        "- A Mindful Approach to New Year’s Resolutions - January 13, 2020",
        "- Just This Next Step - December 16, 2019",
        "- WAIT: A Mindfulness Practice for Waiting in Line - December 9, 2019",
    ]
    article = newsclean.clean_text("\n\n".join([*HEAD, *BODY, *items]) + "\n")
    assert [r.rule for r in article.removed if r.text in items] == ["related.dated-teaser"] * 3
    assert all(sentence in article.text for sentence in BODY)
