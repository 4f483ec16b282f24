"""Fifth rule audit: promotional, contact and disclosure lines that the rules left in the output, checked in context.

As in the earlier audits' tests, each line is set in a council story, in its middle and as its last paragraph, and
cleaned as a text dump. Lines that only close an article (a desk's contact line, a newsletter's pitch, an affiliate
disclaimer in other words) go at the tail and stay in the middle, where the dev sets' gold keeps such lines as
article text; lines that say what they are outright (a sponsored label, an ad-sales pitch, a paywall's label) go
anywhere. Prose with the same words stays in both places.
"""

from __future__ import annotations

import pytest
from _audit_lines import assert_kept, assert_removed_by
from test_rule_audit_round3 import BODY, _clean

import newsclean

ANYWHERE = {
    "Some of the links in this guide are affiliate links.": "copyright.affiliate-statement",
    "Also, this article contains sponsored content.": "copyright.affiliate-statement",
    "For more information, visit our disclosure policy.": "copyright.affiliate-statement",
    "The Example Ledger has a disclosure policy.": "copyright.affiliate-statement",
    "Sponsored": "widget.advertisement",
    "Want to advertise with the Riverside Gazette?": "widget.advertise-with-us",
    "If your brand wants to reach 40,000 teachers, you may want to consider advertising with us.": (
        "widget.advertise-with-us"
    ),
    "Consider becoming a sponsor of the Harbour Lights Festival. Learn more here.": "widget.advertise-with-us",
    "For more Science and Health coverage, visit example.org/health": "related.read-more-on-site",
    "This story is exclusive to Example Plus members": "widget.login-prompt",
    "Is this email not displaying correctly? View it in your browser.": "newsletter.email-footer",
}

TAIL = {
    "Wondering what makes a rainbow double? Email us at skydesk@example.org.": "footer.contact",
    "Contact staff writer Maria Lopez at 555-0142, marialopez.07 on Signal, or mlopez@example.com.": "footer.contact",
    "Contact Omar with tips about city hall via email, omar.b@example.net.": "footer.contact",
    "Join our Birding Forums to keep talking about migrations and sightings! And if you have a tip or a correction,"
    " let us know at: birds@example.com.": "footer.contact",
    "Do you want to submit a photo for the Weekend Gallery? Reach out and say hello.": "footer.contact",
    "The Riverside Gazette welcomes letters to the editor. We’d like to hear what you think about this or any of our"
    " articles. Here is our email: letters@example.com.": "footer.contact",
    "Find out which concerts are worth the ticket. Get The Setlist delivered every Friday.": "newsletter.prompt",
    "Tune in for weekly garden tips, seasonal recipes, local events and more.": "newsletter.sign-up-tail",
    "Please note: if you decide to buy a product through a link on this site, I may earn a commission at no cost to"
    " you.": "copyright.affiliate-tail",
    "Example Living has affiliate partnerships. We receive compensation when you click on a link and make a"
    " purchase.": "copyright.affiliate-tail",
}

PROSE = [
    "Curious about the scam? Email us at refunds@example-bank.com, the fake notice said, and 200 customers replied.",
    "The reporter emailed the council's press office at press@example.gov and got no answer for a week.",
    "Residents who want to share photos of the flood can send them to the county, which is building an archive.",
    "We’d like to hear what you think about this plan, the mayor told residents at the town hall, before the vote.",
    "Join our community garden on Saturdays and you will meet half the street, the organiser wrote in her invitation.",
    "Affiliate marketing pays the site's bills: every time a reader buys a blender through one of its links, the"
    " retailer pays it a commission.",
    "The retailer has affiliate partnerships with 400 bloggers, according to the complaint, and none of them disclosed"
    " it.",
    "If you buy through the links in the scam e-mail, the fraudsters may earn thousands, the bank warned.",
    "Some of the links in this story are affiliated sites run by the same company, the researchers found.",
    "The bank has a disclosure policy that requires its traders to report every gift.",
    "Sponsored content is now a third of the magazine's revenue.",
    "Local firms were asked to consider becoming a sponsor for the festival, and 12 did.",
    "Want to advertise in a magazine that nobody reads? That was the pitch the fraudsters made to small businesses.",
    "For more coverage, visit the library's newspaper archive, which holds every edition since 1890.",
    "Families who get the food boxes delivered every Thursday said the program had kept them going through the winter.",
    "Members register for monthly check-ups, a yearly scan and more, and the clinic bills their insurer.",
    "This story is exclusive to subscribers of the print edition, who also get a poster of the team.",
]


