"""Seventh rule audit: captions, credits, bylines, date lines and newsletter headings that the peers' dumps kept.

The lines are those a peer's plain-text output kept on the dev sets after ``Pipeline.clean_text``, taken as classes
that recur across sites: a long caption that ends in a picture agency's credit or in "Credit: …", a byline whose name
the dump lost, a credit's label alone, a date line with its time, a sign-up box's heading. As in the earlier audits'
tests, each line is set in a council story, in its middle and as its last paragraph, and cleaned as a text dump:
every one goes anywhere. Prose with the same words stays in both places.
"""

from __future__ import annotations

import pytest
from _audit_lines import STORY, assert_kept, assert_removed_by
from test_rule_audit_round3 import BODY, _clean

import newsclean

ANYWHERE = {
    # Long captions ending in an agency's credit (caption.agency-credit reads 20 words at most).
    "Members of the Havasupai Tribe walk down to a popular campground at Grand Canyon National Park, May 5, 2023."
    " (AP Photo/Ty O’Neil, File)": "caption.closing-agency-credit",
    "FILE - Fans watch from a suite during the first half of an NFL football game between the Kansas City Chiefs and"
    " the Los Angeles Chargers, Oct. 22, 2023, in Kansas City, Mo. (AP Photo/Ed Zurga)": (
        "caption.closing-agency-credit"
    ),
    "After years of waiting and a few tense days, the club's president welcomed the pitcher to the team on Thursday."
    " Photo by Jane Roe/Getty Images": "caption.closing-agency-credit",
    "The champion will fight for the third time this year on Saturday, and he is eyeing a rematch to start 2024."
    " Julian Finney/Getty Images": "caption.closing-agency-credit",
    "Supporters of the dancers gather for a rally outside the bar on August 19, 2022 in North Hollywood, California."
    " AFP via Getty Images": "caption.closing-agency-credit",
    "Police officers stand guard in front of the university's main building on 22 December after the gunman opened"
    " fire on students. Jane Roe/AP": "caption.closing-agency-credit",
    "UCG/Universal Images Group via Getty Images, FILE": "caption.closing-agency-credit",
    "Mohammed Abed / AFP - Getty Images": "caption.closing-agency-credit",
    "Photograph by Peter Macdiarmid, Getty Images": "caption.closing-agency-credit",
    "Getty Images | Maria Symchych-Navrotska": "caption.closing-agency-credit",
    # "Getty" alone.
    "Getty": "caption.agency-credit",
    "(Getty)": "caption.agency-credit",
    # "Credit:" and "Photograph:" as a caption's closing label.
    "A view of the December 18, 2023 eruption near the town seen from a helicopter. Credit: IMO.": (
        "caption.trailing-credit"
    ),
    "The regenerating tentacle of the jellyfish is fully functional after amputation. Credit: Jane Roe, The"
    " University of Tokyo": "caption.trailing-credit",
    "Windows 10 has hundreds of millions of users still, despite launching in 2015. Credit: Microsoft": (
        "caption.trailing-credit"
    ),
    "(Credit: Samantha Gale)": "caption.trailing-credit",
    "Apple headquarters sign (Credit: Shutterstock / Michael Vi)": "caption.trailing-credit",
    "Armed police on the balcony of the university in central Prague on 21 December. Photograph: Jane Roe": (
        "caption.trailing-credit"
    ),
    # Bylines whose name the dump lost, and a credit's label alone.
    "By | jdoe@example.com | New York Daily News": "byline.lost-name",
    "By | jroe@example.com | New York Daily News and | jdoe@example.com | New York Daily News": "byline.lost-name",
    "By , Intelligencer staff writer": "byline.lost-name",
    "by | Dec 22, 2023": "byline.lost-name",
    "by | Apr 21, 2025 | Event Planning | 0 comments": "byline.lost-name",
    "By and on": "byline.lost-name",
    "By 4 Comments": "byline.lost-name",
    "Written By": "byline.bare-label",
    "Written By:": "byline.bare-label",
    "WRITTEN BY": "byline.bare-label",
    # Date lines with their time.
    "First published on December 22, 2023 / 1:54 PM EST": "byline.dateline",
    "Published: 10:27 AM PST, December 21, 2023": "byline.dateline",
    "Published: Dec 22, 2023 04:25:02 PM IST": "byline.dateline",
    "December 21, 2023 / 12:00 AM": "byline.dateline",
    "December 27, 2023 - 10:37": "byline.dateline",
    "December 21, 2023 - 4:03PM": "byline.dateline",
    "8:00 PM EST, Tue December 19, 2023": "byline.dateline",
    "Jan 26, 2023 2:01 pm·": "byline.dateline",
    "Dec 22, 2023, 7:33 PM UTC|": "byline.dateline",
    # A sign-up box's heading.
    "PC Gamer Newsletter": "newsletter.name-heading",
    "Get the Space.com Newsletter": "newsletter.name-heading",
    "THR Newsletters": "newsletter.name-heading",
    "Daily Briefing Newsletter": "newsletter.name-heading",
    "Manage Newsletters": "newsletter.name-heading",
}