@pytest.mark.parametrize("where", ["middle", "tail"])
@pytest.mark.parametrize("line", PROSE)
def test_prose_is_kept(line: str, where: str) -> None:
    assert_kept(_clean(line, where), line)


@pytest.mark.parametrize("where", ["middle", "tail"])
@pytest.mark.parametrize(("line", "rule"), ANYWHERE.items())
def test_a_line_that_says_what_it_is_goes_anywhere(line: str, rule: str, where: str) -> None:
    assert_removed_by(_clean(line, where), line, rule, BODY)


@pytest.mark.parametrize(("line", "rule"), TAIL.items())
def test_a_closing_line_goes_at_the_tail(line: str, rule: str) -> None:
    assert_removed_by(_clean(line, "tail"), line, rule, BODY)


MORE = (
    "Parents at the meeting asked how the new money would be shared between the district's older and newer schools.",
    "The finance director said the formula would follow enrolment, as it has since the district was merged in 2009.",
    "A second hearing on the parks plan is set for next month, when residents can comment on the new playgrounds.",
)


@pytest.mark.parametrize("line", TAIL)
def test_a_closing_line_stays_in_the_middle(line: str) -> None:
    # The dev sets' gold keeps these lines inside articles (a reader's question with the desk's address, a
    # disclaimer under the headline), so the rules read them only in the last six paragraphs: here six follow it.
    article = newsclean.clean_text("\n\n".join(["Council approves new budget for schools", line, *BODY, *MORE]) + "\n")
    assert_kept(article, line)


STORY = (
    "The city council voted on Tuesday to approve a new budget that adds money for schools and parks across the"
    " district, after a debate that ran late into the evening.",
    "The vote was 7 to 2, with two members saying the plan relied on optimistic revenue forecasts and could force"
    " cuts next year if sales tax receipts fall short.",
    "The mayor is expected to sign the budget next week, officials said, after a final review by the finance office"
    " and a public hearing on the transit plan.",
    "The new fiscal year begins on July 1, and the schools will receive their first payments in August, the finance"
    " director told the council.",
    "Opponents said they would keep pressing for changes to the transit budget in the autumn, when the council takes"
    " up the capital plan.",
)


def _page(*closing: str) -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in (*STORY, *closing))
    return (
        "<html><head><title>Council approves new budget for schools</title></head><body><article>"
        f"<h1>Council approves new budget for schools</h1><p>Sponsored</p>{paragraphs}</article></body></html>"
    )


def test_a_page_loses_its_label_and_closing_lines() -> None:
    closing = (
        "Wondering what makes a rainbow double? Email us at skydesk@example.org.",
        "Want to advertise with the Riverside Gazette?",
    )
    article = newsclean.clean_html(_page(*closing), url="https://example.com/news/council-budget")
    removed = {removal.text: removal.rule for removal in article.removed}
    assert removed.get("Sponsored") == "widget.advertisement"
    assert removed.get(closing[0]) == "footer.contact"
    assert removed.get(closing[1]) == "widget.advertise-with-us"
    assert all(sentence in article.text for sentence in STORY)


def test_a_page_keeps_prose_with_the_same_words() -> None:
    closing = (
        "The reporter emailed the council's press office at press@example.gov and got no answer for a week.",
        "Families who get the food boxes delivered every Thursday said the program had kept them going through the"
        " winter.",
    )
    article = newsclean.clean_html(_page(*closing), url="https://example.com/news/council-budget")
    assert all(sentence in article.text for sentence in (*STORY, *closing))