PROSE = [
    # Agencies and photographs in prose.
    "The photo agency Getty Images said it would appeal the ruling in the case against the AI company.",
    "The footage was shared by news agencies including Reuters and the AP.",
    "Members of the tribe said the canyon was sacred to them, according to AP.",
    "He sold the pictures to AP and AFP, the court heard on Tuesday.",
    "The museum bought the painting from the J. Paul Getty Trust in 1998.",
    "Getty said the images had been used without a licence.",
    "He kept one photograph: the one of his mother at the harbour.",
    "The bank cut rates again. Credit: cheaper for everyone, the governor said, and that is the point.",
    "Tax credit: who qualifies and how to claim it",
    "Main image credit: Getty",
    # "By" and "Written by" in prose.
    "By and large, the council kept its promises to the schools.",
    "By 4 p.m. the comments section was closed and the vote had begun.",
    "By, for and with the community, the festival grew every year.",
    "Written by hand, the letters took weeks to arrive.",
    "Written by two former editors, the report runs to 400 pages.",
    "By",
    # Dates and times in prose, and a date alone a gold page keeps.
    "First published on December 22, 2023, the report was corrected twice.",
    "December 21, 2023 / 12:00 AM was when the deadline passed, the court heard.",
    "8:00 PM EST, Tue December 19, 2023: the polls closed and the count began.",
    "Published at 10:27 AM on December 21, 2023, the notice gave residents a week to object.",
    # Newsletters in prose.
    "She started the newsletter.",
    "The newsletter goes out on Fridays.",
    "Newsletter writers say open rates are falling.",
    "Subscribers to the newsletter were told on Monday.",
]


@pytest.mark.parametrize("where", ["middle", "tail"])
@pytest.mark.parametrize(("line", "rule"), ANYWHERE.items())
def test_boilerplate_goes_by_its_rule(line: str, rule: str, where: str) -> None:
    assert_removed_by(_clean(line, where), line, rule, BODY)


@pytest.mark.parametrize("where", ["middle", "tail"])
@pytest.mark.parametrize("line", PROSE)
def test_prose_is_kept(line: str, where: str) -> None:
    assert_kept(_clean(line, where), line)


def test_a_dump_loses_its_credits_and_keeps_its_story() -> None:
    # A peer's dump of a wire story: the byline and date line above it, captions with their credits between its
    # paragraphs, a newsletter box below.
    above = ("By | jdoe@example.com | Daily News", "First published on December 22, 2023 / 1:54 PM EST")
    caption = (
        "Council members listen during a meeting at city hall on Tuesday, Dec. 19, 2023, in the district."
        " (AP Photo/Jane Roe, File)"
    )
    credit = "A map of the transit lines the budget pays for, approved on Tuesday. Credit: City of Example."
    below = ("Written By", "Daily Briefing Newsletter")
    paragraphs = [
        "Council approves new budget for schools",
        *above,
        STORY[0],
        caption,
        STORY[1],
        STORY[2],
        credit,
        STORY[3],
        *below,
    ]
    article = newsclean.clean_text("\n\n".join(paragraphs) + "\n", url="https://example.com/news/council-budget")
    removed = {removal.text for removal in article.removed}
    assert {*above, caption, credit, *below} <= removed
    assert all(sentence in article.text for sentence in STORY)
